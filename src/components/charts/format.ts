/**
 * Number formatting for charts, tables and exports in the user's locale (Intl): French uses a
 * narrow no-break space for thousands and a decimal comma (`12 345,6 %`), English `12,345.6%`.
 */
import i18n from '@dhis2/d2-i18n'

export type ValueUnit = 'percent' | 'count' | 'ratio'

/** The UI locale as a BCP 47 tag Intl understands ('fr', 'en', 'fr-FR'…); 'en' when unknown. */
export function uiLocale(): string {
  const l = (i18n.language || 'en').replace('_', '-')
  try {
    return Intl.NumberFormat.supportedLocalesOf([l]).length ? l : 'en'
  } catch {
    return 'en'
  }
}

const cache = new Map<string, Intl.NumberFormat>()
function nf(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, opts)
    cache.set(key, f)
  }
  return f
}

/** A plain number: integers without decimals, others with at most `digits` decimals. */
export function formatNumber(value: number | null | undefined, locale: string = uiLocale(), digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  return nf(locale, { maximumFractionDigits: Number.isInteger(value) ? 0 : digits }).format(value)
}

/** A value in its unit: percent values are already ×100 (DHIS2 indicator factor 100). */
export function formatValue(value: number | null | undefined, unit: ValueUnit, locale: string = uiLocale()): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  if (unit === 'percent') return nf(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)
  if (unit === 'ratio') return nf(locale, { maximumFractionDigits: 2 }).format(value)
  return formatNumber(value, locale, 1)
}

/** A relative change in percent with its sign: `+41 %`, `−12,5 %` (value is a percentage, e.g. 41). */
export function formatChange(pct: number | null | undefined, locale: string = uiLocale()): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '–'
  return nf(locale, { style: 'percent', maximumFractionDigits: Math.abs(pct) < 10 ? 1 : 0, signDisplay: 'exceptZero' }).format(pct / 100)
}

/** Relative change from `previous` to `current` in percent; null when there is no base. */
export function relativeChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null
  return ((current - previous) / previous) * 100
}
