/**
 * Traffic-light legends for indicator values (overview, scorecard, community card). Shapes follow
 * DHIS2 legend sets (`startValue`, `endValue`, `color`, `name`) so they can be exported as metadata.
 *
 * Matching follows DHIS2: a value is in a range when `startValue ≤ value < endValue`; the **last**
 * range also takes a value equal to its end (so 100 % is coloured when the set ends at 100).
 * A valid set is sorted, without gaps or overlaps (each range starts where the previous ends).
 */
import type { Label } from '../../../metadata/src/vocabulary'

export type LegendKey = 'RED' | 'AMBER' | 'GREEN'
export type IndicatorDirection = 'higher-is-better' | 'lower-is-better'

export interface LegendRange {
  key: LegendKey | string
  name: Label
  startValue: number
  endValue: number
  /** CSS hex colour `#rrggbb` */
  color: string
}

export interface LegendSet {
  name: Label
  legends: LegendRange[]
}

export const TRAFFIC_LIGHT: Readonly<Record<LegendKey, { color: string; name: Label }>> = {
  RED: { color: '#c62828', name: { en: 'Poor', fr: 'Insuffisant' } },
  AMBER: { color: '#f9a825', name: { en: 'Fair', fr: 'Moyen' } },
  GREEN: { color: '#2e7d32', name: { en: 'Good', fr: 'Bon' } },
}

export type LegendProblemCode = 'NO_LEGENDS' | 'NOT_FINITE' | 'EMPTY_RANGE' | 'GAP' | 'OVERLAP' | 'BAD_COLOR' | 'UNSORTED'

export interface LegendProblem {
  code: LegendProblemCode
  /** index of the range concerned (for GAP/OVERLAP: the second of the two) */
  index: number
  en: string
  fr: string
}

const HEX = /^#[0-9a-fA-F]{6}$/

/** Problems of a legend set (empty when valid). Never throws. */
export function validateLegendSet(set: LegendSet | null | undefined): LegendProblem[] {
  const out: LegendProblem[] = []
  const legends = set && Array.isArray(set.legends) ? set.legends : []
  if (legends.length === 0) {
    out.push({ code: 'NO_LEGENDS', index: -1, en: 'The legend set has no range', fr: 'La légende ne contient aucune plage' })
    return out
  }
  legends.forEach((l, i) => {
    const s = l?.startValue
    const e = l?.endValue
    if (typeof s !== 'number' || typeof e !== 'number' || !Number.isFinite(s) || !Number.isFinite(e)) {
      out.push({ code: 'NOT_FINITE', index: i, en: `Range ${i + 1}: start and end must be numbers`, fr: `Plage ${i + 1} : le début et la fin doivent être des nombres` })
    } else if (e <= s) {
      out.push({ code: 'EMPTY_RANGE', index: i, en: `Range ${i + 1}: end ${e} is not above start ${s}`, fr: `Plage ${i + 1} : la fin ${e} n’est pas supérieure au début ${s}` })
    }
    if (typeof l?.color !== 'string' || !HEX.test(l.color)) {
      out.push({ code: 'BAD_COLOR', index: i, en: `Range ${i + 1}: colour must be #rrggbb`, fr: `Plage ${i + 1} : la couleur doit être au format #rrggbb` })
    }
  })
  for (let i = 1; i < legends.length; i++) {
    const prev = legends[i - 1]
    const cur = legends[i]
    if (!Number.isFinite(prev?.endValue) || !Number.isFinite(cur?.startValue)) continue
    if (cur.startValue < prev.startValue) {
      out.push({ code: 'UNSORTED', index: i, en: `Range ${i + 1} starts before range ${i}`, fr: `La plage ${i + 1} commence avant la plage ${i}` })
    } else if (cur.startValue > prev.endValue) {
      out.push({ code: 'GAP', index: i, en: `Gap between ${prev.endValue} and ${cur.startValue}`, fr: `Trou entre ${prev.endValue} et ${cur.startValue}` })
    } else if (cur.startValue < prev.endValue) {
      out.push({ code: 'OVERLAP', index: i, en: `Ranges ${i} and ${i + 1} overlap (${cur.startValue} < ${prev.endValue})`, fr: `Les plages ${i} et ${i + 1} se chevauchent (${cur.startValue} < ${prev.endValue})` })
    }
  }
  return out
}

export function isValidLegendSet(set: LegendSet | null | undefined): boolean {
  return validateLegendSet(set).length === 0
}

/** The range a value falls in, or null (no value, outside every range). */
export function classifyValue(value: number | null | undefined, set: LegendSet | null | undefined): LegendRange | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || !set || !Array.isArray(set.legends)) return null
  const legends = set.legends
  for (let i = 0; i < legends.length; i++) {
    const l = legends[i]
    if (value >= l.startValue && value < l.endValue) return l
  }
  const last = legends[legends.length - 1]
  return last && value === last.endValue ? last : null
}

export interface DefaultLegendOptions {
  direction: IndicatorDirection
  /** the target (e.g. 80 for 80 %) */
  target: number
  /** amber band as a fraction of the target: higher-is-better amber = [target × (1 − band), target); default 0.2 */
  amberBand?: number
  /** lowest and highest values of the scale; default 0 and 100 for percentages (higher: 1000 when the target is above 100) */
  min?: number
  max?: number
  name?: Label
}

/**
 * Default traffic-light legend for an indicator: higher-is-better → red below target × (1 − band),
 * amber up to the target, green from the target; lower-is-better → green below the target, amber up
 * to target × (1 + band), red above. Boundaries belong to the upper range (DHIS2 matching).
 * Returns null when the options cannot make a valid set (e.g. target outside [min, max]).
 */
export function defaultLegendSet(opts: DefaultLegendOptions): LegendSet | null {
  const band = opts.amberBand ?? 0.2
  const min = opts.min ?? 0
  const max = opts.max ?? (opts.target > 100 ? Math.max(1000, opts.target * 2) : 100)
  const t = opts.target
  if (![band, min, max, t].every(Number.isFinite) || band <= 0 || band >= 1 || !(min < t && t < max)) return null
  const r = (key: LegendKey, s: number, e: number): LegendRange => ({ key, name: TRAFFIC_LIGHT[key].name, startValue: s, endValue: e, color: TRAFFIC_LIGHT[key].color })
  let legends: LegendRange[]
  if (opts.direction === 'higher-is-better') {
    const amber = Math.max(min, t * (1 - band))
    legends = amber > min ? [r('RED', min, amber), r('AMBER', amber, t), r('GREEN', t, max)] : [r('AMBER', min, t), r('GREEN', t, max)]
  } else {
    const amber = Math.min(max, t * (1 + band))
    legends = amber < max ? [r('GREEN', min, t), r('AMBER', t, amber), r('RED', amber, max)] : [r('GREEN', min, t), r('AMBER', t, max)]
  }
  const set: LegendSet = {
    name: opts.name ?? {
      en: `${opts.direction === 'higher-is-better' ? 'Higher is better' : 'Lower is better'}, target ${t}`,
      fr: `${opts.direction === 'higher-is-better' ? 'Plus élevé = mieux' : 'Plus bas = mieux'}, objectif ${t}`,
    },
    legends,
  }
  return isValidLegendSet(set) ? set : null
}

/** Status of a value against a target, for a trend/target badge. */
export function targetStatus(value: number | null | undefined, target: number, direction: IndicatorDirection): 'met' | 'not-met' | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(target)) return null
  return (direction === 'higher-is-better' ? value >= target : value <= target) ? 'met' : 'not-met'
}
