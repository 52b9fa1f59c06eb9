/**
 * How the generator fills the private-sector data set: one item per (data element, category
 * option combo) with the kind of figure it holds. Built from the metadata package's own data set
 * definition (metadata/src), so UIDs are the bundle's.
 */
export type AggregateItemKind =
  | 'ANC1'
  | 'ANC4'
  | 'ANC_FP_COUNSELLED'
  | 'DELIVERIES'
  | 'PPFP'
  | 'FP_NEW'
  | 'FP_CONTINUING'
  | 'UNITS'
  | 'STOCKOUT'
  | 'NEWBORN_CARE'
  | 'INFANT_SCREENED'
  | 'INFANT_AT_RISK'
  | 'INFANT_REFERRED'
  | 'PENTA3'

export interface AggregateItem {
  dataElement: string
  categoryOptionCombo: string
  kind: AggregateItemKind
  valueType?: string
  /** Relative share of this disaggregation (e.g. method popularity). */
  weight?: number
  /** For UNITS: units per user-month (condoms 10, pill cycles 1, injectables 0.35, implants 0.05…). */
  unitsPerUser?: number
  method?: string
}

export interface AggregateSpec {
  dataSet: string
  attributeOptionCombo: string
  /** Days after the period end a report counts as on time (DHIS2 dataSet.timelyDays, default 15). */
  timelyDays: number
  items: AggregateItem[]
}

/** The spec of the package's private-sector data set, or null while the package has none. */
export function privateSectorSpec(): AggregateSpec | null {
  return null
}
