/**
 * Message protocol of the pair worker (DESIGN §3.1: tracker pages → Web Worker → domain engine),
 * and its handler. Pure: no DOM, no fetch; every message survives structured cloning. The worker
 * (pairs.worker.ts) wires `createPairHandler` to `self.postMessage`; the main-thread fallback
 * (inlinePort) runs the same handler between macrotasks.
 *
 * Runs are numbered (`run`): replies of an old run are ignored by the hook; `reset` starts a run
 * (drops the pages held), `load` appends one page, `compute` reads+links the pages held and runs
 * the engine, `cancel` marks a run cancelled (pages dropped, a pending compute replies `cancelled`).
 *
 * Sessions (the overview's record cache, decision 0504): a session is a subtree's records kept in
 * the worker by UID, read and linked once, computed many times. `open` starts loading a session
 * (then `load` pages of that run), `commit` makes it the session of its key (replacing an older
 * one), `update` replaces changed records and removes deleted ones (the session is linked again
 * on the next compute), `compute` with a `key` runs on that session (linking it first when
 * needed), `drop` forgets it. A key the worker does not hold (e.g. after a restart) answers
 * `missing`, and the caller loads it again.
 */
import type { ProblemCode } from '../domain/pairs/problems'
import type { IndicatorValue, Period } from '../domain/indicators/engine'
import { PairSession, type PairComputeResponse, type Phase } from '../domain/indicators/worker-api'

export interface ComputeSpec {
  period: Period
  /** Org-unit UIDs in scope (the selected subtree); null = every org unit of the loaded data. */
  scope: string[] | null
  /** Indicator codes (default: every tracker and derived indicator of the catalog). */
  codes?: string[]
  /** Extra periods counted in the same pass (e.g. sparkline months); at most 29. */
  extraPeriods?: Period[]
  /**
   * Drill-down: org unit → group (the child of the selected unit it lies under). The result then
   * carries the values per group for the period and for the same period last year.
   */
  groups?: Record<string, string>
}

export type ToWorker =
  | { type: 'reset'; run: number }
  | { type: 'load'; run: number; items: unknown[] }
  | { type: 'compute'; run: number; spec: ComputeSpec; key?: string }
  | { type: 'cancel'; run: number }
  | { type: 'open'; run: number; key: string }
  | { type: 'commit'; run: number; key: string }
  | { type: 'update'; run: number; key: string; items: unknown[]; removed: string[] }
  | { type: 'drop'; run: number; key: string }

export interface ExactResult {
  period: Period
  previousYear: Period
  values: Record<string, IndicatorValue>
  previousYearValues: Record<string, IndicatorValue>
  /** Same order as spec.extraPeriods. */
  extra: Record<string, IndicatorValue>[]
  problems: number
  problemCounts: Partial<Record<ProblemCode, number>>
  records: number
  pairs: number
  /** Per group of spec.groups (groups without any counted event are absent). */
  byGroup?: Record<string, Record<string, IndicatorValue>>
  byGroupPreviousYear?: Record<string, Record<string, IndicatorValue>>
  /** Session computes: whether the records were (re)linked for this result, and the time spent. */
  linked?: boolean
  linkMs?: number
  computeMs?: number
}

export type FromWorker =
  | { type: 'progress'; run: number; phase: Phase | 'load'; loaded: number; fraction?: number }
  | { type: 'result'; run: number; result: ExactResult }
  | { type: 'cancelled'; run: number }
  | { type: 'error'; run: number; message: string }
  | { type: 'committed'; run: number; key: string; records: number }
  | { type: 'updated'; run: number; key: string; records: number }
  | { type: 'missing'; run: number; key: string }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Narrow an incoming message (anything can arrive on a port); undefined when it is not one of ours. */
export function parseToWorker(m: unknown): ToWorker | undefined {
  if (!isObj(m) || typeof m.run !== 'number') return undefined
  switch (m.type) {
    case 'reset':
    case 'cancel':
      return { type: m.type, run: m.run }
    case 'load':
      return Array.isArray(m.items) ? { type: 'load', run: m.run, items: m.items } : undefined
    case 'compute': {
      const s = m.spec
      if (!isObj(s) || !isObj(s.period) || typeof s.period.start !== 'string' || typeof s.period.end !== 'string') return undefined
      if (s.scope !== null && !(Array.isArray(s.scope) && s.scope.every((x) => typeof x === 'string'))) return undefined
      if (s.groups !== undefined && !(isObj(s.groups) && Object.values(s.groups).every((x) => typeof x === 'string'))) return undefined
      if (m.key !== undefined && typeof m.key !== 'string') return undefined
      return { type: 'compute', run: m.run, spec: s as unknown as ComputeSpec, ...(typeof m.key === 'string' ? { key: m.key } : {}) }
    }
    case 'open':
    case 'commit':
    case 'drop':
      return typeof m.key === 'string' ? { type: m.type, run: m.run, key: m.key } : undefined
    case 'update':
      return typeof m.key === 'string' && Array.isArray(m.items) && Array.isArray(m.removed) && m.removed.every((x) => typeof x === 'string')
        ? { type: 'update', run: m.run, key: m.key, items: m.items, removed: m.removed as string[] }
        : undefined
    default:
      return undefined
  }
}

export function parseFromWorker(m: unknown): FromWorker | undefined {
  if (!isObj(m) || typeof m.run !== 'number') return undefined
  if (m.type === 'progress' && typeof m.loaded === 'number') return m as unknown as FromWorker
  if (m.type === 'result' && isObj(m.result) && isObj(m.result.values)) return m as unknown as FromWorker
  if (m.type === 'cancelled') return { type: 'cancelled', run: m.run }
  if (m.type === 'error') return { type: 'error', run: m.run, message: typeof m.message === 'string' ? m.message : '' }
  if ((m.type === 'committed' || m.type === 'updated') && typeof m.key === 'string' && typeof m.records === 'number') return { type: m.type, run: m.run, key: m.key, records: m.records }
  if (m.type === 'missing' && typeof m.key === 'string') return { type: 'missing', run: m.run, key: m.key }
  return undefined
}

/** Records of a session by tracked-entity UID; records without one are kept apart (they become parse problems). */
interface Held {
  byUid: Map<string, unknown>
  loose: unknown[]
}

const heldRecords = (): Held => ({ byUid: new Map(), loose: [] })
const uidOf = (x: unknown): string | undefined => (isObj(x) && typeof x.trackedEntity === 'string' && x.trackedEntity !== '' ? x.trackedEntity : undefined)

function hold(h: Held, items: unknown[]): void {
  for (const x of items) {
    const id = uidOf(x)
    if (id === undefined) h.loose.push(x)
    else h.byUid.set(id, x)
  }
}

const sizeOf = (h: Held): number => h.byUid.size + h.loose.length

interface Session {
  held: Held
  /** Parsed and linked; null when (re)linking is needed. */
  linked: PairSession | null
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/** The worker's state machine: feed it messages, it posts replies. */
export function createPairHandler(post: (m: FromWorker) => void): (raw: unknown) => void {
  // one-shot runs (reset / load / compute without key)
  let run = -1
  let pages: unknown[][] = []
  let loaded = 0
  const cancelled = new Set<number>()
  // sessions
  const sessions = new Map<string, Session>()
  let staging: { run: number; key: string; held: Held } | null = null

  const resultOf = (r: PairComputeResponse, extra: Partial<ExactResult> = {}): ExactResult => {
    const ind = r.indicators!
    return {
      period: ind.period,
      previousYear: ind.previousYear,
      values: ind.values,
      previousYearValues: ind.previousYearValues,
      extra: ind.extra,
      problems: r.problems.length,
      problemCounts: r.problemCounts,
      records: r.summary.entities,
      pairs: r.summary.pairs,
      ...extra,
    }
  }

  const computeSession = (m: { run: number; spec: ComputeSpec; key: string }): void => {
    const s = sessions.get(m.key)
    if (!s) {
      post({ type: 'missing', run: m.run, key: m.key })
      return
    }
    const current = m.run
    const isCancelled = (): boolean => cancelled.has(current)
    const onProgress = (p: { phase: Phase; fraction: number }): void => post({ type: 'progress', run: current, phase: p.phase, loaded: sizeOf(s.held), fraction: p.fraction })
    let linked = false
    let linkMs = 0
    if (!s.linked) {
      const t0 = now()
      const session = new PairSession()
      const list: unknown[] = []
      for (const x of s.held.byUid.values()) list.push(x)
      for (const x of s.held.loose) list.push(x)
      if (!session.load({ pages: [list] }, onProgress, isCancelled)) {
        post({ type: 'cancelled', run: current })
        return
      }
      s.linked = session
      linked = true
      linkMs = now() - t0
    }
    const t1 = now()
    const spec = m.spec
    const base = { scope: spec.scope, ...(spec.codes ? { codes: spec.codes } : {}), trajectories: false }
    const r = s.linked.compute({ ...base, period: spec.period, ...(spec.extraPeriods ? { extraPeriods: spec.extraPeriods } : {}), ...(spec.groups ? { groups: spec.groups } : {}) }, onProgress, isCancelled)
    if (r.cancelled || !r.indicators) {
      post({ type: 'cancelled', run: current })
      return
    }
    const extra: Partial<ExactResult> = { linked, linkMs }
    if (spec.groups) {
      // the engine breaks groups down for the main period only: one more pass for the same period last year
      const prev = s.linked.compute({ ...base, period: r.indicators.previousYear, groups: spec.groups }, undefined, isCancelled)
      if (prev.cancelled || !prev.indicators) {
        post({ type: 'cancelled', run: current })
        return
      }
      extra.byGroup = r.indicators.byGroup
      extra.byGroupPreviousYear = prev.indicators.byGroup
    }
    extra.computeMs = now() - t1
    post({ type: 'result', run: current, result: resultOf(r, extra) })
  }

  return (raw) => {
    const m = parseToWorker(raw)
    if (!m) return
    try {
      switch (m.type) {
        case 'cancel':
          cancelled.add(m.run)
          if (m.run === run) {
            pages = []
            loaded = 0
          }
          if (staging?.run === m.run) staging = null
          return
        case 'reset':
          run = m.run
          pages = []
          loaded = 0
          return
        case 'open':
          staging = { run: m.run, key: m.key, held: heldRecords() }
          return
        case 'commit':
          if (!staging || staging.run !== m.run || staging.key !== m.key || cancelled.has(m.run)) {
            post({ type: 'missing', run: m.run, key: m.key })
            return
          }
          sessions.set(m.key, { held: staging.held, linked: null })
          post({ type: 'committed', run: m.run, key: m.key, records: sizeOf(staging.held) })
          staging = null
          return
        case 'update': {
          const s = sessions.get(m.key)
          if (!s) {
            post({ type: 'missing', run: m.run, key: m.key })
            return
          }
          hold(s.held, m.items)
          for (const id of m.removed) s.held.byUid.delete(id)
          s.linked = null
          post({ type: 'updated', run: m.run, key: m.key, records: sizeOf(s.held) })
          return
        }
        case 'drop':
          sessions.delete(m.key)
          return
        case 'load':
          if (staging && staging.run === m.run) {
            hold(staging.held, m.items)
            post({ type: 'progress', run: m.run, phase: 'load', loaded: sizeOf(staging.held) })
            return
          }
          if (m.run !== run || cancelled.has(m.run)) return
          pages.push(m.items)
          loaded += m.items.length
          post({ type: 'progress', run, phase: 'load', loaded })
          return
        case 'compute':
          if (m.key !== undefined) {
            if (cancelled.has(m.run)) post({ type: 'cancelled', run: m.run })
            else computeSession({ run: m.run, spec: m.spec, key: m.key })
            return
          }
          if (m.run !== run || cancelled.has(m.run)) {
            post({ type: 'cancelled', run: m.run })
            return
          }
          computeOnce(m.spec)
          return
      }
    } catch (e) {
      post({ type: 'error', run: m.run, message: e instanceof Error ? e.message : String(e) })
    }
  }

  function computeOnce(spec: ComputeSpec): void {
    const session = new PairSession()
    const current = run
    const onProgress = (p: { phase: Phase; fraction: number }): void => post({ type: 'progress', run: current, phase: p.phase, loaded, fraction: p.fraction })
    const isCancelled = (): boolean => cancelled.has(current)
    if (!session.load({ pages }, onProgress, isCancelled)) {
      post({ type: 'cancelled', run: current })
      return
    }
    const r = session.compute({ period: spec.period, scope: spec.scope, trajectories: false, ...(spec.codes ? { codes: spec.codes } : {}), ...(spec.extraPeriods ? { extraPeriods: spec.extraPeriods } : {}) }, onProgress, isCancelled)
    if (r.cancelled || !r.indicators) {
      post({ type: 'cancelled', run: current })
      return
    }
    post({ type: 'result', run: current, result: resultOf(r) })
  }
}

/** What the hook talks to: a Worker or the main-thread fallback. */
export interface PairPort {
  post: (m: ToWorker) => void
  onMessage: (f: (m: FromWorker) => void) => void
  terminate: () => void
  /** true when the computation runs on the main thread (no Worker available). */
  inline: boolean
}

/** Main-thread fallback: the same handler, each message handled in its own macrotask (the page stays responsive between pages). */
export function inlinePort(): PairPort {
  let listener: ((m: FromWorker) => void) | undefined
  let closed = false
  const handle = createPairHandler((m) => {
    if (!closed) listener?.(m)
  })
  return {
    inline: true,
    post: (m) => {
      setTimeout(() => {
        if (!closed) handle(m)
      }, 0)
    },
    onMessage: (f) => {
      listener = f
    },
    terminate: () => {
      closed = true
    },
  }
}
