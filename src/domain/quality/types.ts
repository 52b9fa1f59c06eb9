/**
 * Data-quality findings: what the Qualité des données page lists. Each finding is one rule (a
 * stable code with a FR/EN title and explanation and a severity), how many records break it, and
 * the records themselves (UIDs, org unit, date) so that a user allowed to see them can open each
 * one in the DHIS2 Capture app and fix it.
 */
import type { Label } from '../../../metadata/src/vocabulary'
import type { Severity } from '../pairs/problems'

export type { Severity }

/** Page sections. */
export type QualityGroup = 'linkage' | 'values' | 'records' | 'completeness' | 'aggregate'

export type QualityCode =
  // linkage of mothers and infants
  | 'INFANT_WITHOUT_MOTHER'
  | 'DELIVERY_WITHOUT_INFANT'
  | 'DUPLICATE_PAIR'
  | 'DUPLICATE_RELATIONSHIP'
  | 'INFANT_TWO_MOTHERS'
  | 'RELATIONSHIP_TO_DELETED'
  | 'RELATIONSHIP_OUTSIDE_DATA'
  | 'RELATIONSHIP_INVALID'
  | 'BIRTH_NOT_MATCHING_DELIVERY'
  | 'SEVERAL_DELIVERIES'
  // impossible or implausible values
  | 'Z_SCORE_IMPLAUSIBLE'
  | 'BIRTH_WEIGHT_OUT_OF_RANGE'
  | 'DATE_IN_FUTURE'
  | 'DELIVERY_ANC_DATES'
  | 'EVENT_AFTER_COMPLETION'
  | 'PNC_BEFORE_DELIVERY'
  | 'ANC_AFTER_DELIVERY'
  | 'EVENT_BEFORE_INCIDENT'
  // unreadable records (found by the tolerant parser)
  | 'VALUE_INVALID'
  | 'DATE_MISSING_OR_INVALID'
  | 'RECORD_UNREADABLE'
  // aggregate report
  | 'AGGREGATE_RULE_VIOLATED'

/** One record behind a finding. Every field may be missing (server data). */
export interface QualityRecord {
  /** Tracked entity UID. */
  entity?: string
  enrollment?: string
  event?: string
  relationship?: string
  /** Program UID of the enrollment (Mother or Infant), for the Capture link. */
  program?: string
  /** Org unit of the event, else of the enrollment, else of the tracked entity. */
  orgUnit?: string
  /** Aggregate report: the DHIS2 period id and the data set of the report (for the Data Entry link). */
  period?: string
  dataSet?: string
  /** Date of the event, else of the enrollment (YYYY-MM-DD), when known. */
  date?: string
  /** What exactly is wrong with this record (values, dates, the other record). */
  detail: Label
}

export interface QualityFinding {
  code: QualityCode
  group: QualityGroup
  severity: Severity
  title: Label
  explanation: Label
  /** Number of records breaking the rule (all of them, even when `records` is capped). */
  count: number
  /** The records (at most `maxRecords` of the options). */
  records: QualityRecord[]
  /** Set when the rule could not be evaluated (why, in words); `count` is then 0 and means nothing. */
  notEvaluated?: Label
}

/** Period (inclusive ISO dates) and scope of a check, as for the pair engine. */
export interface CheckScope {
  period?: { start: string; end: string }
  /** Whether an org unit is in the selected subtree. Records without an org unit are kept. */
  inScope?: (orgUnit: string) => boolean
  /** Cap of the records listed per finding (default 500). Counts are never capped. */
  maxRecords?: number
}
