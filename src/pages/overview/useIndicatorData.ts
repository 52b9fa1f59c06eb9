/**
 * Data of the dashboard pages for one org unit and period, analytics path (DESIGN §3.2):
 *  1. children of the org unit (drill-down rows, level),
 *  2. ONE analytics request: every dashboard program indicator × the plan's months for the org unit,
 *  3. ONE analytics request: the same dx × current and last-year months for the children.
 * Three requests; the overview budget is ≤ 4.
 */
import { useMemo } from 'react'
import type { AnalyticsResult } from '../../data/analytics'
import { dashboardIndicators, dxItems, fetchChildren, fetchIndicatorMonths, localToday, planPeriods, type DxItem, type PeriodPlan } from '../../data/dashboards'
import type { DyadError } from '../../data/errors'
import type { OrgUnitRef } from '../../data/me'
import { useResource } from '../../data/useResource'
import { CATALOG } from '../../domain/indicators/catalog'
import type { IndicatorDef } from '../../domain/indicators/types'

export interface IndicatorData {
  plan: PeriodPlan | null
  defs: IndicatorDef[]
  dx: DxItem[]
  main: AnalyticsResult | undefined
  mainLoading: boolean
  mainError: DyadError | undefined
  children: OrgUnitRef[] | undefined
  childrenData: AnalyticsResult | undefined
  childrenLoading: boolean
  childrenError: DyadError | undefined
  /** Level of the selected org unit (1 = country) when known from the children's paths. */
  level: number | undefined
  reload: () => void
}

export function useIndicatorData(orgUnit: string | undefined, period: string, options: { main?: boolean; children?: boolean } = {}): IndicatorData {
  const wantMain = options.main !== false
  const wantChildren = options.children !== false
  const plan = useMemo(() => planPeriods(period, localToday()), [period])
  const defs = useMemo(() => dashboardIndicators(CATALOG), [])
  const dx = useMemo(() => dxItems(defs, CATALOG), [defs])
  const main = useResource(
    (c, signal) => (wantMain && orgUnit && plan ? fetchIndicatorMonths(c, [orgUnit], dx, plan.all, { signal }) : Promise.resolve(undefined)),
    [orgUnit, plan, wantMain],
  )
  // The children are tagged with the unit they belong to: when the org unit changes, the previous
  // unit's children are not used (not even for one request) while the new ones load.
  const kids = useResource(
    (c, signal) => (wantChildren && orgUnit ? fetchChildren(c, orgUnit, { signal }).then((list) => ({ parent: orgUnit, list })) : Promise.resolve(undefined)),
    [orgUnit, wantChildren],
  )
  const children = kids.data && kids.data.parent === orgUnit ? kids.data.list : undefined
  const childIds = children?.map((k) => k.id).join(',') ?? ''
  const kidsData = useResource(
    (c, signal) =>
      wantChildren && plan && children && children.length > 0
        ? fetchIndicatorMonths(c, children.map((k) => k.id), dx, [...new Set([...plan.previous, ...plan.current])].sort(), { signal })
        : Promise.resolve(undefined),
    [childIds, plan, wantChildren],
  )
  const firstChild = children?.[0]
  const level = firstChild ? firstChild.path.split('/').filter(Boolean).length - 1 : undefined
  return {
    plan,
    defs,
    dx,
    main: main.data,
    mainLoading: main.loading,
    mainError: main.error,
    children,
    childrenData: kidsData.data,
    childrenLoading: kids.loading || kidsData.loading || (wantChildren && !!orgUnit && !children && !kids.error),
    childrenError: kids.error ?? kidsData.error,
    level,
    reload: () => {
      main.reload()
      kids.reload()
      kidsData.reload()
    },
  }
}
