/**
 * Records of the continuum's cohort mode: the pair path of the care-trajectories page, reused as
 * it is (`loadPairs`: org-unit subtree in one request → every Person record of the subtree, page by
 * page → parsed and linked on the main thread, decision 0550). One load per org unit of the view
 * (the selected one, and the compared one), kept while the page is open so that changing the
 * period, the comparison or the mode back and forth does not read the records again.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { AbortedError, toDyadErrorSafe, type DyadError } from '../../data/errors'
import { useClient } from '../../data/useClient'
import { loadPairs, type LoadedPairs, type LoadProgress } from '../trajectories/useTrajectories'

/** Org units whose linked pairs stay in memory (the two of a comparison and the previous one). */
const KEEP = 3

export interface CohortProgress {
  orgUnit: string
  /** 1-based position of the org unit being read, of `of`. */
  index: number
  of: number
  step: LoadProgress
}

export interface CohortRecords {
  /** Linked pairs of the requested org units that are ready. */
  loaded: ReadonlyMap<string, LoadedPairs>
  progress: CohortProgress | undefined
  error: DyadError | undefined
  cancelled: boolean
  cancel: () => void
  reload: () => void
}

export function useCohortRecords(orgUnits: string[], enabled: boolean): CohortRecords {
  const client = useClient()
  const cache = useRef(new Map<string, LoadedPairs>())
  const ctl = useRef<AbortController>()
  const [, setVersion] = useState(0)
  const [progress, setProgress] = useState<CohortProgress>()
  const [error, setError] = useState<DyadError>()
  const [cancelled, setCancelled] = useState(false)
  const [tick, setTick] = useState(0)
  const key = orgUnits.join(';')

  useEffect(() => {
    if (!enabled) return
    const wanted = key ? key.split(';') : []
    const missing = wanted.filter((ou) => !cache.current.has(ou))
    setError(undefined)
    setCancelled(false)
    if (missing.length === 0) {
      setProgress(undefined)
      return
    }
    const c = new AbortController()
    ctl.current = c
    const run = async (): Promise<void> => {
      for (let k = 0; k < missing.length; k++) {
        const ou = missing[k]
        const loaded = await loadPairs(client, ou, c.signal, (step) => {
          if (!c.signal.aborted) setProgress({ orgUnit: ou, index: k + 1, of: missing.length, step })
        })
        if (c.signal.aborted) return
        cache.current.set(ou, loaded)
        for (const old of [...cache.current.keys()]) {
          if (cache.current.size <= KEEP) break
          if (!wanted.includes(old)) cache.current.delete(old)
        }
        setVersion((v) => v + 1)
      }
      setProgress(undefined)
    }
    run().catch((e: unknown) => {
      if (c.signal.aborted || e instanceof AbortedError) return
      setProgress(undefined)
      setError(toDyadErrorSafe(e))
    })
    return () => c.abort()
  }, [client, enabled, key, tick])

  const cancel = useCallback(() => {
    ctl.current?.abort()
    setProgress(undefined)
    setCancelled(true)
  }, [])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  const loaded = new Map<string, LoadedPairs>()
  for (const ou of orgUnits) {
    const l = cache.current.get(ou)
    if (l) loaded.set(ou, l)
  }
  return { loaded, progress, error, cancelled, cancel, reload }
}
