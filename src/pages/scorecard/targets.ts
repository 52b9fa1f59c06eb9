/**
 * Scorecard targets: per indicator two thresholds (where "poor" ends and where "good" starts),
 * defaults from the catalog legends, user edits saved in the dataStore (`dyad/scorecard-targets`).
 */
import type { Direction, IndicatorDef, LegendDefault } from '../../domain/indicators/types'

export interface Target {
  /** Boundary of the red band (higher is better: below it is red; lower is better: from it on is red). */
  red: number
  /** Boundary of the green band (higher: from it on is green; lower: below it is green). */
  green: number
}

export interface ScorecardTargets {
  version: 1
  targets: Record<string, Target>
}

const MAX = 1_000_000

export function defaultTarget(def: IndicatorDef): Target | undefined {
  const bands = def.legend?.bands
  if (!bands || bands.length !== 3) return undefined
  const sorted = [...bands].sort((a, b) => a.start - b.start)
  return def.direction === 'lower' ? { green: sorted[0].end, red: sorted[2].start } : { red: sorted[0].end, green: sorted[2].start }
}

export function legendFromTarget(t: Target, direction: Direction): LegendDefault {
  if (direction === 'lower') {
    return { bands: [{ color: 'green', start: 0, end: t.green }, { color: 'yellow', start: t.green, end: t.red }, { color: 'red', start: t.red, end: MAX }] }
  }
  return { bands: [{ color: 'red', start: 0, end: t.red }, { color: 'yellow', start: t.red, end: t.green }, { color: 'green', start: t.green, end: MAX }] }
}

/** A problem with a target in plain words, or null when valid. */
export function targetProblem(t: { red: number; green: number }, direction: Direction): 'notNumber' | 'negative' | 'order' | null {
  if (!Number.isFinite(t.red) || !Number.isFinite(t.green)) return 'notNumber'
  if (t.red < 0 || t.green < 0) return 'negative'
  if (direction === 'lower' ? t.green > t.red : t.red > t.green) return 'order'
  return null
}

/** Reads a stored value defensively: unknown codes, bad numbers or wrong order are dropped. */
export function parseTargets(v: unknown, defs: IndicatorDef[]): ScorecardTargets {
  const out: ScorecardTargets = { version: 1, targets: {} }
  const raw = v && typeof v === 'object' ? (v as { targets?: unknown }).targets : undefined
  if (!raw || typeof raw !== 'object') return out
  const byCode = new Map(defs.map((d) => [d.code, d]))
  for (const [code, t] of Object.entries(raw as Record<string, unknown>)) {
    const def = byCode.get(code)
    if (!def || !t || typeof t !== 'object') continue
    const red = Number((t as { red?: unknown }).red)
    const green = Number((t as { green?: unknown }).green)
    if (targetProblem({ red, green }, def.direction) === null) out.targets[code] = { red, green }
  }
  return out
}

export function legendsFor(defs: IndicatorDef[], stored: ScorecardTargets): Record<string, LegendDefault | undefined> {
  const out: Record<string, LegendDefault | undefined> = {}
  for (const d of defs) {
    const t = stored.targets[d.code]
    out[d.code] = t ? legendFromTarget(t, d.direction) : d.legend
  }
  return out
}
