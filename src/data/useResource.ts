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

const sameDeps = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]))

export function useResource<T>(load: (client: DhisClient, signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): ResourceState<T> {
  const client = useClient()
  const [tick, setTick] = useState(0)
  // Each change of the dependencies starts a new generation, known during the render itself: the
  // render that shows new dependencies already says "loading" instead of presenting the previous
  // answer (e.g. last period's figures under the new period's label) until the effect runs.
  const all = [client, tick, ...deps]
  const lastDeps = useRef<readonly unknown[] | null>(null)
  const generation = useRef(0)
  if (lastDeps.current === null) lastDeps.current = all
  else if (!sameDeps(lastDeps.current, all)) {
    lastDeps.current = all
    generation.current++
  }
  const gen = generation.current
  const [state, setState] = useState<{ data?: T; error?: DyadError; loading: boolean; gen: number }>({ loading: true, gen })
  const loadRef = useRef(load)
  loadRef.current = load
  useEffect(() => {
    const ctl = new AbortController()
    setState((s) => ({ data: s.data, loading: true, gen }))
    loadRef.current(client, ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, loading: false, gen })
      },
      (err: unknown) => {
        if (ctl.signal.aborted || err instanceof AbortedError) return
        setState({ error: toDyadErrorSafe(err), loading: false, gen })
      },
    )
    return () => ctl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, tick, ...deps])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  const current = state.gen === gen
  return { data: state.data, error: current ? state.error : undefined, loading: state.loading || !current, reload }
}
