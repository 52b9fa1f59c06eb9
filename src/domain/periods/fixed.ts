/**
 * DHIS2 fixed periods (ISO 8601 calendar): parse, validate, date ranges, next/previous, the period
 * containing a date, periods between two dates. Pure: day-number arithmetic, no `Date`, no zone.
 *
 * Conventions (DHIS2 Web API / `@dhis2/multi-calendar-dates`):
 * Daily `20250301`; Weekly `2025W9` (ISO 8601 weeks, Monday start, 52 or 53 per year); BiWeekly
 * `2025BiW1` (ISO weeks 2n−1 and 2n, 26 per year; the days of a week 53 belong to no bi-week);
 * Monthly `202503`; BiMonthly `202501B` (Jan–Feb … `202506B` Nov–Dec); Quarterly `2025Q1`; SixMonthly
 * `2025S1` (Jan–Jun); SixMonthlyApril `2025AprilS1` (Apr–Sep) / `2025AprilS2` (Oct–Mar next year);
 * Yearly `2025`; financial years `2025April` (Apr 2025–Mar 2026), `2025July`, `2025Oct`, `2025Nov`.
 */
import {
  addMonths,
  civil,
  dayOf,
  daysFromCivil,
  daysInMonth,
  isoOf,
  isoWeek1Monday,
  isoWeekOf,
  isoWeeksInYear,
  isValidCivil,
} from './calendar'
import { PERIOD_TYPES, type Period, type PeriodType } from './types'

interface Spec {
  re: RegExp
  /** number of periods in a year (null: variable/daily) */
  perYear: (year: number) => number
  id: (year: number, index: number) => string
  /** [first day, last day] */
  range: (year: number, index: number) => [number, number]
  /** year and index of the period containing a day, or null */
  at: (day: number) => [number, number] | null
}

const p2 = (x: number): string => (x < 10 ? '0' : '') + x

/** Month-based period of `len` months starting in month `first` (1-based) of its id year. */
function monthSpec(re: RegExp, len: number, firstMonth: number, id: (y: number, i: number) => string): Spec {
  const perYear = 12 / len
  return {
    re,
    perYear: () => perYear,
    id,
    range: (y, i) => {
      const s = addMonths(y, firstMonth, (i - 1) * len)
      const e = addMonths(s.y, s.m, len - 1)
      return [daysFromCivil(s.y, s.m, 1), daysFromCivil(e.y, e.m, daysInMonth(e.y, e.m))]
    },
    at: (day) => {
      const c = civil(day)
      const months = (c.y * 12 + c.m - 1) - (firstMonth - 1) // months since Jan of year 0 shifted
      const yi = Math.floor(months / 12)
      const within = months - yi * 12
      return [yi, Math.floor(within / len) + 1]
    },
  }
}

const SPECS: Record<PeriodType, Spec> = {
  Daily: {
    re: /^(\d{4})(\d{2})(\d{2})$/,
    perYear: () => NaN,
    id: (_y, n) => {
      const c = civil(n)
      return `${String(c.y).padStart(4, '0')}${p2(c.m)}${p2(c.d)}`
    },
    range: (_y, n) => [n, n],
    at: (day) => [civil(day).y, day],
  },
  Weekly: {
    re: /^(\d{4})W(\d{1,2})$/,
    perYear: isoWeeksInYear,
    id: (y, w) => `${y}W${w}`,
    range: (y, w) => {
      const s = isoWeek1Monday(y) + (w - 1) * 7
      return [s, s + 6]
    },
    at: (day) => {
      const { year, week } = isoWeekOf(day)
      return [year, week]
    },
  },
  BiWeekly: {
    re: /^(\d{4})BiW(\d{1,2})$/,
    perYear: () => 26,
    id: (y, b) => `${y}BiW${b}`,
    range: (y, b) => {
      const s = isoWeek1Monday(y) + (b - 1) * 14
      return [s, s + 13]
    },
    at: (day) => {
      const { year, week } = isoWeekOf(day)
      return week > 52 ? null : [year, Math.ceil(week / 2)]
    },
  },
  Monthly: monthSpec(/^(\d{4})(\d{2})$/, 1, 1, (y, m) => `${y}${p2(m)}`),
  BiMonthly: monthSpec(/^(\d{4})(\d{2})B$/, 2, 1, (y, b) => `${y}${p2(b)}B`),
  Quarterly: monthSpec(/^(\d{4})Q(\d)$/, 3, 1, (y, q) => `${y}Q${q}`),
  SixMonthly: monthSpec(/^(\d{4})S(\d)$/, 6, 1, (y, s) => `${y}S${s}`),
  SixMonthlyApril: monthSpec(/^(\d{4})AprilS(\d)$/, 6, 4, (y, s) => `${y}AprilS${s}`),
  Yearly: monthSpec(/^(\d{4})$/, 12, 1, (y) => `${y}`),
  FinancialApril: monthSpec(/^(\d{4})April$/, 12, 4, (y) => `${y}April`),
  FinancialJuly: monthSpec(/^(\d{4})July$/, 12, 7, (y) => `${y}July`),
  FinancialOct: monthSpec(/^(\d{4})Oct$/, 12, 10, (y) => `${y}Oct`),
  FinancialNov: monthSpec(/^(\d{4})Nov$/, 12, 11, (y) => `${y}Nov`),
}

function make(type: PeriodType, year: number, index: number): Period {
  const spec = SPECS[type]
  const [s, e] = spec.range(year, index)
  return { id: spec.id(year, index), type, year, index, startDate: isoOf(s), endDate: isoOf(e) }
}

/** Parse a DHIS2 period id (canonicalised, e.g. `2025W09` → `2025W9`), or null if invalid. */
export function parsePeriod(id: unknown): Period | null {
  if (typeof id !== 'string' || id.length < 4 || id.length > 12) return null
  for (const type of PERIOD_TYPES) {
    const r = SPECS[type].re.exec(id)
    if (!r) continue
    const y = Number(r[1])
    if (type === 'Daily') {
      const m = Number(r[2]), d = Number(r[3])
      return isValidCivil(y, m, d) ? make(type, y, daysFromCivil(y, m, d)) : null
    }
    const i = r[2] === undefined ? 1 : Number(r[2])
    if (!(i >= 1 && i <= SPECS[type].perYear(y))) return null
    return make(type, y, i)
  }
  return null
}

export function isValidPeriodId(id: unknown): boolean {
  return parsePeriod(id) !== null
}

export function periodType(id: string): PeriodType | null {
  return parsePeriod(id)?.type ?? null
}

export function periodStartDate(id: string): string | null {
  return parsePeriod(id)?.startDate ?? null
}

export function periodEndDate(id: string): string | null {
  return parsePeriod(id)?.endDate ?? null
}

/** The period of a type that contains a date (`YYYY-MM-DD`); null for an invalid date (or a week-53 day for BiWeekly). */
export function periodOfDate(type: PeriodType, iso: string): Period | null {
  const day = dayOf(iso)
  if (Number.isNaN(day) || !SPECS[type]) return null
  const at = SPECS[type].at(day)
  return at ? make(type, at[0], at[1]) : null
}

/** The period `k` steps after (k < 0: before) a period; null for an invalid id. */
export function shiftPeriod(id: string, k: number): Period | null {
  const p = parsePeriod(id)
  if (!p || !Number.isInteger(k)) return null
  if (k === 0) return p
  const spec = SPECS[p.type]
  if (p.type === 'Daily') return make('Daily', civil(p.index + k).y, p.index + k)
  if (p.type === 'Weekly') {
    const [s] = spec.range(p.year, p.index)
    const at = spec.at(s + 7 * k) as [number, number]
    return make('Weekly', at[0], at[1])
  }
  const n = spec.perYear(p.year) // constant for the other types
  const t = p.year * n + (p.index - 1) + k
  return make(p.type, Math.floor(t / n), (((t % n) + n) % n) + 1)
}

export function nextPeriod(id: string): Period | null {
  return shiftPeriod(id, 1)
}

export function previousPeriod(id: string): Period | null {
  return shiftPeriod(id, -1)
}

/** Maximum number of periods `periodsBetween` returns (a guard against absurd ranges). */
export const MAX_PERIODS = 100_000

/**
 * Periods of a type that overlap [start, end] (`YYYY-MM-DD`, inclusive), in order. Empty if a date is
 * invalid or end < start. Bi-weeks skip the days of a week 53.
 */
export function periodsBetween(type: PeriodType, start: string, end: string): Period[] {
  const a = dayOf(start)
  const b = dayOf(end)
  const out: Period[] = []
  if (Number.isNaN(a) || Number.isNaN(b) || b < a || !SPECS[type]) return out
  let day = a
  while (day <= b && out.length < MAX_PERIODS) {
    const at = SPECS[type].at(day)
    if (!at) {
      day++
      continue
    }
    const p = make(type, at[0], at[1])
    out.push(p)
    day = dayOf(p.endDate) + 1
  }
  return out
}

/** Does a period contain a date? */
export function periodContains(id: string, iso: string): boolean {
  const p = parsePeriod(id)
  const d = dayOf(iso)
  return !!p && !Number.isNaN(d) && d >= dayOf(p.startDate) && d <= dayOf(p.endDate)
}
