/**
 * Couple-years of protection (CYP) conversion factors, as data. A factor is the CYP given by one
 * unit distributed or one procedure/insertion (e.g. 1/15 per pill cycle, 4.6 per copper IUD).
 * Factors are kept as exact fractions (1/15, not 0.0667).
 *
 * Sources (see `reference/domain.md` §2 and decision 0300):
 * - USAID_2022: the 2022 update by FHI 360 / Avenir Health for USAID, as listed by Data for Impact
 *   (data4impactproject.org/prh) and Lebetkin et al., GHSP 2024;12(2):e2300388.
 * - USAID_2011: the 2011 factors (RESPOND project, endorsed by USAID), MEASURE Evaluation PRH
 *   compendium — still used by national systems, kept for comparison.
 * - DHIS2_RMNCAH: exactly the terms of the DHIS2 RMNCAH package indicator `RMNCAH_CYPR`
 *   (2011 factors, sterilization ×10, no POP / hormonal IUD / Levoplant term) for cross-checks with
 *   instances that use that package.
 */
import type { FpMethodCode, Label } from '../../../metadata/src/vocabulary'

export type CypUnit = 'cycle' | 'dose' | 'piece' | 'insertion' | 'procedure' | 'user'

export interface CypFactor {
  /** CYP per unit (per cycle, dose, piece, insertion, procedure or active user). */
  perUnit: number
  unit: CypUnit
  /** How the source states it, e.g. "15 cycles per CYP", "4.6 CYP per IUD inserted". */
  basis: string
  /** 'seen': read in the cited source; 'recall': carried over (not visible in the current list). */
  evidence: 'seen' | 'recall'
  note?: string
}

export type CypTableId = 'USAID_2022' | 'USAID_2011' | 'DHIS2_RMNCAH'

export interface CypFactorTable {
  id: CypTableId | 'CUSTOM'
  name: Label
  year: number
  source: string
  /** CYP per sterilization (female or male): the configurable regional factor. */
  sterilization: number
  /** `null`: the method is not counted by this table (reported by `cyp` as `notCounted`). */
  factors: Readonly<Record<FpMethodCode, CypFactor | null>>
}

export const CYP_UNIT_LABELS: Readonly<Record<CypUnit, Label>> = {
  cycle: { en: 'cycle', fr: 'plaquette' },
  dose: { en: 'dose', fr: 'dose' },
  piece: { en: 'piece', fr: 'unité' },
  insertion: { en: 'insertion', fr: 'insertion' },
  procedure: { en: 'procedure', fr: 'intervention' },
  user: { en: 'active user', fr: 'utilisatrice active' },
}

/** Sterilization factors by region. */
export const STERILIZATION_FACTORS = {
  /** Current global factor (USAID 2022 update). */
  GLOBAL_CURRENT: 10,
  /** 2011, Africa regional factor. */
  AFRICA_2011: 9.3,
  /** India, Bangladesh, Nepal (both tables). */
  SOUTH_ASIA: 13,
} as const

/**
 * Default for Mali, Burkina Faso and Niger: the current global factor, 10 (decision 0300). Countries
 * whose national reports still use the 2011 Africa factor set 9.3 in the settings.
 */
export const DEFAULT_STERILIZATION_FACTOR = STERILIZATION_FACTORS.GLOBAL_CURRENT

const per = (n: number, unit: CypUnit, evidence: 'seen' | 'recall', note?: string): CypFactor => ({
  perUnit: 1 / n,
  unit,
  basis: `${n} ${unit}s per CYP`,
  evidence,
  ...(note ? { note } : {}),
})
const each = (v: number, unit: CypUnit, evidence: 'seen' | 'recall', note?: string): CypFactor => ({
  perUnit: v,
  unit,
  basis: `${v} CYP per ${unit}`,
  evidence,
  ...(note ? { note } : {}),
})
const sterilization = (v: number): CypFactor => each(v, 'procedure', 'seen', 'regional factor: see CypFactorTable.sterilization')

function table2022(ster: number): CypFactorTable {
  const cuIud = each(4.6, 'insertion', 'seen')
  return {
    id: 'USAID_2022',
    name: { en: 'USAID / FHI 360 CYP factors (2022 update)', fr: 'Facteurs CAP USAID / FHI 360 (mise à jour 2022)' },
    year: 2022,
    source: 'FHI 360 / Avenir Health for USAID, 2022 update (Data for Impact PRH; Lebetkin et al., GHSP 2024;12(2):e2300388)',
    sterilization: ster,
    factors: {
      IUD_POSTPLACENTAL: cuIud,
      IUD_POSTCAESAREAN: cuIud,
      IUD_CU: cuIud,
      IUD_LNG: each(4.8, 'insertion', 'seen'),
      IMPLANT_3Y: each(2.5, 'insertion', 'recall', 'unchanged from 2011'),
      IMPLANT_5Y: each(3.8, 'insertion', 'recall', 'unchanged from 2011'),
      IMPLANT_LEVOPLANT: each(2.5, 'insertion', 'seen', 'GHSP 2024 (was 3.2 as Sino-implant II in 2011)'),
      TUBAL_LIGATION: sterilization(ster),
      VASECTOMY: sterilization(ster),
      LAM: per(4, 'user', 'recall', 'unchanged from 2011'),
      POP: per(12, 'cycle', 'seen', 'GHSP 2024: progestin-only pills now separate'),
      COC: per(15, 'cycle', 'recall', 'D4I list cut off at this row; 15 as in 2011'),
      INJ_DMPA_IM: per(4, 'dose', 'recall', 'unchanged from 2011'),
      INJ_DMPA_SC: per(4, 'dose', 'recall', 'same as DMPA-IM (3-month dose); to confirm against the live USAID table'),
      INJ_NETEN: per(6, 'dose', 'recall', 'unchanged from 2011'),
      INJ_CYCLOFEM: per(13, 'dose', 'recall', 'unchanged from 2011'),
      CONDOM_MALE: per(120, 'piece', 'recall', 'unchanged from 2011'),
      CONDOM_FEMALE: per(120, 'piece', 'recall', 'unchanged from 2011'),
      ECP: per(20, 'dose', 'recall', 'unchanged from 2011'),
      SDM: each(1.5, 'user', 'recall', 'per trained adopter; unchanged from 2011'),
    },
  }
}

function table2011(ster: number): CypFactorTable {
  const cuIud = each(4.6, 'insertion', 'seen')
  const dmpa = per(4, 'dose', 'seen')
  return {
    id: 'USAID_2011',
    name: { en: 'USAID CYP factors (2011)', fr: 'Facteurs CAP USAID (2011)' },
    year: 2011,
    source: 'RESPOND project factors endorsed by USAID, 2011 (MEASURE Evaluation PRH indicator compendium)',
    sterilization: ster,
    factors: {
      IUD_POSTPLACENTAL: cuIud,
      IUD_POSTCAESAREAN: cuIud,
      IUD_CU: cuIud,
      IUD_LNG: each(3.3, 'insertion', 'seen'),
      IMPLANT_3Y: each(2.5, 'insertion', 'seen'),
      IMPLANT_5Y: each(3.8, 'insertion', 'seen'),
      IMPLANT_LEVOPLANT: each(3.2, 'insertion', 'seen', '2011 "Sino-implant (II)", 4-year'),
      TUBAL_LIGATION: sterilization(ster),
      VASECTOMY: sterilization(ster),
      LAM: per(4, 'user', 'seen'),
      POP: per(15, 'cycle', 'seen', '2011 had one factor for oral contraceptives'),
      COC: per(15, 'cycle', 'seen'),
      INJ_DMPA_IM: dmpa,
      INJ_DMPA_SC: { ...dmpa, note: 'not in the 2011 list; same drug and dose interval as Depo-Provera' },
      INJ_NETEN: per(6, 'dose', 'seen'),
      INJ_CYCLOFEM: per(13, 'dose', 'seen'),
      CONDOM_MALE: per(120, 'piece', 'seen'),
      CONDOM_FEMALE: per(120, 'piece', 'seen'),
      ECP: per(20, 'dose', 'seen'),
      SDM: each(1.5, 'user', 'seen', 'per trained adopter'),
    },
  }
}

function tableRmncah(): CypFactorTable {
  const t = table2011(10)
  return {
    ...t,
    id: 'DHIS2_RMNCAH',
    name: { en: 'DHIS2 RMNCAH package (RMNCAH_CYPR)', fr: 'Paquet DHIS2 SRMNEA (RMNCAH_CYPR)' },
    source: 'DHIS2 metadata package RMNCAH_COMPLETE_V1_DHIS2.36, indicator RMNCAH_CYPR numerator (2011 factors, sterilization ×10)',
    factors: { ...t.factors, POP: null, IUD_LNG: null, IMPLANT_LEVOPLANT: null, LAM: null, SDM: null },
  }
}

/** Current table (2022 update) with Dyad's default sterilization factor (10). */
export const CYP_FACTORS_2022: CypFactorTable = table2022(DEFAULT_STERILIZATION_FACTOR)
/** 2011 table with the 2011 Africa sterilization factor (9.3), for comparison. */
export const CYP_FACTORS_2011: CypFactorTable = table2011(STERILIZATION_FACTORS.AFRICA_2011)
/** The DHIS2 RMNCAH package's `RMNCAH_CYPR` terms. */
export const CYP_FACTORS_DHIS2_RMNCAH: CypFactorTable = tableRmncah()

export const CYP_FACTOR_TABLES: Readonly<Record<CypTableId, CypFactorTable>> = {
  USAID_2022: CYP_FACTORS_2022,
  USAID_2011: CYP_FACTORS_2011,
  DHIS2_RMNCAH: CYP_FACTORS_DHIS2_RMNCAH,
}

/** The default factors of Dyad (decision 0300). */
export const DEFAULT_CYP_FACTORS = CYP_FACTORS_2022

export interface CypSettings {
  /** Base table; default USAID_2022. */
  base?: CypTableId
  /** CYP per sterilization; default: the base table's. */
  sterilization?: number
  /** Per-method CYP per unit, e.g. a national value for DMPA-SC. */
  overrides?: Partial<Record<string, number>>
}

export interface CypSettingsProblem {
  field: string
  value: unknown
  reason: 'not-a-positive-number' | 'unknown-method' | 'unknown-table'
}

/**
 * Factor table from settings (as stored in the dataStore). Invalid entries are ignored and
 * reported, never thrown.
 */
export function makeCypFactors(settings: CypSettings | null | undefined): { table: CypFactorTable; problems: CypSettingsProblem[] } {
  const problems: CypSettingsProblem[] = []
  const s = settings ?? {}
  let baseId: CypTableId = 'USAID_2022'
  if (s.base !== undefined) {
    if (s.base in CYP_FACTOR_TABLES) baseId = s.base
    else problems.push({ field: 'base', value: s.base, reason: 'unknown-table' })
  }
  const base = CYP_FACTOR_TABLES[baseId]
  const okNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0
  let ster = base.sterilization
  if (s.sterilization !== undefined) {
    if (okNumber(s.sterilization)) ster = s.sterilization
    else problems.push({ field: 'sterilization', value: s.sterilization, reason: 'not-a-positive-number' })
  }
  const factors: Record<string, CypFactor | null> = { ...base.factors }
  for (const code of ['TUBAL_LIGATION', 'VASECTOMY']) {
    const f = factors[code]
    if (f) factors[code] = { ...f, perUnit: ster, basis: `${ster} CYP per procedure` }
  }
  let custom = ster !== base.sterilization
  for (const [code, v] of Object.entries(s.overrides ?? {})) {
    if (!(code in base.factors)) {
      problems.push({ field: `overrides.${code}`, value: v, reason: 'unknown-method' })
      continue
    }
    if (!okNumber(v)) {
      problems.push({ field: `overrides.${code}`, value: v, reason: 'not-a-positive-number' })
      continue
    }
    const prev = factors[code]
    factors[code] = {
      perUnit: v,
      unit: prev?.unit ?? 'piece',
      basis: `${v} CYP per ${prev?.unit ?? 'unit'} (national setting)`,
      evidence: 'seen',
      note: 'overridden in the Dyad settings',
    }
    custom = true
  }
  const table: CypFactorTable = {
    ...base,
    id: custom ? 'CUSTOM' : base.id,
    sterilization: ster,
    factors: factors as Record<FpMethodCode, CypFactor | null>,
  }
  return { table, problems }
}
