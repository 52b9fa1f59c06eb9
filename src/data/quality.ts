/**
 * Requests of the data-quality page, on top of the one adapter (client.ts) and the foundation's
 * tracker and analytics helpers. The page never builds a URL: it calls these.
 *
 * - tracker records of the org-unit subtree (Mother and Infant programs, deleted records included
 *   so that relationships to deleted records are recognised), keeping the fields the quality rules
 *   need beyond the pair engine's (`completedAt`, `updatedAt`);
 * - the org units of the subtree (scope of events), the user's search scope;
 * - analytics freshness (`lastAnalyticsTableSuccess` of /api/system/info);
 * - the package's program indicators (definition) and their analytics values;
 * - the package's validation rules, the aggregate data values, and DHIS2's own validation-rule
 *   analysis (`POST /api/dataAnalysis/validationRules`, persist=false: nothing is stored);
 * - links that open a record in the DHIS2 Capture app.
 */
import { ids, PROGRAM } from '../../metadata/src/vocabulary'
import type { ServerProgramIndicator } from '../domain/quality/crosscheck'
import type { AggregateValue, ServerViolation, ValidationRuleDef } from '../domain/quality/aggregate'
import type { QualityRecord } from '../domain/quality/types'
import type { TrackedEntity } from '../domain/tracker'
import { cellOf, parseAnalytics } from './analytics'
import type { DhisClient, RequestOptions } from './client'
import { AbortedError, BadResponseError, DyadError, NotFoundError } from './errors'
import { normaliseTrackedEntity, parseTrackerPage, trackedEntityParams, DEFAULT_PAGE_SIZE } from './tracker'
import { trackerDialect } from './version'

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** The fields of the pair engine plus those the quality rules read. */
export const QUALITY_TRACKER_FIELDS = [
  'trackedEntity,trackedEntityType,orgUnit,updatedAt,deleted',
  'attributes[attribute,value]',
  'enrollments[enrollment,program,orgUnit,enrolledAt,occurredAt,completedAt,status,deleted,updatedAt,events[event,programStage,orgUnit,occurredAt,status,deleted,updatedAt,dataValues[dataElement,value]]]',
  'relationships[relationship,relationshipType,from[trackedEntity[trackedEntity]],to[trackedEntity[trackedEntity]]]',
].join(',')

export interface QualityTrackerData {
  entities: TrackedEntity[]
  /** Newest `updatedAt` of the records read (tracked entity, enrollment or event), or null. */
  newestUpdate: string | null
  pages: number
}

export interface TrackerLoadProgress {
  program: 'mother' | 'infant'
  page: number
  fetched: number
  total?: number
}

/** Keeps `completedAt` (enrollments) and collects the newest `updatedAt` while normalising. */
function normaliseWithExtras(raw: unknown, newest: { v: string | null }): TrackedEntity {
  const te = normaliseTrackedEntity(raw)
  const o = isObj(raw) ? raw : {}
  const bump = (x: unknown): void => {
    const s = str(x)
    if (s && (newest.v === null || s > newest.v)) newest.v = s
  }
  bump(o.updatedAt)
  const rawEns = arr(o.enrollments)
  te.enrollments.forEach((en, i) => {
    const r = isObj(rawEns[i]) ? (rawEns[i] as Record<string, unknown>) : {}
    const completedAt = str(r.completedAt)
    if (completedAt) (en as typeof en & { completedAt?: string }).completedAt = completedAt
    bump(r.updatedAt)
    for (const ev of arr(r.events)) if (isObj(ev)) bump(ev.updatedAt)
  })
  return te
}

/**
 * Every tracked entity with a Mother or Infant enrollment owned in the subtree of `orgUnit`,
 * page after page, deleted records included. A record enrolled in both programs is merged.
 */
export async function fetchQualityTrackerData(
  client: DhisClient,
  orgUnit: string,
  o: { signal?: AbortSignal; onProgress?: (p: TrackerLoadProgress) => void; pageSize?: number; maxPages?: number; programs?: { mother: boolean; infant: boolean } } = {},
): Promise<QualityTrackerData> {
  const dialect = trackerDialect(await client.serverVersion())
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE
  const byId = new Map<string, TrackedEntity>()
  const newest = { v: null as string | null }
  let pages = 0
  for (const [which, code] of [['mother', PROGRAM.MOTHER], ['infant', PROGRAM.INFANT]] as const) {
    if (o.programs && !o.programs[which]) continue
    let fetched = 0
    for (let page = 1; page <= (o.maxPages ?? 100_000); page++) {
      if (o.signal?.aborted) throw new AbortedError()
      const params = { ...trackedEntityParams(dialect, { orgUnits: [orgUnit], orgUnitMode: 'DESCENDANTS', program: ids.program(code), fields: QUALITY_TRACKER_FIELDS, pageSize }, page), includeDeleted: true }
      const body = await client.get('tracker/trackedEntities', params, { signal: o.signal })
      const p = parseTrackerPage(body, 'trackedEntities')
      pages++
      for (const item of p.items) {
        const te = normaliseWithExtras(item, newest)
        if (!te.trackedEntity) continue
        const prior = byId.get(te.trackedEntity)
        if (!prior) byId.set(te.trackedEntity, te)
        else {
          const have = new Set(prior.enrollments.map((e) => e.enrollment))
          for (const en of te.enrollments) if (!have.has(en.enrollment)) prior.enrollments.push(en)
          const rels = new Set(prior.relationships.map((r) => r.relationship))
          for (const r of te.relationships) if (!rels.has(r.relationship)) prior.relationships.push(r)
        }
      }
      fetched += p.items.length
      o.onProgress?.({ program: which, page, fetched, total: p.total })
      const more = p.hasNext ?? p.items.length >= pageSize
      if (!more || p.items.length === 0) break
    }
  }
  return { entities: [...byId.values()], newestUpdate: newest.v, pages }
}

/**
 * The records registered (owned) outside the subtree that have events done inside it in the
 * period: DHIS2 analytics counts those events by their org unit, the ownership read above does
 * not return them. Their UIDs come from `GET /api/tracker/events` (event org unit, DESCENDANTS,
 * event date in the period), then the records themselves by UID, with the same fields. Records
 * the user may not search are simply not returned (the cross-check then names that cause).
 */
export async function fetchRecordsWithEventsInSubtree(
  client: DhisClient,
  orgUnit: string,
  period: { start: string; end: string },
  known: ReadonlySet<string>,
  o: { signal?: AbortSignal; programs?: { mother: boolean; infant: boolean }; pageSize?: number; maxPages?: number } = {},
): Promise<QualityTrackerData> {
  const dialect = trackerDialect(await client.serverVersion())
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE
  const missing = new Set<string>()
  let pages = 0
  for (const [which, code] of [['mother', PROGRAM.MOTHER], ['infant', PROGRAM.INFANT]] as const) {
    if (o.programs && !o.programs[which]) continue
    for (let page = 1; page <= (o.maxPages ?? 100_000); page++) {
      if (o.signal?.aborted) throw new AbortedError()
      const params = {
        orgUnit,
        ...(dialect === '2.40' ? { ouMode: 'DESCENDANTS' } : { orgUnitMode: 'DESCENDANTS' }),
        program: ids.program(code),
        occurredAfter: period.start,
        occurredBefore: period.end,
        fields: 'event,trackedEntity',
        page,
        pageSize,
      }
      const p = parseTrackerPage(await client.get('tracker/events', params, { signal: o.signal }), 'events')
      pages++
      for (const ev of p.items) {
        const te = isObj(ev) ? str(ev.trackedEntity) : undefined
        if (te && !known.has(te)) missing.add(te)
      }
      const more = p.hasNext ?? p.items.length >= pageSize
      if (!more || p.items.length === 0) break
    }
  }
  const newest = { v: null as string | null }
  const entities: TrackedEntity[] = []
  const list = [...missing]
  for (let i = 0; i < list.length; i += 100) {
    if (o.signal?.aborted) throw new AbortedError()
    const chunk = list.slice(i, i + 100)
    const params = dialect === '2.40' ? { trackedEntity: chunk.join(';'), fields: QUALITY_TRACKER_FIELDS, skipPaging: true } : { trackedEntities: chunk.join(','), fields: QUALITY_TRACKER_FIELDS, paging: false }
    const p = parseTrackerPage(await client.get('tracker/trackedEntities', params, { signal: o.signal }), 'trackedEntities')
    pages++
    for (const item of p.items) {
      const te = normaliseWithExtras(item, newest)
      if (te.trackedEntity && !known.has(te.trackedEntity)) entities.push(te)
    }
  }
  return { entities, newestUpdate: newest.v, pages }
}

export interface OrgUnitScope {
  id: string
  name: string
  path: string
  /** Every org unit of the subtree (the selected one included). */
  subtree: Set<string>
}

export async function fetchOrgUnitScope(client: DhisClient, orgUnit: string, o: RequestOptions = {}): Promise<OrgUnitScope> {
  const self = await client.get<unknown>(`organisationUnits/${orgUnit}`, { fields: 'id,displayName,path' }, o)
  if (!isObj(self) || typeof self.id !== 'string') throw new BadResponseError({ serverMessage: 'organisationUnits: no id' })
  const list = await client.get<unknown>('organisationUnits', { filter: `path:like:${orgUnit}`, fields: 'id', paging: false }, o)
  const subtree = new Set<string>([orgUnit])
  for (const x of arr(isObj(list) ? list.organisationUnits : undefined)) if (isObj(x) && typeof x.id === 'string') subtree.add(x.id)
  return { id: self.id, name: str(self.displayName) ?? self.id, path: str(self.path) ?? `/${self.id}`, subtree }
}

export interface SearchScope {
  /** Org units where the user may search tracker records (falls back to capture org units). */
  searchOrgUnits: string[]
}

export async function fetchSearchScope(client: DhisClient, o: RequestOptions = {}): Promise<SearchScope> {
  const me = await client.get<unknown>('me', { fields: 'id,organisationUnits[id],teiSearchOrganisationUnits[id]' }, o)
  const idsOf = (v: unknown): string[] => arr(v).flatMap((x) => (isObj(x) && typeof x.id === 'string' ? [x.id] : []))
  const m = isObj(me) ? me : {}
  const search = idsOf(m.teiSearchOrganisationUnits)
  return { searchOrgUnits: search.length ? search : idsOf(m.organisationUnits) }
}

export interface SystemFreshness {
  version?: string
  serverDate?: string
  lastAnalyticsTableSuccess: string | null
  intervalSinceLastAnalyticsTableSuccess?: string
}

export async function fetchFreshness(client: DhisClient, o: RequestOptions = {}): Promise<SystemFreshness> {
  const info = await client.get<unknown>('system/info', undefined, o)
  const i = isObj(info) ? info : {}
  return {
    version: str(i.version),
    serverDate: str(i.serverDate),
    lastAnalyticsTableSuccess: str(i.lastAnalyticsTableSuccess) ?? null,
    intervalSinceLastAnalyticsTableSuccess: str(i.intervalSinceLastAnalyticsTableSuccess),
  }
}

export const PI_CODE_PREFIX = 'DYAD_PI_'

/** The package's program indicators on the server, by code (definition fields only). */
export async function fetchDyadProgramIndicators(client: DhisClient, o: RequestOptions = {}): Promise<Record<string, ServerProgramIndicator>> {
  const body = await client.get<unknown>(
    'programIndicators',
    { fields: 'id,code,analyticsType,expression,filter,programStage[id],analyticsPeriodBoundaries[boundaryTarget,analyticsPeriodBoundaryType]', filter: `code:like:${PI_CODE_PREFIX}`, paging: false },
    o,
  )
  const out: Record<string, ServerProgramIndicator> = {}
  for (const x of arr(isObj(body) ? body.programIndicators : undefined)) {
    if (!isObj(x) || typeof x.id !== 'string' || typeof x.code !== 'string') continue
    out[x.code] = {
      id: x.id,
      code: x.code,
      analyticsType: str(x.analyticsType),
      expression: typeof x.expression === 'string' ? x.expression : undefined,
      filter: typeof x.filter === 'string' ? x.filter : undefined,
      programStage: isObj(x.programStage) ? { id: str(x.programStage.id) } : null,
      analyticsPeriodBoundaries: arr(x.analyticsPeriodBoundaries).filter(isObj).map((b) => ({ boundaryTarget: str(b.boundaryTarget), analyticsPeriodBoundaryType: str(b.analyticsPeriodBoundaryType) })),
    }
  }
  return out
}

/**
 * Analytics values of program indicators for one org unit, the period as a filter (a relative
 * period is then one total). One request for all of them. Result by program-indicator UID
 * (absent: no row, i.e. 0).
 */
export async function fetchProgramIndicatorValues(client: DhisClient, piUids: string[], orgUnit: string, period: string, o: RequestOptions = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  if (piUids.length === 0) return out
  // pe as a filter (not a dimension): one total per program indicator, also for relative periods
  const body = await client.get<unknown>('analytics', { dimension: [`dx:${piUids.join(';')}`, `ou:${orgUnit}`], filter: [`pe:${period}`], includeNumDen: true, displayProperty: 'NAME' }, o)
  const res = parseAnalytics(body)
  for (const id of piUids) {
    const c = cellOf(res, { dx: id, ou: orgUnit })
    if (c) out[id] = c.value
  }
  return out
}

/** The package's validation rules (code DYAD_…), with both sides. */
export async function fetchDyadValidationRules(client: DhisClient, o: RequestOptions = {}): Promise<ValidationRuleDef[]> {
  const side = 'expression,missingValueStrategy,description'
  const body = await client.get<unknown>('validationRules', { fields: `id,code,name,displayName,operator,importance,leftSide[${side}],rightSide[${side}]`, filter: 'code:like:DYAD_', paging: false }, o)
  const out: ValidationRuleDef[] = []
  for (const x of arr(isObj(body) ? body.validationRules : undefined)) {
    if (!isObj(x) || typeof x.id !== 'string' || !isObj(x.leftSide) || !isObj(x.rightSide)) continue
    const s = (y: Record<string, unknown>) => ({ expression: typeof y.expression === 'string' ? y.expression : '', ...(str(y.missingValueStrategy) ? { missingValueStrategy: str(y.missingValueStrategy) } : {}) })
    out.push({ id: x.id, code: str(x.code), name: str(x.name) ?? x.id, displayName: str(x.displayName), operator: str(x.operator) ?? '', importance: str(x.importance), leftSide: s(x.leftSide), rightSide: s(x.rightSide) })
  }
  return out
}

/** The Dyad aggregate data sets (code DYAD_…). */
export async function fetchDyadDataSets(client: DhisClient, o: RequestOptions = {}): Promise<{ id: string; code?: string; name: string }[]> {
  const body = await client.get<unknown>('dataSets', { fields: 'id,code,displayName', filter: 'code:like:DYAD_', paging: false }, o)
  return arr(isObj(body) ? body.dataSets : undefined).flatMap((x) => (isObj(x) && typeof x.id === 'string' ? [{ id: x.id, code: str(x.code), name: str(x.displayName) ?? x.id }] : []))
}

/** Data values of data sets for an org-unit subtree and a date range. */
export async function fetchAggregateValues(client: DhisClient, dataSets: string[], orgUnit: string, startDate: string, endDate: string, o: RequestOptions = {}): Promise<AggregateValue[]> {
  const out: AggregateValue[] = []
  for (const dataSet of dataSets) {
    const body = await client.get<unknown>('dataValueSets', { dataSet, orgUnit, children: true, startDate, endDate }, o)
    // a loop, not push(...values): a national year holds hundreds of thousands of values, more
    // than a call's argument list can take
    for (const v of valuesOf(body)) out.push(v)
  }
  return out
}

function valuesOf(body: unknown): AggregateValue[] {
  return arr(isObj(body) ? body.dataValues : undefined).flatMap((x) =>
    isObj(x) && typeof x.dataElement === 'string' && typeof x.period === 'string' && typeof x.orgUnit === 'string'
      ? [{ dataElement: x.dataElement, period: x.period, orgUnit: x.orgUnit, categoryOptionCombo: str(x.categoryOptionCombo), attributeOptionCombo: str(x.attributeOptionCombo), value: typeof x.value === 'string' ? x.value : String(x.value ?? '') }]
      : [],
  )
}

export type ServerValidationResult = { available: true; violations: ServerViolation[] } | { available: false; reason: DyadError | null }

/**
 * DHIS2's own validation-rule analysis for the subtree and dates (persist=false,
 * notification=false: nothing is written). A server that does not offer it (404/405/400) gives
 * `available: false` with the error — the page says so rather than inventing a result.
 */
export async function runServerValidation(client: DhisClient, orgUnit: string, startDate: string, endDate: string, o: RequestOptions = {}): Promise<ServerValidationResult> {
  try {
    const body = await client.post<unknown>('dataAnalysis/validationRules', { ou: orgUnit, startDate, endDate, persist: false, notification: false }, undefined, o)
    const list = Array.isArray(body) ? body : isObj(body) && Array.isArray(body.validationRuleViolations) ? body.validationRuleViolations : null
    if (list === null) return { available: false, reason: new BadResponseError({ serverMessage: 'dataAnalysis/validationRules: not a list' }) }
    return { available: true, violations: list.filter(isObj) as unknown as ServerViolation[] }
  } catch (err) {
    if (err instanceof AbortedError) throw err
    if (err instanceof DyadError && (err instanceof NotFoundError || err.status === 404 || err.status === 405 || err.status === 400 || err.status === 501)) return { available: false, reason: err }
    throw err
  }
}

/**
 * A link that opens a record in the DHIS2 Capture app (2.40–2.42 routes: `#/enrollmentEventEdit`
 * for an event, `#/enrollment` for an enrollment or a tracked entity), or null when the record
 * cannot be opened (nothing to point to, or only an org unit).
 */
export function captureLink(baseUrl: string, r: Pick<QualityRecord, 'entity' | 'enrollment' | 'event' | 'program' | 'orgUnit'>): string | null {
  const base = `${baseUrl.replace(/\/+$/, '')}/dhis-web-capture/index.html#`
  const q = (params: Record<string, string | undefined>): string =>
    Object.entries(params)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&')
  if (r.event && r.orgUnit) return `${base}/enrollmentEventEdit?${q({ eventId: r.event, orgUnitId: r.orgUnit })}`
  if (r.enrollment) return `${base}/enrollment?${q({ enrollmentId: r.enrollment, teiId: r.entity, programId: r.program, orgUnitId: r.orgUnit })}`
  if (r.entity && r.program && r.orgUnit) return `${base}/enrollment?${q({ teiId: r.entity, programId: r.program, orgUnitId: r.orgUnit, enrollmentId: 'AUTO' })}`
  return null
}

/**
 * Link that opens an aggregate report (data set, org unit, period) in DHIS2's Data Entry app
 * (`dhis-web-aggregate-data-entry`, 2.39+; its context selection is in the hash query:
 * `dataSetId`, `orgUnitId`, `periodId`), or null without the three.
 */
export function dataEntryLink(baseUrl: string, r: Pick<QualityRecord, 'dataSet' | 'orgUnit' | 'period'>): string | null {
  if (!r.dataSet || !r.orgUnit || !r.period) return null
  const q = [`dataSetId=${encodeURIComponent(r.dataSet)}`, `orgUnitId=${encodeURIComponent(r.orgUnit)}`, `periodId=${encodeURIComponent(r.period)}`].join('&')
  return `${baseUrl.replace(/\/+$/, '')}/dhis-web-aggregate-data-entry/index.html#/?${q}`
}

/** Org-unit names for a list of UIDs (records' org units), in one request. */
export async function fetchOrgUnitNames(client: DhisClient, uids: string[], o: RequestOptions = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const list = [...new Set(uids)].filter(Boolean)
  for (let i = 0; i < list.length; i += 200) {
    const body = await client.get<unknown>('organisationUnits', { filter: `id:in:[${list.slice(i, i + 200).join(',')}]`, fields: 'id,displayName', paging: false }, o)
    for (const x of arr(isObj(body) ? body.organisationUnits : undefined)) if (isObj(x) && typeof x.id === 'string') out[x.id] = str(x.displayName) ?? x.id
  }
  return out
}

/** Which of the Dyad tracker programs (Mother, Infant) exist on the server. */
export async function fetchInstalledPrograms(client: DhisClient, o: RequestOptions = {}): Promise<{ mother: boolean; infant: boolean }> {
  const m = ids.program(PROGRAM.MOTHER)
  const i = ids.program(PROGRAM.INFANT)
  const body = await client.get<unknown>('programs', { filter: `id:in:[${m},${i}]`, fields: 'id', paging: false }, o)
  const found = new Set(arr(isObj(body) ? body.programs : undefined).flatMap((x) => (isObj(x) && typeof x.id === 'string' ? [x.id] : [])))
  return { mother: found.has(m), infant: found.has(i) }
}
