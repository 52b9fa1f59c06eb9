/**
 * The record cache of the overview's exact path (DESIGN §3.1: "cache by org unit + period +
 * last-updated"; decision 0504). One per browser tab, shared by every visit of the overview:
 *
 * - **Subtree caches.** A district's (or facility's) Person records are read once (org units of the
 *   subtree + tracker pages streamed to the worker) and kept IN THE WORKER as a session: records by
 *   UID, read and linked once. The main thread keeps only what the freshness check needs: each
 *   record's server stamp (`updatedAt`), the high-water mark (the latest stamp, server clock), the
 *   subtree's units and paths, a data version and the results already computed.
 * - **Any unit inside a cached subtree** is computed from that session with its own subtree as the
 *   scope (a facility after its district; the drill-down's children) — no new download.
 * - **Freshness check on reuse**: ONE tracker request for what changed since the high-water mark
 *   (`updatedAfter` minus an overlap, `includeDeleted=true`). Nothing changed → nothing else.
 *   Changed records replace theirs in the worker session, deleted ones are removed; the data
 *   version moves on and the results of the old version are dropped.
 * - **Results** are kept per unit + request (period, extra periods, drill-down) + data version:
 *   returning to a view already computed shows it at once.
 * - **Budget**: at most MAX_CACHED_RECORDS records over all subtrees; the least recently used
 *   subtrees are dropped first (the one in use is always kept). Everything is released after
 *   IDLE_RELEASE_MS without use, and on a page reload (nothing is written to disk: health records
 *   on shared computers).
 *
 * Pure TypeScript over the data adapter and a PairPort: no React (the hook is usePairComputation).
 */
import { ids } from '../../metadata/src/vocabulary'
import type { DhisClient } from '../data/client'
import { AbortedError } from '../data/errors'
import { fetchAllTrackedEntities, fetchTrackedEntitiesByUid, fetchTrackedEntityStamps, updatedAfterFor, type RecordStamp, type TrackedEntityQuery } from '../data/tracker'
import type { TrackedEntity } from '../domain/tracker'
import { fetchSubtree, type SubtreeUnit } from '../data/trajectories'
import type { ComputeSpec, ExactResult, FromWorker, PairPort, ToWorker } from './protocol'

/** Records per tracker page (large pages, DESIGN §3.1). */
export const EXACT_PAGE_SIZE = 1000
/**
 * Records kept over all cached subtrees. Measured ≈ 3.5 kB of heap per record once read and
 * linked (largest district of the 100 000-pair sandbox: 8 282 records → 29 MB), so 50 000
 * records ≈ 175 MB: several districts, or a small region, on a modest laptop (decision 0504).
 */
export const MAX_CACHED_RECORDS = 50_000
/** updatedAfter = high-water mark minus this (records stamped inside a transaction still open at our last read). */
export const CHECK_OVERLAP_MS = 5 * 60_000
export const MAX_RESULTS_PER_SUBTREE = 24
export const IDLE_RELEASE_MS = 20 * 60_000

export type ExactRequest = Omit<ComputeSpec, 'scope' | 'groups'>

export interface ExactProgress {
  /** Records received so far (or held, while computing). */
  loaded: number
  /** Records in the subtree, when the server says. */
  total?: number
  phase: 'orgUnits' | 'records' | 'compute'
}

export interface ChangeSummary {
  changed: number
  removed: number
  /** Browser time (display only). */
  at: number
}

export interface SubtreeCache {
  /** The org unit whose subtree was read. */
  root: string
  units: Map<string, SubtreeUnit>
  records: number
  /** Record UID → its own server stamp (server wall-clock ms), for telling a real change from a re-read. */
  stamps: Map<string, number | null>
  /** Latest server stamp among the records; null when the subtree had none. */
  highWater: number | null
  /** Data version: moves on with every change applied. */
  version: number
  /** When the records were last read or checked against the server (browser time, display only). */
  checkedAt: number
  lastChange?: ChangeSummary
  generation: number
  results: Map<string, ExactResult>
}

export interface CheckOutcome {
  changed: number
  removed: number
  /** Tracker requests the check made. */
  requests: number
}

/** The worker no longer holds the session (it was restarted or the cache entry dropped): read the subtree again. */
export class SessionLostError extends Error {
  constructor() {
    super('exact computation: the records are no longer held')
    this.name = 'SessionLostError'
  }
}

export interface ExactStoreOptions {
  createPort?: () => Promise<PairPort>
  maxRecords?: number
  overlapMs?: number
  maxResults?: number
  idleMs?: number
}

interface LoadJob {
  ctl: AbortController
  refs: number
  listeners: Set<(p: ExactProgress) => void>
  progress: ExactProgress
  promise: Promise<SubtreeCache>
}

const defaultCreatePort = async (): Promise<PairPort> => (await import('./createPairWorker')).createPairPort()

export const resultKey = (orgUnit: string, req: ExactRequest, breakdown: boolean): string => `${orgUnit}|${breakdown ? 'groups' : 'total'}|${JSON.stringify(req)}`

/** The units of `orgUnit`'s subtree within a cached subtree, and each one's group (the child of `orgUnit` it lies under). */
export function scopeWithin(units: Map<string, SubtreeUnit>, orgUnit: string): { scope: string[]; groups: Record<string, string> } {
  const scope: string[] = []
  const groups: Record<string, string> = {}
  for (const u of units.values()) {
    const parts = u.path.split('/').filter(Boolean)
    const i = parts.indexOf(orgUnit)
    if (i < 0) continue
    scope.push(u.id)
    if (parts.length > i + 1) groups[u.id] = parts[i + 1]
  }
  return { scope, groups }
}

export class ExactStore {
  private port: PairPort | undefined
  private portPromise: Promise<PairPort> | undefined
  private generation = 0
  private run = 0
  private waiting = new Map<number, (m: FromWorker) => void>()
  private loads = new Map<string, LoadJob>()
  private checks = new Map<string, Promise<CheckOutcome>>()
  private checkCtl = new AbortController()
  private computing = 0
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  /** LRU order: least recently used first. */
  readonly entries = new Map<string, SubtreeCache>()
  private readonly createPort: () => Promise<PairPort>
  readonly maxRecords: number
  private readonly overlapMs: number
  private readonly maxResults: number
  private readonly idleMs: number

  constructor(o: ExactStoreOptions = {}) {
    this.createPort = o.createPort ?? defaultCreatePort
    this.maxRecords = o.maxRecords ?? MAX_CACHED_RECORDS
    this.overlapMs = o.overlapMs ?? CHECK_OVERLAP_MS
    this.maxResults = o.maxResults ?? MAX_RESULTS_PER_SUBTREE
    this.idleMs = o.idleMs ?? IDLE_RELEASE_MS
  }

  /** true when the computation runs on the main thread (no Web Worker). */
  get inline(): boolean {
    return this.port?.inline ?? false
  }

  get cachedRecords(): number {
    let n = 0
    for (const e of this.entries.values()) n += e.records
    return n
  }

  static query(root: string): TrackedEntityQuery {
    return { orgUnits: [root], orgUnitMode: 'DESCENDANTS', trackedEntityType: ids.trackedEntityType(), pageSize: EXACT_PAGE_SIZE }
  }

  // ------------------------------------------------------------------ worker

  private async ensurePort(): Promise<PairPort> {
    if (this.port) return this.port
    if (!this.portPromise) {
      const gen = this.generation
      this.portPromise = this.createPort().then((p) => {
        if (gen !== this.generation) {
          p.terminate()
          throw new SessionLostError()
        }
        this.port = p
        p.onMessage((m) => this.dispatch(m))
        return p
      })
      this.portPromise.catch(() => {
        this.portPromise = undefined
      })
    }
    return this.portPromise
  }

  private dispatch(m: FromWorker): void {
    if (m.run === -1) {
      // the worker itself failed (script error, out of memory): everything it held is gone
      this.restart(m.type === 'error' ? m.message || 'worker error' : 'worker error')
      return
    }
    this.waiting.get(m.run)?.(m)
  }

  private post(port: PairPort, m: ToWorker): void {
    this.touchIdle()
    port.post(m)
  }

  /** Resolves with the run's final reply (progress goes to onProgress). Register before posting. */
  private reply(run: number, onProgress?: (m: Extract<FromWorker, { type: 'progress' }>) => void): Promise<FromWorker> {
    return new Promise((resolve) => {
      this.waiting.set(run, (m) => {
        if (m.type === 'progress') {
          onProgress?.(m)
          return
        }
        this.waiting.delete(run)
        resolve(m)
      })
    })
  }

  /**
   * Ends the worker and forgets every session (cancel during a compute — a running compute cannot
   * read messages — or a worker failure). Waiting runs end `cancelled` or `error`.
   */
  restart(errorMessage?: string): void {
    this.generation++
    this.port?.terminate()
    this.port = undefined
    this.portPromise = undefined
    this.entries.clear()
    for (const job of this.loads.values()) job.ctl.abort()
    this.checkCtl.abort()
    this.checkCtl = new AbortController()
    const waiting = [...this.waiting.entries()]
    this.waiting.clear()
    for (const [run, f] of waiting) f(errorMessage === undefined ? { type: 'cancelled', run } : { type: 'error', run, message: errorMessage })
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
  }

  private touchIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      if (this.loads.size || this.checks.size || this.computing || this.waiting.size) this.touchIdle()
      else this.restart()
    }, this.idleMs)
    // Node (tests, scripts): an idle release must not keep the process alive
    ;(this.idleTimer as unknown as { unref?: () => void }).unref?.()
  }

  // ------------------------------------------------------------------ subtrees

  /** The cached subtree holding `orgUnit` (its own, or an ancestor's); marks it used. */
  entryFor(orgUnit: string): SubtreeCache | undefined {
    let e = this.entries.get(orgUnit)
    if (!e) for (const x of this.entries.values()) if (x.units.has(orgUnit)) e = x
    if (e) {
      this.entries.delete(e.root)
      this.entries.set(e.root, e)
    }
    return e
  }

  /** Forget a subtree (its session in the worker too). */
  drop(entry: SubtreeCache): void {
    if (this.entries.get(entry.root) !== entry) return
    this.entries.delete(entry.root)
    if (this.port && entry.generation === this.generation) this.post(this.port, { type: 'drop', run: ++this.run, key: entry.root })
  }

  /** Drop least recently used subtrees until the budget holds (the one in use is kept). */
  private evict(keep: string): void {
    let total = this.cachedRecords
    for (const e of [...this.entries.values()]) {
      if (total <= this.maxRecords) break
      if (e.root === keep) continue
      this.drop(e)
      total -= e.records
    }
  }

  /**
   * Read `root`'s subtree into the worker (joins a read already under way). `release()` when no
   * longer interested: a read nobody waits for is aborted (after a tick, so that a period change
   * re-joining at once does not restart it).
   */
  load(client: DhisClient, root: string, onProgress: (p: ExactProgress) => void): { promise: Promise<SubtreeCache>; release: () => void } {
    let job = this.loads.get(root)
    if (!job) {
      const ctl = new AbortController()
      const j: LoadJob = { ctl, refs: 0, listeners: new Set(), progress: { loaded: 0, phase: 'orgUnits' }, promise: Promise.resolve(undefined as unknown as SubtreeCache) }
      j.promise = this.read(client, root, j).finally(() => {
        if (this.loads.get(root) === j) this.loads.delete(root)
      })
      j.promise.catch(() => undefined)
      this.loads.set(root, j)
      job = j
    }
    const j = job
    j.refs++
    j.listeners.add(onProgress)
    onProgress(j.progress)
    let released = false
    return {
      promise: j.promise,
      release: () => {
        if (released) return
        released = true
        j.refs--
        j.listeners.delete(onProgress)
        setTimeout(() => {
          if (j.refs === 0) j.ctl.abort()
        }, 0)
      },
    }
  }

  /** Abort the read of `root` now, whoever waits for it. */
  cancelLoad(root: string): void {
    this.loads.get(root)?.ctl.abort()
  }

  get busyComputing(): boolean {
    return this.computing > 0
  }

  private async read(client: DhisClient, root: string, job: LoadJob): Promise<SubtreeCache> {
    const signal = job.ctl.signal
    const emit = (p: ExactProgress): void => {
      job.progress = p
      for (const f of job.listeners) f(p)
    }
    const port = await this.ensurePort()
    if (signal.aborted) throw new AbortedError()
    const gen = this.generation
    const run = ++this.run
    this.post(port, { type: 'open', run, key: root })
    try {
      emit({ loaded: 0, phase: 'orgUnits' })
      const tree = await fetchSubtree(client, root, { signal })
      emit({ loaded: 0, phase: 'records' })
      const stamps = new Map<string, number | null>()
      let highWater: number | null = null
      await fetchAllTrackedEntities(client, ExactStore.query(root), {
        signal,
        collect: false,
        onPage: (items, pg, st) => {
          if (signal.aborted || gen !== this.generation) return
          this.post(port, { type: 'load', run, items })
          for (const s of st) {
            if (s.uid) stamps.set(s.uid, s.own)
            if (s.updatedAt !== null && (highWater === null || s.updatedAt > highWater)) highWater = s.updatedAt
          }
          emit({ loaded: pg.fetched, total: pg.total, phase: 'records' })
        },
      })
      if (signal.aborted) throw new AbortedError()
      if (gen !== this.generation) throw new SessionLostError()
      const done = this.reply(run)
      this.post(port, { type: 'commit', run, key: root })
      const m = await done
      if (m.type === 'cancelled') throw new AbortedError()
      if (m.type === 'error') throw new Error(m.message)
      if (m.type !== 'committed' || gen !== this.generation) throw new SessionLostError()
      if (signal.aborted) {
        // nobody waits for it any more (the page was left): do not keep it
        this.post(port, { type: 'drop', run: ++this.run, key: root })
        throw new AbortedError()
      }
      const entry: SubtreeCache = { root, units: tree.units, records: m.records, stamps, highWater, version: 1, checkedAt: Date.now(), generation: gen, results: new Map() }
      // a cached descendant is covered by this subtree now
      for (const e of [...this.entries.values()]) if (e.root !== root && tree.units.has(e.root)) this.drop(e)
      this.entries.delete(root)
      this.entries.set(root, entry)
      this.evict(root)
      return entry
    } catch (e) {
      if (gen === this.generation) this.post(port, { type: 'cancel', run })
      throw e
    }
  }

  // ------------------------------------------------------------------ results

  /** Whether a cached subtree holds the unit (then it was offered the exact path already). */
  holds(orgUnit: string): boolean {
    if (this.entries.has(orgUnit)) return true
    for (const x of this.entries.values()) if (x.units.has(orgUnit)) return true
    return false
  }

  /** A result already in the cache for this unit and request (current data version), without marking anything used: for rendering. */
  peek(orgUnit: string, req: ExactRequest, breakdown: boolean): ExactResult | undefined {
    let e = this.entries.get(orgUnit)
    if (!e) for (const x of this.entries.values()) if (x.units.has(orgUnit)) e = x
    return e && e.generation === this.generation ? this.cached(e, orgUnit, req, breakdown) : undefined
  }

  /** A result already computed for this unit, request and data version (a drill-down result also answers the totals). */
  cached(entry: SubtreeCache, orgUnit: string, req: ExactRequest, breakdown: boolean): ExactResult | undefined {
    const own = entry.results.get(resultKey(orgUnit, req, breakdown))
    if (own || breakdown) return own
    return entry.results.get(resultKey(orgUnit, req, true))
  }

  private remember(entry: SubtreeCache, key: string, r: ExactResult): void {
    entry.results.delete(key)
    entry.results.set(key, r)
    while (entry.results.size > this.maxResults) entry.results.delete(entry.results.keys().next().value as string)
  }

  /** The result for `orgUnit` (inside the cached subtree) and the request: from the cache, or computed on the worker's session. */
  async compute(entry: SubtreeCache, orgUnit: string, req: ExactRequest, breakdown: boolean, onProgress?: (p: ExactProgress) => void): Promise<{ result: ExactResult; cached: boolean }> {
    const hit = this.cached(entry, orgUnit, req, breakdown)
    if (hit) return { result: hit, cached: true }
    const port = await this.ensurePort()
    if (this.entries.get(entry.root) !== entry || entry.generation !== this.generation) throw new SessionLostError()
    const { scope, groups } = scopeWithin(entry.units, orgUnit)
    const version = entry.version
    const run = ++this.run
    const done = this.reply(run, (p) => onProgress?.({ loaded: p.loaded, total: entry.records, phase: 'compute' }))
    this.computing++
    let m: FromWorker
    try {
      this.post(port, { type: 'compute', run, key: entry.root, spec: { ...req, scope, ...(breakdown ? { groups } : {}) } })
      m = await done
    } finally {
      this.computing--
    }
    if (m.type === 'missing') {
      this.drop(entry)
      throw new SessionLostError()
    }
    if (m.type === 'cancelled') throw new AbortedError()
    if (m.type === 'error') throw new Error(m.message)
    if (m.type !== 'result') throw new SessionLostError()
    if (entry.version === version && this.entries.get(entry.root) === entry) this.remember(entry, resultKey(orgUnit, req, breakdown), m.result)
    return { result: m.result, cached: false }
  }

  // ------------------------------------------------------------------ freshness

  /**
   * Ask the server what changed in the subtree since the high-water mark (joins a check already
   * under way) and apply it to the worker's session. The previous figures stay valid until this
   * resolves; on failure nothing is changed.
   */
  check(client: DhisClient, entry: SubtreeCache): Promise<CheckOutcome> {
    const running = this.checks.get(entry.root)
    if (running) return running
    const p = this.doCheck(client, entry).finally(() => {
      if (this.checks.get(entry.root) === p) this.checks.delete(entry.root)
    })
    this.checks.set(entry.root, p)
    return p
  }

  private async doCheck(client: DhisClient, entry: SubtreeCache): Promise<CheckOutcome> {
    const gen = this.generation
    const signal = this.checkCtl.signal
    const q = ExactStore.query(entry.root)
    const since = entry.highWater === null ? undefined : updatedAfterFor(entry.highWater, this.overlapMs)
    this.touchIdle()
    // 1. what changed since: stamps only (the overlap re-reads a few stamps, never their records)
    const got = await fetchTrackedEntityStamps(client, q, since, { signal })
    let requests = got.requests
    const lost = (): boolean => gen !== this.generation || this.entries.get(entry.root) !== entry
    if (lost()) throw new SessionLostError()
    let highWater = entry.highWater
    const seeHigh = (st: RecordStamp): void => {
      if (st.updatedAt !== null && (highWater === null || st.updatedAt > highWater)) highWater = st.updatedAt
    }
    const toFetch = new Set<string>()
    const removed = new Set<string>()
    for (const st of got.stamps) {
      seeHigh(st)
      if (!st.uid) continue
      if (st.deleted) {
        if (entry.stamps.has(st.uid)) removed.add(st.uid)
      } else if (!entry.stamps.has(st.uid) || entry.stamps.get(st.uid) !== st.own) toFetch.add(st.uid)
    }
    // without a high-water mark every stamp came back: what the list no longer holds is gone
    if (since === undefined) {
      const present = new Set(got.stamps.map((x) => x.uid))
      for (const uid of entry.stamps.keys()) if (!present.has(uid)) removed.add(uid)
    }
    // 2. only the records that really changed, by UID
    let items: TrackedEntity[] = []
    const next = new Map<string, number | null>()
    if (toFetch.size) {
      const r = await fetchTrackedEntitiesByUid(client, q, [...toFetch], { signal })
      requests += r.requests
      if (lost()) throw new SessionLostError()
      const back = new Set<string>()
      for (let i = 0; i < r.items.length; i++) {
        const st = r.stamps[i]
        seeHigh(st)
        back.add(st.uid)
        if (st.deleted) {
          if (entry.stamps.has(st.uid)) removed.add(st.uid)
          continue
        }
        items.push(r.items[i])
        next.set(st.uid, st.own)
      }
      // asked for but not returned: deleted meanwhile, or no longer in the subtree
      for (const uid of toFetch) if (!back.has(uid) && entry.stamps.has(uid)) removed.add(uid)
      items = items.filter((x) => !removed.has(x.trackedEntity))
    }
    if (items.length || removed.size) {
      const port = await this.ensurePort()
      if (lost()) throw new SessionLostError()
      const run = ++this.run
      const done = this.reply(run)
      this.post(port, { type: 'update', run, key: entry.root, items, removed: [...removed] })
      const m = await done
      if (m.type === 'missing') {
        this.drop(entry)
        throw new SessionLostError()
      }
      if (m.type === 'cancelled') throw new AbortedError()
      if (m.type === 'error') throw new Error(m.message)
      if (m.type !== 'updated') throw new SessionLostError()
      for (const [uid, t] of next) entry.stamps.set(uid, t)
      for (const uid of removed) entry.stamps.delete(uid)
      entry.records = m.records
      entry.version++
      entry.results.clear()
      entry.lastChange = { changed: items.length, removed: removed.size, at: Date.now() }
      this.evict(entry.root)
    }
    entry.highWater = highWater
    entry.checkedAt = Date.now()
    return { changed: items.length, removed: removed.size, requests }
  }
}

let shared: ExactStore | undefined

/** The tab's store (created on first use). */
export function exactStore(): ExactStore {
  if (!shared) shared = new ExactStore()
  return shared
}

/** Tests: start from an empty cache (ends the worker), optionally with other options. */
export function resetExactStore(o?: ExactStoreOptions): ExactStore {
  shared?.restart()
  shared = new ExactStore(o)
  return shared
}
