/**
 * Metadata: read Dyad objects by code prefix, and install a metadata package with a dry run
 * first (importMode=VALIDATE) then the commit, both CREATE_AND_UPDATE + atomicMode=ALL.
 * A failed validation arrives from app-runtime as a 409 exception with the report in
 * error.details: it is returned as a normal outcome (a report with errors), not thrown.
 */
import type { DhisClient, RequestOptions } from './client'
import { ConflictError, NotFoundError } from './errors'
import { parseImportReport, type ImportReport } from './importReport'
import { neededReads, PERSON_ATTRIBUTE_FIELDS, PERSON_LOOKUP_FILTERS, prepareBundle, type ServerAssignments, type ServerMembers } from '../../metadata/src/prepare'
import { PERSON_TYPE } from '../../metadata/src/vocabulary'

export const CODE_PREFIX = 'DYAD_'

/** Collections the Setup page counts, in display order. */
export const DYAD_COLLECTIONS = [
  'programs',
  'programStages',
  'trackedEntityAttributes',
  'dataElements',
  'optionSets',
  'programIndicators',
  'indicators',
  'dataSets',
  'programRules',
  'relationshipTypes',
  'organisationUnitGroupSets',
  'legendSets',
  'userRoles',
] as const
export type DyadCollection = (typeof DYAD_COLLECTIONS)[number]

export interface PresentObject {
  id: string
  code: string
  displayName: string
}

export type PresentMetadata = Record<string, PresentObject[]>

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses a GET /api/metadata answer into objects per collection (ignores `system` and others). */
export function parsePresentMetadata(body: unknown, collections: readonly string[]): PresentMetadata {
  const out: PresentMetadata = {}
  for (const c of collections) {
    const list = isObj(body) && Array.isArray(body[c]) ? (body[c] as unknown[]) : []
    out[c] = list.filter(isObj).map((o) => ({
      id: typeof o.id === 'string' ? o.id : '',
      code: typeof o.code === 'string' ? o.code : '',
      displayName: typeof o.displayName === 'string' ? o.displayName : typeof o.name === 'string' ? o.name : '',
    }))
  }
  return out
}

/**
 * Every object whose code starts with DYAD_ in the given collections: one small request per
 * collection, in parallel (`/api/<collection>?filter=code:$like:DYAD_`), which every DHIS2
 * version answers the same way. A collection the server does not know (404) counts as empty.
 */
export async function readDyadMetadata(client: DhisClient, collections: readonly string[] = DYAD_COLLECTIONS, o: RequestOptions = {}): Promise<PresentMetadata> {
  const lists = await Promise.all(
    collections.map(async (c) => {
      try {
        const body = await client.get(c, { fields: 'id,code,displayName', filter: `code:$like:${CODE_PREFIX}`, paging: false }, o)
        return parsePresentMetadata(body, [c])[c]
      } catch (e) {
        if (e instanceof NotFoundError) return []
        throw e
      }
    }),
  )
  return Object.fromEntries(collections.map((c, i) => [c, lists[i]]))
}

/** Objects by code in one collection (e.g. resolve a program by its code). */
export async function readByCodes(client: DhisClient, collection: string, codes: string[], o: RequestOptions = {}): Promise<PresentObject[]> {
  const body = await client.get(collection, { fields: 'id,code,displayName', filter: `code:in:[${codes.join(',')}]`, paging: false }, o)
  return parsePresentMetadata(body, [collection])[collection]
}

export type ImportMode = 'VALIDATE' | 'COMMIT'

export const importParams = (mode: ImportMode) => ({
  importMode: mode,
  importStrategy: 'CREATE_AND_UPDATE',
  atomicMode: 'ALL',
  identifier: 'UID',
  importReportMode: 'FULL',
})

/**
 * POST /api/metadata. Returns the import report whether the server said 200 or 409; throws
 * only for other failures (or a 409 without a report).
 */
export async function importMetadata(client: DhisClient, payload: unknown, mode: ImportMode, o: RequestOptions = {}): Promise<ImportReport> {
  try {
    const body = await client.post('metadata', payload, importParams(mode), { timeoutMs: 300_000, ...o })
    const report = parseImportReport(body)
    if (!report) throw new ConflictError(undefined, { serverMessage: 'metadata import: no import report in the answer' })
    return report
  } catch (e) {
    if (e instanceof ConflictError && e.report) return e.report
    throw e
  }
}

/** Objects in a metadata package, per collection (skips the `package` header and non-arrays). */
export function packageCollections(bundle: Record<string, unknown>): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {}
  for (const [k, v] of Object.entries(bundle)) if (k !== 'package' && Array.isArray(v)) out[k] = v.filter(isObj)
  return out
}

/** The payload to POST: the bundle without its `package` header (DHIS2 rejects unknown collections). */
export function importPayload(bundle: Record<string, unknown>): Record<string, unknown[]> {
  return packageCollections(bundle)
}

export interface PreparedPayload {
  /** The payload to POST for both the dry run and the import. */
  payload: Record<string, unknown[]>
  /** Server members put back: facilities of programs, data set, groups; members of user groups. */
  assignmentsKept: number
  /** Attributes of the server's Person type kept. */
  personAttributesKept: number
  /** The server's Person type UID when it differs from Dyad's (the bundle was remapped to it). */
  remappedPerson?: string
}

/** GET that treats 404 (an unknown collection or object) as "nothing there". */
async function getOrNothing(client: DhisClient, resource: string, params: Record<string, string | boolean>, o: RequestOptions): Promise<unknown> {
  try {
    return await client.get(resource, params, o)
  } catch (e) {
    if (e instanceof NotFoundError) return undefined
    throw e
  }
}

const chunks = <T,>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

/**
 * Prepares the bundle for this server, as the install CLI does (metadata/src/prepare.ts is the
 * one source of the logic): finds the server's Person type (by id, code, name), reads its
 * attributes, and the current members of the bundle's programs, data sets, org-unit groups and
 * user groups, so that the import (which replaces collections) keeps them. A failed read throws:
 * posting without those reads could empty the server's assignments.
 */
export async function prepareBundleForServer(client: DhisClient, bundle: Record<string, unknown>, o: RequestOptions = {}): Promise<PreparedPayload> {
  const reads = neededReads(bundle)
  let personId: string | undefined
  if (reads.person) {
    for (const filter of PERSON_LOOKUP_FILTERS) {
      const body = await getOrNothing(client, 'trackedEntityTypes', { fields: 'id', filter, paging: false }, o)
      const list = isObj(body) && Array.isArray(body.trackedEntityTypes) ? body.trackedEntityTypes.filter(isObj) : []
      if (list.length && typeof list[0].id === 'string') {
        personId = list[0].id
        break
      }
    }
  }
  let personAttributes: unknown
  if (reads.personAttributes && (personId === undefined || personId === PERSON_TYPE.id)) {
    const body = await getOrNothing(client, `trackedEntityTypes/${PERSON_TYPE.id}`, { fields: PERSON_ATTRIBUTE_FIELDS }, o)
    personAttributes = isObj(body) ? body.trackedEntityTypeAttributes : undefined
  }
  const assignments: ServerAssignments = {}
  await Promise.all(
    reads.assignments.map(async (read) => {
      const got: ServerMembers[] = []
      for (const part of chunks(read.ids, 100)) {
        const body = await getOrNothing(client, read.collection, { fields: read.fields, filter: `id:in:[${part.join(',')}]`, paging: false }, o)
        const list = isObj(body) && Array.isArray(body[read.collection]) ? (body[read.collection] as unknown[]) : []
        for (const x of list) if (isObj(x) && typeof x.id === 'string') got.push(x as ServerMembers)
      }
      assignments[read.collection] = got
    }),
  )
  const prepared = prepareBundle(bundle, { personId, personAttributes, assignments })
  return {
    payload: importPayload(prepared.bundle),
    assignmentsKept: prepared.assignmentsKept,
    personAttributesKept: prepared.personAttributesKept,
    remappedPerson: prepared.remappedPerson,
  }
}
