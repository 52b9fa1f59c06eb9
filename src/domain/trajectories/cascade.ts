/**
 * The continuum of care as a true pair cascade (cohort), decision 0552.
 *
 * Cohort: the mother–infant pairs whose delivery date falls in the period, owned by an org unit in
 * scope (owner = the pregnancy's enrollment org unit, as in classify.ts). The delivery date is the
 * Delivery event's date, else the date of birth of the pair's first infant (classify.ts'
 * `pairReferenceDay`); pregnancies with neither are not in a delivery cohort, and infants without
 * a linked mother are counted apart (they have no pregnancy to follow).
 *
 * Each step of the catalog's CASCADE is reached or not by each pair, with the same data elements
 * and conditions as the step's catalog indicator (its numerator rule), adapted from "events in the
 * period" to "this pair, within the step's window":
 *  - ANC1 / ANC4: at least 1 / 4 ANC contacts dated up to the delivery (classify.ts' fact
 *    `ancContacts`), or an ANC contact recorded with contact number ≥ 1 / ≥ 4 (the catalog's data
 *    element: a woman who started ANC elsewhere);
 *  - FP counselled at ANC: an ANC contact up to the delivery meeting the ANC_FPC numerator rule;
 *  - facility delivery: delivery in a health facility (this one or another: classify.ts' fact
 *    `facilityDelivery`; the catalog's event count INST_DELIV counts the recording facility's own
 *    deliveries, a cohort asks whether the woman delivered in a facility);
 *  - PPFP before discharge: facility delivery and the Delivery event meets the PPFP_IMM numerator
 *    rule (its place condition widened the same way);
 *  - PNC 48 h / day 6 / day 42: a postnatal contact with that timing (classify.ts' facts
 *    `pnc48`, `pncD6`, `pncD42`) dated up to the step's due day;
 *  - Penta 3, vitamin A at 6 months: an infant visit of the pair meeting the PENTA3 / VITA_6M
 *    numerator rule (age window included) dated up to the step's due day;
 *  - EBF to 6 months: every feeding record of the infant before 6 months (EBF denominator rule)
 *    says exclusive breastfeeding (EBF numerator rule), and at least one is from 4 months of age.
 *
 * Eligibility: a step is due `dueDays` after the delivery. A pair is eligible for a step when
 * that day is on or before the end of the data (`asOf`, today); infant steps also need a live
 * birth (not eligible: no infant linked and 0 live births recorded). A step not yet due is not a
 * drop-off. Every pair gets the same follow-up time: contacts after the due day do not count
 * (late services are not "reached by the due age"), which makes periods and org units comparable.
 *
 * Twins: a pair is one pregnancy (mother + delivery), counted once. An infant step is reached when
 * at least one of the pair's infants reached it (a twin who died or a duplicate record cannot be
 * told apart from missed care; twin pairs are reported so their weight is visible).
 *
 * Drop-off between step i−1 and step i is measured among the pairs eligible for both (eligibility
 * only narrows along the steps, so: the pairs eligible for step i).
 */
import { DE, type Label } from '../../../metadata/src/vocabulary'
import { dayNumber } from '../dates'
import { CASCADE, indicatorByCode, SIX_MONTHS_DAYS } from '../indicators/catalog'
import type { Condition, EventRule } from '../indicators/rules'
import type { EntryPoint } from '../indicators/types'
import type { Pair } from '../pairs/types'
import type { TrackerEvent } from '../tracker'
import { resolveVocabulary, type VocabularyIds } from '../vocabularyIds'
import { pairFacts, pairReferenceDay, type PairFacts } from './classify'

const l = (en: string, fr: string): Label => ({ en, fr })

/** The EBF step needs a feeding record from this age (4 months = 122 days) to say "to 6 months". */
export const EBF_LATE_RECORD_DAYS = 122

export interface CohortStep {
  /** CASCADE step key. */
  key: string
  /** Catalog indicator whose rule (data elements, conditions) the step uses. */
  indicator: string
  label: Label
  entryPoint: EntryPoint
  subject: 'mother' | 'infant'
  /** Days after the delivery by which the step is due (and after which contacts no longer count). */
  dueDays: number
  /** What counts as reached, in plain words (shown on screen). */
  definition: Label
  /** When the step is due, in plain words. */
  due: Label
}

type StepSpec = Omit<CohortStep, 'label' | 'entryPoint' | 'indicator'>

const SPECS: Record<string, StepSpec> = {
  anc1: {
    key: 'anc1',
    subject: 'mother',
    dueDays: 0,
    definition: l('At least one ANC contact recorded before the delivery.', 'Au moins une CPN enregistrée avant l’accouchement.'),
    due: l('At delivery', 'À l’accouchement'),
  },
  anc4: {
    key: 'anc4',
    subject: 'mother',
    dueDays: 0,
    definition: l('At least four ANC contacts before the delivery (or a contact numbered 4 or more).', 'Au moins quatre CPN avant l’accouchement (ou une CPN de rang 4 ou plus).'),
    due: l('At delivery', 'À l’accouchement'),
  },
  ancFpc: {
    key: 'ancFpc',
    subject: 'mother',
    dueDays: 0,
    definition: l('FP counselling recorded at one or more ANC contacts before the delivery.', 'Counseling PF enregistré lors d’au moins une CPN avant l’accouchement.'),
    due: l('At delivery', 'À l’accouchement'),
  },
  facilityDelivery: {
    key: 'facilityDelivery',
    subject: 'mother',
    dueDays: 0,
    definition: l('Delivery recorded in a health facility (this one or another).', 'Accouchement enregistré dans une formation sanitaire (celle-ci ou une autre).'),
    due: l('At delivery', 'À l’accouchement'),
  },
  ppfp: {
    key: 'ppfp',
    subject: 'mother',
    dueDays: 0,
    definition: l('Facility delivery with a modern postpartum FP method recorded at the delivery (before discharge).', 'Accouchement en FS avec une méthode PF moderne du post-partum enregistrée à l’accouchement (avant la sortie).'),
    due: l('At delivery', 'À l’accouchement'),
  },
  pnc48: {
    key: 'pnc48',
    subject: 'mother',
    dueDays: 2,
    definition: l('A postnatal contact with timing “within 48 hours”.', 'Une CPoN au moment « dans les 48 heures ».'),
    due: l('2 days after delivery', '2 jours après l’accouchement'),
  },
  pncD6: {
    key: 'pncD6',
    subject: 'mother',
    dueDays: 7,
    definition: l('A postnatal contact with timing “day 6” (days 3–7).', 'Une CPoN au moment « J6 » (3e au 7e jour).'),
    due: l('7 days after delivery', '7 jours après l’accouchement'),
  },
  pncD42: {
    key: 'pncD42',
    subject: 'mother',
    dueDays: 56,
    definition: l('A postnatal contact with timing “day 42” (weeks 6–8).', 'Une CPoN au moment « J42 » (6e à 8e semaine).'),
    due: l('8 weeks after delivery', '8 semaines après l’accouchement'),
  },
  penta3: {
    key: 'penta3',
    subject: 'infant',
    dueDays: SIX_MONTHS_DAYS,
    definition: l('Penta 3 given to the infant (to one of twins) before 6 months of age.', 'Penta 3 administré au nourrisson (à l’un des jumeaux) avant 6 mois.'),
    due: l('Infant 6 months old', 'Nourrisson âgé de 6 mois'),
  },
  ebf: {
    key: 'ebf',
    subject: 'infant',
    dueDays: SIX_MONTHS_DAYS,
    definition: l(
      'Exclusive breastfeeding at every feeding record before 6 months, with at least one record from 4 months.',
      'Allaitement maternel exclusif à chaque relevé de l’alimentation avant 6 mois, dont au moins un à partir de 4 mois.',
    ),
    due: l('Infant 6 months old', 'Nourrisson âgé de 6 mois'),
  },
  vitA: {
    key: 'vitA',
    subject: 'infant',
    dueDays: 274,
    definition: l('Vitamin A given to the infant between 6 and 9 months of age.', 'Vitamine A donnée au nourrisson entre 6 et 9 mois.'),
    due: l('Infant 9 months old', 'Nourrisson âgé de 9 mois'),
  },
}

/** The cohort steps, in CASCADE order (one per catalog cascade step). */
export const COHORT_STEPS: CohortStep[] = CASCADE.map((s) => {
  const spec = SPECS[s.key]
  if (!spec) throw new Error(`cascade step ${s.key} has no cohort definition`)
  return { ...spec, indicator: s.indicator, label: s.label, entryPoint: s.entryPoint }
})

// ---------------------------------------------------------------------------------------------
// Rule evaluation on one event (semantics of src/domain/indicators/rules.ts)
// ---------------------------------------------------------------------------------------------

const NUMERIC = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE'])

function valueOf(ev: TrackerEvent, uid: string): string | undefined {
  const dvs = ev.dataValues
  if (!Array.isArray(dvs)) return undefined
  for (let i = 0; i < dvs.length; i++) if (dvs[i]?.dataElement === uid) return dvs[i].value ?? undefined
  return undefined
}

const num = (x: string | undefined): number => (x === undefined || x === '' ? NaN : +x)

/**
 * Whether one event meets one condition of the rule language, with its missing-value semantics
 * (a missing value fails every comparison; `ne` is not true for a missing value). `ageDays` is the
 * infant's age at the event (NaN when unknown: fails).
 */
export function meetsCondition(ev: TrackerEvent, c: Condition, ageDays: number, v: VocabularyIds = resolveVocabulary()): boolean {
  if ('ageDays' in c) return ageDays >= (c.ageDays.min ?? -Infinity) && ageDays < (c.ageDays.max ?? Infinity)
  const info = v.dataElementByCode.get(c.de)
  if (!info) return false
  const x = valueOf(ev, info.uid)
  const present = x !== undefined && x !== ''
  const isBool = info.valueType === 'BOOLEAN' || info.valueType === 'TRUE_ONLY'
  const isNum = NUMERIC.has(info.valueType)
  switch (c.op) {
    case 'hasValue':
      return present
    case 'noValue':
      return !present
    case 'eq':
      if (isNum) return num(x) === +c.value
      return present && x === c.value
    case 'ne':
      if (isBool) return (x === 'true' || x === 'false') && x !== c.value
      if (isNum) {
        const n = num(x)
        return n === n && n !== +c.value
      }
      return present && x !== c.value
    case 'in':
      return present && c.values.includes(x)
    case 'lt':
      return num(x) < c.value
    case 'le':
      return num(x) <= c.value
    case 'gt':
      return num(x) > c.value
    case 'ge':
      return num(x) >= c.value
    case 'eqNum':
      return num(x) === c.value
    default:
      return false
  }
}

/** Whether an event (of the rule's stage, checked by the caller) meets every condition of a rule; only ACTIVE/COMPLETED events count. */
export function meetsRule(ev: TrackerEvent, rule: EventRule, ageDays: number, v: VocabularyIds = resolveVocabulary()): boolean {
  if (ev.status !== 'ACTIVE' && ev.status !== 'COMPLETED') return false
  for (const c of rule.where) if (!meetsCondition(ev, c, ageDays, v)) return false
  return true
}

/** "Delivered in this facility" becomes "delivered in a health facility" for a pair. */
function pairLevel(rule: EventRule): EventRule {
  return {
    ...rule,
    where: rule.where.map((c): Condition =>
      !('ageDays' in c) && c.de === DE.DEL_PLACE && c.op === 'eq' && c.value === 'FACILITY' ? { de: DE.DEL_PLACE, op: 'in', values: ['FACILITY', 'OTHER_FACILITY'] } : c,
    ),
  }
}

function numeratorRule(code: string): EventRule {
  const d = indicatorByCode(code)
  if (!d?.numerator) throw new Error(`catalog indicator ${code} has no numerator rule`)
  return pairLevel(d.numerator)
}

function denominatorRule(code: string): EventRule {
  const d = indicatorByCode(code)
  if (!d?.denominator) throw new Error(`catalog indicator ${code} has no denominator rule`)
  return pairLevel(d.denominator)
}

const stepOf = (key: string): CohortStep => COHORT_STEPS.find((s) => s.key === key)!

let rules: { ancFpc: EventRule; ppfp: EventRule; penta3: EventRule; ebfNum: EventRule; ebfDen: EventRule; vitA: EventRule } | undefined
function cohortRules() {
  rules ??= {
    ancFpc: numeratorRule(stepOf('ancFpc').indicator),
    ppfp: numeratorRule(stepOf('ppfp').indicator),
    penta3: numeratorRule(stepOf('penta3').indicator),
    ebfNum: numeratorRule(stepOf('ebf').indicator),
    ebfDen: denominatorRule(stepOf('ebf').indicator),
    vitA: numeratorRule(stepOf('vitA').indicator),
  }
  return rules
}

// ---------------------------------------------------------------------------------------------
// One pair
// ---------------------------------------------------------------------------------------------

/** Delivery day of a pair for the cohort (NaN when the pair is in no delivery cohort). */
export function cohortDay(pair: Pair): number {
  const p = pair.pregnancy
  if (!p) return NaN
  if (Number.isNaN(p.deliveryDay) && !pair.infants.some((i) => !Number.isNaN(i.dobDay))) return NaN
  return pairReferenceDay(pair)
}

export interface PairCascade {
  /** Delivery day (days since 1970-01-01). */
  day: number
  /** Per COHORT_STEPS index. */
  eligible: boolean[]
  /** Per COHORT_STEPS index; false when not eligible. */
  reached: boolean[]
}

function maxContactNumber(events: TrackerEvent[], upTo: number, uid: string): number {
  let max = 0
  for (const ev of events) {
    const d = dayNumber(ev.occurredAt)
    if (!(d <= upTo)) continue
    const n = num(valueOf(ev, uid))
    if (n > max) max = n
  }
  return max
}

/** Whether any infant of the pair has a visit up to `upTo` meeting `rule` (age from the infant's date of birth). */
function anyInfantVisit(pair: Pair, upTo: number, rule: EventRule, v: VocabularyIds): boolean {
  for (const inf of pair.infants) {
    for (const ev of inf.visits) {
      const d = dayNumber(ev.occurredAt)
      if (!(d <= upTo)) continue
      if (meetsRule(ev, rule, d - inf.dobDay, v)) return true
    }
  }
  return false
}

function ebfToSixMonths(pair: Pair, upTo: number, v: VocabularyIds): boolean {
  const r = cohortRules()
  for (const inf of pair.infants) {
    let late = false
    let broken = false
    for (const ev of inf.visits) {
      const d = dayNumber(ev.occurredAt)
      if (!(d <= upTo)) continue
      const age = d - inf.dobDay
      if (!meetsRule(ev, r.ebfDen, age, v)) continue
      if (!meetsRule(ev, r.ebfNum, age, v)) {
        broken = true
        break
      }
      if (age >= EBF_LATE_RECORD_DAYS) late = true
    }
    if (late && !broken) return true
  }
  return false
}

/**
 * Eligibility and reached steps of one pair, given the end of the data (`asOfDay`), or null when
 * the pair is in no delivery cohort.
 */
export function pairCascade(pair: Pair, asOfDay: number, v: VocabularyIds = resolveVocabulary()): PairCascade | null {
  const day = cohortDay(pair)
  const p = pair.pregnancy
  if (Number.isNaN(day) || !p) return null
  const r = cohortRules()
  const liveBirth = pair.infants.length > 0 || p.liveBirths === null || p.liveBirths > 0
  const atDelivery: PairFacts = pairFacts(pair, day)
  const contactNo = maxContactNumber(p.anc, day, v.dataElementByCode.get(DE.ANC_CONTACT_NO)!.uid)
  const eligible: boolean[] = []
  const reached: boolean[] = []
  const facts = new Map<number, PairFacts>([[day, atDelivery]])
  const factsUpTo = (d: number): PairFacts => {
    let f = facts.get(d)
    if (!f) {
      f = pairFacts(pair, d)
      facts.set(d, f)
    }
    return f
  }
  const anc = atDelivery.ancContacts as number
  const facility = atDelivery.facilityDelivery === true
  for (const step of COHORT_STEPS) {
    const upTo = day + step.dueDays
    const ok = upTo <= asOfDay && (step.subject === 'mother' || liveBirth)
    eligible.push(ok)
    if (!ok) {
      reached.push(false)
      continue
    }
    let hit = false
    switch (step.key) {
      case 'anc1':
        hit = anc >= 1 || contactNo >= 1
        break
      case 'anc4':
        hit = anc >= 4 || contactNo >= 4
        break
      case 'ancFpc':
        hit = p.anc.some((ev) => dayNumber(ev.occurredAt) <= day && meetsRule(ev, r.ancFpc, NaN, v))
        break
      case 'facilityDelivery':
        hit = facility
        break
      case 'ppfp':
        hit = facility && p.delivery !== null && meetsRule(p.delivery, r.ppfp, NaN, v)
        break
      case 'pnc48':
        hit = factsUpTo(upTo).pnc48 === true
        break
      case 'pncD6':
        hit = factsUpTo(upTo).pncD6 === true
        break
      case 'pncD42':
        hit = factsUpTo(upTo).pncD42 === true
        break
      case 'penta3':
        hit = anyInfantVisit(pair, upTo, r.penta3, v)
        break
      case 'ebf':
        hit = ebfToSixMonths(pair, upTo, v)
        break
      case 'vitA':
        hit = anyInfantVisit(pair, upTo, r.vitA, v)
        break
    }
    reached.push(hit)
  }
  return { day, eligible, reached }
}

// ---------------------------------------------------------------------------------------------
// A cohort
// ---------------------------------------------------------------------------------------------

export interface CohortOptions {
  /** Delivery dates, ISO, inclusive. */
  period: { start: string; end: string }
  /** Owner org unit of the pair (pregnancy enrollment) in the selected subtree. */
  inScope: (orgUnitUid: string) => boolean
  /** End of the data, ISO date (today). */
  asOf: string
}

export interface CohortStepResult {
  key: string
  /** Pairs of the cohort that reached the step (among the eligible). */
  reached: number
  /** Pairs of the cohort for whom the step is due. */
  eligible: number
  /** reached / eligible × 100 (null when none eligible). */
  share: number | null
  /** Pairs eligible for this step that reached the previous step (null for the first step). */
  previousReached: number | null
  /** Pairs eligible for this step that reached the previous step but not this one. */
  lost: number | null
  /** (reached − previousReached) / previousReached × 100 among the pairs eligible for both (negative = drop-off). */
  change: number | null
}

export interface CohortResult {
  /** Pairs whose delivery date is in the period, in scope. */
  cohort: number
  steps: CohortStepResult[]
  /** Pairs of the cohort with two or more infants. */
  twins: number
  /** Pairs of the cohort with no live birth (no infant, 0 live births): not eligible for infant steps. */
  noLiveBirth: number
  /** Infants born in the period, in scope, without a linked mother (not in the cohort). */
  infantsWithoutMother: number
}

/** Counts of a cohort, added pair by pair (so a page can add pairs in slices between paints). */
export class CohortAccumulator {
  private readonly start: number
  private readonly end: number
  private readonly asOfDay: number
  private readonly v = resolveVocabulary()
  private cohort = 0
  private twins = 0
  private noLiveBirth = 0
  private infantsWithoutMother = 0
  private readonly reached = COHORT_STEPS.map(() => 0)
  private readonly eligible = COHORT_STEPS.map(() => 0)
  private readonly previousReached = COHORT_STEPS.map(() => 0)
  private readonly lost = COHORT_STEPS.map(() => 0)

  constructor(private readonly options: CohortOptions) {
    this.start = dayNumber(options.period.start)
    this.end = dayNumber(options.period.end)
    this.asOfDay = dayNumber(options.asOf)
  }

  add(pairs: Pair[]): this {
    for (const pair of Array.isArray(pairs) ? pairs : []) {
      if (!pair || !this.options.inScope(pair.orgUnit)) continue
      if (!pair.pregnancy) {
        const dob = pair.infants[0]?.dobDay
        if (dob !== undefined && dob >= this.start && dob <= this.end) this.infantsWithoutMother++
        continue
      }
      const day = cohortDay(pair)
      if (!(day >= this.start && day <= this.end)) continue
      const c = pairCascade(pair, this.asOfDay, this.v)
      if (!c) continue
      this.cohort++
      if (pair.infants.length > 1) this.twins++
      if (pair.infants.length === 0 && pair.pregnancy.liveBirths === 0) this.noLiveBirth++
      for (let i = 0; i < COHORT_STEPS.length; i++) {
        if (!c.eligible[i]) continue
        this.eligible[i]++
        if (c.reached[i]) this.reached[i]++
        if (i > 0) {
          if (c.reached[i - 1]) {
            this.previousReached[i]++
            if (!c.reached[i]) this.lost[i]++
          }
        }
      }
    }
    return this
  }

  result(): CohortResult {
    const steps = COHORT_STEPS.map((s, i): CohortStepResult => {
      const eligible = this.eligible[i]
      const reached = this.reached[i]
      const prev = i === 0 ? null : this.previousReached[i]
      return {
        key: s.key,
        reached,
        eligible,
        share: eligible === 0 ? null : (reached / eligible) * 100,
        previousReached: prev,
        lost: i === 0 ? null : this.lost[i],
        change: prev === null || prev === 0 ? null : ((reached - prev) / prev) * 100,
      }
    })
    return { cohort: this.cohort, steps, twins: this.twins, noLiveBirth: this.noLiveBirth, infantsWithoutMother: this.infantsWithoutMother }
  }
}

/** The pair cascade of a cohort (all pairs at once). */
export function cohortCascade(pairs: Pair[], options: CohortOptions): CohortResult {
  return new CohortAccumulator(options).add(pairs).result()
}
