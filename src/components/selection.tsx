/**
 * The page selection (org unit + period), kept in the URL (`ou`, `pe`) so a view can be
 * bookmarked, shared and printed. Defaults: the user's first data-view org unit, last 12 months.
 * The plugin passes the dashboard's filters instead (`fixed`).
 */
import React, { createContext, useContext, useMemo } from 'react'
import { useCurrentUser } from './CurrentUser'
import { DEFAULT_PERIOD, parsePeriod } from './periods'
import { useHashLocation, useSetParams } from './router'

export interface Selection {
  /** Selected org unit UID (undefined only while the user has no org unit at all). */
  orgUnit: string | undefined
  /** DHIS2 period id (relative like LAST_12_MONTHS or fixed like 202401, 2024Q1, 2024). */
  period: string
  setOrgUnit: (id: string) => void
  setPeriod: (id: string) => void
  /** True when the selection is imposed (dashboard plugin) and cannot be changed here. */
  readOnly: boolean
}

const SelectionContext = createContext<Selection | undefined>(undefined)

export function UrlSelectionProvider({ children }: { children: React.ReactNode }) {
  const { params } = useHashLocation()
  const user = useCurrentUser()
  const setParams = useSetParams()
  const ou = params.get('ou') ?? user.roots[0]?.id
  const peParam = params.get('pe')
  const pe = peParam && parsePeriod(peParam) ? peParam : DEFAULT_PERIOD
  const value = useMemo<Selection>(
    () => ({
      orgUnit: ou,
      period: pe,
      setOrgUnit: (id) => setParams({ ou: id }),
      setPeriod: (id) => setParams({ pe: id }),
      readOnly: false,
    }),
    [ou, pe, setParams],
  )
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>
}

export function FixedSelectionProvider({ orgUnit, period, children }: { orgUnit: string | undefined; period: string; children: React.ReactNode }) {
  const value = useMemo<Selection>(() => ({ orgUnit, period, setOrgUnit: () => undefined, setPeriod: () => undefined, readOnly: true }), [orgUnit, period])
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>
}

export function useSelection(): Selection {
  const s = useContext(SelectionContext)
  if (!s) throw new Error('useSelection outside a selection provider')
  return s
}
