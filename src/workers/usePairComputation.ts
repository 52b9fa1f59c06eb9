/**
 * Exact pair computation for an org-unit subtree (DESIGN §3.1): the subtree's org units (1 request,
 * the scope), then every Person record of the subtree page by page through the foundation's
 * tracker reader, each page streamed to the pair worker as it arrives; then one compute message.
 * Cancel aborts the paging (no further page request), tells the worker, and ends it.
 * Without Worker support the same protocol runs on the main thread (`inline: true`).
 * The worker module is imported on first use: its own chunk, and pages that never switch to the
 * exact path (or their tests: jest cannot parse `import.meta`) never load it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ids } from '../../metadata/src/vocabulary'
import { AbortedError, toDyadErrorSafe, type DyadError } from '../data/errors'
import { fetchAllTrackedEntities } from '../data/tracker'
import { fetchSubtree } from '../data/trajectories'
import { useClient } from '../data/useClient'
import type { ComputeSpec, ExactResult, FromWorker, PairPort } from './protocol'

export type ExactStatus = 'idle' | 'loading' | 'computing' | 'done' | 'cancelled' | 'error'

export interface ExactProgress {
  /** Records received so far. */
  loaded: number
  /** Records in the subtree, when the server says. */
  total?: number
  phase: 'orgUnits' | 'records' | 'compute'
}

export interface PairComputation {
  status: ExactStatus
  progress: ExactProgress | undefined
  result: ExactResult | undefined
  error: DyadError | undefined
  /** true when no Web Worker could be used: the computation runs on the main thread. */
  inline: boolean
  cancel: () => void
  rerun: () => void
}

export type ExactRequest = Omit<ComputeSpec, 'scope'>

export const EXACT_PAGE_SIZE = 1000

let runCounter = 0

export function usePairComputation(orgUnit: string | undefined, request: ExactRequest | null, enabled: boolean): PairComputation {
  const client = useClient()
  const [status, setStatus] = useState<ExactStatus>('idle')
  const [progress, setProgress] = useState<ExactProgress>()
  const [result, setResult] = useState<ExactResult>()
  const [error, setError] = useState<DyadError>()
  const [inline, setInline] = useState(false)
  const [tick, setTick] = useState(0)
  const stop = useRef<() => void>()
  const key = useMemo(() => (request ? JSON.stringify(request) : ''), [request])

  useEffect(() => {
    if (!enabled || !orgUnit || !request) {
      setStatus('idle')
      setResult(undefined)
      setProgress(undefined)
      return
    }
    const run = ++runCounter
    const ctl = new AbortController()
    let port: PairPort | undefined
    let finished = false
    setStatus('loading')
    setResult(undefined)
    setError(undefined)
    setProgress({ loaded: 0, phase: 'orgUnits' })
    let total: number | undefined
    const end = (): void => {
      finished = true
      port?.terminate()
    }
    const onMessage = (m: FromWorker): void => {
      if (finished || (m.run !== run && m.run !== -1)) return
      if (m.type === 'progress') {
        if (m.phase !== 'load') setProgress({ loaded: m.loaded, total, phase: 'compute' })
      } else if (m.type === 'result') {
        end()
        setResult(m.result)
        setProgress(undefined)
        setStatus('done')
      } else if (m.type === 'cancelled') {
        end()
        setProgress(undefined)
        setStatus('cancelled')
      } else {
        end()
        ctl.abort()
        setProgress(undefined)
        setError(toDyadErrorSafe(new Error(m.message)))
        setStatus('error')
      }
    }
    stop.current = () => {
      if (finished) return
      ctl.abort()
      port?.post({ type: 'cancel', run })
      end()
      setProgress(undefined)
      setStatus('cancelled')
    }
    ;(async () => {
      const { createPairPort } = await import('./createPairWorker')
      if (ctl.signal.aborted) throw new AbortedError()
      const p: PairPort = createPairPort()
      port = p
      setInline(p.inline)
      p.onMessage(onMessage)
      p.post({ type: 'reset', run })
      const tree = await fetchSubtree(client, orgUnit, { signal: ctl.signal })
      setProgress({ loaded: 0, phase: 'records' })
      await fetchAllTrackedEntities(
        client,
        { orgUnits: [orgUnit], orgUnitMode: 'DESCENDANTS', trackedEntityType: ids.trackedEntityType(), pageSize: EXACT_PAGE_SIZE },
        {
          signal: ctl.signal,
          collect: false,
          onPage: (items, pg) => {
            if (ctl.signal.aborted) return
            total = pg.total
            p.post({ type: 'load', run, items })
            setProgress({ loaded: pg.fetched, total: pg.total, phase: 'records' })
          },
        },
      )
      if (ctl.signal.aborted) throw new AbortedError()
      setStatus('computing')
      setProgress((prev) => ({ loaded: prev?.loaded ?? 0, total, phase: 'compute' }))
      p.post({ type: 'compute', run, spec: { ...request, scope: [...tree.units.keys()] } })
    })().catch((e: unknown) => {
      if (ctl.signal.aborted || e instanceof AbortedError || finished) return
      end()
      setProgress(undefined)
      setError(toDyadErrorSafe(e))
      setStatus('error')
    })
    return () => {
      ctl.abort()
      if (!finished) port?.post({ type: 'cancel', run })
      end()
    }
  }, [client, orgUnit, key, enabled, tick]) // eslint-disable-line react-hooks/exhaustive-deps

  const cancel = useCallback(() => stop.current?.(), [])
  const rerun = useCallback(() => setTick((t) => t + 1), [])
  return { status, progress, result, error, inline, cancel, rerun }
}
