/**
 * Tolerant reader of tracker data (already unwrapped by src/data/tracker.ts into the 2.41 shape,
 * but still server data: anything may be missing or of the wrong type). It never throws: each
 * defect becomes a DataProblem with a code and the record ids, and the record is either repaired
 * (a value coerced, a bad date set to null) or skipped (no identifier, not an object).
 *
 * Well-formed records are passed through by reference (no copy), so reading 1 M events costs one
 * pass of checks, not a deep clone. The pass allocates nothing per well-formed record: no closure,
 * no refs object, no copied list (see docs/decisions/0351-pair-engine-performance.md).
 */
import type {
  TrackedEntity,
  TrackerDataValue,
  TrackerEnrollment,
  TrackerEvent,
  TrackerRelationship,
} from '../tracker'
import { dayNumber } from '../dates'
import { resolveVocabulary, type DataElementInfo, type StageInfo, type VocabularyIds } from '../vocabularyIds'
import { problem, type DataProblem, type ProblemCode, type ProblemRefs } from './problems'
import { UidTable } from './uidTable'

export interface ParseResult {
  entities: TrackedEntity[]
  /** Tracked-entity UID → index in `entities` (unique; lets the linker skip its own index). */
  index: Map<string, number>
  problems: DataProblem[]
}

const EVENT_STATUSES = new Set(['ACTIVE', 'COMPLETED', 'SCHEDULE', 'SKIPPED', 'OVERDUE', 'VISITED'])
const NUMERIC = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE'])

/** How a data element's value is checked (resolved once per reader, not per value). */
const TEXT = 0
const BOOLEAN = 1
const OPTION = 2
const NUMBER = 3
interface ValueCheck {
  code: string
  kind: typeof TEXT | typeof BOOLEAN | typeof OPTION | typeof NUMBER
  options: Set<string> | undefined
}
function valueCheckOf(de: DataElementInfo): ValueCheck {
  const vt = de.valueType
  const kind = vt === 'BOOLEAN' || vt === 'TRUE_ONLY' ? BOOLEAN : de.options !== undefined ? OPTION : NUMERIC.has(vt) ? NUMBER : TEXT
  return { code: de.code, kind, options: de.options }
}

/** A stage with the value checks of its own data elements. */
interface ReaderStage {
  info: StageInfo
  checks: UidTable<ValueCheck>
}

/**
 * Whether `+v` is a finite number and `v` is not blank (the NUMBER check). Plain decimals
 * (`-?digits[.digits]`, ≤ 15 characters: always finite) are recognised by a scan of their
 * characters; anything else takes the general conversion.
 */
export function isNumberText(v: string): boolean {
  const n = v.length
  if (n > 0 && n <= 15) {
    let i = v.charCodeAt(0) === 45 ? 1 : 0 // '-'
    let digits = 0
    let dot = false
    for (; i < n; i++) {
      const c = v.charCodeAt(i)
      if (c >= 48 && c <= 57) digits++
      else if (c === 46 && !dot) dot = true
      else break
    }
    if (i === n && digits > 0) return true
  }
  const x = +v
  return x === x && x !== Infinity && x !== -Infinity && v.trim() !== ''
}

type Rec = Record<string, unknown>
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x)
const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0
/** Short printable form of a bad value for a message (server text, bounded). */
function show(x: unknown): string {
  let s: string
  try {
    s = typeof x === 'string' ? x : JSON.stringify(x) ?? String(x)
  } catch {
    s = Object.prototype.toString.call(x)
  }
  return s.length > 40 ? `${s.slice(0, 40)}…` : s
}

/** A uid of the other end of a relationship, from the flattened or the wire shape. */
function relEnd(x: unknown): string | null {
  if (typeof x === 'string') return x.length > 0 ? x : null
  if (isRec(x)) {
    const te = x.trackedEntity
    if (typeof te === 'string') return te.length > 0 ? te : null
    if (isRec(te) && typeof te.trackedEntity === 'string' && te.trackedEntity.length > 0) return te.trackedEntity
  }
  return null
}

const idOf = (x: { enrollment: string } | { event: string }, key: 'enrollment' | 'event'): string => (x as Record<string, string>)[key]

class Reader {
  readonly problems: DataProblem[] = []
  readonly index = new Map<string, number>()
  count = 0
  /** Whether a repeated UID was met (from then on: a lookup before each insertion). */
  private sawDuplicate = false
  /** Value checks of every known data element, and per stage of its own data elements. */
  private readonly checks: UidTable<ValueCheck>
  private readonly stages: ReaderStage[] = []
  constructor(
    private readonly v: VocabularyIds,
    /** The records read so far (position = index value). */
    private readonly accepted: TrackedEntity[],
  ) {
    this.checks = new UidTable([...v.dataElements].map(([uid, de]) => [uid, valueCheckOf(de)] as const))
    for (const info of v.stages.values()) this.addStage(info)
  }

  private addStage(info: StageInfo): ReaderStage {
    const checks = new UidTable([...info.dataElementInfo].map(([uid, de]) => [uid, valueCheckOf(de)] as const))
    const stage = { info, checks }
    this.stages.push(stage)
    return stage
  }

  private stageOf(uid: string): ReaderStage | undefined {
    const info = this.v.stageOf(uid)
    if (info === undefined) return undefined
    for (let i = 0; i < this.stages.length; i++) if (this.stages[i].info === info) return this.stages[i]
    return this.addStage(info)
  }

  /**
   * The list without records whose id repeats an earlier one (within the same parent: paging
   * overlaps repeat whole tracked entities, which the entity set catches). Same array when unique.
   * Each dropped copy is reported (ENROLLMENT_DUPLICATE under `entity`, EVENT_DUPLICATE under
   * `entity` and `enrollment`).
   */
  dedupe<T extends { enrollment: string } | { event: string }>(list: T[], key: 'enrollment' | 'event', entity: string, enrollment?: string): T[] {
    const n = list.length
    if (n < 2) return list
    let dup = false
    if (n <= 32) {
      outer: for (let i = 1; i < n; i++) {
        const k = idOf(list[i], key)
        for (let j = 0; j < i; j++) {
          if (idOf(list[j], key) === k) {
            dup = true
            break outer
          }
        }
      }
    } else {
      const keys = new Set<string>()
      for (let i = 0; i < n; i++) keys.add(idOf(list[i], key))
      dup = keys.size < n
    }
    if (!dup) return list
    const seen = new Set<string>()
    const out: T[] = []
    for (const x of list) {
      const k = idOf(x, key)
      if (!seen.has(k)) {
        seen.add(k)
        out.push(x)
      } else if (key === 'enrollment') this.add('ENROLLMENT_DUPLICATE', { entity, enrollment: k })
      else this.add('EVENT_DUPLICATE', { entity, enrollment, event: k })
    }
    return out
  }

  add(code: ProblemCode, refs: ProblemRefs, params?: Record<string, string>): void {
    this.problems.push(problem(code, refs, params))
  }

  /** Record being read (refs are built only when a problem is reported). */
  private curEntity: string | undefined
  private curEnrollment: string | undefined
  private curEvent: string | undefined
  private here(): ProblemRefs {
    const r: ProblemRefs = {}
    if (this.curEntity !== undefined) r.entity = this.curEntity
    if (this.curEnrollment !== undefined) r.enrollment = this.curEnrollment
    if (this.curEvent !== undefined) r.event = this.curEvent
    return r
  }
  addHere(code: ProblemCode, params?: Record<string, string>): void {
    this.problems.push(problem(code, this.here(), params))
  }

  /**
   * Indexes a record's UID at the next position; false when the UID is already indexed (the index
   * is then unchanged). A Map of 200 000 UIDs costs about a microsecond per operation, so until a
   * first repeat is met this is one insertion whose size tells whether the UID was new; the repeat
   * gets its first position back (found once among the records read) and later UIDs are looked up
   * before insertion.
   */
  private indexed(id: string): boolean {
    if (this.sawDuplicate) {
      if (this.index.has(id)) return false
      this.index.set(id, this.count)
      return true
    }
    const size = this.index.size
    this.index.set(id, this.count)
    if (this.index.size > size) return true
    this.index.set(id, this.accepted.findIndex((te) => te.trackedEntity === id))
    this.sawDuplicate = true
    return false
  }

  // Lists below are read in place: the input array itself when every element is kept as it is
  // (nothing skipped or repaired), else a new array of the kept results from the first change on.

  entity(raw: unknown, index: number): TrackedEntity | null {
    if (!isRec(raw)) {
      this.add('ENTITY_INVALID', {}, { index: String(index + 1) })
      return null
    }
    const id = raw.trackedEntity
    if (!isId(id)) {
      this.add('ENTITY_MISSING_ID', {}, { index: String(index + 1) })
      return null
    }
    if (!this.indexed(id)) {
      this.add('ENTITY_DUPLICATE', { entity: id })
      return null
    }
    this.curEntity = id
    this.curEnrollment = undefined
    this.curEvent = undefined
    let clean = true
    let orgUnit = raw.orgUnit
    if (!isId(orgUnit)) {
      this.addHere('ENTITY_MISSING_ORG_UNIT')
      orgUnit = ''
      clean = false
    }
    let attributes: { attribute: string; value: string }[] = []
    const attrs = raw.attributes
    if (Array.isArray(attrs)) {
      attributes = this.attributes(attrs)
      if (attributes !== attrs) clean = false
    } else clean = false
    let enrollments: TrackerEnrollment[] = []
    const ens = raw.enrollments
    if (Array.isArray(ens)) {
      enrollments = this.dedupe(this.enrollments(ens, id), 'enrollment', id)
      if (enrollments !== ens) clean = false
    } else {
      if (ens !== undefined && ens !== null) this.addHere('ENROLLMENT_INVALID')
      clean = false
    }
    let relationships: TrackerRelationship[] = []
    const rels = raw.relationships
    if (Array.isArray(rels)) {
      relationships = this.relationships(rels, id)
      if (relationships !== rels) clean = false
    } else clean = false
    if (typeof raw.trackedEntityType !== 'string') clean = false
    if (raw.deleted !== undefined && typeof raw.deleted !== 'boolean') clean = false
    if (clean) return raw as unknown as TrackedEntity
    return {
      trackedEntity: id,
      trackedEntityType: typeof raw.trackedEntityType === 'string' ? raw.trackedEntityType : '',
      orgUnit: orgUnit as string,
      deleted: raw.deleted === true,
      attributes,
      enrollments,
      relationships,
    }
  }

  /** Attributes with a text value; numbers and booleans as text; anything else dropped. */
  attributes(list: unknown[]): { attribute: string; value: string }[] {
    let out: { attribute: string; value: string }[] | null = null
    for (let i = 0; i < list.length; i++) {
      const a = list[i]
      let y: { attribute: string; value: string } | null = null
      if (isRec(a) && isId(a.attribute)) {
        if (typeof a.value === 'string') y = a as { attribute: string; value: string }
        else if (typeof a.value === 'number' || typeof a.value === 'boolean') y = { attribute: a.attribute, value: String(a.value) }
      }
      if (out === null && y !== a) out = list.slice(0, i) as { attribute: string; value: string }[]
      if (out !== null && y !== null) out.push(y)
    }
    return out ?? (list as { attribute: string; value: string }[])
  }

  enrollments(list: unknown[], entity: string): TrackerEnrollment[] {
    let out: TrackerEnrollment[] | null = null
    for (let i = 0; i < list.length; i++) {
      const x = list[i]
      const y = this.enrollment(x, entity)
      if (out === null && (y as unknown) !== x) out = list.slice(0, i) as TrackerEnrollment[]
      if (out !== null && y !== null) out.push(y)
    }
    return out ?? (list as TrackerEnrollment[])
  }

  relationships(list: unknown[], entity: string): TrackerRelationship[] {
    let out: TrackerRelationship[] | null = null
    for (let i = 0; i < list.length; i++) {
      const x = list[i]
      const y = this.relationship(x, entity)
      if (out === null && (y as unknown) !== x) out = list.slice(0, i) as TrackerRelationship[]
      if (out !== null && y !== null) out.push(y)
    }
    return out ?? (list as TrackerRelationship[])
  }

  relationship(raw: unknown, entity: string): TrackerRelationship | null {
    if (!isRec(raw)) {
      this.add('RELATIONSHIP_INVALID', { entity })
      return null
    }
    const id = raw.relationship
    const from = relEnd(raw.from)
    const to = relEnd(raw.to)
    const type = raw.relationshipType
    if (!isId(id) || !isId(type) || from === null || to === null) {
      this.add('RELATIONSHIP_INVALID', { entity, ...(isId(id) ? { relationship: id } : {}) })
      return null
    }
    if (raw.from === from && raw.to === to && (raw.deleted === undefined || typeof raw.deleted === 'boolean')) return raw as unknown as TrackerRelationship
    return { relationship: id, relationshipType: type, from, to, deleted: raw.deleted === true }
  }

  /** An enrollment date: the text when it is a valid date, else null (a bad one is reported). */
  private enrollmentDate(x: unknown, field: 'occurredAt' | 'enrolledAt'): string | null {
    if (x === null || x === undefined || x === '') return null
    if (typeof x === 'string' && !Number.isNaN(dayNumber(x))) return x
    this.addHere('ENROLLMENT_BAD_DATE', { field, value: show(x) })
    return null
  }

  enrollment(raw: unknown, entity: string): TrackerEnrollment | null {
    if (!isRec(raw)) {
      this.add('ENROLLMENT_INVALID', { entity })
      return null
    }
    const id = raw.enrollment
    if (!isId(id)) {
      this.add('ENROLLMENT_MISSING_ID', { entity })
      return null
    }
    this.curEnrollment = id
    this.curEvent = undefined
    const program = typeof raw.program === 'string' ? raw.program : ''
    const known = program === this.v.motherProgram || program === this.v.infantProgram
    if (!known) this.addHere('ENROLLMENT_UNKNOWN_PROGRAM', { program: show(raw.program) })
    let clean = typeof raw.program === 'string' && typeof raw.orgUnit === 'string' && typeof raw.status === 'string'
    if (raw.deleted !== undefined && typeof raw.deleted !== 'boolean') clean = false
    // a missing date (null) is clean; absent, empty or invalid ones are repaired to null
    const rawOccurred = raw.occurredAt
    const occurredAt = this.enrollmentDate(rawOccurred, 'occurredAt')
    if (occurredAt === null && rawOccurred !== null) clean = false
    const rawEnrolled = raw.enrolledAt
    const enrolledAt = this.enrollmentDate(rawEnrolled, 'enrolledAt')
    if (enrolledAt === null && rawEnrolled !== null) clean = false
    if (occurredAt === null && known) {
      const infant = program === this.v.infantProgram
      this.addHere('ENROLLMENT_MISSING_INCIDENT_DATE', {
        what: infant ? 'date of birth' : 'date of last menstrual period',
        whatFr: infant ? 'date de naissance' : 'date des dernières règles',
      })
    }
    let events: TrackerEvent[] = []
    if (Array.isArray(raw.events)) {
      events = this.events(raw.events, entity, id, program)
      this.curEvent = undefined
      events = this.dedupe(events, 'event', entity, id)
      if (events !== raw.events) clean = false
    } else clean = false
    this.curEnrollment = undefined
    if (clean) return raw as unknown as TrackerEnrollment
    return {
      enrollment: id,
      program,
      orgUnit: typeof raw.orgUnit === 'string' ? raw.orgUnit : '',
      enrolledAt,
      occurredAt,
      status: typeof raw.status === 'string' ? raw.status : 'ACTIVE',
      deleted: raw.deleted === true,
      events,
    }
  }

  events(list: unknown[], entity: string, enrollment: string, program: string): TrackerEvent[] {
    let out: TrackerEvent[] | null = null
    for (let i = 0; i < list.length; i++) {
      const x = list[i]
      const y = this.event(x, entity, enrollment, program)
      if (out === null && (y as unknown) !== x) out = list.slice(0, i) as TrackerEvent[]
      if (out !== null && y !== null) out.push(y)
    }
    return out ?? (list as TrackerEvent[])
  }

  event(raw: unknown, entity: string, enrollment: string, program: string): TrackerEvent | null {
    if (!isRec(raw)) {
      this.add('EVENT_INVALID', { entity, enrollment })
      return null
    }
    const id = raw.event
    if (!isId(id)) {
      this.add('EVENT_MISSING_ID', { entity, enrollment })
      return null
    }
    this.curEvent = id
    let clean = true
    // stage
    const stageUid = raw.programStage
    let stage: ReaderStage | undefined
    if (typeof stageUid === 'string') stage = this.stageOf(stageUid)
    else clean = false
    if (stage === undefined || stage.info.programUid !== program) {
      stage = undefined
      if (program === this.v.motherProgram || program === this.v.infantProgram) this.addHere('EVENT_UNKNOWN_STAGE', { stage: show(stageUid) })
    }
    // status
    let status = raw.status
    if (status !== 'COMPLETED' && status !== 'ACTIVE' && (typeof status !== 'string' || !EVENT_STATUSES.has(status))) {
      this.addHere('EVENT_BAD_STATUS', { value: show(status) })
      status = 'ACTIVE'
      clean = false
    }
    const counted = status === 'ACTIVE' || status === 'COMPLETED'
    // date
    let occurredAt: string | null = null
    const d = raw.occurredAt
    if (d === null || d === undefined || d === '') {
      if (counted && stage) this.addHere('EVENT_MISSING_DATE')
      if (d !== null) clean = false
    } else if (typeof d === 'string' && !Number.isNaN(dayNumber(d))) {
      occurredAt = d
    } else {
      this.addHere('EVENT_BAD_DATE', { value: show(d) })
      clean = false
    }
    // org unit
    let orgUnit = raw.orgUnit
    if (!isId(orgUnit)) {
      if (counted && stage) this.addHere('EVENT_MISSING_ORG_UNIT')
      orgUnit = ''
      clean = false
    }
    if (raw.deleted !== undefined && typeof raw.deleted !== 'boolean') clean = false
    // values
    let values: TrackerDataValue[]
    const dvs = raw.dataValues
    if (Array.isArray(dvs)) {
      const checked = this.values(dvs, stage)
      if (checked !== dvs) clean = false
      values = checked
    } else {
      if (dvs !== undefined && dvs !== null) this.addHere('VALUE_INVALID')
      values = []
      clean = false
    }
    if (clean) return raw as unknown as TrackerEvent
    return {
      event: id,
      programStage: typeof stageUid === 'string' ? stageUid : '',
      orgUnit: orgUnit as string,
      occurredAt,
      status: status as string,
      deleted: raw.deleted === true,
      dataValues: values,
    }
  }

  /** The checked values: the same array when every entry is well-formed, else a repaired copy. */
  values(dvs: unknown[], stage: ReaderStage | undefined): TrackerDataValue[] {
    let out: TrackerDataValue[] | null = null
    for (let i = 0; i < dvs.length; i++) {
      const dv = dvs[i]
      let keep: TrackerDataValue | null = null
      if (isRec(dv) && isId(dv.dataElement)) {
        const value = dv.value
        if (typeof value === 'string') {
          keep = dv as unknown as TrackerDataValue
        } else if (typeof value === 'number' || typeof value === 'boolean') {
          keep = { dataElement: dv.dataElement, value: String(value) }
          this.addHere('VALUE_NOT_TEXT', { dataElement: this.deName(dv.dataElement), type: typeof value, value: keep.value })
        } else if (value === null || value === undefined) {
          keep = null // a missing value: nothing to keep, no problem
        } else {
          this.addHere('VALUE_INVALID')
        }
        if (keep !== null && keep.value !== '' && stage) this.checkValue(keep, stage)
      } else {
        this.addHere('VALUE_INVALID')
      }
      if (keep !== dv && out === null) out = dvs.slice(0, i) as TrackerDataValue[]
      if (out !== null && keep !== null) out.push(keep)
    }
    return out ?? (dvs as TrackerDataValue[])
  }

  private deName(uid: string): string {
    return this.v.dataElements.get(uid)?.code ?? show(uid)
  }

  private checkValue(dv: TrackerDataValue, stage: ReaderStage): void {
    let check = stage.checks.get(dv.dataElement)
    if (check === undefined) {
      check = this.checks.get(dv.dataElement)
      if (check === undefined) {
        this.addHere('VALUE_UNKNOWN_DATA_ELEMENT', { dataElement: show(dv.dataElement) })
        return
      }
      this.addHere('VALUE_DATA_ELEMENT_NOT_IN_STAGE', { dataElement: check.code })
    }
    const v = dv.value
    switch (check.kind) {
      case BOOLEAN:
        if (v !== 'true' && v !== 'false') this.addHere('VALUE_NOT_BOOLEAN', { dataElement: check.code, value: show(v) })
        break
      case OPTION:
        if (!check.options!.has(v)) this.addHere('VALUE_UNKNOWN_OPTION', { dataElement: check.code, value: show(v) })
        break
      case NUMBER:
        if (!isNumberText(v)) this.addHere('VALUE_NOT_NUMBER', { dataElement: check.code, value: show(v) })
        break
    }
  }
}

/** The list of tracked entities in a payload: a list, or `{trackedEntities}` / `{instances}`. */
function listOf(raw: unknown): unknown[] | null {
  if (Array.isArray(raw)) return raw
  if (isRec(raw)) {
    if (Array.isArray(raw.trackedEntities)) return raw.trackedEntities
    if (Array.isArray(raw.instances)) return raw.instances
  }
  return null
}

export function parseTrackedEntities(raw: unknown, vocabulary: VocabularyIds = resolveVocabulary()): ParseResult {
  const entities: TrackedEntity[] = []
  const reader = new Reader(vocabulary, entities)
  const list = listOf(raw)
  if (list === null) {
    reader.add('PAYLOAD_NOT_A_LIST', {})
    return { entities, index: reader.index, problems: reader.problems }
  }
  for (let i = 0; i < list.length; i++) {
    try {
      const te = reader.entity(list[i], i)
      if (te) {
        entities.push(te)
        reader.count++
      }
    } catch {
      // Defensive: a getter or proxy in the input could throw; the record is skipped, not the batch.
      reader.add('ENTITY_INVALID', {}, { index: String(i + 1) })
      if (entities.length < reader.count + 1) {
        // the entity was indexed before failing: drop its index entry
        for (const [k, n] of reader.index) if (n === reader.count) reader.index.delete(k)
      }
    }
  }
  return { entities, index: reader.index, problems: reader.problems }
}
