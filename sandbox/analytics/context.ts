/**
 * The analytics context (what /api/analytics reads) and its lazily built indexes, cached per
 * context object so repeated queries on large data sets do not rebuild them.
 */
import type { CompleteRegistration, DataValue, Dhis2Version, GeneratedData, MetadataStore, OrgUnit, OrgUnitGroup, OrgUnitGroupSet, StoredRelationship } from '../model'
import type { RowEnrollment, RowEvent } from './expression/evaluate'
import { dayOfIso } from './periods'

export interface AnalyticsContext {
  /** Metadata objects by DHIS2 collection name (dataElements, indicators, programIndicators, dataSets…). */
  metadata: MetadataStore
  orgUnits: OrgUnit[]
  orgUnitGroups: OrgUnitGroup[]
  orgUnitGroupSets: OrgUnitGroupSet[]
  trackedEntities: GeneratedData['trackedEntities']
  relationships: StoredRelationship[]
  dataValues: DataValue[]
  completeRegistrations: CompleteRegistration[]
  /** The current user's (data view) org units, for USER_ORGUNIT*. */
  userOrgUnits: string[]
  version: Dhis2Version
  /** ISO date used as "today" for relative periods and V{current_date}. */
  today: string
}

type Meta = Record<string, unknown> & { id: string }

const dayCache = new Map<string, number>()
/** Day number of an ISO date(-time), cached by its date part (dates repeat a lot). */
function dayOfStamp(stamp: string): number {
  const key = stamp.length > 10 ? stamp.slice(0, 10) : stamp
  let d = dayCache.get(key)
  if (d === undefined) {
    d = dayOfIso(key)
    dayCache.set(key, d)
  }
  return d
}

/** Stable counting sort by an integer day key (faster than Array.sort for ~10⁶ rows). */
function sortByDay<T>(rows: T[], day: (r: T) => number): T[] {
  if (rows.length < 2) return rows
  let min = Infinity
  let max = -Infinity
  for (const r of rows) {
    const d = day(r)
    if (d < min) min = d
    if (d > max) max = d
  }
  if (!Number.isFinite(min) || max - min > 200_000) return rows.sort((a, b) => day(a) - day(b))
  const counts = new Int32Array(max - min + 2)
  for (const r of rows) counts[day(r) - min + 1]++
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1]
  const out = new Array<T>(rows.length)
  for (const r of rows) out[counts[day(r) - min]++] = r
  return out
}

export class EventRow implements RowEvent {
  programStage: string
  occurredDay: number
  occurredAt: string
  orgUnit: string
  status: string
  private dv: { dataElement: string; value: string }[]
  constructor(
    ev: { programStage: string; occurredAt: string | null; orgUnit: string; status: string; dataValues: { dataElement: string; value: string }[] },
    readonly enrollment: EnrollmentRow,
  ) {
    this.programStage = ev.programStage
    this.occurredAt = ev.occurredAt ?? ''
    this.occurredDay = ev.occurredAt ? dayOfStamp(ev.occurredAt) : NaN
    this.orgUnit = ev.orgUnit
    this.status = ev.status
    this.dv = ev.dataValues ?? []
  }
  value(de: string): string | undefined {
    const dv = this.dv
    for (let i = 0; i < dv.length; i++) if (dv[i].dataElement === de) return dv[i].value
    return undefined
  }
}

export class EnrollmentRow implements RowEnrollment {
  enrolledDay: number
  incidentDay: number
  enrolledAt: string
  occurredAt: string
  completedAt?: string
  status: string
  orgUnit: string
  events: EventRow[] = []
  constructor(
    en: { enrolledAt: string | null; occurredAt: string | null; status: string; orgUnit: string; completedAt?: string },
    readonly trackedEntity: string,
    private attrs: { attribute: string; value: string }[],
    private rels: Map<string, Map<string, number>>,
  ) {
    this.enrolledAt = en.enrolledAt ?? ''
    this.occurredAt = en.occurredAt ?? en.enrolledAt ?? ''
    this.enrolledDay = this.enrolledAt ? dayOfStamp(this.enrolledAt) : NaN
    this.incidentDay = this.occurredAt ? dayOfStamp(this.occurredAt) : NaN
    this.completedAt = en.completedAt
    this.status = en.status
    this.orgUnit = en.orgUnit
  }
  attribute(id: string): string | undefined {
    for (const a of this.attrs) if (a.attribute === id) return a.value
    return undefined
  }
  relationshipCount(type?: string): number {
    const m = this.rels.get(this.trackedEntity)
    if (!m) return 0
    if (type) return m.get(type) ?? 0
    let n = 0
    for (const v of m.values()) n += v
    return n
  }
}

export interface ProgramRows {
  /** Non-deleted events sorted by event date. */
  events: EventRow[]
  /** Non-deleted enrollments sorted by enrollment date. */
  enrollments: EnrollmentRow[]
}

export interface Index {
  ouById: Map<string, OrgUnit>
  children: Map<string, OrgUnit[]>
  byLevel: Map<number, OrgUnit[]>
  groupById: Map<string, OrgUnitGroup>
  groupSetById: Map<string, OrgUnitGroupSet>
  /** metadata collection → id → object */
  meta: Map<string, Map<string, Meta>>
  levelByUid: Map<string, number>
  tracker?: Map<string, ProgramRows>
  dataValuesByDe?: Map<string, DataValue[]>
  registrationsByDs?: Map<string, CompleteRegistration[]>
  /** Per program indicator: cached per-row results (see engine). */
  piCache: Map<string, { pass: Uint8Array; values: Float64Array | null }>
  /** Per program indicator (EVENT, period-independent): the passing rows as typed columns. */
  piRows: Map<string, { days: Int32Array; ous: Int32Array; values: Float64Array | null }>
  /** Org unit id → position in ctx.orgUnits. */
  ouIndex: Map<string, number>
}

const cache = new WeakMap<AnalyticsContext, Index>()

export function indexOf(ctx: AnalyticsContext): Index {
  let ix = cache.get(ctx)
  if (ix) return ix
  const ouById = new Map<string, OrgUnit>()
  const children = new Map<string, OrgUnit[]>()
  const byLevel = new Map<number, OrgUnit[]>()
  for (const o of ctx.orgUnits) {
    ouById.set(o.id, o)
    if (o.parent) {
      const list = children.get(o.parent) ?? []
      list.push(o)
      children.set(o.parent, list)
    }
    const l = byLevel.get(o.level) ?? []
    l.push(o)
    byLevel.set(o.level, l)
  }
  const meta = new Map<string, Map<string, Meta>>()
  for (const [collection, list] of Object.entries(ctx.metadata ?? {})) {
    const m = new Map<string, Meta>()
    for (const o of list ?? []) m.set(o.id, o)
    meta.set(collection, m)
  }
  const levelByUid = new Map<string, number>()
  for (const l of (ctx.metadata?.organisationUnitLevels ?? []) as Meta[]) if (typeof l.level === 'number') levelByUid.set(l.id, l.level)
  ix = {
    ouById,
    children,
    byLevel,
    groupById: new Map(ctx.orgUnitGroups.map((g) => [g.id, g])),
    groupSetById: new Map(ctx.orgUnitGroupSets.map((g) => [g.id, g])),
    meta,
    levelByUid,
    piCache: new Map(),
    piRows: new Map(),
    ouIndex: new Map(ctx.orgUnits.map((o, i) => [o.id, i])),
  }
  cache.set(ctx, ix)
  return ix
}

/** Tracker rows by program (built on first use). */
export function trackerIndex(ctx: AnalyticsContext): Map<string, ProgramRows> {
  const ix = indexOf(ctx)
  if (ix.tracker) return ix.tracker
  const rels = new Map<string, Map<string, number>>()
  const bump = (te: string, type: string) => {
    let m = rels.get(te)
    if (!m) rels.set(te, (m = new Map()))
    m.set(type, (m.get(type) ?? 0) + 1)
  }
  for (const r of ctx.relationships) {
    if (r.deleted) continue
    bump(r.from, r.relationshipType)
    bump(r.to, r.relationshipType)
  }
  const out = new Map<string, ProgramRows>()
  for (const te of ctx.trackedEntities) {
    if (te.deleted) continue
    for (const en of te.enrollments) {
      if (en.deleted) continue
      let rows = out.get(en.program)
      if (!rows) out.set(en.program, (rows = { events: [], enrollments: [] }))
      const er = new EnrollmentRow(en as typeof en & { completedAt?: string }, te.trackedEntity, te.attributes, rels)
      rows.enrollments.push(er)
      for (const ev of en.events) {
        if (ev.deleted || !ev.occurredAt) continue
        const row = new EventRow(ev, er)
        er.events.push(row)
        rows.events.push(row)
      }
      if (er.events.length > 1) er.events.sort((a, b) => a.occurredDay - b.occurredDay)
    }
  }
  for (const rows of out.values()) {
    rows.events = sortByDay(rows.events, (e) => e.occurredDay)
    rows.enrollments = sortByDay(rows.enrollments, (e) => (Number.isNaN(e.enrolledDay) ? 0 : e.enrolledDay))
  }
  ix.tracker = out
  return out
}

export function dataValueIndex(ctx: AnalyticsContext): Map<string, DataValue[]> {
  const ix = indexOf(ctx)
  if (ix.dataValuesByDe) return ix.dataValuesByDe
  const m = new Map<string, DataValue[]>()
  for (const dv of ctx.dataValues) {
    const list = m.get(dv.dataElement)
    if (list) list.push(dv)
    else m.set(dv.dataElement, [dv])
  }
  ix.dataValuesByDe = m
  return m
}

export function registrationIndex(ctx: AnalyticsContext): Map<string, CompleteRegistration[]> {
  const ix = indexOf(ctx)
  if (ix.registrationsByDs) return ix.registrationsByDs
  const m = new Map<string, CompleteRegistration[]>()
  for (const r of ctx.completeRegistrations) {
    if (!r.completed) continue
    const list = m.get(r.dataSet)
    if (list) list.push(r)
    else m.set(r.dataSet, [r])
  }
  ix.registrationsByDs = m
  return m
}

/** Drop the cached indexes of a context (call after writes if the same context object is reused). */
export function invalidateAnalytics(ctx: AnalyticsContext): void {
  cache.delete(ctx)
}
