/**
 * Data-quality rules over tracker data: pair linkage (what the pair linker reports, plus duplicate
 * pairs), impossible or implausible values (WHO growth plausibility, birth weight, dates in the
 * future, delivery vs ANC dates, contacts after completion) and unreadable records (what the
 * tolerant parser reports).
 *
 * Input: the parsed tracked entities (`parseTrackedEntities(raw).entities`, which keeps extra wire
 * fields such as the enrollment's `completedAt` by reference) and the problems the parser and the
 * linker returned. Never throws: a record that cannot be checked is skipped.
 */
import type { Label } from '../../../metadata/src/vocabulary'
import { ATTR, DE, ids } from '../../../metadata/src/vocabulary'
import { dayNumber, isoOfDay } from '../dates'
import { isImplausible, zScore } from '../growth'
import type { DataProblem } from '../pairs/problems'
import type { TrackedEntity, TrackerEnrollment, TrackerEvent } from '../tracker'
import { resolveVocabulary, type VocabularyIds } from '../vocabularyIds'
import {
  ANC_BEFORE_DELIVERY_MAX_MONTHS,
  BIRTH_WEIGHT_MAX_G,
  BIRTH_WEIGHT_MIN_G,
  DUPLICATE_PREGNANCY_DAYS,
  PAIR_PROBLEM_RULE,
  QUALITY_RULES,
  RULE_BY_CODE,
} from './rules'
import type { CheckScope, QualityCode, QualityFinding, QualityGroup, QualityRecord } from './types'

export type GrowthKind = 'wfa' | 'lfa' | 'wfl' | 'mfa'

/** The WHO growth functions of src/domain/growth (injected, so this module does not own them). */
export interface GrowthCheck {
  zScore(kind: GrowthKind, sex: 'M' | 'F', ageDays: number, measurement: number, options?: { measured?: 'lying' | 'standing'; lengthCm?: number }): number | null
  isImplausible(kind: GrowthKind, z: number): boolean
}

export interface TrackerCheckInput {
  entities: TrackedEntity[]
  /** Problems of parseTrackedEntities and buildPairs. */
  problems: DataProblem[]
  /** Today (ISO date): later dates are in the future. */
  today: string
  /** WHO growth functions; without them the z-score rule is reported as not evaluated. */
  growth?: GrowthCheck
  vocabulary?: VocabularyIds
}

const l = (en: string, fr: string): Label => ({ en, fr })
const COUNTED = (status: unknown): boolean => status === 'ACTIVE' || status === 'COMPLETED'

/** An accumulator of findings with the scope filter and the record cap. */
export class FindingSet {
  private readonly map = new Map<QualityCode, QualityFinding>()
  private readonly cap: number
  constructor(
    private readonly scope: CheckScope,
    codes: QualityCode[],
  ) {
    this.cap = scope.maxRecords ?? 500
    for (const code of codes) {
      const r = RULE_BY_CODE[code]
      this.map.set(code, { code, group: r.group, severity: r.severity, title: r.title, explanation: r.explanation, count: 0, records: [] })
    }
  }

  /** Whether a record is in the selected period and org-unit scope (unknown date/org unit: kept). */
  inScope(rec: QualityRecord): boolean {
    const s = this.scope
    if (s.inScope && rec.orgUnit && !s.inScope(rec.orgUnit)) return false
    if (s.period && rec.date && (rec.date < s.period.start.slice(0, 10) || rec.date > s.period.end.slice(0, 10))) return false
    return true
  }

  add(code: QualityCode, rec: QualityRecord): void {
    if (!this.inScope(rec)) return
    const f = this.map.get(code)
    if (!f) return
    f.count++
    if (f.records.length < this.cap) f.records.push(rec)
  }

  get(code: QualityCode): QualityFinding | undefined {
    return this.map.get(code)
  }

  list(): QualityFinding[] {
    return [...this.map.values()]
  }
}

/** A day number as the user reads it: "25 Nov 2026" / "25 nov. 2026" (UTC, so never shifted a day). */
const DATE_FMT = { en: new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }), fr: new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' }) }
const NUM_FMT = { en: new Intl.NumberFormat('en', { maximumFractionDigits: 2 }), fr: new Intl.NumberFormat('fr', { maximumFractionDigits: 2 }) }
const dayEn = (d: number): string => DATE_FMT.en.format(new Date(d * 86_400_000))
const dayFr = (d: number): string => DATE_FMT.fr.format(new Date(d * 86_400_000))
const numEn = (n: number): string => NUM_FMT.en.format(n)
const numFr = (n: number): string => NUM_FMT.fr.format(n)

/** The codes of the rules of some sections, in catalog order. */
export function codesOf(groups: QualityGroup[]): QualityCode[] {
  return QUALITY_RULES.filter((r) => groups.includes(r.group)).map((r) => r.code)
}

const datePart = (s: unknown): string | undefined => {
  const d = dayNumber(s)
  return Number.isNaN(d) ? undefined : isoOfDay(d)
}

/** Lower case, no accents, single spaces: names typed differently still match. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** `day` plus `months` calendar months (end of month clamped), as a day number. */
function addMonths(day: number, months: number): number {
  const iso = isoOfDay(day)
  let y = Number(iso.slice(0, 4))
  let m = Number(iso.slice(5, 7)) + months
  y += Math.floor((m - 1) / 12)
  m = ((m - 1) % 12) + 1
  const d = Number(iso.slice(8, 10))
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return dayNumber(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`)
}

function valueOf(ev: TrackerEvent, de: string): string | undefined {
  const dvs = Array.isArray(ev.dataValues) ? ev.dataValues : []
  for (const dv of dvs) if (dv && dv.dataElement === de) return typeof dv.value === 'string' && dv.value !== '' ? dv.value : undefined
  return undefined
}

function numberOf(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return NaN
  const n = Number(v)
  return Number.isFinite(n) ? n : NaN
}

const attr = (te: TrackedEntity, uid: string): string | undefined => {
  const list = Array.isArray(te.attributes) ? te.attributes : []
  for (const a of list) if (a && a.attribute === uid && typeof a.value === 'string' && a.value !== '') return a.value
  return undefined
}

interface Ctx {
  te: TrackedEntity
  en?: TrackerEnrollment
  ev?: TrackerEvent
}

const LINKAGE_VALUE_RECORD_CODES = codesOf(['linkage', 'values', 'records'])

/** Every tracker rule (linkage, values, records), in catalog order, for the scope. */
export function checkTrackerQuality(input: TrackerCheckInput, scope: CheckScope = {}): QualityFinding[] {
  const v = input.vocabulary ?? resolveVocabulary()
  const set = new FindingSet(scope, LINKAGE_VALUE_RECORD_CODES)
  const entities = Array.isArray(input.entities) ? input.entities : []

  // ---------------------------------------------------------------- indexes
  const byEntity = new Map<string, TrackedEntity>()
  const byEnrollment = new Map<string, Ctx>()
  const byEvent = new Map<string, Ctx>()
  for (const te of entities) {
    if (!te || typeof te.trackedEntity !== 'string') continue
    byEntity.set(te.trackedEntity, te)
    for (const en of Array.isArray(te.enrollments) ? te.enrollments : []) {
      if (!en || typeof en.enrollment !== 'string') continue
      byEnrollment.set(en.enrollment, { te, en })
      for (const ev of Array.isArray(en.events) ? en.events : []) if (ev && typeof ev.event === 'string') byEvent.set(ev.event, { te, en, ev })
    }
  }
  const dyad = (en: TrackerEnrollment): boolean => en.program === v.motherProgram || en.program === v.infantProgram

  /** A record from whatever refs are known, with org unit, date and program filled from the data. */
  const recordOf = (refs: { entity?: string; enrollment?: string; event?: string; relationship?: string }, detail: Label): QualityRecord => {
    const c: Partial<Ctx> = (refs.event && byEvent.get(refs.event)) || (refs.enrollment && byEnrollment.get(refs.enrollment)) || {}
    const te = c.te ?? (refs.entity ? byEntity.get(refs.entity) : undefined)
    let en = c.en
    if (!en && te) en = (Array.isArray(te.enrollments) ? te.enrollments : []).find((x) => x && !x.deleted && dyad(x))
    const ev = c.ev
    const rec: QualityRecord = { detail }
    const entity = refs.entity ?? te?.trackedEntity
    if (entity) rec.entity = entity
    if (refs.enrollment ?? en?.enrollment) rec.enrollment = refs.enrollment ?? en?.enrollment
    if (refs.event) rec.event = refs.event
    if (refs.relationship) rec.relationship = refs.relationship
    if (en?.program) rec.program = en.program
    const ou = ev?.orgUnit || en?.orgUnit || te?.orgUnit
    if (ou) rec.orgUnit = ou
    const date = ev ? datePart(ev.occurredAt) : en ? datePart(en.occurredAt) ?? datePart(en.enrolledAt) : undefined
    if (date) rec.date = date
    return rec
  }

  // ---------------------------------------------------------------- problems of the parser and linker
  for (const p of Array.isArray(input.problems) ? input.problems : []) {
    const code = p && PAIR_PROBLEM_RULE[p.code]
    if (!code) continue
    set.add(code, recordOf(p, p.message))
  }

  // ---------------------------------------------------------------- own rules
  const today = dayNumber(input.today)
  const A_FIRST = ids.attribute(ATTR.FIRST_NAME)
  const A_LAST = ids.attribute(ATTR.LAST_NAME)
  const A_DOB = ids.attribute(ATTR.DOB)
  const A_SEX = ids.attribute(ATTR.SEX)
  const D_BW = ids.dataElement(DE.BIRTH_WEIGHT_G)
  const D_W = ids.dataElement(DE.INF_WEIGHT_KG)
  const D_L = ids.dataElement(DE.INF_LENGTH_CM)
  const D_M = ids.dataElement(DE.INF_MUAC_CM)
  const personKeys = new Map<string, string>()

  for (const te of entities) {
    try {
      if (!te || typeof te.trackedEntity !== 'string' || te.deleted === true) continue
      const ens = (Array.isArray(te.enrollments) ? te.enrollments : []).filter((en) => en && en.deleted !== true && dyad(en))
      if (ens.length === 0) continue
      const ref = (en: TrackerEnrollment, ev?: TrackerEvent) => ({ entity: te.trackedEntity, enrollment: en.enrollment, ...(ev ? { event: ev.event } : {}) })

      // duplicate persons: same names and date of birth, same role (mother / infant of a sex)
      const first = attr(te, A_FIRST)
      const last = attr(te, A_LAST)
      const dob = datePart(attr(te, A_DOB))
      if (first && last && dob) {
        const isMother = ens.some((en) => en.program === v.motherProgram)
        const role = isMother ? 'M' : `I${attr(te, A_SEX) ?? ''}`
        const key = `${role}|${normaliseName(first)}|${normaliseName(last)}|${dob}`
        const prior = personKeys.get(key)
        if (prior === undefined) personKeys.set(key, te.trackedEntity)
        else {
          set.add('DUPLICATE_PAIR', recordOf({ entity: te.trackedEntity, enrollment: ens[0].enrollment }, l(
            `Same names and date of birth (${dob}) as ${prior}.`,
            `Mêmes noms et date de naissance (${dob}) que ${prior}.`,
          )))
        }
      }

      // duplicate pregnancies of one mother
      const pregnancies: { en: TrackerEnrollment; delivery: number; lmp: number }[] = []

      for (const en of ens) {
        const evs = (Array.isArray(en.events) ? en.events : []).filter((ev) => ev && ev.deleted !== true)
        // dates in the future (enrollment)
        for (const field of ['enrolledAt', 'occurredAt'] as const) {
          const d = dayNumber(en[field])
          if (!Number.isNaN(d) && !Number.isNaN(today) && d > today) {
            const what = field === 'enrolledAt' ? l('enrollment date', 'date d’inscription') : en.program === v.infantProgram ? l('date of birth', 'date de naissance') : l('last menstrual period', 'date des dernières règles')
            set.add('DATE_IN_FUTURE', recordOf(ref(en), l(`The ${what.en} is ${dayEn(d)}, after today.`, `La ${what.fr} est le ${dayFr(d)}, après aujourd’hui.`)))
          }
        }
        // events after completion
        const completedAt = (en as TrackerEnrollment & { completedAt?: unknown }).completedAt
        const completedDay = en.status === 'COMPLETED' ? dayNumber(completedAt) : NaN

        let firstAnc = NaN
        let delivery: TrackerEvent | null = null
        let deliveryDay = NaN
        for (const ev of evs) {
          if (!COUNTED(ev.status)) continue
          const stage = v.stageOf(ev.programStage)
          if (!stage || stage.programUid !== en.program) continue
          const day = dayNumber(ev.occurredAt)
          if (Number.isNaN(day)) continue
          if (!Number.isNaN(today) && day > today) {
            set.add('DATE_IN_FUTURE', recordOf(ref(en, ev), l(`${stage.key === 'anc' ? 'ANC contact' : 'Contact'} dated ${dayEn(day)}, after today.`, `Contact daté du ${dayFr(day)}, après aujourd’hui.`)))
          }
          if (!Number.isNaN(completedDay) && day > completedDay) {
            set.add('EVENT_AFTER_COMPLETION', recordOf(ref(en, ev), l(`Contact on ${dayEn(day)}; enrollment completed on ${dayEn(completedDay)}.`, `Contact du ${dayFr(day)} ; inscription clôturée le ${dayFr(completedDay)}.`)))
          }
          if (stage.key === 'anc') {
            if (Number.isNaN(firstAnc) || day < firstAnc) firstAnc = day
          } else if (stage.key === 'delivery') {
            if (delivery === null || day < deliveryDay) {
              delivery = ev
              deliveryDay = day
            }
          } else if (stage.key === 'birth') {
            const w = numberOf(valueOf(ev, D_BW))
            if (!Number.isNaN(w) && (w < BIRTH_WEIGHT_MIN_G || w > BIRTH_WEIGHT_MAX_G)) {
              set.add('BIRTH_WEIGHT_OUT_OF_RANGE', recordOf(ref(en, ev), l(`Birth weight ${numEn(w)} g (plausible: ${numEn(BIRTH_WEIGHT_MIN_G)}–${numEn(BIRTH_WEIGHT_MAX_G)} g).`, `Poids de naissance ${numFr(w)} g (plausible : ${numFr(BIRTH_WEIGHT_MIN_G)}–${numFr(BIRTH_WEIGHT_MAX_G)} g).`)))
            }
          } else if (stage.key === 'infantVisit' && input.growth) {
            checkGrowth(te, en, ev, day)
          }
        }
        if (en.program === v.motherProgram) {
          if (delivery !== null && !Number.isNaN(firstAnc)) {
            if (deliveryDay < firstAnc) {
              set.add('DELIVERY_ANC_DATES', recordOf(ref(en, delivery), l(`Delivery on ${dayEn(deliveryDay)}, before the first ANC contact (${dayEn(firstAnc)}).`, `Accouchement le ${dayFr(deliveryDay)}, avant la première CPN (${dayFr(firstAnc)}).`)))
            } else if (deliveryDay > addMonths(firstAnc, ANC_BEFORE_DELIVERY_MAX_MONTHS)) {
              set.add('DELIVERY_ANC_DATES', recordOf(ref(en, delivery), l(`Delivery on ${dayEn(deliveryDay)}, more than ${ANC_BEFORE_DELIVERY_MAX_MONTHS} months after the first ANC contact (${dayEn(firstAnc)}).`, `Accouchement le ${dayFr(deliveryDay)}, plus de ${ANC_BEFORE_DELIVERY_MAX_MONTHS} mois après la première CPN (${dayFr(firstAnc)}).`)))
            }
          }
          pregnancies.push({ en, delivery: deliveryDay, lmp: dayNumber(en.occurredAt) })
        }
      }

      if (pregnancies.length > 1) {
        for (let i = 1; i < pregnancies.length; i++) {
          for (let j = 0; j < i; j++) {
            const a = pregnancies[j]
            const b = pregnancies[i]
            const byDelivery = !Number.isNaN(a.delivery) && !Number.isNaN(b.delivery) && Math.abs(a.delivery - b.delivery) <= DUPLICATE_PREGNANCY_DAYS
            const byLmp = !Number.isNaN(a.lmp) && !Number.isNaN(b.lmp) && Math.abs(a.lmp - b.lmp) <= DUPLICATE_PREGNANCY_DAYS && (Number.isNaN(a.delivery) || Number.isNaN(b.delivery) || byDelivery)
            if (byDelivery || byLmp) {
              set.add('DUPLICATE_PAIR', recordOf(ref(b.en), l(
                `The same pregnancy as enrollment ${a.en.enrollment} (${byDelivery ? 'deliveries' : 'last menstrual periods'} less than ${DUPLICATE_PREGNANCY_DAYS} days apart).`,
                `La même grossesse que l’inscription ${a.en.enrollment} (${byDelivery ? 'accouchements' : 'dernières règles'} à moins de ${DUPLICATE_PREGNANCY_DAYS} jours d’écart).`,
              )))
              break
            }
          }
        }
      }
    } catch {
      // a malformed record is the parser's to report; it is not checked further
    }
  }

  function checkGrowth(te: TrackedEntity, en: TrackerEnrollment, ev: TrackerEvent, day: number): void {
    const g = input.growth!
    const sex = attr(te, A_SEX)
    const dob = dayNumber(en.occurredAt)
    if ((sex !== 'M' && sex !== 'F') || Number.isNaN(dob) || day < dob) return
    const age = day - dob
    const w = numberOf(valueOf(ev, D_W))
    const len = numberOf(valueOf(ev, D_L))
    const muac = numberOf(valueOf(ev, D_M))
    const out: string[] = []
    const outFr: string[] = []
    const test = (kind: GrowthKind, name: string, nameFr: string, m: number, what: string, opts?: { measured?: 'lying' | 'standing'; lengthCm?: number }): void => {
      if (Number.isNaN(m)) return
      let z: number | null
      try {
        z = g.zScore(kind, sex, age, m, opts)
      } catch {
        z = null
      }
      if (z === null || !Number.isFinite(z) || !g.isImplausible(kind, z)) return
      const zs = (Math.round(z * 100) / 100).toFixed(2)
      out.push(`${name} ${zs} (${what})`)
      outFr.push(`${nameFr} ${zs.replace('.', ',')} (${what.replace(/\./g, ',')})`)
    }
    test('wfa', 'WAZ', 'Z poids/âge', w, `${w} kg`)
    test('lfa', 'LAZ', 'Z taille/âge', len, `${len} cm`, { measured: 'lying' })
    if (!Number.isNaN(len)) test('wfl', 'WLZ', 'Z poids/taille', w, `${w} kg, ${len} cm`, { lengthCm: len })
    test('mfa', 'MUAC-for-age z', 'Z PB/âge', muac, `${muac} cm`)
    if (out.length > 0) {
      set.add('Z_SCORE_IMPLAUSIBLE', recordOf({ entity: te.trackedEntity, enrollment: en.enrollment, event: ev.event }, l(
        `At ${age} days: ${out.join('; ')}.`,
        `À ${age} jours : ${outFr.join(' ; ')}.`,
      )))
    }
  }

  const findings = set.list()
  if (!input.growth) {
    const z = findings.find((f) => f.code === 'Z_SCORE_IMPLAUSIBLE')
    if (z) z.notEvaluated = l('The WHO growth tables are not available: z-scores were not checked.', 'Les tables de croissance OMS ne sont pas disponibles : les z-scores n’ont pas été vérifiés.')
  }
  return findings
}

/** The WHO growth standard of src/domain/growth, as the z-score rule uses it. */
export const WHO_GROWTH: GrowthCheck = { zScore, isImplausible }
