/**
 * Test-only: a DHIS2 tracker in memory for the exact-path suites, answering like the server does
 * (2.41 by default, or 2.40/2.42 parameter names and envelopes): the subtree's org units by
 * `path:like`, Person records owned in the subtree with server stamps (`updatedAt`, zone-less,
 * moved on by every write), `updatedAfter` (inclusive), `includeDeleted` (deleted records and
 * their nested deleted enrollments/events flagged), explicit UIDs, `fields` reduced to the stamp
 * fields when asked, paging; every request logged. Usable through CustomDataProvider (`data`) and
 * through a DhisClient (`client()`).
 */
import { DE, ids, PROGRAM, STAGE } from '../../metadata/src/vocabulary'
import { DhisClient, type EngineLike } from '../data/client'
import { formatServerStamp, STAMP_FIELDS } from '../data/tracker'
import { F1, F2, records } from './test-records'

export const MALI = 'ImspTQPwCqd'
export const KAYES = 'KayesReg001'
export const DISTRICT = 'KayesDist01'
export const DISTRICT2 = 'KitaDist001'
export const F3 = 'OuFacility3'
export const DISTRICT3 = 'BafoDist001'
export const F4 = 'OuFacility4'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
export type Query = { resource: string; params?: Record<string, unknown> }

export const UNITS = [
  { id: DISTRICT, displayName: 'District sanitaire de Kayes', path: `/${MALI}/${KAYES}/${DISTRICT}` },
  { id: F1, displayName: 'CSCom Kayes N’Di', path: `/${MALI}/${KAYES}/${DISTRICT}/${F1}` },
  { id: F2, displayName: 'CSCom Lafiabougou', path: `/${MALI}/${KAYES}/${DISTRICT}/${F2}` },
  { id: DISTRICT2, displayName: 'District sanitaire de Kita', path: `/${MALI}/${KAYES}/${DISTRICT2}` },
  { id: F3, displayName: 'CSCom Kita Central', path: `/${MALI}/${KAYES}/${DISTRICT2}/${F3}` },
  { id: DISTRICT3, displayName: 'District sanitaire de Bafoulabé', path: `/${MALI}/${KAYES}/${DISTRICT3}` },
  { id: F4, displayName: 'CSCom Bafoulabé', path: `/${MALI}/${KAYES}/${DISTRICT3}/${F4}` },
]

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T

export function trackerServer(o: { version?: '2.40' | '2.41' | '2.42' } = {}) {
  const version = o.version ?? '2.41'
  const { wire } = records()
  // server clock: each record its own stamp, days apart; every write moves the clock on by a second
  let clock = Date.UTC(2025, 0, 2, 8, 0, 0)
  const recs = new Map<string, Obj>()
  wire.forEach((w, i) => recs.set(w.trackedEntity, { ...clone(w), updatedAt: formatServerStamp(clock - (wire.length - i) * 86_400_000) }))
  const log: Query[] = []
  let failChecks: (() => never) | undefined
  let n = 0

  const stamp = (): string => formatServerStamp((clock += 1000))
  const under = (root: string) => new Set(UNITS.filter((u) => u.path.split('/').includes(root)).map((u) => u.id))

  let holdPages: Promise<void> | undefined
  let failPages: (() => never) | undefined
  const trackedEntities = async (_t: string, q: Query): Promise<Obj> => {
    log.push(clone(q))
    const full = q.params?.fields !== STAMP_FIELDS
    if (full && holdPages) await holdPages
    if (full && failPages) failPages()
    const p = q.params ?? {}
    if (p.updatedAfter !== undefined && failChecks) failChecks()
    const roots = String(version === '2.40' ? p.orgUnit : p.orgUnits).split(version === '2.40' ? ';' : ',')
    const scope = new Set(roots.flatMap((r) => [...under(r)]))
    const includeDeleted = p.includeDeleted === true || p.includeDeleted === 'true'
    const after = typeof p.updatedAfter === 'string' ? p.updatedAfter : undefined
    const idParam = version === '2.40' ? p.trackedEntity : p.trackedEntities
    const idSet = typeof idParam === 'string' ? new Set(idParam.split(version === '2.40' ? ';' : ',')) : null
    const all = [...recs.values()].filter((te) => scope.has(te.orgUnit) && (includeDeleted || !te.deleted) && (!after || te.updatedAt >= after) && (!idSet || idSet.has(te.trackedEntity)))
    const page = Number(p.page ?? 1)
    const pageSize = Number(p.pageSize ?? 50)
    const slice = all.slice((page - 1) * pageSize, page * pageSize).map((te) => {
      if (p.fields === STAMP_FIELDS) return { trackedEntity: te.trackedEntity, updatedAt: te.updatedAt, deleted: !!te.deleted }
      const out = clone(te)
      if (!includeDeleted) {
        out.enrollments = out.enrollments.filter((e: Obj) => !e.deleted)
        for (const e of out.enrollments) e.events = e.events.filter((ev: Obj) => !ev.deleted)
      }
      return out
    })
    if (version === '2.40') return { page, pageSize, instances: slice }
    const pager: Obj = { page, pageSize }
    if (version === '2.42') {
      if (all.length > page * pageSize) pager.nextPage = `x?page=${page + 1}`
      return { pager, trackedEntities: slice }
    }
    return { pager, page, pageSize, trackedEntities: slice }
  }

  const organisationUnits = (_t: string, q: Query): Obj => {
    log.push(clone(q))
    const m = /^path:like:(.+)$/.exec(String(q.params?.filter ?? ''))
    if (!m) throw new Error(`unexpected org unit query ${JSON.stringify(q.params)}`)
    return { organisationUnits: UNITS.filter((u) => u.path.includes(m[1])) }
  }

  const motherEnrollment = (uid: string): Obj => {
    const te = recs.get(uid)
    if (!te) throw new Error(`no record ${uid}`)
    const en = te.enrollments.find((e: Obj) => e.program === ids.program(PROGRAM.MOTHER) || e.events.some((ev: Obj) => ev.programStage === ids.stage(STAGE.ANC)))
    return en ?? te.enrollments[0]
  }

  const data = { organisationUnits, 'tracker/trackedEntities': trackedEntities }
  const isCheck = (q: Query) => q.resource === 'tracker/trackedEntities' && q.params?.fields === STAMP_FIELDS
  const isPage = (q: Query) => q.resource === 'tracker/trackedEntities' && q.params?.fields !== STAMP_FIELDS && q.params?.trackedEntities === undefined && q.params?.trackedEntity === undefined
  const isByUid = (q: Query) => q.resource === 'tracker/trackedEntities' && (q.params?.trackedEntities !== undefined || q.params?.trackedEntity !== undefined)

  return {
    data,
    log,
    recs,
    /** Record pages read (full reads), freshness checks, re-reads by UID, org-unit requests. */
    counts: () => ({
      pages: log.filter(isPage).length,
      checks: log.filter(isCheck).length,
      byUid: log.filter(isByUid).length,
      orgUnits: log.filter((q) => q.resource === 'organisationUnits').length,
    }),
    /** Records of the first page reads: tracked-entity UIDs of the mothers with ANC contacts. */
    uids: () => [...recs.keys()],
    /** A new ANC contact on a mother's record (at her facility unless given). */
    addAnc(uid: string, date: string, orgUnit?: string): void {
      const en = motherEnrollment(uid)
      en.events.push({ event: `evNew${String(++n).padStart(6, '0')}`, programStage: ids.stage(STAGE.ANC), orgUnit: orgUnit ?? en.orgUnit, occurredAt: date, status: 'COMPLETED', dataValues: [{ dataElement: ids.dataElement(DE.ANC_GEST_AGE_WEEKS), value: '24' }] })
      recs.get(uid)!.updatedAt = stamp()
    },
    /** Soft-delete one event (the record's stamp moves on, as DHIS2's deletion service does). */
    deleteEvent(uid: string, eventUid: string): void {
      for (const en of recs.get(uid)!.enrollments) for (const ev of en.events) if (ev.event === eventUid) ev.deleted = true
      recs.get(uid)!.updatedAt = stamp()
    },
    /** Soft-delete a whole record. */
    deleteRecord(uid: string): void {
      const te = recs.get(uid)!
      te.deleted = true
      for (const en of te.enrollments) {
        en.deleted = true
        for (const ev of en.events) ev.deleted = true
      }
      te.updatedAt = stamp()
    },
    /** A record for another district (to fill a second cache entry). */
    addRecordAt(orgUnit: string, uid: string): void {
      const base = clone([...recs.values()][0])
      base.trackedEntity = uid
      base.orgUnit = orgUnit
      base.relationships = []
      for (const en of base.enrollments) {
        en.enrollment = `en${uid.slice(2)}`
        en.orgUnit = orgUnit
        for (const ev of en.events) {
          ev.event = `ev${uid.slice(2)}${String(++n).padStart(3, '0')}`.slice(0, 11)
          ev.orgUnit = orgUnit
        }
      }
      base.updatedAt = stamp()
      recs.set(uid, base)
    },
    /** Record reads wait until the returned function is called. */
    holdPages(): () => void {
      let release: () => void = () => undefined
      holdPages = new Promise<void>((r) => (release = r))
      return () => {
        holdPages = undefined
        release()
      }
    },
    /** Make record reads fail with a server error (500). */
    failPages(on: boolean): void {
      failPages = on
        ? () => {
            throw Object.assign(new Error('Internal Server Error (500)'), { type: 'unknown', details: { httpStatusCode: 500, message: 'boom' } })
          }
        : undefined
    },
    /** Make the next freshness checks fail with a server error (500). */
    failChecks(on: boolean): void {
      failChecks = on
        ? () => {
            throw Object.assign(new Error('Internal Server Error (500)'), { type: 'unknown', details: { httpStatusCode: 500, message: 'database unavailable' } })
          }
        : undefined
    },
    /** A DhisClient over this server (no retries, no backoff). */
    client(): DhisClient {
      const engine: EngineLike = {
        query: async (query) => {
          const r = query.r as Query
          if (r.resource === 'system/info') return { r: { version: `${version}.0` } }
          const h = (data as Record<string, (t: string, q: Query) => Obj | Promise<Obj>>)[r.resource]
          if (!h) throw new Error(`unexpected resource ${r.resource}`)
          return { r: await h('read', r) }
        },
        mutate: async () => ({}),
      }
      return new DhisClient(engine, { attempts: 1 })
    },
  }
}

export { F1, F2 }
