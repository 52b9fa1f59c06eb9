/**
 * Exact pair computation for an org-unit subtree (DESIGN §3.1), over the tab's record cache
 * (exactStore.ts, decision 0504):
 *
 * - first time for a subtree: its org units (1 request, the scope), then every Person record page
 *   by page, each page streamed to the pair worker, which keeps them as a session; progress; cancel;
 * - a unit inside a cached subtree (another period, a facility of the district, a return to the
 *   page): the result from the cache, or computed on the worker's session at once; THEN one
 *   freshness request (what changed since the records' high-water mark, deletions included) —
 *   nothing changed: the figures stand; changes: applied to the session and recomputed. The
 *   previous figures stay on screen while checking, and if the check fails (with the error shown);
 * - `refresh()` reads the whole subtree again; `recheck()` runs the freshness check now;
 * - with `breakdown`, the result also carries the values per child of the unit (drill-down),
 *   computed in the same worker message.
 * Without Worker support the same protocol runs on the main thread (`inline: true`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { AbortedError, toDyadErrorSafe, type DyadError } from '../data/errors'
import { useClient } from '../data/useClient'
import { exactStore, SessionLostError, type ChangeSummary, type ExactProgress, type ExactRequest, type SubtreeCache } from './exactStore'
import type { ExactResult } from './protocol'

export { EXACT_PAGE_SIZE, type ExactProgress, type ExactRequest } from './exactStore'

export type ExactStatus = 'idle' | 'loading' | 'computing' | 'done' | 'cancelled' | 'error'

export interface PairComputation {
  status: ExactStatus
  progress: ExactProgress | undefined
  /** Totals for the unit and request (tiles). */
  result: ExactResult | undefined
  /** With `breakdown`: the result carrying the values per child (undefined while it is computed). */
  breakdown: ExactResult | undefined
  error: DyadError | undefined
  /** true when no Web Worker could be used: the computation runs on the main thread. */
  inline: boolean
  /** The result shown came from the cache (no computation for it). */
  fromCache: boolean
  /** A freshness check is under way (the figures shown are those of the last check). */
  checking: boolean
  /** When the records were last read or checked against the server (browser time). */
  checkedAt: number | undefined
  /** Latest change among the records, on the server's clock (wall-clock ms of the server's zone). */
  serverUpdatedAt: number | null | undefined
  /** The last freshness check failed: the figures are those of `checkedAt`. */
  checkError: DyadError | undefined
  /** The last change applied by a freshness check. */
  lastChange: ChangeSummary | undefined
  /** Records held for the subtree. */
  records: number | undefined
  /** Name of the unit, from the cached subtree (when analytics has not answered yet). */
  unitName: string | undefined
  cancel: () => void
  /** Compute again (after a cancel or an error). */
  rerun: () => void
  /** Check the server for changes now. */
  recheck: () => void
  /** Read every record of the subtree again. */
  refresh: () => void
}

export function usePairComputation(orgUnit: string | undefined, request: ExactRequest | null, enabled: boolean, options: { breakdown?: boolean } = {}): PairComputation {
  const client = useClient()
  const breakdownWanted = options.breakdown === true
  const [status, setStatus] = useState<ExactStatus>('idle')
  const [progress, setProgress] = useState<ExactProgress>()
  // results carry the unit and request they were computed for: a render between a change of
  // selection and the effect that follows never shows the previous selection's figures as current
  const [resultState, setResultState] = useState<{ r: ExactResult; for: string }>()
  const [breakdownState, setBreakdownState] = useState<{ r: ExactResult; for: string }>()
  const [error, setError] = useState<DyadError>()
  const [inline, setInline] = useState(false)
  const [fromCache, setFromCache] = useState(false)
  const [checking, setChecking] = useState(false)
  const [checkError, setCheckError] = useState<DyadError>()
  const [info, setInfo] = useState<{ checkedAt: number; serverUpdatedAt: number | null; lastChange: ChangeSummary | undefined; records: number; unitName: string | undefined }>()
  const [tick, setTick] = useState(0)
  const forceReload = useRef(false)
  const stop = useRef<() => void>()
  const key = useMemo(() => (request ? JSON.stringify(request) : ''), [request])
  const current = `${orgUnit ?? ''}|${key}`

  useEffect(() => {
    if (!enabled || !orgUnit || !request) {
      setStatus('idle')
      setResultState(undefined)
      setBreakdownState(undefined)
      setProgress(undefined)
      setChecking(false)
      return
    }
    const store = exactStore()
    const setResult = (r: ExactResult | undefined): void => setResultState(r ? { r, for: current } : undefined)
    const setBreakdown = (r: ExactResult | undefined): void => setBreakdownState(r ? { r, for: current } : undefined)
    let live = true
    let release: (() => void) | undefined
    let root: string | undefined
    const sync = (e: SubtreeCache): void => {
      if (live) setInfo({ checkedAt: e.checkedAt, serverUpdatedAt: e.highWater, lastChange: e.lastChange, records: e.records, unitName: e.units.get(orgUnit)?.name })
    }
    const onProgress = (p: ExactProgress): void => {
      if (live) setProgress(p)
    }
    setError(undefined)
    setCheckError(undefined)
    setBreakdown(undefined)
    stop.current = () => {
      if (!live) return
      if (root) store.cancelLoad(root)
      // a compute cannot read messages: ending the worker is what stops it (its sessions go with it)
      if (store.busyComputing) store.restart()
      setProgress(undefined)
      setStatus('cancelled')
      live = false
    }

    /** Totals (and the breakdown when wanted) on a cached subtree. */
    const show = async (entry: SubtreeCache, fresh: boolean): Promise<void> => {
      const main = store.cached(entry, orgUnit, request, false)
      if (main) {
        setResult(main)
        setFromCache(true)
        setStatus('done')
        setProgress(undefined)
      } else if (fresh) {
        setStatus('computing')
        setProgress({ loaded: entry.records, total: entry.records, phase: 'compute' })
      }
      if (!main || breakdownWanted) {
        const r = await store.compute(entry, orgUnit, request, breakdownWanted, onProgress)
        if (!live) return
        setResult(r.result)
        if (breakdownWanted) setBreakdown(r.result)
        setFromCache(r.cached && !!main)
        setStatus('done')
        setProgress(undefined)
      }
      setInline(store.inline)
      sync(entry)
    }

    const go = async (attempt: number): Promise<void> => {
      let entry = store.entryFor(orgUnit)
      // Refresh reads the whole cached subtree again (the district's, when the unit is one of its facilities)
      let loadRoot = orgUnit
      if (entry && forceReload.current) {
        loadRoot = entry.root
        store.drop(entry)
        entry = undefined
      }
      forceReload.current = false
      if (!entry) {
        setStatus('loading')
        setResult(undefined)
        setBreakdown(undefined)
        setFromCache(false)
        setProgress({ loaded: 0, phase: 'orgUnits' })
        root = loadRoot
        const job = store.load(client, loadRoot, onProgress)
        release = job.release
        const loaded = await job.promise
        if (!live) return
        setInline(store.inline)
        await show(loaded, true)
        return
      }
      root = entry.root
      await show(entry, true)
      if (!live) return
      // stale-while-revalidate: the figures are on screen; ask the server what changed since
      setChecking(true)
      try {
        const out = await store.check(client, entry)
        if (!live) return
        sync(entry)
        if (out.changed || out.removed) await show(entry, false)
      } catch (e) {
        if (!live) return
        if (e instanceof SessionLostError && attempt === 0) {
          setChecking(false)
          await go(1)
          return
        }
        if (!(e instanceof AbortedError)) setCheckError(toDyadErrorSafe(e))
      } finally {
        if (live) setChecking(false)
      }
    }

    go(0).catch((e: unknown) => {
      if (!live) return
      setProgress(undefined)
      if (e instanceof AbortedError) {
        setStatus('cancelled')
        return
      }
      if (e instanceof SessionLostError) {
        // the worker was restarted under us (another cancel, a failure): start again from the server
        setTick((t) => t + 1)
        return
      }
      setError(toDyadErrorSafe(e))
      setStatus('error')
    })
    return () => {
      live = false
      release?.()
    }
  }, [client, orgUnit, key, enabled, breakdownWanted, tick]) // eslint-disable-line react-hooks/exhaustive-deps

  const cancel = useCallback(() => stop.current?.(), [])
  const rerun = useCallback(() => setTick((t) => t + 1), [])
  const refresh = useCallback(() => {
    forceReload.current = true
    setTick((t) => t + 1)
  }, [])
  // A view already computed is shown in the very render that selects it (no wait for the effect);
  // otherwise the figures of the current selection held in state (kept while a change is recomputed).
  const store = exactStore()
  const active = enabled && orgUnit !== undefined && request !== null
  const peeked = active ? store.peek(orgUnit, request, false) : undefined
  const peekedBreakdown = active && breakdownWanted ? store.peek(orgUnit, request, true) : undefined
  const result = peeked ?? (resultState?.for === current ? resultState.r : undefined)
  const breakdown = breakdownWanted ? (peekedBreakdown ?? (breakdownState?.for === current ? breakdownState.r : undefined)) : undefined
  const shownStatus: ExactStatus = !active ? status : result ? (status === 'error' || status === 'cancelled' ? status : 'done') : status === 'done' ? 'computing' : status
  return {
    // 'done' only with the figures of the current selection
    status: shownStatus,
    progress,
    result,
    breakdown,
    error,
    inline,
    fromCache: fromCache || (peeked !== undefined && resultState?.r !== peeked),
    checking,
    checkedAt: info?.checkedAt,
    serverUpdatedAt: info?.serverUpdatedAt,
    checkError,
    lastChange: info?.lastChange,
    records: info?.records,
    unitName: info?.unitName,
    cancel,
    rerun,
    recheck: rerun,
    refresh,
  }
}
