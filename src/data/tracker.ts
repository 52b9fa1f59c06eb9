/**
 * Tracker export API across 2.40 / 2.41 / 2.42 (see shared/reference/dhis2-api.md §1):
 * parameter names per dialect, both response envelopes, paging through every page with progress
 * and cancel, and normalisation to the domain's TrackedEntity (relationships flattened to
 * {from, to} tracked-entity UIDs).
 */
import type { TrackedEntity, TrackerEnrollment, TrackerEvent, TrackerRelationship } from '../domain/tracker'
import type { DhisClient, Params } from './client'
import { AbortedError, BadResponseError } from './errors'
import { trackerDialect, type TrackerDialect } from './version'

export type OrgUnitMode = 'SELECTED' | 'CHILDREN' | 'DESCENDANTS' | 'ACCESSIBLE' | 'CAPTURE' | 'ALL'
export type EnrollmentStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED'

export interface TrackedEntityQuery {
  orgUnits: string[]
  orgUnitMode?: OrgUnitMode
  program?: string
  trackedEntityType?: string
  enrollmentStatus?: EnrollmentStatus
  /** ISO dates (yyyy-MM-dd) */
  updatedAfter?: string
  enrollmentEnrolledAfter?: string
  enrollmentEnrolledBefore?: string
  enrollmentOccurredAfter?: string
  enrollmentOccurredBefore?: string
  fields?: string
  pageSize?: number
}

/** Narrow fields: exactly what the pair engine reads. */
export const TRACKED_ENTITY_FIELDS = [
  'trackedEntity,trackedEntityType,orgUnit,updatedAt,deleted',
  'attributes[attribute,value]',
  'enrollments[enrollment,program,orgUnit,enrolledAt,occurredAt,status,deleted,events[event,programStage,orgUnit,occurredAt,status,deleted,dataValues[dataElement,value]]]',
  'relationships[relationship,relationshipType,from[trackedEntity[trackedEntity]],to[trackedEntity[trackedEntity]]]',
].join(',')

export const DEFAULT_PAGE_SIZE = 500

/** Query parameters for GET /api/tracker/trackedEntities in the server's dialect. */
export function trackedEntityParams(dialect: TrackerDialect, q: TrackedEntityQuery, page: number): Params {
  const p: Params = {
    fields: q.fields ?? TRACKED_ENTITY_FIELDS,
    page,
    pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE,
    program: q.program,
    trackedEntityType: q.trackedEntityType,
    updatedAfter: q.updatedAfter,
    enrollmentEnrolledAfter: q.enrollmentEnrolledAfter,
    enrollmentEnrolledBefore: q.enrollmentEnrolledBefore,
    enrollmentOccurredAfter: q.enrollmentOccurredAfter,
    enrollmentOccurredBefore: q.enrollmentOccurredBefore,
  }
  const mode = q.orgUnitMode ?? 'DESCENDANTS'
  if (dialect === '2.40') {
    p.orgUnit = q.orgUnits.join(';')
    p.ouMode = mode
  } else {
    p.orgUnits = q.orgUnits.join(',')
    p.orgUnitMode = mode
  }
  if (q.enrollmentStatus) {
    if (dialect === '2.42') p.enrollmentStatus = q.enrollmentStatus
    else p.programStatus = q.enrollmentStatus
  }
  return p
}

/** The parameter that turns paging off in a dialect. */
export const noPagingParam = (dialect: TrackerDialect): Params => (dialect === '2.40' ? { skipPaging: true } : { paging: false })

export interface TrackerPage {
  items: unknown[]
  page?: number
  pageSize?: number
  total?: number
  pageCount?: number
  /** false when the server says there is no next page; undefined when it does not say. */
  hasNext?: boolean
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const optNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/**
 * Reads either envelope: `{instances, page, pageSize[, total, pageCount]}` (2.40),
 * `{<key>, pager{…}, page, pageSize}` (2.41), `{<key>, pager{…, prevPage?, nextPage?}}` (2.42),
 * and `{<key>: […]}` / `{instances: […]}` with paging off.
 */
export function parseTrackerPage(body: unknown, key: 'trackedEntities' | 'enrollments' | 'events' | 'relationships'): TrackerPage {
  if (!isObj(body)) throw new BadResponseError({ serverMessage: `tracker ${key}: not an object` })
  const list = body[key] ?? body.instances
  if (list !== undefined && !Array.isArray(list)) throw new BadResponseError({ serverMessage: `tracker ${key}: list is not an array` })
  const pager = isObj(body.pager) ? body.pager : undefined
  const page = optNum(pager?.page) ?? optNum(body.page)
  const pageSize = optNum(pager?.pageSize) ?? optNum(body.pageSize)
  const total = optNum(pager?.total) ?? optNum(body.total)
  const pageCount = optNum(pager?.pageCount) ?? optNum(body.pageCount)
  let hasNext: boolean | undefined
  if (pager && ('nextPage' in pager || 'prevPage' in pager)) hasNext = typeof pager.nextPage === 'string' && pager.nextPage !== ''
  else if (pageCount !== undefined && page !== undefined) hasNext = page < pageCount
  return { items: (list as unknown[] | undefined) ?? [], page, pageSize, total, pageCount, hasNext }
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '')
const sn = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined)

/** `{trackedEntity:{trackedEntity:'x'}}` (also 2.40-era `trackedEntityInstance`) → 'x'. */
function sideUid(side: unknown): string | null {
  if (!isObj(side)) return null
  const te = side.trackedEntity ?? side.trackedEntityInstance
  if (typeof te === 'string') return te
  if (isObj(te)) return sn(te.trackedEntity ?? te.trackedEntityInstance)
  return null
}

export function normaliseRelationship(r: unknown): TrackerRelationship {
  const o = isObj(r) ? r : {}
  const rel: TrackerRelationship = { relationship: s(o.relationship), relationshipType: s(o.relationshipType), from: sideUid(o.from), to: sideUid(o.to) }
  const del = bool(o.deleted)
  if (del !== undefined) rel.deleted = del
  return rel
}

export function normaliseEvent(e: unknown): TrackerEvent {
  const o = isObj(e) ? e : {}
  const ev: TrackerEvent = {
    event: s(o.event),
    programStage: s(o.programStage),
    orgUnit: s(o.orgUnit),
    occurredAt: sn(o.occurredAt),
    status: s(o.status),
    dataValues: arr(o.dataValues)
      .filter(isObj)
      .map((dv) => ({ dataElement: s(dv.dataElement), value: typeof dv.value === 'string' ? dv.value : dv.value == null ? '' : String(dv.value) })),
  }
  const del = bool(o.deleted)
  if (del !== undefined) ev.deleted = del
  return ev
}

export function normaliseEnrollment(e: unknown): TrackerEnrollment {
  const o = isObj(e) ? e : {}
  const en: TrackerEnrollment = {
    enrollment: s(o.enrollment),
    program: s(o.program),
    orgUnit: s(o.orgUnit),
    enrolledAt: sn(o.enrolledAt),
    occurredAt: sn(o.occurredAt),
    status: s(o.status),
    events: arr(o.events).map(normaliseEvent),
  }
  const del = bool(o.deleted)
  if (del !== undefined) en.deleted = del
  return en
}

export function normaliseTrackedEntity(t: unknown): TrackedEntity {
  const o = isObj(t) ? t : {}
  const te: TrackedEntity = {
    trackedEntity: s(o.trackedEntity),
    trackedEntityType: s(o.trackedEntityType),
    orgUnit: s(o.orgUnit),
    attributes: arr(o.attributes)
      .filter(isObj)
      .map((a) => ({ attribute: s(a.attribute), value: typeof a.value === 'string' ? a.value : a.value == null ? '' : String(a.value) })),
    enrollments: arr(o.enrollments).map(normaliseEnrollment),
    relationships: arr(o.relationships).map(normaliseRelationship),
  }
  const del = bool(o.deleted)
  if (del !== undefined) te.deleted = del
  return te
}

export interface TrackerProgress {
  page: number
  fetched: number
  /** Known only when the server reports it. */
  total?: number
}

export interface FetchAllOptions {
  signal?: AbortSignal
  onProgress?: (p: TrackerProgress) => void
  /** Safety stop against a server that never ends paging. */
  maxPages?: number
  /** Each page's normalised records as they arrive (e.g. to stream them to a worker). */
  onPage?: (items: TrackedEntity[], p: TrackerProgress) => void
  /** false: do not keep the records (they go to onPage only); the result is then empty. Default true. */
  collect?: boolean
}

/** Every tracked entity matching the query, page after page, in the server's dialect. */
export async function fetchAllTrackedEntities(client: DhisClient, q: TrackedEntityQuery, o: FetchAllOptions = {}): Promise<TrackedEntity[]> {
  const dialect = trackerDialect(await client.serverVersion())
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE
  const out: TrackedEntity[] = []
  const collect = o.collect !== false
  let fetched = 0
  const maxPages = o.maxPages ?? 100_000
  for (let page = 1; page <= maxPages; page++) {
    if (o.signal?.aborted) throw new AbortedError()
    const body = await client.get('tracker/trackedEntities', trackedEntityParams(dialect, { ...q, pageSize }, page), { signal: o.signal })
    const p = parseTrackerPage(body, 'trackedEntities')
    const items = p.items.map(normaliseTrackedEntity)
    if (collect) for (const item of items) out.push(item)
    fetched += items.length
    const progress = { page, fetched, total: p.total }
    o.onPage?.(items, progress)
    o.onProgress?.(progress)
    const more = p.hasNext ?? p.items.length >= pageSize
    if (!more || p.items.length === 0) break
  }
  return out
}
