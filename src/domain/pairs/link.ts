/**
 * Pair linkage: from parsed tracked entities, build each mother's pregnancies (one per Mother
 * enrollment) and her infants (linked by the Dyad mother → infant relationship type), then one
 * pair per pregnancy (plus one per infant without a mother), each with its timeline of contacts.
 *
 * Handles twins (several infants, one delivery), stillbirths (live births < births: no infant
 * expected), infants registered without a mother, mothers with several pregnancies/deliveries,
 * duplicated relationships, relationships to deleted or unknown records, infants linked to two
 * mothers, wrong direction and cycles. Never throws; every anomaly becomes a DataProblem.
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

function valueOf(ev: TrackerEvent, de: string): string | undefined {
  const dvs = ev.dataValues
  for (let i = 0; i < dvs.length; i++) if (dvs[i].dataElement === de) return dvs[i].value
  return undefined
}

function count(v: string | undefined): number | null {
  if (v === undefined || v === '') return null
  const n = Number(v)
  return Number.isInteger(n) && n >= 0 ? n : null
}

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

  /** One node per tracked entity: its record and roles (a single Map operation per entity). */
  interface Node {
    te: TrackedEntity
    mother: Mother | null
    infant: Infant | null
    /** Candidate mothers of this infant (relationships kept so far). */
    candidates: { mother: Node; relationship: string }[] | null
    /** Mother relationship to a record not in the data. */
    motherOutside: boolean
    /** Cycle detection colour: 0 new, 1 on stack, 2 done. */
    colour: number
  }
  const nodeList: Node[] = []
  /** Node of a UID (via the given index, else our own). */
  let nodeOf: (id: string) => Node | undefined
  if (index !== undefined) {
    nodeOf = (id) => {
      const n = index.get(id)
      return n === undefined ? undefined : nodeList[n]
    }
  } else {
    const own = new Map<string, Node>()
    nodeOf = (id) => own.get(id)
    for (const te of entities) {
      if (!te || typeof te.trackedEntity !== 'string' || own.has(te.trackedEntity)) continue
      own.set(te.trackedEntity, { te, mother: null, infant: null, candidates: null, motherOutside: false, colour: 0 })
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
  const mothers: Mother[] = []
  const infants: Infant[] = []

  for (let i = 0; i < entities.length; i++) {
    const te = entities[i]
    try {
      if (!te || typeof te.trackedEntity !== 'string') {
        nodeList.push({ te: { trackedEntity: '', trackedEntityType: '', orgUnit: '', deleted: true, attributes: [], enrollments: [], relationships: [] }, mother: null, infant: null, candidates: null, motherOutside: false, colour: 0 })
        continue
      }
      let node: Node
      if (index !== undefined) {
        node = { te, mother: null, infant: null, candidates: null, motherOutside: false, colour: 0 }
        nodeList.push(node)
      } else {
        const own = nodeOf(te.trackedEntity)!
        nodeList.push(own)
        if (own.te !== te) continue // a second record with the same UID: ignored
        node = own
      }
      if (te.deleted === true) continue
      let firstInfant: TrackerEnrollment | null = null
      let infantEnrollments = 0
      const ens = te.enrollments
      for (let j = 0; j < ens.length; j++) {
        const en = ens[j]
        if (en.deleted === true) continue
        if (en.program === v.motherProgram) {
          if (node.mother === null) {
            node.mother = { entity: te.trackedEntity, orgUnit: te.orgUnit, pregnancies: [] }
            mothers.push(node.mother)
          }
          node.mother.pregnancies.push(pregnancyOf(te, en))
        } else if (en.program === v.infantProgram) {
          infantEnrollments++
          if (firstInfant === null) firstInfant = en
        }
      }
      if (node.mother !== null && node.mother.pregnancies.length > 1) node.mother.pregnancies.sort((a, b) => pregnancyDay(a) - pregnancyDay(b))
      if (firstInfant !== null) {
        if (infantEnrollments > 1) add('SEVERAL_INFANT_ENROLLMENTS', { entity: te.trackedEntity })
        node.infant = infantOf(te, firstInfant)
        infants.push(node.infant)
      }
    } catch {
      add('RECORD_SKIPPED', { entity: typeof te?.trackedEntity === 'string' ? te.trackedEntity : undefined })
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
      lmp: Number.isNaN(lmpDay) ? null : (en.occurredAt as string).slice(0, 10),
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
    let deliveries = 0
    let second: TrackerEvent | null = null
    const evs = en.events
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]
      const key = stageKey(ev, en)
      if (key === null) continue
      const day = dayNumber(ev.occurredAt)
      if (key === 'anc') p.anc.push(ev)
      else if (key === 'pnc') p.pnc.push(ev)
      else if (key === 'delivery') {
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
    if (p.delivery !== null) {
      const d = p.delivery
      if (deliveries > 1 && second) add('SEVERAL_DELIVERIES_IN_ENROLLMENT', { entity: te.trackedEntity, enrollment: en.enrollment, event: second.event })
      p.liveBirths = count(valueOf(d, v.de.liveBirths))
      p.stillbirths = count(valueOf(d, v.de.stillbirths))
      p.deliveryPlace = valueOf(d, v.de.deliveryPlace) ?? null
      const dd = p.deliveryDay
      if (!Number.isNaN(dd)) {
        for (const c of p.pnc) if (dayNumber(c.occurredAt) < dd) add('PNC_BEFORE_DELIVERY', { entity: te.trackedEntity, enrollment: en.enrollment, event: c.event })
        for (const c of p.anc) if (dayNumber(c.occurredAt) > dd) add('ANC_AFTER_DELIVERY', { entity: te.trackedEntity, enrollment: en.enrollment, event: c.event })
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
    let birthDay = NaN
    const evs = en.events
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]
      const key = stageKey(ev, en)
      if (key === null) continue
      if (key === 'birth') {
        const day = dayNumber(ev.occurredAt)
        if (inf.birth === null || day < birthDay || (Number.isNaN(birthDay) && !Number.isNaN(day))) {
          inf.birth = ev
          birthDay = day
        }
      } else inf.visits.push(ev)
    }
    const dobDay = dayNumber(en.occurredAt)
    if (!Number.isNaN(dobDay)) {
      inf.dob = (en.occurredAt as string).slice(0, 10)
      inf.dobDay = dobDay
    } else if (!Number.isNaN(birthDay)) {
      inf.dob = (inf.birth!.occurredAt as string).slice(0, 10)
      inf.dobDay = birthDay
    }
    const dob = inf.dobDay
    if (!Number.isNaN(dob)) {
      for (const c of inf.visits) {
        if (dayNumber(c.occurredAt) < dob) add('EVENT_BEFORE_INCIDENT_DATE', { entity: te.trackedEntity, enrollment: en.enrollment, event: c.event }, { what: 'date of birth', whatFr: 'date de naissance' })
      }
    }
    return inf
  }

  // ------------------------------------------------------------------ relationships
  // DHIS2 lists a relationship on both tracked entities: it is read on its `from` side, and on its
  // `to` side only when the `from` record is not in the data (or is listed on neither end).
  let maybeCycles = false
  for (const node of nodeList) {
    const te = node.te
    const rels = te.relationships
    if (!Array.isArray(rels)) continue
    const self = te.trackedEntity
    for (let k = 0; k < rels.length; k++) {
      const r = rels[k]
      if (!r || r.relationshipType !== v.relationshipType || r.deleted === true) continue
      let from = r.from as string
      let to = r.to as string
      let a: Node | undefined
      let b: Node | undefined
      if (from === self) {
        a = node
        b = to === self ? node : nodeOf(to)
      } else if (to === self) {
        a = nodeOf(from)
        if (a !== undefined) continue // read on the mother's side
        b = node
      } else {
        a = nodeOf(from)
        b = nodeOf(to)
        // listed on neither end: read here only if neither end lists it
        if ((a && a.te.relationships?.some((x) => x?.relationship === r.relationship)) || (b && b.te.relationships?.some((x) => x?.relationship === r.relationship))) continue
      }
      const refs = { entity: self, relationship: r.relationship }
      if (from === to) {
        add('RELATIONSHIP_SELF', { entity: from, relationship: r.relationship })
        continue
      }
      if (a?.te.deleted === true || b?.te.deleted === true) {
        const dead = a?.te.deleted === true ? from : to
        const alive = dead === from ? to : from
        add('RELATIONSHIP_DELETED_ENTITY', { entity: alive, relationship: r.relationship }, { other: dead })
        continue
      }
      if (a === undefined || b === undefined) {
        const missing = a === undefined ? from : to
        const known = a === undefined ? to : from
        add('RELATIONSHIP_UNKNOWN_ENTITY', { entity: known, relationship: r.relationship }, { other: missing })
        // The infant's mother exists but was not read (e.g. registered outside the search scope).
        if (a === undefined && b !== undefined && b.infant !== null) b.motherOutside = true
        continue
      }
      if (!(a.mother !== null && b.infant !== null)) {
        if (b.mother !== null && a.infant !== null) {
          add('RELATIONSHIP_WRONG_ROLES', refs, { detail: 'reversed: infant → mother; used in the right direction' })
          ;[a, b] = [b, a]
          ;[from, to] = [to, from]
        } else {
          add('RELATIONSHIP_WRONG_ROLES', refs, {
            detail: `${a.mother !== null ? 'mother' : 'not a mother'} → ${b.infant !== null ? 'infant' : 'not an infant'}`,
          })
          continue
        }
      }
      if (b.candidates === null) b.candidates = []
      if (b.candidates.some((c) => c.mother === a)) {
        add('RELATIONSHIP_DUPLICATE', { entity: to, relationship: r.relationship })
        continue
      }
      b.candidates.push({ mother: a as Node, relationship: r.relationship })
      // a cycle needs a record that is both somebody's mother and somebody's infant
      if (a.infant !== null || b.mother !== null) maybeCycles = true
    }
  }

  // Cycles: a person cannot be her own ancestor. Iterative colouring over mother → infant edges
  // (run only when some record is both a mother and an infant in a kept relationship).
  const inCycle = new Set<string>() // relationship UIDs in a cycle
  if (maybeCycles) {
    const children = new Map<Node, { child: Node; relationship: string }[]>()
    for (const n of nodeList) {
      if (!n.candidates) continue
      for (const c of n.candidates) {
        const l = children.get(c.mother)
        if (l) l.push({ child: n, relationship: c.relationship })
        else children.set(c.mother, [{ child: n, relationship: c.relationship }])
      }
    }
    for (const root of children.keys()) {
      if (root.colour !== 0) continue
      const stack: { node: Node; i: number; via: string }[] = [{ node: root, i: 0, via: '' }]
      root.colour = 1
      while (stack.length > 0) {
        const top = stack[stack.length - 1]
        const next = children.get(top.node)
        if (next && top.i < next.length) {
          const { child, relationship } = next[top.i++]
          if (child.colour === 1) {
            // back edge: the relationships on the stack from `child` to `top`, plus this one
            let k = stack.length - 1
            while (k > 0 && stack[k].node !== child) inCycle.add(stack[k--].via)
            inCycle.add(relationship)
          } else if (child.colour === 0) {
            child.colour = 1
            stack.push({ node: child, i: 0, via: relationship })
          }
        } else {
          top.node.colour = 2
          stack.pop()
        }
      }
    }
  }

  // ------------------------------------------------------------------ infants → mothers → pregnancies
  for (const node of nodeList) {
    const inf = node.infant
    if (inf === null || node.candidates === null) continue
    const infantId = inf.entity
    let list = node.candidates
    if (inCycle.size > 0) {
      list = list.filter((c) => {
        if (!inCycle.has(c.relationship)) return true
        add('RELATIONSHIP_CYCLE', { entity: infantId, relationship: c.relationship })
        return false
      })
    }
    if (list.length === 0) continue
    const dob = inf.dobDay
    let best = list[0]
    if (list.length > 1) {
      let bestScore = Infinity
      for (const c of [...list].sort((x, y) => (x.relationship < y.relationship ? -1 : 1))) {
        const sc = matchScore(c.mother.mother!, dob).score
        if (sc < bestScore) {
          bestScore = sc
          best = c
        }
      }
      add('INFANT_TWO_MOTHERS', { entity: infantId }, { mothers: list.map((c) => c.mother.te.trackedEntity).join(', '), kept: best.mother.te.trackedEntity })
    }
    const mother = best.mother.mother!
    const m = matchScore(mother, dob)
    inf.mother = mother.entity
    if (m.pregnancy) {
      inf.pregnancy = m.pregnancy.enrollment
      m.pregnancy.infants.push(infantId)
      m.pregnancy.infantRecords.push(inf)
      if (!m.matched) add('INFANT_PREGNANCY_UNMATCHED', { entity: infantId, enrollment: inf.enrollment })
      const dd = m.pregnancy.deliveryDay
      if (m.matched && !Number.isNaN(dd) && !Number.isNaN(dob) && Math.abs(dd - dob) > 1) {
        add('BIRTH_DATE_MISMATCH', { entity: infantId, enrollment: inf.enrollment }, { dob: inf.dob ?? '', delivery: isoOfDay(dd) })
      }
    }
  }
  for (const node of nodeList) {
    if (node.motherOutside && node.infant !== null && node.infant.mother === null) node.infant.motherOutsideData = true
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
  for (const mother of mothers) {
    for (const p of mother.pregnancies) {
      if (p.infants.length > 1) {
        const ord = (x: Infant): number => (Number.isNaN(x.dobDay) ? Infinity : x.dobDay)
        p.infantRecords.sort((a, b) => ord(a) - ord(b) || (a.entity < b.entity ? -1 : 1))
        p.infants = p.infantRecords.map((x) => x.entity)
      }
      if (!p.delivery) continue
      const refs = { entity: p.mother, enrollment: p.enrollment, event: p.delivery.event }
      const linked = p.infants.length
      const live = p.liveBirths
      if (linked === 0) {
        if (live === null ? !(p.stillbirths !== null && p.stillbirths > 0) : live > 0) add('DELIVERY_WITHOUT_INFANT', refs)
      } else if (live !== null && live > linked) {
        add('INFANTS_MISSING', refs, { live: String(live), linked: String(linked) })
      } else if (live !== null && linked > live) {
        add('MORE_INFANTS_THAN_LIVE_BIRTHS', refs, { live: String(live), linked: String(linked) })
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
