/**
 * Metadata: read Dyad objects by code prefix, and install a metadata package with a dry run
 * first (importMode=VALIDATE) then the commit, both CREATE_AND_UPDATE + atomicMode=ALL.
 * A failed validation arrives from app-runtime as a 409 exception with the report in
 * error.details: it is returned as a normal outcome (a report with errors), not thrown.
 */
import type { DhisClient, RequestOptions } from './client'
import { ConflictError, NotFoundError } from './errors'
import { parseImportReport, type ImportReport } from './importReport'

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
