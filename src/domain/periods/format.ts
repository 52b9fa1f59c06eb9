/**
 * Labels of DHIS2 periods in French and English (date-fns locales `fr` and `enGB`). Pure: the same
 * id gives the same label in any time zone.
 *
 * Default style:
 * - fr: `1 mars 2025`, `Semaine 9, 2025 (24 févr. – 2 mars)`, `mars 2025`, `janvier–février 2025`,
 *   `T1 2025`, `S1 2025`, `avril–septembre 2025`, `2025`, `avril 2025 – mars 2026`.
 *   Quarters and halves use the French reporting convention (T = trimestre, S = semestre).
 * - en: `1 March 2025`, `Week 9, 2025 (24 Feb – 2 Mar)`, `March 2025`, `January–February 2025`,
 *   `January–March 2025`, `January–June 2025`, `April–September 2025`, `2025`, `April 2025 – March 2026`
 *   (as DHIS2's English period names).
 * `style: 'long'` spells quarters/halves as month ranges in French too; `style: 'short'` gives
 * `T1 2025` / `Q1 2025`, `S1 2025` / `H1 2025`.
 */
import { format } from 'date-fns'
import { enGB, fr } from 'date-fns/locale'
import { dayOf, localDate } from './calendar'
import { parsePeriod } from './fixed'
import { isRelativePeriodId, RELATIVE_PERIODS } from './relative'

export type PeriodLocale = 'fr' | 'en'
export interface FormatPeriodOptions {
  style?: 'default' | 'long' | 'short'
}

const LOCALES = { fr, en: enGB }

function month(day: number, loc: PeriodLocale): string {
  return format(localDate(day), 'LLLL', { locale: LOCALES[loc] })
}

function monthRange(startIso: string, endIso: string, loc: PeriodLocale): string {
  const s = dayOf(startIso)
  const e = dayOf(endIso)
  const sy = startIso.slice(0, 4)
  const ey = endIso.slice(0, 4)
  if (startIso.slice(0, 7) === endIso.slice(0, 7)) return `${month(s, loc)} ${sy}`
  if (sy === ey) return `${month(s, loc)}–${month(e, loc)} ${sy}`
  return `${month(s, loc)} ${sy} – ${month(e, loc)} ${ey}`
}

function dayRange(startIso: string, endIso: string, loc: PeriodLocale): string {
  const f = (iso: string) => format(localDate(dayOf(iso)), 'd MMM', { locale: LOCALES[loc] })
  return `${f(startIso)} – ${f(endIso)}`
}

/** Label of a fixed or relative DHIS2 period id; the id itself if it is not a valid period. */
export function formatPeriod(id: string, locale: PeriodLocale = 'fr', options: FormatPeriodOptions = {}): string {
  const loc: PeriodLocale = locale === 'en' ? 'en' : 'fr'
  if (isRelativePeriodId(id)) return RELATIVE_PERIODS[id].label[loc]
  const p = parsePeriod(id)
  if (!p) return String(id)
  const style = options.style ?? 'default'
  const frShort = loc === 'fr' ? style !== 'long' : style === 'short'
  switch (p.type) {
    case 'Daily':
      return format(localDate(p.index), 'd MMMM yyyy', { locale: LOCALES[loc] })
    case 'Weekly':
      return loc === 'fr'
        ? `Semaine ${p.index}, ${p.year} (${dayRange(p.startDate, p.endDate, loc)})`
        : `Week ${p.index}, ${p.year} (${dayRange(p.startDate, p.endDate, loc)})`
    case 'BiWeekly':
      return loc === 'fr'
        ? `Bi-semaine ${p.index}, ${p.year} (${dayRange(p.startDate, p.endDate, loc)})`
        : `Bi-week ${p.index}, ${p.year} (${dayRange(p.startDate, p.endDate, loc)})`
    case 'Quarterly':
      if (frShort) return `${loc === 'fr' ? 'T' : 'Q'}${p.index} ${p.year}`
      return monthRange(p.startDate, p.endDate, loc)
    case 'SixMonthly':
      if (frShort) return `${loc === 'fr' ? 'S' : 'H'}${p.index} ${p.year}`
      return monthRange(p.startDate, p.endDate, loc)
    case 'Yearly':
      return String(p.year)
    default:
      // Monthly, BiMonthly, SixMonthlyApril, financial years
      return monthRange(p.startDate, p.endDate, loc)
  }
}
