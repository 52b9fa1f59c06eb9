/**
 * Tracker records as the pair engine receives them: the 2.41/2.42 wire shape, after the data
 * adapter (src/data/tracker.ts) has unwrapped the version-specific envelope and renamed fields.
 * Values still come from a server, so the domain treats every field as possibly missing or wrong
 * (see pairs/parse.ts): these types describe well-formed input, not a guarantee.
 */

export interface TrackerDataValue {
  dataElement: string
  value: string
}

export interface TrackerEvent {
  event: string
  programStage: string
  orgUnit: string
  /** ISO date-time without zone, e.g. 2025-03-14T00:00:00.000 */
  occurredAt: string | null
  status: string
  deleted?: boolean
  dataValues: TrackerDataValue[]
}

export interface TrackerEnrollment {
  enrollment: string
  program: string
  orgUnit: string
  enrolledAt: string | null
  /** Incident date: last menstrual period (mother) or date of birth (infant). */
  occurredAt: string | null
  status: string
  deleted?: boolean
  events: TrackerEvent[]
}

/** A relationship between two tracked entities, flattened to their UIDs. */
export interface TrackerRelationship {
  relationship: string
  relationshipType: string
  from: string | null
  to: string | null
  deleted?: boolean
}

export interface TrackedEntity {
  trackedEntity: string
  trackedEntityType: string
  orgUnit: string
  deleted?: boolean
  attributes: { attribute: string; value: string }[]
  enrollments: TrackerEnrollment[]
  relationships: TrackerRelationship[]
}
