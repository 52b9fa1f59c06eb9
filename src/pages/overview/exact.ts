/**
 * The overview's exact path (pair engine in the worker) fed into the same tile model as analytics:
 * the request for a period plan (selected months, the engine's same-period-last-year, the 12
 * sparkline months as extra periods), a SideSource over the result, and one over the result's
 * values per child org unit (drill-down).
 */
import type { PeriodPlan } from '../../data/dashboards'
import { parsePeriod } from '../../domain/periods/fixed'
import type { ExactResult } from '../../workers/protocol'
import type { ExactRequest } from '../../workers/usePairComputation'
import type { SideSource } from './model'

/** District level in the Dyad hierarchies (country 1 → region 2 → district 3 → facility 4). */
export const DISTRICT_LEVEL = 3

/** Exact computation is offered at district level and below; when the level is unknown, it is allowed. */
export const exactAllowed = (level: number | undefined): boolean => level === undefined || level >= DISTRICT_LEVEL

const monthPeriod = (id: string): { start: string; end: string } | null => {
  const p = parsePeriod(id)
  return p ? { start: p.startDate, end: p.endDate } : null
}

export function exactRequest(plan: PeriodPlan): ExactRequest {
  const extraPeriods = plan.spark.map(monthPeriod).filter((p): p is { start: string; end: string } => p !== null)
  return { period: { start: plan.startDate, end: plan.endDate }, extraPeriods }
}

/** Sides of the exact result for the plan's month sets (current, previous year, one spark month); null otherwise. */
export function exactSource(r: ExactResult, plan: PeriodPlan): SideSource {
  const cur = plan.current.join(',')
  const prev = plan.previous.join(',')
  return (code, side, months) => {
    const k = months.join(',')
    const set = k === cur ? r.values : k === prev ? r.previousYearValues : months.length === 1 && plan.spark.includes(months[0]) ? r.extra[plan.spark.indexOf(months[0])] : undefined
    const v = set?.[code]
    if (!v) return null
    return side === 'numerator' ? v.numerator : v.denominator
  }
}

/**
 * Sides of the drill-down for a child org unit (`ou` = the child): its group in the result, for
 * the selected months and the same months last year. A child where nothing was counted is a real
 * 0 (the computation ran over its records); null when the result has no breakdown.
 */
export function exactGroupSource(r: ExactResult, plan: PeriodPlan): SideSource {
  const cur = plan.current.join(',')
  const prev = plan.previous.join(',')
  return (code, side, months, ou) => {
    const k = months.join(',')
    const groups = k === cur ? r.byGroup : k === prev ? r.byGroupPreviousYear : undefined
    if (!groups) return null
    const row = groups[ou]
    if (!row) return code in r.values ? 0 : null
    const v = row[code]
    if (!v) return null
    return side === 'numerator' ? v.numerator : v.denominator
  }
}

/** The exact toggle lasts for the browser tab (like the record cache it uses), not only for one visit. */
let exactOnInTab = false
export const exactPreference = {
  get: (): boolean => exactOnInTab,
  set: (on: boolean): void => {
    exactOnInTab = on
  },
}
