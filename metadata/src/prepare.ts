/**
 * Preparing the Dyad bundle for one server before an import — the single source of this logic,
 * used by the install CLI (install.ts) and by the in-app Setup page (src/data/metadata.ts).
 *
 * A DHIS2 metadata import replaces an object's collections with the payload's, so what a
 * country added on its server would be lost on an upgrade: attributes other programs put on the
 * Person type, facilities assigned to programs, the data set and org-unit groups, members of
 * user groups. The functions here take the bundle and the server's current data as plain
 * arguments (the callers do the reads) and return a new bundle; no I/O, no node:* imports.
 */
import { PERSON_TYPE } from './vocabulary'

export type Json = Record<string, unknown>

/** A reference `{ id }` as the server returns it inside a collection. */
export interface IdRef {
  id: string
}

/** The server's current members of one object: `{ id, organisationUnits: [{id}…] }`. */
export type ServerMembers = Json & { id: string }

/** Per SERVER_ASSIGNMENTS collection, the server's objects (with their member property) for the bundle's ids. */
export type ServerAssignments = Record<string, ServerMembers[]>

/**
 * Assignments that countries make on the server and the bundle does not carry (it cannot know
 * them): facilities of the programs, of the data set and of the org-unit groups, members of the
 * user groups. They are read from the server and put back into the payload.
 */
export const SERVER_ASSIGNMENTS: [collection: string, property: string][] = [
  ['programs', 'organisationUnits'],
  ['dataSets', 'organisationUnits'],
  ['organisationUnitGroups', 'organisationUnits'],
  ['userGroups', 'users'],
]

/** Fields to ask for when reading the Person type's attributes (GET trackedEntityTypes/<id>). */
export const PERSON_ATTRIBUTE_FIELDS = 'trackedEntityTypeAttributes[id,trackedEntityAttribute[id],displayInList,mandatory,searchable]'

/** The filters that find the server's Person type, in order: Dyad's UID, then code, then name. */
export const PERSON_LOOKUP_FILTERS: string[] = [`id:eq:${PERSON_TYPE.id}`, `code:eq:${PERSON_TYPE.code}`, `name:eq:${PERSON_TYPE.name.en}`]

/** One read of server assignments: GET <collection>?fields=id,<property>[id]&filter=id:in:[ids]. */
export interface AssignmentRead {
  collection: string
  property: string
  ids: string[]
  fields: string
}

export interface NeededReads {
  /** The bundle references Dyad's Person type: look up the server's Person (PERSON_LOOKUP_FILTERS). */
  person: boolean
  /** The bundle ships the Person type: read its attributes on the server (PERSON_ATTRIBUTE_FIELDS). */
  personAttributes: boolean
  assignments: AssignmentRead[]
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const idsOf = (list: unknown): string[] => (Array.isArray(list) ? list.filter(isObj).map((o) => o.id).filter((x): x is string => typeof x === 'string') : [])

/** What a caller must read from the server before `prepareBundle`. */
export function neededReads(bundle: Json): NeededReads {
  const assignments: AssignmentRead[] = []
  for (const [collection, property] of SERVER_ASSIGNMENTS) {
    const ids = idsOf(bundle[collection])
    if (ids.length) assignments.push({ collection, property, ids, fields: `id,${property}[id]` })
  }
  const types = Array.isArray(bundle.trackedEntityTypes) ? bundle.trackedEntityTypes : []
  return {
    person: JSON.stringify(bundle).includes(`"${PERSON_TYPE.id}"`),
    personAttributes: types.some((t) => isObj(t) && t.id === PERSON_TYPE.id),
    assignments,
  }
}

/**
 * Point every reference of the bundle at the server's own Person type when it has another UID
 * (found by code GEN_LIB_TRK_PERSON or name "Person"), and leave that type untouched (our copy is
 * dropped from the payload). Pure: returns a new bundle (the same one when nothing changes).
 */
export function remapPerson(bundle: Json, serverPersonId: string): Json {
  if (serverPersonId === PERSON_TYPE.id) return bundle
  const text = JSON.stringify(bundle).split(`"${PERSON_TYPE.id}"`).join(`"${serverPersonId}"`)
  const out = JSON.parse(text) as Json
  if (Array.isArray(out.trackedEntityTypes)) out.trackedEntityTypes = (out.trackedEntityTypes as Json[]).filter((t) => t.id !== serverPersonId)
  return out
}

/**
 * Keep the server's own Person attributes: the import replaces the type's attribute list with the
 * bundle's, so attributes other programs added to Person would otherwise be removed.
 * `serverAttributes` is the server's `trackedEntityTypeAttributes` of Person. Returns a new bundle.
 */
export function mergePersonAttributes(bundle: Json, serverAttributes: unknown): { bundle: Json; kept: number } {
  const types = bundle.trackedEntityTypes
  if (!Array.isArray(serverAttributes) || !Array.isArray(types)) return { bundle, kept: 0 }
  const index = types.findIndex((t) => isObj(t) && t.id === PERSON_TYPE.id)
  if (index < 0) return { bundle, kept: 0 }
  const person = types[index] as Json
  const ours = Array.isArray(person.trackedEntityTypeAttributes) ? (person.trackedEntityTypeAttributes as Json[]).slice() : []
  const have = new Set(ours.map((a) => (isObj(a.trackedEntityAttribute) ? a.trackedEntityAttribute.id : undefined)))
  let kept = 0
  for (const a of serverAttributes) {
    if (!isObj(a)) continue
    const tea = isObj(a.trackedEntityAttribute) ? a.trackedEntityAttribute.id : undefined
    if (typeof tea !== 'string' || have.has(tea)) continue
    ours.push({ ...a, trackedEntityType: { id: PERSON_TYPE.id } })
    have.add(tea)
    kept++
  }
  if (!kept) return { bundle, kept }
  const nextTypes = types.slice()
  nextTypes[index] = { ...person, trackedEntityTypeAttributes: ours }
  return { bundle: { ...bundle, trackedEntityTypes: nextTypes }, kept }
}

/**
 * Put the server's current assignments (SERVER_ASSIGNMENTS) back into the bundle's objects:
 * the bundle's own members first, then the server's ones it lacks (as `{ id }`), no duplicates.
 * Returns a new bundle and how many server members were kept.
 */
export function preserveAssignments(bundle: Json, serverAssignments: ServerAssignments): { bundle: Json; kept: number } {
  let kept = 0
  const out: Json = { ...bundle }
  for (const [collection, property] of SERVER_ASSIGNMENTS) {
    const list = bundle[collection]
    const got = serverAssignments[collection]
    if (!Array.isArray(list) || list.length === 0 || !Array.isArray(got) || got.length === 0) continue
    const byId = new Map(got.filter(isObj).map((o) => [o.id, o]))
    out[collection] = list.map((o: unknown) => {
      if (!isObj(o)) return o
      const server = byId.get(o.id as string)
      const members = server ? server[property] : undefined
      if (!Array.isArray(members) || members.length === 0) return o
      const mine = Array.isArray(o[property]) ? (o[property] as unknown[]) : []
      const have = new Set(mine.map((m) => (isObj(m) ? m.id : undefined)))
      const extra: IdRef[] = []
      for (const m of members) {
        if (!isObj(m) || typeof m.id !== 'string' || have.has(m.id)) continue
        have.add(m.id)
        extra.push({ id: m.id })
      }
      if (!extra.length) return o
      kept += extra.length
      return { ...o, [property]: [...mine, ...extra] }
    })
  }
  return { bundle: out, kept }
}

/** What the server holds, as read by a caller following `neededReads`. */
export interface ServerState {
  /** UID of the server's Person type (undefined: none found, Dyad's Person will be created). */
  personId?: string
  /** The server's `trackedEntityTypeAttributes` of Person (Dyad's UID). */
  personAttributes?: unknown
  assignments: ServerAssignments
}

export interface Prepared {
  bundle: Json
  /** Set when the server's Person type has another UID and the bundle was remapped to it. */
  remappedPerson?: string
  personAttributesKept: number
  assignmentsKept: number
}

/** All steps in the CLI's order: remap Person, keep its attributes, keep assignments. */
export function prepareBundle(bundle: Json, server: ServerState): Prepared {
  let b = bundle
  let remappedPerson: string | undefined
  if (server.personId && server.personId !== PERSON_TYPE.id) {
    b = remapPerson(b, server.personId)
    remappedPerson = server.personId
  }
  const attrs = mergePersonAttributes(b, server.personAttributes)
  const assigned = preserveAssignments(attrs.bundle, server.assignments)
  return { bundle: assigned.bundle, remappedPerson, personAttributesKept: attrs.kept, assignmentsKept: assigned.kept }
}
