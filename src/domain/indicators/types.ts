/**
 * Types of the indicator catalog (src/domain/indicators/catalog.ts).
 *
 * One `IndicatorDef` drives: the pair engine (engine.ts), the metadata build (program indicators
 * `DYAD_PI_<CODE>_NUM` / `_DEN` and the DHIS2 indicator `DYAD_IN_<CODE>`), the generated data
 * dictionary, the pages (names, legends, direction) and the tests.
 */
import type { Label } from '../../../metadata/src/vocabulary'
import type { Rule } from './rules'

export type EntryPoint = 'prenatal' | 'delivery' | 'postnatal' | 'infant' | 'crossCutting'

export const ENTRY_POINTS: EntryPoint[] = ['prenatal', 'delivery', 'postnatal', 'infant', 'crossCutting']

export const ENTRY_POINT_LABELS: Record<EntryPoint, Label> = {
  prenatal: { en: 'Antenatal care', fr: 'Prénatal' },
  delivery: { en: 'Delivery', fr: 'Accouchement' },
  postnatal: { en: 'Postnatal care', fr: 'Post-natal' },
  infant: { en: 'Infant care', fr: 'Nourrisson' },
  crossCutting: { en: 'Cross-cutting', fr: 'Transversal' },
}

/**
 * `tracker`: computed from tracker events by rules (pair engine and program indicators agree).
 * `aggregate`: computed by DHIS2 from the private-sector aggregate data set (CYP, reporting rates);
 *   the metadata engineer writes the formula from `aggregate.intent`; the pair engine does not compute it.
 * `derived`: computed from another catalog indicator over two periods (year-over-year).
 */
export type IndicatorKind = 'tracker' | 'aggregate' | 'derived'

/** percent: value = num / den × 100 · count: value = num · ratio: value = num / den. */
export type Unit = 'percent' | 'count' | 'ratio'

export type Direction = 'higher' | 'lower' | 'none'

export type Disaggregation =
  | 'orgUnit'
  | 'motherAge'
  | 'ancContactNumber'
  | 'fpMethod'
  | 'deliveryMode'
  | 'infantSex'
  | 'infantAgeMonths'
  | 'hivResult'
  | 'mamiRisk'
  | 'ownership'
  | 'facilityType'

export type LegendColor = 'red' | 'yellow' | 'green'

/** A legend band as DHIS2 stores it: start inclusive, end exclusive. Bands are contiguous. */
export interface LegendBand {
  color: LegendColor
  start: number
  end: number
}

export interface LegendDefault {
  bands: LegendBand[]
}

export type SourceType = 'who' | 'dhis2' | 'literature' | 'proposed'

export interface IndicatorSource {
  type: SourceType
  /** Package item, standard or document, e.g. "DHIS2 RMNCAH RMNCAH_ANC1". */
  reference: string
  /** Why this definition (mandatory for `proposed`). */
  reasoning?: Label
}

/** One service of the integrated package at an entry point (seed 000), and how it is measured. */
export interface ChecklistItem {
  service: Label
  /** The data element whose condition in the PKG_FULL numerator rule measures it (null: not measured). */
  dataElement: string | null
  /** Why an item of the seed's list is not part of the rule (only when dataElement is null). */
  excludedBecause?: Label
}

export interface IndicatorDef {
  code: string
  name: Label
  /** ≤ 50 characters in both languages. */
  shortName: Label
  /** One or two sentences for the dictionary and the hover card. */
  description: Label
  entryPoint: EntryPoint
  kind: IndicatorKind
  numeratorText: Label
  /** Absent for counts. */
  denominatorText?: Label
  /** tracker: the rule of the numerator program indicator. */
  numerator?: Rule
  /** tracker percent/ratio: the rule of the denominator program indicator. */
  denominator?: Rule
  unit: Unit
  /** 100 for percent, 1 otherwise (the DHIS2 indicator type factor). */
  factor: number
  direction: Direction
  disaggregations: Disaggregation[]
  legend?: LegendDefault
  /** Program indicator codes (tracker only): DYAD_PI_<CODE>_NUM and, with a denominator, _DEN. */
  programIndicators?: { numerator: string; denominator?: string }
  /** DHIS2 indicator code DYAD_IN_<CODE> (tracker and aggregate). */
  indicatorCode?: string
  source: IndicatorSource
  /** How this definition departs from the reference definition, and why. */
  deviation?: Label
  /** aggregate: what the DHIS2 indicator computes, in words (the metadata engineer writes the formula). */
  aggregate?: { intent: Label }
  /** derived: the catalog indicator side compared across two periods. */
  derived?: { from: string; side: 'numerator' | 'value'; comparison: 'samePeriodLastYear' }
  /** PKG_FULL_*: the seed's list of services at the entry point and how each one is measured. */
  checklist?: ChecklistItem[]
}

/** A step of the continuum cascade: a count (one program indicator) of the catalog. */
export interface CascadeStep {
  /** Step key (stable, used by the pages). */
  key: string
  label: Label
  indicator: string
  side: 'numerator'
  entryPoint: EntryPoint
}
