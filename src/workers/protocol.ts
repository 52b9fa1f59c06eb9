/**
 * Message protocol of the pair worker (DESIGN §3.1: tracker pages → Web Worker → domain engine),
 * and its handler. Pure: no DOM, no fetch; every message survives structured cloning. The worker
 * (pairs.worker.ts) wires `createPairHandler` to `self.postMessage`; the main-thread fallback
 * (inlinePort) runs the same handler between macrotasks.
 *
 * Runs are numbered (`run`): replies of an old run are ignored by the hook; `reset` starts a run
 * (drops the pages held), `load` appends one page, `compute` reads+links the pages held and runs
 * the engine, `cancel` marks a run cancelled (pages dropped, a pending compute replies `cancelled`).
 */
import type { ProblemCode } from '../domain/pairs/problems'
import type { IndicatorValue, Period } from '../domain/indicators/engine'
import { PairSession, type Phase } from '../domain/indicators/worker-api'

export interface ComputeSpec {
  period: Period
  /** Org-unit UIDs in scope (the selected subtree); null = every org unit of the loaded data. */
  scope: string[] | null
  /** Indicator codes (default: every tracker and derived indicator of the catalog). */
  codes?: string[]
  /** Extra periods counted in the same pass (e.g. sparkline months); at most 29. */
  extraPeriods?: Period[]
}

export type ToWorker =
  | { type: 'reset'; run: number }
  | { type: 'load'; run: number; items: unknown[] }
  | { type: 'compute'; run: number; spec: ComputeSpec }
  | { type: 'cancel'; run: number }

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
}

export type FromWorker =
  | { type: 'progress'; run: number; phase: Phase | 'load'; loaded: number; fraction?: number }
  | { type: 'result'; run: number; result: ExactResult }
  | { type: 'cancelled'; run: number }
  | { type: 'error'; run: number; message: string }

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
      return { type: 'compute', run: m.run, spec: s as unknown as ComputeSpec }
    }
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
  return undefined
}

/** The worker's state machine: feed it messages, it posts replies. */
export function createPairHandler(post: (m: FromWorker) => void): (raw: unknown) => void {
  let run = -1
  let pages: unknown[][] = []
  let loaded = 0
  const cancelled = new Set<number>()
  return (raw) => {
    const m = parseToWorker(raw)
    if (!m) return
    if (m.type === 'cancel') {
      cancelled.add(m.run)
      if (m.run === run) {
        pages = []
        loaded = 0
      }
      return
    }
    if (m.type === 'reset') {
      run = m.run
      pages = []
      loaded = 0
      return
    }
    if (m.run !== run || cancelled.has(m.run)) {
      if (m.type === 'compute') post({ type: 'cancelled', run: m.run })
      return
    }
    if (m.type === 'load') {
      pages.push(m.items)
      loaded += m.items.length
      post({ type: 'progress', run, phase: 'load', loaded })
      return
    }
    // compute
    try {
      const session = new PairSession()
      const current = run
      const onProgress = (p: { phase: Phase; fraction: number }): void => post({ type: 'progress', run: current, phase: p.phase, loaded, fraction: p.fraction })
      const isCancelled = (): boolean => cancelled.has(current)
      if (!session.load({ pages }, onProgress, isCancelled)) {
        post({ type: 'cancelled', run: current })
        return
      }
      const r = session.compute({ period: m.spec.period, scope: m.spec.scope, ...(m.spec.codes ? { codes: m.spec.codes } : {}), ...(m.spec.extraPeriods ? { extraPeriods: m.spec.extraPeriods } : {}) }, onProgress, isCancelled)
      if (r.cancelled || !r.indicators) {
        post({ type: 'cancelled', run: current })
        return
      }
      const ind = r.indicators
      post({
        type: 'result',
        run: current,
        result: {
          period: ind.period,
          previousYear: ind.previousYear,
          values: ind.values,
          previousYearValues: ind.previousYearValues,
          extra: ind.extra,
          problems: r.problems.length,
          problemCounts: r.problemCounts,
          records: r.summary.entities,
          pairs: r.summary.pairs,
        },
      })
    } catch (e) {
      post({ type: 'error', run: m.run, message: e instanceof Error ? e.message : String(e) })
    }
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
