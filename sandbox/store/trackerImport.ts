/**
 * POST /api/tracker: flattens the nested payload (trackedEntities → enrollments → events, plus
 * top-level enrollments, events and relationships), validates each object like DHIS2's tracker
 * validation hooks (best-known error codes), then commits (atomicMode ALL: all or nothing;
 * OBJECT: valid objects whose parents are valid) and answers with the tracker import report.
 */
import type { SandboxUser } from '../model'
import type { Store } from './store'
import type { StoredEnrollment, StoredEvent, StoredTrackedEntity } from './types'
import { uidRandom } from './uidRandom'
import { checkValue } from './values'
import { UID_RE } from './metadataImport'
import { registerReplayer } from './writeOps'

type Obj = Record<string, unknown>
type TrackerType = 'TRACKED_ENTITY' | 'ENROLLMENT' | 'EVENT' | 'RELATIONSHIP'

export interface TrackerParams {
  importMode: 'COMMIT' | 'VALIDATE'
  importStrategy: 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE'
  atomicMode: 'ALL' | 'OBJECT'
  reportMode: 'ERRORS' | 'WARNINGS' | 'FULL'
}

export class TrackerParamError extends Error {}

export function parseTrackerParams(p: Record<string, string>): TrackerParams {
  const pick = (key: string, values: string[], fallback: string): string => {
    const v = p[key]
    if (v === undefined || v === '') return fallback
    if (!values.includes(v.toUpperCase())) throw new TrackerParamError(`Value '${v}' is not valid for parameter ${key}. Valid values are: [${values.join(', ')}]`)
    return v.toUpperCase()
  }
  return {
    importMode: pick('importMode', ['COMMIT', 'VALIDATE'], 'COMMIT') as TrackerParams['importMode'],
    importStrategy: pick('importStrategy', ['CREATE_AND_UPDATE', 'CREATE', 'UPDATE', 'DELETE'], 'CREATE_AND_UPDATE') as TrackerParams['importStrategy'],
    atomicMode: pick('atomicMode', ['ALL', 'OBJECT'], 'ALL') as TrackerParams['atomicMode'],
    reportMode: pick('reportMode', ['ERRORS', 'WARNINGS', 'FULL'], 'ERRORS') as TrackerParams['reportMode'],
  }
}

interface ErrorReport {
  message: string
  errorCode: string
  trackerType: TrackerType
  uid: string
}

interface Entry {
  type: TrackerType
  index: number
  uid: string
  obj: Obj
  /** UID of the parent object that must be valid for this one to be persisted. */
  parent?: { type: TrackerType; uid: string }
  exists: boolean
  errors: ErrorReport[]
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** Fill missing UIDs in place (the server generates them) and flatten to entries. */
function flatten(body: Obj): Entry[] {
  const entries: Entry[] = []
  const counters: Record<TrackerType, number> = { TRACKED_ENTITY: 0, ENROLLMENT: 0, EVENT: 0, RELATIONSHIP: 0 }
  const key: Record<TrackerType, string> = { TRACKED_ENTITY: 'trackedEntity', ENROLLMENT: 'enrollment', EVENT: 'event', RELATIONSHIP: 'relationship' }
  const add = (type: TrackerType, obj: Obj, parent?: Entry['parent']) => {
    if (obj[key[type]] === undefined || obj[key[type]] === null || obj[key[type]] === '') obj[key[type]] = uidRandom()
    const e: Entry = { type, index: counters[type]++, uid: String(obj[key[type]]), obj, parent, exists: false, errors: [] }
    entries.push(e)
    return e
  }
  const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x)) : [])
  const addEvents = (events: unknown, en?: Entry) => {
    for (const ev of arr(events)) {
      if (en && !ev.enrollment) ev.enrollment = en.uid
      add('EVENT', ev, en ? { type: 'ENROLLMENT', uid: en.uid } : undefined)
    }
  }
  const addEnrollments = (enrollments: unknown, te?: Entry) => {
    for (const en of arr(enrollments)) {
      if (te && !en.trackedEntity) en.trackedEntity = te.uid
      const e = add('ENROLLMENT', en, te ? { type: 'TRACKED_ENTITY', uid: te.uid } : undefined)
      addEvents(en.events, e)
    }
  }
  for (const te of arr(body.trackedEntities)) {
    const e = add('TRACKED_ENTITY', te)
    addEnrollments(te.enrollments, e)
    for (const r of arr(te.relationships)) add('RELATIONSHIP', r)
  }
  addEnrollments(body.enrollments)
  addEvents(body.events)
  for (const r of arr(body.relationships)) add('RELATIONSHIP', r)
  return entries
}

const LABEL: Record<TrackerType, string> = { TRACKED_ENTITY: 'TrackedEntity', ENROLLMENT: 'Enrollment', EVENT: 'Event', RELATIONSHIP: 'Relationship' }

export interface TrackerImportResult {
  status: 'OK' | 'ERROR' | 'WARNING'
  report: Obj
  committed: boolean
}

export function importTracker(store: Store, body: unknown, params: TrackerParams, user: SandboxUser): TrackerImportResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new TrackerParamError('Tracker payload must be a JSON object')
  const entries = flatten(body as Obj)
  const payload = new Map<string, Entry>()
  for (const e of entries) payload.set(`${e.type}:${e.uid}`, e)
  const strategy = params.importStrategy
  const isAll = user.authorities.includes('ALL')
  const captureRoots = user.organisationUnits
  const inCapture = (ou: string) => {
    if (isAll) return true
    const o = store.get('organisationUnits', ou)
    return !!o && captureRoots.some((r) => String(o.path).split('/').includes(r))
  }
  const err = (e: Entry, errorCode: string, message: string) => e.errors.push({ message, errorCode, trackerType: e.type, uid: e.uid })

  for (const e of entries) {
    const o = e.obj
    if (!UID_RE.test(e.uid)) {
      err(e, 'E1048', `Object: \`${e.uid}\`, uid: \`${e.uid}\`, has an invalid uid format.`)
      continue
    }
    e.exists = e.type === 'TRACKED_ENTITY' ? store.trackedEntities.has(e.uid) : e.type === 'ENROLLMENT' ? store.enrollments.has(e.uid) : e.type === 'EVENT' ? store.events.has(e.uid) : store.relationships.has(e.uid)
    if (strategy === 'CREATE' && e.exists) {
      err(e, { TRACKED_ENTITY: 'E1002', ENROLLMENT: 'E1080', EVENT: 'E1030', RELATIONSHIP: 'E4015' }[e.type], `${LABEL[e.type]}: \`${e.uid}\`, already exists.`)
      continue
    }
    if ((strategy === 'UPDATE' || strategy === 'DELETE') && !e.exists) {
      err(e, { TRACKED_ENTITY: 'E1063', ENROLLMENT: 'E1081', EVENT: 'E1032', RELATIONSHIP: 'E4016' }[e.type], `${LABEL[e.type]}: \`${e.uid}\`, does not exist.`)
      continue
    }
    if (strategy === 'DELETE') continue
    const ouCheck = (code: string, what: string) => {
      const ou = str(o.orgUnit)
      if (!ou || !store.get('organisationUnits', ou)) err(e, code, `Could not find OrganisationUnit: \`${ou ?? ''}\`, linked to ${what}.`)
      else if (!inCapture(ou)) err(e, 'E1000', `User: \`${user.username}\`, has no write access to OrganisationUnit: \`${ou}\`.`)
    }
    switch (e.type) {
      case 'TRACKED_ENTITY': {
        ouCheck('E1049', 'Tracked Entity')
        const tet = str(o.trackedEntityType)
        if (!tet || !store.get('trackedEntityTypes', tet)) err(e, 'E1005', `Could not find TrackedEntityType: \`${tet ?? ''}\`.`)
        for (const a of (Array.isArray(o.attributes) ? o.attributes : []) as Obj[]) {
          const id = str(a.attribute)
          const meta = id ? store.get('trackedEntityAttributes', id) : undefined
          if (!meta) err(e, 'E1006', `Attribute: \`${id ?? ''}\`, does not exist.`)
          else if (a.value !== null && a.value !== undefined && a.value !== '') {
            const why = checkValue(store, meta, String(a.value))
            if (why) err(e, 'E1007', `Error validating attribute value type: \`${id}\`; Error: \`${why}\`.`)
          }
        }
        break
      }
      case 'ENROLLMENT': {
        ouCheck('E1070', 'Enrollment')
        const program = str(o.program)
        const p = program ? store.get('programs', program) : undefined
        if (!p) err(e, 'E1069', `Could not find Program: \`${program ?? ''}\`, linked to Enrollment.`)
        else if (p.programType === 'WITHOUT_REGISTRATION') err(e, 'E1014', `Provided Program: \`${program}\`, is a Program without registration. An Enrollment cannot be created into Program without registration.`)
        const te = str(o.trackedEntity)
        if (!te || (!store.trackedEntities.has(te) && !payload.has(`TRACKED_ENTITY:${te}`))) err(e, 'E1068', `Could not find TrackedEntity: \`${te ?? ''}\`, linked to Enrollment.`)
        if (!str(o.enrolledAt)) err(e, 'E1025', 'Property enrolledAt is null.')
        if (o.status !== undefined && !['ACTIVE', 'COMPLETED', 'CANCELLED'].includes(String(o.status))) err(e, 'E1025', `Invalid enrollment status: \`${String(o.status)}\`.`)
        break
      }
      case 'EVENT': {
        ouCheck('E1011', 'Event')
        const stageId = str(o.programStage)
        const stage = stageId ? store.get('programStages', stageId) : undefined
        if (!stage) err(e, 'E1013', `Could not find ProgramStage: \`${stageId ?? ''}\`, linked to Event.`)
        const programOfStage = (stage?.program as { id?: string } | undefined)?.id
        if (stage && o.program && programOfStage && o.program !== programOfStage) err(e, 'E1089', `Event: \`${e.uid}\`, references a Program Stage \`${stageId}\` that does not belong to Program \`${String(o.program)}\`.`)
        const en = str(o.enrollment)
        if (!en) err(e, 'E1033', `Event: \`${e.uid}\`, Enrollment value is NULL.`)
        else if (!store.enrollments.has(en) && !payload.has(`ENROLLMENT:${en}`)) err(e, 'E1079', `Could not find Enrollment: \`${en}\`, linked to Event.`)
        const status = String(o.status ?? 'ACTIVE')
        if (!['ACTIVE', 'COMPLETED', 'VISITED', 'SCHEDULE', 'OVERDUE', 'SKIPPED'].includes(status)) err(e, 'E1305', `Invalid event status: \`${status}\`.`)
        if (['ACTIVE', 'COMPLETED', 'VISITED'].includes(status) && !str(o.occurredAt)) err(e, 'E1031', 'Event OccurredAt date is missing.')
        const psdes = new Set(((stage?.programStageDataElements as Array<{ dataElement?: { id?: string } }>) ?? []).map((x) => x.dataElement?.id).filter(Boolean) as string[])
        for (const dv of (Array.isArray(o.dataValues) ? o.dataValues : []) as Obj[]) {
          const id = str(dv.dataElement)
          const meta = id ? store.get('dataElements', id) : undefined
          if (!meta) err(e, 'E1304', `Data element: \`${id ?? ''}\` is not a valid data element.`)
          else if (stage && psdes.size && !psdes.has(id!)) err(e, 'E1305', `Data element: \`${id}\` cannot be assigned to program stage \`${stageId}\`.`)
          else if (dv.value !== null && dv.value !== undefined && dv.value !== '') {
            const why = checkValue(store, meta, String(dv.value))
            if (why) err(e, 'E1302', `Data element: \`${id}\` value is not valid: \`${why}\`.`)
          }
        }
        break
      }
      case 'RELATIONSHIP': {
        const rt = str(o.relationshipType)
        if (!rt || !store.get('relationshipTypes', rt)) err(e, 'E4006', `Could not find relationship Type: \`${rt ?? ''}\`.`)
        for (const side of ['from', 'to'] as const) {
          const item = o[side] as Obj | undefined
          const te = item && typeof item === 'object' ? (typeof item.trackedEntity === 'string' ? item.trackedEntity : str((item.trackedEntity as Obj | undefined)?.trackedEntity)) : undefined
          if (!item || Object.keys(item).length !== 1 || !('trackedEntity' in item)) err(e, 'E4001', `Relationship Item \`${side}\` for Relationship \`${e.uid}\` is invalid: the sandbox stores tracked entity to tracked entity relationships only, and an item links exactly one tracked entity.`)
          else if (!te || (!store.trackedEntities.has(te) && !payload.has(`TRACKED_ENTITY:${te}`))) err(e, 'E4012', `Could not find \`trackedEntity\`: \`${te ?? ''}\`, linked to Relationship.`)
        }
        break
      }
    }
  }
  // children of invalid parents cannot be persisted
  const invalid = new Set(entries.filter((e) => e.errors.length).map((e) => `${e.type}:${e.uid}`))
  let changed = true
  while (changed) {
    changed = false
    for (const e of entries) {
      if (e.errors.length || !e.parent || !invalid.has(`${e.parent.type}:${e.parent.uid}`)) continue
      err(e, 'E5000', `\`${e.type}\` \`${e.uid}\` cannot be persisted because \`${e.parent.type}\` \`${e.parent.uid}\` referenced by it cannot be persisted.`)
      invalid.add(`${e.type}:${e.uid}`)
      changed = true
    }
  }
  const failed = entries.some((e) => e.errors.length)
  const atomicFail = failed && params.atomicMode === 'ALL'
  const commit = params.importMode === 'COMMIT' && !atomicFail
  const stats = { created: 0, updated: 0, deleted: 0, ignored: 0, total: 0 }
  const typeStats = new Map<TrackerType, typeof stats>()
  const now = store.now()
  const order: TrackerType[] = strategy === 'DELETE' ? ['RELATIONSHIP', 'EVENT', 'ENROLLMENT', 'TRACKED_ENTITY'] : ['TRACKED_ENTITY', 'ENROLLMENT', 'EVENT', 'RELATIONSHIP']
  for (const type of order) {
    const ts = { created: 0, updated: 0, deleted: 0, ignored: 0, total: 0 }
    typeStats.set(type, ts)
    for (const e of entries.filter((x) => x.type === type)) {
      ts.total++
      if (atomicFail || e.errors.length) {
        ts.ignored++
        continue
      }
      if (strategy === 'DELETE') ts.deleted++
      else if (e.exists) ts.updated++
      else ts.created++
      if (commit) apply(store, e, strategy === 'DELETE', now, user.username)
    }
    for (const k of Object.keys(stats) as Array<keyof typeof stats>) stats[k] += ts[k]
  }
  if (commit && entries.some((e) => !e.errors.length)) store.touch()
  const status = !failed ? 'OK' : 'ERROR'
  const errorReports = entries.flatMap((e) => e.errors)
  const report: Obj = { status, validationReport: { errorReports, warningReports: [] }, stats }
  if (!atomicFail) {
    const typeReportMap: Obj = {}
    for (const [type, ts] of typeStats) {
      if (!ts.total) continue
      typeReportMap[type] = {
        trackerType: type,
        stats: ts,
        objectReports: params.reportMode === 'ERRORS' ? [] : entries.filter((e) => e.type === type && !e.errors.length).map((e) => ({ trackerType: type, uid: e.uid, index: e.index, errorReports: [] })),
      }
    }
    report.bundleReport = { status, typeReportMap, stats }
  }
  if (params.importMode === 'VALIDATE') report.message = failed ? 'Validation failed' : 'Validation passed'
  return { status, report, committed: commit && entries.some((e) => !e.errors.length) }
}

function apply(store: Store, e: Entry, del: boolean, now: string, username: string): void {
  const o = e.obj
  switch (e.type) {
    case 'TRACKED_ENTITY': {
      const old = store.trackedEntities.get(e.uid)
      if (del) {
        if (old) {
          old.deleted = true
          for (const en of old.enrollments) {
            en.deleted = true
            for (const ev of en.events) ev.deleted = true
          }
          old.updatedAt = now
        }
        return
      }
      const attrs = new Map((old?.attributes ?? []).map((a) => [a.attribute, a]))
      for (const a of (Array.isArray(o.attributes) ? o.attributes : []) as Obj[]) {
        const id = String(a.attribute)
        if (a.value === null || a.value === undefined || a.value === '') attrs.delete(id)
        else attrs.set(id, { attribute: id, value: String(a.value) })
      }
      const te: StoredTrackedEntity = {
        trackedEntity: e.uid,
        trackedEntityType: String(o.trackedEntityType),
        orgUnit: String(o.orgUnit),
        attributes: [...attrs.values()],
        enrollments: old?.enrollments ?? [],
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        inactive: o.inactive === true,
        potentialDuplicate: o.potentialDuplicate === true,
      }
      store.putTrackedEntity(te)
      return
    }
    case 'ENROLLMENT': {
      const hit = store.enrollments.get(e.uid)
      if (del) {
        if (hit) {
          hit.en.deleted = true
          hit.en.updatedAt = now
          for (const ev of hit.en.events) {
            ev.deleted = true
            ev.updatedAt = now
          }
          // DHIS2's deletion service updates the parent tracked entity (its updatedAt moves on)
          hit.te.updatedAt = now
        }
        return
      }
      const te = store.trackedEntities.get(String(o.trackedEntity))!
      const en: StoredEnrollment = {
        enrollment: e.uid,
        program: String(o.program),
        orgUnit: String(o.orgUnit),
        enrolledAt: str(o.enrolledAt) ?? null,
        occurredAt: str(o.occurredAt) ?? str(o.enrolledAt) ?? null,
        status: String(o.status ?? 'ACTIVE'),
        trackedEntity: te.trackedEntity,
        followUp: o.followUp === true,
        events: hit?.en.events ?? [],
        createdAt: hit?.en.createdAt ?? now,
        updatedAt: now,
      }
      if (str(o.completedAt) || en.status === 'COMPLETED') en.completedAt = str(o.completedAt) ?? now
      if (hit) {
        const list = hit.te.enrollments
        list[list.indexOf(hit.en)] = en
        if (hit.te !== te) {
          list.splice(list.indexOf(en), 1)
          te.enrollments.push(en)
        }
      } else te.enrollments.push(en)
      te.updatedAt = now
      store.indexEnrollment(te, en)
      return
    }
    case 'EVENT': {
      const hit = store.events.get(e.uid)
      if (del) {
        if (hit) {
          hit.ev.deleted = true
          hit.ev.updatedAt = now
          // DHIS2's deletion service updates the parent tracked entity (its updatedAt moves on)
          hit.te.updatedAt = now
        }
        return
      }
      const target = store.enrollments.get(String(o.enrollment))!
      const values = new Map((hit?.ev.dataValues ?? []).map((d) => [d.dataElement, d]))
      for (const dv of (Array.isArray(o.dataValues) ? o.dataValues : []) as Obj[]) {
        const id = String(dv.dataElement)
        if (dv.value === null || dv.value === undefined || dv.value === '') values.delete(id)
        else values.set(id, { dataElement: id, value: String(dv.value), createdAt: values.get(id)?.createdAt ?? now, updatedAt: now, storedBy: username, providedElsewhere: dv.providedElsewhere === true })
      }
      const stage = store.get('programStages', String(o.programStage))
      const ev: StoredEvent = {
        event: e.uid,
        programStage: String(o.programStage),
        program: (stage?.program as { id?: string } | undefined)?.id ?? target.en.program,
        enrollment: target.en.enrollment,
        trackedEntity: target.te.trackedEntity,
        orgUnit: String(o.orgUnit),
        occurredAt: str(o.occurredAt) ?? null,
        scheduledAt: str(o.scheduledAt) ?? str(o.occurredAt) ?? null,
        status: String(o.status ?? 'ACTIVE'),
        dataValues: [...values.values()],
        createdAt: hit?.ev.createdAt ?? now,
        updatedAt: now,
        storedBy: username,
      }
      if (ev.status === 'COMPLETED') ev.completedAt = str(o.completedAt) ?? now
      if (hit) {
        const list = hit.en.events
        list.splice(list.indexOf(hit.ev), 1)
      }
      target.en.events.push(ev as unknown as StoredEvent)
      store.events.set(ev.event, { te: target.te, en: target.en, ev })
      // DHIS2 moves the tracked entity's updatedAt on after committing its events (tracker import post-commit)
      target.te.updatedAt = now
      return
    }
    case 'RELATIONSHIP': {
      if (del) {
        const r = store.relationships.get(e.uid)
        if (r) {
          r.deleted = true
          r.updatedAt = now
        }
        return
      }
      const te = (side: unknown) => {
        const item = (side as Obj).trackedEntity
        return typeof item === 'string' ? item : String((item as Obj).trackedEntity)
      }
      const old = store.relationships.get(e.uid)
      store.relationships.set(e.uid, { relationship: e.uid, relationshipType: String(o.relationshipType), from: te(o.from), to: te(o.to), createdAt: old?.createdAt ?? now, updatedAt: now, createdAtClient: str(o.createdAtClient) ?? now })
    }
  }
}

registerReplayer('tracker', (store, entry) => {
  if (entry.op !== 'tracker') return
  const user = store.user(entry.user)
  if (!user) throw new Error(`unknown user ${entry.user}`)
  importTracker(store, entry.body, parseTrackerParams(entry.params), user)
})
