/**
 * WHO growth z-scores. This module carries the LMS tables (~80 kB raw, ~6 kB gzip): import it
 * lazily (`import('src/domain/growth')`) from pages and workers that need it, never from the
 * `src/domain` barrel, so it stays out of the first-load bundle.
 */
import { dayNumber } from '../dates'

export * from './zscore'
export { TABLES as GROWTH_TABLES, type LmsTable } from './tables'

/** Age in days between a birth date and a measurement date (ISO dates), or NaN if either is invalid. */
export function ageInDays(birthDate: string, measuredOn: string): number {
  return dayNumber(measuredOn) - dayNumber(birthDate)
}
