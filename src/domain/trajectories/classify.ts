/**
 * Classification of pairs into care-trajectory profiles, with counts and shares per org unit and
 * period, and the list of pairs behind each number.
 *
 * A pair belongs to the period of its reference date: the delivery date, else the infant's date of
 * birth, else the first ANC contact; and to the org unit that owns it (the pregnancy's enrollment
 * org unit, else the infant's). Facts use every contact of the pair, whatever its date, up to the
 * end of the period (later contacts have not happened yet from the period's point of view).
 */
import { DE } from '../../../metadata/src/vocabulary'
import { dayNumber } from '../dates'
import type { TrackerEvent } from '../tracker'
import type { Pair } from '../pairs/types'
import { resolveVocabulary } from '../vocabularyIds'
import { DEFAULT_PROFILE_SET, type Criterion, type FactKey, type ProfileSet } from './profiles'

export type PairFacts = Record<FactKey, number | boolean | null>

export interface ClassifyOptions {
  period: { start: string; end: string }
  inScope: (orgUnitUid: string) => boolean
  groupOf?: (orgUnitUid: string) => string | null | undefined
  profiles?: ProfileSet
}

export interface ProfileCount {
  code: string
  count: number
  /** Share of the pairs in scope, in percent (null when no pair). */
  share: number | null
}

export interface TrajectoryResult {
  /** Pairs in scope and period. */
  total: number
  profiles: ProfileCount[]
  /** Pairs matching no profile. */
  unclassified: number
  byGroup: Record<string, { total: number; profiles: ProfileCount[] }>
  /** Pair ids behind each profile count (for users allowed to see tracker data). */
  pairsByProfile: Record<string, string[]>
}

function valueOf(ev: TrackerEvent, de: string): string | undefined {
  const dvs = ev.dataValues
  for (let i = 0; i < dvs.length; i++) if (dvs[i].dataElement === de) return dvs[i].value
  return undefined
}

/** Reference day of a pair (NaN when it has no dated contact). */
export function pairReferenceDay(pair: Pair): number {
  const p = pair.pregnancy
  if (p && !Number.isNaN(p.deliveryDay)) return p.deliveryDay
  for (const i of pair.infants) if (!Number.isNaN(i.dobDay)) return i.dobDay
  let first = NaN
  if (p) {
    for (const ev of p.anc) {
      const d = dayNumber(ev.occurredAt)
      if (!Number.isNaN(d) && (Number.isNaN(first) || d < first)) first = d
    }
  }
  return first
}

/** The facts of a pair, looking at contacts up to `asOfDay` (inclusive). */
export function pairFacts(pair: Pair, asOfDay: number): PairFacts {
  const v = resolveVocabulary()
  const gaDe = v.dataElementByCode.get(DE.ANC_GEST_AGE_WEEKS)!.uid
  const timingDe = v.dataElementByCode.get(DE.PNC_TIMING)!.uid
  const p = pair.pregnancy
  const upTo = (ev: TrackerEvent): boolean => {
    const d = dayNumber(ev.occurredAt)
    return !Number.isNaN(d) && d <= asOfDay
  }
  let anc = 0
  let firstDay = NaN
  let firstEv: TrackerEvent | null = null
  let pnc = 0
  let pnc48 = false
  let pncD6 = false
  let pncD42 = false
  let delivered = false
  let facility = false
  let deliveryDay = NaN
  if (p) {
    for (const ev of p.anc) {
      if (!upTo(ev)) continue
      anc++
      const d = dayNumber(ev.occurredAt)
      if (Number.isNaN(firstDay) || d < firstDay) {
        firstDay = d
        firstEv = ev
      }
    }
    if (p.delivery && upTo(p.delivery)) {
      delivered = true
      deliveryDay = p.deliveryDay
      facility = p.deliveryPlace === 'FACILITY' || p.deliveryPlace === 'OTHER_FACILITY'
    }
    for (const ev of p.pnc) {
      if (!upTo(ev)) continue
      pnc++
      const t = valueOf(ev, timingDe)
      if (t === 'H48') pnc48 = true
      else if (t === 'D6') pncD6 = true
      else if (t === 'D42') pncD42 = true
    }
  }
  let infantContacts = 0
  for (const i of pair.infants) for (const ev of i.visits) if (upTo(ev)) infantContacts++
  let firstAncWeeks: number | null = null
  if (firstEv) {
    const ga = Number(valueOf(firstEv, gaDe))
    if (valueOf(firstEv, gaDe) !== undefined && Number.isFinite(ga)) firstAncWeeks = ga
    else if (p && !Number.isNaN(p.lmpDay)) firstAncWeeks = Math.floor((firstDay - p.lmpDay) / 7)
  }
  return {
    hasMother: pair.mother !== null,
    ancContacts: anc,
    firstAncWeeks,
    delivered,
    facilityDelivery: delivered ? facility : false,
    pncContacts: pnc,
    pnc48,
    pncD6,
    pncD42,
    infantContacts,
    daysSinceDelivery: Number.isNaN(deliveryDay) ? null : asOfDay - deliveryDay,
  }
}

function test(c: Criterion, facts: PairFacts, params: Map<string, number>): boolean {
  const x = facts[c.fact]
  if (c.op === 'known') return x !== null && x !== undefined
  if (c.op === 'unknown') return x === null || x === undefined
  if (x === null || x === undefined) return false
  const raw = c.value
  const want = typeof raw === 'object' && raw !== null ? params.get(raw.param) : raw
  if (want === undefined) return false
  switch (c.op) {
    case 'eq':
      return x === want
    case 'ne':
      return x !== want
    case 'lt':
      return typeof x === 'number' && typeof want === 'number' && x < want
    case 'le':
      return typeof x === 'number' && typeof want === 'number' && x <= want
    case 'gt':
      return typeof x === 'number' && typeof want === 'number' && x > want
    case 'ge':
      return typeof x === 'number' && typeof want === 'number' && x >= want
    default:
      return false
  }
}

/** Profile codes a pair matches. */
export function classifyPair(facts: PairFacts, set: ProfileSet = DEFAULT_PROFILE_SET): string[] {
  const params = new Map(set.parameters.map((p) => [p.key, p.value]))
  return set.profiles.filter((r) => r.criteria.every((c) => test(c, facts, params))).map((r) => r.code)
}

export function classifyPairs(pairs: Pair[], options: ClassifyOptions): TrajectoryResult {
  const set = options.profiles ?? DEFAULT_PROFILE_SET
  const params = new Map(set.parameters.map((p) => [p.key, p.value]))
  const start = dayNumber(options.period.start)
  const end = dayNumber(options.period.end)
  const codes = set.profiles.map((r) => r.code)
  const counts = new Map<string, number>(codes.map((c) => [c, 0]))
  const pairsByProfile: Record<string, string[]> = Object.fromEntries(codes.map((c) => [c, []]))
  const groups = new Map<string, { total: number; counts: Map<string, number> }>()
  let total = 0
  let unclassified = 0
  for (const pair of Array.isArray(pairs) ? pairs : []) {
    const ref = pairReferenceDay(pair)
    if (!(ref >= start && ref <= end)) continue
    if (!options.inScope(pair.orgUnit)) continue
    total++
    const facts = pairFacts(pair, end)
    const key = options.groupOf?.(pair.orgUnit)
    let g: { total: number; counts: Map<string, number> } | undefined
    if (key !== null && key !== undefined) {
      g = groups.get(key)
      if (!g) {
        g = { total: 0, counts: new Map(codes.map((c) => [c, 0])) }
        groups.set(key, g)
      }
      g.total++
    }
    let any = false
    for (const r of set.profiles) {
      if (!r.criteria.every((c) => test(c, facts, params))) continue
      any = true
      counts.set(r.code, counts.get(r.code)! + 1)
      pairsByProfile[r.code].push(pair.id)
      if (g) g.counts.set(r.code, g.counts.get(r.code)! + 1)
    }
    if (!any) unclassified++
  }
  const list = (n: number, m: Map<string, number>) => codes.map((code) => ({ code, count: m.get(code)!, share: n === 0 ? null : (m.get(code)! / n) * 100 }))
  const byGroup: TrajectoryResult['byGroup'] = {}
  for (const [k, g] of groups) byGroup[k] = { total: g.total, profiles: list(g.total, g.counts) }
  return { total, profiles: list(total, counts), unclassified, byGroup, pairsByProfile }
}
