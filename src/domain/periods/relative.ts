/**
 * DHIS2 relative periods resolved against a reference date, as DHIS2 analytics does
 * (`RelativePeriods`): "this" = the period containing the date; "last N" = the N periods before
 * it (the current one excluded); "… this/last year" = every period of that calendar year,
 * future ones included. Weeks are ISO 8601 weeks, so THIS_WEEK on Sunday 3 January 2021 is 2020W53.
 */
import { dayOf, isoOf } from './calendar'
import { periodOfDate, shiftPeriod } from './fixed'
import type { PeriodType } from './types'
import type { Label } from '../../../metadata/src/vocabulary'

export const RELATIVE_PERIOD_IDS = [
  'THIS_WEEK',
  'LAST_WEEK',
  'LAST_4_WEEKS',
  'LAST_12_WEEKS',
  'LAST_52_WEEKS',
  'THIS_MONTH',
  'LAST_MONTH',
  'LAST_3_MONTHS',
  'LAST_6_MONTHS',
  'LAST_12_MONTHS',
  'MONTHS_THIS_YEAR',
  'MONTHS_LAST_YEAR',
  'THIS_QUARTER',
  'LAST_QUARTER',
  'LAST_4_QUARTERS',
  'QUARTERS_THIS_YEAR',
  'QUARTERS_LAST_YEAR',
  'THIS_YEAR',
  'LAST_YEAR',
  'LAST_5_YEARS',
] as const
export type RelativePeriodId = (typeof RELATIVE_PERIOD_IDS)[number]

interface RelDef {
  type: PeriodType
  /** 'this': [0]; 'last': n periods before the current; 'yearOf': all periods of this (0) or last (−1) year */
  kind: 'rolling' | 'yearOf'
  /** rolling: offset of the last period (0 = current, −1 = previous) and count */
  end?: number
  count?: number
  yearOffset?: number
  label: Label
}

export const RELATIVE_PERIODS: Readonly<Record<RelativePeriodId, RelDef>> = {
  THIS_WEEK: { type: 'Weekly', kind: 'rolling', end: 0, count: 1, label: { en: 'This week', fr: 'Cette semaine' } },
  LAST_WEEK: { type: 'Weekly', kind: 'rolling', end: -1, count: 1, label: { en: 'Last week', fr: 'Semaine dernière' } },
  LAST_4_WEEKS: { type: 'Weekly', kind: 'rolling', end: -1, count: 4, label: { en: 'Last 4 weeks', fr: '4 dernières semaines' } },
  LAST_12_WEEKS: { type: 'Weekly', kind: 'rolling', end: -1, count: 12, label: { en: 'Last 12 weeks', fr: '12 dernières semaines' } },
  LAST_52_WEEKS: { type: 'Weekly', kind: 'rolling', end: -1, count: 52, label: { en: 'Last 52 weeks', fr: '52 dernières semaines' } },
  THIS_MONTH: { type: 'Monthly', kind: 'rolling', end: 0, count: 1, label: { en: 'This month', fr: 'Ce mois-ci' } },
  LAST_MONTH: { type: 'Monthly', kind: 'rolling', end: -1, count: 1, label: { en: 'Last month', fr: 'Mois dernier' } },
  LAST_3_MONTHS: { type: 'Monthly', kind: 'rolling', end: -1, count: 3, label: { en: 'Last 3 months', fr: '3 derniers mois' } },
  LAST_6_MONTHS: { type: 'Monthly', kind: 'rolling', end: -1, count: 6, label: { en: 'Last 6 months', fr: '6 derniers mois' } },
  LAST_12_MONTHS: { type: 'Monthly', kind: 'rolling', end: -1, count: 12, label: { en: 'Last 12 months', fr: '12 derniers mois' } },
  MONTHS_THIS_YEAR: { type: 'Monthly', kind: 'yearOf', yearOffset: 0, label: { en: 'Months this year', fr: 'Mois de cette année' } },
  MONTHS_LAST_YEAR: { type: 'Monthly', kind: 'yearOf', yearOffset: -1, label: { en: 'Months last year', fr: 'Mois de l’année dernière' } },
  THIS_QUARTER: { type: 'Quarterly', kind: 'rolling', end: 0, count: 1, label: { en: 'This quarter', fr: 'Ce trimestre' } },
  LAST_QUARTER: { type: 'Quarterly', kind: 'rolling', end: -1, count: 1, label: { en: 'Last quarter', fr: 'Trimestre dernier' } },
  LAST_4_QUARTERS: { type: 'Quarterly', kind: 'rolling', end: -1, count: 4, label: { en: 'Last 4 quarters', fr: '4 derniers trimestres' } },
  QUARTERS_THIS_YEAR: { type: 'Quarterly', kind: 'yearOf', yearOffset: 0, label: { en: 'Quarters this year', fr: 'Trimestres de cette année' } },
  QUARTERS_LAST_YEAR: { type: 'Quarterly', kind: 'yearOf', yearOffset: -1, label: { en: 'Quarters last year', fr: 'Trimestres de l’année dernière' } },
  THIS_YEAR: { type: 'Yearly', kind: 'rolling', end: 0, count: 1, label: { en: 'This year', fr: 'Cette année' } },
  LAST_YEAR: { type: 'Yearly', kind: 'rolling', end: -1, count: 1, label: { en: 'Last year', fr: 'L’année dernière' } },
  LAST_5_YEARS: { type: 'Yearly', kind: 'rolling', end: -1, count: 5, label: { en: 'Last 5 years', fr: '5 dernières années' } },
}

export function isRelativePeriodId(id: unknown): id is RelativePeriodId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(RELATIVE_PERIODS, id)
}

/**
 * The fixed period ids of a relative period on a reference date (`YYYY-MM-DD`, the user's "today"),
 * oldest first. Empty for an unknown id or an invalid date.
 */
export function resolveRelativePeriod(rel: string, referenceDate: string): string[] {
  if (!isRelativePeriodId(rel)) return []
  const day = dayOf(referenceDate)
  if (Number.isNaN(day)) return []
  const def = RELATIVE_PERIODS[rel]
  const current = periodOfDate(def.type, isoOf(day))
  if (!current) return []
  if (def.kind === 'rolling') {
    const out: string[] = []
    const count = def.count ?? 1
    const end = def.end ?? 0
    for (let k = end - count + 1; k <= end; k++) {
      const p = shiftPeriod(current.id, k)
      if (p) out.push(p.id)
    }
    return out
  }
  // every period of the calendar year (this or last)
  const year = Number(referenceDate.slice(0, 4)) + (def.yearOffset ?? 0)
  const first = periodOfDate(def.type, `${String(year).padStart(4, '0')}-01-01`)
  const out: string[] = []
  for (let p = first; p && p.year === year; p = shiftPeriod(p.id, 1)) out.push(p.id)
  return out
}

/** The first and last day covered by a relative period on a reference date. */
export function relativePeriodRange(rel: string, referenceDate: string): { startDate: string; endDate: string } | null {
  const ids = resolveRelativePeriod(rel, referenceDate)
  if (ids.length === 0) return null
  const first = shiftPeriod(ids[0], 0)
  const last = shiftPeriod(ids[ids.length - 1], 0)
  return first && last ? { startDate: first.startDate, endDate: last.endDate } : null
}
