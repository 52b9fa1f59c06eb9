/** Pairs: each mother's pregnancies with their infants, and each pair's timeline of contacts. */
import type { TrackerEvent } from '../tracker'
import type { StageKey } from '../vocabularyIds'
import type { DataProblem } from './problems'

export type ContactEntryPoint = 'prenatal' | 'delivery' | 'postnatal' | 'infant'

export const ENTRY_POINT_OF_STAGE: Record<StageKey, ContactEntryPoint> = {
  anc: 'prenatal',
  delivery: 'delivery',
  birth: 'delivery',
  pnc: 'postnatal',
  infantVisit: 'infant',
}

/**
 * One contact (non-deleted event of a Dyad stage) on a pair's timeline. Built on demand by
 * `timelineOf(pair)` (the linker keeps references to the tracker events, not copies).
 */
export interface Contact {
  entryPoint: ContactEntryPoint
  stage: StageKey
  event: string
  /** Date part of occurredAt (YYYY-MM-DD), or null when the event has no valid date. */
  date: string | null
  /** Day number of `date` (days since 1970-01-01), NaN when no date. */
  day: number
  orgUnit: string
  status: string
  subject: 'mother' | 'infant'
  entity: string
  enrollment: string
}

/**
 * One Mother-program enrollment = one pregnancy. Event lists hold references to the (parsed)
 * tracker events of the enrollment that count as contacts (not deleted, status not SCHEDULE or
 * SKIPPED), in record order; day numbers are precomputed (NaN = no valid date).
 */
export interface Pregnancy {
  enrollment: string
  mother: string
  orgUnit: string
  /** Incident date (last menstrual period), YYYY-MM-DD. */
  lmp: string | null
  lmpDay: number
  enrollmentStatus: string
  anc: TrackerEvent[]
  /** The delivery (the earliest if several were recorded). */
  delivery: TrackerEvent | null
  deliveryDay: number
  pnc: TrackerEvent[]
  liveBirths: number | null
  stillbirths: number | null
  deliveryPlace: string | null
  /** Linked infants (tracked-entity UIDs), in date-of-birth order. */
  infants: string[]
  /** The same infants' records. */
  infantRecords: Infant[]
}

export interface Mother {
  entity: string
  orgUnit: string
  pregnancies: Pregnancy[]
}

export interface Infant {
  entity: string
  enrollment: string
  orgUnit: string
  /** Date of birth (Infant enrollment incident date, else the Birth event date), YYYY-MM-DD. */
  dob: string | null
  dobDay: number
  birth: TrackerEvent | null
  visits: TrackerEvent[]
  mother: string | null
  pregnancy: string | null
  /** The relationship names a mother that is not in the data read (e.g. outside the search scope). */
  motherOutsideData: boolean
}

/**
 * A mother–infant pair: one pregnancy and its infants (twins: several infants), or an infant
 * without a known mother (`pregnancy` null).
 */
export interface Pair {
  /** The pregnancy's enrollment UID, or `infant:<tracked entity>` for an infant without mother. */
  id: string
  mother: string | null
  pregnancy: Pregnancy | null
  infants: Infant[]
  /** Org unit that owns the pair (pregnancy enrollment, else infant enrollment). */
  orgUnit: string
}

export interface PairsResult {
  mothers: Mother[]
  infants: Infant[]
  pairs: Pair[]
  problems: DataProblem[]
}
