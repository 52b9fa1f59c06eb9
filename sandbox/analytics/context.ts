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

/**
 * Day number of an ISO date(-time) from its first 10 characters, parsed without allocation
 * (≈ 10⁶ calls when the index is built); anything not shaped yyyy-mm-dd goes through dayOfIso.
 */
export function dayOfStamp(stamp: string): number {
  if (stamp.length < 10 || stamp.charCodeAt(4) !== 45 || stamp.charCodeAt(7) !== 45) return dayOfIso(stamp.slice(0, 10))
  let y = 0
  for (let i = 0; i < 4; i++) {
    const c = stamp.charCodeAt(i) - 48
    if (c < 0 || c > 9) return dayOfIso(stamp.slice(0, 10))
    y = y * 10 + c
  }
  const m1 = stamp.charCodeAt(5) - 48
  const m2 = stamp.charCodeAt(6) - 48
  const d1 = stamp.charCodeAt(8) - 48
  const d2 = stamp.charCodeAt(9) - 48
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return dayOfIso(stamp.slice(0, 10))
  const m = m1 * 10 + m2
  const d = d1 * 10 + d2
  if (m < 1 || m > 12) return dayOfIso(stamp.slice(0, 10))
  // days from civil (proleptic Gregorian), identical to Date.UTC for these fields
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
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
  /** Raw enrollment object → its EnrollmentRow (with tracker). */
  enrollmentRowOf?: WeakMap<object, EnrollmentRow>
  columns?: Map<string, ProgramColumns>
  relationshipCounts?: Map<string, Map<string, number>>
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
  const rels = relationshipCounts(ctx)
  const out = new Map<string, ProgramRows>()
  const byRaw = new WeakMap<object, EnrollmentRow>()
  for (const te of ctx.trackedEntities) {
    if (te.deleted) continue
    for (const en of te.enrollments) {
      if (en.deleted) continue
      let rows = out.get(en.program)
      if (!rows) out.set(en.program, (rows = { events: [], enrollments: [] }))
      const er = new EnrollmentRow(en as typeof en & { completedAt?: string }, te.trackedEntity, te.attributes, rels)
      rows.enrollments.push(er)
      byRaw.set(en, er)
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
  ix.enrollmentRowOf = byRaw
  return out
}

/** Tracked entity → relationship type → count of non-deleted relationships (either side). */
function relationshipCounts(ctx: AnalyticsContext): Map<string, Map<string, number>> {
  const ix = indexOf(ctx)
  if (ix.relationshipCounts) return ix.relationshipCounts
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
  ix.relationshipCounts = rels
  return rels
}

// ----------------------------------------------------------------------------------------
// Columnar index (the fast path of EVENT program indicators)
// ----------------------------------------------------------------------------------------

type RawEnrollment = AnalyticsContext['trackedEntities'][number]['enrollments'][number] & { completedAt?: string }
type RawEvent = RawEnrollment['events'][number]

/**
 * One program's non-deleted events (with an event date) in stored order, as typed columns, so a
 * pass over a stage touches memory sequentially and allocates nothing per event. Data values are
 * resolved into per-(stage, data element) columns on demand (`stageValues`).
 */
export interface ProgramColumns {
  events: RawEvent[]
  /** Per event: enrollment index, day number, org-unit index (-1 unknown), stage index, position within its stage. */
  enr: Int32Array
  day: Int32Array
  ou: Int32Array
  stage: Int32Array
  stagePos: Int32Array
  stageIds: string[]
  /** Stage id → its events' indices, ascending. */
  byStage: Map<string, Int32Array>
  enrollments: RawEnrollment[]
  enrTe: string[]
  enrAttrs: Array<{ attribute: string; value: string }[]>
  enrolledDay: Float64Array
  incidentDay: Float64Array
  /** Stage id → data element → raw values of the stage's events (by position in the stage). */
  values: Map<string, Map<string, ValueColumn>>
}

export function columnIndex(ctx: AnalyticsContext): Map<string, ProgramColumns> {
  const ix = indexOf(ctx)
  if (ix.columns) return ix.columns
  // Upper bounds first (array lengths only, no event is read), so each typed column is
  // allocated once; then one pass in stored order fills them (trimmed views at the end).
  type Build = { cols: ProgramColumns; n: number; stageIx: Map<string, number>; counts: number[] }
  const bound = new Map<string, number>()
  for (const te of ctx.trackedEntities) for (const en of te.enrollments) bound.set(en.program, (bound.get(en.program) ?? 0) + en.events.length)
  const builds = new Map<string, Build>()
  const enrolledDays = new Map<string, number[]>()
  const incidentDays = new Map<string, number[]>()
  for (const te of ctx.trackedEntities) {
    if (te.deleted) continue
    for (const en of te.enrollments as RawEnrollment[]) {
      if (en.deleted) continue
      let b = builds.get(en.program)
      if (!b) {
        const cap = bound.get(en.program) ?? 0
        const cols: ProgramColumns = {
          events: [],
          enr: new Int32Array(cap),
          day: new Int32Array(cap),
          ou: new Int32Array(cap),
          stage: new Int32Array(cap),
          stagePos: new Int32Array(cap),
          stageIds: [],
          byStage: new Map(),
          enrollments: [],
          enrTe: [],
          enrAttrs: [],
          enrolledDay: new Float64Array(0),
          incidentDay: new Float64Array(0),
          values: new Map(),
        }
        builds.set(en.program, (b = { cols, n: 0, stageIx: new Map(), counts: [] }))
        enrolledDays.set(en.program, [])
        incidentDays.set(en.program, [])
      }
      const c = b.cols
      const k = c.enrollments.length
      c.enrollments.push(en)
      c.enrTe.push(te.trackedEntity)
      c.enrAttrs.push(te.attributes)
      const enrolledAt = en.enrolledAt ?? ''
      const occurredAt = en.occurredAt ?? en.enrolledAt ?? ''
      enrolledDays.get(en.program)!.push(enrolledAt ? dayOfStamp(enrolledAt) : NaN)
      incidentDays.get(en.program)!.push(occurredAt ? dayOfStamp(occurredAt) : NaN)
      for (const ev of en.events) {
        if (ev.deleted || !ev.occurredAt) continue
        let st = b.stageIx.get(ev.programStage)
        if (st === undefined) {
          st = c.stageIds.length
          b.stageIx.set(ev.programStage, st)
          c.stageIds.push(ev.programStage)
          b.counts.push(0)
        }
        const i = b.n++
        c.events.push(ev)
        c.enr[i] = k
        c.day[i] = dayOfStamp(ev.occurredAt)
        c.ou[i] = ix.ouIndex.get(ev.orgUnit) ?? -1
        c.stage[i] = st
        c.stagePos[i] = b.counts[st]++
      }
    }
  }
  for (const [program, b] of builds) {
    const c = b.cols
    c.enr = c.enr.subarray(0, b.n)
    c.day = c.day.subarray(0, b.n)
    c.ou = c.ou.subarray(0, b.n)
    c.stage = c.stage.subarray(0, b.n)
    c.stagePos = c.stagePos.subarray(0, b.n)
    c.enrolledDay = Float64Array.from(enrolledDays.get(program)!)
    c.incidentDay = Float64Array.from(incidentDays.get(program)!)
  }
  const out = new Map<string, ProgramColumns>()
  for (const [program, b] of builds) {
    const c = b.cols
    const lists = c.stageIds.map((_, s) => new Int32Array(b.counts[s]))
    for (let i = 0; i < b.n; i++) lists[c.stage[i]][c.stagePos[i]] = i
    c.stageIds.forEach((id, s) => c.byStage.set(id, lists[s]))
    out.set(program, c)
  }
  ix.columns = out
  return out
}

/** Dictionary-encoded raw values of one data element over a stage's events (code 0 = no value). */
export interface ValueColumn {
  codes: Int32Array
  dict: Array<string | undefined>
}

/**
 * The value columns of `des` for a stage's events (built for the missing ones in one scan of the
 * stage's events). A value is the event's first data value of that data element, as EventRow.value.
 */
export function stageValues(cols: ProgramColumns, stage: string, des: Iterable<string>): Map<string, ValueColumn> {
  let m = cols.values.get(stage)
  if (!m) cols.values.set(stage, (m = new Map()))
  const missing = [...new Set(des)].filter((d) => !m!.has(d))
  const positions = cols.byStage.get(stage)
  if (missing.length === 0 || !positions) return m
  const n = positions.length
  const slot = new Map<string, { col: ValueColumn; codeOf: Map<string, number> }>()
  for (const de of missing) {
    const col: ValueColumn = { codes: new Int32Array(n), dict: [undefined] }
    slot.set(de, { col, codeOf: new Map() })
    m.set(de, col)
  }
  const events = cols.events
  for (let j = 0; j < n; j++) {
    const dvs = events[positions[j]].dataValues
    if (!dvs) continue
    // backwards, so that the first data value of an element wins
    for (let k = dvs.length - 1; k >= 0; k--) {
      const dv = dvs[k]
      const sl = slot.get(dv.dataElement)
      if (sl === undefined) continue
      let code = sl.codeOf.get(dv.value)
      if (code === undefined) {
        code = sl.col.dict.length
        sl.col.dict.push(dv.value)
        sl.codeOf.set(dv.value, code)
      }
      sl.col.codes[j] = code
    }
  }
  return m
}

/** A reusable event row over ProgramColumns (no allocation per event; raw fields read lazily). */
export class EventCursor implements RowEvent {
  programStage = ''
  occurredDay = 0
  private i = 0
  private pos = 0
  private stageCols: Map<string, ValueColumn> | null = null
  constructor(private cols: ProgramColumns) {}
  /** Point at event i (with its stage's value columns when the pass is over one stage). */
  at(i: number, stageCols: Map<string, ValueColumn> | null): void {
    const c = this.cols
    this.i = i
    this.programStage = c.stageIds[c.stage[i]]
    this.occurredDay = c.day[i]
    this.pos = c.stagePos[i]
    this.stageCols = stageCols
  }
  get occurredAt(): string {
    return this.cols.events[this.i].occurredAt ?? ''
  }
  get orgUnit(): string {
    return this.cols.events[this.i].orgUnit
  }
  get status(): string {
    return this.cols.events[this.i].status
  }
  value(de: string): string | undefined {
    const col = this.stageCols?.get(de)
    if (col !== undefined) return col.dict[col.codes[this.pos]]
    const dv = this.cols.events[this.i].dataValues ?? []
    for (let k = 0; k < dv.length; k++) if (dv[k].dataElement === de) return dv[k].value
    return undefined
  }
}

/** A reusable enrollment row over ProgramColumns (raw fields read lazily). */
export class EnrollmentCursor implements RowEnrollment {
  private k = 0
  constructor(
    private ctx: AnalyticsContext,
    private cols: ProgramColumns,
  ) {}
  at(k: number): void {
    this.k = k
  }
  get enrolledDay(): number {
    return this.cols.enrolledDay[this.k]
  }
  get incidentDay(): number {
    return this.cols.incidentDay[this.k]
  }
  get enrolledAt(): string {
    return this.cols.enrollments[this.k].enrolledAt ?? ''
  }
  get occurredAt(): string {
    const en = this.cols.enrollments[this.k]
    return en.occurredAt ?? en.enrolledAt ?? ''
  }
  get completedAt(): string | undefined {
    return this.cols.enrollments[this.k].completedAt
  }
  get status(): string {
    return this.cols.enrollments[this.k].status
  }
  get orgUnit(): string {
    return this.cols.enrollments[this.k].orgUnit
  }
  get trackedEntity(): string {
    return this.cols.enrTe[this.k]
  }
  /** The enrollment's events as rows (materialises the object rows; not used by EVENT expressions). */
  get events(): RowEvent[] {
    trackerIndex(this.ctx)
    return indexOf(this.ctx).enrollmentRowOf?.get(this.cols.enrollments[this.k])?.events ?? []
  }
  attribute(id: string): string | undefined {
    for (const a of this.cols.enrAttrs[this.k] ?? []) if (a.attribute === id) return a.value
    return undefined
  }
  relationshipCount(type?: string): number {
    const m = relationshipCounts(this.ctx).get(this.cols.enrTe[this.k])
    if (!m) return 0
    if (type) return m.get(type) ?? 0
    let n = 0
    for (const v of m.values()) n += v
    return n
  }
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
