/**
 * Hand-built tracker records for unit tests: mothers, infants, events with values by data-element
 * code, relationships on both ends (as DHIS2 returns them). UIDs of the vocabulary via ids.*.
 */
import { ids, PROGRAM, RELATIONSHIP_TYPE, STAGE } from '../../../metadata/src/vocabulary'
import type { TrackedEntity, TrackerEnrollment, TrackerEvent } from '../tracker'

export const OU = 'OuFacility1'
export const OU2 = 'OuFacility2'

export interface Ref {
  te: TrackedEntity
  en: TrackerEnrollment
}

export type Values = Record<string, string>

export class TrackerBuilder {
  readonly entities: TrackedEntity[] = []
  private n = 0
  private id(prefix: string): string {
    this.n += 1
    return `${prefix}${String(this.n).padStart(6, '0')}`
  }

  private entity(orgUnit: string): TrackedEntity {
    const te: TrackedEntity = {
      trackedEntity: this.id('te'),
      trackedEntityType: ids.trackedEntityType(),
      orgUnit,
      attributes: [],
      enrollments: [],
      relationships: [],
    }
    this.entities.push(te)
    return te
  }

  enroll(te: TrackedEntity, program: string, occurredAt: string | null, orgUnit = te.orgUnit): Ref {
    const en: TrackerEnrollment = {
      enrollment: this.id('en'),
      program: ids.program(program),
      orgUnit,
      enrolledAt: occurredAt,
      occurredAt,
      status: 'ACTIVE',
      events: [],
    }
    te.enrollments.push(en)
    return { te, en }
  }

  mother(opts: { lmp?: string | null; orgUnit?: string } = {}): Ref {
    const te = this.entity(opts.orgUnit ?? OU)
    return this.enroll(te, PROGRAM.MOTHER, opts.lmp === undefined ? '2024-01-01' : opts.lmp)
  }

  /** A new pregnancy (Mother enrollment) of an existing mother. */
  pregnancy(mother: Ref, lmp: string): Ref {
    return this.enroll(mother.te, PROGRAM.MOTHER, lmp)
  }

  infant(opts: { dob?: string | null; orgUnit?: string } = {}): Ref {
    const te = this.entity(opts.orgUnit ?? OU)
    return this.enroll(te, PROGRAM.INFANT, opts.dob === undefined ? '2024-10-01' : opts.dob)
  }

  event(ref: Ref, stageCode: string, occurredAt: string | null, values: Values = {}, extra: Partial<TrackerEvent> = {}): TrackerEvent {
    const ev: TrackerEvent = {
      event: this.id('ev'),
      programStage: ids.stage(stageCode),
      orgUnit: ref.en.orgUnit,
      occurredAt,
      status: 'COMPLETED',
      dataValues: Object.entries(values).map(([code, value]) => ({ dataElement: ids.dataElement(code), value })),
      ...extra,
    }
    ref.en.events.push(ev)
    return ev
  }

  anc(ref: Ref, date: string, values: Values = {}, extra: Partial<TrackerEvent> = {}): TrackerEvent {
    return this.event(ref, STAGE.ANC, date, values, extra)
  }
  delivery(ref: Ref, date: string, values: Values = {}, extra: Partial<TrackerEvent> = {}): TrackerEvent {
    return this.event(ref, STAGE.DELIVERY, date, values, extra)
  }
  pnc(ref: Ref, date: string, values: Values = {}, extra: Partial<TrackerEvent> = {}): TrackerEvent {
    return this.event(ref, STAGE.PNC, date, values, extra)
  }
  birth(ref: Ref, date: string, values: Values = {}, extra: Partial<TrackerEvent> = {}): TrackerEvent {
    return this.event(ref, STAGE.BIRTH, date, values, extra)
  }
  visit(ref: Ref, date: string, values: Values = {}, extra: Partial<TrackerEvent> = {}): TrackerEvent {
    return this.event(ref, STAGE.INFANT_VISIT, date, values, extra)
  }

  /** Relationship mother → infant, listed on both tracked entities. */
  link(mother: Ref | TrackedEntity, infant: Ref | TrackedEntity, opts: { id?: string; type?: string; deleted?: boolean } = {}): string {
    const a = 'te' in mother ? mother.te : mother
    const b = 'te' in infant ? infant.te : infant
    const rel = {
      relationship: opts.id ?? this.id('rel'),
      relationshipType: opts.type ?? ids.relationshipType(),
      from: a.trackedEntity,
      to: b.trackedEntity,
      ...(opts.deleted ? { deleted: true } : {}),
    }
    a.relationships.push(rel)
    if (b !== a) b.relationships.push({ ...rel })
    return rel.relationship
  }

  /** Relationship from an entity to a UID that is not in the data. */
  linkTo(from: Ref, toUid: string, reverse = false): string {
    const rel = {
      relationship: this.id('rel'),
      relationshipType: ids.relationshipType(),
      from: reverse ? toUid : from.te.trackedEntity,
      to: reverse ? from.te.trackedEntity : toUid,
    }
    from.te.relationships.push(rel)
    return rel.relationship
  }
}

export const RELATIONSHIP_CODE = RELATIONSHIP_TYPE
