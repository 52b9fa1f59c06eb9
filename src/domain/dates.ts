/**
 * Allocation-free ISO date helpers for the pair engine and linker. Dates come from the tracker wire
 * as `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss(.sss)` (no zone); only the date part matters.
 */

const D0 = 48 // '0'

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - D0
  return c >= 0 && c <= 9 ? c : -1
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/**
 * Days since 1970-01-01 of the date part of an ISO date or date-time, or NaN when the text is not a
 * real calendar date (wrong shape, month 13, 31 April, 29 February of a common year…).
 * What follows the date must be nothing or a 'T' (or space) and a time.
 */
export function dayNumber(s: unknown): number {
  if (typeof s !== 'string' || s.length < 10) return NaN
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3)
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN
  if (s.length > 10) {
    const c = s.charCodeAt(10)
    if (c !== 84 && c !== 32) return NaN // 'T' or ' '
  }
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const m = m0 * 10 + m1
  const d = d0 * 10 + d1
  if (m < 1 || m > 12 || d < 1) return NaN
  const dim = m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]
  if (d > dim) return NaN
  return daysFromCivil(y, m, d)
}

/** Days since 1970-01-01 (proleptic Gregorian), H. Hinnant's algorithm. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const mp = (m + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function isoOfDay(n: number): string {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const p2 = (x: number): string => (x < 10 ? '0' : '') + x
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}`
}

/** The same calendar period one year earlier (29 February → 28 February). */
export function shiftYears(iso: string, years: number): string {
  const n = dayNumber(iso)
  if (Number.isNaN(n)) return iso
  const y = Number(iso.slice(0, 4)) + years
  const m = Number(iso.slice(5, 7))
  let d = Number(iso.slice(8, 10))
  if (m === 2 && d === 29 && !isLeap(y)) d = 28
  return isoOfDay(daysFromCivil(y, m, d))
}
