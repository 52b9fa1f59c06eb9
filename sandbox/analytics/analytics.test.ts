/** @jest-environment node */
import { invalidateAnalytics, runAnalytics, warmAnalytics, type AnalyticsContext } from './index'
import { vocabularyMetadata } from './testkit'
import { DE, STAGE, PROGRAM, ids } from '../../metadata/src/vocabulary'
import type { OrgUnit } from '../model'

const MOTHER = ids.program(PROGRAM.MOTHER)
const ANC = ids.stage(STAGE.ANC)
const DEL = ids.stage(STAGE.DELIVERY)
const FPC = ids.dataElement(DE.FP_COUNSELLED)
const CONTACT = ids.dataElement(DE.ANC_CONTACT_NO)
const PLACE = ids.dataElement(DE.DEL_PLACE)
const GA = ids.dataElement(DE.ANC_GEST_AGE_WEEKS)

// Hierarchy: root R → district D → facilities F1 (public), F2 (private)
const ou = (id: string, level: number, path: string, parent?: string): OrgUnit => ({ id, name: `Name ${id}`, shortName: `Short ${id}`, level, path, parent, openingDate: '2000-01-01T00:00:00.000' })
const R = 'rootAAAAAAA'
const D = 'distBBBBBBB'
const F1 = 'facCCCCCCC1'
const F2 = 'facCCCCCCC2'
const G_PUB = 'grpPUBLIC01'
const G_PRIV = 'grpPRIVATE1'
const GS = 'grpSETOWNR1'
const DS = 'dataSetXXX1'
const DV_DE = 'aggDeANC001'
const COC = 'cocDEFAULT1'

function event(stage: string, orgUnit: string, date: string, values: Record<string, string>, deleted = false) {
  return { event: `ev${Math.random().toString(36).slice(2, 11)}`, programStage: stage, orgUnit, occurredAt: `${date}T00:00:00.000`, status: 'COMPLETED', deleted, dataValues: Object.entries(values).map(([dataElement, value]) => ({ dataElement, value })) }
}
function mother(id: string, orgUnit: string, lmp: string, enrolled: string, events: ReturnType<typeof event>[], opts: { deleted?: boolean } = {}) {
  return {
    trackedEntity: id,
    trackedEntityType: 'MCPQUTHX1Ze',
    orgUnit,
    deleted: opts.deleted,
    attributes: [{ attribute: ids.attribute('DYAD_ATTR_PARITY'), value: '2' }],
    createdAt: `${enrolled}T00:00:00.000`,
    updatedAt: `${enrolled}T00:00:00.000`,
    enrollments: [{ enrollment: `en${id}`, program: MOTHER, orgUnit, enrolledAt: `${enrolled}T00:00:00.000`, occurredAt: `${lmp}T00:00:00.000`, status: 'ACTIVE', events }],
  }
}

function context(): AnalyticsContext {
  const metadata = vocabularyMetadata()
  const pi = (id: string, extra: Record<string, unknown>) => ({ id, name: `PI ${id}`, program: { id: MOTHER }, analyticsType: 'EVENT', expression: 'V{event_count}', aggregationType: 'COUNT', ...extra })
  metadata.programIndicators = [
    pi('piAncVisits', { filter: `V{program_stage_id} == '${ANC}'` }),
    pi('piAncFpc001', { filter: `#{${ANC}.${FPC}} == 1` }),
    pi('piAnc1AAAAA', { filter: `#{${ANC}.${CONTACT}} == 1` }),
    pi('piAnc1Early', { filter: `#{${ANC}.${CONTACT}} == 1 && #{${ANC}.${GA}} < 12` }),
    pi('piFacDel001', { filter: `#{${DEL}.${PLACE}} == 'FACILITY'`, analyticsPeriodBoundaries: [
      { boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'AFTER_START_OF_REPORTING_PERIOD' },
      { boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'BEFORE_END_OF_REPORTING_PERIOD' },
    ] }),
    pi('piGaAverage', { expression: `#{${ANC}.${GA}}`, filter: `#{${ANC}.${CONTACT}} == 1`, aggregationType: 'AVERAGE' }),
    pi('piMothers01', { analyticsType: 'ENROLLMENT', expression: 'V{enrollment_count}', filter: '' }),
    pi('piLmpBefore', { analyticsType: 'ENROLLMENT', expression: 'V{enrollment_count}', analyticsPeriodBoundaries: [
      { boundaryTarget: 'INCIDENT_DATE', analyticsPeriodBoundaryType: 'AFTER_START_OF_REPORTING_PERIOD', offsetPeriods: -3, offsetPeriodType: 'Monthly' },
      { boundaryTarget: 'INCIDENT_DATE', analyticsPeriodBoundaryType: 'BEFORE_END_OF_REPORTING_PERIOD', offsetPeriods: -3, offsetPeriodType: 'Monthly' },
    ] }),
    pi('piBadExpr01', { filter: 'd2:foo(1)' }),
    pi('piUnknownV1', { expression: 'V{value_count}' }),
  ]
  metadata.indicators = [
    { id: 'inAncFpc001', name: 'FP counselling at ANC (%)', numerator: 'I{piAncFpc001}', denominator: 'I{piAncVisits}', indicatorType: { id: 'hmSnCXmLYwt' } },
    { id: 'inAggAnc001', name: 'ANC per report', numerator: `#{${DV_DE}.${COC}}`, denominator: `R{${DS}.ACTUAL_REPORTS}`, indicatorType: { id: 'kHy61PbChXr' }, decimals: 1 },
  ]
  metadata.dataElements.push({ id: DV_DE, name: 'ANC visits (aggregate)', valueType: 'INTEGER_ZERO_OR_POSITIVE', aggregationType: 'SUM', domainType: 'AGGREGATE' })
  metadata.dataSets = [{ id: DS, name: 'Private report', periodType: 'Monthly', timelyDays: 15, organisationUnits: [{ id: F1 }, { id: F2 }] }]
  metadata.categoryOptionCombos = [{ id: COC, name: 'default' }]
  return {
    metadata,
    orgUnits: [ou(R, 1, `/${R}`), ou(D, 2, `/${R}/${D}`, R), ou(F1, 3, `/${R}/${D}/${F1}`, D), ou(F2, 3, `/${R}/${D}/${F2}`, D)],
    orgUnitGroups: [
      { id: G_PUB, name: 'Public', shortName: 'Public', organisationUnits: [F1] },
      { id: G_PRIV, name: 'Private', shortName: 'Private', organisationUnits: [F2] },
    ],
    orgUnitGroupSets: [{ id: GS, name: 'Ownership', shortName: 'Ownership', dataDimension: true, organisationUnitGroups: [G_PUB, G_PRIV] }],
    trackedEntities: [
      // m1 at F1: ANC1 Jan 2025 (10 w, FPC yes), ANC2 Feb 2025 (FPC no), delivery Mar 2025 facility
      mother('m1AAAAAAAAA', F1, '2024-11-01', '2025-01-10', [
        event(ANC, F1, '2025-01-10', { [CONTACT]: '1', [GA]: '10', [FPC]: 'true' }),
        event(ANC, F1, '2025-02-10', { [CONTACT]: '2', [GA]: '14', [FPC]: 'false' }),
        event(DEL, F1, '2025-03-05', { [PLACE]: 'FACILITY', [FPC]: 'true' }),
      ]),
      // m2 at F2: ANC1 Jan 2025 (20 w, FPC yes), delivery at home in Feb 2025
      mother('m2AAAAAAAAA', F2, '2024-09-01', '2025-01-20', [
        event(ANC, F2, '2025-01-20', { [CONTACT]: '1', [GA]: '20', [FPC]: 'true' }),
        event(DEL, F2, '2025-02-25', { [PLACE]: 'HOME' }),
        event(ANC, F2, '2025-01-25', { [CONTACT]: '2', [FPC]: 'true' }, true),
      ]),
      // m3 at F1 (2024): ANC1 without the FP question
      mother('m3AAAAAAAAA', F1, '2024-04-01', '2024-06-15', [event(ANC, F1, '2024-06-15', { [CONTACT]: '1', [GA]: '11' })]),
      // deleted mother
      mother('m4AAAAAAAAA', F1, '2024-10-01', '2025-01-05', [event(ANC, F1, '2025-01-05', { [CONTACT]: '1', [FPC]: 'true' })], { deleted: true }),
    ],
    relationships: [],
    dataValues: [
      { dataElement: DV_DE, period: '202501', orgUnit: F1, categoryOptionCombo: COC, attributeOptionCombo: COC, value: '12' },
      { dataElement: DV_DE, period: '202502', orgUnit: F1, categoryOptionCombo: COC, attributeOptionCombo: COC, value: '8' },
      { dataElement: DV_DE, period: '202501', orgUnit: F2, categoryOptionCombo: COC, attributeOptionCombo: COC, value: '5' },
    ],
    completeRegistrations: [
      { dataSet: DS, period: '202501', organisationUnit: F1, date: '2025-02-10T10:00:00.000', completed: true },
      { dataSet: DS, period: '202502', organisationUnit: F1, date: '2025-04-20T10:00:00.000', completed: true },
      { dataSet: DS, period: '202501', organisationUnit: F2, date: '2025-02-14T10:00:00.000', completed: true },
    ],
    userOrgUnits: [D],
    version: '2.41',
    today: '2025-04-15',
  }
}

const ctx = context()
function query(qs: string) {
  const res = runAnalytics(new URLSearchParams(qs), ctx)
  return res as { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any
}
function values(qs: string): Record<string, string> {
  const { body, status } = query(qs)
  expect(status).toBe(200)
  const names = body.headers.map((h: { name: string }) => h.name)
  const vi = names.indexOf('value')
  const out: Record<string, string> = {}
  for (const r of body.rows) out[r.slice(0, vi).join('|')] = r[vi]
  return out
}

describe('runAnalytics: program indicators', () => {
  it('counts events per month by evaluating the filter (deleted records excluded)', () => {
    expect(values(`dimension=dx:piAncVisits;piAncFpc001&dimension=pe:202501;202502&dimension=ou:${R}`)).toEqual({
      [`piAncVisits|202501|${R}`]: '2',
      [`piAncVisits|202502|${R}`]: '1',
      [`piAncFpc001|202501|${R}`]: '2',
    })
  })
  it('reads #{stage.de} only from events of that stage (delivery FP counselling is not ANC)', () => {
    expect(values(`dimension=dx:piAncFpc001&dimension=pe:202503&dimension=ou:${R}`)).toEqual({})
  })
  it('combines conditions and averages an expression', () => {
    expect(values(`dimension=dx:piAnc1Early;piGaAverage&dimension=pe:2025&filter=ou:${R}`)).toEqual({ 'piAnc1Early|2025': '1', 'piGaAverage|2025': '15' })
    expect(values(`dimension=dx:piAnc1AAAAA&dimension=pe:2024;2025&dimension=ou:${F1};${F2}`)).toEqual({
      [`piAnc1AAAAA|2024|${F1}`]: '1',
      [`piAnc1AAAAA|2025|${F1}`]: '1',
      [`piAnc1AAAAA|2025|${F2}`]: '1',
    })
  })
  it('applies default-like period boundaries and offset boundaries on the incident date', () => {
    expect(values(`dimension=dx:piFacDel001&dimension=pe:2025Q1&dimension=ou:${R}`)).toEqual({ [`piFacDel001|2025Q1|${R}`]: '1' })
    // LMP 2024-11 is 3 months before 2025-02; LMP 2024-09 is 3 months before 2024-12
    expect(values(`dimension=dx:piLmpBefore&dimension=pe:202502;202412&dimension=ou:${R}`)).toEqual({ [`piLmpBefore|202502|${R}`]: '1', [`piLmpBefore|202412|${R}`]: '1' })
    expect(values(`dimension=dx:piMothers01&dimension=pe:2025&dimension=ou:${R}`)).toEqual({ [`piMothers01|2025|${R}`]: '2' })
  })
  it('answers 409 naming the program indicator when its expression cannot be evaluated', () => {
    const bad = query(`dimension=dx:piBadExpr01&dimension=pe:2025&dimension=ou:${R}`)
    expect(bad.status).toBe(409)
    expect(bad.body).toMatchObject({ httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', errorCode: 'E7133' })
    expect(bad.body.message).toContain('piBadExpr01')
    const unsupported = query(`dimension=dx:piUnknownV1&dimension=pe:2025&dimension=ou:${R}`)
    expect(unsupported.status).toBe(409)
    expect(unsupported.body.message).toContain('value_count')
  })
})

describe('runAnalytics: indicators, data elements, reporting rates', () => {
  it('computes an indicator from program indicators with includeNumDen (no value when every numerator item is missing, as DHIS2 skips it)', () => {
    const { body } = query(`dimension=dx:inAncFpc001,pe:202501;202502&filter=ou:${R}&includeNumDen=true`)
    expect(body.headers.map((h: { name: string }) => h.name)).toEqual(['dx', 'pe', 'value', 'numerator', 'denominator', 'factor', 'multiplier', 'divisor'])
    expect(body.rows).toEqual([
      ['inAncFpc001', '202501', '100', '2', '2', '100', '100', '1'],
    ])
  })
  it('sums aggregate data values and computes reporting rates, on time and by group set', () => {
    expect(values(`dimension=dx:${DV_DE};${DS}.REPORTING_RATE;${DS}.REPORTING_RATE_ON_TIME;${DS}.ACTUAL_REPORTS;${DS}.EXPECTED_REPORTS&dimension=pe:2025Q1&dimension=ou:${D}`)).toEqual({
      [`${DV_DE}|2025Q1|${D}`]: '25',
      [`${DS}.REPORTING_RATE|2025Q1|${D}`]: '50',
      [`${DS}.REPORTING_RATE_ON_TIME|2025Q1|${D}`]: '33.33',
      [`${DS}.ACTUAL_REPORTS|2025Q1|${D}`]: '3',
      [`${DS}.EXPECTED_REPORTS|2025Q1|${D}`]: '6',
    })
    expect(values(`dimension=dx:${DS}.REPORTING_RATE&dimension=pe:202501&dimension=${GS}&filter=ou:${R}`)).toEqual({
      [`${DS}.REPORTING_RATE|202501|${G_PUB}`]: '100',
      [`${DS}.REPORTING_RATE|202501|${G_PRIV}`]: '100',
    })
    expect(values(`dimension=dx:inAggAnc001&dimension=pe:2025Q1&filter=ou:${D}`)).toEqual({ 'inAggAnc001|2025Q1': '8.3' })
  })
})

describe('runAnalytics: dimensions and response shape', () => {
  it('resolves LEVEL-n, LEVEL-uid with boundaries, OU_GROUP and USER_ORGUNIT*', () => {
    const ouOf = (qs: string) => query(`dimension=dx:piAncVisits&dimension=pe:2025&${qs}`).body.metaData.dimensions.ou
    expect(ouOf('dimension=ou:LEVEL-3')).toEqual([F1, F2])
    expect(ouOf(`dimension=ou:${D};LEVEL-3`)).toEqual([F1, F2])
    expect(ouOf(`dimension=ou:OU_GROUP-${G_PRIV}`)).toEqual([F2])
    expect(ouOf('dimension=ou:USER_ORGUNIT')).toEqual([D])
    expect(ouOf('dimension=ou:USER_ORGUNIT_CHILDREN')).toEqual([F1, F2])
  })
  it('resolves relative periods with relativePeriodDate and names them in metaData', () => {
    const { body } = query(`dimension=dx:piAncVisits&dimension=pe:LAST_12_MONTHS&filter=ou:${R}&relativePeriodDate=2025-03-15`)
    expect(body.metaData.dimensions.pe[0]).toBe('202403')
    expect(body.metaData.dimensions.pe[11]).toBe('202502')
    expect(body.metaData.items.LAST_12_MONTHS).toEqual({ name: 'Last 12 months' })
    expect(body.metaData.items['202501']).toEqual({ name: 'January 2025' })
  })
  it('returns the DHIS2 grid envelope; skipMeta, skipData and includeMetadataDetails', () => {
    const { body } = query(`dimension=dx:piAncVisits&dimension=ou:${R}&dimension=pe:2025`)
    expect(Object.keys(body).sort()).toEqual(['headerWidth', 'headers', 'height', 'metaData', 'rowContext', 'rows', 'width'])
    expect(body.headers.map((h: { name: string }) => h.name)).toEqual(['dx', 'ou', 'pe', 'value'])
    expect(body.headers[3]).toEqual({ name: 'value', column: 'Value', valueType: 'NUMBER', type: 'java.lang.Double', hidden: false, meta: false })
    expect(body.rows).toEqual([['piAncVisits', R, '2025', '3']])
    expect([body.height, body.width, body.headerWidth]).toEqual([1, 4, 4])
    expect(query(`dimension=dx:piAncVisits&dimension=ou:${R}&dimension=pe:2025&skipMeta=true`).body.metaData).toBeUndefined()
    const empty = query(`dimension=dx:piAncVisits&dimension=ou:${R}&dimension=pe:2025&skipData=true`).body
    expect([empty.rows, empty.height, empty.width]).toEqual([[], 0, 0])
    const det = query(`dimension=dx:piAncVisits&dimension=ou:${R}&dimension=pe:2025&includeMetadataDetails=true`).body
    expect(det.metaData.items.piAncVisits).toMatchObject({ uid: 'piAncVisits', dimensionItemType: 'PROGRAM_INDICATOR' })
    expect(det.metaData.items['2025']).toMatchObject({ startDate: '2025-01-01T00:00:00.000', endDate: '2025-12-31T00:00:00.000' })
  })
  it('rejects bad requests like DHIS2', () => {
    expect(query(`dimension=pe:2025&dimension=ou:${R}`).body.errorCode).toBe('E7102')
    expect(query(`dimension=dx:piAncVisits&dimension=ou:${R}`).body.errorCode).toBe('E7104')
    expect(query(`dimension=dx:nopeNOPE123&dimension=pe:2025`).body).toMatchObject({ httpStatusCode: 409, errorCode: 'E7124' })
    expect(query(`dimension=dx:piAncVisits&dimension=pe:2025&filter=pe:2024`).body.errorCode).toBe('E7103')
    expect(query(`dimension=dx:piAncVisits&dimension=pe:2025&dimension=abcdefghijk:x`).body.errorCode).toBe('E7125')
    expect(query(`dimension=dx:piAncVisits&dimension=pe:2025X`).status).toBe(409)
  })
})

describe('runAnalytics: columnar fast path (one pass per stage, cached columns)', () => {
  // A fresh context per test: the caches live on the context object.
  function withPis(extra: Array<Record<string, unknown>>): AnalyticsContext {
    const c = context()
    c.metadata.programIndicators = [...c.metadata.programIndicators, ...extra.map((x) => ({ id: String(x.id), name: `PI ${String(x.id)}`, program: { id: MOTHER }, analyticsType: 'EVENT', aggregationType: 'COUNT', expression: 'V{event_count}', ...x }))]
    return c
  }
  const run = (c: AnalyticsContext, qs: string) => {
    const { status, body } = runAnalytics(new URLSearchParams(qs), c) as { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(status).toBe(200)
    return Object.fromEntries(body.rows.map((r: string[]) => [r.slice(0, -1).join('|'), r[r.length - 1]]))
  }

  it('keeps V{current_date} results per relativePeriodDate (no stale cache across "today")', () => {
    const c = withPis([{ id: 'piDaysAgo01', expression: 'd2:daysBetween(V{event_date}, V{current_date})', filter: `V{program_stage_id} == '${ANC}' && #{${ANC}.${CONTACT}} == 1`, aggregationType: 'SUM' }])
    // ANC1 events in 2025: 2025-01-10 (F1) and 2025-01-20 (F2)
    expect(run(c, `dimension=dx:piDaysAgo01&dimension=pe:2025&filter=ou:${R}&relativePeriodDate=2025-02-01`)).toEqual({ 'piDaysAgo01|2025': String(22 + 12) })
    expect(run(c, `dimension=dx:piDaysAgo01&dimension=pe:2025&filter=ou:${R}&relativePeriodDate=2025-03-01`)).toEqual({ 'piDaysAgo01|2025': String(50 + 40) })
    expect(run(c, `dimension=dx:piDaysAgo01&dimension=pe:2025&filter=ou:${R}&relativePeriodDate=2025-02-01`)).toEqual({ 'piDaysAgo01|2025': String(22 + 12) })
  })

  it('evaluates a filter without a stage conjunct stage by stage (a || b, #{} of another stage reads nothing)', () => {
    // (ANC stage && FPC) || delivery place FACILITY: ANC events with FPC yes (2 in 2025) + facility delivery (1)
    const c = withPis([{ id: 'piOrFilter1', filter: `V{program_stage_id} == '${ANC}' && #{${ANC}.${FPC}} == 1 || #{${DEL}.${PLACE}} == 'FACILITY'` }])
    expect(run(c, `dimension=dx:piOrFilter1&dimension=pe:202501;202502;202503&filter=ou:${R}`)).toEqual({ 'piOrFilter1|202501': '2', 'piOrFilter1|202503': '1' })
  })

  it('gives the same values for overlapping periods and org units, warm or cold, and after warmAnalytics', () => {
    const qs = `dimension=dx:piAncVisits;piAncFpc001;piGaAverage;inAncFpc001&dimension=pe:2025Q1;202501;2025&dimension=ou:${R};${D};${F2}`
    const expected = {
      [`piAncVisits|2025Q1|${R}`]: '3', [`piAncVisits|202501|${R}`]: '2', [`piAncVisits|2025|${R}`]: '3',
      [`piAncVisits|2025Q1|${D}`]: '3', [`piAncVisits|202501|${D}`]: '2', [`piAncVisits|2025|${D}`]: '3',
      [`piAncVisits|2025Q1|${F2}`]: '1', [`piAncVisits|202501|${F2}`]: '1', [`piAncVisits|2025|${F2}`]: '1',
      [`piAncFpc001|2025Q1|${R}`]: '2', [`piAncFpc001|202501|${R}`]: '2', [`piAncFpc001|2025|${R}`]: '2',
      [`piAncFpc001|2025Q1|${D}`]: '2', [`piAncFpc001|202501|${D}`]: '2', [`piAncFpc001|2025|${D}`]: '2',
      [`piAncFpc001|2025Q1|${F2}`]: '1', [`piAncFpc001|202501|${F2}`]: '1', [`piAncFpc001|2025|${F2}`]: '1',
      [`piGaAverage|2025Q1|${R}`]: '15', [`piGaAverage|202501|${R}`]: '15', [`piGaAverage|2025|${R}`]: '15',
      [`piGaAverage|2025Q1|${D}`]: '15', [`piGaAverage|202501|${D}`]: '15', [`piGaAverage|2025|${D}`]: '15',
      [`piGaAverage|2025Q1|${F2}`]: '20', [`piGaAverage|202501|${F2}`]: '20', [`piGaAverage|2025|${F2}`]: '20',
      [`inAncFpc001|2025Q1|${R}`]: '66.67', [`inAncFpc001|202501|${R}`]: '100', [`inAncFpc001|2025|${R}`]: '66.67',
      [`inAncFpc001|2025Q1|${D}`]: '66.67', [`inAncFpc001|202501|${D}`]: '100', [`inAncFpc001|2025|${D}`]: '66.67',
      [`inAncFpc001|2025Q1|${F2}`]: '100', [`inAncFpc001|202501|${F2}`]: '100', [`inAncFpc001|2025|${F2}`]: '100',
    }
    const cold = context()
    expect(run(cold, qs)).toEqual(expected)
    expect(run(cold, qs)).toEqual(expected)
    const warmed = context()
    expect(warmAnalytics(warmed)).toBeGreaterThanOrEqual(0)
    expect(run(warmed, qs)).toEqual(expected)
  })

  it('sees writes after invalidateAnalytics', () => {
    const c = context()
    expect(run(c, `dimension=dx:piAncVisits&dimension=pe:2025&filter=ou:${R}`)).toEqual({ 'piAncVisits|2025': '3' })
    c.trackedEntities[0].enrollments[0].events.push(event(ANC, F1, '2025-05-01', { [CONTACT]: '3' }) as (typeof c.trackedEntities)[0]['enrollments'][0]['events'][0])
    expect(run(c, `dimension=dx:piAncVisits&dimension=pe:2025&filter=ou:${R}`)).toEqual({ 'piAncVisits|2025': '3' })
    invalidateAnalytics(c)
    expect(run(c, `dimension=dx:piAncVisits&dimension=pe:2025&filter=ou:${R}`)).toEqual({ 'piAncVisits|2025': '4' })
  })
})
