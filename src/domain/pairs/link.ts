/**
 * Pair linkage: from parsed tracked entities, build each mother's pregnancies (one per Mother
 * enrollment) and her infants (linked by the Dyad mother → infant relationship type), then one
 * pair per pregnancy (plus one per infant without a mother), each with its timeline of contacts.
 *
 * Handles twins (several infants, one delivery), stillbirths (live births < births: no infant
 * expected), infants registered without a mother, mothers with several pregnancies/deliveries,
 * duplicated relationships, relationships to deleted or unknown records, infants linked to two
 * mothers, wrong direction and cycles. Never throws; every anomaly becomes a DataProblem.
 *
 * Performance (docs/decisions/0351-pair-engine-performance.md): each event's date is read once;
 * event lists are collected in reused buffers and copied out at their exact size (a list grown
 * from `[]` by push reserves 17 slots: most of the heap the linker used to add); no closure or
 * refs object is made per record.
 */
import type { TrackedEntity, TrackerEnrollment, TrackerEvent } from '../tracker'
import { dayNumber, isoOfDay } from '../dates'
import { resolveVocabulary, type StageKey, type VocabularyIds } from '../vocabularyIds'
import { problem, type DataProblem, type ProblemCode, type ProblemRefs } from './problems'
import { ENTRY_POINT_OF_STAGE, type Contact, type Infant, type Mother, type Pair, type PairsResult, type Pregnancy } from './types'

/** A delivery within this many days of the infant's date of birth is its delivery. */
export const BIRTH_MATCH_DAYS = 7
/** Without a recorded delivery, a birth 140–330 days after the LMP belongs to that pregnancy. */
const LMP_MIN_DAYS = 140
const LMP_MAX_DAYS = 330
const TERM_DAYS = 280

const byDay = (a: Contact, b: Contact): number => {
  const x = Number.isNaN(a.day) ? Infinity : a.day
  const y = Number.isNaN(b.day) ? Infinity : b.day
  return x - y || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0)
}

/** The delivery's live births, stillbirths and place (the first value of each), in one pass. */
function deliveryValues(ev: TrackerEvent, de: VocabularyIds['de']): [string | undefined, string | undefined, string | undefined] {
  const dvs = ev.dataValues
  let live = -1
  let still = -1
  let place = -1
  for (let i = 0; i < dvs.length && (live < 0 || still < 0 || place < 0); i++) {
    const uid = dvs[i].dataElement
    if (live < 0 && uid === de.liveBirths) live = i
    if (still < 0 && uid === de.stillbirths) still = i
    if (place < 0 && uid === de.deliveryPlace) place = i
  }
  return [live < 0 ? undefined : dvs[live].value, still < 0 ? undefined : dvs[still].value, place < 0 ? undefined : dvs[place].value]
}

/** A mother (node number) kept for an infant, and the relationship that links them. */
interface Candidate {
  mother: number
  relationship: string
}

function hasCandidate(list: Candidate[], mother: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].mother === mother) return true
  return false
}

function count(v: string | undefined): number | null {
  if (v === undefined || v === '') return null
  const n = Number(v)
  return Number.isInteger(n) && n >= 0 ? n : null
}

/** Stands for an entry of `entities` that is not a tracked entity (it links nothing). */
const UNREADABLE: TrackedEntity = { trackedEntity: '', trackedEntityType: '', orgUnit: '', deleted: true, attributes: [], enrollments: [], relationships: [] }

/**
 * @param index optional tracked-entity UID → position in `entities` (parseTrackedEntities gives
 *   it; UIDs must be unique), so the linker does not build its own.
 */
export function buildPairs(
  entities: TrackedEntity[],
  vocabulary: VocabularyIds = resolveVocabulary(),
  index?: Map<string, number>,
): PairsResult {
  const v = vocabulary
  const problems: DataProblem[] = []
  const add = (code: ProblemCode, refs: ProblemRefs, params?: Record<string, string>): void => {
    problems.push(problem(code, refs, params))
  }

  // Nodes: one per tracked entity, numbered by its position in `entities` and described by
  // parallel arrays (no object per entity). With the parser's index, the record at position k is
  // node k; otherwise a repeated UID shares the node of its first record.
  const n = entities.length
  /** The record of a node. */
  const recordOf: TrackedEntity[] = new Array<TrackedEntity>(n)
  /** The node of each position in `entities` (-1: not read). */
  const nodeAt = new Int32Array(n).fill(-1)
  const motherOfNode: (Mother | null)[] = new Array<Mother | null>(n).fill(null)
  const infantOfNode: (Infant | null)[] = new Array<Infant | null>(n).fill(null)
  /** Candidate mothers (nodes) of an infant node: the relationships kept so far. */
  const candidatesOf: (Candidate[] | null)[] = new Array<Candidate[] | null>(n).fill(null)
  /** The node has a mother relationship to a record not in the data. */
  const motherOutside = new Uint8Array(n)
  /** Cycle detection colour: 0 new, 1 on stack, 2 done. */
  const colour = new Uint8Array(n)
  /** Node of a UID (via the given index, else our own), -1 when the UID is not in the data. */
  let nodeOf: (id: string) => number
  if (index !== undefined) {
    nodeOf = (id) => {
      const k = index.get(id)
      return k !== undefined && nodeAt[k] === k ? k : -1
    }
  } else {
    const own = new Map<string, number>()
    nodeOf = (id) => own.get(id) ?? -1
    for (let k = 0; k < n; k++) {
      const te = entities[k]
      if (!te || typeof te.trackedEntity !== 'string' || own.has(te.trackedEntity)) continue
      own.set(te.trackedEntity, k)
      recordOf[k] = te
    }
  }

  /** Whether an event of `en` counts as a contact of stage key `key`, else null. */
  const stageKey = (ev: TrackerEvent, en: TrackerEnrollment): StageKey | null => {
    if (ev === null || typeof ev !== 'object' || ev.deleted === true) return null
    const stage = v.stageOf(ev.programStage)
    if (!stage || stage.programUid !== en.program) return null
    if (ev.status === 'SCHEDULE' || ev.status === 'SKIPPED') return null
    return stage.key
  }

  // ------------------------------------------------------------------ mothers and pregnancies
  // Reused buffers: a pregnancy's or infant's contacts and their day numbers (filled from 0 and
  // copied out at their exact size; stale entries past the count are never read).
  const bufA: TrackerEvent[] = []
  const daysA: number[] = []
  const bufB: TrackerEvent[] = []
  const daysB: number[] = []
  // One 'YYYY-MM-DD' string per day number, shared by every pregnancy and infant on that day.
  const isoDays = new Map<number, string>()
  const isoDate = (day: number, dateTime: string): string => {
    let iso = isoDays.get(day)
    if (iso === undefined) {
      iso = dateTime.slice(0, 10)
      isoDays.set(day, iso)
    }
    return iso
  }

  const mothers: Mother[] = []
  const infants: Infant[] = []

  // Loop bodies are functions called once per record (here and below), not inlined in long loops:
  // V8 optimises them as hot functions and re-optimises them after a deoptimisation, whereas a long
  // loop deoptimised after on-stack replacement can run its remaining iterations unoptimised.
  for (let i = 0; i < entities.length; i++) {
    const te = entities[i]
    try {
      readEntity(te, i)
    } catch {
      add('RECORD_SKIPPED', { entity: typeof te?.trackedEntity === 'string' ? te.trackedEntity : undefined })
    }
  }

  /** The node of the record at position `i`, its pregnancies (Mother enrollments) and infant record. */
  function readEntity(te: TrackedEntity, i: number): void {
    if (!te || typeof te.trackedEntity !== 'string') {
      recordOf[i] = UNREADABLE
      nodeAt[i] = i
      return
    }
    let node = i
    if (index !== undefined) recordOf[i] = te
    else {
      node = nodeOf(te.trackedEntity)
      nodeAt[i] = node
      if (recordOf[node] !== te) return // a second record with the same UID: ignored
    }
    nodeAt[i] = node
    if (te.deleted === true) return
    let mother = motherOfNode[node]
    let firstInfant: TrackerEnrollment | null = null
    let infantEnrollments = 0
    const ens = te.enrollments
    for (let j = 0; j < ens.length; j++) {
      const en = ens[j]
      if (en.deleted === true) continue
      if (en.program === v.motherProgram) {
        if (mother === null) {
          mother = { entity: te.trackedEntity, orgUnit: te.orgUnit, pregnancies: [] }
          motherOfNode[node] = mother
          mothers.push(mother)
          mother.pregnancies = [pregnancyOf(te, en)]
        } else mother.pregnancies.push(pregnancyOf(te, en))
      } else if (en.program === v.infantProgram) {
        infantEnrollments++
        if (firstInfant === null) firstInfant = en
      }
    }
    if (mother !== null && mother.pregnancies.length > 1) mother.pregnancies.sort((a, b) => pregnancyDay(a) - pregnancyDay(b))
    if (firstInfant !== null) {
      if (infantEnrollments > 1) add('SEVERAL_INFANT_ENROLLMENTS', { entity: te.trackedEntity })
      const infant = infantOf(te, firstInfant)
      infantOfNode[node] = infant
      infants.push(infant)
    }
  }

  function pregnancyDay(p: Pregnancy): number {
    const d = Number.isNaN(p.deliveryDay) ? p.lmpDay : p.deliveryDay
    return Number.isNaN(d) ? Infinity : d
  }

  function pregnancyOf(te: TrackedEntity, en: TrackerEnrollment): Pregnancy {
    const lmpDay = dayNumber(en.occurredAt)
    const p: Pregnancy = {
      enrollment: en.enrollment,
      mother: te.trackedEntity,
      orgUnit: en.orgUnit || te.orgUnit,
      lmp: Number.isNaN(lmpDay) ? null : isoDate(lmpDay, en.occurredAt as string),
      lmpDay,
      enrollmentStatus: en.status,
      anc: [],
      delivery: null,
      deliveryDay: NaN,
      pnc: [],
      liveBirths: null,
      stillbirths: null,
      deliveryPlace: null,
      infants: [],
      infantRecords: [],
    }
    const anc = bufA
    const ancDays = daysA
    const pnc = bufB
    const pncDays = daysB
    let nAnc = 0
    let nPnc = 0
    let deliveries = 0
    let second: TrackerEvent | null = null
    const evs = en.events
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]
      const key = stageKey(ev, en)
      if (key === null) continue
      const day = dayNumber(ev.occurredAt)
      if (key === 'anc') {
        anc[nAnc] = ev
        ancDays[nAnc++] = day
      } else if (key === 'pnc') {
        pnc[nPnc] = ev
        pncDays[nPnc++] = day
      } else if (key === 'delivery') {
        deliveries++
        // keep the earliest dated delivery
        if (p.delivery === null || day < p.deliveryDay || (Number.isNaN(p.deliveryDay) && !Number.isNaN(day))) {
          if (p.delivery !== null) second = p.delivery
          p.delivery = ev
          p.deliveryDay = day
        } else if (second === null) second = ev
      }
      if (day < lmpDay) {
        add('EVENT_BEFORE_INCIDENT_DATE', { entity: te.trackedEntity, enrollment: en.enrollment, event: ev.event }, { what: 'last menstrual period', whatFr: 'date des dernières règles' })
      }
    }
    if (nAnc > 0) p.anc = anc.slice(0, nAnc)
    if (nPnc > 0) p.pnc = pnc.slice(0, nPnc)
    if (p.delivery !== null) {
      const d = p.delivery
      if (deliveries > 1 && second) add('SEVERAL_DELIVERIES_IN_ENROLLMENT', { entity: te.trackedEntity, enrollment: en.enrollment, event: second.event })
      const [live, still, place] = deliveryValues(d, v.de)
      p.liveBirths = count(live)
      p.stillbirths = count(still)
      p.deliveryPlace = place ?? null
      const dd = p.deliveryDay
      if (!Number.isNaN(dd)) {
        for (let i = 0; i < nPnc; i++) if (pncDays[i] < dd) add('PNC_BEFORE_DELIVERY', { entity: te.trackedEntity, enrollment: en.enrollment, event: pnc[i].event })
        for (let i = 0; i < nAnc; i++) if (ancDays[i] > dd) add('ANC_AFTER_DELIVERY', { entity: te.trackedEntity, enrollment: en.enrollment, event: anc[i].event })
      }
    }
    return p
  }

  function infantOf(te: TrackedEntity, en: TrackerEnrollment): Infant {
    const inf: Infant = {
      entity: te.trackedEntity,
      enrollment: en.enrollment,
      orgUnit: en.orgUnit || te.orgUnit,
      dob: null,
      dobDay: NaN,
      birth: null,
      visits: [],
      mother: null,
      pregnancy: null,
      motherOutsideData: false,
    }
    const visits = bufA
    const visitDays = daysA
    let nVisits = 0
    let birthDay = NaN
    const evs = en.events
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]
      const key = stageKey(ev, en)
      if (key === null) continue
      const day = dayNumber(ev.occurredAt)
      if (key === 'birth') {
        if (inf.birth === null || day < birthDay || (Number.isNaN(birthDay) && !Number.isNaN(day))) {
          inf.birth = ev
          birthDay = day
        }
      } else {
        visits[nVisits] = ev
        visitDays[nVisits++] = day
      }
    }
    if (nVisits > 0) inf.visits = visits.slice(0, nVisits)
    const dobDay = dayNumber(en.occurredAt)
    if (!Number.isNaN(dobDay)) {
      inf.dob = isoDate(dobDay, en.occurredAt as string)
      inf.dobDay = dobDay
    } else if (!Number.isNaN(birthDay)) {
      inf.dob = isoDate(birthDay, inf.birth!.occurredAt as string)
      inf.dobDay = birthDay
    }
    const dob = inf.dobDay
    if (!Number.isNaN(dob)) {
      for (let i = 0; i < nVisits; i++) {
        if (visitDays[i] < dob) add('EVENT_BEFORE_INCIDENT_DATE', { entity: te.trackedEntity, enrollment: en.enrollment, event: visits[i].event }, { what: 'date of birth', whatFr: 'date de naissance' })
      }
    }
    return inf
  }

  // ------------------------------------------------------------------ relationships
  // DHIS2 lists a relationship on both tracked entities: it is read on its `from` side, and on its
  // `to` side only when the `from` record is not in the data (or is listed on neither end).
  let maybeCycles = false
  for (let i = 0; i < n; i++) if (nodeAt[i] >= 0) readRelationships(nodeAt[i])

  /** The mother → infant relationships listed on a node's record (see the rule above). */
  function readRelationships(node: number): void {
    const te = recordOf[node]
    const rels = te.relationships
    if (!Array.isArray(rels)) return
    const self = te.trackedEntity
    for (let k = 0; k < rels.length; k++) {
      const r = rels[k]
      if (!r || r.relationshipType !== v.relationshipType || r.deleted === true) continue
      let from = r.from as string
      let to = r.to as string
      // the nodes of the two ends (-1: not in the data)
      let a: number
      let b: number
      if (from === self) {
        a = node
        b = to === self ? node : nodeOf(to)
      } else if (to === self) {
        a = nodeOf(from)
        if (a >= 0) continue // read on the mother's side
        b = node
      } else {
        a = nodeOf(from)
        b = nodeOf(to)
        // listed on neither end: read here only if neither end lists it
        if ((a >= 0 && recordOf[a].relationships?.some((x) => x?.relationship === r.relationship)) || (b >= 0 && recordOf[b].relationships?.some((x) => x?.relationship === r.relationship))) continue
      }
      if (from === to) {
        add('RELATIONSHIP_SELF', { entity: from, relationship: r.relationship })
        continue
      }
      const aDeleted = a >= 0 && recordOf[a].deleted === true
      if (aDeleted || (b >= 0 && recordOf[b].deleted === true)) {
        const dead = aDeleted ? from : to
        const alive = dead === from ? to : from
        add('RELATIONSHIP_DELETED_ENTITY', { entity: alive, relationship: r.relationship }, { other: dead })
        continue
      }
      if (a < 0 || b < 0) {
        const missing = a < 0 ? from : to
        const known = a < 0 ? to : from
        add('RELATIONSHIP_UNKNOWN_ENTITY', { entity: known, relationship: r.relationship }, { other: missing })
        // The infant's mother exists but was not read (e.g. registered outside the search scope).
        if (a < 0 && b >= 0 && infantOfNode[b] !== null) motherOutside[b] = 1
        continue
      }
      if (!(motherOfNode[a] !== null && infantOfNode[b] !== null)) {
        if (motherOfNode[b] !== null && infantOfNode[a] !== null) {
          add('RELATIONSHIP_WRONG_ROLES', { entity: self, relationship: r.relationship }, { detail: 'reversed: infant → mother; used in the right direction' })
          ;[a, b] = [b, a]
          ;[from, to] = [to, from]
        } else {
          add('RELATIONSHIP_WRONG_ROLES', { entity: self, relationship: r.relationship }, {
            detail: `${motherOfNode[a] !== null ? 'mother' : 'not a mother'} → ${infantOfNode[b] !== null ? 'infant' : 'not an infant'}`,
          })
          continue
        }
      }
      const candidates = candidatesOf[b]
      if (candidates !== null && hasCandidate(candidates, a)) {
        add('RELATIONSHIP_DUPLICATE', { entity: to, relationship: r.relationship })
        continue
      }
      const candidate = { mother: a, relationship: r.relationship }
      if (candidates === null) candidatesOf[b] = [candidate]
      else candidates.push(candidate)
      // a cycle needs a record that is both somebody's mother and somebody's infant
      if (infantOfNode[a] !== null || motherOfNode[b] !== null) maybeCycles = true
    }
  }

  // Cycles: a person cannot be her own ancestor. Iterative colouring over mother → infant edges
  // (run only when some record is both a mother and an infant in a kept relationship).
  const inCycle = new Set<string>() // relationship UIDs in a cycle
  if (maybeCycles) {
    const children = new Map<number, { child: number; relationship: string }[]>()
    for (let i = 0; i < n; i++) {
      const node = nodeAt[i]
      const candidates = node < 0 ? null : candidatesOf[node]
      if (!candidates) continue
      for (const c of candidates) {
        const l = children.get(c.mother)
        if (l) l.push({ child: node, relationship: c.relationship })
        else children.set(c.mother, [{ child: node, relationship: c.relationship }])
      }
    }
    for (const root of children.keys()) {
      if (colour[root] !== 0) continue
      const stack: { node: number; i: number; via: string }[] = [{ node: root, i: 0, via: '' }]
      colour[root] = 1
      while (stack.length > 0) {
        const top = stack[stack.length - 1]
        const next = children.get(top.node)
        if (next && top.i < next.length) {
          const { child, relationship } = next[top.i++]
          if (colour[child] === 1) {
            // back edge: the relationships on the stack from `child` to `top`, plus this one
            let k = stack.length - 1
            while (k > 0 && stack[k].node !== child) inCycle.add(stack[k--].via)
            inCycle.add(relationship)
          } else if (colour[child] === 0) {
            colour[child] = 1
            stack.push({ node: child, i: 0, via: relationship })
          }
        } else {
          colour[top.node] = 2
          stack.pop()
        }
      }
    }
  }

  // ------------------------------------------------------------------ infants → mothers → pregnancies
  for (let i = 0; i < n; i++) if (nodeAt[i] >= 0) linkInfant(nodeAt[i])

  /** An infant node to its mother (the best of its candidate mothers) and her pregnancy. */
  function linkInfant(node: number): void {
    const inf = infantOfNode[node]
    const candidates = candidatesOf[node]
    if (inf === null || candidates === null) return
    const infantId = inf.entity
    let list = candidates
    if (inCycle.size > 0) {
      list = list.filter((c) => {
        if (!inCycle.has(c.relationship)) return true
        add('RELATIONSHIP_CYCLE', { entity: infantId, relationship: c.relationship })
        return false
      })
    }
    if (list.length === 0) return
    const dob = inf.dobDay
    let best = list[0]
    if (list.length > 1) {
      let bestScore = Infinity
      for (const c of [...list].sort((x, y) => (x.relationship < y.relationship ? -1 : 1))) {
        const sc = matchScore(motherOfNode[c.mother]!, dob).score
        if (sc < bestScore) {
          bestScore = sc
          best = c
        }
      }
      add('INFANT_TWO_MOTHERS', { entity: infantId }, { mothers: list.map((c) => recordOf[c.mother].trackedEntity).join(', '), kept: recordOf[best.mother].trackedEntity })
    }
    const mother = motherOfNode[best.mother]!
    const m = matchScore(mother, dob)
    inf.mother = mother.entity
    if (m.pregnancy) {
      inf.pregnancy = m.pregnancy.enrollment
      if (m.pregnancy.infants.length === 0) {
        m.pregnancy.infants = [infantId]
        m.pregnancy.infantRecords = [inf]
      } else {
        m.pregnancy.infants.push(infantId)
        m.pregnancy.infantRecords.push(inf)
      }
      if (!m.matched) add('INFANT_PREGNANCY_UNMATCHED', { entity: infantId, enrollment: inf.enrollment })
      const dd = m.pregnancy.deliveryDay
      if (m.matched && !Number.isNaN(dd) && !Number.isNaN(dob) && Math.abs(dd - dob) > 1) {
        add('BIRTH_DATE_MISMATCH', { entity: infantId, enrollment: inf.enrollment }, { dob: inf.dob ?? '', delivery: isoOfDay(dd) })
      }
    }
  }

  for (let i = 0; i < n; i++) {
    const node = nodeAt[i]
    if (node < 0) continue
    const inf = infantOfNode[node]
    if (motherOutside[node] === 1 && inf !== null && inf.mother === null) inf.motherOutsideData = true
  }

  /** The mother's pregnancy an infant born on `dob` belongs to, and how well it matches (lower is better). */
  function matchScore(mother: Mother, dob: number): { pregnancy: Pregnancy | null; matched: boolean; score: number } {
    let best: Pregnancy | null = null
    let bestScore = Infinity
    let matched = false
    for (const p of mother.pregnancies) {
      const dd = p.deliveryDay
      let score: number
      let ok = false
      if (Number.isNaN(dob)) {
        score = 1e6 // no date of birth: the latest pregnancy wins below
      } else if (!Number.isNaN(dd)) {
        score = Math.abs(dd - dob)
        ok = score <= BIRTH_MATCH_DAYS
      } else {
        const lmp = p.lmpDay
        if (!Number.isNaN(lmp)) {
          const g = dob - lmp
          ok = p.delivery === null && g >= LMP_MIN_DAYS && g <= LMP_MAX_DAYS
          score = ok ? BIRTH_MATCH_DAYS + 1 : Math.abs(g - TERM_DAYS) + 1000
        } else score = 1e5
      }
      if (score < bestScore || (score === bestScore && Number.isNaN(dob))) {
        bestScore = score
        best = p
        matched = ok
      }
    }
    return { pregnancy: best, matched, score: bestScore }
  }

  // ------------------------------------------------------------------ pregnancy-level checks
  for (const mother of mothers) checkPregnancies(mother)

  function checkPregnancies(mother: Mother): void {
    for (const p of mother.pregnancies) {
      if (p.infants.length > 1) {
        const ord = (x: Infant): number => (Number.isNaN(x.dobDay) ? Infinity : x.dobDay)
        p.infantRecords.sort((a, b) => ord(a) - ord(b) || (a.entity < b.entity ? -1 : 1))
        p.infants = p.infantRecords.map((x) => x.entity)
      }
      if (!p.delivery) continue
      const linked = p.infants.length
      const live = p.liveBirths
      let code: ProblemCode | null = null
      if (linked === 0) {
        if (live === null ? !(p.stillbirths !== null && p.stillbirths > 0) : live > 0) code = 'DELIVERY_WITHOUT_INFANT'
      } else if (live !== null && live > linked) code = 'INFANTS_MISSING'
      else if (live !== null && linked > live) code = 'MORE_INFANTS_THAN_LIVE_BIRTHS'
      if (code !== null) {
        const refs = { entity: p.mother, enrollment: p.enrollment, event: p.delivery.event }
        add(code, refs, code === 'DELIVERY_WITHOUT_INFANT' ? undefined : { live: String(live), linked: String(linked) })
      }
    }
  }

  // ------------------------------------------------------------------ pairs
  const pairs: Pair[] = []
  for (const mother of mothers) {
    for (const p of mother.pregnancies) {
      pairs.push({ id: p.enrollment, mother: mother.entity, pregnancy: p, infants: p.infantRecords, orgUnit: p.orgUnit })
    }
  }
  for (const inf of infants) {
    if (inf.mother !== null) continue
    if (!inf.motherOutsideData) add('INFANT_WITHOUT_MOTHER', { entity: inf.entity, enrollment: inf.enrollment })
    pairs.push({ id: `infant:${inf.entity}`, mother: null, pregnancy: null, infants: [inf], orgUnit: inf.orgUnit })
  }
  return { mothers, infants, pairs, problems }
}

/** A pair's contacts (mother's pregnancy and infants), by date (undated last), built on demand. */
export function timelineOf(pair: Pair, vocabulary: VocabularyIds = resolveVocabulary()): Contact[] {
  const out: Contact[] = []
  const push = (ev: TrackerEvent, subject: 'mother' | 'infant', entity: string, enrollment: string): void => {
    const stage = vocabulary.stages.get(ev.programStage)
    if (!stage) return
    const day = dayNumber(ev.occurredAt)
    out.push({
      entryPoint: ENTRY_POINT_OF_STAGE[stage.key],
      stage: stage.key,
      event: ev.event,
      date: Number.isNaN(day) ? null : isoOfDay(day),
      day,
      orgUnit: ev.orgUnit,
      status: ev.status,
      subject,
      entity,
      enrollment,
    })
  }
  const p = pair.pregnancy
  if (p) {
    for (const ev of p.anc) push(ev, 'mother', p.mother, p.enrollment)
    if (p.delivery) push(p.delivery, 'mother', p.mother, p.enrollment)
    for (const ev of p.pnc) push(ev, 'mother', p.mother, p.enrollment)
  }
  for (const inf of pair.infants) {
    if (inf.birth) push(inf.birth, 'infant', inf.entity, inf.enrollment)
    for (const ev of inf.visits) push(ev, 'infant', inf.entity, inf.enrollment)
  }
  return out.sort(byDay)
}
