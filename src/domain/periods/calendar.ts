/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian). No `Date`, so
 * nothing here depends on the local time zone.
 */
import { daysFromCivil } from '../dates'

export { daysFromCivil }

export interface Civil {
  y: number
  m: number
  d: number
}

/** Calendar date of a day number (H. Hinnant's algorithm). */
export function civil(n: number): Civil {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

export function isValidCivil(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

const p2 = (x: number): string => (x < 10 ? '0' : '') + x

export function isoOf(n: number): string {
  const { y, m, d } = civil(n)
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}`
}

/** Day number of `YYYY-MM-DD` (a time part after 'T' is ignored), or NaN. */
export function dayOf(iso: string): number {
  const r = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(iso)
  if (!r) return NaN
  const y = Number(r[1]), m = Number(r[2]), d = Number(r[3])
  return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) : NaN
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(n: number): number {
  return (((n + 3) % 7) + 7) % 7 + 1
}

/** Monday of ISO week 1 of an ISO week-year (the week that contains 4 January). */
export function isoWeek1Monday(y: number): number {
  const jan4 = daysFromCivil(y, 1, 4)
  return jan4 - (isoWeekday(jan4) - 1)
}

/** 52 or 53. */
export function isoWeeksInYear(y: number): number {
  return (isoWeek1Monday(y + 1) - isoWeek1Monday(y)) / 7
}

/** ISO week-year and week of a day. */
export function isoWeekOf(n: number): { year: number; week: number } {
  const thursday = n - isoWeekday(n) + 4
  const year = civil(thursday).y
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 }
}

/** Add months to a (year, month) pair; month 1–12. */
export function addMonths(y: number, m: number, k: number): { y: number; m: number } {
  const t = y * 12 + (m - 1) + k
  return { y: Math.floor(t / 12), m: (((t % 12) + 12) % 12) + 1 }
}

/** A local-midnight Date for formatting with date-fns (formatting a local date gives back its calendar day in any zone). */
export function localDate(n: number): Date {
  const { y, m, d } = civil(n)
  const date = new Date(2000, 0, 1)
  date.setFullYear(y, m - 1, d)
  return date
}

/** Calendar date of a JS Date, read in UTC or in the local zone — the caller chooses explicitly. */
export function isoDateOf(date: Date, zone: 'utc' | 'local'): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return ''
  const y = zone === 'utc' ? date.getUTCFullYear() : date.getFullYear()
  const m = zone === 'utc' ? date.getUTCMonth() + 1 : date.getMonth() + 1
  const d = zone === 'utc' ? date.getUTCDate() : date.getDate()
  return isoOf(daysFromCivil(y, m, d))
}
