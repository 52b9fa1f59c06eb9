/** @jest-environment node */
import { measurementAtZ } from '../growth'
import {
  DEFAULT_MAMI_THRESHOLDS,
  classifyDyad,
  resolveMamiThresholds,
  type MamiAssessment,
  type MamiReasonCode,
} from './index'

const AGE = 90 // days
/** weight giving this WAZ for a 90-day-old girl */
const wAt = (z: number) => measurementAtZ('wfa', 'F', AGE, z) as number

const base = (over: Partial<MamiAssessment['infant']> = {}, rest: Omit<MamiAssessment, 'infant'> = {}): MamiAssessment => ({
  infant: { sex: 'F', ageDays: AGE, weightKg: wAt(0), feeding: 'EXCLUSIVE_BF', attachmentEffective: true, ...over },
  ...rest,
})
const codes = (a: MamiAssessment, t = DEFAULT_MAMI_THRESHOLDS) => classifyDyad(a, t).reasons.map((r) => r.code)

describe('MAMI dyad classification, rule by rule', () => {
  it('healthy, exclusively breastfed infant, well mother → LOW, usual care', () => {
    const r = classifyDyad(base({}, { mother: { muacCm: 26, mentalHealthPositive: false } }))
    expect(r).toMatchObject({ riskClass: 'LOW', infantRisk: 'LOW', motherAtRisk: false, action: 'USUAL_CARE', eligible: true, complete: true })
    expect(r.reasons).toEqual([])
    expect(r.waz).toBeCloseTo(0, 9)
  })
  it('bilateral oedema → HIGH, refer; no weight-based z-score', () => {
    const r = classifyDyad(base({ oedema: true }))
    expect(r.riskClass).toBe('HIGH')
    expect(r.action).toBe('REFERRED_INPATIENT')
    expect(r.waz).toBeNull()
    expect(codes(base({ oedema: true }))).toContain('OEDEMA')
  })
  it('danger sign → HIGH', () => {
    expect(classifyDyad(base({ dangerSign: true })).riskClass).toBe('HIGH')
  })
  it('WAZ < −2 → MODERATE, enrol outpatient', () => {
    const r = classifyDyad(base({ weightKg: wAt(-2.4) }))
    expect(r.riskClass).toBe('MODERATE')
    expect(r.action).toBe('ENROLLED_OUTPATIENT')
    expect(r.reasons[0]).toMatchObject({ code: 'WAZ_MODERATE', level: 'MODERATE', en: 'WAZ −2.4 < −2', fr: 'IPA −2,4 < −2' })
  })
  it('WAZ exactly −2 is not below the threshold', () => {
    expect(classifyDyad(base({ weightKg: wAt(-1.999) })).riskClass).toBe('LOW')
  })
  it('WAZ < −3 alone → MODERATE (severe, uncomplicated)', () => {
    const r = classifyDyad(base({ weightKg: wAt(-3.5) }))
    expect(r.riskClass).toBe('MODERATE')
    expect(codes(base({ weightKg: wAt(-3.5) }))).toEqual(['WAZ_SEVERE'])
  })
  it.each([
    [{ weightLoss: true }, 'WEIGHT_LOSS'],
    [{ attachmentEffective: false }, 'INEFFECTIVE_ATTACHMENT'],
    [{ feeding: 'NOT_BF' }, 'NOT_BREASTFED'],
  ] as const)('WAZ < −3 with %p → HIGH (complicated)', (over, code) => {
    const a = base({ weightKg: wAt(-3.5), ...over })
    expect(classifyDyad(a).riskClass).toBe('HIGH')
    expect(codes(a)).toEqual(expect.arrayContaining(['WAZ_SEVERE', 'SEVERE_ANTHRO_COMPLICATED', code]))
  })
  it.each([
    [{ weightLoss: true }, 'WEIGHT_LOSS'],
    [{ attachmentEffective: false }, 'INEFFECTIVE_ATTACHMENT'],
    [{ feeding: 'NOT_BF' }, 'NOT_BREASTFED'],
    [{ feeding: 'PARTIAL_BF' }, 'NOT_EXCLUSIVELY_BREASTFED'],
  ] as const)('feeding/growth problem %p alone → MODERATE', (over, code) => {
    const a = base(over)
    expect(classifyDyad(a).riskClass).toBe('MODERATE')
    expect(codes(a)).toEqual([code])
  })
  it('WLZ < −2 (length 45–110 cm) → MODERATE; WLZ < −3 → severe', () => {
    // 60 cm girl: median weight-for-length ≈ 5.7 kg
    const moderate = base({ lengthCm: 60, weightKg: 4.9 })
    const r = classifyDyad(moderate)
    expect(r.wlz).not.toBeNull()
    expect(r.wlz as number).toBeLessThan(-2)
    expect(codes(moderate)).toContain('WLZ_MODERATE')
    const severe = base({ lengthCm: 60, weightKg: 4.2, weightLoss: true })
    expect(classifyDyad(severe).riskClass).toBe('HIGH')
    expect(codes(severe)).toContain('WLZ_SEVERE')
  })
  it('length outside 45–110 cm: no WLZ, reported', () => {
    const a = base({ lengthCm: 44 })
    expect(classifyDyad(a).wlz).toBeNull()
    expect(codes(a)).toContain('WLZ_NOT_APPLICABLE')
  })
  it('MUAC < 11 cm from 6 weeks → severe anthropometry', () => {
    const a = base({ muacCm: 10.8 })
    expect(classifyDyad(a).riskClass).toBe('MODERATE')
    expect(classifyDyad(a).reasons[0]).toMatchObject({ code: 'MUAC_LOW', fr: 'PB 10,8 cm < 11 cm' })
    expect(classifyDyad(base({ muacCm: 10.8, weightLoss: true })).riskClass).toBe('HIGH')
    expect(classifyDyad(base({ muacCm: 11 })).riskClass).toBe('LOW')
  })
  it('MUAC not used under 6 weeks', () => {
    const a: MamiAssessment = { infant: { sex: 'M', ageDays: 30, weightKg: measurementAtZ('wfa', 'M', 30, 0), muacCm: 9.5, feeding: 'EXCLUSIVE_BF' } }
    expect(classifyDyad(a).riskClass).toBe('LOW')
    expect(codes(a)).toEqual(['MUAC_TOO_YOUNG'])
  })
  it('maternal MUAC < 23 cm → mother at risk, dyad MODERATE although the infant is LOW', () => {
    const r = classifyDyad(base({}, { mother: { muacCm: 22.5 } }))
    expect(r).toMatchObject({ infantRisk: 'LOW', motherAtRisk: true, riskClass: 'MODERATE' })
    expect(r.reasons[0].fr).toBe('PB de la mère 22,5 cm < 23 cm')
    expect(classifyDyad(base({}, { mother: { muacCm: 23 } })).motherAtRisk).toBe(false)
  })
  it('positive maternal mental-health screen → mother at risk', () => {
    const r = classifyDyad(base({}, { mother: { mentalHealthPositive: true } }))
    expect(r).toMatchObject({ motherAtRisk: true, riskClass: 'MODERATE' })
  })
  it('mother at risk does not lower a HIGH infant', () => {
    expect(classifyDyad(base({ dangerSign: true }, { mother: { muacCm: 20 } })).riskClass).toBe('HIGH')
  })
  it('risk factors: one is noted (LOW), two or more → MODERATE; mother absent → MODERATE', () => {
    const one = base({}, { riskFactors: { twin: true } })
    expect(classifyDyad(one).riskClass).toBe('LOW')
    expect(classifyDyad(one).reasons[0]).toMatchObject({ code: 'RISK_FACTORS', level: 'LOW' })
    expect(classifyDyad(base({}, { riskFactors: { twin: true, adolescentMother: true } })).riskClass).toBe('MODERATE')
    expect(classifyDyad(base({}, { riskFactors: { motherAbsent: true } })).riskClass).toBe('MODERATE')
  })
  it('thresholds are data: a national setting changes the result', () => {
    const a = base({ weightKg: wAt(-1.8) })
    expect(classifyDyad(a).riskClass).toBe('LOW')
    expect(classifyDyad(a, { ...DEFAULT_MAMI_THRESHOLDS, wazModerate: -1.5 }).riskClass).toBe('MODERATE')
    const m = base({}, { mother: { muacCm: 22 } })
    expect(classifyDyad(m, { ...DEFAULT_MAMI_THRESHOLDS, maternalMuacCm: 21 }).motherAtRisk).toBe(false)
    expect(classifyDyad(base({ muacCm: 11.3 }), { ...DEFAULT_MAMI_THRESHOLDS, muacCm: 11.5 }).riskClass).toBe('MODERATE')
  })
})

describe('eligibility, missing and bad data (never throws)', () => {
  it('over 6 months: classified but not eligible', () => {
    const r = classifyDyad({ infant: { sex: 'M', ageDays: 200, weightKg: measurementAtZ('wfa', 'M', 200, 0), feeding: 'EXCLUSIVE_BF' } })
    expect(r.eligible).toBe(false)
    expect(r.reasons.map((x) => x.code)).toContain('AGE_NOT_ELIGIBLE')
  })
  it('missing weight, sex, age → INFO reasons, incomplete', () => {
    const r = classifyDyad({ infant: { sex: undefined, ageDays: null } })
    expect(r.complete).toBe(false)
    expect(r.riskClass).toBe('LOW')
    expect(r.reasons.map((x) => x.code).sort()).toEqual(['AGE_MISSING', 'SEX_MISSING', 'WEIGHT_MISSING'] satisfies MamiReasonCode[])
  })
  it('implausible WAZ is not used, and reported', () => {
    const r = classifyDyad(base({ weightKg: 0.9 }))
    expect(r.waz).toBeNull()
    expect(r.complete).toBe(false)
    expect(r.reasons.map((x) => x.code)).toEqual(['WAZ_IMPLAUSIBLE'])
  })
  it.each([null, undefined, {}, { infant: null }, { infant: { sex: 'X', ageDays: -5, weightKg: 'a' } }, { infant: { sex: 'F', ageDays: NaN, weightKg: Infinity } }])(
    'odd input %p',
    (input) => {
      expect(() => classifyDyad(input as unknown as MamiAssessment)).not.toThrow()
      expect(['HIGH', 'MODERATE', 'LOW']).toContain(classifyDyad(input as unknown as MamiAssessment).riskClass)
    },
  )
})

describe('thresholds', () => {
  it('defaults are flagged "to be confirmed nationally" and sourced', () => {
    expect(DEFAULT_MAMI_THRESHOLDS.status).toBe('to-be-confirmed-nationally')
    for (const k of ['wazModerate', 'wazSevere', 'wlzSevere', 'muacCm', 'maternalMuacCm', 'riskFactorsForModerate']) {
      expect(DEFAULT_MAMI_THRESHOLDS.sources[k].fr.length).toBeGreaterThan(10)
    }
  })
  it('resolveMamiThresholds keeps valid values and reports bad ones', () => {
    const { thresholds, problems } = resolveMamiThresholds({ maternalMuacCm: 21, muacCm: Number.NaN, wazModerate: 3, maxAgeDays: 150 })
    expect(thresholds.maternalMuacCm).toBe(21)
    expect(thresholds.muacCm).toBe(11)
    expect(thresholds.wazModerate).toBe(-2)
    expect(thresholds.maxAgeDays).toBe(150)
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['wazModerate', 'out-of-range'],
      ['muacCm', 'not-a-number'],
    ])
  })
  it('severe above moderate is rejected', () => {
    const { thresholds, problems } = resolveMamiThresholds({ wazSevere: -1, wazModerate: -2 })
    expect(problems[0]).toMatchObject({ field: 'wazSevere', reason: 'severe-above-moderate' })
    expect([thresholds.wazSevere, thresholds.wazModerate]).toEqual([-3, -2])
  })
  it('classifyDyad with invalid thresholds falls back to defaults', () => {
    expect(classifyDyad(base({ weightKg: wAt(-2.5) }), { wazModerate: Number.NaN } as never).riskClass).toBe('MODERATE')
  })
})
