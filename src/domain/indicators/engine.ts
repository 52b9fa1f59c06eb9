/**
 * The pair engine: evaluates the catalog's event rules over tracker records, exactly as DHIS2
 * analytics evaluates the package's EVENT program indicators (V{event_count} with a filter, period
 * on the event date), so the two computations can be cross-checked to the unit.
 *
 * Counted event: not deleted, in a non-deleted enrollment of a non-deleted tracked entity, of the
 * rule's stage (and of that stage's program), status ACTIVE or COMPLETED, event date (date part of
 * occurredAt) within the period (inclusive), org unit in scope, every condition true with the
 * missing-value semantics documented in rules.ts.
 *
 * Performance: rules are compiled once into closures over pre-resolved UIDs and value slots; the
 * events are visited once, bucketed by stage; per event the values are copied into a reused slot
 * array (no allocation), then only the rules of that stage run. Several periods (current, same
 * period last year, sparkline months) and org-unit groups are counted in the same pass: the event
 * date is read once into a day number compared with each period's day bounds, and the scope and
 * group of an org unit are looked up only when it differs from the previous event's (see
 * docs/decisions/0351-pair-engine-performance.md).
 */
import { CASCADE, CATALOG } from './catalog'
import type { Condition, EventRule } from './rules'
import type { IndicatorDef } from './types'
import type { TrackedEntity } from '../tracker'
import { dayNumber, shiftYears } from '../dates'
import { resolveVocabulary, type VocabularyIds } from '../vocabularyIds'
import { problem, type DataProblem } from '../pairs/problems'
import { UidTable } from '../pairs/uidTable'
import type { Label } from '../../../metadata/src/vocabulary'

export interface Period {
  /** ISO date, inclusive. */
  start: string
  /** ISO date, inclusive. */
  end: string
}

export interface EngineOptions {
  period: Period
  /** Whether an event's org unit is in the selected scope (e.g. the district's subtree). */
  inScope: (orgUnitUid: string) => boolean
  /** Indicator codes to compute (default: every tracker and derived indicator of the catalog). */
  codes?: string[]
  /**
   * Optional breakdown: the group of an in-scope org unit (e.g. the child org unit of the selected
   * one, for drill-down and scorecards); undefined/null = counted in the total only.
   */
  groupOf?: (orgUnitUid: string) => string | null | undefined
  /** Extra periods counted in the same pass (e.g. the 12 months of a sparkline); at most 29. */
  extraPeriods?: Period[]
  /** Catalog to use (default: CATALOG). */
  catalog?: IndicatorDef[]
  vocabulary?: VocabularyIds
}

export interface IndicatorValue {
  code: string
  numerator: number
  /** null for counts. */
  denominator: number | null
  /** numerator / denominator × factor (count: numerator); null when the denominator is 0. */
  value: number | null
}

export interface CascadeCount {
  key: string
  label: Label
  indicator: string
  count: number
}

export interface EngineResult {
  period: Period
  previousYear: Period
  /** Per indicator code (tracker and derived). */
  values: Record<string, IndicatorValue>
  /** Same indicators, same period last year (the base of the derived YoY indicators). */
  previousYearValues: Record<string, IndicatorValue>
  /** Per program indicator code: the event count (what DHIS2 analytics returns for the PI). */
  programIndicators: Record<string, number>
  /** Per group (groupOf) → per indicator code. */
  byGroup: Record<string, Record<string, IndicatorValue>>
  /** Per extra period (same order as options.extraPeriods) → per indicator code. */
  extra: Record<string, IndicatorValue>[]
  cascade: CascadeCount[]
  problems: DataProblem[]
  stats: { entities: number; events: number; eventsCounted: number; ms: number }
}

// ---------------------------------------------------------------------------------------------
// Compilation
// ---------------------------------------------------------------------------------------------

type Vals = (string | undefined)[]
/** A compiled condition: values in slots, infant age in days (NaN when unknown). */
type Test = (vals: Vals, age: number) => boolean

interface CompiledPI {
  code: string
  index: number
  tests: Test[]
  needsAge: boolean
}

interface CompiledStage {
  programUid: string
  pis: CompiledPI[]
  needsAge: boolean
}

const NUMERIC = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE'])

function num(v: string | undefined): number {
  // Missing or empty → NaN; every comparison with NaN is false (SQL NULL semantics).
  if (v === undefined || v === '') return NaN
  return +v
}

function compileCondition(c: Condition, slotOf: (de: string) => number, v: VocabularyIds): Test {
  if ('ageDays' in c) {
    const min = c.ageDays.min ?? -Infinity
    const max = c.ageDays.max ?? Infinity
    return (_vals, age) => age >= min && age < max // NaN fails
  }
  const info = v.dataElementByCode.get(c.de)
  const uid = info?.uid ?? `unknown:${c.de}`
  const s = slotOf(uid)
  const isBool = info?.valueType === 'BOOLEAN' || info?.valueType === 'TRUE_ONLY'
  const isNum = info !== undefined && NUMERIC.has(info.valueType)
  switch (c.op) {
    case 'hasValue':
      return (vals) => {
        const x = vals[s]
        return x !== undefined && x !== ''
      }
    case 'noValue':
      return (vals) => {
        const x = vals[s]
        return x === undefined || x === ''
      }
    case 'eq': {
      const want = c.value
      if (isBool) return (vals) => vals[s] === want
      if (isNum) {
        const w = +want
        return (vals) => num(vals[s]) === w
      }
      return (vals) => vals[s] === want
    }
    case 'ne': {
      const want = c.value
      if (isBool) {
        return (vals) => {
          const x = vals[s]
          return (x === 'true' || x === 'false') && x !== want
        }
      }
      if (isNum) {
        const w = +want
        return (vals) => {
          const n = num(vals[s])
          return n === n && n !== w
        }
      }
      return (vals) => {
        const x = vals[s]
        return x !== undefined && x !== '' && x !== want
      }
    }
    case 'in': {
      const set = new Set(c.values)
      return (vals) => {
        const x = vals[s]
        return x !== undefined && set.has(x)
      }
    }
    case 'lt': {
      const w = c.value
      return (vals) => num(vals[s]) < w
    }
    case 'le': {
      const w = c.value
      return (vals) => num(vals[s]) <= w
    }
    case 'gt': {
      const w = c.value
      return (vals) => num(vals[s]) > w
    }
    case 'ge': {
      const w = c.value
      return (vals) => num(vals[s]) >= w
    }
    case 'eqNum': {
      const w = c.value
      return (vals) => num(vals[s]) === w
    }
    default:
      return () => false
  }
}

interface Compiled {
  stages: Map<string, CompiledStage>
  slotOf: Map<string, number>
  nSlots: number
  piCodes: string[]
}

function compile(defs: IndicatorDef[], v: VocabularyIds): Compiled {
  const slotOf = new Map<string, number>()
  const slot = (uid: string): number => {
    let s = slotOf.get(uid)
    if (s === undefined) {
      s = slotOf.size
      slotOf.set(uid, s)
    }
    return s
  }
  const stages = new Map<string, CompiledStage>()
  const piCodes: string[] = []
  const addRule = (code: string, rule: EventRule): void => {
    const info = v.stageByCode.get(rule.stage)
    if (!info) return // validated by the catalog self-check; an unknown stage counts nothing
    let st = stages.get(info.uid)
    if (!st) {
      st = { programUid: info.programUid, pis: [], needsAge: false }
      stages.set(info.uid, st)
    }
    const tests = rule.where.map((c) => compileCondition(c, slot, v))
    const needsAge = rule.where.some((c) => 'ageDays' in c)
    st.pis.push({ code, index: piCodes.length, tests, needsAge })
    st.needsAge ||= needsAge
    piCodes.push(code)
  }
  for (const d of defs) {
    if (d.kind !== 'tracker' || !d.numerator || !d.programIndicators) continue
    addRule(d.programIndicators.numerator, d.numerator)
    if (d.denominator && d.programIndicators.denominator) addRule(d.programIndicators.denominator, d.denominator)
  }
  return { stages, slotOf, nSlots: slotOf.size, piCodes }
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/** [start inclusive, end exclusive) as strings comparable with occurredAt without slicing it. */
function bounds(p: Period): [string, string] | null {
  const s = dayNumber(p.start)
  const e = dayNumber(p.end)
  if (Number.isNaN(s) || Number.isNaN(e) || e < s) return null
  const next = shiftDay(p.end)
  return [p.start.slice(0, 10), next]
}

function shiftDay(iso: string): string {
  const n = dayNumber(iso) + 1
  const d = new Date(n * 86400000)
  return d.toISOString().slice(0, 10)
}

function selectDefs(catalog: IndicatorDef[], codes: string[] | undefined): { computed: IndicatorDef[]; derived: IndicatorDef[] } {
  const wanted = codes ? new Set(codes) : null
  const byCode = new Map(catalog.map((d) => [d.code, d]))
  const derived = catalog.filter((d) => d.kind === 'derived' && (!wanted || wanted.has(d.code)))
  const need = new Set<string>()
  for (const d of catalog) if (d.kind === 'tracker' && (!wanted || wanted.has(d.code))) need.add(d.code)
  for (const d of derived) if (d.derived) need.add(d.derived.from)
  if (!wanted) for (const s of CASCADE) need.add(s.indicator)
  else for (const s of CASCADE) if (wanted.has(s.indicator)) need.add(s.indicator)
  const computed = [...need].map((c) => byCode.get(c)).filter((d): d is IndicatorDef => !!d && d.kind === 'tracker')
  return { computed, derived }
}

function valueOf(d: IndicatorDef, counts: ArrayLike<number>, piIndex: Map<string, number>): IndicatorValue {
  const n = counts[piIndex.get(d.programIndicators!.numerator)!] ?? 0
  if (d.unit === 'count' || !d.programIndicators!.denominator) return { code: d.code, numerator: n, denominator: null, value: n }
  const den = counts[piIndex.get(d.programIndicators!.denominator)!] ?? 0
  const value = den === 0 ? null : d.unit === 'percent' ? (n / den) * 100 : n / den
  return { code: d.code, numerator: n, denominator: den, value }
}

function derivedValue(d: IndicatorDef, cur: Record<string, IndicatorValue>, prev: Record<string, IndicatorValue>): IndicatorValue {
  const from = d.derived!.from
  const side = d.derived!.side
  const a = cur[from]
  const b = prev[from]
  const x = side === 'numerator' ? a?.numerator ?? 0 : a?.value ?? null
  const y = side === 'numerator' ? b?.numerator ?? 0 : b?.value ?? null
  if (x === null || y === null) return { code: d.code, numerator: 0, denominator: null, value: null }
  return { code: d.code, numerator: x - y, denominator: y, value: y === 0 ? null : ((x - y) / y) * 100 }
}

/** Same calendar period one year earlier. */
export function previousYearPeriod(p: Period): Period {
  return { start: shiftYears(p.start, -1), end: shiftYears(p.end, -1) }
}

export function computeIndicators(entities: TrackedEntity[], options: EngineOptions): EngineResult {
  const t0 = typeof performance !== 'undefined' ? performance.now() : Date.now()
  const v = options.vocabulary ?? resolveVocabulary()
  const catalog = options.catalog ?? CATALOG
  const { computed, derived } = selectDefs(catalog, options.codes)
  const cp = compile(computed, v)
  const nPI = cp.piCodes.length
  const piIndex = new Map(cp.piCodes.map((c, i) => [c, i]))
  const problems: DataProblem[] = []

  const prevPeriod = previousYearPeriod(options.period)
  // A bit mask per event tracks the periods containing it: at most 31 periods (29 extra).
  const periods: Period[] = [options.period, prevPeriod, ...(options.extraPeriods ?? []).slice(0, 29)]
  const nP = periods.length
  const starts: string[] = []
  const ends: string[] = []
  for (const p of periods) {
    const b = bounds(p)
    // An invalid period counts nothing: start > any date.
    starts.push(b ? b[0] : '\uffff')
    ends.push(b ? b[1] : '')
  }
  // The same bounds as day numbers (NaN for an invalid period: no day is in it). For a valid event
  // date, `day in [startDay, endDay)` is exactly `date >= start && date < end` on the strings; a
  // date that is not a valid calendar date keeps the string comparison.
  const startDays = starts.map(dayNumber)
  const endDays = ends.map(dayNumber)

  // counts[period][pi] for the total; groups: counts per group key
  const total = new Float64Array(nP * nPI)
  const groups = new Map<string, Float64Array>() // only the main period
  const groupCache = new Map<string, Float64Array | null>()
  const scopeCache = new Map<string, boolean>()
  const groupOf = options.groupOf
  // The previous event's org unit, whether it is in scope and its group counts (consecutive events
  // mostly share their org unit: one string comparison instead of a hash lookup).
  let lastOu: string | null = null
  let lastOk = false
  let lastGroup: Float64Array | null | undefined // undefined: not looked up yet for lastOu

  const vals: Vals = new Array(cp.nSlots).fill(undefined)
  const touched = new Int32Array(Math.max(1, cp.nSlots))
  const slotOf = new UidTable(cp.slotOf) // data element UID → value slot, without hashing each value's UID
  // stage UID → compiled stage, by direct comparison (five stages; no hashing per event)
  const compiledList = [...cp.stages.entries()]
  const stageOf = (uid: string): CompiledStage | undefined => {
    for (let i = 0; i < compiledList.length; i++) if (compiledList[i][0] === uid) return compiledList[i][1]
    return undefined
  }
  const inScope = options.inScope
  const motherProgram = v.motherProgram
  const infantProgram = v.infantProgram

  let events = 0
  let counted = 0
  /**
   * Counts the events of one tracked entity. The loop body is a function called once per record
   * (not inlined in one long loop): V8 optimises it like any hot function, and re-optimises it after
   * a deoptimisation, whereas a long loop deoptimised after on-stack replacement may run the rest of
   * its iterations unoptimised (this made the engine twice as slow on a cold start).
   */
  const countEntity = (te: TrackedEntity): void => {
    if (te === null || typeof te !== 'object' || te.deleted === true || !Array.isArray(te.enrollments)) return
    const ens = te.enrollments
    for (let j = 0; j < ens.length; j++) {
      const en = ens[j]
      if (en === null || typeof en !== 'object' || en.deleted === true || !Array.isArray(en.events)) continue
      const program = en.program
      if (program !== motherProgram && program !== infantProgram) continue
      const dob = program === infantProgram ? dayNumber(en.occurredAt) : NaN
      const evs = en.events
      for (let k = 0; k < evs.length; k++) {
        const ev = evs[k]
        events++
        if (ev === null || typeof ev !== 'object' || ev.deleted === true) continue
        const st = stageOf(ev.programStage)
        if (st === undefined || st.programUid !== program) continue
        const status = ev.status
        if (status !== 'ACTIVE' && status !== 'COMPLETED') continue
        const date = ev.occurredAt
        if (typeof date !== 'string') continue
        // which periods contain the event (bit mask; at most 31 extra periods tracked by mask)
        const day = dayNumber(date)
        let mask = 0
        if (day === day) {
          for (let p = 0; p < nP; p++) if (day >= startDays[p] && day < endDays[p]) mask |= 1 << p
        } else {
          for (let p = 0; p < nP; p++) if (date >= starts[p] && date < ends[p]) mask |= 1 << p
        }
        if (mask === 0) continue
        const ou = ev.orgUnit
        if (typeof ou !== 'string') continue
        if (ou !== lastOu) {
          let ok = scopeCache.get(ou)
          if (ok === undefined) {
            ok = inScope(ou) === true
            scopeCache.set(ou, ok)
          }
          lastOu = ou
          lastOk = ok
          lastGroup = undefined
        }
        if (!lastOk) continue
        counted++
        // values into slots
        let nt = 0
        const dvs = ev.dataValues
        if (Array.isArray(dvs)) {
          for (let d = 0; d < dvs.length; d++) {
            const dv = dvs[d]
            if (dv === null || typeof dv !== 'object') continue
            const s = slotOf.get(dv.dataElement)
            if (s === undefined) continue
            const x = dv.value
            vals[s] = typeof x === 'string' ? x : undefined
            touched[nt++] = s
          }
        }
        const age = st.needsAge ? day - dob : NaN
        let gcounts: Float64Array | null = null
        if (groupOf && mask & 1) {
          if (lastGroup === undefined) {
            let g = groupCache.get(ou)
            if (g === undefined) {
              const key = groupOf(ou)
              if (key === null || key === undefined) g = null
              else {
                g = groups.get(key) ?? null
                if (g === null) {
                  g = new Float64Array(nPI)
                  groups.set(key, g)
                }
              }
              groupCache.set(ou, g)
            }
            lastGroup = g
          }
          gcounts = lastGroup
        }
        const pis = st.pis
        for (let r = 0; r < pis.length; r++) {
          const pi = pis[r]
          const tests = pi.tests
          let pass = true
          for (let c = 0; c < tests.length; c++) {
            if (!tests[c](vals, age)) {
              pass = false
              break
            }
          }
          if (!pass) continue
          const idx = pi.index
          // the periods of the event: the set bits of the mask (usually 2 of up to 31)
          for (let m = mask; m !== 0; m &= m - 1) total[(31 - Math.clz32(m & -m)) * nPI + idx]++
          if (gcounts !== null) gcounts[idx]++
        }
        for (let t = 0; t < nt; t++) vals[touched[t]] = undefined
      }
    }
  }
  const list: unknown = entities
  const n = Array.isArray(list) ? list.length : 0
  for (let i = 0; i < n; i++) {
    const te = (list as TrackedEntity[])[i]
    try {
      countEntity(te)
    } catch {
      problems.push(problem('RECORD_SKIPPED', { entity: te && typeof te === 'object' && typeof te.trackedEntity === 'string' ? te.trackedEntity : undefined }))
      vals.fill(undefined)
    }
  }

  // ------------------------------------------------------------------ results
  const slice = (p: number): Float64Array => total.subarray(p * nPI, (p + 1) * nPI)
  const resultFor = (counts: ArrayLike<number>): Record<string, IndicatorValue> => {
    const out: Record<string, IndicatorValue> = {}
    for (const d of computed) out[d.code] = valueOf(d, counts, piIndex)
    return out
  }
  const values = resultFor(slice(0))
  const previousYearValues = resultFor(slice(1))
  for (const d of derived) values[d.code] = derivedValue(d, values, previousYearValues)
  const programIndicators: Record<string, number> = {}
  cp.piCodes.forEach((c, i) => (programIndicators[c] = total[i]))
  const byGroup: Record<string, Record<string, IndicatorValue>> = {}
  for (const [key, counts] of groups) byGroup[key] = resultFor(counts)
  const extra: Record<string, IndicatorValue>[] = []
  for (let p = 2; p < nP; p++) extra.push(resultFor(slice(p)))
  const cascade: CascadeCount[] = CASCADE.filter((s) => values[s.indicator]).map((s) => ({
    key: s.key,
    label: s.label,
    indicator: s.indicator,
    count: values[s.indicator].numerator,
  }))
  const t1 = typeof performance !== 'undefined' ? performance.now() : Date.now()
  return {
    period: options.period,
    previousYear: prevPeriod,
    values,
    previousYearValues,
    programIndicators,
    byGroup,
    extra,
    cascade,
    problems,
    stats: { entities: n, events, eventsCounted: counted, ms: t1 - t0 },
  }
}
