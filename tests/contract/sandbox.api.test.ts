/** @jest-environment node */
/**
 * Sandbox behaviour tests: login and sessions, CORS, per-version shapes, metadata import reports
 * (create, update, conflicts, atomic rollback, dry run), dataValueSets (dry run, conflicts,
 * idempotent re-import), registrations, dataStore errors, tracker paging per version and tracker
 * import, persistence across restarts and reset.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ids, PROGRAM, STAGE, ATTR, DE } from '../../metadata/src/vocabulary'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { Dhis2Version } from '../../sandbox/model'
import { resetWrites } from '../../sandbox/store/log'
import { call, get, start, vocabularyPayload } from './sandboxKit'

const AGG_DE = 'aggDeAnc1Xx'
const AGG_DE_TEXT = 'aggDeNoteXx'
const DS = 'dsPrivateXx'

function aggregatePayload() {
  return {
    dataElements: [
      { id: AGG_DE, code: 'TEST_AGG_ANC1', name: 'Test ANC1 (aggregate)', shortName: 'Test ANC1 agg', valueType: 'INTEGER_ZERO_OR_POSITIVE', aggregationType: 'SUM', domainType: 'AGGREGATE' },
      { id: AGG_DE_TEXT, code: 'TEST_AGG_NOTE', name: 'Test note (aggregate)', shortName: 'Test note agg', valueType: 'TEXT', aggregationType: 'NONE', domainType: 'AGGREGATE' },
    ],
    dataSets: [{ id: DS, code: 'TEST_DS', name: 'Test private report', shortName: 'Test private report', periodType: 'Monthly', dataSetElements: [{ dataElement: { id: AGG_DE } }, { dataElement: { id: AGG_DE_TEXT } }] }],
  }
}

describe('login, sessions and CORS', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await start('2.41')
  })
  afterAll(() => sb.close())

  test('API calls without credentials are 401 with a DHIS2 body', async () => {
    const r = await get(sb, '/api/me', null as unknown as string)
    expect(r.status).toBe(401)
    expect(r.body).toEqual({ httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' })
  })

  test('Basic auth: right password works, wrong password is 401', async () => {
    expect((await get(sb, '/api/me?fields=username')).body).toEqual({ username: 'admin' })
    expect((await get(sb, '/api/me', 'admin:wrong')).status).toBe(401)
    expect((await get(sb, '/api/me?fields=username,settings[keyUiLocale]', 'fatoumata:district')).body).toEqual({ username: 'fatoumata', settings: { keyUiLocale: 'fr' } })
  })

  test('JSON login gives a session cookie; wrong password is 401; logout ends the session', async () => {
    const bad = await call(sb, 'POST', '/api/auth/login', { username: 'admin', password: 'nope' }, null)
    expect(bad.status).toBe(401)
    expect(bad.body.httpStatusCode).toBe(401)
    const ok = await call(sb, 'POST', '/api/auth/login', { username: 'fatoumata', password: 'district' }, null)
    expect(ok.status).toBe(200)
    expect(ok.body.loginStatus).toBe('SUCCESS')
    const cookie = String(ok.headers['set-cookie']).split(';')[0]
    expect(cookie).toMatch(/^JSESSIONID=/)
    const me = await call(sb, 'GET', '/api/me?fields=username', undefined, null, { Cookie: cookie })
    expect(me.body).toEqual({ username: 'fatoumata' })
    await call(sb, 'POST', '/api/auth/logout', undefined, null, { Cookie: cookie })
    expect((await call(sb, 'GET', '/api/me', undefined, null, { Cookie: cookie })).status).toBe(401)
  })

  test('form login (every version) redirects with a session cookie', async () => {
    const r = await call(sb, 'POST', '/dhis-web-commons-security/login.action', 'j_username=admin&j_password=district', null, { 'Content-Type': 'application/x-www-form-urlencoded' })
    expect(r.status).toBe(302)
    const cookie = String(r.headers['set-cookie']).split(';')[0]
    expect((await call(sb, 'GET', '/api/system/info', undefined, null, { Cookie: cookie })).status).toBe(200)
    const bad = await call(sb, 'POST', '/dhis-web-commons-security/login.action', 'j_username=admin&j_password=x', null, { 'Content-Type': 'application/x-www-form-urlencoded' })
    expect(String(bad.headers.location)).toContain('failed=true')
  })

  test('CORS preflight for a localhost dev server, with credentials; other origins get nothing', async () => {
    const r = await call(sb, 'OPTIONS', '/api/me', undefined, null, { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,x-requested-with' })
    expect(r.status).toBe(204)
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:3000')
    expect(r.headers['access-control-allow-credentials']).toBe('true')
    expect(r.headers['access-control-allow-headers']).toBe('authorization,x-requested-with')
    const other = await call(sb, 'GET', '/api/system/info', undefined, 'admin:district', { Origin: 'https://evil.example' })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })

  test('shell start-up endpoints answer with DHIS2 shapes', async () => {
    expect((await get(sb, '/api/loginConfig', null as unknown as string)).body.apiVersion).toMatch(/^2\.41/)
    expect((await get(sb, '/api/me/dashboard')).body).toEqual({ unreadInterpretations: 0, unreadMessageConversations: 0 })
    expect((await get(sb, '/api/systemSettings/applicationTitle')).body).toHaveProperty('applicationTitle')
    expect((await get(sb, '/api/userSettings', 'fatoumata:district')).body.keyUiLocale).toBe('fr')
    expect((await get(sb, '/dhis-web-commons/menu/getModules.action')).body).toHaveProperty('modules')
    expect((await get(sb, '/api/me/authorization/F_VIEW_EVENT_ANALYTICS', 'clinique:district')).body).toBe(false)
    expect((await get(sb, '/api/41/me?fields=id')).body).toEqual((await get(sb, '/api/me?fields=id')).body)
    expect((await get(sb, '/api/ping', null as unknown as string)).text).toBe('pong')
  })

  test('analytics resources other than /api/analytics say they are not available (no fake grid)', async () => {
    const r = await get(sb, '/api/analytics/events/aggregate/abc?dimension=pe:THIS_YEAR')
    expect(r.status).toBe(501)
    expect(r.body.message).toMatch(/not available in the Dyad sandbox/)
  })
})

describe.each<Dhis2Version>(['2.40', '2.41', '2.42'])('DHIS2 %s: version-specific answers', (version) => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await start(version, 60)
    expect((await call(sb, 'POST', '/api/metadata', vocabularyPayload())).status).toBe(200)
  })
  afterAll(() => sb.close())

  test('me: empty collections omitted before 2.42, [] in 2.42; userCredentials only before 2.42', async () => {
    const r = await get(sb, '/api/me?fields=id,patTokens,userCredentials[userRoles[id]],userRoles[id]')
    if (version === '2.42') {
      expect(r.body.patTokens).toEqual([])
      expect(r.body).not.toHaveProperty('userCredentials')
      expect(r.body.userRoles).toEqual([{ id: expect.any(String) }])
    } else {
      expect(r.body).not.toHaveProperty('patTokens')
      expect(r.body.userCredentials.userRoles).toEqual([{ id: expect.any(String) }])
      expect(r.body).not.toHaveProperty('userRoles')
    }
  })

  test('loginConfig and JSON login exist from 2.41 only', async () => {
    const r = await get(sb, '/api/loginConfig', null as unknown as string)
    expect(r.status).toBe(version === '2.40' ? 404 : 200)
  })

  test('tracker paging envelope', async () => {
    const r = await get(sb, '/api/tracker/trackedEntities?trackedEntityType=MCPQUTHX1Ze&pageSize=5&page=2&totalPages=true&fields=trackedEntity')
    expect(r.status).toBe(200)
    const total = sb.store.trackedEntities.size
    if (version === '2.40') {
      expect(Object.keys(r.body).sort()).toEqual(['instances', 'page', 'pageCount', 'pageSize', 'total'])
      expect(r.body.instances).toHaveLength(5)
      expect(r.body.total).toBe(total)
    } else if (version === '2.41') {
      expect(Object.keys(r.body).sort()).toEqual(['page', 'pageCount', 'pageSize', 'pager', 'total', 'trackedEntities'])
      expect(r.body.pager).toEqual({ page: 2, pageSize: 5, total, pageCount: Math.ceil(total / 5) })
    } else {
      expect(Object.keys(r.body).sort()).toEqual(['pager', 'trackedEntities'])
      expect(r.body.pager.nextPage).toContain('page=3')
      expect(r.body.pager.prevPage).toContain('page=1')
    }
  })

  test('tracker paging off: skipPaging (2.40) / paging=false (2.41+)', async () => {
    const off = version === '2.40' ? 'skipPaging=true' : 'paging=false'
    const r = await get(sb, `/api/tracker/events?${off}&fields=event`)
    const key = version === '2.40' ? 'instances' : 'events'
    expect(Object.keys(r.body)).toEqual([key])
    expect(r.body[key].length).toBe([...sb.store.events.values()].filter((e) => !e.ev.deleted).length)
    if (version === '2.42') {
      const s = await get(sb, '/api/tracker/events?skipPaging=true&fields=event')
      expect(s.body.events).toHaveLength(50) // 2.42 no longer knows skipPaging: default paging applies
    }
  })

  test('tracker org-unit parameters and modes', async () => {
    const gao = [...sb.store.collection('organisationUnits').values()].find((o) => o.code === 'DYAD_OU_GAO_GAO')!
    const ouParam = version === '2.40' ? `orgUnit=${gao.id}&ouMode=DESCENDANTS` : `orgUnits=${gao.id}&orgUnitMode=DESCENDANTS`
    const r = await get(sb, `/api/tracker/enrollments?${ouParam}&${version === '2.40' ? 'skipPaging=true' : 'paging=false'}&fields=orgUnit`)
    expect(r.status).toBe(200)
    const list = r.body.instances ?? r.body.enrollments
    for (const e of list) expect(String(sb.store.get('organisationUnits', e.orgUnit)!.path)).toContain(gao.id)
    const mine = await get(sb, `/api/tracker/trackedEntities?program=${ids.program(PROGRAM.MOTHER)}&fields=orgUnit&pageSize=200`, 'fatoumata:district')
    for (const t of mine.body.instances ?? mine.body.trackedEntities) expect(String(sb.store.get('organisationUnits', t.orgUnit)!.path)).toContain(gao.id)
  })

  test('2.41+ refuse the removed query/attribute parameters; 2.42 renames programStatus', async () => {
    const r = await get(sb, `/api/tracker/trackedEntities?program=${ids.program(PROGRAM.MOTHER)}&query=LIKE:Aw`)
    expect(r.status).toBe(version === '2.40' ? 200 : 400)
    if (version !== '2.40') expect(r.body.message).toMatch(/removed in v41/)
    const status = version === '2.42' ? 'enrollmentStatus' : 'programStatus'
    const c = await get(sb, `/api/tracker/trackedEntities?program=${ids.program(PROGRAM.MOTHER)}&${status}=COMPLETED&fields=enrollments[status,program]&${version === '2.40' ? 'skipPaging=true' : 'paging=false'}`)
    for (const t of c.body.instances ?? c.body.trackedEntities) expect(t.enrollments.some((e: { status: string; program: string }) => e.status === 'COMPLETED' && e.program === ids.program(PROGRAM.MOTHER))).toBe(true)
  })

  test('relationships need exactly one of trackedEntity, enrollment, event', async () => {
    expect((await get(sb, '/api/tracker/relationships')).status).toBe(400)
    if (version === '2.41') {
      const both = await get(sb, '/api/tracker/events?paging=false&skipPaging=false')
      expect(both.status).toBe(400)
      expect(both.body.message).toMatch(/Prefer 'paging'/)
    }
  })

  test('event follow-up flag per version', async () => {
    const ev = [...sb.store.events.values()][0].ev
    const r = await get(sb, `/api/tracker/events/${ev.event}`)
    expect('followup' in r.body).toBe(version !== '2.42')
    expect('followUp' in r.body).toBe(version !== '2.40')
    expect('orgUnitName' in r.body).toBe(version === '2.40')
  })
})

describe('metadata import', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await start('2.42')
  })
  afterAll(() => sb.close())

  const de = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, name, shortName: name.slice(0, 50), valueType: 'NUMBER', aggregationType: 'SUM', domainType: 'AGGREGATE', ...extra })

  test('create then update, with stats and the 2.40-2.42 web message', async () => {
    const c = await call(sb, 'POST', '/api/metadata', { dataElements: [de('deCreate001', 'Created one')] })
    expect(c.status).toBe(200)
    expect(c.body).toMatchObject({ httpStatus: 'OK', httpStatusCode: 200, status: 'OK', response: { responseType: 'ImportReport', status: 'OK', stats: { created: 1, updated: 0, deleted: 0, ignored: 0, total: 1 } } })
    expect(c.body.response.typeReports[0].klass).toBe('org.hisp.dhis.dataelement.DataElement')
    const u = await call(sb, 'POST', '/api/metadata', { dataElements: [de('deCreate001', 'Created one, renamed')] })
    expect(u.body.response.stats).toMatchObject({ created: 0, updated: 1 })
    expect((await get(sb, '/api/dataElements/deCreate001?fields=name,displayName')).body).toEqual({ name: 'Created one, renamed', displayName: 'Created one, renamed' })
  })

  test('conflicts answer 409 with error reports (E5003, E5005, E5002, E4014, E4000, E4001, E5000)', async () => {
    const r = await call(sb, 'POST', '/api/metadata?atomicMode=NONE', {
      dataElements: [
        de('deDupStore1', 'Created one, renamed'),
        de('deDupPay001', 'Same in payload'),
        de('deDupPay002', 'Same in payload'),
        de('deBadRef001', 'Bad reference', { categoryCombo: { id: 'noSuchCombo' } }),
        de('bad-uid', 'Bad uid'),
        { id: 'deNoName001', shortName: 'No name', valueType: 'NUMBER', aggregationType: 'SUM', domainType: 'AGGREGATE' },
        de('deLongShort', 'Long short name', { shortName: 'x'.repeat(51) }),
      ],
    })
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({ httpStatus: 'Conflict', httpStatusCode: 409, status: 'WARNING', message: 'One or more errors occurred, please see full details in import report.' })
    const codes = [...new Set<string>(r.body.response.typeReports[0].objectReports.flatMap((o: { errorReports: Array<{ errorCode: string }> }) => o.errorReports.map((e) => e.errorCode)))].sort()
    expect(codes).toEqual(['E4000', 'E4001', 'E4014', 'E5002', 'E5003', 'E5005'])
    const report = r.body.response.typeReports[0].objectReports.find((o: { uid: string }) => o.uid === 'deBadRef001')
    expect(report.errorReports[0]).toMatchObject({ errorCode: 'E5002', mainKlass: 'org.hisp.dhis.dataelement.DataElement', errorProperty: 'categoryCombo' })
    expect(r.body.response.status).toBe('WARNING')
    // atomicMode NONE: the valid one went in
    expect((await get(sb, '/api/dataElements/deDupPay001')).status).toBe(200)
    const create = await call(sb, 'POST', '/api/metadata?importStrategy=CREATE', { dataElements: [de('deCreate001', 'Again')] })
    expect(create.status).toBe(409)
    expect(create.body.response.typeReports[0].objectReports[0].errorReports[0].errorCode).toBe('E5000')
  })

  test('atomicMode=ALL rolls everything back; VALIDATE persists nothing', async () => {
    const r = await call(sb, 'POST', '/api/metadata', { dataElements: [de('deAtomic001', 'Atomic good'), de('deAtomic002', 'Atomic bad', { optionSet: { id: 'missingOset' } })] })
    expect(r.status).toBe(409)
    expect(r.body.response.status).toBe('ERROR')
    expect(r.body.response.stats).toMatchObject({ created: 0, ignored: 2, total: 2 })
    expect((await get(sb, '/api/dataElements/deAtomic001')).status).toBe(404)
    const v = await call(sb, 'POST', '/api/metadata?importMode=VALIDATE', { dataElements: [de('deValid0001', 'Validated only')] })
    expect(v.status).toBe(200)
    expect(v.body.response.stats.created).toBe(1)
    const nf = await get(sb, '/api/dataElements/deValid0001')
    expect(nf.status).toBe(404)
    expect(nf.body).toMatchObject({ httpStatus: 'Not Found', httpStatusCode: 404, status: 'ERROR' })
  })

  test('org units imported under a parent get path and level; fields, filter, order and paging', async () => {
    const root = [...sb.store.collection('organisationUnits').values()].find((o) => o.level === 1)!
    const r = await call(sb, 'POST', '/api/metadata', { organisationUnits: [{ id: 'ouNewFacil1', name: 'Nouvelle clinique', shortName: 'Nouvelle clinique', openingDate: '2024-01-01', parent: { id: root.id } }] })
    expect(r.status).toBe(200)
    const o = await get(sb, '/api/organisationUnits/ouNewFacil1?fields=path,level,parent[id,displayName],ancestors[id]')
    expect(o.body).toEqual({ path: `/${root.id}/ouNewFacil1`, level: 2, parent: { id: root.id, displayName: root.name }, ancestors: [{ id: root.id }] })
    const list = await get(sb, '/api/organisationUnits?filter=level:eq:2&filter=name:ilike:nouvelle&rootJunction=AND&fields=id')
    expect(list.body.organisationUnits).toEqual([{ id: 'ouNewFacil1' }])
    const paged = await get(sb, '/api/organisationUnits?pageSize=7&page=2&order=name:desc&fields=name')
    expect(paged.body.pager).toMatchObject({ page: 2, pageSize: 7, total: sb.store.collection('organisationUnits').size })
    expect(paged.body.organisationUnits).toHaveLength(7)
    const unpaged = await get(sb, '/api/organisationUnits?paging=false&filter=level:le:2&fields=id,children::size')
    expect(unpaged.body).not.toHaveProperty('pager')
    expect(unpaged.body.organisationUnits.length).toBe(12)
    const tree = await get(sb, `/api/organisationUnits/${root.id}?fields=children[id,path,displayName],children::size~rename(childCount)`)
    expect(tree.body.childCount).toBe(11)
  })
})

describe('dataValueSets and registrations', () => {
  let sb: Sandbox
  let fac: string
  beforeAll(async () => {
    sb = await start('2.41')
    expect((await call(sb, 'POST', '/api/metadata', aggregatePayload())).status).toBe(200)
    fac = [...sb.store.collection('organisationUnits').values()].find((o) => o.level === 4)!.id
  })
  afterAll(() => sb.close())

  const set = (value: string, extra: Record<string, unknown> = {}) => ({ dataSet: DS, period: '202603', orgUnit: fac, dataValues: [{ dataElement: AGG_DE, value, ...extra }] })

  test('dry run reports without storing', async () => {
    const before = sb.store.dataValues.size // the seed carries the generated monthly reports
    const r = await call(sb, 'POST', '/api/dataValueSets?dryRun=true', set('12'))
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ httpStatus: 'OK', status: 'OK', message: 'Import was successful.', response: { responseType: 'ImportSummary', status: 'SUCCESS', importCount: { imported: 1, updated: 0, ignored: 0, deleted: 0 } } })
    expect(r.body.response.importOptions.dryRun).toBe(true)
    expect(sb.store.dataValues.size).toBe(before)
  })

  test('import, idempotent re-import, export', async () => {
    expect((await call(sb, 'POST', '/api/dataValueSets', set('12'))).body.response.importCount).toEqual({ imported: 1, updated: 0, ignored: 0, deleted: 0 })
    expect((await call(sb, 'POST', '/api/dataValueSets', set('12'))).body.response.importCount).toEqual({ imported: 0, updated: 1, ignored: 0, deleted: 0 })
    const out = await get(sb, `/api/dataValueSets?dataSet=${DS}&period=202603&orgUnit=${fac}`)
    expect(out.body.dataValues).toHaveLength(1)
    expect(out.body.dataValues[0]).toMatchObject({ dataElement: AGG_DE, period: '202603', orgUnit: fac, value: '12', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC0' })
    expect((await get(sb, `/api/dataValueSets?dataSet=${DS}`)).status).toBe(409)
  })

  test('conflicts: unknown data element, bad period, unknown org unit, value type', async () => {
    const r = await call(sb, 'POST', '/api/dataValueSets', {
      dataValues: [
        { dataElement: 'noSuchDe001', period: '202603', orgUnit: fac, value: '1' },
        { dataElement: AGG_DE, period: '2026-13', orgUnit: fac, value: '1' },
        { dataElement: AGG_DE, period: '202603', orgUnit: 'noSuchOu001', value: '1' },
        { dataElement: AGG_DE, period: '202604', orgUnit: fac, value: 'douze' },
        { dataElement: AGG_DE, period: '202605', orgUnit: fac, value: '3' },
      ],
    })
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({ httpStatus: 'Conflict', status: 'WARNING', response: { status: 'WARNING', importCount: { imported: 1, ignored: 4 } } })
    expect(r.body.response.conflicts.map((c: { errorCode: string }) => c.errorCode).sort()).toEqual(['E7610', 'E7611', 'E7612', 'E7619'])
    expect(r.body.response.rejectedIndexes).toEqual([0, 1, 2, 3])
  })

  test('completeDate registers completeness; registrations API', async () => {
    const r = await call(sb, 'POST', '/api/dataValueSets', { ...set('5'), period: '202602', completeDate: '2026-03-10' })
    expect(r.body.response.dataSetComplete).toBe('2026-03-10')
    const regs = await get(sb, `/api/completeDataSetRegistrations?dataSet=${DS}&period=202602&orgUnit=${fac}`)
    expect(regs.body.completeDataSetRegistrations).toEqual([expect.objectContaining({ dataSet: DS, period: '202602', organisationUnit: fac, completed: true })])
    const post = await call(sb, 'POST', '/api/completeDataSetRegistrations', { completeDataSetRegistrations: [{ dataSet: DS, period: '202601', organisationUnit: fac }] })
    expect(post.body.response.importCount.imported).toBe(1)
    expect((await call(sb, 'DELETE', `/api/completeDataSetRegistrations?ds=${DS}&pe=202601&ou=${fac}`)).status).toBe(204)
    expect((await call(sb, 'DELETE', `/api/completeDataSetRegistrations?ds=${DS}&pe=202601&ou=${fac}`)).status).toBe(404)
  })
})

describe('tracker import', () => {
  let sb: Sandbox
  let fac: string
  beforeAll(async () => {
    sb = await start('2.41')
    expect((await call(sb, 'POST', '/api/metadata', vocabularyPayload())).status).toBe(200)
    fac = [...sb.store.collection('organisationUnits').values()].find((o) => o.level === 4)!.id
  })
  afterAll(() => sb.close())

  const payload = (te: string, ou: string) => ({
    trackedEntities: [
      {
        trackedEntity: te,
        trackedEntityType: 'MCPQUTHX1Ze',
        orgUnit: ou,
        attributes: [{ attribute: ids.attribute(ATTR.FIRST_NAME), value: 'Awa' }],
        enrollments: [
          {
            program: ids.program(PROGRAM.MOTHER),
            orgUnit: ou,
            enrolledAt: '2026-02-01',
            occurredAt: '2025-12-01',
            status: 'ACTIVE',
            events: [{ programStage: ids.stage(STAGE.ANC), orgUnit: ou, occurredAt: '2026-02-01', status: 'COMPLETED', dataValues: [{ dataElement: ids.dataElement(DE.ANC_CONTACT_NO), value: '1' }] }],
          },
        ],
      },
    ],
  })

  test('sync import creates, the report has the DHIS2 shape, records read back', async () => {
    const r = await call(sb, 'POST', '/api/tracker?async=false', payload('teNewAwa001', fac))
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: 'OK', validationReport: { errorReports: [], warningReports: [] }, stats: { created: 3, updated: 0, deleted: 0, ignored: 0, total: 3 } })
    expect(r.body.bundleReport.typeReportMap.EVENT.stats.created).toBe(1)
    const back = await get(sb, '/api/tracker/trackedEntities/teNewAwa001?fields=attributes[attribute,value],enrollments[program,events[programStage,dataValues[dataElement,value]]]')
    expect(back.body.enrollments[0].events[0].dataValues).toEqual([{ dataElement: ids.dataElement(DE.ANC_CONTACT_NO), value: '1' }])
    const again = await call(sb, 'POST', '/api/tracker?async=false&importStrategy=CREATE', payload('teNewAwa001', fac))
    expect(again.status).toBe(409)
    expect(again.body.validationReport.errorReports[0]).toMatchObject({ errorCode: 'E1002', trackerType: 'TRACKED_ENTITY', uid: 'teNewAwa001' })
  })

  test('validation errors: 409, atomic rollback, VALIDATE mode stores nothing', async () => {
    const bad = payload('teBadOu0001', 'noSuchOu001')
    const r = await call(sb, 'POST', '/api/tracker?async=false', bad)
    expect(r.status).toBe(409)
    expect(r.body.status).toBe('ERROR')
    expect(r.body.validationReport.errorReports.map((e: { errorCode: string }) => e.errorCode)).toEqual(expect.arrayContaining(['E1049']))
    expect(r.body.stats.ignored).toBe(3)
    expect(sb.store.trackedEntities.has('teBadOu0001')).toBe(false)
    const v = await call(sb, 'POST', '/api/tracker?async=false&importMode=VALIDATE', payload('teValidOnly', fac))
    expect(v.status).toBe(200)
    expect(sb.store.trackedEntities.has('teValidOnly')).toBe(false)
  })

  test('async job and its report', async () => {
    const r = await call(sb, 'POST', '/api/tracker', payload('teAsyncJob1', fac))
    expect(r.body).toMatchObject({ httpStatus: 'OK', status: 'OK', response: { responseType: 'TrackerJob' } })
    const id = r.body.response.id
    await new Promise((res) => setTimeout(res, 50))
    const notes = await get(sb, `/api/tracker/jobs/${id}`)
    expect(notes.body[0].completed).toBe(true)
    const report = await get(sb, `/api/tracker/jobs/${id}/report`)
    expect(report.body.status).toBe('OK')
    expect(sb.store.trackedEntities.has('teAsyncJob1')).toBe(true)
  })
})

describe('persistence across restarts and reset', () => {
  test('writes survive a restart; sandbox:reset returns to the seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-sandbox-'))
    try {
      const opts = { version: '2.41' as const, pairs: 20, port: 0, dataDir: dir, warm: false, metadataBundle: false as const, log: () => undefined }
      let sb = await startSandbox(opts)
      expect((await call(sb, 'POST', '/api/dataStore/dyad/settings', { threshold: 3 })).status).toBe(201)
      expect((await call(sb, 'POST', '/api/metadata', aggregatePayload())).status).toBe(200)
      expect((await call(sb, 'POST', '/api/userSettings/keyUiLocale?value=fr')).status).toBe(200)
      await sb.close()
      sb = await startSandbox(opts)
      expect((await get(sb, '/api/dataStore/dyad/settings')).body).toEqual({ threshold: 3 })
      expect((await get(sb, `/api/dataSets/${DS}?fields=id`)).body).toEqual({ id: DS })
      expect((await get(sb, '/api/userSettings')).body.keyUiLocale).toBe('fr')
      await sb.close()
      expect(resetWrites(dir).length).toBe(1)
      sb = await startSandbox(opts)
      expect((await get(sb, '/api/dataStore/dyad/settings')).status).toBe(404)
      await sb.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    // three sandbox starts, each generating ~780 000 aggregate data values: 10–16 s each on a loaded 2-core machine
  }, 120_000)
})
