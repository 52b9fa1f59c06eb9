/** @jest-environment node */
import { DE, FP_METHOD, ids } from '../../../metadata/src/vocabulary'
import { dayNumber, isoOfDay } from '../dates'
import { CASCADE, CATALOG } from '../indicators/catalog'
import { computeIndicators } from '../indicators/engine'
import { buildPairs } from '../pairs/link'
import { OU, OU2, TrackerBuilder, type Ref } from '../test-utils/builder'
import { CohortAccumulator, cohortCascade, COHORT_STEPS, meetsRule, pairCascade, type CohortResult } from './cascade'

const YEAR = { start: '2024-01-01', end: '2024-12-31' }
const LATE = '2026-01-01' // every step due for 2024 deliveries
const all = (): boolean => true
const K = COHORT_STEPS.map((s) => s.key)
const at = (r: CohortResult, key: string) => r.steps[K.indexOf(key)]
const plus = (iso: string, days: number): string => isoOfDay(dayNumber(iso) + days)

const FACILITY = { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' }

/** A mother with `anc` contacts before `delivery`, delivered with `values`. */
function mother(b: TrackerBuilder, delivery: string, o: { anc?: number; values?: Record<string, string>; orgUnit?: string; ancValues?: Record<string, string> } = {}): Ref {
  const m = b.mother({ lmp: plus(delivery, -270), orgUnit: o.orgUnit })
  for (let k = 1; k <= (o.anc ?? 0); k++) b.anc(m, plus(delivery, -200 + k * 30), { [DE.ANC_CONTACT_NO]: String(k), ...(o.ancValues ?? {}) })
  b.delivery(m, delivery, o.values ?? FACILITY)
  return m
}

function infant(b: TrackerBuilder, m: Ref, dob: string): Ref {
  const i = b.infant({ dob, orgUnit: m.en.orgUnit })
  b.link(m, i)
  return i
}

const pairsOf = (b: TrackerBuilder) => buildPairs(b.entities).pairs
const run = (b: TrackerBuilder, asOf = LATE, period = YEAR, inScope: (ou: string) => boolean = all) => cohortCascade(pairsOf(b), { period, inScope, asOf })

describe('cohort steps', () => {
  it('one cohort step per catalog cascade step, same order and indicators; due days never decrease', () => {
    expect(COHORT_STEPS.map((s) => [s.key, s.indicator])).toEqual(CASCADE.map((s) => [s.key, s.indicator]))
    for (let i = 1; i < COHORT_STEPS.length; i++) expect(COHORT_STEPS[i].dueDays).toBeGreaterThanOrEqual(COHORT_STEPS[i - 1].dueDays)
    // mother steps first: an eligible infant step implies an eligible previous step
    const firstInfant = COHORT_STEPS.findIndex((s) => s.subject === 'infant')
    expect(COHORT_STEPS.slice(firstInfant).every((s) => s.subject === 'infant')).toBe(true)
    for (const s of COHORT_STEPS) {
      expect(s.definition.fr.length).toBeGreaterThan(10)
      expect(s.due.fr.length).toBeGreaterThan(3)
    }
  })

  it('meetsRule evaluates every catalog rule exactly as the pair engine counts it (oracle: computeIndicators)', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2023-10-01' })
    b.anc(m, '2024-01-10', { [DE.ANC_CONTACT_NO]: '1', [DE.FP_COUNSELLED]: 'true', [DE.ANC_GEST_AGE_WEEKS]: '11' })
    b.anc(m, '2024-02-10', { [DE.ANC_CONTACT_NO]: '4', [DE.FP_COUNSELLED]: 'false', [DE.HIV_TEST_DONE]: 'true' })
    b.anc(m, '2024-03-10', { [DE.ANC_CONTACT_NO]: '', [DE.FP_COUNSELLED]: '' })
    b.anc(m, '2024-03-11', { [DE.ANC_CONTACT_NO]: '8' }, { status: 'SCHEDULE' })
    b.delivery(m, '2024-07-01', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_MODE]: 'NORMAL', [DE.FP_METHOD]: FP_METHOD.IMPLANT_3Y, [DE.FP_COUNSELLED]: 'true', [DE.DEL_UTEROTONIC_1MIN]: 'true' })
    b.pnc(m, '2024-07-02', { [DE.PNC_TIMING]: 'H48', [DE.PNC_NEWBORN_SEEN]: 'true' })
    b.pnc(m, '2024-07-06', { [DE.PNC_TIMING]: 'D6', [DE.FP_METHOD]: FP_METHOD.LAM })
    b.pnc(m, '2024-08-12', { [DE.PNC_TIMING]: 'D42' })
    const m2 = b.mother({ lmp: '2023-11-01' })
    b.delivery(m2, '2024-08-01', { [DE.DEL_PLACE]: 'OTHER_FACILITY', [DE.FP_METHOD]: FP_METHOD.POP })
    const i = b.infant({ dob: '2024-01-05' })
    b.birth(i, '2024-01-05', { [DE.BIRTH_WEIGHT_G]: '2400' })
    b.visit(i, '2024-02-20', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF', [DE.INF_VAC_PENTA1]: 'true' })
    b.visit(i, '2024-04-20', { [DE.INF_FEEDING]: 'PARTIAL_BF', [DE.INF_VAC_PENTA3]: 'true' })
    b.visit(i, '2024-07-10', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF', [DE.INF_VITA]: 'true' })
    b.visit(i, '2024-08-10', { [DE.INF_VITA]: 'true', [DE.INF_VAC_PENTA3]: 'true' })
    b.visit(i, '2025-02-10', { [DE.INF_VITA]: 'true' })
    const engine = computeIndicators(b.entities, { period: YEAR, inScope: all })
    const start = dayNumber(YEAR.start)
    const end = dayNumber(YEAR.end)
    let checked = 0
    for (const d of CATALOG) {
      if (d.kind !== 'tracker' || !d.numerator || !d.programIndicators) continue
      const sides: [string, typeof d.numerator][] = [[d.programIndicators.numerator, d.numerator]]
      if (d.denominator && d.programIndicators.denominator) sides.push([d.programIndicators.denominator, d.denominator])
      for (const [code, rule] of sides) {
        const stage = ids.stage(rule.stage)
        let n = 0
        for (const te of b.entities) {
          for (const en of te.enrollments) {
            const dob = dayNumber(en.occurredAt)
            for (const ev of en.events) {
              const day = dayNumber(ev.occurredAt)
              if (ev.programStage !== stage || !(day >= start && day <= end)) continue
              if (meetsRule(ev, rule, day - dob)) n++
            }
          }
        }
        expect([code, n]).toEqual([code, engine.programIndicators[code]])
        checked++
      }
    }
    expect(checked).toBeGreaterThan(30)
  })
})

describe('pair cascade (cohort by delivery date)', () => {
  it('each step reached by the pair that has it, and not by the one that lacks it', () => {
    const b = new TrackerBuilder()
    // complete pair: 4 ANC with FP counselling, facility delivery with an implant, PNC 48h/J6/J42, infant EBF, Penta 3, vitamin A
    const m = mother(b, '2024-03-01', { anc: 4, ancValues: { [DE.FP_COUNSELLED]: 'true' }, values: { ...FACILITY, [DE.FP_METHOD]: FP_METHOD.IMPLANT_3Y } })
    b.pnc(m, '2024-03-02', { [DE.PNC_TIMING]: 'H48' })
    b.pnc(m, '2024-03-06', { [DE.PNC_TIMING]: 'D6' })
    b.pnc(m, '2024-04-12', { [DE.PNC_TIMING]: 'D42' })
    const i = infant(b, m, '2024-03-01')
    b.visit(i, '2024-04-15', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF' })
    b.visit(i, '2024-06-15', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF', [DE.INF_VAC_PENTA3]: 'true' })
    b.visit(i, '2024-07-20', { [DE.INF_FEEDING]: 'EXCLUSIVE_BF' }) // 141 days: from 4 months
    b.visit(i, '2024-09-10', { [DE.INF_VITA]: 'true', [DE.INF_FEEDING]: 'PARTIAL_BF' }) // 193 days: after 6 months, not an EBF record
    // empty pair: home delivery, nothing else (an infant is registered, with a visit lacking every service)
    const e = mother(b, '2024-05-01', { values: { [DE.DEL_PLACE]: 'HOME', [DE.DEL_LIVE_BIRTHS]: '1' } })
    const ei = infant(b, e, '2024-05-01')
    b.visit(ei, '2024-06-01', { [DE.INF_FEEDING]: 'PARTIAL_BF', [DE.INF_VAC_PENTA3]: 'false', [DE.INF_VITA]: 'false' })
    const r = run(b)
    expect(r.cohort).toBe(2)
    for (const s of r.steps) {
      expect([s.key, s.eligible, s.reached]).toEqual([s.key, 2, 1])
      expect(s.share).toBe(50)
    }
    const pairs = pairsOf(b)
    const full = pairCascade(pairs.find((p) => p.id === m.en.enrollment)!, dayNumber(LATE))!
    expect(full.reached.every(Boolean)).toBe(true)
    const none = pairCascade(pairs.find((p) => p.id === e.en.enrollment)!, dayNumber(LATE))!
    expect(none.reached.some(Boolean)).toBe(false)
  })

  it('ANC1/ANC4 count contacts before the delivery, or the recorded contact number', () => {
    const b = new TrackerBuilder()
    mother(b, '2024-03-01', { anc: 3 })
    const m2 = b.mother({ lmp: '2023-06-01' })
    b.anc(m2, '2023-12-01', { [DE.ANC_CONTACT_NO]: '4' }) // started ANC elsewhere: 4th contact
    b.delivery(m2, '2024-03-01', FACILITY)
    const m3 = b.mother({ lmp: '2023-06-01' })
    for (let k = 0; k < 4; k++) b.anc(m3, plus('2024-03-01', -100 + k * 10)) // 4 contacts without numbers
    b.anc(m3, '2024-03-05', { [DE.ANC_CONTACT_NO]: '5' }) // after the delivery: ignored
    b.delivery(m3, '2024-03-01', FACILITY)
    const m4 = b.mother({ lmp: '2023-06-01' })
    b.anc(m4, '2024-03-02', { [DE.ANC_CONTACT_NO]: '1' }) // only after the delivery
    b.delivery(m4, '2024-03-01', FACILITY)
    const r = run(b)
    expect(at(r, 'anc1').reached).toBe(3)
    expect(at(r, 'anc4').reached).toBe(2)
  })

  it('FP counselling at ANC and PPFP use the catalog conditions (BOOLEAN true, method list, facility)', () => {
    const b = new TrackerBuilder()
    mother(b, '2024-03-01', { anc: 2, ancValues: { [DE.FP_COUNSELLED]: 'false' } })
    const m2 = mother(b, '2024-03-01', { anc: 1 })
    b.anc(m2, '2024-02-01', { [DE.FP_COUNSELLED]: 'true' })
    b.anc(m2, '2024-03-10', { [DE.FP_COUNSELLED]: 'true' }) // after the delivery (would not count alone)
    mother(b, '2024-03-01', { values: { ...FACILITY, [DE.FP_METHOD]: FP_METHOD.IUD_POSTPLACENTAL } })
    mother(b, '2024-03-01', { values: { [DE.DEL_PLACE]: 'OTHER_FACILITY', [DE.FP_METHOD]: FP_METHOD.LAM } })
    mother(b, '2024-03-01', { values: { ...FACILITY, [DE.FP_METHOD]: FP_METHOD.VASECTOMY } }) // not a PPFP method
    mother(b, '2024-03-01', { values: { [DE.DEL_PLACE]: 'HOME', [DE.FP_METHOD]: FP_METHOD.POP } }) // not a facility delivery
    const r = run(b)
    expect(at(r, 'ancFpc').reached).toBe(1)
    expect(at(r, 'facilityDelivery').reached).toBe(5) // the two ANC mothers + IUD + other facility + vasectomy
    expect(at(r, 'ppfp').reached).toBe(2)
  })

  it('PNC steps follow the PNC timing option and count only up to the step’s due day', () => {
    const b = new TrackerBuilder()
    const m1 = mother(b, '2024-03-01')
    b.pnc(m1, '2024-03-02', { [DE.PNC_TIMING]: 'OTHER' })
    b.pnc(m1, '2024-03-05', { [DE.PNC_TIMING]: 'D6' })
    const m2 = mother(b, '2024-03-01')
    b.pnc(m2, '2024-03-04', { [DE.PNC_TIMING]: 'H48' }) // recorded as 48 h, dated day 3: after the 48 h step's due day
    b.pnc(m2, '2024-05-20', { [DE.PNC_TIMING]: 'D42' }) // day 80: after the 8 weeks
    const m3 = mother(b, '2024-03-01')
    b.pnc(m3, '2024-04-20', { [DE.PNC_TIMING]: 'D42' }) // day 50
    const r = run(b)
    expect([at(r, 'pnc48').reached, at(r, 'pncD6').reached, at(r, 'pncD42').reached]).toEqual([0, 1, 1])
  })

  it('EBF to 6 months: every feeding record before 6 months exclusive, one from 4 months', () => {
    const b = new TrackerBuilder()
    const dob = '2024-01-01'
    const make = (feeds: [number, string][]) => {
      const m = mother(b, dob)
      const i = infant(b, m, dob)
      for (const [age, f] of feeds) b.visit(i, plus(dob, age), { [DE.INF_FEEDING]: f })
    }
    make([[40, 'EXCLUSIVE_BF'], [130, 'EXCLUSIVE_BF']]) // reached
    make([[40, 'EXCLUSIVE_BF'], [100, 'PARTIAL_BF'], [150, 'EXCLUSIVE_BF']]) // interrupted
    make([[40, 'EXCLUSIVE_BF'], [90, 'EXCLUSIVE_BF']]) // nothing from 4 months: not known to last
    make([[150, 'EXCLUSIVE_BF'], [190, 'NOT_BF']]) // record after 6 months does not matter
    const r = run(b)
    expect(at(r, 'ebf')).toMatchObject({ eligible: 4, reached: 2 })
  })

  it('Penta 3 and vitamin A: catalog age windows, counted up to the due age', () => {
    const b = new TrackerBuilder()
    const dob = '2024-01-01'
    const make = (visits: [number, Record<string, string>][]) => {
      const m = mother(b, dob)
      const i = infant(b, m, dob)
      for (const [age, v] of visits) b.visit(i, plus(dob, age), v)
    }
    make([[100, { [DE.INF_VAC_PENTA3]: 'true' }], [190, { [DE.INF_VITA]: 'true' }]])
    make([[200, { [DE.INF_VAC_PENTA3]: 'true' }], [300, { [DE.INF_VITA]: 'true' }]]) // both late
    make([[170, { [DE.INF_VITA]: 'true' }]]) // vitamin A before 6 months: not the step
    const r = run(b)
    expect(at(r, 'penta3')).toMatchObject({ eligible: 3, reached: 1 })
    expect(at(r, 'vitA')).toMatchObject({ eligible: 3, reached: 1 })
  })

  it('twins: the pair counts once; an infant step is reached when one twin reached it', () => {
    const b = new TrackerBuilder()
    const m = mother(b, '2024-02-01', { values: { ...FACILITY, [DE.DEL_LIVE_BIRTHS]: '2' } })
    const t1 = infant(b, m, '2024-02-01')
    infant(b, m, '2024-02-01') // second twin: never seen
    b.visit(t1, '2024-05-20', { [DE.INF_VAC_PENTA3]: 'true' })
    const single = mother(b, '2024-02-01')
    infant(b, single, '2024-02-01')
    const r = run(b)
    expect(r.cohort).toBe(2)
    expect(r.twins).toBe(1)
    expect(at(r, 'penta3')).toMatchObject({ eligible: 2, reached: 1 })
    expect(at(r, 'facilityDelivery')).toMatchObject({ eligible: 2, reached: 2 })
  })

  it('steps not yet due are not drop-offs: eligibility by the end of the data; drop-off among pairs eligible for both', () => {
    const b = new TrackerBuilder()
    const asOf = '2024-12-31'
    // delivered 300 days before: every step due
    const old = mother(b, plus(asOf, -300))
    b.pnc(old, plus(asOf, -299), { [DE.PNC_TIMING]: 'H48' })
    b.pnc(old, plus(asOf, -255), { [DE.PNC_TIMING]: 'D42' })
    infant(b, old, plus(asOf, -300))
    // delivered 100 days before: PNC due, infant steps not yet
    const mid = mother(b, plus(asOf, -100))
    b.pnc(mid, plus(asOf, -99), { [DE.PNC_TIMING]: 'H48' })
    const mi = infant(b, mid, plus(asOf, -100))
    b.visit(mi, plus(asOf, -10), { [DE.INF_VAC_PENTA3]: 'true' }) // given already, but the step is not due: not counted
    // delivered 30 days before: J42 not yet due
    const recent = mother(b, plus(asOf, -30))
    b.pnc(recent, plus(asOf, -29), { [DE.PNC_TIMING]: 'H48' })
    // delivered 1 day before: even PNC 48 h not yet due
    mother(b, plus(asOf, -1))
    const r = run(b, asOf)
    expect(r.cohort).toBe(4)
    expect(at(r, 'facilityDelivery').eligible).toBe(4)
    expect(at(r, 'pnc48')).toMatchObject({ eligible: 3, reached: 3, share: 100 })
    expect(at(r, 'pncD6')).toMatchObject({ eligible: 3, reached: 0, previousReached: 3, lost: 3, change: -100 })
    expect(at(r, 'pncD42')).toMatchObject({ eligible: 2, reached: 1, previousReached: 0, lost: 0, change: null })
    expect(at(r, 'penta3')).toMatchObject({ eligible: 1, reached: 0, previousReached: 1, lost: 1 })
    expect(at(r, 'vitA')).toMatchObject({ eligible: 1, reached: 0 })
    // the step before PNC 48 h is PPFP, reached by none of the 3 pairs eligible for both: no base for a change
    expect(at(r, 'pnc48')).toMatchObject({ previousReached: 0, lost: 0, change: null })
    // ANC4 vs ANC1 (no ANC at all): no base either; facility delivery vs FP counselling at ANC: 0 → 4
    expect(at(r, 'facilityDelivery')).toMatchObject({ previousReached: 0, reached: 4, change: null })
  })

  it('a stillbirth (no infant, 0 live births) is not eligible for infant steps; the mother’s steps still count', () => {
    const b = new TrackerBuilder()
    const m = mother(b, '2024-02-01', { values: { ...FACILITY, [DE.DEL_LIVE_BIRTHS]: '0', [DE.DEL_STILLBIRTHS]: '1' } })
    b.pnc(m, '2024-02-02', { [DE.PNC_TIMING]: 'H48' })
    mother(b, '2024-02-01') // live birth recorded, infant never registered: eligible, not reached
    const r = run(b)
    expect(r.noLiveBirth).toBe(1)
    expect(at(r, 'pnc48')).toMatchObject({ eligible: 2, reached: 1 })
    expect(at(r, 'penta3')).toMatchObject({ eligible: 1, reached: 0 })
  })

  it('period boundaries on the delivery date (inclusive); infant date of birth when no delivery is recorded; infants without mother apart', () => {
    const b = new TrackerBuilder()
    mother(b, '2024-01-01')
    mother(b, '2024-12-31')
    mother(b, '2023-12-31')
    mother(b, '2025-01-01')
    // no Delivery event, infant born in the period: in the cohort, facility delivery not known
    const m = b.mother({ lmp: '2023-09-01' })
    b.anc(m, '2024-02-01')
    infant(b, m, '2024-06-01')
    // ANC only (pregnancy ongoing): no delivery date, not in a delivery cohort
    const o = b.mother({ lmp: '2024-06-01' })
    b.anc(o, '2024-08-01')
    // infant without mother, born in the period
    b.infant({ dob: '2024-04-01' })
    const r = run(b)
    expect(r.cohort).toBe(3)
    expect(r.infantsWithoutMother).toBe(1)
    expect(at(r, 'anc1')).toMatchObject({ eligible: 3, reached: 1 })
    expect(at(r, 'facilityDelivery')).toMatchObject({ eligible: 3, reached: 2 })
  })

  it('scope: the pregnancy’s enrollment org unit owns the pair', () => {
    const b = new TrackerBuilder()
    mother(b, '2024-03-01', { orgUnit: OU })
    const m2 = mother(b, '2024-03-01', { orgUnit: OU2 })
    infant(b, m2, '2024-03-01')
    expect(run(b, LATE, YEAR, (ou) => ou === OU2).cohort).toBe(1)
    expect(run(b, LATE, YEAR, (ou) => ou === OU).cohort).toBe(1)
    const none = run(b, LATE, YEAR, () => false)
    expect(none.cohort).toBe(0)
    expect(none.steps.every((s) => s.eligible === 0 && s.share === null && (s.change === null))).toBe(true)
  })

  it('adding pairs in slices gives the same result as all at once', () => {
    const b = new TrackerBuilder()
    for (let k = 0; k < 9; k++) {
      const m = mother(b, plus('2024-01-15', k * 30), { anc: k % 5, values: k % 3 ? FACILITY : { [DE.DEL_PLACE]: 'HOME' } })
      if (k % 2) b.pnc(m, plus('2024-01-15', k * 30 + 1), { [DE.PNC_TIMING]: 'H48' })
    }
    const pairs = pairsOf(b)
    const opts = { period: YEAR, inScope: all, asOf: LATE }
    const acc = new CohortAccumulator(opts)
    for (let i = 0; i < pairs.length; i += 2) acc.add(pairs.slice(i, i + 2))
    expect(acc.result()).toEqual(cohortCascade(pairs, opts))
    expect(cohortCascade(pairs, opts).cohort).toBe(9)
  })
})
