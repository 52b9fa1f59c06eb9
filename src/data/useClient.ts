/** The DhisClient for the app-runtime engine of the current Provider (one per engine). */
import { useDataEngine } from '@dhis2/app-runtime'
import { useMemo } from 'react'
import { DhisClient, type EngineLike } from './client'

export function useClient(): DhisClient {
  const engine = useDataEngine() as unknown as EngineLike
  return useMemo(() => new DhisClient(engine), [engine])
}
