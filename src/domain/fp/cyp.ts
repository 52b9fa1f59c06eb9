/** Couple-years of protection: Σ units × factor, per method and in total. Never throws. */
import type { FpMethodCode } from '../../../metadata/src/vocabulary'
import { DEFAULT_CYP_FACTORS, type CypFactorTable } from './factors'
import { fpMethod, type FpMethodClass } from './methods'

export type UnitsByMethod =
  | Readonly<Record<string, unknown>>
  | ReadonlyMap<string, unknown>
  | ReadonlyArray<readonly [string, unknown]>

export interface CypInvalidUnits {
  code: string
  value: unknown
  reason: 'negative' | 'not-a-number'
}

export interface CypResult {
  /** Total CYP of the counted methods. */
  total: number
  /** CYP per method code (only methods with units and a factor). */
  byMethod: Partial<Record<FpMethodCode, number>>
  byClass: Record<FpMethodClass, number>
  /** Units counted per method. */
  units: Partial<Record<FpMethodCode, number>>
  /** Codes that are not Dyad FP methods (ignored). */
  unknownCodes: string[]
  /** Negative, non-finite or non-numeric units (ignored). */
  invalid: CypInvalidUnits[]
  /** Methods with units but no factor in the chosen table (e.g. POP in RMNCAH_CYPR). */
  notCounted: FpMethodCode[]
  /** The table used (id, year). */
  table: { id: string; year: number; sterilization: number }
}

function entries(input: UnitsByMethod | null | undefined): [string, unknown][] {
  if (input == null) return []
  try {
    if (input instanceof Map) return [...input.entries()]
    if (Array.isArray(input)) return input.filter((e) => Array.isArray(e) && e.length >= 2).map((e) => [String(e[0]), e[1]])
    if (typeof input === 'object') return Object.entries(input)
  } catch {
    return []
  }
  return []
}

/** Numbers, and numeric strings as DHIS2 sends values ("12", "12.5"). */
function toUnits(v: unknown): number | null {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && v.trim() !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())) return Number(v)
  return null
}

/**
 * CYP of units distributed / procedures done by method. Unknown codes, invalid units and methods the
 * table does not count are reported, never thrown. Units of the same code given twice add up.
 */
export function cyp(unitsByMethod: UnitsByMethod | null | undefined, factors: CypFactorTable = DEFAULT_CYP_FACTORS): CypResult {
  const res: CypResult = {
    total: 0,
    byMethod: {},
    byClass: { 'short-acting': 0, 'long-acting-reversible': 0, permanent: 0, 'traditional-natural': 0 },
    units: {},
    unknownCodes: [],
    invalid: [],
    notCounted: [],
    table: { id: factors.id, year: factors.year, sterilization: factors.sterilization },
  }
  for (const [code, raw] of entries(unitsByMethod)) {
    const method = fpMethod(code)
    if (!method) {
      if (!res.unknownCodes.includes(code)) res.unknownCodes.push(code)
      continue
    }
    const units = toUnits(raw)
    if (units === null || !Number.isFinite(units)) {
      res.invalid.push({ code, value: raw, reason: 'not-a-number' })
      continue
    }
    if (units < 0) {
      res.invalid.push({ code, value: raw, reason: 'negative' })
      continue
    }
    const c = method.code
    res.units[c] = (res.units[c] ?? 0) + units
    const f = factors.factors[c]
    if (!f || !(f.perUnit >= 0) || !Number.isFinite(f.perUnit)) {
      if (units > 0 && !res.notCounted.includes(c)) res.notCounted.push(c)
      continue
    }
    const v = units * f.perUnit
    res.byMethod[c] = (res.byMethod[c] ?? 0) + v
    res.byClass[method.class] += v
    res.total += v
  }
  return res
}
