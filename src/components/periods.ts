/** Period choices of the selector: DHIS2 relative period ids and fixed month/quarter/year ids. */
import i18n from '@dhis2/d2-i18n'

export const RELATIVE_PERIODS = [
  'THIS_MONTH',
  'LAST_MONTH',
  'LAST_3_MONTHS',
  'THIS_QUARTER',
  'LAST_QUARTER',
  'LAST_4_QUARTERS',
  'LAST_12_MONTHS',
  'THIS_YEAR',
  'LAST_YEAR',
] as const
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number]

export const DEFAULT_PERIOD: RelativePeriod = 'LAST_12_MONTHS'

export type PeriodKind = 'relative' | 'month' | 'quarter' | 'year'

export interface ParsedPeriod {
  kind: PeriodKind
  year?: number
  month?: number
  quarter?: number
  relative?: RelativePeriod
}

export function relativeLabel(p: RelativePeriod): string {
  switch (p) {
    case 'THIS_MONTH':
      return i18n.t('This month')
    case 'LAST_MONTH':
      return i18n.t('Last month')
    case 'LAST_3_MONTHS':
      return i18n.t('Last 3 months')
    case 'THIS_QUARTER':
      return i18n.t('This quarter')
    case 'LAST_QUARTER':
      return i18n.t('Last quarter')
    case 'LAST_4_QUARTERS':
      return i18n.t('Last 4 quarters')
    case 'LAST_12_MONTHS':
      return i18n.t('Last 12 months')
    case 'THIS_YEAR':
      return i18n.t('This year')
    case 'LAST_YEAR':
      return i18n.t('Last year')
  }
}

/** Parses a period id the selector can produce; undefined for anything else. */
export function parsePeriod(id: string | undefined | null): ParsedPeriod | undefined {
  if (!id) return undefined
  if ((RELATIVE_PERIODS as readonly string[]).includes(id)) return { kind: 'relative', relative: id as RelativePeriod }
  let m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id)
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) }
  m = /^(\d{4})Q([1-4])$/.exec(id)
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) }
  m = /^(\d{4})$/.exec(id)
  if (m) return { kind: 'year', year: Number(m[1]) }
  return undefined
}

export const monthId = (year: number, month: number): string => `${year}${String(month).padStart(2, '0')}`
export const quarterId = (year: number, quarter: number): string => `${year}Q${quarter}`
export const yearId = (year: number): string => String(year)

export function monthName(month: number, locale: string = i18n.language || 'en'): string {
  try {
    return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)))
  } catch {
    return String(month)
  }
}

/** Human label for any period id the selector produces (falls back to the id). */
export function periodLabel(id: string, locale?: string): string {
  const p = parsePeriod(id)
  if (!p) return id
  switch (p.kind) {
    case 'relative':
      return relativeLabel(p.relative as RelativePeriod)
    case 'month': {
      const name = monthName(p.month as number, locale)
      return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${p.year}`
    }
    case 'quarter':
      return i18n.t('Quarter {{quarter}} {{year}}', { quarter: p.quarter, year: p.year })
    case 'year':
      return String(p.year)
  }
}

/** Years offered by the fixed pickers: this year back `span` years. */
export function yearChoices(now: Date = new Date(), span = 10): number[] {
  const y = now.getUTCFullYear()
  return Array.from({ length: span + 1 }, (_, i) => y - i)
}
