/**
 * The sandbox's data model: what the store holds and what the generator produces. Shapes follow
 * DHIS2's own JSON (tracker objects in the 2.41 wire shape; the server reshapes them per version
 * on the way out).
 */
import type { TrackedEntity } from '../src/domain/tracker'

export type Dhis2Version = '2.40' | '2.41' | '2.42'

export interface OrgUnit {
  id: string
  code?: string
  name: string
  shortName: string
  level: number
  /** /rootId/.../id */
  path: string
  parent?: string
  openingDate: string
}

export interface OrgUnitLevel {
  id: string
  name: string
  level: number
}

export interface OrgUnitGroup {
  id: string
  code?: string
  name: string
  shortName: string
  organisationUnits: string[]
}

export interface OrgUnitGroupSet {
  id: string
  code?: string
  name: string
  shortName: string
  dataDimension: boolean
  organisationUnitGroups: string[]
}

/** A stored relationship (tracked entity to tracked entity). */
export interface StoredRelationship {
  relationship: string
  relationshipType: string
  from: string
  to: string
  createdAt: string
  updatedAt: string
  deleted?: boolean
}

export interface DataValue {
  dataElement: string
  /** DHIS2 period id, e.g. 202503 */
  period: string
  orgUnit: string
  categoryOptionCombo: string
  attributeOptionCombo: string
  value: string
  storedBy?: string
  created?: string
  lastUpdated?: string
}

export interface CompleteRegistration {
  dataSet: string
  period: string
  organisationUnit: string
  attributeOptionCombo?: string
  /** ISO date-time the report was marked complete (for timeliness). */
  date: string
  completed: boolean
}

export interface SandboxUser {
  id: string
  username: string
  password: string
  firstName: string
  surname: string
  /** UI locale: 'en' or 'fr'. */
  locale: string
  authorities: string[]
  organisationUnits: string[]
  dataViewOrganisationUnits: string[]
  teiSearchOrganisationUnits: string[]
}

/** Metadata objects by DHIS2 collection name (programs, dataElements, programIndicators, …). */
export type MetadataStore = Record<string, Array<Record<string, unknown> & { id: string }>>

/**
 * A deliberate data problem planted by the generator (infant without mother, duplicated
 * relationship, event in the future…), listed so tests and the data-quality page can find it.
 */
export interface DataProblem {
  kind: string
  trackedEntity: string
  enrollment?: string
  event?: string
  relationship?: string
  description: string
}

/** A deliberate inconsistency planted in an aggregate report (e.g. ANC4 > ANC1). */
export interface AggregateProblem {
  kind: string
  orgUnit: string
  period: string
  dataSet: string
  description: string
}

/** Everything the generator produces for one seed and scale. */
export interface GeneratedData {
  orgUnits: OrgUnit[]
  orgUnitLevels: OrgUnitLevel[]
  orgUnitGroups: OrgUnitGroup[]
  orgUnitGroupSets: OrgUnitGroupSet[]
  trackedEntities: Array<Omit<TrackedEntity, 'relationships'> & { createdAt: string; updatedAt: string }>
  relationships: StoredRelationship[]
  dataValues: DataValue[]
  completeRegistrations: CompleteRegistration[]
  users: SandboxUser[]
  /** Deliberate data problems planted by the generator (optional, additive). */
  problems?: DataProblem[]
  /** Deliberate inconsistencies planted in aggregate reports (optional, additive). */
  aggregateProblems?: AggregateProblem[]
}
