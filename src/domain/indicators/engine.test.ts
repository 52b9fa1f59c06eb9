/** @jest-environment node */
import { DE, STAGE } from '../../../metadata/src/vocabulary'
import { OU, OU2, TrackerBuilder, type Values } from '../test-utils/builder'
import { CATALOG, indicatorByCode } from './catalog'
import { computeIndicators } from './engine'
import type { IndicatorDef } from './types'

const YEAR = { start: '2024-01-01', end: '2024-12-31' }
const all = (): boolean => true
const T = 'true'
const F = 'false'
type StageName = 'anc' | 'delivery' | 'pnc' | 'birth' | 'visit'
/** One event in its own pair: stage, values, infant age in days (visits), expected [num, den]. */
type Case = [StageName, Values, [number, number], number?]

function run(cases: Case[], code: string): { numerator: number; denominator: number | null } {
  const b = new TrackerBuilder()
  for (const [stage, values, , age] of cases) {
    if (stage === 'anc' || stage === 'delivery' || stage === 'pnc') b[stage](b.mother(), '2024-06-15', values)
    else {
      const dob = '2024-01-01'
      const inf = b.infant({ dob })
      const day = new Date(Date.UTC(2024, 0, 1) + (age ?? 0) * 86400000).toISOString().slice(0, 10)
      b[stage](inf, stage === 'birth' ? dob : day, values)
    }
  }
  const r = computeIndicators(b.entities, { period: { start: '2024-01-01', end: '2025-12-31' }, inScope: all, codes: [code] })
  return r.values[code]
}

const D = DE
const CASES: Record<string, Case[]> = {
  ANC_VISITS: [['anc', {}, [1, 0]], ['anc', { [D.ANC_CONTACT_NO]: '3' }, [1, 0]], ['delivery', {}, [0, 0]]],
  ANC1: [['anc', { [D.ANC_CONTACT_NO]: '1' }, [1, 0]], ['anc', { [D.ANC_CONTACT_NO]: '2' }, [0, 0]], ['anc', {}, [0, 0]]],
  ANC1_12W: [
    ['anc', { [D.ANC_CONTACT_NO]: '1', [D.ANC_GEST_AGE_WEEKS]: '10' }, [1, 1]],
    ['anc', { [D.ANC_CONTACT_NO]: '1', [D.ANC_GEST_AGE_WEEKS]: '12' }, [0, 1]],
    ['anc', { [D.ANC_CONTACT_NO]: '1' }, [0, 1]],
    ['anc', { [D.ANC_CONTACT_NO]: '2', [D.ANC_GEST_AGE_WEEKS]: '8' }, [0, 0]],
  ],
  ANC4: [['anc', { [D.ANC_CONTACT_NO]: '4' }, [1, 0]], ['anc', { [D.ANC_CONTACT_NO]: '5' }, [0, 0]]],
  ANC8: [['anc', { [D.ANC_CONTACT_NO]: '8' }, [1, 0]], ['anc', { [D.ANC_CONTACT_NO]: '4' }, [0, 0]]],
  ANC_FPC: [['anc', { [D.FP_COUNSELLED]: T }, [1, 1]], ['anc', { [D.FP_COUNSELLED]: F }, [0, 1]], ['anc', {}, [0, 1]], ['anc', { [D.FP_COUNSELLED]: 'yes' }, [0, 1]]],
  PMTCT_TEST: [
    ['anc', { [D.ANC_CONTACT_NO]: '1', [D.HIV_TEST_DONE]: T }, [1, 1]],
    ['anc', { [D.ANC_CONTACT_NO]: '2', [D.HIV_TEST_DONE]: T }, [1, 0]],
    ['anc', { [D.ANC_CONTACT_NO]: '1' }, [0, 1]],
  ],
  PAC_FP: [
    ['anc', { [D.ANC_PAC]: T, [D.ANC_PAC_FP_METHOD]: 'IMPLANT_3Y' }, [1, 1]],
    ['anc', { [D.ANC_PAC]: T }, [0, 1]],
    ['anc', { [D.ANC_PAC_FP_METHOD]: 'IUD_CU' }, [0, 0]],
  ],
  PKG_FULL_ANC: [
    ['anc', { [D.FP_COUNSELLED]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T, [D.ANC_IFA_GIVEN]: T, [D.HIV_TEST_OFFERED]: T }, [1, 1]],
    ['anc', { [D.FP_COUNSELLED]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T, [D.ANC_IFA_GIVEN]: T }, [0, 1]],
  ],
  INST_DELIV: [['delivery', { [D.DEL_PLACE]: 'FACILITY' }, [1, 1]], ['delivery', { [D.DEL_PLACE]: 'HOME' }, [0, 1]], ['delivery', {}, [0, 1]], ['delivery', { [D.DEL_PLACE]: 'OTHER_FACILITY' }, [0, 1]]],
  UPPH: [
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.DEL_UTEROTONIC_1MIN]: T }, [1, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY' }, [0, 1]],
    ['delivery', { [D.DEL_PLACE]: 'HOME', [D.DEL_UTEROTONIC_1MIN]: T }, [0, 0]],
  ],
  AMTSL: [
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.DEL_MODE]: 'NORMAL', [D.DEL_AMTSL_FULL]: T }, [1, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.DEL_MODE]: 'ASSISTED' }, [0, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.DEL_MODE]: 'CAESAREAN', [D.DEL_AMTSL_FULL]: T }, [0, 0]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.DEL_AMTSL_FULL]: T }, [0, 0]],
  ],
  PP_FPC: [['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_COUNSELLED]: T }, [1, 1]], ['delivery', { [D.DEL_PLACE]: 'FACILITY' }, [0, 1]], ['delivery', { [D.FP_COUNSELLED]: T }, [0, 0]]],
  PPFP_IMM: [
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_METHOD]: 'IMPLANT_3Y' }, [1, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_METHOD]: 'IUD_POSTPLACENTAL' }, [1, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_METHOD]: 'VASECTOMY' }, [0, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_METHOD]: 'NOT_A_METHOD' }, [0, 1]],
    ['delivery', { [D.DEL_PLACE]: 'HOME', [D.FP_METHOD]: 'POP' }, [0, 0]],
  ],
  ENC: [['birth', { [D.BIRTH_ENC]: T }, [1, 1]], ['birth', {}, [0, 1]]],
  EIBF: [['birth', { [D.BIRTH_BF_1H]: T }, [1, 1]], ['birth', { [D.BIRTH_BF_1H]: F }, [0, 1]]],
  LBW: [['birth', { [D.BIRTH_WEIGHT_G]: '2499' }, [1, 1]], ['birth', { [D.BIRTH_WEIGHT_G]: '2500' }, [0, 1]], ['birth', {}, [0, 0]]],
  NN_RESUS: [['birth', { [D.BIRTH_RESUSCITATED]: T }, [1, 1]], ['birth', { [D.BIRTH_RESUSCITATED]: F }, [0, 1]]],
  NN_INF: [['birth', { [D.BIRTH_INFECTION_TREATED]: T }, [1, 1]], ['birth', {}, [0, 1]]],
  PKG_FULL_DEL: [
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_COUNSELLED]: T, [D.DEL_PARTOGRAPH]: T, [D.DEL_UTEROTONIC_1MIN]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T, [D.HIV_RESULT]: 'NEGATIVE' }, [1, 1]],
    ['delivery', { [D.DEL_PLACE]: 'FACILITY', [D.FP_COUNSELLED]: T, [D.DEL_PARTOGRAPH]: T, [D.DEL_UTEROTONIC_1MIN]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T }, [0, 1]],
  ],
  PNC48_M: [['pnc', { [D.PNC_TIMING]: 'H48' }, [1, 0]], ['pnc', { [D.PNC_TIMING]: 'D6' }, [0, 0]], ['delivery', { [D.DEL_PLACE]: 'FACILITY' }, [0, 1]]],
  PNC48_NB: [['pnc', { [D.PNC_TIMING]: 'H48', [D.PNC_NEWBORN_SEEN]: T }, [1, 0]], ['pnc', { [D.PNC_TIMING]: 'H48' }, [0, 0]], ['birth', {}, [0, 1]]],
  PNC_D6: [['pnc', { [D.PNC_TIMING]: 'D6' }, [1, 0]], ['pnc', { [D.PNC_TIMING]: 'D42' }, [0, 0]], ['delivery', { [D.DEL_PLACE]: 'FACILITY' }, [0, 1]]],
  PNC_D42: [['pnc', { [D.PNC_TIMING]: 'D42' }, [1, 0]], ['pnc', { [D.PNC_TIMING]: 'OTHER' }, [0, 0]], ['delivery', { [D.DEL_PLACE]: 'HOME' }, [0, 0]]],
  PNC_FPM: [['pnc', { [D.FP_METHOD]: 'POP' }, [1, 1]], ['pnc', {}, [0, 1]]],
  KMC: [['birth', { [D.BIRTH_WEIGHT_G]: '2000', [D.KMC]: T }, [1, 1]], ['birth', { [D.BIRTH_WEIGHT_G]: '2000' }, [0, 1]], ['birth', { [D.BIRTH_WEIGHT_G]: '3000', [D.KMC]: T }, [0, 0]]],
  PKG_FULL_PNC: [
    ['pnc', { [D.FP_COUNSELLED]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T, [D.PNC_BF_COUNSELLED]: T, [D.HYGIENE_EDUCATION]: T, [D.PNC_NEWBORN_SEEN]: T, [D.HIV_RESULT]: 'KNOWN_POSITIVE' }, [1, 1]],
    ['pnc', { [D.FP_COUNSELLED]: T }, [0, 1]],
  ],
  EBF: [
    ['visit', { [D.INF_FEEDING]: 'EXCLUSIVE_BF' }, [1, 1], 30],
    ['visit', { [D.INF_FEEDING]: 'PARTIAL_BF' }, [0, 1], 30],
    ['visit', { [D.INF_FEEDING]: 'EXCLUSIVE_BF' }, [1, 1], 182],
    ['visit', { [D.INF_FEEDING]: 'EXCLUSIVE_BF' }, [0, 0], 183],
    ['visit', {}, [0, 0], 30],
  ],
  INF_FPC: [['visit', { [D.FP_COUNSELLED]: T }, [1, 1], 60], ['visit', {}, [0, 1], 60]],
  PENTA3: [['visit', { [D.INF_VAC_PENTA3]: T }, [1, 0], 100], ['visit', { [D.INF_VAC_PENTA3]: T }, [0, 0], 400], ['visit', { [D.INF_VAC_PENTA3]: F }, [0, 0], 100]],
  MCV1: [['visit', { [D.INF_VAC_MCV1]: T }, [1, 0], 280], ['visit', { [D.INF_VAC_MCV1]: T }, [0, 0], 365]],
  VITA_6M: [
    ['visit', { [D.INF_VITA]: T }, [1, 0], 183],
    ['visit', { [D.INF_VITA]: T }, [0, 0], 182],
    ['visit', { [D.INF_VITA]: T }, [1, 0], 364],
    ['visit', { [D.INF_VITA]: T }, [0, 0], 365],
  ],
  MAMI_SCR: [
    ['visit', { [D.INF_WEIGHT_KG]: '4.1', [D.MAMI_RISK]: 'HIGH' }, [1, 1], 30],
    ['visit', { [D.INF_WEIGHT_KG]: '4.1', [D.MAMI_RISK]: 'MODERATE' }, [1, 1], 30],
    ['visit', { [D.INF_WEIGHT_KG]: '4.1', [D.MAMI_RISK]: 'LOW' }, [0, 1], 30],
    ['visit', { [D.MAMI_RISK]: 'HIGH' }, [0, 0], 30],
    ['visit', { [D.INF_WEIGHT_KG]: '7', [D.MAMI_RISK]: 'HIGH' }, [0, 0], 200],
  ],
  PKG_FULL_INF: [
    ['visit', { [D.FP_COUNSELLED]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T, [D.INF_WELL_BABY]: T, [D.INF_FEEDING]: 'PARTIAL_BF', [D.HYGIENE_EDUCATION]: T }, [1, 1], 90],
    ['visit', { [D.FP_COUNSELLED]: T, [D.MATERNAL_NUTRITION_COUNSELLED]: T, [D.INF_WELL_BABY]: T, [D.HYGIENE_EDUCATION]: T }, [0, 1], 90],
  ],
}

describe('pair engine: every tracker indicator on hand-built pairs', () => {
  it('has cases for every tracker indicator of the catalog', () => {
    const tracker = CATALOG.filter((d) => d.kind === 'tracker').map((d) => d.code).sort()
    expect(Object.keys(CASES).sort()).toEqual(tracker)
  })
  for (const [code, cases] of Object.entries(CASES)) {
    it(code, () => {
      const def = indicatorByCode(code)!
      const num = cases.reduce((s, c) => s + c[2][0], 0)
      const den = cases.reduce((s, c) => s + c[2][1], 0)
      const v = run(cases, code)
      expect(v.numerator).toBe(num)
      if (def.unit === 'count') expect(v.denominator).toBeNull()
      else expect(v.denominator).toBe(den)
    })
  }
})

describe('pair engine: counting semantics', () => {
  const anc = (b: TrackerBuilder, date: string, extra = {}) => b.anc(b.mother(), date, { [DE.ANC_CONTACT_NO]: '1' }, extra)
  const count = (b: TrackerBuilder, opts: Partial<Parameters<typeof computeIndicators>[1]> = {}) =>
    computeIndicators(b.entities, { period: YEAR, inScope: all, codes: ['ANC1'], ...opts }).values.ANC1.numerator

  it('period bounds are inclusive on the event date, time of day ignored', () => {
    const b = new TrackerBuilder()
    anc(b, '2024-01-01T00:00:00.000')
    anc(b, '2024-12-31T23:59:59.999')
    anc(b, '2023-12-31T23:59:59.000')
    anc(b, '2025-01-01')
    expect(count(b)).toBe(2)
  })
  it('org unit scope applies to the event org unit', () => {
    const b = new TrackerBuilder()
    anc(b, '2024-03-01')
    anc(b, '2024-03-01', { orgUnit: OU2 })
    expect(count(b, { inScope: (ou) => ou === OU })).toBe(1)
  })
  it('deleted events, enrollments and entities, and scheduled/skipped events are not counted', () => {
    const b = new TrackerBuilder()
    anc(b, '2024-03-01', { deleted: true })
    anc(b, '2024-03-01', { status: 'SCHEDULE' })
    anc(b, '2024-03-01', { status: 'SKIPPED' })
    const m1 = b.mother()
    b.anc(m1, '2024-03-01', { [DE.ANC_CONTACT_NO]: '1' })
    m1.en.deleted = true
    const m2 = b.mother()
    b.anc(m2, '2024-03-01', { [DE.ANC_CONTACT_NO]: '1' })
    m2.te.deleted = true
    anc(b, '2024-03-01', { status: 'ACTIVE' })
    expect(count(b)).toBe(1)
  })
  it('an event of a stage of another program is not counted', () => {
    const b = new TrackerBuilder()
    const inf = b.infant()
    b.event(inf, STAGE.ANC, '2024-03-01', { [DE.ANC_CONTACT_NO]: '1' })
    expect(count(b)).toBe(0)
  })
  it('missing values fail ne; invalid booleans are missing (DHIS2 filter semantics)', () => {
    const custom: IndicatorDef = {
      ...indicatorByCode('ANC_FPC')!,
      code: 'X',
      programIndicators: { numerator: 'X_NUM', denominator: 'X_DEN' },
      numerator: { kind: 'events', stage: STAGE.ANC, where: [{ de: DE.FP_COUNSELLED, op: 'ne', value: 'true' }] },
      denominator: { kind: 'events', stage: STAGE.ANC, where: [{ de: DE.HIV_RESULT, op: 'ne', value: 'NEGATIVE' }] },
    }
    const b = new TrackerBuilder()
    const m = b.mother()
    b.anc(m, '2024-02-01', { [DE.FP_COUNSELLED]: 'false', [DE.HIV_RESULT]: 'POSITIVE' })
    b.anc(m, '2024-03-01', {})
    b.anc(m, '2024-04-01', { [DE.FP_COUNSELLED]: 'yes', [DE.HIV_RESULT]: '' })
    const r = computeIndicators(b.entities, { period: YEAR, inScope: all, catalog: [custom] })
    expect(r.values.X).toEqual({ code: 'X', numerator: 1, denominator: 1, value: 100 })
  })
  it('age in days from the infant enrollment date; no date of birth → age conditions fail', () => {
    const b = new TrackerBuilder()
    const i1 = b.infant({ dob: '2024-01-01' })
    b.visit(i1, '2024-06-01T10:00:00.000', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF' })
    const i2 = b.infant({ dob: null })
    b.visit(i2, '2024-02-01', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF' })
    const r = computeIndicators(b.entities, { period: YEAR, inScope: all, codes: ['EBF'] })
    expect(r.values.EBF).toMatchObject({ numerator: 1, denominator: 1 })
  })
  it('year-over-year: derived from the same count in the same period last year', () => {
    const b = new TrackerBuilder()
    for (const d of ['2024-03-01', '2024-04-01', '2024-05-01']) b.anc(b.mother(), d)
    for (const d of ['2023-03-01', '2023-12-31']) b.anc(b.mother(), d)
    b.anc(b.mother(), '2022-12-31')
    const r = computeIndicators(b.entities, { period: YEAR, inScope: all, codes: ['ANC_YOY'] })
    expect(r.previousYear).toEqual({ start: '2023-01-01', end: '2023-12-31' })
    expect(r.values.ANC_YOY).toEqual({ code: 'ANC_YOY', numerator: 1, denominator: 2, value: 50 })
    expect(r.values.ANC_VISITS.numerator).toBe(3)
  })
  it('YoY with nothing last year has no value', () => {
    const b = new TrackerBuilder()
    b.delivery(b.mother(), '2024-03-01', { [DE.DEL_PLACE]: 'FACILITY', [DE.FP_METHOD]: 'POP' })
    const r = computeIndicators(b.entities, { period: YEAR, inScope: all, codes: ['PPFP_YOY'] })
    expect(r.values.PPFP_YOY.value).toBeNull()
    expect(r.values.PPFP_IMM.numerator).toBe(1)
  })
  it('breaks down by group and extra periods in the same pass', () => {
    const b = new TrackerBuilder()
    anc(b, '2024-01-15')
    anc(b, '2024-02-15', { orgUnit: OU2 })
    anc(b, '2024-02-20', { orgUnit: OU2 })
    const r = computeIndicators(b.entities, {
      period: YEAR,
      inScope: all,
      codes: ['ANC1'],
      groupOf: (ou) => (ou === OU ? 'A' : 'B'),
      extraPeriods: [{ start: '2024-01-01', end: '2024-01-31' }, { start: '2024-02-01', end: '2024-02-29' }],
    })
    expect(r.byGroup.A.ANC1.numerator).toBe(1)
    expect(r.byGroup.B.ANC1.numerator).toBe(2)
    expect(r.extra.map((x) => x.ANC1.numerator)).toEqual([1, 2])
  })
  it('gives the cascade counts and program-indicator counts', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.anc(m, '2024-02-01', { [DE.ANC_CONTACT_NO]: '1', [DE.FP_COUNSELLED]: 'true' })
    b.delivery(m, '2024-09-01', { [DE.DEL_PLACE]: 'FACILITY', [DE.FP_METHOD]: 'IMPLANT_3Y' })
    b.pnc(m, '2024-09-02', { [DE.PNC_TIMING]: 'H48' })
    const r = computeIndicators(b.entities, { period: YEAR, inScope: all })
    const c = Object.fromEntries(r.cascade.map((s) => [s.key, s.count]))
    expect(c).toMatchObject({ anc1: 1, anc4: 0, ancFpc: 1, facilityDelivery: 1, ppfp: 1, pnc48: 1, pncD6: 0 })
    expect(r.programIndicators.DYAD_PI_INST_DELIV_DEN).toBe(1)
    expect(r.values.PPFP_IMM.value).toBe(100)
  })
  it('never throws on garbage given directly, and counts nothing from it', () => {
    const garbage = [null, 1, 'x', { enrollments: 'no' }, { enrollments: [null, { program: 1, events: [null, 7, { programStage: {} }] }] }]
    const r = computeIndicators(garbage as never, { period: YEAR, inScope: all })
    expect(r.values.ANC1.numerator).toBe(0)
    const r2 = computeIndicators(null as never, { period: { start: 'bad', end: '2024-01-01' }, inScope: all })
    expect(r2.values.ANC1.numerator).toBe(0)
  })
})
