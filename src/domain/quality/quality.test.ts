/** @jest-environment node */
import { ATTR, DE, STAGE, ids } from '../../../metadata/src/vocabulary'
import { buildPairs } from '../pairs/link'
import { parseTrackedEntities } from '../pairs/parse'
import { OU, OU2, TrackerBuilder } from '../test-utils/builder'
import type { TrackedEntity } from '../tracker'
import { checkAggregateRules, parseSumExpression, serverViolationsFinding, type ValidationRuleDef } from './aggregate'
import { computeCompleteness } from './completeness'
import { compareProgramIndicator, crossCheck, type ServerProgramIndicator } from './crosscheck'
import { PAIR_PROBLEM_RULE, QUALITY_RULES } from './rules'
import { checkTrackerQuality, WHO_GROWTH, type GrowthCheck } from './tracker'
import type { QualityCode, QualityFinding } from './types'
import { CATALOG } from '../indicators/catalog'

const TODAY = '2025-06-30'

function run(entities: TrackedEntity[], extra: { growth?: GrowthCheck; period?: { start: string; end: string }; inScope?: (ou: string) => boolean } = {}): Map<QualityCode, QualityFinding> {
  const parsed = parseTrackedEntities(entities)
  const pairs = buildPairs(parsed.entities, undefined, parsed.index)
  const findings = checkTrackerQuality({ entities: parsed.entities, problems: [...parsed.problems, ...pairs.problems], today: TODAY, growth: extra.growth }, { period: extra.period, inScope: extra.inScope })
  return new Map(findings.map((f) => [f.code, f]))
}

const count = (m: Map<QualityCode, QualityFinding>, code: QualityCode): number => m.get(code)?.count ?? -1

function setAttr(te: TrackedEntity, code: string, value: string): void {
  te.attributes.push({ attribute: ids.attribute(code), value })
}

describe('rule registry', () => {
  it('has a FR and EN title and explanation for every rule, codes unique', () => {
    const codes = new Set<string>()
    for (const r of QUALITY_RULES) {
      expect(codes.has(r.code)).toBe(false)
      codes.add(r.code)
      for (const x of [r.title, r.explanation]) {
        expect(x.en.length).toBeGreaterThan(3)
        expect(x.fr.length).toBeGreaterThan(3)
        expect(x.fr).not.toEqual(x.en)
      }
    }
    for (const target of Object.values(PAIR_PROBLEM_RULE)) if (target) expect(codes.has(target)).toBe(true)
  })
})

describe('a clean pair has no finding', () => {
  it('reports zero everywhere', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-06-01' })
    b.anc(m, '2024-08-01', { [DE.ANC_CONTACT_NO]: '1', [DE.FP_COUNSELLED]: 'true' })
    b.delivery(m, '2025-03-01', { [DE.DEL_LIVE_BIRTHS]: '1', [DE.DEL_PLACE]: 'FACILITY' })
    const i = b.infant({ dob: '2025-03-01' })
    b.birth(i, '2025-03-01', { [DE.BIRTH_WEIGHT_G]: '3100' })
    b.link(m, i)
    const f = run(b.entities)
    for (const x of f.values()) expect([x.code, x.count]).toEqual([x.code, 0])
  })
})

describe('pair linkage', () => {
  it('infant without mother, delivery without infant, two mothers, duplicated relationship, deleted record', () => {
    const b = new TrackerBuilder()
    // infant without mother
    const lone = b.infant({ dob: '2025-01-10' })
    // delivery with a live birth but no infant
    const m1 = b.mother({ lmp: '2024-04-01' })
    b.delivery(m1, '2025-01-05', { [DE.DEL_LIVE_BIRTHS]: '1' })
    // infant linked to two mothers
    const m2 = b.mother({ lmp: '2024-04-01' })
    b.delivery(m2, '2025-01-02', { [DE.DEL_LIVE_BIRTHS]: '1' })
    const m3 = b.mother({ lmp: '2024-04-01' })
    const twoMothers = b.infant({ dob: '2025-01-02' })
    b.link(m2, twoMothers)
    b.link(m3, twoMothers)
    // duplicated relationship
    const m4 = b.mother({ lmp: '2024-04-01' })
    b.delivery(m4, '2025-01-03', { [DE.DEL_LIVE_BIRTHS]: '1' })
    const dup = b.infant({ dob: '2025-01-03' })
    b.link(m4, dup)
    b.link(m4, dup)
    // relationship to a deleted infant
    const m5 = b.mother({ lmp: '2024-04-01' })
    const gone = b.infant({ dob: '2025-01-04' })
    gone.te.deleted = true
    b.link(m5, gone)
    const f = run(b.entities)
    expect(f.get('INFANT_WITHOUT_MOTHER')!.records.map((r) => r.entity)).toEqual([lone.te.trackedEntity])
    expect(f.get('INFANT_WITHOUT_MOTHER')!.records[0]).toMatchObject({ enrollment: lone.en.enrollment, program: ids.program('DYAD_INFANT'), orgUnit: OU, date: '2025-01-10' })
    expect(f.get('DELIVERY_WITHOUT_INFANT')!.records.map((r) => r.entity)).toEqual([m1.te.trackedEntity])
    expect(f.get('DELIVERY_WITHOUT_INFANT')!.records[0].event).toBeDefined()
    expect(f.get('INFANT_TWO_MOTHERS')!.records.map((r) => r.entity)).toEqual([twoMothers.te.trackedEntity])
    expect(count(f, 'DUPLICATE_RELATIONSHIP')).toBe(1)
    expect(f.get('RELATIONSHIP_TO_DELETED')!.records[0].entity).toBe(m5.te.trackedEntity)
  })

  it('relationship to a record outside the data read is info, not an error', () => {
    const b = new TrackerBuilder()
    const i = b.infant({ dob: '2025-01-10' })
    b.linkTo(i, 'teOutside01', true)
    const f = run(b.entities)
    expect(count(f, 'RELATIONSHIP_OUTSIDE_DATA')).toBe(1)
    expect(f.get('RELATIONSHIP_OUTSIDE_DATA')!.severity).toBe('info')
    expect(count(f, 'INFANT_WITHOUT_MOTHER')).toBe(0)
  })

  it('duplicate pairs: same person twice, same pregnancy in two enrollments; twins are not duplicates', () => {
    const b = new TrackerBuilder()
    const a = b.mother({ lmp: '2024-04-01' })
    const a2 = b.mother({ lmp: '2024-04-01' })
    for (const te of [a.te, a2.te]) {
      setAttr(te, ATTR.FIRST_NAME, 'Aïssata')
      setAttr(te, ATTR.LAST_NAME, 'Traoré')
      setAttr(te, ATTR.DOB, '1998-02-03')
    }
    a2.te.attributes[0].value = 'AISSATA ' // typed differently
    // one mother, the same pregnancy twice (deliveries 3 days apart)
    const c = b.mother({ lmp: '2024-03-01' })
    b.delivery(c, '2024-12-01', { [DE.DEL_LIVE_BIRTHS]: '0', [DE.DEL_STILLBIRTHS]: '1' })
    const c2 = b.pregnancy(c, '2024-03-05')
    b.delivery(c2, '2024-12-04', { [DE.DEL_LIVE_BIRTHS]: '0', [DE.DEL_STILLBIRTHS]: '1' })
    // a real second pregnancy a year later is not a duplicate
    const c3 = b.pregnancy(c, '2025-03-01')
    b.anc(c3, '2025-04-01', { [DE.ANC_CONTACT_NO]: '1' })
    // twins: same last name and date of birth, different first names
    const m = b.mother({ lmp: '2024-04-01' })
    b.delivery(m, '2025-01-05', { [DE.DEL_LIVE_BIRTHS]: '2' })
    for (const name of ['Awa', 'Adama']) {
      const i = b.infant({ dob: '2025-01-05' })
      setAttr(i.te, ATTR.FIRST_NAME, name)
      setAttr(i.te, ATTR.LAST_NAME, 'Diallo')
      setAttr(i.te, ATTR.DOB, '2025-01-05')
      setAttr(i.te, ATTR.SEX, 'F')
      b.link(m, i)
    }
    const f = run(b.entities)
    const recs = f.get('DUPLICATE_PAIR')!.records
    expect(recs.map((r) => r.entity ?? r.enrollment).sort()).toEqual([a2.te.trackedEntity, c.te.trackedEntity].sort())
    expect(recs.find((r) => r.entity === c.te.trackedEntity)!.enrollment).toBe(c2.en.enrollment)
    expect(recs.find((r) => r.entity === a2.te.trackedEntity)!.detail.en).toContain(a.te.trackedEntity)
  })
})

describe('impossible and implausible values', () => {
  it('birth weight out of 500–6000 g (bounds inclusive)', () => {
    const b = new TrackerBuilder()
    for (const w of ['499', '500', '6000', '6001', '3.2']) {
      const i = b.infant({ dob: '2025-01-01' })
      b.birth(i, '2025-01-01', { [DE.BIRTH_WEIGHT_G]: w })
    }
    const f = run(b.entities)
    expect(f.get('BIRTH_WEIGHT_OUT_OF_RANGE')!.records.map((r) => r.detail.en.split(' ')[2])).toEqual(['499', '6,001', '3.2'])
    // numbers as each language writes them
    expect(f.get('BIRTH_WEIGHT_OUT_OF_RANGE')!.records.map((r) => r.detail.fr)).toEqual([expect.stringContaining('499 g'), expect.stringMatching(/6\s001 g/), expect.stringContaining('3,2 g')])
  })

  it('dates in the future: events (not scheduled ones) and enrollments', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2025-07-10' }) // LMP in the future
    b.anc(m, '2025-07-15', { [DE.ANC_CONTACT_NO]: '1' })
    b.anc(m, '2025-08-15', {}, { status: 'SCHEDULE' }) // planned: not a problem
    const f = run(b.entities)
    const recs = f.get('DATE_IN_FUTURE')!.records
    expect(recs).toHaveLength(3) // enrolledAt, occurredAt (same date) and the ANC event
    expect(recs.filter((r) => r.event).length).toBe(1)
    // dates as each language writes them, not ISO
    expect(recs.find((r) => r.event)!.detail.en).not.toMatch(/\d{4}-\d\d-\d\d/)
    expect(recs.find((r) => r.event)!.detail.fr).toMatch(/\d{1,2} [a-zéû.]+ \d{4}/)
  })

  it('delivery before the first ANC contact or more than 9 months after it', () => {
    const b = new TrackerBuilder()
    const early = b.mother({ lmp: '2024-01-01' })
    b.anc(early, '2024-06-01')
    const d1 = b.delivery(early, '2024-05-01', { [DE.DEL_LIVE_BIRTHS]: '0' })
    const late = b.mother({ lmp: '2024-01-01' })
    b.anc(late, '2024-01-20')
    const d2 = b.delivery(late, '2024-10-25', { [DE.DEL_LIVE_BIRTHS]: '0' })
    const ok = b.mother({ lmp: '2024-01-01' })
    b.anc(ok, '2024-02-01')
    b.delivery(ok, '2024-10-01', { [DE.DEL_LIVE_BIRTHS]: '0' })
    const f = run(b.entities)
    expect(f.get('DELIVERY_ANC_DATES')!.records.map((r) => r.event)).toEqual([d1.event, d2.event])
  })

  it('events after the enrollment was completed (completedAt kept from the wire)', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-01-01' })
    b.anc(m, '2024-03-01')
    const after = b.pnc(m, '2024-12-01')
    m.en.status = 'COMPLETED'
    ;(m.en as typeof m.en & { completedAt: string }).completedAt = '2024-11-01T10:00:00.000'
    const f = run(b.entities)
    expect(f.get('EVENT_AFTER_COMPLETION')!.records.map((r) => r.event)).toEqual([after.event])
  })

  it('PNC before delivery, ANC after delivery, contact before the LMP come from the linker', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-01-01' })
    b.anc(m, '2023-12-01')
    b.delivery(m, '2024-10-01', { [DE.DEL_LIVE_BIRTHS]: '0' })
    b.anc(m, '2024-10-05')
    b.pnc(m, '2024-09-30')
    const f = run(b.entities)
    expect(count(f, 'PNC_BEFORE_DELIVERY')).toBe(1)
    expect(count(f, 'ANC_AFTER_DELIVERY')).toBe(1)
    expect(count(f, 'EVENT_BEFORE_INCIDENT')).toBeGreaterThanOrEqual(1)
  })

  it('z-scores flagged implausible by the growth functions, with age and sex', () => {
    const b = new TrackerBuilder()
    const i = b.infant({ dob: '2025-01-01' })
    setAttr(i.te, ATTR.SEX, 'M')
    const bad = b.visit(i, '2025-03-02', { [DE.INF_WEIGHT_KG]: '45' })
    b.visit(i, '2025-04-01', { [DE.INF_WEIGHT_KG]: '5.6' })
    const calls: unknown[] = []
    const growth: GrowthCheck = {
      zScore: (kind, sex, age, m) => {
        calls.push([kind, sex, age, m])
        return kind === 'wfa' ? (m - 5) / 0.6 : null
      },
      isImplausible: (kind, z) => kind === 'wfa' && (z < -6 || z > 5),
    }
    const f = run(b.entities, { growth })
    expect(f.get('Z_SCORE_IMPLAUSIBLE')!.records.map((r) => r.event)).toEqual([bad.event])
    expect(calls).toContainEqual(['wfa', 'M', 60, 45])
    const without = run(b.entities)
    expect(without.get('Z_SCORE_IMPLAUSIBLE')!.notEvaluated).toBeDefined()
  })

  it('unreadable values and dates from the parser', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-01-01' })
    b.anc(m, '2024-03-01', { [DE.FP_COUNSELLED]: 'yes' })
    b.anc(m, 'not-a-date')
    const f = run(b.entities)
    expect(count(f, 'VALUE_INVALID')).toBe(1)
    expect(count(f, 'DATE_MISSING_OR_INVALID')).toBe(1)
  })
})

describe('period and org-unit scope', () => {
  it('keeps records dated in the period and in the subtree', () => {
    const b = new TrackerBuilder()
    const i1 = b.infant({ dob: '2025-01-10' })
    b.infant({ dob: '2025-03-10' }) // outside the period
    b.infant({ dob: '2025-01-11', orgUnit: OU2 }) // outside the subtree
    const f = run(b.entities, { period: { start: '2025-01-01', end: '2025-01-31' }, inScope: (ou) => ou === OU })
    expect(f.get('INFANT_WITHOUT_MOTHER')!.records.map((r) => r.entity)).toEqual([i1.te.trackedEntity])
  })
})

describe('completeness per stage', () => {
  it('share of ANC contacts with FP counselling recorded (yes or no), counted like the engine', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-01-01' })
    b.anc(m, '2024-03-01', { [DE.FP_COUNSELLED]: 'true' })
    b.anc(m, '2024-03-15', { [DE.FP_COUNSELLED]: 'false' })
    const missing = b.anc(m, '2024-03-20', {})
    b.anc(m, '2024-03-25', {}, { status: 'SCHEDULE' }) // not a contact
    b.anc(m, '2024-04-02', {}) // outside the period
    b.anc(m, '2024-03-21', {}, { deleted: true })
    const res = computeCompleteness(b.entities, { period: { start: '2024-03-01', end: '2024-03-31' } })
    const anc = res.find((s) => s.stage === STAGE.ANC)!
    expect(anc.contacts).toBe(3)
    const fp = anc.items.find((x) => x.dataElement === DE.FP_COUNSELLED)!
    expect(fp.recorded).toBe(2)
    expect(fp.percent).toBeCloseTo(66.667, 2)
    expect(fp.missing.map((r) => r.event)).toEqual([missing.event])
    expect(res.find((s) => s.stage === STAGE.BIRTH)!.items[0].percent).toBeNull()
  })
})

describe('aggregate consistency rules', () => {
  const ANC1 = 'aggDeAnc001'
  const ANC4 = 'aggDeAnc004'
  const BY_METHOD = 'aggDeFpMeth'
  const BY_AGE = 'aggDeFpAge1'
  const C1 = 'cocAAAAAAA1'
  const C2 = 'cocAAAAAAA2'
  const rules: ValidationRuleDef[] = [
    { id: 'vrAnc4LeAn1', code: 'DYAD_VR_ANC4_LE_ANC1', name: 'ANC4 ≤ ANC1', operator: 'less_than_or_equal_to', leftSide: { expression: `#{${ANC4}}` }, rightSide: { expression: `#{${ANC1}}` } },
    { id: 'vrMethodAge', name: 'Σ method = Σ age', operator: 'equal_to', leftSide: { expression: `#{${BY_METHOD}.${C1}} + #{${BY_METHOD}.${C2}}`, missingValueStrategy: 'NEVER_SKIP' }, rightSide: { expression: `#{${BY_AGE}}`, missingValueStrategy: 'NEVER_SKIP' } },
    { id: 'vrComplex01', name: 'Complex', operator: 'less_than_or_equal_to', leftSide: { expression: `#{${ANC4}} * 2` }, rightSide: { expression: `#{${ANC1}}` } },
  ]
  const dv = (dataElement: string, period: string, orgUnit: string, value: string, categoryOptionCombo = C1) => ({ dataElement, period, orgUnit, value, categoryOptionCombo, attributeOptionCombo: 'aocDefault1' })

  it('parses sums of data values only', () => {
    expect(parseSumExpression(`#{${ANC1}} + #{${ANC4}.${C1}} + 2`)).toEqual({ terms: [{ dataElement: ANC1 }, { dataElement: ANC4, categoryOptionCombo: C1 }], constant: 2 })
    expect(parseSumExpression(`#{${ANC1}.*}`)).toEqual({ terms: [{ dataElement: ANC1 }], constant: 0 })
    expect(parseSumExpression(`#{${ANC1}} - #{${ANC4}}`)).toBeNull()
  })

  it('finds ANC4 > ANC1 and Σ method ≠ Σ age per org unit and month; skips cells with nothing reported', () => {
    const values = [
      dv(ANC1, '202501', OU, '10'),
      dv(ANC4, '202501', OU, '12'), // violation
      dv(ANC1, '202502', OU, '10'),
      dv(ANC4, '202502', OU, '8'),
      dv(ANC1, '202501', OU2, '5'), // ANC4 missing: ANC4 side all missing → skipped (default strategy)
      dv(BY_METHOD, '202501', OU, '3', C1),
      dv(BY_METHOD, '202501', OU, '4', C2),
      dv(BY_AGE, '202501', OU, '6'), // 7 ≠ 6
      dv(BY_METHOD, '202502', OU, '2', C1),
      dv(BY_AGE, '202502', OU, '2'),
      dv(ANC1, '202502', OU2, 'abc'), // not a number: ignored
    ]
    const res = checkAggregateRules(rules, values)
    const byId = new Map(res.rules.map((r) => [r.id, r]))
    expect(byId.get('vrAnc4LeAn1')).toMatchObject({ checked: 2, violated: 1 })
    expect(byId.get('vrMethodAge')).toMatchObject({ checked: 2, violated: 1 })
    expect(byId.get('vrComplex01')!.notEvaluated).toBeDefined()
    expect(res.finding.count).toBe(2)
    expect(res.finding.records[0]).toMatchObject({ orgUnit: OU, date: '2025-01-01', period: '202501' })
    expect(res.finding.records[0].detail.en).toBe('ANC4 ≤ ANC1 (January 2025): 12 ≤ 10 is false.')
    expect(res.finding.records[0].detail.fr).toBe('ANC4 ≤ ANC1 (janvier 2025) : 12 ≤ 10 est faux.')
  })

  it('maps DHIS2 validation analysis results', () => {
    const f = serverViolationsFinding([{ validationRuleId: 'vr1', validationRuleDescription: 'PPFP ≤ deliveries', organisationUnitId: OU, periodId: '202503', leftSideValue: 5, rightSideValue: 3, operator: '<=' }])
    expect(f.count).toBe(1)
    expect(f.records[0]).toMatchObject({ orgUnit: OU, date: '2025-03-01', period: '202503' })
    expect(f.records[0].detail.fr).toContain('(mars 2025)')
  })
})

describe('cross-check', () => {
  const FPC = CATALOG.find((d) => d.code === 'ANC_FPC')!
  const ANC = ids.stage(STAGE.ANC)
  const FP = ids.dataElement(DE.FP_COUNSELLED)
  const goodNum: ServerProgramIndicator = {
    id: 'piNum000001',
    analyticsType: 'EVENT',
    expression: 'V{event_count}',
    filter: `V{program_stage_id} == '${ANC}' && (V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED') && (d2:hasValue(#{${ANC}.${FP}}) && #{${ANC}.${FP}} == 1)`,
    analyticsPeriodBoundaries: [{ boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'AFTER_START_OF_REPORTING_PERIOD' }],
  }
  const goodDen: ServerProgramIndicator = { id: 'piDen000001', analyticsType: 'EVENT', expression: 'V{event_count}', filter: `V{program_stage_id} == '${ANC}' && (V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED')` }

  it('accepts a faithful translation and names each structural difference', () => {
    expect(compareProgramIndicator(FPC.numerator!, goodNum)).toEqual([])
    expect(compareProgramIndicator(FPC.denominator!, goodDen)).toEqual([])
    const wrong = { ...goodNum, filter: goodNum.filter!.replace('== 1', '== 0') }
    expect(compareProgramIndicator(FPC.numerator!, wrong).map((d) => d.en)).toEqual([expect.stringContaining('DYAD_FP_COUNSELLED eq true')])
    const noStage = { ...goodNum, filter: goodNum.filter!.replace(`V{program_stage_id} == '${ANC}' && `, '') }
    expect(compareProgramIndicator(FPC.numerator!, noStage).map((d) => d.en)).toEqual([expect.stringContaining('stage')])
    const enrollment = { ...goodDen, analyticsType: 'ENROLLMENT', expression: 'V{enrollment_count}' }
    expect(compareProgramIndicator(FPC.denominator!, enrollment)).toHaveLength(2)
  })

  it('flags differences with their causes', () => {
    const num = FPC.programIndicators!.numerator
    const den = FPC.programIndicators!.denominator!
    const only = [FPC]
    const same = crossCheck({ catalog: only, engine: { [num]: 5, [den]: 10 }, analytics: { [num]: 5, [den]: 10 }, serverPIs: { [num]: goodNum, [den]: goodDen } })
    expect(same.rows[0]).toMatchObject({ status: 'match', causes: [], engine: { value: 50 }, analytics: { value: 50 } })
    const stale = crossCheck({
      catalog: only,
      engine: { [num]: 6, [den]: 10 },
      analytics: { [num]: 5, [den]: 10 },
      serverPIs: { [num]: goodNum, [den]: goodDen },
      freshness: { lastAnalyticsTableSuccess: '2025-01-01T02:00:00.000', newestDataUpdate: '2025-01-03T09:00:00.000' },
    })
    expect(stale.staleAnalytics).toBe(true)
    expect(stale.rows[0].status).toBe('differs')
    expect(stale.rows[0].causes.map((c) => c.code)).toEqual(['STALE_ANALYTICS'])
    const more = crossCheck({ catalog: only, engine: { [num]: 5, [den]: 10 }, analytics: { [num]: 5, [den]: 12 }, serverPIs: { [num]: goodNum, [den]: { ...goodDen, filter: `V{event_status} == 'COMPLETED'` } }, freshness: { lastAnalyticsTableSuccess: '2025-01-05T00:00:00.000', newestDataUpdate: '2025-01-03T09:00:00.000' } })
    expect(more.rows[0].causes.map((c) => c.code)).toEqual(['DEFINITION_DIFFERS', 'OUTSIDE_SCOPE'])
    const missing = crossCheck({ catalog: only, engine: { [num]: 5, [den]: 10 }, analytics: {}, serverPIs: {} })
    expect(missing.rows[0]).toMatchObject({ status: 'missing', analytics: null })
    expect(missing.summary).toEqual({ match: 0, differs: 0, missing: 1 })
    const unexplained = crossCheck({ catalog: only, engine: { [num]: 7, [den]: 10 }, analytics: { [num]: 5, [den]: 10 }, serverPIs: { [num]: goodNum, [den]: goodDen }, freshness: { lastAnalyticsTableSuccess: '2025-01-05T00:00:00.000', newestDataUpdate: '2025-01-03T09:00:00.000' } })
    expect(unexplained.rows[0].causes.map((c) => c.code)).toEqual(['UNEXPLAINED'])
  })

  it('covers every tracker indicator of the catalog', () => {
    const res = crossCheck({ engine: {}, analytics: {}, serverPIs: {} })
    expect(res.rows.map((r) => r.code)).toEqual(CATALOG.filter((d) => d.kind === 'tracker').map((d) => d.code))
  })
})

describe('with the real WHO growth standard', () => {
  it('flags a 45 kg two-month-old boy and not a 5.6 kg one', () => {
    const b = new TrackerBuilder()
    const i = b.infant({ dob: '2025-01-01' })
    setAttr(i.te, ATTR.SEX, 'M')
    const bad = b.visit(i, '2025-03-02', { [DE.INF_WEIGHT_KG]: '45', [DE.INF_LENGTH_CM]: '58' })
    b.visit(i, '2025-04-01', { [DE.INF_WEIGHT_KG]: '5.6', [DE.INF_LENGTH_CM]: '60', [DE.INF_MUAC_CM]: '12.5' })
    const f = run(b.entities, { growth: WHO_GROWTH })
    const recs = f.get('Z_SCORE_IMPLAUSIBLE')!.records
    expect(recs.map((r) => r.event)).toEqual([bad.event])
    expect(recs[0].detail.en).toMatch(/WAZ \d+\.\d\d \(45 kg\)/)
  })
})
