/**
 * Same period last year (DHIS2 Data Visualizer "year over year"): the period with the same position
 * one year earlier.
 * - Daily: same calendar day; 29 February → 28 February of the previous (common) year.
 * - Weekly: same ISO week number; **week 53 → week 52** of the previous year when that year has no
 *   week 53 (what DHIS2 Data Visualizer shows for year-over-year weekly series).
 * - Every other type: same index, year − 1 (`2025Q1` → `2024Q1`, `2025AprilS2` → `2024AprilS2`,
 *   `2025Oct` → `2024Oct`).
 */
import { civil, daysInMonth, isoWeeksInYear } from './calendar'
import { parsePeriod } from './fixed'
import { isRelativePeriodId } from './relative'

const p2 = (x: number): string => (x < 10 ? '0' : '') + x

export function samePeriodLastYear(id: string): string | null {
  return samePeriodYearsAgo(id, 1)
}

/** Same period `years` years earlier (negative: later). Null for an invalid or relative id. */
export function samePeriodYearsAgo(id: string, years: number): string | null {
  if (isRelativePeriodId(id) || !Number.isInteger(years)) return null
  const p = parsePeriod(id)
  if (!p) return null
  const y = p.year - years
  if (y < 0 || y > 9999) return null
  switch (p.type) {
    case 'Daily': {
      const c = civil(p.index)
      const d = Math.min(c.d, daysInMonth(y, c.m))
      return parsePeriod(`${String(y).padStart(4, '0')}${p2(c.m)}${p2(d)}`)?.id ?? null
    }
    case 'Weekly':
      return `${y}W${Math.min(p.index, isoWeeksInYear(y))}`
    default: {
      // same position in the year; ids are built by the period's own formatter
      const shifted = p.id.replace(/^\d{4}/, String(y).padStart(4, '0'))
      return parsePeriod(shifted)?.id ?? null
    }
  }
}
