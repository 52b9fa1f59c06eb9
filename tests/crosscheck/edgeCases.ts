/**
 * Adversarial records for the cross-check, derived from the catalog rules themselves.
 *
 * The generator's synthetic data is realistic, hence clean: almost every value is present and far
 * from the thresholds, so a translation that forgets a `d2:hasValue` guard, flips `<` into `<=`,
 * mistakes an option code, counts SCHEDULE events or a deleted record, or shifts a day at a period
 * edge may still agree with the pair engine on it. Here, for every catalog program indicator, one
 * event that passes the rule is built, and then one record per way of (almost) failing it:
 *  - each condition: value missing, the nearest failing and passing values (`lt 2500` → 2499 and
 *    2500; `le` → v and v+1; `eqNum 4` → 3, 4, 5; a BOOLEAN `yes` → 'false'; an option → another
 *    option or one outside the list; `hasValue` → missing; `noValue` → present; `ageDays` →
 *    min−1, min, max−1, max days after the birth);
 *  - every event status DHIS2 stores (ACTIVE, COMPLETED, VISITED, SCHEDULE, OVERDUE, SKIPPED);
 *  - event dates at the first and last instant of the month and just outside it;
 *  - deleted event, deleted enrollment, deleted tracked entity; an org unit outside the subtree;
 *  - the same values on another stage of the same program.
 * Only values DHIS2 would accept on import are used (numbers of the right type, options of the set,
 * 'true'/'false'), since analytics never sees anything else.
 */
import { DATA_ELEMENTS, OPTION_SETS, STAGES, ids } from '../../metadata/src/vocabulary'
import type { Condition, EventRule } from '../../src/domain/indicators/rules'
import type { IndicatorDef } from '../../src/domain/indicators/types'
import type { TrackerEvent } from '../../src/domain/tracker'
import type { GeneratedData, OrgUnit } from '../../sandbox/model'
import { trackerIndicators } from './harness'

/** The month every edge event is placed in (with a few just outside it). */
export const EDGE_MONTH = { id: '202503', start: '2025-03-01', end: '2025-03-31', mid: '2025-03-15' }

type Values = Map<string, string | undefined>

interface Variant {
  label: string
  stage: string
  values: Values
  /** Infant age at the event, in days (infant program). */
  age: number
  status: string
  date: string
  outside?: boolean
  deleted?: 'event' | 'enrollment' | 'entity'
}

const NUMERIC = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE'])

function deDef(code: string) {
  const d = DATA_ELEMENTS.find((x) => x.code === code)
  if (!d) throw new Error(`edge cases: unknown data element ${code}`)
  return d
}

/** Whether DHIS2 would accept `n` for the value type. */
function validNumber(valueType: string, n: number): boolean {
  if (!Number.isFinite(n)) return false
  if (valueType === 'NUMBER') return true
  if (!Number.isInteger(n)) return false
  if (valueType === 'INTEGER_POSITIVE') return n > 0
  if (valueType === 'INTEGER_ZERO_OR_POSITIVE') return n >= 0
  return true
}

function options(code: string): string[] {
  const d = deDef(code)
  const os = d.optionSet ? OPTION_SETS.find((o) => o.code === d.optionSet) : undefined
  return os ? os.options.map((o) => o.code) : []
}

/** A value satisfying the condition (undefined: the data element must be absent). */
function passing(c: Exclude<Condition, { ageDays: unknown }>): string | undefined {
  const d = deDef(c.de)
  const bool = d.valueType === 'BOOLEAN' || d.valueType === 'TRUE_ONLY'
  switch (c.op) {
    case 'eq':
      return c.value
    case 'ne': {
      if (bool) return c.value === 'true' ? 'false' : 'true'
      if (NUMERIC.has(d.valueType)) return String(Number(c.value) + 1)
      return options(c.de).find((o) => o !== c.value) ?? `${c.value}X`
    }
    case 'in':
      return c.values[0]
    case 'lt':
      return String(d.valueType === 'NUMBER' ? c.value - 0.5 : c.value - 1)
    case 'gt':
      return String(d.valueType === 'NUMBER' ? c.value + 0.5 : c.value + 1)
    case 'le':
    case 'ge':
    case 'eqNum':
      return String(c.value)
    case 'hasValue':
      if (bool) return 'true'
      if (NUMERIC.has(d.valueType)) return '1'
      return options(c.de)[0] ?? 'x'
    case 'noValue':
      return undefined
  }
}

/** Values to try for one condition: the nearest values on both sides, and nothing. */
function probes(c: Exclude<Condition, { ageDays: unknown }>): (string | undefined)[] {
  const d = deDef(c.de)
  const bool = d.valueType === 'BOOLEAN' || d.valueType === 'TRUE_ONLY'
  const out: (string | undefined)[] = [undefined]
  if (bool) out.push('true', 'false')
  else if (NUMERIC.has(d.valueType)) {
    const v = 'value' in c && typeof c.value === 'number' ? c.value : 'value' in c ? Number(c.value) : 1
    const step = d.valueType === 'NUMBER' ? 0.5 : 1
    for (const n of [v - step, v, v + step, 0]) if (validNumber(d.valueType, n)) out.push(String(n))
  } else {
    const opts = options(c.de)
    const inList = c.op === 'in' ? c.values : c.op === 'eq' || c.op === 'ne' ? [c.value] : []
    out.push(...inList)
    const other = opts.find((o) => !inList.includes(o))
    if (other !== undefined) out.push(other)
  }
  return [...new Set(out)]
}

function shiftDays(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

function ruleVariants(code: string, rule: EventRule): Variant[] {
  const base: Values = new Map()
  let age = 30
  const ageCond = rule.where.find((c): c is Extract<Condition, { ageDays: unknown }> => 'ageDays' in c)
  if (ageCond) age = ageCond.ageDays.min ?? Math.max(0, (ageCond.ageDays.max ?? 31) - 1)
  for (const c of rule.where) if (!('ageDays' in c)) base.set(ids.dataElement(c.de), passing(c))
  const v = (label: string, patch: Partial<Variant> = {}): Variant => ({ label: `${code}: ${label}`, stage: rule.stage, values: new Map(base), age, status: 'ACTIVE', date: `${EDGE_MONTH.mid}T00:00:00.000`, ...patch })
  const out: Variant[] = [v('passes')]
  for (const status of ['COMPLETED', 'VISITED', 'SCHEDULE', 'OVERDUE', 'SKIPPED']) out.push(v(`status ${status}`, { status }))
  out.push(
    v('first instant of the month', { date: `${EDGE_MONTH.start}T00:00:00.000` }),
    v('last instant of the month', { date: `${EDGE_MONTH.end}T23:59:59.999` }),
    v('last instant before the month', { date: `${shiftDays(EDGE_MONTH.start, -1)}T23:59:59.999` }),
    v('first instant after the month', { date: `${shiftDays(EDGE_MONTH.end, 1)}T00:00:00.000` }),
    v('deleted event', { deleted: 'event' }),
    v('deleted enrollment', { deleted: 'enrollment' }),
    v('deleted tracked entity', { deleted: 'entity' }),
    v('org unit outside the subtree', { outside: true }),
  )
  const program = STAGES.find((s) => s.code === rule.stage)?.program
  for (const other of STAGES.filter((s) => s.program === program && s.code !== rule.stage)) out.push(v(`on stage ${other.code}`, { stage: other.code }))
  rule.where.forEach((c, i) => {
    if ('ageDays' in c) {
      const { min, max } = c.ageDays
      for (const a of [min === undefined ? undefined : min - 1, min, max === undefined ? undefined : max - 1, max]) if (a !== undefined) out.push(v(`condition ${i + 1}: age ${a} days`, { age: a }))
      return
    }
    for (const p of probes(c)) {
      const values = new Map(base)
      values.set(ids.dataElement(c.de), p)
      out.push(v(`condition ${i + 1} (${c.de} ${c.op}): ${p === undefined ? 'missing' : p}`, { values }))
    }
  })
  return out
}

export interface EdgeData {
  data: GeneratedData
  /** The facility holding every edge record (in scope), its ancestors, and the facility used as "outside". */
  facility: OrgUnit
  outside: OrgUnit
  variants: number
}

/**
 * `base` (a small generated data set, for the org units and a realistic background) plus one
 * tracked entity per edge variant of every catalog program indicator.
 */
export function withEdgeCases(base: GeneratedData, catalog?: IndicatorDef[]): EdgeData {
  const leaves = base.orgUnits.filter((o) => !base.orgUnits.some((c) => c.parent === o.id)).sort((a, b) => (a.id < b.id ? -1 : 1))
  const facility = leaves[0]
  const district = facility.parent
  const outside = leaves.find((o) => o.parent !== district && o.parent !== undefined)
  if (!facility || !outside) throw new Error('edge cases: need two facilities in different districts')
  const variants: Variant[] = []
  for (const d of trackerIndicators(catalog)) {
    variants.push(...ruleVariants(d.programIndicators!.numerator, d.numerator!))
    if (d.denominator && d.programIndicators!.denominator) variants.push(...ruleVariants(d.programIndicators!.denominator, d.denominator))
  }
  let n = 0
  const id = (p: string): string => `${p}${(n++).toString(36).padStart(11 - p.length, '0')}`
  const entities: GeneratedData['trackedEntities'] = variants.map((va) => {
    const stage = STAGES.find((s) => s.code === va.stage)!
    const infant = stage.program === 'DYAD_INFANT'
    const ou = va.outside ? outside.id : facility.id
    const day = va.date.slice(0, 10)
    const incident = infant ? shiftDays(day, -va.age) : shiftDays(day, -120)
    const ev: TrackerEvent = {
      event: id('Ev'),
      programStage: ids.stage(stage.code),
      orgUnit: ou,
      occurredAt: va.date,
      status: va.status,
      dataValues: [...va.values].filter((e): e is [string, string] => e[1] !== undefined).map(([dataElement, value]) => ({ dataElement, value })),
      ...(va.deleted === 'event' ? { deleted: true } : {}),
    }
    return {
      trackedEntity: id('Te'),
      trackedEntityType: ids.trackedEntityType(),
      orgUnit: ou,
      attributes: [],
      createdAt: '2025-01-01T00:00:00.000',
      updatedAt: '2025-01-01T00:00:00.000',
      ...(va.deleted === 'entity' ? { deleted: true } : {}),
      enrollments: [
        {
          enrollment: id('En'),
          program: ids.program(stage.program),
          orgUnit: ou,
          enrolledAt: `${incident}T00:00:00.000`,
          occurredAt: `${incident}T00:00:00.000`,
          status: 'ACTIVE',
          events: [ev],
          ...(va.deleted === 'enrollment' || va.deleted === 'entity' ? { deleted: true } : {}),
        },
      ],
    }
  })
  return { data: { ...base, trackedEntities: [...base.trackedEntities, ...entities] }, facility, outside, variants: variants.length }
}
