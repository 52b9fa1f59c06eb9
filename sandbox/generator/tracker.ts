/**
 * Tracker data for mother–infant pairs: one Mother enrollment (ANC contacts, delivery, postnatal
 * contacts) per pair and one Infant enrollment (birth, infant visits) per live birth, linked by
 * the Dyad relationship type. Cascades follow West-African routine data (ANC1 → ANC4 drop-off,
 * facility delivery, PPFP by method, PNC 48 h / J6 / J42, vaccination, EBF, growth with some
 * faltering infants, MAMI risk) and improve over time (t = 0 in Jan 2024 → 1 in Oct 2026).
 *
 * Records are plain objects pushed to a sink one pair at a time, so the caller may stream them
 * (1 000 000 pairs) instead of holding them all.
 */
import { ATTR, DE, FACILITY_TYPE, FP_METHOD, ids, PROGRAM, STAGE } from '../../metadata/src/vocabulary'
import type { StoredRelationship } from '../model'
import type { TrackerDataValue, TrackerEnrollment, TrackerEvent } from '../../src/domain/tracker'
import { dayOf, isoDate, isoDateTime } from './dates'
import { lfa, muacForAge, valueAt, wfa, wfl, zOf } from './growth'
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, VILLAGES } from './names'
import type { FacilityInfo, Hierarchy } from './orgunits'
import { Rng } from './prng'

/** A stored tracked entity as the generator emits it (2.41 wire shape, relationships apart). */
export interface GeneratedEvent extends TrackerEvent {
  enrollment: string
  program: string
  trackedEntity: string
}
export interface GeneratedEnrollment extends TrackerEnrollment {
  trackedEntity: string
  completedAt?: string
  events: GeneratedEvent[]
}
export interface GeneratedTrackedEntity {
  trackedEntity: string
  trackedEntityType: string
  orgUnit: string
  deleted?: boolean
  attributes: { attribute: string; value: string }[]
  enrollments: GeneratedEnrollment[]
  createdAt: string
  updatedAt: string
}

export type ProblemKind =
  | 'INFANT_WITHOUT_MOTHER'
  | 'DUPLICATE_RELATIONSHIP'
  | 'RELATIONSHIP_TO_DELETED_ENTITY'
  | 'DELIVERY_WITHOUT_INFANT'
  | 'BIRTH_WEIGHT_OUT_OF_RANGE'
  | 'EVENT_IN_FUTURE'
  | 'PNC_BEFORE_DELIVERY'
  | 'EVENT_AFTER_ENROLLMENT_COMPLETED'

export const PROBLEM_KINDS: ProblemKind[] = [
  'INFANT_WITHOUT_MOTHER',
  'DUPLICATE_RELATIONSHIP',
  'RELATIONSHIP_TO_DELETED_ENTITY',
  'DELIVERY_WITHOUT_INFANT',
  'BIRTH_WEIGHT_OUT_OF_RANGE',
  'EVENT_IN_FUTURE',
  'PNC_BEFORE_DELIVERY',
  'EVENT_AFTER_ENROLLMENT_COMPLETED',
]

/** A deliberate data problem, so tests and the data-quality page can find it. */
export interface GeneratedProblem {
  kind: ProblemKind
  trackedEntity: string
  enrollment?: string
  event?: string
  relationship?: string
  description: string
}

export interface TrackerSink {
  trackedEntity(te: GeneratedTrackedEntity): void
  relationship(rel: StoredRelationship): void
  problem(p: GeneratedProblem): void
}

export interface TrackerOptions {
  seed: number
  pairs: number
  today: string
  /** Per-kind rate of deliberate problems (default 0.004 per pair). */
  problemRate?: number
}

// ------------------------------------------------------------------------------------------
// UIDs of the vocabulary, resolved once
// ------------------------------------------------------------------------------------------
const D = Object.fromEntries(Object.entries(DE).map(([k, code]) => [k, ids.dataElement(code)])) as Record<keyof typeof DE, string>
const A = Object.fromEntries(Object.entries(ATTR).map(([k, code]) => [k, ids.attribute(code)])) as Record<keyof typeof ATTR, string>
const P_MOTHER = ids.program(PROGRAM.MOTHER)
const P_INFANT = ids.program(PROGRAM.INFANT)
const S_ANC = ids.stage(STAGE.ANC)
const S_DEL = ids.stage(STAGE.DELIVERY)
const S_PNC = ids.stage(STAGE.PNC)
const S_BIRTH = ids.stage(STAGE.BIRTH)
const S_VISIT = ids.stage(STAGE.INFANT_VISIT)
const REL_TYPE = ids.relationshipType()
const PERSON = ids.trackedEntityType()

const T = 'true'
const F = 'false'
const bool = (b: boolean): string => (b ? T : F)

/** Start and end of the "improvement" ramp. */
const RAMP_START = dayOf('2024-01-01')
const RAMP_END = dayOf('2026-10-01')
const rampAt = (day: number): number => Math.min(1, Math.max(0, (day - RAMP_START) / (RAMP_END - RAMP_START)))
const lerp = (a: number, b: number, t: number): number => a + (b - a) * t
const clamp01 = (p: number): number => Math.min(0.99, Math.max(0.01, p))

const REGION_FACTOR: Record<string, number> = {}

interface FacilityPicker {
  cumulative: Float64Array
  list: FacilityInfo[]
  quality: Map<string, number>
  north: Set<string>
}

function facilityPicker(h: Hierarchy, seed: number): FacilityPicker {
  const regionWeights = [1.0, 1.1, 1.2, 1.1, 1.0, 0.55, 0.55, 0.2, 0.25, 1.3]
  h.regionIds.forEach((id, i) => (REGION_FACTOR[id] = regionWeights[i] ?? 1))
  const cumulative = new Float64Array(h.facilities.length)
  let sum = 0
  h.facilities.forEach((f, i) => {
    sum += f.weight * (REGION_FACTOR[f.region] ?? 1)
    cumulative[i] = sum
  })
  // District performance varies (the same for every pair of the district).
  const rq = new Rng(seed, 99)
  const quality = new Map<string, number>()
  for (const d of h.districtIds) quality.set(d, rq.normal(0, 0.06))
  const north = new Set(h.regionIds.slice(5, 9))
  return { cumulative, list: h.facilities, quality, north }
}

function pickFacility(p: FacilityPicker, rng: Rng): FacilityInfo {
  const r = rng.next() * p.cumulative[p.cumulative.length - 1]
  let lo = 0
  let hi = p.cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (p.cumulative[mid] > r) hi = mid
    else lo = mid + 1
  }
  return p.list[lo]
}

const INTENDED_METHODS = [FP_METHOD.IUD_POSTPLACENTAL, FP_METHOD.IMPLANT_3Y, FP_METHOD.LAM, FP_METHOD.POP, FP_METHOD.INJ_DMPA_SC, FP_METHOD.TUBAL_LIGATION, FP_METHOD.CONDOM_MALE]
const INTENDED_WEIGHTS = [0.25, 0.25, 0.13, 0.1, 0.17, 0.04, 0.06]
const PPFP_METHODS = [FP_METHOD.IUD_POSTPLACENTAL, FP_METHOD.IMPLANT_3Y, FP_METHOD.IMPLANT_5Y, FP_METHOD.IMPLANT_LEVOPLANT, FP_METHOD.LAM, FP_METHOD.POP, FP_METHOD.CONDOM_MALE, FP_METHOD.TUBAL_LIGATION]
const PPFP_WEIGHTS = [0.2, 0.22, 0.06, 0.07, 0.2, 0.12, 0.08, 0.05]
/** Methods started after post-abortion care (no LAM: there is no breastfeeding to rely on). */
const PAC_METHODS = [FP_METHOD.IMPLANT_3Y, FP_METHOD.INJ_DMPA_SC, FP_METHOD.INJ_DMPA_IM, FP_METHOD.POP, FP_METHOD.COC, FP_METHOD.IUD_CU, FP_METHOD.CONDOM_MALE]
const PAC_WEIGHTS = [0.26, 0.22, 0.14, 0.12, 0.1, 0.08, 0.08]
const LATER_METHODS = [FP_METHOD.INJ_DMPA_SC, FP_METHOD.INJ_DMPA_IM, FP_METHOD.IMPLANT_3Y, FP_METHOD.IMPLANT_LEVOPLANT, FP_METHOD.POP, FP_METHOD.IUD_CU, FP_METHOD.COC, FP_METHOD.CONDOM_MALE, FP_METHOD.LAM]
const LATER_WEIGHTS = [0.28, 0.18, 0.14, 0.05, 0.12, 0.05, 0.06, 0.06, 0.06]

interface VisitPlan {
  min: number
  max: number
  p: number
  vaccine?: string
  vitA?: boolean
}
const VISITS: VisitPlan[] = [
  { min: 1, max: 7, p: 0.72, vaccine: D.INF_VAC_BCG },
  { min: 42, max: 50, p: 0.86, vaccine: D.INF_VAC_PENTA1 },
  { min: 70, max: 80, p: 0.88, vaccine: D.INF_VAC_PENTA2 },
  { min: 98, max: 110, p: 0.86, vaccine: D.INF_VAC_PENTA3 },
  { min: 121, max: 135, p: 0.5 },
  { min: 150, max: 165, p: 0.45 },
  { min: 182, max: 200, p: 0.68, vitA: true },
  { min: 270, max: 290, p: 0.66, vaccine: D.INF_VAC_MCV1 },
  { min: 350, max: 372, p: 0.4 },
]

const round1 = (x: number): string => (Math.round(x * 10) / 10).toString()
const round2 = (x: number): string => (Math.round(x * 100) / 100).toString()

/** Generate `pairs` mothers (with their infants) into `sink`. */
export function generateTracker(options: TrackerOptions, h: Hierarchy, sink: TrackerSink): void {
  const today = dayOf(options.today)
  const rng = new Rng(options.seed, 1)
  const idRng = new Rng(options.seed, 2)
  // Draws added after the first data set was fixed (post-abortion care, HIV status at PNC) use a
  // stream of their own, so every record that existed before keeps its values and identifiers.
  const extra = new Rng(options.seed, 4)
  const picker = facilityPicker(h, options.seed)
  const rate = options.problemRate ?? 0.004
  const pending: Record<ProblemKind, number> = Object.fromEntries(PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>
  const lmpMin = dayOf('2023-03-01')
  const lmpMax = today - 75
  let infantCounter = 0

  for (let i = 0; i < options.pairs; i++) {
    for (const k of PROBLEM_KINDS) pending[k] += rate
    const want = (k: ProblemKind) => pending[k] >= 1
    const done = (k: ProblemKind) => (pending[k] -= 1)

    const home = pickFacility(picker, rng)
    const dq = (picker.quality.get(home.district) ?? 0) - (picker.north.has(home.region) ? 0.06 : 0)
    const motherId = idRng.uid()
    const enrollmentId = idRng.uid()

    // --- pregnancy dates -----------------------------------------------------------------
    const lmp = rng.int(lmpMin, lmpMax)
    const t0 = rampAt(lmp + 84)
    const early = rng.chance(clamp01(lerp(0.2, 0.36, t0) + dq))
    let gaAnc1 = early ? rng.int(6, 11) : Math.min(32, 12 + Math.floor(Math.abs(rng.normal(0, 7))))
    let anc1 = lmp + gaAnc1 * 7 + rng.int(0, 6)
    if (anc1 > today) {
      anc1 = today - rng.int(0, 6)
      gaAnc1 = Math.floor((anc1 - lmp) / 7)
    }
    const preterm = rng.chance(0.1)
    const gaBirth = preterm ? rng.int(32, 36) : rng.int(37, 41)
    const deliveryDay = lmp + gaBirth * 7 + rng.int(0, 6)
    const pregnancyLoss = rng.chance(0.025)
    const delivered = !pregnancyLoss && deliveryDay <= today
    const noAnc = delivered && rng.chance(0.05)
    const motherAge = rng.chance(0.12) ? rng.int(15, 17) : rng.int(18, 42)
    const motherDob = lmp - motherAge * 365 - rng.int(0, 300)
    const hivStatus = rng.next()
    const hivPositive = hivStatus < 0.012
    const baseMuac = rng.normal(25.6, 2.4)
    const baseWeight = rng.normal(60, 9)
    let motherMethod: string | null = null
    let hivKnown = hivPositive

    const motherEvents: GeneratedEvent[] = []
    let lastSeen = -1
    const ev = (stage: string, orgUnit: string, day: number, dataValues: TrackerDataValue[], program = P_MOTHER, enr = enrollmentId, te = motherId): GeneratedEvent => {
      if (day <= today && day > lastSeen) lastSeen = day
      return {
      event: idRng.uid(),
      program,
      programStage: stage,
      enrollment: enr,
      trackedEntity: te,
      orgUnit,
      occurredAt: isoDateTime(day),
      status: day > today ? 'ACTIVE' : 'COMPLETED',
      dataValues,
    }
    }

    // --- ANC contacts --------------------------------------------------------------------
    if (!noAnc) {
      const tA = rampAt(anc1)
      const p4 = clamp01(lerp(0.5, 0.64, tA) + dq)
      let contacts: number
      const u = rng.next()
      if (u < p4) contacts = 4 + rng.weighted([0.45, 0.25, 0.14, 0.1, 0.06])
      else contacts = 1 + rng.weighted([0.3, 0.35, 0.35])
      const endDay = pregnancyLoss ? lmp + rng.int(14, 26) * 7 : deliveryDay - 3
      let day = anc1
      let iptp = 0
      const pFpc = clamp01(lerp(0.3, 0.74, tA) + dq)
      for (let k = 1; k <= contacts; k++) {
        if (day > today || (k > 1 && day > endDay)) break
        const ga = Math.floor((day - lmp) / 7)
        const dv: TrackerDataValue[] = [
          { dataElement: D.ANC_CONTACT_NO, value: String(k) },
          { dataElement: D.ANC_GEST_AGE_WEEKS, value: String(ga) },
        ]
        if (!rng.chance(0.03)) {
          const fpc = rng.chance(pFpc)
          dv.push({ dataElement: D.FP_COUNSELLED, value: bool(fpc) })
          if (fpc && rng.chance(0.6)) dv.push({ dataElement: D.ANC_FP_METHOD_INTENDED, value: INTENDED_METHODS[rng.weighted(INTENDED_WEIGHTS)] })
        }
        dv.push({ dataElement: D.MATERNAL_NUTRITION_COUNSELLED, value: bool(rng.chance(0.62)) })
        dv.push({ dataElement: D.ANC_IFA_GIVEN, value: bool(rng.chance(0.86)) })
        if (rng.chance(0.85)) dv.push({ dataElement: D.MATERNAL_MUAC_CM, value: round1(baseMuac + rng.normal(0, 0.3)) })
        dv.push({ dataElement: D.ANC_WEIGHT_KG, value: round1(baseWeight + 0.35 * ga + rng.normal(0, 0.8)) })
        if (rng.chance(0.7)) {
          dv.push({ dataElement: D.ANC_BP_SYSTOLIC, value: String(Math.round(rng.normal(112, 12))) })
          dv.push({ dataElement: D.ANC_BP_DIASTOLIC, value: String(Math.round(rng.normal(72, 9))) })
        }
        if (ga >= 13) {
          const dose = rng.chance(0.8) ? Math.min(5, ++iptp) : 0
          dv.push({ dataElement: D.ANC_IPTP_DOSE, value: String(dose) })
        }
        if (k === 1) {
          const syph = rng.next()
          dv.push({ dataElement: D.ANC_SYPHILIS_TEST, value: syph < 0.18 ? 'NOT_DONE' : syph < 0.98 ? 'NEGATIVE' : 'POSITIVE' })
          const offered = rng.chance(0.95)
          dv.push({ dataElement: D.HIV_TEST_OFFERED, value: bool(offered) })
          const tested = offered && rng.chance(0.9)
          hivKnown = hivKnown || tested
          dv.push({ dataElement: D.HIV_TEST_DONE, value: bool(tested) })
          if (tested || hivPositive) dv.push({ dataElement: D.HIV_RESULT, value: hivPositive ? (hivStatus < 0.005 ? 'KNOWN_POSITIVE' : 'POSITIVE') : 'NEGATIVE' })
          if (hivPositive) dv.push({ dataElement: D.ARV_GIVEN, value: T })
        }
        motherEvents.push(ev(S_ANC, home.id, day, dv))
        day += rng.int(24, 42)
      }
    }

    // --- post-abortion care: most pregnancies lost before 22 weeks come back for PAC (an ANC-stage
    // contact with "post-abortion care given"), where a method is offered and often started ----
    if (pregnancyLoss && extra.chance(0.7)) {
      const lossDay = Math.max(lastSeen + extra.int(3, 20), lmp + extra.int(10, 21) * 7)
      if (lossDay <= today) {
        const dv: TrackerDataValue[] = [
          { dataElement: D.ANC_PAC, value: T },
          { dataElement: D.FP_COUNSELLED, value: bool(extra.chance(0.85)) },
        ]
        if (extra.chance(clamp01(lerp(0.38, 0.62, rampAt(lossDay)) + dq))) dv.push({ dataElement: D.ANC_PAC_FP_METHOD, value: PAC_METHODS[extra.weighted(PAC_WEIGHTS)] })
        if (lossDay > lastSeen) lastSeen = lossDay
        motherEvents.push({
          event: extra.uid(),
          program: P_MOTHER,
          programStage: S_ANC,
          enrollment: enrollmentId,
          trackedEntity: motherId,
          orgUnit: home.id,
          occurredAt: isoDateTime(lossDay),
          status: 'COMPLETED',
          dataValues: dv,
        })
      }
    }

    // --- delivery ------------------------------------------------------------------------
    let deliveryOu = home.id
    let liveBirths = 0
    let facilityDelivery = false
    let caesarean = false
    let deliveryEvent: GeneratedEvent | null = null
    const tD = rampAt(deliveryDay)
    if (delivered) {
      const place = rng.next()
      const pFacility = clamp01(lerp(0.78, 0.88, tD) + dq * 1.5)
      let placeCode: string
      if (place < pFacility) {
        facilityDelivery = true
        placeCode = 'FACILITY'
        caesarean = rng.chance(0.1)
        const canOperate = home.type === FACILITY_TYPE.DISTRICT || home.type === FACILITY_TYPE.HOSPITAL || home.type === FACILITY_TYPE.CLINIC || home.type === FACILITY_TYPE.POLYCLINIC
        if (!home.deliveries || (caesarean && !canOperate) || rng.chance(0.15)) deliveryOu = h.referral.get(home.district) ?? home.id
      } else if (place < pFacility + 0.04) {
        placeCode = 'OTHER_FACILITY'
      } else if (place < pFacility + 0.06) {
        placeCode = 'EN_ROUTE'
      } else {
        placeCode = 'HOME'
      }
      const mode = caesarean ? 'CAESAREAN' : facilityDelivery && rng.chance(0.03) ? 'ASSISTED' : 'NORMAL'
      const twins = rng.chance(0.02)
      let stillbirths = 0
      const births = twins ? 2 : 1
      for (let b = 0; b < births; b++) {
        if (rng.chance(0.02)) stillbirths++
        else liveBirths++
      }
      const dv: TrackerDataValue[] = [
        { dataElement: D.DEL_PLACE, value: placeCode },
        { dataElement: D.DEL_MODE, value: mode },
        { dataElement: D.DEL_LIVE_BIRTHS, value: String(liveBirths) },
        { dataElement: D.DEL_STILLBIRTHS, value: String(stillbirths) },
      ]
      if (facilityDelivery) {
        dv.push({ dataElement: D.DEL_PARTOGRAPH, value: bool(rng.chance(0.72)) })
        const utero = rng.chance(clamp01(lerp(0.8, 0.93, tD) + dq))
        dv.push({ dataElement: D.DEL_UTEROTONIC_1MIN, value: bool(utero) })
        if (mode !== 'CAESAREAN') dv.push({ dataElement: D.DEL_AMTSL_FULL, value: bool(utero && rng.chance(0.82)) })
        const counselled = rng.chance(clamp01(lerp(0.36, 0.78, tD) + dq))
        dv.push({ dataElement: D.FP_COUNSELLED, value: bool(counselled) })
        if (rng.chance(counselled ? lerp(0.25, 0.55, tD) : 0.03)) {
          let method: string = PPFP_METHODS[rng.weighted(PPFP_WEIGHTS)]
          if (method === FP_METHOD.IUD_POSTPLACENTAL && caesarean) method = FP_METHOD.IUD_POSTCAESAREAN
          if (method === FP_METHOD.TUBAL_LIGATION && !caesarean && rng.chance(0.6)) method = FP_METHOD.IMPLANT_3Y
          motherMethod = method
          dv.push({ dataElement: D.FP_METHOD, value: method })
        }
        dv.push({ dataElement: D.MATERNAL_NUTRITION_COUNSELLED, value: bool(rng.chance(0.5)) })
        dv.push({ dataElement: D.DEL_MATERNAL_VITA, value: bool(rng.chance(0.3)) })
      } else {
        dv.push({ dataElement: D.DEL_UTEROTONIC_1MIN, value: bool(rng.chance(0.12)) })
        dv.push({ dataElement: D.FP_COUNSELLED, value: bool(rng.chance(0.05)) })
      }
      if (hivPositive) {
        dv.push({ dataElement: D.HIV_RESULT, value: 'KNOWN_POSITIVE' }, { dataElement: D.ARV_GIVEN, value: T })
      }
      deliveryEvent = ev(S_DEL, deliveryOu, deliveryDay, dv)
      motherEvents.push(deliveryEvent)
    }

    // --- postnatal contacts ---------------------------------------------------------------
    let lastPncDay = -1
    let d42Day = -1
    if (delivered) {
      const plan: Array<[string, number, number]> = []
      const h48 = rng.chance(facilityDelivery ? clamp01(lerp(0.64, 0.86, tD) + dq) : 0.25)
      if (h48) plan.push(['H48', deliveryDay + rng.int(0, 1), 0])
      if (rng.chance(clamp01(lerp(0.38, 0.62, tD) + dq + (h48 ? 0.08 : -0.1)))) plan.push(['D6', deliveryDay + rng.int(3, 7), 0.04])
      if (rng.chance(clamp01(lerp(0.28, 0.5, tD) + dq))) plan.push(['D42', deliveryDay + rng.int(38, 52), lerp(0.2, 0.34, tD)])
      if (rng.chance(0.05)) plan.push(['OTHER', deliveryDay + rng.int(10, 30), 0.1])
      plan.sort((a, b) => a[1] - b[1])
      const pncOu = facilityDelivery && rng.chance(0.5) ? deliveryOu : home.id
      for (const [timing, day, pMethod] of plan) {
        if (day > today) continue
        const dv: TrackerDataValue[] = [{ dataElement: D.PNC_TIMING, value: timing }]
        if (liveBirths > 0) dv.push({ dataElement: D.PNC_NEWBORN_SEEN, value: bool(rng.chance(0.9)) })
        dv.push({ dataElement: D.FP_COUNSELLED, value: bool(rng.chance(clamp01(lerp(0.42, 0.76, tD) + dq))) })
        if (!motherMethod && rng.chance(pMethod)) {
          motherMethod = timing === 'D6' ? rng.pick([FP_METHOD.LAM, FP_METHOD.CONDOM_MALE, FP_METHOD.POP]) : LATER_METHODS[rng.weighted(LATER_WEIGHTS)]
          dv.push({ dataElement: D.FP_METHOD, value: motherMethod })
        }
        dv.push({ dataElement: D.MATERNAL_NUTRITION_COUNSELLED, value: bool(rng.chance(0.55)) })
        if (rng.chance(0.8)) dv.push({ dataElement: D.PNC_BF_COUNSELLED, value: T })
        if (rng.chance(0.6)) dv.push({ dataElement: D.HYGIENE_EDUCATION, value: T })
        if (rng.chance(0.03)) dv.push({ dataElement: D.PNC_DANGER_SIGNS, value: T })
        if (timing !== 'H48') dv.push({ dataElement: D.MENTAL_HEALTH_POSITIVE, value: bool(rng.chance(0.08)) })
        if (rng.chance(0.7)) dv.push({ dataElement: D.MATERNAL_MUAC_CM, value: round1(baseMuac - 0.4 + rng.normal(0, 0.3)) })
        if (hivPositive) dv.push({ dataElement: D.ARV_GIVEN, value: T })
        // PMTCT at PNC: a status known in pregnancy is usually written again on the postnatal contact
        if (hivKnown && extra.chance(0.75)) dv.push({ dataElement: D.HIV_RESULT, value: hivPositive ? 'KNOWN_POSITIVE' : 'NEGATIVE' })
        const e = ev(S_PNC, pncOu, day, dv)
        if (timing === 'H48' && want('PNC_BEFORE_DELIVERY')) {
          done('PNC_BEFORE_DELIVERY')
          e.occurredAt = isoDateTime(deliveryDay - rng.int(1, 3))
          sink.problem({ kind: 'PNC_BEFORE_DELIVERY', trackedEntity: motherId, enrollment: enrollmentId, event: e.event, description: `PNC 48 h dated ${e.occurredAt?.slice(0, 10)} before the delivery on ${isoDate(deliveryDay)}` })
        }
        motherEvents.push(e)
        lastPncDay = Math.max(lastPncDay, day)
        if (timing === 'D42') d42Day = day
      }
    }

    // --- mother enrollment ----------------------------------------------------------------
    let status = 'ACTIVE'
    let completedAt: number | undefined
    if (pregnancyLoss && lmp + 30 * 7 < today) {
      status = 'CANCELLED'
    } else if (delivered && (d42Day > 0 || today - deliveryDay > 60)) {
      status = 'COMPLETED'
      completedAt = d42Day > 0 ? d42Day : Math.min(today, deliveryDay + 60)
    }
    if (status === 'COMPLETED' && completedAt !== undefined && want('EVENT_AFTER_ENROLLMENT_COMPLETED') && completedAt + 40 <= today) {
      done('EVENT_AFTER_ENROLLMENT_COMPLETED')
      const day = completedAt + rng.int(10, 40)
      const e = ev(S_PNC, home.id, day, [
        { dataElement: D.PNC_TIMING, value: 'OTHER' },
        { dataElement: D.FP_COUNSELLED, value: T },
      ])
      motherEvents.push(e)
      sink.problem({ kind: 'EVENT_AFTER_ENROLLMENT_COMPLETED', trackedEntity: motherId, enrollment: enrollmentId, event: e.event, description: `PNC event on ${isoDate(day)} after the enrollment was completed on ${isoDate(completedAt)}` })
    }
    const firstDay = noAnc ? deliveryDay : anc1
    const motherOu = noAnc ? deliveryOu : home.id
    const lastDay = Math.max(firstDay, lastSeen)
    const motherFirst = rng.pick(FEMALE_NAMES)
    const motherLast = rng.pick(FAMILY_NAMES)
    const motherEnrollment: GeneratedEnrollment = {
      enrollment: enrollmentId,
      program: P_MOTHER,
      trackedEntity: motherId,
      orgUnit: motherOu,
      enrolledAt: isoDateTime(firstDay),
      occurredAt: isoDateTime(lmp),
      status,
      events: motherEvents,
    }
    if (completedAt !== undefined) motherEnrollment.completedAt = isoDateTime(completedAt)
    sink.trackedEntity({
      trackedEntity: motherId,
      trackedEntityType: PERSON,
      orgUnit: motherOu,
      attributes: [
        { attribute: A.ID, value: `DYM${String(i + 1).padStart(7, '0')}` },
        { attribute: A.FIRST_NAME, value: motherFirst },
        { attribute: A.LAST_NAME, value: motherLast },
        { attribute: A.DOB, value: isoDate(motherDob) },
        { attribute: A.PHONE, value: `+223 ${rng.pick(['66', '76', '79', '65', '90', '70'])} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}` },
        { attribute: A.LOCALITY, value: rng.pick(VILLAGES) },
        { attribute: A.PARITY, value: String(motherAge < 18 ? 0 : rng.int(0, Math.min(8, Math.floor((motherAge - 16) / 2)))) },
      ],
      enrollments: [motherEnrollment],
      createdAt: isoDateTime(firstDay),
      updatedAt: isoDateTime(lastDay),
    })

    // --- infants ---------------------------------------------------------------------------
    if (!delivered || liveBirths === 0) continue
    if (liveBirths === 1 && want('DELIVERY_WITHOUT_INFANT')) {
      done('DELIVERY_WITHOUT_INFANT')
      sink.problem({ kind: 'DELIVERY_WITHOUT_INFANT', trackedEntity: motherId, enrollment: enrollmentId, event: deliveryEvent?.event, description: `Delivery on ${isoDate(deliveryDay)} with 1 live birth but no infant record` })
      continue
    }
    const twins = liveBirths > 1
    const infantOu = facilityDelivery ? deliveryOu : home.id
    for (let b = 0; b < liveBirths; b++) {
      infantCounter++
      const infantId = idRng.uid()
      const infantEnrollment = idRng.uid()
      // Decided first: a record that will be deleted carries no value problem (the data-quality
      // page skips deleted records, so a problem planted there could never be seen).
      const infantDeleted = want('RELATIONSHIP_TO_DELETED_ENTITY')
      const sex: 1 | 2 = rng.chance(0.51) ? 1 : 2
      const dob = deliveryDay
      const tB = rampAt(dob)
      // Birth weight
      let bw = rng.normal(sex === 1 ? 3150 : 3050, 420) - (preterm ? (37 - gaBirth) * 190 + 120 : 0) - (twins ? 480 : 0)
      bw = Math.round(Math.min(4800, Math.max(900, bw)) / 10) * 10
      const lbw = bw < 2500
      const weighed = facilityDelivery ? rng.chance(0.97) : rng.chance(0.3)
      const birthDv: TrackerDataValue[] = []
      let problemBirthWeight = false
      if (weighed) {
        let recorded = bw
        if (!infantDeleted && want('BIRTH_WEIGHT_OUT_OF_RANGE')) {
          done('BIRTH_WEIGHT_OUT_OF_RANGE')
          problemBirthWeight = true
          recorded = rng.chance(0.5) ? rng.int(9000, 9900) : rng.int(150, 350)
        }
        birthDv.push({ dataElement: D.BIRTH_WEIGHT_G, value: String(recorded) })
      }
      birthDv.push({ dataElement: D.BIRTH_GEST_AGE_WEEKS, value: String(gaBirth) })
      if (facilityDelivery) {
        birthDv.push({ dataElement: D.BIRTH_ENC, value: bool(rng.chance(0.82)) })
        birthDv.push({ dataElement: D.BIRTH_RESUSCITATED, value: bool(rng.chance(lbw ? 0.08 : 0.025)) })
        birthDv.push({ dataElement: D.BIRTH_INFECTION_TREATED, value: bool(rng.chance(lbw ? 0.09 : 0.035)) })
      }
      birthDv.push({ dataElement: D.BIRTH_BF_1H, value: bool(rng.chance(facilityDelivery ? clamp01(lerp(0.55, 0.8, tB) + dq) : 0.5)) })
      birthDv.push({ dataElement: D.KMC, value: bool(lbw && rng.chance(clamp01(lerp(0.45, 0.78, tB) + dq))) })
      if (hivPositive) birthDv.push({ dataElement: D.BIRTH_ARV_PROPHYLAXIS, value: T })
      const infantEvents: GeneratedEvent[] = []
      lastSeen = dob
      const birthEvent = ev(S_BIRTH, infantOu, dob, birthDv, P_INFANT, infantEnrollment, infantId)
      infantEvents.push(birthEvent)
      if (problemBirthWeight) {
        const recorded = birthDv[0].value
        sink.problem({ kind: 'BIRTH_WEIGHT_OUT_OF_RANGE', trackedEntity: infantId, enrollment: infantEnrollment, event: birthEvent.event, description: `Birth weight recorded as ${recorded} g` })
      }

      // Growth trajectory
      const z0 = zOf(wfa(sex, 0)!, bw / 1000, true)
      const target = rng.normal(-0.45, 0.6)
      const faltering = rng.chance(lbw ? 0.18 : 0.07)
      const falterStart = rng.int(20, 70)
      const falterRate = rng.next() * 0.009 + 0.006
      const lz0 = rng.normal(-0.4, 0.85)
      let missedVaccine = false
      for (const plan of VISITS) {
        const age = rng.int(plan.min, plan.max)
        const day = dob + age
        if (day > today) break
        if (!rng.chance(clamp01(plan.p * (missedVaccine ? 0.65 : 1) + (tB - 0.5) * 0.08 + dq))) {
          if (plan.vaccine) missedVaccine = true
          continue
        }
        let z = z0 + (target - z0) * (1 - Math.exp(-age / 90)) + rng.normal(0, 0.15)
        if (faltering && age > falterStart) z -= Math.min(2.6, (age - falterStart) * falterRate)
        const w = Math.round(valueAt(wfa(sex, age)!, z) * 10) / 10
        const waz = zOf(wfa(sex, age)!, w, true)
        const lz = lz0 + rng.normal(0, 0.12) - (faltering && age > falterStart ? Math.min(1, (age - falterStart) * falterRate * 0.3) : 0)
        const len = Math.round(valueAt(lfa(sex, age)!, lz) * 10) / 10
        const wflLms = len >= 45 && len <= 110 ? wfl(sex, len) : undefined
        const dv: TrackerDataValue[] = [
          { dataElement: D.INF_WEIGHT_KG, value: String(w) },
          { dataElement: D.INF_LENGTH_CM, value: String(len) },
          { dataElement: D.INF_WAZ, value: round2(waz) },
        ]
        if (wflLms) dv.push({ dataElement: D.INF_WLZ, value: round2(zOf(wflLms, w, true)) })
        let muac: number | undefined
        if (age >= 42 && rng.chance(0.85)) {
          const mz = 0.75 * waz + rng.normal(0, 0.5)
          if (age >= 91) muac = valueAt(muacForAge(sex, age)!, mz)
          else muac = (sex === 1 ? 12.4 : 12.1) + (age - 42) * 0.021 + 0.95 * mz
          muac = Math.round(muac * 10) / 10
          dv.push({ dataElement: D.INF_MUAC_CM, value: String(muac) })
        }
        const months = age / 30.4375
        let feeding: string
        if (age < 183) {
          const pEbf = clamp01(0.9 - 0.075 * months + 0.12 * tB + dq)
          const f = rng.next()
          feeding = f < pEbf ? 'EXCLUSIVE_BF' : f < 0.97 ? 'PARTIAL_BF' : 'NOT_BF'
        } else feeding = rng.chance(0.93) ? 'PARTIAL_BF' : 'NOT_BF'
        dv.push({ dataElement: D.INF_FEEDING, value: feeding })
        if (plan.vaccine && rng.chance(0.95)) dv.push({ dataElement: plan.vaccine, value: T })
        else if (plan.vaccine) missedVaccine = true
        if (plan.vitA) dv.push({ dataElement: D.INF_VITA, value: bool(rng.chance(0.85)) })
        dv.push({ dataElement: D.INF_WELL_BABY, value: bool(rng.chance(0.9)) })
        if (rng.chance(0.5)) dv.push({ dataElement: D.HYGIENE_EDUCATION, value: T })
        if (lbw && age < 60) dv.push({ dataElement: D.KMC, value: bool(rng.chance(0.6)) })
        if (hivPositive && plan.min === 42) dv.push({ dataElement: D.INF_HIV_TEST, value: rng.chance(0.97) ? 'NEGATIVE' : 'POSITIVE' })
        // Mother's family planning at the infant visit
        dv.push({ dataElement: D.FP_COUNSELLED, value: bool(rng.chance(clamp01(lerp(0.3, 0.62, rampAt(day)) + dq))) })
        if (!motherMethod && age >= 40 && rng.chance(lerp(0.12, 0.24, rampAt(day)))) {
          let m: string = LATER_METHODS[rng.weighted(LATER_WEIGHTS)]
          if (m === FP_METHOD.COC && age < 183) m = FP_METHOD.POP
          motherMethod = m
          dv.push({ dataElement: D.FP_METHOD, value: m })
        }
        if (rng.chance(0.4)) dv.push({ dataElement: D.MATERNAL_NUTRITION_COUNSELLED, value: T })
        // MAMI assessment of the dyad (< 6 months)
        if (age < 183) {
          const oedema = rng.chance(faltering ? 0.015 : 0.002)
          const attachment = rng.chance(faltering ? 0.6 : 0.93)
          const danger = rng.chance(0.015)
          const weightLoss = faltering && age > falterStart + 14 ? rng.chance(0.7) : rng.chance(0.02)
          // Yes/no checks are recorded as ticked; unticked risk factors stay empty, as on paper.
          dv.push({ dataElement: D.MAMI_OEDEMA, value: bool(oedema) }, { dataElement: D.MAMI_ATTACHMENT_EFFECTIVE, value: bool(attachment) }, { dataElement: D.MAMI_DANGER_SIGN, value: bool(danger) })
          if (weightLoss) dv.push({ dataElement: D.MAMI_WEIGHT_LOSS, value: T })
          if (preterm || lbw) dv.push({ dataElement: D.MAMI_RF_PRETERM_LBW, value: T })
          if (twins) dv.push({ dataElement: D.MAMI_RF_TWIN, value: T })
          if (motherAge < 18) dv.push({ dataElement: D.MAMI_RF_ADOLESCENT_MOTHER, value: T })
          if (hivPositive) dv.push({ dataElement: D.MAMI_RF_MOTHER_HIV, value: T })
          if (rng.chance(0.6)) dv.push({ dataElement: D.MENTAL_HEALTH_POSITIVE, value: bool(rng.chance(0.08)) })
          if (rng.chance(0.75)) dv.push({ dataElement: D.MATERNAL_MUAC_CM, value: round1(baseMuac - 0.6 + rng.normal(0, 0.4)) })
          const risk = waz < -3 || oedema || danger ? 'HIGH' : waz < -2 || (muac !== undefined && muac < 11) || !attachment ? 'MODERATE' : 'LOW'
          dv.push({ dataElement: D.MAMI_RISK, value: risk })
          dv.push({ dataElement: D.MAMI_ACTION, value: risk === 'HIGH' ? 'REFERRED_INPATIENT' : risk === 'MODERATE' ? 'ENROLLED_OUTPATIENT' : 'USUAL_CARE' })
          if (risk !== 'LOW') dv.push({ dataElement: D.MAMI_NEXT_VISIT, value: isoDate(day + (risk === 'HIGH' ? 7 : 14)) })
        }
        const visitOu = rng.chance(0.85) ? home.id : infantOu
        infantEvents.push(ev(S_VISIT, visitOu, day, dv, P_INFANT, infantEnrollment, infantId))
      }
      if (!infantDeleted && want('EVENT_IN_FUTURE')) {
        done('EVENT_IN_FUTURE')
        // the year typed wrong (next year): still in the future when the sandbox runs months after its "today"
        const day = today + 365 + rng.int(10, 60)
        const e = ev(S_VISIT, home.id, day, [{ dataElement: D.INF_WELL_BABY, value: T }], P_INFANT, infantEnrollment, infantId)
        infantEvents.push(e)
        sink.problem({ kind: 'EVENT_IN_FUTURE', trackedEntity: infantId, enrollment: infantEnrollment, event: e.event, description: `Infant visit dated ${isoDate(day)}, after today (${isoDate(today)})` })
      }

      if (infantDeleted) {
        done('RELATIONSHIP_TO_DELETED_ENTITY')
        for (const e of infantEvents) e.deleted = true
      }
      const infantLast = lastSeen
      const enrollment: GeneratedEnrollment = {
        enrollment: infantEnrollment,
        program: P_INFANT,
        trackedEntity: infantId,
        orgUnit: infantOu,
        enrolledAt: isoDateTime(dob),
        occurredAt: isoDateTime(dob),
        status: today - dob > 380 ? 'COMPLETED' : 'ACTIVE',
        events: infantEvents,
      }
      if (enrollment.status === 'COMPLETED') enrollment.completedAt = isoDateTime(Math.max(infantLast, dob + 372))
      if (infantDeleted) enrollment.deleted = true
      const infant: GeneratedTrackedEntity = {
        trackedEntity: infantId,
        trackedEntityType: PERSON,
        orgUnit: infantOu,
        attributes: [
          { attribute: A.ID, value: `DYN${String(infantCounter).padStart(7, '0')}` },
          { attribute: A.FIRST_NAME, value: rng.pick(sex === 1 ? MALE_NAMES : FEMALE_NAMES) },
          { attribute: A.LAST_NAME, value: rng.chance(0.8) ? rng.pick(FAMILY_NAMES) : motherLast },
          { attribute: A.SEX, value: sex === 1 ? 'M' : 'F' },
          { attribute: A.DOB, value: isoDate(dob) },
        ],
        enrollments: [enrollment],
        createdAt: isoDateTime(dob),
        updatedAt: isoDateTime(infantLast),
      }
      if (infantDeleted) infant.deleted = true
      sink.trackedEntity(infant)

      // Relationship mother → infant
      if (want('INFANT_WITHOUT_MOTHER') && !infantDeleted) {
        done('INFANT_WITHOUT_MOTHER')
        sink.problem({ kind: 'INFANT_WITHOUT_MOTHER', trackedEntity: infantId, enrollment: infantEnrollment, description: 'Infant enrolled without a relationship to its mother' })
        continue
      }
      const rel: StoredRelationship = {
        relationship: idRng.uid(),
        relationshipType: REL_TYPE,
        from: motherId,
        to: infantId,
        createdAt: isoDateTime(dob),
        updatedAt: isoDateTime(dob),
      }
      sink.relationship(rel)
      if (infantDeleted) {
        sink.problem({ kind: 'RELATIONSHIP_TO_DELETED_ENTITY', trackedEntity: infantId, relationship: rel.relationship, description: 'Relationship from the mother to an infant record that was deleted' })
      } else if (want('DUPLICATE_RELATIONSHIP')) {
        done('DUPLICATE_RELATIONSHIP')
        const dup: StoredRelationship = { ...rel, relationship: idRng.uid(), createdAt: isoDateTime(Math.min(today, dob + 30)), updatedAt: isoDateTime(Math.min(today, dob + 30)) }
        sink.relationship(dup)
        sink.problem({ kind: 'DUPLICATE_RELATIONSHIP', trackedEntity: motherId, relationship: dup.relationship, description: `Second relationship between the same mother and infant (first: ${rel.relationship})` })
      }
    }
  }
}
