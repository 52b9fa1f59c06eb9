/**
 * A small deterministic generator of synthetic mother–infant tracker data, for the pair-engine
 * benchmark and the fuzz test (independent of sandbox/generator on purpose: the engine must not be
 * tested only against the data its cross-check partner generates). About 10 events per pair.
 */
import { DE, FP_METHOD, ids, PROGRAM, STAGE } from '../../../metadata/src/vocabulary'
import type { TrackedEntity, TrackerDataValue, TrackerEvent } from '../tracker'
import { isoOfDay, dayNumber } from '../dates'

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const S = {
  anc: ids.stage(STAGE.ANC),
  del: ids.stage(STAGE.DELIVERY),
  pnc: ids.stage(STAGE.PNC),
  birth: ids.stage(STAGE.BIRTH),
  visit: ids.stage(STAGE.INFANT_VISIT),
}
const D = Object.fromEntries(Object.entries(DE).map(([k, code]) => [k, ids.dataElement(code)])) as Record<keyof typeof DE, string>
const MOTHER = ids.program(PROGRAM.MOTHER)
const INFANT = ids.program(PROGRAM.INFANT)
const REL = ids.relationshipType()
const PERSON = ids.trackedEntityType()
const METHODS = Object.values(FP_METHOD)

export interface SyntheticOptions {
  pairs: number
  seed?: number
  orgUnits?: number
  /** First day of LMPs (default 2023-06-01); LMPs spread over `spreadDays`. */
  start?: string
  spreadDays?: number
}

export function orgUnitUid(i: number): string {
  return `OuSynth${String(i).padStart(4, '0')}`
}

export function generateSynthetic(opts: SyntheticOptions): TrackedEntity[] {
  const rnd = prng(opts.seed ?? 42)
  const nOu = opts.orgUnits ?? 50
  const start = dayNumber(opts.start ?? '2023-06-01')
  const spread = opts.spreadDays ?? 730
  const out: TrackedEntity[] = []
  let seq = 0
  const id = (p: string): string => `${p}${(seq++).toString(36).padStart(9, '0')}`
  const yes = (p: number): string => (rnd() < p ? 'true' : 'false')
  const dt = (day: number): string => `${isoOfDay(day)}T00:00:00.000`
  const ev = (stage: string, ou: string, day: number, dataValues: TrackerDataValue[]): TrackerEvent => ({
    event: id('e'),
    programStage: stage,
    orgUnit: ou,
    occurredAt: dt(day),
    status: 'COMPLETED',
    dataValues,
  })

  for (let i = 0; i < opts.pairs; i++) {
    const ou = orgUnitUid(Math.floor(rnd() * nOu))
    const lmp = start + Math.floor(rnd() * spread)
    const motherId = id('m')
    const infantId = id('i')
    const mEvents: TrackerEvent[] = []
    // ANC: 1–6 contacts from 8–20 weeks, every ~5 weeks
    const nAnc = 1 + Math.floor(rnd() * 6)
    let day = lmp + 56 + Math.floor(rnd() * 84)
    for (let c = 1; c <= nAnc && day < lmp + 270; c++) {
      const dv: TrackerDataValue[] = [
        { dataElement: D.ANC_CONTACT_NO, value: String(c) },
        { dataElement: D.ANC_GEST_AGE_WEEKS, value: String(Math.floor((day - lmp) / 7)) },
        { dataElement: D.FP_COUNSELLED, value: yes(0.6) },
        { dataElement: D.MATERNAL_NUTRITION_COUNSELLED, value: yes(0.7) },
        { dataElement: D.ANC_IFA_GIVEN, value: yes(0.8) },
        { dataElement: D.HIV_TEST_OFFERED, value: yes(0.8) },
      ]
      if (c === 1) dv.push({ dataElement: D.HIV_TEST_DONE, value: yes(0.75) })
      mEvents.push(ev(S.anc, ou, day, dv))
      day += 28 + Math.floor(rnd() * 21)
    }
    const delivered = rnd() < 0.85
    const delDay = lmp + 266 + Math.floor(rnd() * 21)
    const twins = rnd() < 0.02
    const still = rnd() < 0.02
    if (delivered) {
      const facility = rnd() < 0.8
      const mode = rnd() < 0.85 ? 'NORMAL' : rnd() < 0.5 ? 'ASSISTED' : 'CAESAREAN'
      const dv: TrackerDataValue[] = [
        { dataElement: D.DEL_PLACE, value: facility ? 'FACILITY' : 'HOME' },
        { dataElement: D.DEL_MODE, value: mode },
        { dataElement: D.DEL_PARTOGRAPH, value: yes(0.7) },
        { dataElement: D.DEL_UTEROTONIC_1MIN, value: yes(0.85) },
        { dataElement: D.DEL_AMTSL_FULL, value: yes(0.7) },
        { dataElement: D.DEL_LIVE_BIRTHS, value: still ? '0' : twins ? '2' : '1' },
        { dataElement: D.DEL_STILLBIRTHS, value: still ? '1' : '0' },
        { dataElement: D.FP_COUNSELLED, value: yes(0.7) },
      ]
      if (rnd() < 0.25) dv.push({ dataElement: D.FP_METHOD, value: METHODS[Math.floor(rnd() * METHODS.length)] })
      mEvents.push(ev(S.del, ou, delDay, dv))
      const timings: [string, number][] = [['H48', 1], ['D6', 6], ['D42', 42]]
      for (const [timing, after] of timings) {
        if (rnd() < 0.6) {
          mEvents.push(
            ev(S.pnc, ou, delDay + after, [
              { dataElement: D.PNC_TIMING, value: timing },
              { dataElement: D.PNC_NEWBORN_SEEN, value: yes(0.8) },
              { dataElement: D.FP_COUNSELLED, value: yes(0.6) },
              { dataElement: D.PNC_BF_COUNSELLED, value: yes(0.7) },
            ]),
          )
        }
      }
    }
    const mother: TrackedEntity = {
      trackedEntity: motherId,
      trackedEntityType: PERSON,
      orgUnit: ou,
      attributes: [],
      enrollments: [{ enrollment: id('n'), program: MOTHER, orgUnit: ou, enrolledAt: dt(lmp + 60), occurredAt: dt(lmp), status: 'ACTIVE', events: mEvents }],
      relationships: [],
    }
    out.push(mother)
    if (!delivered || still) continue
    const nInf = twins ? 2 : 1
    for (let k = 0; k < nInf; k++) {
      const iid = k === 0 ? infantId : id('i')
      const iEvents: TrackerEvent[] = []
      const w = 1800 + Math.floor(rnd() * 2400)
      iEvents.push(
        ev(S.birth, ou, delDay, [
          { dataElement: D.BIRTH_WEIGHT_G, value: String(w) },
          { dataElement: D.BIRTH_ENC, value: yes(0.85) },
          { dataElement: D.BIRTH_BF_1H, value: yes(0.6) },
          { dataElement: D.BIRTH_RESUSCITATED, value: yes(0.03) },
          { dataElement: D.KMC, value: w < 2500 ? yes(0.6) : 'false' },
        ]),
      )
      const nVisits = Math.floor(rnd() * 5)
      let vd = delDay + 30 + Math.floor(rnd() * 20)
      for (let c = 0; c < nVisits; c++) {
        const ageM = (vd - delDay) / 30.4
        iEvents.push(
          ev(S.visit, ou, vd, [
            { dataElement: D.INF_WEIGHT_KG, value: (3 + ageM * 0.6 + rnd()).toFixed(1) },
            { dataElement: D.INF_FEEDING, value: rnd() < 0.5 ? 'EXCLUSIVE_BF' : 'PARTIAL_BF' },
            { dataElement: D.INF_VAC_PENTA3, value: ageM > 3 && ageM < 5 ? yes(0.8) : 'false' },
            { dataElement: D.INF_VITA, value: ageM >= 6 ? yes(0.7) : 'false' },
            { dataElement: D.FP_COUNSELLED, value: yes(0.4) },
            { dataElement: D.INF_WELL_BABY, value: yes(0.8) },
          ]),
        )
        vd += 30 + Math.floor(rnd() * 40)
      }
      const rel = { relationship: id('r'), relationshipType: REL, from: motherId, to: iid }
      mother.relationships.push(rel)
      out.push({
        trackedEntity: iid,
        trackedEntityType: PERSON,
        orgUnit: ou,
        attributes: [],
        enrollments: [{ enrollment: id('n'), program: INFANT, orgUnit: ou, enrolledAt: dt(delDay), occurredAt: dt(delDay), status: 'ACTIVE', events: iEvents }],
        relationships: [{ ...rel }],
      })
    }
  }
  return out
}
