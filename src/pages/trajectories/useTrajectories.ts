/**
 * Pair path of the trajectories page (DESIGN §3.1): org-unit subtree (1 request) → every Person
 * record of the subtree, page by page (progress, cancel) → parseTrackedEntities → buildPairs →
 * classification of the pairs in chunks on the main thread (no app worker yet, decision 0550).
 * The linked pairs are kept per org unit: changing the period or the rules only re-classifies.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DhisClient } from '../../data/client'
import { AbortedError, toDyadErrorSafe, type DyadError } from '../../data/errors'
import { childGroups, fetchPairRecords, fetchSubtree, type Subtree } from '../../data/trajectories'
import { useClient } from '../../data/useClient'
import { buildPairs } from '../../domain/pairs/link'
import { parseTrackedEntities } from '../../domain/pairs/parse'
import type { DataProblem } from '../../domain/pairs/problems'
import type { Pair } from '../../domain/pairs/types'
import type { TrajectoryResult } from '../../domain/trajectories/classify'
import type { ProfileSet } from '../../domain/trajectories/profiles'
import { classifyInChunks } from './model'

export type LoadPhase = 'orgUnits' | 'records' | 'link' | 'classify'

export interface LoadProgress {
  phase: LoadPhase
  page?: number
  fetched?: number
  total?: number
  /** Pairs classified so far, for the classify phase. */
  done?: number
  of?: number
}

export interface LoadedPairs {
  orgUnit: string
  tree: Subtree
  groups: Record<string, string>
  pairs: Pair[]
  byId: Map<string, Pair>
  records: number
  problems: DataProblem[]
}

export interface TrajectoryState {
  loaded: LoadedPairs | undefined
  result: TrajectoryResult | undefined
  progress: LoadProgress | undefined
  error: DyadError | undefined
  cancelled: boolean
  cancel: () => void
  reload: () => void
}

/** Reads and links the pairs of a subtree (exported for tests and reuse). */
export async function loadPairs(client: DhisClient, orgUnit: string, signal: AbortSignal, onProgress: (p: LoadProgress) => void): Promise<LoadedPairs> {
  onProgress({ phase: 'orgUnits' })
  const tree = await fetchSubtree(client, orgUnit, { signal })
  onProgress({ phase: 'records', page: 0, fetched: 0 })
  const entities = await fetchPairRecords(client, orgUnit, { signal, onProgress: (p) => onProgress({ phase: 'records', page: p.page, fetched: p.fetched, total: p.total }) })
  if (signal.aborted) throw new AbortedError()
  onProgress({ phase: 'link', fetched: entities.length })
  await new Promise((r) => setTimeout(r, 0))
  const parsed = parseTrackedEntities(entities)
  const linked = buildPairs(parsed.entities, undefined, parsed.index)
  if (signal.aborted) throw new AbortedError()
  return {
    orgUnit,
    tree,
    groups: childGroups(tree),
    pairs: linked.pairs,
    byId: new Map(linked.pairs.map((p) => [p.id, p])),
    records: parsed.entities.length,
    problems: [...parsed.problems, ...linked.problems],
  }
}

export function useTrajectories(orgUnit: string | undefined, period: { start: string; end: string } | null, rules: ProfileSet | undefined): TrajectoryState {
  const client = useClient()
  const [loaded, setLoaded] = useState<LoadedPairs>()
  const [result, setResult] = useState<TrajectoryResult>()
  const [progress, setProgress] = useState<LoadProgress>()
  const [error, setError] = useState<DyadError>()
  const [cancelled, setCancelled] = useState(false)
  const [tick, setTick] = useState(0)
  const ctl = useRef<AbortController>()

  // 1. read + link (per org unit)
  useEffect(() => {
    if (!orgUnit) return
    const c = new AbortController()
    ctl.current = c
    setLoaded(undefined)
    setResult(undefined)
    setError(undefined)
    setCancelled(false)
    loadPairs(client, orgUnit, c.signal, setProgress).then(
      (l) => {
        if (!c.signal.aborted) setLoaded(l)
      },
      (e: unknown) => {
        if (c.signal.aborted || e instanceof AbortedError) return
        setProgress(undefined)
        setError(toDyadErrorSafe(e))
      },
    )
    return () => c.abort()
  }, [client, orgUnit, tick])

  // 2. classify (per period and rules), in chunks
  useEffect(() => {
    if (!loaded || !period || !rules) return
    const c = new AbortController()
    ctl.current = c
    // The previous result stays on screen (with a "recomputing" status) until the new one is ready.
    setCancelled(false)
    const scope = loaded.tree.units
    classifyInChunks(
      loaded.pairs,
      { period, inScope: (ou) => scope.has(ou), groupOf: (ou) => loaded.groups[ou], profiles: rules },
      { signal: c.signal, onProgress: (done, of) => setProgress({ phase: 'classify', done, of }) },
    ).then((r) => {
      if (c.signal.aborted || !r) return
      setProgress(undefined)
      setResult(r)
    })
    return () => c.abort()
  }, [loaded, period?.start, period?.end, rules]) // eslint-disable-line react-hooks/exhaustive-deps

  const cancel = useCallback(() => {
    ctl.current?.abort()
    setProgress(undefined)
    setCancelled(true)
  }, [])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { loaded, result, progress, error, cancelled, cancel, reload }
}
