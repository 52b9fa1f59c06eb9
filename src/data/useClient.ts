/**
 * The DhisClient of the current app-runtime Provider: ONE client per server (base URL + API
 * version), stable across renders.
 *
 * app-runtime's DataProvider builds a new DataEngine on every render of the provider, so keying the
 * client on the engine's identity gave a new client whenever anything above re-rendered — and every
 * `useResource` (which depends on the client) aborted and re-sent its request: the intermittent
 * repeated overview requests of issue 7. The client now forwards to the latest engine through a ref,
 * and is only replaced when the server it talks to changes.
 */
import { useConfig, useDataEngine } from '@dhis2/app-runtime'
import { useMemo, useRef } from 'react'
import { DhisClient, type EngineLike } from './client'

export function useClient(): DhisClient {
  const engine = useDataEngine() as unknown as EngineLike
  const { baseUrl, apiVersion } = useConfig()
  const latest = useRef(engine)
  latest.current = engine
  return useMemo(() => {
    const forward: EngineLike = {
      query: (q, o) => latest.current.query(q, o),
      mutate: (m, o) => latest.current.mutate(m, o),
    }
    return new DhisClient(forward)
    // a new server (base URL or API version) gets a new client; nothing else does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [baseUrl, apiVersion])
}
