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
  /**
   * Also return soft-deleted records, flagged `deleted: true` (tracked entities, and their nested
   * enrollments and events). Same name in 2.40, 2.41 and 2.42. With `updatedAfter` this is how a
   * cache learns about deletions: a deletion moves the record's (or its parent's) `updatedAt`.
   */
  includeDeleted?: boolean
  enrollmentEnrolledAfter?: string
  enrollmentEnrolledBefore?: string
  enrollmentOccurredAfter?: string
  enrollmentOccurredBefore?: string
  fields?: string
  pageSize?: number
  /** Only these tracked entities (`trackedEntity=a;b` in 2.40, `trackedEntities=a,b` from 2.41). */
  trackedEntities?: string[]
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
    includeDeleted: q.includeDeleted ? true : undefined,
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
  if (q.trackedEntities?.length) {
    if (dialect === '2.40') p.trackedEntity = q.trackedEntities.join(';')
    else p.trackedEntities = q.trackedEntities.join(',')
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
  /**
   * Each page's normalised records as they arrive (e.g. to stream them to a worker), with each
   * record's server stamp (same order): the normalised records carry no `updatedAt`.
   */
  onPage?: (items: TrackedEntity[], p: TrackerProgress, stamps: RecordStamp[]) => void
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
    const stamps = o.onPage ? p.items.map(recordStamp) : []
    if (collect) for (const item of items) out.push(item)
    fetched += items.length
    const progress = { page, fetched, total: p.total }
    o.onPage?.(items, progress, stamps)
    o.onProgress?.(progress)
    const more = p.hasNext ?? p.items.length >= pageSize
    if (!more || p.items.length === 0) break
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Server stamps (last-updated high-water marks for a record cache)
// ---------------------------------------------------------------------------------------------

/**
 * DHIS2 writes timestamps without a zone, in the server's own zone, to the millisecond
 * (`2019-08-21T13:25:38.022`), and reads `updatedAfter` without a zone in that same zone. So a
 * stamp is handled as a wall-clock reading of the SERVER's clock: parsed as if it were UTC (a
 * number to compare and shift), and written back the same way — never converted to the browser's
 * zone, never compared with the browser's clock.
 */
const STAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?/

/** A server timestamp as a number (server wall-clock milliseconds); null when unreadable. */
export function serverStampMs(v: unknown): number | null {
  if (typeof v !== 'string') return null
  const m = STAMP_RE.exec(v)
  if (!m) {
    // a date only
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    return d ? Date.UTC(+d[1], +d[2] - 1, +d[3]) : null
  }
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, ms)
  return Number.isFinite(t) ? t : null
}

/** Server wall-clock milliseconds → the zone-less form DHIS2 reads (`yyyy-MM-ddTHH:mm:ss.SSS`). */
export function formatServerStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23)
}

export interface RecordStamp {
  /** Tracked-entity UID ('' when the record has none). */
  uid: string
  /** Latest `updatedAt` of the record, its enrollments and their events (server wall-clock ms); null when none is readable. */
  updatedAt: number | null
  /** The tracked entity's own `updatedAt` (what `updatedAfter` filters on): compare this one between reads. */
  own: number | null
  /** The tracked entity itself is deleted (only seen with includeDeleted). */
  deleted: boolean
}

/**
 * The server stamp of one raw tracked entity. DHIS2 moves a tracked entity's `updatedAt` forward
 * whenever one of its enrollments or events is written or deleted (tracker import post-commit;
 * deletion service), so the record's own stamp is normally the latest; nested stamps are read too
 * when the fields asked for them.
 */
export function recordStamp(raw: unknown): RecordStamp {
  const o = isObj(raw) ? raw : {}
  let best: number | null = null
  const see = (v: unknown): void => {
    const t = serverStampMs(v)
    if (t !== null && (best === null || t > best)) best = t
  }
  see(o.updatedAt)
  const own = best
  for (const en of arr(o.enrollments)) {
    if (!isObj(en)) continue
    see(en.updatedAt)
    for (const ev of arr(en.events)) if (isObj(ev)) see(ev.updatedAt)
  }
  return { uid: s(o.trackedEntity), updatedAt: best, own, deleted: o.deleted === true }
}

/**
 * `updatedAfter` for a freshness check: the high-water mark minus an overlap. DHIS2's bound is
 * inclusive (`>=`) to the millisecond, but a record can be stamped inside a transaction that
 * commits after our previous read; the overlap re-reads those few records rather than miss them.
 */
export function updatedAfterFor(highWater: number, overlapMs: number): string {
  return formatServerStamp(highWater - Math.max(0, overlapMs))
}

/** Fields of a freshness check: the stamp of each record, not its content. */
export const STAMP_FIELDS = 'trackedEntity,updatedAt,deleted'

/**
 * Freshness check of a record cache: the stamp (UID, `updatedAt`, `deleted`) of every tracked
 * entity of the query updated at or after `updatedAfter`, deleted ones included — no record
 * content. Nothing changed since → one request, an empty page. Without `updatedAfter`: the stamps
 * of every record (a cache of an empty subtree has no high-water mark).
 */
export async function fetchTrackedEntityStamps(client: DhisClient, q: TrackedEntityQuery, updatedAfter: string | undefined, o: { signal?: AbortSignal } = {}): Promise<{ stamps: RecordStamp[]; requests: number }> {
  const stamps: RecordStamp[] = []
  let requests = 0
  await fetchAllTrackedEntities(client, { ...q, fields: STAMP_FIELDS, updatedAfter, includeDeleted: updatedAfter !== undefined }, {
    signal: o.signal,
    collect: false,
    onPage: (_items, _p, st) => {
      requests++
      for (const x of st) stamps.push(x)
    },
  })
  return { stamps, requests }
}

/** Tracked entities by UID per request (the UIDs go in the URL: 100 × 12 characters). */
export const UID_CHUNK = 100

/**
 * The given tracked entities of the query, by UID, normalised with their stamps (a UID the server
 * no longer returns — deleted, moved out of the org units — is simply absent).
 */
export async function fetchTrackedEntitiesByUid(client: DhisClient, q: TrackedEntityQuery, uids: string[], o: { signal?: AbortSignal } = {}): Promise<{ items: TrackedEntity[]; stamps: RecordStamp[]; requests: number }> {
  const items: TrackedEntity[] = []
  const stamps: RecordStamp[] = []
  let requests = 0
  for (let i = 0; i < uids.length; i += UID_CHUNK) {
    const chunk = uids.slice(i, i + UID_CHUNK)
    // one page: a list of UIDs cannot return more records than it names
    await fetchAllTrackedEntities(client, { ...q, trackedEntities: chunk, pageSize: UID_CHUNK }, {
      signal: o.signal,
      maxPages: 1,
      collect: false,
      onPage: (page, _p, st) => {
        requests++
        for (let k = 0; k < page.length; k++) {
          items.push(page[k])
          stamps.push(st[k])
        }
      },
    })
  }
  return { items, stamps, requests }
}
