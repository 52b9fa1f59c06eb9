/** @jest-environment node */
/**
 * The sandbox answers a record cache's freshness check like DHIS2 does, per version
 * (shared/reference/dhis2-api.md §1.2–1.3; dhis2-core tracker export and import):
 * - `updatedAfter` (same name in 2.40–2.42) filters on the tracked entity's own `updatedAt`,
 *   inclusive, zone-less timestamps;
 * - writing or deleting an enrollment or an event moves its tracked entity's `updatedAt` on (tracker
 *   import post-commit; deletion service), so a tracked-entity query sees child changes;
 * - `includeDeleted=true` (same name in 2.40–2.42) returns soft-deleted tracked entities flagged
 *   `deleted: true`, and nests their deleted enrollments and events, flagged; without it they are
 *   left out;
 * - explicit UIDs: `trackedEntity=a;b` in 2.40, `trackedEntities=a,b` from 2.41;
 * - the envelope per version (2.40 `instances` + flat paging; 2.41 `pager` + deprecated flat
 *   fields; 2.42 `pager` only).
 */
import { DE, ids, PROGRAM, STAGE } from '../../metadata/src/vocabulary'
import type { Sandbox } from '../../sandbox'
import type { Dhis2Version } from '../../sandbox/model'
import { call, get, start, vocabularyPayload } from './sandboxKit'

jest.setTimeout(60_000)

const PERSON = 'MCPQUTHX1Ze'
const STAMPS = 'trackedEntity,updatedAt,deleted'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(['2.40', '2.41', '2.42'] as Dhis2Version[])('tracker changes since a time, %s', (version) => {
  let sb: Sandbox
  let district: string
  let mother: { te: string; en: string; ou: string }
  let other: string
  const ouParams = (root: string) => (version === '2.40' ? `orgUnit=${root}&ouMode=DESCENDANTS` : `orgUnits=${root}&orgUnitMode=DESCENDANTS`)
  const list = (body: Record<string, unknown>) => (version === '2.40' ? body.instances : body.trackedEntities) as Array<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any
  const changes = async (since: string, extra = '') => {
    const r = await get(sb, `/api/tracker/trackedEntities?${ouParams(district)}&trackedEntityType=${PERSON}&pageSize=1000&updatedAfter=${encodeURIComponent(since)}${extra}`)
    expect(r.status).toBe(200)
    return r.body
  }
  const now = () => new Date().toISOString().slice(0, 23)
  const post = async (body: unknown, strategy = 'CREATE_AND_UPDATE') => {
    const r = await call(sb, 'POST', `/api/tracker?async=false&importStrategy=${strategy}`, body)
    expect(r.status).toBe(200)
    await sleep(5)
  }

  beforeAll(async () => {
    sb = await start(version)
    expect((await call(sb, 'POST', '/api/metadata', vocabularyPayload())).status).toBe(200)
    const motherProgram = ids.program(PROGRAM.MOTHER)
    const districtOf = (ou: string) => String(sb.store.get('organisationUnits', ou)?.path ?? '').split('/').filter(Boolean)[2]
    // the district with the most records: a mother with a Mother enrollment, and another record
    const byDistrict = new Map<string, string[]>()
    for (const t of sb.store.trackedEntities.values()) if (!t.deleted) byDistrict.set(districtOf(t.orgUnit), [...(byDistrict.get(districtOf(t.orgUnit)) ?? []), t.trackedEntity])
    district = [...byDistrict.entries()].sort((a, b) => b[1].length - a[1].length)[0][0]
    const inDistrict = [...sb.store.trackedEntities.values()].filter((t) => !t.deleted && districtOf(t.orgUnit) === district)
    const te = inDistrict.find((t) => t.enrollments.some((e) => e.program === motherProgram && !e.deleted))!
    const en = te.enrollments.find((e) => e.program === motherProgram && !e.deleted)!
    mother = { te: te.trackedEntity, en: en.enrollment, ou: en.orgUnit }
    other = inDistrict.find((t) => t.trackedEntity !== te.trackedEntity)!.trackedEntity
  })
  afterAll(() => sb.close())

  test('nothing written since → an empty page, in the version envelope', async () => {
    await sleep(5)
    const body = await changes(now(), `&includeDeleted=true&fields=${STAMPS}`)
    expect(list(body)).toEqual([])
    if (version === '2.40') {
      expect(body).toMatchObject({ page: 1, pageSize: 1000 })
      expect(body.pager).toBeUndefined()
    } else if (version === '2.41') expect(body).toMatchObject({ pager: { page: 1, pageSize: 1000 }, page: 1, pageSize: 1000 })
    else {
      expect(body).toMatchObject({ pager: { page: 1, pageSize: 1000 } })
      expect(body.page).toBeUndefined()
    }
  })

  test('a new event moves its tracked entity on: seen by updatedAfter (inclusive) with its stamp', async () => {
    const t0 = now()
    await sleep(5)
    await post({ events: [{ event: 'evChange001', enrollment: mother.en, programStage: ids.stage(STAGE.ANC), orgUnit: mother.ou, occurredAt: '2026-10-20', status: 'COMPLETED', dataValues: [{ dataElement: ids.dataElement(DE.ANC_CONTACT_NO), value: '2' }] }] })
    const got = list(await changes(t0, `&includeDeleted=true&fields=${STAMPS}`))
    expect(got).toEqual([{ trackedEntity: mother.te, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/), deleted: false }])
    expect(got[0].updatedAt >= t0).toBe(true)
    // inclusive bound: asking from the record's own stamp returns it
    expect(list(await changes(got[0].updatedAt, `&fields=${STAMPS}`)).map((x) => x.trackedEntity)).toEqual([mother.te])
  })

  test('a deleted event moves its tracked entity on; nested and flagged only with includeDeleted', async () => {
    const t1 = now()
    await sleep(5)
    await post({ events: [{ event: 'evChange001' }] }, 'DELETE')
    const fields = '&fields=trackedEntity,updatedAt,enrollments[enrollment,events[event,deleted]]'
    const withDeleted = list(await changes(t1, `&includeDeleted=true${fields}`))
    expect(withDeleted.map((x) => x.trackedEntity)).toEqual([mother.te])
    const events = withDeleted[0].enrollments.flatMap((e: { events: unknown[] }) => e.events)
    expect(events).toContainEqual({ event: 'evChange001', deleted: true })
    const without = list(await changes(t1, fields))
    expect(without.map((x) => x.trackedEntity)).toEqual([mother.te])
    expect(without[0].enrollments.flatMap((e: { events: Array<{ event: string }> }) => e.events).map((e: { event: string }) => e.event)).not.toContain('evChange001')
  })

  test('a deleted tracked entity: flagged with includeDeleted, absent without', async () => {
    const t2 = now()
    await sleep(5)
    await post({ trackedEntities: [{ trackedEntity: other }] }, 'DELETE')
    expect(list(await changes(t2, `&includeDeleted=true&fields=${STAMPS}`))).toEqual([{ trackedEntity: other, updatedAt: expect.any(String), deleted: true }])
    expect(list(await changes(t2, `&fields=${STAMPS}`))).toEqual([])
  })

  test('explicit UIDs in the version dialect', async () => {
    const ids2 = version === '2.40' ? `trackedEntity=${mother.te};${other}` : `trackedEntities=${mother.te},${other}`
    const r = await get(sb, `/api/tracker/trackedEntities?${ouParams(district)}&trackedEntityType=${PERSON}&${ids2}&includeDeleted=true&fields=${STAMPS}&pageSize=100`)
    expect(r.status).toBe(200)
    expect(list(r.body).map((x) => x.trackedEntity).sort()).toEqual([mother.te, other].sort())
  })
})
