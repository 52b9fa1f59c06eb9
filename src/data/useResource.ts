/**
 * React hook over the client: runs `load(client, signal)` when `deps` change, aborts the previous
 * run, and exposes loading / data / typed error / reload. Pages use it with the helpers of
 * src/data (never with URLs):
 *   const { data, error, loading } = useResource((c, signal) => fetchAnalytics(c, req, { signal }), [key])
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DhisClient } from './client'
import { useClient } from './useClient'
import { AbortedError, toDyadErrorSafe, type DyadError } from './errors'

export interface ResourceState<T> {
  data: T | undefined
  error: DyadError | undefined
  loading: boolean
  reload: () => void
}

export function useResource<T>(load: (client: DhisClient, signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): ResourceState<T> {
  const client = useClient()
  const [state, setState] = useState<{ data?: T; error?: DyadError; loading: boolean }>({ loading: true })
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  useEffect(() => {
    const ctl = new AbortController()
    setState((s) => ({ data: s.data, loading: true }))
    loadRef.current(client, ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, loading: false })
      },
      (err: unknown) => {
        if (ctl.signal.aborted || err instanceof AbortedError) return
        setState({ error: toDyadErrorSafe(err), loading: false })
      },
    )
    return () => ctl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, tick, ...deps])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
