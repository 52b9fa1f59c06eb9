/**
 * Query builders of the dashboard pages (overview, continuum, scorecard, trajectories, plugin), on
 * top of the foundation's analytics / tracker / dataStore adapters. Pages call these functions and
 * never build a URL.
 *
 * Analytics path (DESIGN §3.2): ONE request for the selected org unit with every program
 * indicator of the catalog's four entry points as `dx` (numerators and denominators, which are
 * event counts and therefore add up across months), and as `pe` the months of the selected period
 * + the same months one year before + the 12 months of the sparklines. Percentages are computed
 * from the summed numerators and denominators (exact for any period length, and no row is lost
 * when a month has a zero denominator, which DHIS2 omits for an indicator).
 */
import { uid } from '../../metadata/src/uid'
import { CATALOG } from '../domain/indicators/catalog'
import type { EntryPoint, IndicatorDef } from '../domain/indicators/types'
// Submodules, not the periods index: its label formatter pulls date-fns/locale (ESM), which jest 27 cannot load.
import { parsePeriod, periodsBetween, shiftPeriod } from '../domain/periods/fixed'
import { isRelativePeriodId, resolveRelativePeriod } from '../domain/periods/relative'
import { samePeriodLastYear } from '../domain/periods/yoy'
import { fetchAnalytics, type AnalyticsResult } from './analytics'
import type { DhisClient, RequestOptions } from './client'
import { deleteKey, readKey, saveKey } from './dataStore'
import type { OrgUnitRef } from './me'
import { fetchChildren, fetchOrgUnits } from './orgUnits'

export const OVERVIEW_ENTRY_POINTS: EntryPoint[] = ['prenatal', 'delivery', 'postnatal', 'infant']

/** Catalog indicators shown on the dashboards: the four entry points, tracker and derived ones. */
export function dashboardIndicators(catalog: IndicatorDef[] = CATALOG): IndicatorDef[] {
  return catalog.filter((d) => OVERVIEW_ENTRY_POINTS.includes(d.entryPoint) && (d.kind === 'tracker' || d.kind === 'derived'))
}

export interface DxItem {
  uid: string
  /** Catalog indicator code. */
  code: string
  side: 'numerator' | 'denominator'
}

/** The dx items (program indicators) behind the given indicators, derived ones resolved to their source. */
export function dxItems(defs: IndicatorDef[], catalog: IndicatorDef[] = CATALOG): DxItem[] {
  const byCode = new Map(catalog.map((d) => [d.code, d]))
  const out = new Map<string, DxItem>()
  const add = (d: IndicatorDef | undefined): void => {
    if (!d?.programIndicators) return
    const num = uid('programIndicator', d.programIndicators.numerator)
    out.set(num, { uid: num, code: d.code, side: 'numerator' })
    if (d.programIndicators.denominator) {
      const den = uid('programIndicator', d.programIndicators.denominator)
      out.set(den, { uid: den, code: d.code, side: 'denominator' })
    }
  }
  for (const d of defs) add(d.kind === 'derived' && d.derived ? byCode.get(d.derived.from) : d)
  return [...out.values()]
}

export interface PeriodPlan {
  /** The selector's period id (relative or fixed). */
  selected: string
  /** Months of the selected period, oldest first. */
  current: string[]
  /** The same months one year before (same order). */
  previous: string[]
  /** The 12 months ending with the last month of the selection (sparklines). */
  spark: string[]
  /** Every month to ask for, without duplicates. */
  all: string[]
  startDate: string
  endDate: string
  previousStartDate: string
  previousEndDate: string
}

/** Months covering a fixed or relative period id on `today` (`YYYY-MM-DD`); null when unreadable. */
export function monthsOf(period: string, today: string): string[] | null {
  const fixed = isRelativePeriodId(period) ? resolveRelativePeriod(period, today) : parsePeriod(period) ? [period] : []
  if (!fixed.length) return null
  const first = parsePeriod(fixed[0])
  const last = parsePeriod(fixed[fixed.length - 1])
  if (!first || !last) return null
  return periodsBetween('Monthly', first.startDate, last.endDate).map((p) => p.id)
}

export function planPeriods(selected: string, today: string): PeriodPlan | null {
  const current = monthsOf(selected, today)
  if (!current || !current.length) return null
  const previous = current.map((m) => samePeriodLastYear(m)).filter((m): m is string => m !== null)
  const lastMonth = current[current.length - 1]
  const spark: string[] = []
  for (let k = -11; k <= 0; k++) {
    const p = shiftPeriod(lastMonth, k)
    if (p) spark.push(p.id)
  }
  const all = [...new Set([...previous, ...spark, ...current])].sort()
  const s = (id: string): string => parsePeriod(id)?.startDate ?? ''
  const e = (id: string): string => parsePeriod(id)?.endDate ?? ''
  return {
    selected,
    current,
    previous,
    spark,
    all,
    startDate: s(current[0]),
    endDate: e(lastMonth),
    previousStartDate: s(previous[0] ?? current[0]),
    previousEndDate: e(previous[previous.length - 1] ?? lastMonth),
  }
}

/** Today in the user's time zone, `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const p2 = (n: number): string => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p2(now.getMonth() + 1)}-${p2(now.getDate())}`
}

/** Overview of one org unit: all dx × all months of the plan, one request. */
export function fetchIndicatorMonths(client: DhisClient, orgUnits: string[], dx: DxItem[], months: string[], o: RequestOptions = {}): Promise<AnalyticsResult> {
  return fetchAnalytics(client, { dx: dx.map((d) => d.uid), pe: months, ou: orgUnits, displayProperty: 'NAME' }, o)
}

/** The org unit itself (name, path → level) and its children (for drill-down and scorecard rows). */
export async function fetchOrgUnitWithChildren(client: DhisClient, id: string, o: RequestOptions = {}): Promise<{ unit: OrgUnitRef | undefined; children: OrgUnitRef[] }> {
  const [units, children] = await Promise.all([fetchOrgUnits(client, [id], o), fetchChildren(client, id, o)])
  return { unit: units.find((u) => u.id === id), children }
}

export { fetchChildren }

// ---------------------------------------------------------------------------------------------
// Settings in the dataStore namespace `dyad` (scorecard targets, trajectory rules, plugin views)
// ---------------------------------------------------------------------------------------------

export const SCORECARD_TARGETS_KEY = 'scorecard-targets'
export const TRAJECTORY_RULES_KEY = 'trajectory-profiles'
export const pluginItemKey = (dashboardItemId: string): string => `plugin-${dashboardItemId.replace(/[^A-Za-z0-9_-]/g, '_')}`

export function readSetting<T>(client: DhisClient, key: string, o: RequestOptions = {}): Promise<T | undefined> {
  return readKey<T>(client, key, o)
}

export function deleteSetting(client: DhisClient, key: string, o: RequestOptions = {}): Promise<void> {
  return deleteKey(client, key, o)
}

export function saveSetting(client: DhisClient, key: string, value: unknown, o: RequestOptions = {}): Promise<'created' | 'updated'> {
  return saveKey(client, key, value, o)
}
