/**
 * Pure transforms of the dashboards: monthly numerator/denominator sums → indicator figures
 * (value, numerator, denominator, same period last year, change, sparkline, legend colour).
 * Both data paths feed the same model: analytics (sums of program-indicator cells) and the pair
 * engine (its values per period), through a `SideSource`.
 */
import type { AnalyticsResult } from '../../data/analytics'
import { cellOf } from '../../data/analytics'
import type { DxItem, PeriodPlan } from '../../data/dashboards'
import type { IndicatorDef, LegendColor, LegendDefault } from '../../domain/indicators/types'
import { samePeriodLastYear } from '../../domain/periods/yoy'

export type Side = 'numerator' | 'denominator'

/** Sum of one side of an indicator over months for one org unit; null when no data at all. */
export type SideSource = (code: string, side: Side, months: string[], ou: string) => number | null

/** SideSource over an analytics grid of program indicators (dx × pe × ou). */
export function analyticsSource(res: AnalyticsResult, dx: DxItem[]): SideSource {
  const uidOf = new Map(dx.map((d) => [`${d.code}|${d.side}`, d.uid]))
  return (code, side, months, ou) => {
    const u = uidOf.get(`${code}|${side}`)
    if (!u) return null
    let sum = 0
    let seen = false
    for (const pe of months) {
      const c = cellOf(res, { dx: u, pe, ou })
      if (c) {
        sum += c.value
        seen = true
      }
    }
    // DHIS2 omits rows whose value is 0; data present in other months or on the other side means 0 here.
    return seen ? sum : null
  }
}

/** True when the grid has at least one value for the org unit (to tell "no data" from zeros). */
export function hasAnyData(res: AnalyticsResult, ou: string): boolean {
  const i = res.keyDimensions.indexOf('ou')
  if (i < 0) return res.cells.size > 0
  for (const k of res.cells.keys()) if (k.split('|')[i] === ou) return true
  return false
}

export interface Figure {
  value: number | null
  numerator: number | null
  denominator: number | null
}

export interface Change {
  /** `relative`: % change of a count (or of the base of a YoY indicator); `points`: difference of percentages. */
  kind: 'relative' | 'points'
  amount: number
}

export interface IndicatorFigures extends Figure {
  code: string
  def: IndicatorDef
  previous: Figure
  change: Change | null
  spark: { period: string; value: number | null }[]
  legend: LegendColor | null
}

export function valueOf(def: IndicatorDef, numerator: number | null, denominator: number | null): number | null {
  if (numerator === null) return null
  if (def.unit === 'count') return numerator
  if (denominator === null || denominator === 0) return null
  return (numerator / denominator) * (def.unit === 'percent' ? 100 : 1)
}

const relative = (cur: number | null, prev: number | null): number | null => (cur === null || prev === null || prev === 0 ? null : ((cur - prev) / prev) * 100)

/** One indicator over given months (tracker: its own sides; derived: change of its source vs last year). */
export function figureOf(def: IndicatorDef, src: SideSource, months: string[], ou: string, byCode: Map<string, IndicatorDef>): Figure {
  if (def.kind === 'derived' && def.derived) {
    const from = byCode.get(def.derived.from)
    if (!from) return { value: null, numerator: null, denominator: null }
    const prevMonths = months.map((m) => samePeriodLastYear(m)).filter((m): m is string => m !== null)
    const cur = def.derived.side === 'numerator' ? src(from.code, 'numerator', months, ou) : figureOf(from, src, months, ou, byCode).value
    const prev = def.derived.side === 'numerator' ? src(from.code, 'numerator', prevMonths, ou) : figureOf(from, src, prevMonths, ou, byCode).value
    return { value: relative(cur ?? (prev !== null ? 0 : null), prev), numerator: cur !== null && prev !== null ? cur - prev : null, denominator: prev }
  }
  const hasDen = def.unit !== 'count'
  let numerator = src(def.code, 'numerator', months, ou)
  let denominator = hasDen ? src(def.code, 'denominator', months, ou) : null
  // one side present, the other absent: the absent side is a real 0 (DHIS2 omits zero rows)
  if (hasDen && numerator === null && denominator !== null) numerator = 0
  if (hasDen && denominator === null && numerator !== null) denominator = 0
  return { value: valueOf(def, numerator, denominator), numerator, denominator }
}

/** Legend band of a value (DHIS2 bands: start inclusive, end exclusive; clamped at both ends). */
export function legendColor(value: number | null, legend: LegendDefault | undefined): LegendColor | null {
  if (value === null || !Number.isFinite(value) || !legend || !legend.bands.length) return null
  const bands = [...legend.bands].sort((a, b) => a.start - b.start)
  for (const b of bands) if (value >= b.start && value < b.end) return b.color
  return value < bands[0].start ? bands[0].color : bands[bands.length - 1].color
}

export function changeOf(def: IndicatorDef, cur: Figure, prev: Figure): Change | null {
  if (def.kind === 'derived') return null
  if (def.unit === 'percent') return cur.value === null || prev.value === null ? null : { kind: 'points', amount: cur.value - prev.value }
  const r = relative(cur.value, prev.value)
  return r === null ? null : { kind: 'relative', amount: r }
}

export function indicatorFigures(def: IndicatorDef, src: SideSource, plan: PeriodPlan, ou: string, byCode: Map<string, IndicatorDef>, legend: LegendDefault | undefined = def.legend, withSpark = true): IndicatorFigures {
  const cur = figureOf(def, src, plan.current, ou, byCode)
  const previous = def.kind === 'derived' ? { value: null, numerator: null, denominator: null } : figureOf(def, src, plan.previous, ou, byCode)
  return {
    code: def.code,
    def,
    ...cur,
    previous,
    change: changeOf(def, cur, previous),
    spark: withSpark ? plan.spark.map((m) => ({ period: m, value: figureOf(def, src, [m], ou, byCode).value })) : [],
    legend: legendColor(cur.value, legend),
  }
}

export interface OverviewSection {
  entryPoint: IndicatorDef['entryPoint']
  figures: IndicatorFigures[]
}

export function overviewSections(defs: IndicatorDef[], src: SideSource, plan: PeriodPlan, ou: string, entryPoints: IndicatorDef['entryPoint'][], catalog: IndicatorDef[] = defs): OverviewSection[] {
  const byCode = new Map(catalog.map((d) => [d.code, d]))
  return entryPoints.map((ep) => ({
    entryPoint: ep,
    figures: defs.filter((d) => d.entryPoint === ep).map((d) => indicatorFigures(d, src, plan, ou, byCode)),
  }))
}

/** Children × indicators (drill-down, scorecard): figures without sparklines. */
export function gridFigures(defs: IndicatorDef[], src: SideSource, plan: PeriodPlan, ous: string[], catalog: IndicatorDef[], legends: Record<string, LegendDefault | undefined> = {}): Map<string, Map<string, IndicatorFigures>> {
  const byCode = new Map(catalog.map((d) => [d.code, d]))
  const out = new Map<string, Map<string, IndicatorFigures>>()
  for (const ou of ous) {
    const row = new Map<string, IndicatorFigures>()
    for (const d of defs) row.set(d.code, indicatorFigures(d, src, plan, ou, byCode, d.code in legends ? legends[d.code] : d.legend, false))
    out.set(ou, row)
  }
  return out
}
