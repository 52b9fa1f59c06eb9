/**
 * How the generator fills the private-sector data set: one item per (data element, category
 * option combo) of the package's own data set definition (metadata/src/aggregate.ts, `aggItems()`),
 * so data elements, COCs and the data set carry the bundle's deterministic UIDs.
 */
import { AGG_DE, DATA_SET, DEFAULT_COC, aggIds, aggItems } from '../../metadata/src/aggregate'
import type { FpMethodCode } from '../../metadata/src/vocabulary'

export type AggregateItemKind =
  | 'CONSULTATIONS'
  | 'ANC1'
  | 'ANC4'
  | 'ANC_FP_COUNSELLED'
  | 'DELIVERIES'
  | 'PP_FP_COUNSELLED'
  | 'PPFP'
  | 'FP_NEW_BY_METHOD'
  | 'FP_NEW_BY_AGE'
  | 'FP_CONTINUING_BY_METHOD'
  | 'FP_CONTINUING_BY_AGE'
  | 'FP_UNITS'
  | 'STOCKOUT'
  | 'STOCK_ON_HAND'
  | 'LIVE_BIRTHS'
  | 'NB_ENC'
  | 'NB_BF_1H'
  | 'NB_KMC'
  | 'NB_RESUSCITATED'
  | 'INF_SCREENED'
  | 'INF_AT_RISK'
  | 'INF_REFERRED'
  | 'PENTA3'
  | 'COMMUNITY_REFERRALS'

export interface AggregateItem {
  dataElement: string
  categoryOptionCombo: string
  kind: AggregateItemKind
  valueType: string
  /** Category option codes of the COC (age group, delivery mode, method or product option). */
  options: string[]
  /** FP method of a method/product option. */
  method?: FpMethodCode
  /** Product option code (stock items). */
  product?: string
}

export interface AggregateSpec {
  dataSet: string
  attributeOptionCombo: string
  /** Days after the period end a report counts as on time (DHIS2 dataSet.timelyDays). */
  timelyDays: number
  items: AggregateItem[]
}

const KINDS: readonly AggregateItemKind[] = [
  'CONSULTATIONS', 'ANC1', 'ANC4', 'ANC_FP_COUNSELLED', 'DELIVERIES', 'PP_FP_COUNSELLED', 'PPFP', 'FP_NEW_BY_METHOD', 'FP_NEW_BY_AGE',
  'FP_CONTINUING_BY_METHOD', 'FP_CONTINUING_BY_AGE', 'FP_UNITS', 'STOCKOUT', 'STOCK_ON_HAND', 'LIVE_BIRTHS', 'NB_ENC', 'NB_BF_1H', 'NB_KMC',
  'NB_RESUSCITATED', 'INF_SCREENED', 'INF_AT_RISK', 'INF_REFERRED', 'PENTA3', 'COMMUNITY_REFERRALS',
]
/** Data element code → kind: AGG_DE's key names are the kinds. */
const KIND_OF_CODE: Record<string, AggregateItemKind> = Object.fromEntries(
  Object.entries(AGG_DE).filter(([kind]) => (KINDS as readonly string[]).includes(kind)).map(([kind, code]) => [code, kind as AggregateItemKind]),
)

/** The spec of the package's monthly private-sector FP/MNCH data set (`DYAD_DS_PRIVATE_MONTHLY`). */
export function privateSectorSpec(): AggregateSpec {
  const items: AggregateItem[] = []
  for (const it of aggItems()) {
    const kind = KIND_OF_CODE[it.dataElementCode]
    // A data element added to the data set later and unknown here gets no values (reported gap).
    if (!kind) continue
    items.push({
      dataElement: it.dataElement,
      categoryOptionCombo: it.categoryOptionCombo,
      kind,
      valueType: it.valueType,
      options: it.options,
      ...(it.method ? { method: it.method } : {}),
      ...(it.options.find((o) => o.startsWith('DYAD_PROD_')) ? { product: it.options.find((o) => o.startsWith('DYAD_PROD_')) } : {}),
    })
  }
  return { dataSet: aggIds.dataSet(), attributeOptionCombo: DEFAULT_COC, timelyDays: DATA_SET.timelyDays, items }
}

/** Data element codes of the data set that the generator does not know (should be empty). */
export function unmappedDataElements(): string[] {
  return [...new Set(aggItems().map((i) => i.dataElementCode))].filter((c) => !KIND_OF_CODE[c])
}
