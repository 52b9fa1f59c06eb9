/** Small helpers shared by the dashboard pages: language, catalog labels, legend words. */
import i18n from '@dhis2/d2-i18n'
import type { Label } from '../../../metadata/src/vocabulary'
import { ENTRY_POINT_LABELS, type EntryPoint, type LegendColor } from '../../domain/indicators/types'
import { formatChange, formatNumber, formatValue } from '../../components/charts/format'
import type { Change, IndicatorFigures } from './model'

export const lang = (): 'fr' | 'en' => ((i18n.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en')
export const tr = (l: Label | undefined): string => (l ? l[lang()] : '')
export const entryPointLabel = (ep: EntryPoint): string => tr(ENTRY_POINT_LABELS[ep])

export function legendWord(c: LegendColor | null): string {
  switch (c) {
    case 'green':
      return i18n.t('Good')
    case 'yellow':
      return i18n.t('Fair')
    case 'red':
      return i18n.t('Poor')
    default:
      return i18n.t('No target')
  }
}

export function changeText(c: Change | null): string {
  if (!c) return '–'
  if (c.kind === 'points') {
    const n = formatNumber(Math.abs(c.amount), undefined, 1)
    return `${c.amount > 0 ? '+' : c.amount < 0 ? '−' : ''}${n} ${i18n.t('pts')}`
  }
  return formatChange(c.amount)
}

export const arrowOf = (c: Change | null): string => (!c || Math.abs(c.amount) < 1e-9 ? '→' : c.amount > 0 ? '▲' : '▼')

/** Spoken form of a change, e.g. "up 41 % compared with the same period last year". */
export function changeSpoken(c: Change | null): string {
  if (!c) return i18n.t('no comparison with the same period last year')
  const t = changeText(c)
  return c.amount > 0 ? i18n.t('up {{change}} compared with the same period last year', { change: t }) : c.amount < 0 ? i18n.t('down {{change}} compared with the same period last year', { change: t }) : i18n.t('unchanged compared with the same period last year')
}

export const fmtFigure = (f: IndicatorFigures): string => formatValue(f.value, f.def.unit)
export const fmtCount = (n: number | null): string => formatNumber(n, undefined, 0)

/** "Label:" with the typography of the user's language (French puts a space before the colon). */
export const withColon = (label: string): string => i18n.t('{{label}}:', { label })
