/**
 * Types of the sandbox store: DHIS2 JSON objects kept as plain records, tracker records in the
 * 2.41 wire shape (the server reshapes them per version on the way out).
 */
import type { GeneratedEnrollment, GeneratedEvent, GeneratedTrackedEntity } from '../generator'

/** A metadata object as DHIS2 serialises it: references are `{id}` (or arrays of them). */
export type MetaObject = Record<string, unknown> & { id: string }

export type StoredEvent = Omit<GeneratedEvent, 'dataValues'> & {
  createdAt?: string
  updatedAt?: string
  scheduledAt?: string | null
  completedAt?: string
  attributeOptionCombo?: string
  notes?: unknown[]
  storedBy?: string
  dataValues: Array<{ dataElement: string; value: string; createdAt?: string; updatedAt?: string; storedBy?: string; providedElsewhere?: boolean }>
}
export type StoredEnrollment = Omit<GeneratedEnrollment, 'events'> & {
  createdAt?: string
  updatedAt?: string
  followUp?: boolean
  notes?: unknown[]
  events: StoredEvent[]
}
export type StoredTrackedEntity = Omit<GeneratedTrackedEntity, 'enrollments'> & {
  inactive?: boolean
  potentialDuplicate?: boolean
  enrollments: StoredEnrollment[]
}

/** One entry of the append-only write log: enough to replay the write on the seed. */
export type WriteEntry =
  | { op: 'metadata'; at: string; user: string; params: Record<string, string>; body: unknown }
  | { op: 'tracker'; at: string; user: string; params: Record<string, string>; body: unknown }
  | { op: 'dataValueSets'; at: string; user: string; params: Record<string, string>; body: unknown }
  | { op: 'completeRegistrations'; at: string; user: string; method: 'POST' | 'DELETE'; params: Record<string, string>; body: unknown }
  | { op: 'dataStore'; at: string; user: string; scope: 'global' | 'user'; method: 'PUT' | 'POST' | 'DELETE'; namespace: string; key?: string; value?: unknown }
  | { op: 'userSetting'; at: string; user: string; key: string; value: string | null }
