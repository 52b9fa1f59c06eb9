/**
 * Tracker read API /api/tracker/{trackedEntities,enrollments,events,relationships}[/<uid>] with the
 * exact per-version envelopes, parameter names, org-unit modes, filters, default fields and
 * object shapes of DHIS2 2.40, 2.41 and 2.42 (see shared/reference/dhis2-api.md §1).
 */
import type { Dhis2Version, SandboxUser, StoredRelationship } from '../../model'
import type { Store } from '../../store/store'
import type { StoredEnrollment, StoredEvent, StoredTrackedEntity } from '../../store/types'
import { applyFields, fieldsFrom, plainResolver, type FieldNode } from '../fields'
import { boolParam, error, HttpError, intParam, ok, type Ctx, type Reply } from '../http'

type Obj = Record<string, unknown>
type Kind = 'trackedEntities' | 'enrollments' | 'events' | 'relationships'

const DEFAULT_FIELDS: Record<Kind, string> = {
  trackedEntities: '*,!relationships,!enrollments,!events,!programOwners',
  enrollments: '*,!relationships,!events,!attributes',
  events: '*,!relationships',
  relationships: 'relationship,relationshipType,from[trackedEntity[trackedEntity],enrollment[enrollment],event[event]],to[trackedEntity[trackedEntity],enrollment[enrollment],event[event]]',
}

const MAX_PAGE_SIZE = 50000

// ---------------------------------------------------------------------------------------------
// Views (one object per record, per version)
// ---------------------------------------------------------------------------------------------

/** Does this field list select `name` (explicitly, or through a preset without exclusion)? */
function wants(nodes: FieldNode[] | undefined, name: string): FieldNode[] | null {
  if (!nodes) return null
  if (nodes.some((n) => n.exclude && n.name === name)) return null
  const explicit = nodes.find((n) => !n.exclude && n.name === name)
  if (explicit) return explicit.children ?? [{ name: '*', exclude: false, transformers: [] }]
  if (nodes.some((n) => !n.exclude && (n.name === '*' || n.name === ':all' || n.name === ':owner'))) return [{ name: '*', exclude: false, transformers: [] }]
  return null
}

export class TrackerViews {
  private relIndex: { revision: number; map: Map<string, string[]> } | null = null
  constructor(
    private store: Store,
    private locale: string,
    /**
     * `includeDeleted=true` on a collection request: DHIS2 then also nests the deleted enrollments
     * and events (flagged `deleted: true`) in the records it returns (2.40–2.42 tracked-entity
     * export: `includeDeleted || !enrollment.isDeleted()`, same for events).
     */
    private includeDeleted = false,
  ) {}

  get version(): Dhis2Version {
    return this.store.version
  }

  relationshipsOf(te: string): string[] {
    if (!this.relIndex || this.relIndex.revision !== this.store.revision) {
      const map = new Map<string, string[]>()
      for (const r of this.store.relationships.values()) {
        for (const side of [r.from, r.to]) {
          const l = map.get(side)
          if (l) l.push(r.relationship)
          else map.set(side, [r.relationship])
        }
      }
      this.relIndex = { revision: this.store.revision, map }
    }
    return this.relIndex.map.get(te) ?? []
  }

  private ouName(id: string): string | undefined {
    return this.store.get('organisationUnits', id)?.name as string | undefined
  }

  attribute(a: { attribute: string; value: string; createdAt?: string; updatedAt?: string; storedBy?: string }, te: StoredTrackedEntity): Obj {
    const meta = this.store.get('trackedEntityAttributes', a.attribute)
    const out: Obj = { attribute: a.attribute }
    if (meta?.code) out.code = meta.code
    if (meta) out.displayName = translatedName(meta, this.locale)
    out.createdAt = a.createdAt ?? te.createdAt
    out.updatedAt = a.updatedAt ?? te.updatedAt
    if (a.storedBy) out.storedBy = a.storedBy
    if (meta?.valueType) out.valueType = meta.valueType
    out.value = a.value
    return out
  }

  relationship(r: StoredRelationship & { relationshipName?: string; bidirectional?: boolean; createdAtClient?: string }, nodes?: FieldNode[]): Obj {
    const type = this.store.get('relationshipTypes', r.relationshipType)
    const out: Obj = { relationship: r.relationship, relationshipType: r.relationshipType }
    const name = r.relationshipName ?? (type?.name as string | undefined)
    if (name) out.relationshipName = name
    out.bidirectional = r.bidirectional ?? type?.bidirectional === true
    out.createdAt = r.createdAt
    if (this.version !== '2.40') out.createdAtClient = r.createdAtClient ?? r.createdAt
    out.updatedAt = r.updatedAt
    if (this.version === '2.42') out.deleted = !!r.deleted
    // The other side is a reference ({trackedEntity:{trackedEntity}}) unless sub-fields of it are
    // named explicitly (e.g. from[trackedEntity[trackedEntity,attributes]]); never recursive.
    const side = (te: string, which: 'from' | 'to'): Obj => {
      const sub = nodes?.find((n) => !n.exclude && n.name === which)?.children
      const teNodes = sub?.find((n) => !n.exclude && n.name === 'trackedEntity')?.children?.filter((n) => n.name !== 'relationships')
      const full = teNodes && teNodes.some((n) => n.name !== 'trackedEntity') ? this.store.trackedEntities.get(te) : undefined
      return { trackedEntity: full ? applyFields(this.trackedEntity(full, teNodes), teNodes!, plainResolver) : { trackedEntity: te } }
    }
    out.from = side(r.from, 'from')
    out.to = side(r.to, 'to')
    return out
  }

  event(ev: StoredEvent, en: StoredEnrollment | undefined, te: StoredTrackedEntity | undefined, nodes?: FieldNode[]): Obj {
    const v = this.version
    const out: Obj = {
      event: ev.event,
      status: ev.status,
      program: ev.program ?? en?.program,
      programStage: ev.programStage,
      enrollment: ev.enrollment ?? en?.enrollment,
      trackedEntity: ev.trackedEntity ?? te?.trackedEntity,
    }
    if (v === '2.40' && en) out.enrollmentStatus = en.status
    out.orgUnit = ev.orgUnit
    if (v === '2.40') {
      const n = this.ouName(ev.orgUnit)
      if (n) out.orgUnitName = n
    }
    out.occurredAt = ev.occurredAt ?? undefined
    out.scheduledAt = ev.scheduledAt ?? ev.occurredAt ?? undefined
    if (ev.completedAt) out.completedAt = ev.completedAt
    if (v === '2.40') out.followup = false
    else out.followUp = false
    if (v === '2.41') out.followup = false
    out.deleted = !!ev.deleted
    out.createdAt = ev.createdAt ?? en?.createdAt ?? te?.createdAt
    out.createdAtClient = out.createdAt
    out.updatedAt = ev.updatedAt ?? te?.updatedAt
    out.attributeOptionCombo = ev.attributeOptionCombo ?? 'HllvX50cXC0'
    out.attributeCategoryOptions = 'xYerKDKCefk'
    if (ev.storedBy) out.storedBy = ev.storedBy
    out.dataValues = ev.dataValues.map((d) => ({
      createdAt: d.createdAt ?? out.createdAt,
      updatedAt: d.updatedAt ?? out.updatedAt,
      storedBy: d.storedBy ?? ev.storedBy ?? 'system',
      providedElsewhere: d.providedElsewhere ?? false,
      dataElement: d.dataElement,
      value: d.value,
    }))
    if (wants(nodes, 'relationships')) out.relationships = []
    out.notes = ev.notes ?? []
    return out
  }

  enrollment(en: StoredEnrollment, te: StoredTrackedEntity, nodes?: FieldNode[]): Obj {
    const v = this.version
    const out: Obj = {
      enrollment: en.enrollment,
      createdAt: en.createdAt ?? te.createdAt,
      createdAtClient: en.createdAt ?? te.createdAt,
      updatedAt: en.updatedAt ?? te.updatedAt,
      updatedAtClient: en.updatedAt ?? te.updatedAt,
      trackedEntity: te.trackedEntity,
    }
    if (v === '2.40') out.trackedEntityType = te.trackedEntityType
    out.program = en.program
    out.status = en.status
    out.orgUnit = en.orgUnit
    if (v === '2.40') {
      const n = this.ouName(en.orgUnit)
      if (n) out.orgUnitName = n
    }
    out.enrolledAt = en.enrolledAt ?? undefined
    out.occurredAt = en.occurredAt ?? undefined
    if (en.completedAt) out.completedAt = en.completedAt
    out.followUp = en.followUp ?? false
    out.deleted = !!en.deleted
    const evNodes = wants(nodes, 'events')
    if (evNodes) out.events = en.events.filter((e) => this.includeDeleted || !e.deleted).map((e) => applyFields(this.event(e, en, te, evNodes), evNodes, plainResolver))
    if (wants(nodes, 'relationships')) out.relationships = []
    if (wants(nodes, 'attributes')) out.attributes = te.attributes.map((a) => this.attribute(a, te))
    out.notes = en.notes ?? []
    return out
  }

  trackedEntity(te: StoredTrackedEntity, nodes?: FieldNode[]): Obj {
    const out: Obj = {
      trackedEntity: te.trackedEntity,
      trackedEntityType: te.trackedEntityType,
      createdAt: te.createdAt,
      createdAtClient: te.createdAt,
      updatedAt: te.updatedAt,
      updatedAtClient: te.updatedAt,
      orgUnit: te.orgUnit,
      inactive: te.inactive ?? false,
      deleted: !!te.deleted,
      potentialDuplicate: te.potentialDuplicate ?? false,
    }
    const relNodes = wants(nodes, 'relationships')
    if (relNodes) out.relationships = this.relationshipsOf(te.trackedEntity).map((id) => this.store.relationships.get(id)!).filter((r) => r && !r.deleted).map((r) => applyFields(this.relationship(r, relNodes), relNodes, plainResolver))
    out.attributes = te.attributes.map((a) => this.attribute(a, te))
    const enNodes = wants(nodes, 'enrollments')
    if (enNodes) out.enrollments = te.enrollments.filter((e) => this.includeDeleted || !e.deleted).map((e) => applyFields(this.enrollment(e, te, enNodes), enNodes, plainResolver))
    if (wants(nodes, 'programOwners')) out.programOwners = te.enrollments.filter((e) => !e.deleted).map((e) => ({ orgUnit: e.orgUnit, trackedEntity: te.trackedEntity, program: e.program }))
    return out
  }
}

function translatedName(meta: Obj, locale: string): string {
  const t = (meta.translations as Array<{ locale: string; property: string; value: string }> | undefined)?.find((x) => x.property === 'NAME' && x.locale.split(/[_-]/)[0] === locale.split(/[_-]/)[0])
  return t?.value ?? String(meta.name ?? '')
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

interface Params {
  orgUnits: string[]
  mode: string | undefined
  paging: boolean
  page: number
  pageSize: number
  totalPages: boolean
}

function list(v: string | null, sep: RegExp): string[] {
  return v ? v.split(sep).map((s) => s.trim()).filter(Boolean) : []
}

function commonParams(q: URLSearchParams, v: Dhis2Version, kind: Kind): Params {
  let orgUnits: string[]
  let mode: string | undefined
  if (v === '2.40') {
    orgUnits = list(q.get('orgUnit'), /;/)
    mode = q.get('ouMode') ?? undefined
  } else {
    orgUnits = kind === 'events' ? list(q.get('orgUnit'), /[;,]/) : list(q.get('orgUnits') ?? q.get(v === '2.41' ? 'orgUnit' : '\0'), /[;,]/)
    mode = q.get('orgUnitMode') ?? (v === '2.41' ? (q.get('ouMode') ?? undefined) : undefined)
  }
  if (kind === 'events' && orgUnits.length > 1) throw new HttpError(400, `orgUnit must be a single organisation unit UID, got ${orgUnits.join(',')}`)
  let paging = true
  const skip = q.get('skipPaging')
  const pagingParam = q.get('paging')
  if (v === '2.40') {
    if (skip !== null) paging = skip.toLowerCase() !== 'true'
  } else if (v === '2.41') {
    if (skip !== null && pagingParam !== null && (skip.toLowerCase() === 'true') === (pagingParam.toLowerCase() === 'true')) {
      throw new HttpError(400, "Paging can either be enabled or disabled. Prefer 'paging' as 'skipPaging' will be removed.")
    }
    if (pagingParam !== null) paging = pagingParam.toLowerCase() !== 'false'
    else if (skip !== null) paging = skip.toLowerCase() !== 'true'
  } else if (pagingParam !== null) paging = pagingParam.toLowerCase() !== 'false'
  const page = intParam(q, 'page', 1)
  const pageSize = intParam(q, 'pageSize', 50)
  if (page < 1) throw new HttpError(400, 'page must be greater than or equal to 1')
  if (pageSize < 1) throw new HttpError(400, 'pageSize must be greater than or equal to 1')
  if (pageSize > MAX_PAGE_SIZE) throw new HttpError(400, `pageSize must be less than or equal to ${MAX_PAGE_SIZE}`)
  return { orgUnits, mode, paging, page, pageSize, totalPages: boolParam(q, 'totalPages') }
}

function removedInV41(q: URLSearchParams, v: Dhis2Version, names: string[]): void {
  if (v === '2.40') return
  for (const n of names) if (q.get(n) !== null) throw new HttpError(400, `Request parameter '${n}' is not supported anymore: the parameter was removed in v41. Use 'filter' instead.`)
}

/** The set of org units a request covers, or null for "all" (superuser ALL mode). */
function scope(store: Store, user: SandboxUser, p: Params): Set<string> | null {
  const isAll = user.authorities.includes('ALL')
  const userRoots = user.teiSearchOrganisationUnits.length ? user.teiSearchOrganisationUnits : user.organisationUnits
  const within = (id: string, roots: string[]) => {
    const o = store.get('organisationUnits', id)
    return !!o && roots.some((r) => String(o.path).split('/').includes(r))
  }
  const descendantsOf = (roots: string[]) => {
    const out = new Set<string>()
    const walk = (id: string) => {
      out.add(id)
      for (const c of store.childrenOf(id)) walk(c)
    }
    roots.forEach(walk)
    return out
  }
  const mode = (p.mode ?? (p.orgUnits.length ? 'SELECTED' : 'ACCESSIBLE')).toUpperCase()
  for (const id of p.orgUnits) {
    if (!store.get('organisationUnits', id)) throw new HttpError(400, `Organisation unit does not exist: ${id}`)
    if (!isAll && !within(id, [...userRoots, ...user.organisationUnits])) throw new HttpError(403, `User does not have access to organisation unit: ${id}`)
  }
  switch (mode) {
    case 'SELECTED':
      if (!p.orgUnits.length) throw new HttpError(400, 'At least one org unit is required for orgUnitMode: SELECTED. Please add an orgUnit or use a different orgUnitMode.')
      return new Set(p.orgUnits)
    case 'CHILDREN':
      if (!p.orgUnits.length) throw new HttpError(400, 'At least one org unit is required for orgUnitMode: CHILDREN. Please add an orgUnit or use a different orgUnitMode.')
      return new Set(p.orgUnits.flatMap((id) => [id, ...store.childrenOf(id)]))
    case 'DESCENDANTS':
      if (!p.orgUnits.length) throw new HttpError(400, 'At least one org unit is required for orgUnitMode: DESCENDANTS. Please add an orgUnit or use a different orgUnitMode.')
      return descendantsOf(p.orgUnits)
    case 'ACCESSIBLE':
      if (p.orgUnits.length) throw new HttpError(400, 'orgUnitMode ACCESSIBLE cannot be used with orgUnits. Please remove the orgUnits parameter and try again.')
      return isAll && userRoots.some((r) => (store.get('organisationUnits', r)?.level as number) === 1) ? null : descendantsOf(userRoots)
    case 'CAPTURE':
      if (p.orgUnits.length) throw new HttpError(400, 'orgUnitMode CAPTURE cannot be used with orgUnits. Please remove the orgUnits parameter and try again.')
      return descendantsOf(user.organisationUnits)
    case 'ALL':
      if (!isAll && !user.authorities.includes('F_TRACKED_ENTITY_INSTANCE_SEARCH_IN_ALL_ORGUNITS')) throw new HttpError(403, 'Current user is not authorized to query across all organisation units')
      return null
    default:
      throw new HttpError(400, `Value '${mode}' is not valid for parameter orgUnitMode. Valid values are: [SELECTED, CHILDREN, DESCENDANTS, ACCESSIBLE, CAPTURE, ALL]`)
  }
}

function dateParam(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name)
  if (v === null || v === '') return undefined
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?$/.test(v)) throw new HttpError(400, `Value '${v}' is not valid for parameter ${name}. It should be of type Date`)
  return v.replace(' ', 'T')
}

function inRange(value: string | null | undefined, after?: string, before?: string): boolean {
  if (!after && !before) return true
  if (!value) return false
  if (after && value < after) return false
  if (before && value.slice(0, before.length) > before) return false
  return true
}

/** Attribute / data-element filter: `uid:op:value[:op:value]`, comma-separated, `/` escapes. */
function parseItemFilters(raw: string[]): Array<{ id: string; conds: Array<{ op: string; value: string }> }> {
  const out: Array<{ id: string; conds: Array<{ op: string; value: string }> }> = []
  for (const f of raw.flatMap((r) => r.split(/(?<!\/),/))) {
    const parts = f.split(/(?<!\/):/).map((p) => p.replace(/\/([:,/])/g, '$1'))
    const id = parts.shift()!
    const conds: Array<{ op: string; value: string }> = []
    while (parts.length) {
      const op = parts.shift()!.toUpperCase()
      if (op === '!NULL' || op === 'NULL') conds.push({ op, value: '' })
      else {
        if (!parts.length) throw new HttpError(400, `Query item or filter is invalid: ${f}`)
        conds.push({ op, value: parts.shift()! })
      }
    }
    out.push({ id, conds })
  }
  return out
}

function testCond(value: string | undefined, c: { op: string; value: string }): boolean {
  if (c.op === '!NULL') return value !== undefined && value !== ''
  if (c.op === 'NULL') return value === undefined || value === ''
  if (value === undefined) return false
  const num = (s: string) => (s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : undefined)
  const cmp = () => {
    const a = num(value)
    const b = num(c.value)
    return a !== undefined && b !== undefined ? a - b : value.localeCompare(c.value)
  }
  switch (c.op) {
    case 'EQ':
      return value.toLowerCase() === c.value.toLowerCase()
    case 'NE':
    case 'NEQ':
      return value.toLowerCase() !== c.value.toLowerCase()
    case 'LIKE':
      return value.toLowerCase().includes(c.value.toLowerCase())
    case 'SW':
      return value.toLowerCase().startsWith(c.value.toLowerCase())
    case 'EW':
      return value.toLowerCase().endsWith(c.value.toLowerCase())
    case 'IN':
      return c.value.split(';').map((x) => x.toLowerCase()).includes(value.toLowerCase())
    case 'GT':
      return cmp() > 0
    case 'GE':
      return cmp() >= 0
    case 'LT':
      return cmp() < 0
    case 'LE':
      return cmp() <= 0
    default:
      throw new HttpError(400, `Operator ${c.op} is not supported`)
  }
}

function orderBy<T>(items: T[], q: URLSearchParams, get: (x: T, prop: string) => unknown): T[] {
  const spec = q.get('order')
  if (!spec) return items
  const keys = spec.split(',').filter(Boolean).map((s) => {
    const [prop, dir = 'asc'] = s.split(':')
    return { prop, desc: dir.toLowerCase() === 'desc' }
  })
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = get(a, k.prop)
      const y = get(b, k.prop)
      if (x === y) continue
      if (x === undefined || x === null) return 1
      if (y === undefined || y === null) return -1
      const c = String(x).localeCompare(String(y))
      if (c) return k.desc ? -c : c
    }
    return 0
  })
}

// ---------------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------------

function envelope(ctx: Ctx, kind: Kind, all: Obj[], p: Params, nodes: FieldNode[], view: (o: Obj) => Obj): Reply {
  const v = ctx.store.version
  const key = v === '2.40' ? 'instances' : kind
  if (!p.paging) return ok({ [key]: all.map((o) => applyFields(view(o), nodes, plainResolver)) })
  const slice = all.slice((p.page - 1) * p.pageSize, p.page * p.pageSize)
  const items = slice.map((o) => applyFields(view(o), nodes, plainResolver))
  const pager: Obj = { page: p.page, pageSize: p.pageSize }
  if (p.totalPages) {
    pager.total = all.length
    pager.pageCount = Math.ceil(all.length / p.pageSize)
  }
  if (v === '2.40') return ok({ ...pager, [key]: items })
  if (v === '2.41') return ok({ pager, ...pager, [key]: items })
  const link = (page: number) => {
    const u = new URL(`${ctx.config.baseUrl}${ctx.req.url ?? ''}`)
    u.searchParams.set('page', String(page))
    return u.toString()
  }
  if (p.page > 1) pager.prevPage = link(p.page - 1)
  const hasNext = p.totalPages ? p.page * p.pageSize < all.length : all.length > p.page * p.pageSize
  if (hasNext) pager.nextPage = link(p.page + 1)
  return ok({ pager, [key]: items })
}

function requireUser(ctx: Ctx): SandboxUser {
  if (!ctx.user) throw new HttpError(401, 'Unauthorized')
  return ctx.user
}

function notFound(what: string, id: string): Reply {
  return error(404, `${what} with id ${id} could not be found.`)
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

export function trackerRead(ctx: Ctx): Reply {
  const user = requireUser(ctx)
  const kind = ctx.params[0] as Kind
  const uid = ctx.params[1]
  const store = ctx.store
  const v = store.version
  const q = ctx.query
  const views = new TrackerViews(store, store.localeOf(user), !uid && boolParam(q, 'includeDeleted'))
  const nodes = fieldsFrom(q, DEFAULT_FIELDS[kind])

  if (uid) {
    switch (kind) {
      case 'trackedEntities': {
        const te = store.trackedEntities.get(uid)
        if (!te || te.deleted) return notFound('TrackedEntity', uid)
        return ok(applyFields(views.trackedEntity(te, nodes), nodes, plainResolver))
      }
      case 'enrollments': {
        const hit = store.enrollments.get(uid)
        if (!hit || hit.en.deleted) return notFound('Enrollment', uid)
        return ok(applyFields(views.enrollment(hit.en, hit.te, nodes), nodes, plainResolver))
      }
      case 'events': {
        const hit = store.events.get(uid)
        if (!hit || hit.ev.deleted) return notFound('Event', uid)
        return ok(applyFields(views.event(hit.ev, hit.en, hit.te, nodes), nodes, plainResolver))
      }
      case 'relationships': {
        const r = store.relationships.get(uid)
        if (!r || r.deleted) return notFound('Relationship', uid)
        return ok(applyFields(views.relationship(r, nodes), nodes, plainResolver))
      }
    }
  }

  if (kind === 'relationships') {
    const teParam = q.get('trackedEntity') ?? (v === '2.41' ? q.get('tei') : null)
    const given = [teParam, q.get('enrollment'), q.get('event')].filter((x) => x)
    if (given.length !== 1) throw new HttpError(400, `Only one parameter of 'trackedEntity', 'enrollment' or 'event' must be specified. Got ${given.length}`)
    const p = commonParams(q, v, kind)
    let ids: string[] = []
    if (teParam) {
      if (!store.trackedEntities.get(teParam)) return notFound('TrackedEntity', teParam)
      ids = views.relationshipsOf(teParam)
    } else if (q.get('enrollment')) {
      if (!store.enrollments.get(q.get('enrollment')!)) return notFound('Enrollment', q.get('enrollment')!)
    } else if (!store.events.get(q.get('event')!)) return notFound('Event', q.get('event')!)
    const includeDeleted = boolParam(q, 'includeDeleted')
    const rels = ids.map((id) => store.relationships.get(id)!).filter((r) => r && (includeDeleted || !r.deleted))
    return envelope(ctx, kind, orderBy(rels as unknown as Obj[], q, (x, k) => x[k]), p, nodes, (r) => views.relationship(r as never, nodes))
  }

  if (kind === 'trackedEntities') removedInV41(q, v, ['query', 'attribute'])
  const p = commonParams(q, v, kind)
  const inScope = scope(store, user, p)
  const includeDeleted = boolParam(q, 'includeDeleted')
  const program = q.get('program') ?? undefined
  if (program && !store.get('programs', program)) throw new HttpError(400, `Program is specified but does not exist: ${program}`)
  const enrollmentStatus = (v === '2.42' ? (q.get('enrollmentStatus') ?? q.get('programStatus')) : q.get('programStatus')) ?? undefined
  const updatedAfter = dateParam(q, 'updatedAfter')
  const updatedBefore = dateParam(q, 'updatedBefore')

  if (kind === 'trackedEntities') {
    const tet = q.get('trackedEntityType') ?? undefined
    const ids = list(q.get(v === '2.40' ? 'trackedEntity' : 'trackedEntities') ?? (v === '2.41' ? q.get('trackedEntity') : null), /[;,]/)
    if (!program && !tet && !ids.length) throw new HttpError(400, 'Either `program`, `trackedEntityType` or `trackedEntities` should be specified')
    if ((enrollmentStatus || q.get('followUp') || q.get('enrollmentEnrolledAfter') || q.get('enrollmentEnrolledBefore')) && !program) {
      throw new HttpError(400, '`program` must be defined when `enrollmentStatus`, `followUp` or enrollment dates are specified')
    }
    const enAfter = dateParam(q, 'enrollmentEnrolledAfter')
    const enBefore = dateParam(q, 'enrollmentEnrolledBefore')
    const ocAfter = dateParam(q, 'enrollmentOccurredAfter')
    const ocBefore = dateParam(q, 'enrollmentOccurredBefore')
    const evAfter = dateParam(q, 'eventOccurredAfter')
    const evBefore = dateParam(q, 'eventOccurredBefore')
    const stage = q.get('programStage') ?? undefined
    const filters = parseItemFilters(q.getAll('filter'))
    const idSet = ids.length ? new Set(ids) : null
    const out: StoredTrackedEntity[] = []
    for (const te of idSet ? ids.map((id) => store.trackedEntities.get(id)).filter((x): x is StoredTrackedEntity => !!x) : store.trackedEntities.values()) {
      if (te.deleted && !includeDeleted) continue
      if (tet && te.trackedEntityType !== tet) continue
      if (updatedAfter && te.updatedAt < updatedAfter) continue
      if (updatedBefore && te.updatedAt > updatedBefore) continue
      const ens = program ? te.enrollments.filter((e) => e.program === program && (includeDeleted || !e.deleted)) : null
      if (ens && !ens.length) continue
      if (inScope) {
        const owners = ens ? ens.map((e) => e.orgUnit) : [te.orgUnit]
        if (!owners.some((o) => inScope.has(o))) continue
      }
      if (ens && (enrollmentStatus || enAfter || enBefore || ocAfter || ocBefore)) {
        if (!ens.some((e) => (!enrollmentStatus || e.status === enrollmentStatus) && inRange(e.enrolledAt, enAfter, enBefore) && inRange(e.occurredAt, ocAfter, ocBefore))) continue
      }
      if (stage || evAfter || evBefore) {
        const evs = (ens ?? te.enrollments).flatMap((e) => e.events).filter((e) => !e.deleted && (!stage || e.programStage === stage))
        if (!evs.some((e) => inRange(e.occurredAt, evAfter, evBefore))) continue
      }
      if (filters.length && !filters.every((f) => f.conds.every((c) => testCond(te.attributes.find((a) => a.attribute === f.id)?.value, c)))) continue
      out.push(te)
    }
    const sorted = orderBy(out, q, (x, k) => (x as unknown as Obj)[k] ?? x.attributes.find((a) => a.attribute === k)?.value)
    return envelope(ctx, kind, sorted as unknown as Obj[], p, nodes, (o) => views.trackedEntity(o as unknown as StoredTrackedEntity, nodes))
  }

  if (kind === 'enrollments') {
    const status = (v === '2.42' ? (q.get('status') ?? q.get('programStatus')) : q.get('programStatus')) ?? undefined
    const enAfter = dateParam(q, 'enrolledAfter')
    const enBefore = dateParam(q, 'enrolledBefore')
    const teFilter = q.get('trackedEntity') ?? undefined
    const ids = list(q.get(v === '2.40' ? 'enrollment' : 'enrollments') ?? (v === '2.41' ? q.get('enrollment') : null), /[;,]/)
    const idSet = ids.length ? new Set(ids) : null
    const out: Array<{ te: StoredTrackedEntity; en: StoredEnrollment }> = []
    for (const hit of store.enrollments.values()) {
      const { te, en } = hit
      if (idSet && !idSet.has(en.enrollment)) continue
      if (en.deleted && !includeDeleted) continue
      if (program && en.program !== program) continue
      if (teFilter && te.trackedEntity !== teFilter) continue
      if (status && en.status !== status) continue
      if (inScope && !inScope.has(en.orgUnit)) continue
      if (!inRange(en.enrolledAt, enAfter, enBefore)) continue
      const upd = en.updatedAt ?? te.updatedAt
      if (updatedAfter && upd < updatedAfter) continue
      if (updatedBefore && upd > updatedBefore) continue
      out.push(hit)
    }
    const sorted = orderBy(out, q, (x, k) => (x.en as unknown as Obj)[k])
    return envelope(ctx, kind, sorted as unknown as Obj[], p, nodes, (o) => {
      const h = o as unknown as { te: StoredTrackedEntity; en: StoredEnrollment }
      return views.enrollment(h.en, h.te, nodes)
    })
  }

  // events
  const stage = q.get('programStage') ?? undefined
  if (stage && !store.get('programStages', stage)) throw new HttpError(400, `Program stage is specified but does not exist: ${stage}`)
  const status = q.get('status') ?? undefined
  const teFilter = q.get('trackedEntity') ?? undefined
  const ocAfter = dateParam(q, 'occurredAfter')
  const ocBefore = dateParam(q, 'occurredBefore')
  const scAfter = dateParam(q, 'scheduledAfter')
  const scBefore = dateParam(q, 'scheduledBefore')
  const enEnAfter = dateParam(q, 'enrollmentEnrolledAfter')
  const enEnBefore = dateParam(q, 'enrollmentEnrolledBefore')
  const enOcAfter = dateParam(q, 'enrollmentOccurredAfter')
  const enOcBefore = dateParam(q, 'enrollmentOccurredBefore')
  const ids = list(q.get(v === '2.40' ? 'event' : 'events') ?? (v === '2.41' ? q.get('event') : null), /[;,]/)
  const idSet = ids.length ? new Set(ids) : null
  const enIds = list(q.get('enrollments'), /[;,]/)
  const enSet = enIds.length ? new Set(enIds) : null
  const filters = parseItemFilters(q.getAll('filter'))
  const out: Array<{ te: StoredTrackedEntity; en: StoredEnrollment; ev: StoredEvent }> = []
  for (const hit of store.events.values()) {
    const { te, en, ev } = hit
    if (idSet && !idSet.has(ev.event)) continue
    if (ev.deleted && !includeDeleted) continue
    if (program && (ev.program ?? en.program) !== program) continue
    if (stage && ev.programStage !== stage) continue
    if (status && ev.status !== status) continue
    if (teFilter && te.trackedEntity !== teFilter) continue
    if (enSet && !enSet.has(en.enrollment)) continue
    if (enrollmentStatus && en.status !== enrollmentStatus) continue
    if (inScope && !inScope.has(ev.orgUnit)) continue
    if (!inRange(ev.occurredAt, ocAfter, ocBefore)) continue
    if ((scAfter || scBefore) && !inRange(ev.scheduledAt ?? ev.occurredAt, scAfter, scBefore)) continue
    if (!inRange(en.enrolledAt, enEnAfter, enEnBefore) || !inRange(en.occurredAt, enOcAfter, enOcBefore)) continue
    const upd = ev.updatedAt ?? te.updatedAt
    if (updatedAfter && upd < updatedAfter) continue
    if (updatedBefore && upd > updatedBefore) continue
    if (filters.length && !filters.every((f) => f.conds.every((c) => testCond(ev.dataValues.find((d) => d.dataElement === f.id)?.value, c)))) continue
    out.push(hit)
  }
  const sorted = orderBy(out, q, (x, k) => (x.ev as unknown as Obj)[k])
  return envelope(ctx, kind, sorted as unknown as Obj[], p, nodes, (o) => {
    const h = o as unknown as { te: StoredTrackedEntity; en: StoredEnrollment; ev: StoredEvent }
    return views.event(h.ev, h.en, h.te, nodes)
  })
}
