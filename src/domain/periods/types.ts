/** DHIS2 fixed period types supported by Dyad (names as in the DHIS2 Web API). */
export const PERIOD_TYPES = [
  'Daily',
  'Weekly',
  'BiWeekly',
  'Monthly',
  'BiMonthly',
  'Quarterly',
  'SixMonthly',
  'SixMonthlyApril',
  'Yearly',
  'FinancialApril',
  'FinancialJuly',
  'FinancialOct',
  'FinancialNov',
] as const
export type PeriodType = (typeof PERIOD_TYPES)[number]

export interface Period {
  /** Canonical DHIS2 id, e.g. `2025W9`, `202503`, `2025Q1`, `2025AprilS1`, `2025Oct`. */
  id: string
  type: PeriodType
  /** Year in the id (ISO week-year for weeks). */
  year: number
  /** Position in the year: day number for Daily; week, bi-week, month, bi-month, quarter or half; 1 for yearly types. */
  index: number
  /** First and last day, `YYYY-MM-DD`. */
  startDate: string
  endDate: string
}
