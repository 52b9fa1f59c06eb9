/**
 * `/api/analytics` for the sandbox: parses the request like DHIS2 (dimension/filter in repeated
 * or comma-joined form), resolves dx/pe/ou/group-set items, computes data elements (aggregate
 * data values), program indicators (by evaluating their own expression, filter and period
 * boundaries over the stored tracker data), indicators (numerator/denominator expressions over
 * data elements, program indicators and reporting rates) and data-set reporting rates, and
 * answers in DHIS2's grid shape. A pure function of (params, context).
 */
import { ExpressionError, parse, collectItems, type Node } from './expression/parser'
import { compileProgramExpression, dependsOnPeriod, type EvalEnv, type TypeInfo } from './expression/evaluate'
import { columnIndex, dataValueIndex, EnrollmentCursor, EventCursor, indexOf, registrationIndex, stageValues, trackerIndex, type AnalyticsContext, type ValueColumn, type EnrollmentRow, type EventRow, type Index, type ProgramColumns } from './context'
import { addPeriods, dayOfIso, isoOfDay, isRelativePeriod, parsePeriod, relativePeriodName, resolveRelative, type Period } from './periods'
import type { OrgUnit } from '../model'

export type { AnalyticsContext } from './context'
export { invalidateAnalytics } from './context'

export interface AnalyticsResponse {
  status: number
  body: unknown
}

type Meta = Record<string, unknown> & { id: string }

class Conflict extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
  ) {
    super(message)
  }
}

function conflict(message: string, errorCode: string): AnalyticsResponse {
  return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message, errorCode } }
}

const REPORTING_METRICS = ['REPORTING_RATE', 'REPORTING_RATE_ON_TIME', 'ACTUAL_REPORTS', 'ACTUAL_REPORTS_ON_TIME', 'EXPECTED_REPORTS'] as const
type ReportingMetric = (typeof REPORTING_METRICS)[number]

type DxItem =
  | { kind: 'DATA_ELEMENT'; id: string; de: Meta; coc?: string; aoc?: string }
  | { kind: 'INDICATOR'; id: string; ind: Meta }
  | { kind: 'PROGRAM_INDICATOR'; id: string; pi: Meta }
  | { kind: 'REPORTING_RATE'; id: string; ds: Meta; metric: ReportingMetric }

interface Axis {
  dim: string
  filter: boolean
  /** Item ids as they appear in rows/metaData. */
  ids: string[]
}

interface Query {
  ctx: AnalyticsContext
  ix: Index
  dx: DxItem[]
  dxFilter: boolean
  dxAxis: Axis
  periods: Period[]
  peAxis: Axis
  ous: string[]
  ouAxis: Axis
  /** Group-set axes: group ids per axis */
  gsAxes: Axis[]
  coAxis?: Axis
  /** Non-dx axes in output order (dimensions only) and their radix. */
  order: Axis[]
  radix: number[]
  /** Item index per output axis → position. */
  ouLevelItems: Meta[]
  relativeNames: Map<string, string>
  today: number
}

// ----------------------------------------------------------------------------------------
// Request parsing
// ----------------------------------------------------------------------------------------

function splitDimensions(values: string[]): string[] {
  // app-runtime comma-joins arrays: "dx:a;b,pe:c". A dimension is "<id>" or "<id>:<items>".
  const out: string[] = []
  for (const v of values) {
    for (const part of v.split(',')) if (part.trim()) out.push(part.trim())
  }
  return out
}

function parseDim(s: string): { dim: string; items: string[] } {
  const i = s.indexOf(':')
  if (i < 0) return { dim: s, items: [] }
  return { dim: s.slice(0, i), items: s.slice(i + 1).split(';').map((x) => x.trim()).filter(Boolean) }
}

function nameOf(o: Meta | OrgUnit | undefined, displayProperty: string): string {
  if (!o) return ''
  const r = o as Record<string, unknown>
  if (displayProperty === 'SHORTNAME' && typeof r.shortName === 'string') return r.shortName
  return typeof r.name === 'string' ? r.name : String(r.id)
}

function resolveDx(ix: Index, items: string[]): DxItem[] {
  const out: DxItem[] = []
  const unknown: string[] = []
  const get = (col: string, id: string) => ix.meta.get(col)?.get(id)
  for (const id of items) {
    const parts = id.split('.')
    const de = get('dataElements', parts[0])
    if (parts.length === 1) {
      if (de) out.push({ kind: 'DATA_ELEMENT', id, de })
      else if (get('indicators', id)) out.push({ kind: 'INDICATOR', id, ind: get('indicators', id)! })
      else if (get('programIndicators', id)) out.push({ kind: 'PROGRAM_INDICATOR', id, pi: get('programIndicators', id)! })
      else unknown.push(id)
      continue
    }
    const ds = get('dataSets', parts[0])
    if (ds && parts.length === 2 && (REPORTING_METRICS as readonly string[]).includes(parts[1])) {
      out.push({ kind: 'REPORTING_RATE', id, ds, metric: parts[1] as ReportingMetric })
    } else if (de && parts.length <= 3) {
      out.push({ kind: 'DATA_ELEMENT', id, de, coc: parts[1] === '*' ? undefined : parts[1], aoc: parts[2] })
    } else unknown.push(id)
  }
  if (unknown.length) throw new Conflict(`Dimension is present in query without any valid dimension options: \`dx\` (unknown: ${unknown.join(', ')})`, 'E7124')
  return out
}

function resolvePeriods(items: string[], ref: number, relativeNames: Map<string, string>): Period[] {
  const out: Period[] = []
  const seen = new Set<string>()
  for (const id of items) {
    let ps: Period[] | undefined
    if (isRelativePeriod(id)) {
      ps = resolveRelative(id, ref)
      relativeNames.set(id, relativePeriodName(id) ?? id)
    } else {
      const p = parsePeriod(id)
      ps = p ? [p] : undefined
    }
    if (!ps) throw new Conflict(`Dimension is present in query without any valid dimension options: \`pe\` (unknown period: ${id})`, 'E7124')
    for (const p of ps) if (!seen.has(p.id)) {
      seen.add(p.id)
      out.push(p)
    }
  }
  return out
}

function resolveOrgUnits(ctx: AnalyticsContext, ix: Index, items: string[], levelItems: Meta[]): string[] {
  const boundaries: string[] = []
  const levels: number[] = []
  const groups: string[] = []
  const direct: string[] = []
  for (const it of items) {
    if (it === 'USER_ORGUNIT') direct.push(...ctx.userOrgUnits)
    else if (it === 'USER_ORGUNIT_CHILDREN') for (const u of ctx.userOrgUnits) direct.push(...(ix.children.get(u) ?? []).map((o) => o.id))
    else if (it === 'USER_ORGUNIT_GRANDCHILDREN') for (const u of ctx.userOrgUnits) for (const c of ix.children.get(u) ?? []) direct.push(...(ix.children.get(c.id) ?? []).map((o) => o.id))
    else if (it.startsWith('LEVEL-')) {
      const v = it.slice(6)
      const n = /^\d+$/.test(v) ? Number(v) : ix.levelByUid.get(v) ?? ctx.metadata.organisationUnitLevels?.find((l) => l.id === v)?.level
      if (typeof n !== 'number') throw new Conflict(`Dimension is present in query without any valid dimension options: \`ou\` (unknown level: ${v})`, 'E7124')
      levels.push(n)
      if (!/^\d+$/.test(v)) {
        const lv = (ctx.metadata.organisationUnitLevels ?? []).find((l) => l.id === v)
        if (lv) levelItems.push(lv)
      }
    } else if (it.startsWith('OU_GROUP-')) {
      const g = it.slice(9)
      if (!ix.groupById.has(g)) throw new Conflict(`Dimension is present in query without any valid dimension options: \`ou\` (unknown group: ${g})`, 'E7124')
      groups.push(g)
    } else if (ix.ouById.has(it)) boundaries.push(it)
    else throw new Conflict(`Dimension is present in query without any valid dimension options: \`ou\` (unknown: ${it})`, 'E7124')
  }
  const out: string[] = [...direct]
  const inBoundary = (o: OrgUnit) => boundaries.length === 0 || boundaries.some((b) => o.path.includes(`/${b}`))
  if (levels.length || groups.length) {
    for (const n of levels) for (const o of ix.byLevel.get(n) ?? []) if (inBoundary(o)) out.push(o.id)
    for (const g of groups) for (const id of ix.groupById.get(g)!.organisationUnits) {
      const o = ix.ouById.get(id)
      if (o && inBoundary(o)) out.push(id)
    }
  } else out.push(...boundaries)
  return [...new Set(out)]
}

// ----------------------------------------------------------------------------------------
// Bucketing
// ----------------------------------------------------------------------------------------

class Buckets {
  private dayCache = new Map<number, number[]>()
  private ouCache = new Map<string, number[][]>()
  constructor(private q: Query) {}

  /** Period-axis indices containing a day (dimension) or [0] when a filter period contains it. */
  periodsOfDay(day: number): number[] {
    let hit = this.dayCache.get(day)
    if (hit) return hit
    hit = []
    const ps = this.q.periods
    for (let i = 0; i < ps.length; i++) if (day >= ps[i].start && day <= ps[i].end) {
      hit.push(this.q.peAxis.filter ? 0 : i)
      if (this.q.peAxis.filter) break
    }
    this.dayCache.set(day, hit)
    return hit
  }

  /** For an org unit: index lists for [ou axis, ...group-set axes] (empty list = excluded). */
  ouAndGroups(ouId: string): number[][] {
    let hit = this.ouCache.get(ouId)
    if (hit) return hit
    const o = this.q.ix.ouById.get(ouId)
    const path = o?.path ?? ''
    const ouIdx: number[] = []
    this.q.ous.forEach((u, i) => {
      if (path.includes(`/${u}`) && (!this.q.ouAxis.filter || ouIdx.length === 0)) ouIdx.push(this.q.ouAxis.filter ? 0 : i)
    })
    hit = [ouIdx]
    for (const gs of this.q.gsAxes) {
      const gi: number[] = []
      gs.ids.forEach((g, i) => {
        if (this.q.ix.groupById.get(g)?.organisationUnits.includes(ouId) && (!gs.filter || gi.length === 0)) gi.push(gs.filter ? 0 : i)
      })
      hit.push(gi)
    }
    this.ouCache.set(ouId, hit)
    return hit
  }

  /** Combine indices into bucket keys: (pe, ou, g1, g2…) in the query's key layout. */
  keys(pe: number[], og: number[][], out: number[]): number[] {
    out.length = 0
    if (pe.length === 0) return out
    for (const l of og) if (l.length === 0) return out
    // key = ((pe * nOu + ou) * nG1 + g1) ...
    const r = this.q.radix
    const rec = (k: number, level: number) => {
      if (level === og.length) {
        out.push(k)
        return
      }
      for (const i of og[level]) rec(k * r[level + 1] + i, level + 1)
    }
    for (const p of pe) rec(p, 0)
    return out
  }
}

interface Acc {
  sum: number
  count: number
  min: number
  max: number
  distinct?: Set<string>
}
type Values = Map<number, number>

function accumulate(m: Map<number, Acc>, key: number, v: number, distinctKey?: string) {
  let a = m.get(key)
  if (!a) m.set(key, (a = { sum: 0, count: 0, min: Infinity, max: -Infinity }))
  if (distinctKey !== undefined) {
    if (!a.distinct) a.distinct = new Set()
    a.distinct.add(distinctKey)
    return
  }
  a.sum += v
  a.count++
  if (v < a.min) a.min = v
  if (v > a.max) a.max = v
}

function finish(m: Map<number, Acc>, aggregationType: string | undefined): Values {
  const out: Values = new Map()
  for (const [k, a] of m) {
    if (a.distinct) {
      out.set(k, a.distinct.size)
      continue
    }
    switch (aggregationType) {
      case 'AVERAGE':
      case 'AVERAGE_SUM_ORG_UNIT':
      case 'AVERAGE_SUM_INT':
        out.set(k, a.count ? a.sum / a.count : 0)
        break
      case 'COUNT':
        out.set(k, a.count)
        break
      case 'MIN':
        out.set(k, a.min)
        break
      case 'MAX':
        out.set(k, a.max)
        break
      default:
        out.set(k, a.sum)
    }
  }
  return out
}

// ----------------------------------------------------------------------------------------
// Program indicators
// ----------------------------------------------------------------------------------------

function typeInfo(ix: Index): TypeInfo {
  return {
    dataElementValueType: (id) => ix.meta.get('dataElements')?.get(id)?.valueType as string | undefined,
    attributeValueType: (id) => ix.meta.get('trackedEntityAttributes')?.get(id)?.valueType as string | undefined,
    stageExists: (id) => ix.meta.get('programStages')?.has(id) ?? false,
    constant: (id) => ix.meta.get('constants')?.get(id)?.value as number | undefined,
  }
}

interface Boundary {
  target: string
  type: string
  offsetPeriods: number
  offsetPeriodType?: string
}

function refId(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id
  return undefined
}

type RowFn = ReturnType<typeof compileProgramExpression>
type PiRow = { enrollment: EnrollmentRow; event?: EventRow }

/** A program indicator compiled once per index: trees, closures and how it can be computed. */
interface CompiledPi {
  id: string
  label: string
  programId: string
  analyticsType: 'EVENT' | 'ENROLLMENT'
  exprTree: Node
  filterTree: Node | null
  expr: RowFn
  filter: RowFn | null
  raw: string
  distinct: 'tei' | 'enr' | null
  boundaries: Boundary[]
  defaultLike: boolean
  periodDependent: boolean
  aggType: string
  /** EVENT, default period boundaries, value independent of the period, not distinct: the
   * passing events can be kept as typed columns (see fillEventColumns). */
  columnar: boolean
  /** The filter's `V{program_stage_id} == '…'` conjunct: only that stage's events can pass. */
  stage?: string
  /** Uses V{current_date} (so cached columns are keyed by "today"). */
  usesToday: boolean
}

const compiledCache = new WeakMap<Index, Map<string, CompiledPi>>()

function usesCurrentDate(tree: Node | null): boolean {
  if (!tree) return false
  switch (tree.type) {
    case 'item': return tree.kind === 'V' && tree.raw === 'current_date'
    case 'unary': return usesCurrentDate(tree.arg)
    case 'binary': return usesCurrentDate(tree.left) || usesCurrentDate(tree.right)
    case 'call': return tree.args.some(usesCurrentDate) || tree.args.some((a) => a.type === 'str' && a.value.includes('current_date'))
    default: return false
  }
}

function compilePi(ix: Index, pi: Meta): CompiledPi {
  let perIndex = compiledCache.get(ix)
  if (!perIndex) compiledCache.set(ix, (perIndex = new Map()))
  const hit = perIndex.get(pi.id)
  if (hit) return hit
  const label = `Program indicator ${String(pi.name ?? pi.id)} (${pi.id})`
  const programId = refId(pi.program)
  if (!programId) throw new Conflict(`${label} has no program`, 'E7133')
  const analyticsType = pi.analyticsType === 'ENROLLMENT' ? 'ENROLLMENT' : 'EVENT'
  const types = typeInfo(ix)
  let exprTree: Node
  let filterTree: Node | null = null
  let expr: RowFn
  let filter: RowFn | null = null
  try {
    exprTree = parse(String(pi.expression ?? ''))
    expr = compileProgramExpression(exprTree, types, { mode: 'expression', label })
    if (typeof pi.filter === 'string' && pi.filter.trim()) {
      filterTree = parse(pi.filter)
      filter = compileProgramExpression(filterTree, types, { mode: 'filter', label })
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    throw new Conflict(msg.startsWith(label) ? msg : `${label}: ${msg}`, 'E7133')
  }
  const aggType = typeof pi.aggregationType === 'string' ? pi.aggregationType : 'SUM'
  const raw = String(pi.expression).replace(/\s/g, '')
  const distinct = raw === 'V{tei_count}' ? 'tei' : raw === 'V{enrollment_count}' && analyticsType === 'EVENT' ? 'enr' : null
  const boundaries: Boundary[] = ((pi.analyticsPeriodBoundaries as Array<Record<string, unknown>>) ?? []).map((b) => ({
    target: String(b.boundaryTarget),
    type: String(b.analyticsPeriodBoundaryType),
    offsetPeriods: Number(b.offsetPeriods ?? 0),
    offsetPeriodType: refId(b.offsetPeriodType) ?? (typeof b.offsetPeriodType === 'string' ? b.offsetPeriodType : undefined),
  }))
  const primary = analyticsType === 'EVENT' ? 'EVENT_DATE' : 'ENROLLMENT_DATE'
  const defaultLike =
    boundaries.length === 0 ||
    (boundaries.every((b) => b.target === primary && !b.offsetPeriods) &&
      boundaries.some((b) => b.type === 'AFTER_START_OF_REPORTING_PERIOD') &&
      boundaries.some((b) => b.type === 'BEFORE_END_OF_REPORTING_PERIOD') &&
      boundaries.every((b) => b.type === 'AFTER_START_OF_REPORTING_PERIOD' || b.type === 'BEFORE_END_OF_REPORTING_PERIOD'))
  const periodDependent = dependsOnPeriod(exprTree, analyticsType) || (filterTree !== null && dependsOnPeriod(filterTree, analyticsType))
  const c: CompiledPi = {
    id: pi.id,
    label,
    programId,
    analyticsType,
    exprTree,
    filterTree,
    expr,
    filter,
    raw,
    distinct,
    boundaries,
    defaultLike,
    periodDependent,
    aggType,
    columnar: analyticsType === 'EVENT' && defaultLike && !periodDependent && !distinct,
    stage: stageOfFilter(filterTree),
    usesToday: usesCurrentDate(exprTree) || usesCurrentDate(filterTree),
  }
  perIndex.set(pi.id, c)
  return c
}

/** The row function: null when the filter rejects the row or the value is not a finite number. */
function rowEvaluator(c: CompiledPi, env: EvalEnv): (row: PiRow) => number | null {
  const { filter, expr } = c
  return (row) => {
    if (filter && !filter(row, env)) return null
    const v = expr(row, env)
    const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === null || v === '' ? null : Number(v)
    if (n === null || !Number.isFinite(n)) return null
    return n
  }
}

function periodFreeEnv(analyticsType: 'EVENT' | 'ENROLLMENT', todayIso: string): EvalEnv {
  return { analyticsType, periodStart: 0, periodEnd: 0, periodStartIso: '', periodEndIso: '', todayIso }
}

function columnKey(c: CompiledPi, todayIso: string): string {
  return c.usesToday ? `${c.id}@${todayIso}` : c.id
}

/**
 * Evaluate the columnar program indicators among `pis` that are not cached yet, in one pass
 * over each program stage's events (all the stage's indicators per event, so the rows are read
 * once), and cache their passing events as typed columns (day, org unit, value). Indicators that
 * do not compile, or whose evaluation throws, are skipped: the per-indicator path reports them.
 */
function fillEventColumns(ctx: AnalyticsContext, ix: Index, pis: Meta[], todayIso: string): void {
  type Job = { key: string; c: CompiledPi; evaluate: (row: PiRow) => number | null }
  const groups = new Map<string, Map<string, Job[]>>()
  const seen = new Set<string>()
  for (const pi of pis) {
    let c: CompiledPi
    try {
      c = compilePi(ix, pi)
    } catch {
      continue
    }
    if (!c.columnar) continue
    const key = columnKey(c, todayIso)
    if (seen.has(key) || ix.piRows.has(key)) continue
    seen.add(key)
    let byStage = groups.get(c.programId)
    if (!byStage) groups.set(c.programId, (byStage = new Map()))
    const sk = c.stage ?? '*'
    const list = byStage.get(sk) ?? []
    list.push({ key, c, evaluate: rowEvaluator(c, periodFreeEnv('EVENT', todayIso)) })
    byStage.set(sk, list)
  }
  if (groups.size === 0) return
  const columns = columnIndex(ctx)
  for (const [programId, byStage] of groups) {
    const cols = columns.get(programId)
    for (const [stageKey, jobs] of byStage) {
      const N = cols ? cols.events.length : 0
      const k = jobs.length
      // per event of the program: passes? and value (indexed like cols.events)
      const pass = jobs.map(() => new Uint8Array(N))
      const vals = jobs.map((j) => (j.c.raw === 'V{event_count}' ? null : new Float64Array(N)))
      const counts = new Int32Array(k)
      let failed = false
      // one pass per stage (an indicator without a stage conjunct visits every stage in turn)
      const stages = !cols ? [] : stageKey === '*' ? cols.stageIds : cols.byStage.has(stageKey) ? [stageKey] : []
      for (const stage of stages) {
        const positions = cols!.byStage.get(stage)!
        const n = positions.length
        // the data elements of this stage the indicators read, as value columns
        const des = new Set<string>()
        for (const j of jobs) for (const t of [j.c.exprTree, j.c.filterTree]) if (t) for (const it of collectItems(t)) if (it.kind === '#' && it.parts.length === 2 && it.parts[0] === stage) des.add(it.parts[1])
        const stageCols = stageValues(cols!, stage, des)
        const evals = jobs.map((j) => j.evaluate)
        const memos = jobs.map((j) => codeMemo(j.c, stage, stageCols))
        const event = new EventCursor(cols!)
        const enrollment = new EnrollmentCursor(ctx, cols!)
        const row = { enrollment: enrollment as unknown as EnrollmentRow, event: event as unknown as EventRow }
        const enr = cols!.enr
        try {
          for (let j = 0; j < n; j++) {
            const i = positions[j]
            event.at(i, stageCols)
            enrollment.at(enr[i])
            for (let p = 0; p < k; p++) {
              let v: number | null
              const memo = memos[p]
              if (memo) {
                // the result is a function of the event's value codes: each combination is evaluated once
                let key = 0
                for (let r = 0; r < memo.codes.length; r++) key = key * memo.radix[r] + memo.codes[r][j]
                const st = memo.state[key]
                if (st === 0) {
                  v = evals[p](row)
                  memo.state[key] = v === null ? 1 : 2
                  if (v !== null) memo.value[key] = v
                } else v = st === 1 ? null : memo.value[key]
              } else v = evals[p](row)
              if (v === null) continue
              pass[p][i] = 1
              const vp = vals[p]
              if (vp) vp[i] = v
              counts[p]++
            }
          }
        } catch {
          failed = true
          break
        }
      }
      if (failed) continue // left to the per-indicator path, which reports the error
      // events to look at when sorting: the one stage's positions (ascending), or all events
      const scan = stages.length === 1 ? cols!.byStage.get(stages[0])! : null
      for (let p = 0; p < k; p++) ix.piRows.set(jobs[p].key, cols ? sortedByDay(cols, scan, pass[p], vals[p], counts[p]) : { days: new Int32Array(0), ous: new Int32Array(0), values: vals[p] ? new Float64Array(0) : null })
    }
  }
}

/** Functions whose value depends only on their arguments (in EVENT analytics). */
const PURE_FUNCTIONS = new Set([
  'd2:hasValue', 'isNull', 'isNotNull', 'if', 'd2:daysBetween', 'd2:weeksBetween', 'd2:monthsBetween', 'd2:yearsBetween', 'd2:minutesBetween',
  'd2:oizp', 'd2:zing', 'd2:zpvc', 'd2:count', 'd2:countIfValue', 'd2:countIfCondition', 'd2:minValue', 'd2:maxValue',
  'greatest', 'least', 'abs', 'ceil', 'floor', 'log10', 'round',
])
/** Variables that are constant for every event of one stage pass (one "today"). */
const PASS_CONSTANT_VARIABLES = new Set(['program_stage_id', 'event_count', 'enrollment_count', 'tei_count', 'org_unit_count', 'current_date'])

/** Does the tree read nothing but data values (`#{}`), constants and pass-constant variables? */
function readsOnlyValues(tree: Node): boolean {
  switch (tree.type) {
    case 'num':
    case 'str':
    case 'bool':
      return true
    case 'item':
      return tree.kind === '#' || tree.kind === 'C' || (tree.kind === 'V' && PASS_CONSTANT_VARIABLES.has(tree.raw))
    case 'unary':
      return readsOnlyValues(tree.arg)
    case 'binary':
      return readsOnlyValues(tree.left) && readsOnlyValues(tree.right)
    case 'call':
      // (d2:condition is left out: its condition is a string whose items the key would not see)
      return PURE_FUNCTIONS.has(tree.name) && tree.args.every(readsOnlyValues)
    default:
      return false
  }
}

interface CodeMemo {
  codes: Int32Array[]
  radix: number[]
  state: Uint8Array
  value: Float64Array
}

/**
 * For an indicator whose expression and filter read only data values of the pass's stage (plus
 * constants), its result is a function of the events' dictionary codes: a table over the code
 * combinations (when it has at most 2¹⁶ cells) lets each combination be evaluated once.
 */
function codeMemo(c: CompiledPi, stage: string, stageCols: Map<string, ValueColumn>): CodeMemo | null {
  for (const t of [c.exprTree, c.filterTree]) if (t && !readsOnlyValues(t)) return null
  const des: string[] = []
  for (const t of [c.exprTree, c.filterTree]) if (t) for (const it of collectItems(t)) if (it.kind === '#' && it.parts[0] === stage && !des.includes(it.parts[1])) des.push(it.parts[1])
  const colsOf = des.map((d) => stageCols.get(d))
  if (colsOf.some((x) => !x)) return null
  let size = 1
  for (const col of colsOf) size *= col!.dict.length
  if (size > 1 << 16) return null
  return { codes: colsOf.map((x) => x!.codes), radix: colsOf.map((x) => x!.dict.length), state: new Uint8Array(size), value: new Float64Array(size) }
}

/**
 * The passing events (flag set at their index in cols.events) as day-sorted typed columns
 * (stable counting sort, in event-index order). `scan`: the ascending indices that can be set
 * (one stage's events), or null for all.
 */
function sortedByDay(cols: ProgramColumns, scan: Int32Array | null, pass: Uint8Array, vals: Float64Array | null, count: number): { days: Int32Array; ous: Int32Array; values: Float64Array | null } {
  const days = new Int32Array(count)
  const ous = new Int32Array(count)
  const values = vals ? new Float64Array(count) : null
  if (count === 0) return { days, ous, values }
  const day = cols.day
  const n = scan ? scan.length : pass.length
  let min = Infinity
  let max = -Infinity
  for (let j = 0; j < n; j++) {
    const i = scan ? scan[j] : j
    if (!pass[i]) continue
    const d = day[i]
    if (d < min) min = d
    if (d > max) max = d
  }
  const start = new Int32Array(max - min + 2)
  for (let j = 0; j < n; j++) {
    const i = scan ? scan[j] : j
    if (pass[i]) start[day[i] - min + 1]++
  }
  for (let d = 1; d < start.length; d++) start[d] += start[d - 1]
  for (let j = 0; j < n; j++) {
    const i = scan ? scan[j] : j
    if (!pass[i]) continue
    const at = start[day[i] - min]++
    days[at] = day[i]
    ous[at] = cols.ou[i]
    if (values) values[at] = vals![i]
  }
  return { days, ous, values }
}

/** Program indicators a request needs: its dx items and those its indicators refer to. */
function programIndicatorsOf(ix: Index, dx: DxItem[]): Meta[] {
  const out: Meta[] = []
  const seenInd = new Set<string>()
  const visitIndicator = (ind: Meta) => {
    if (seenInd.has(ind.id)) return
    seenInd.add(ind.id)
    for (const text of [ind.numerator, ind.denominator]) {
      let tree: Node
      try {
        tree = parse(String(text ?? ''))
      } catch {
        continue
      }
      for (const it of collectItems(tree)) {
        if (it.kind === 'I') {
          const pi = ix.meta.get('programIndicators')?.get(it.raw)
          if (pi) out.push(pi)
        } else if (it.kind === 'N') {
          const other = ix.meta.get('indicators')?.get(it.raw)
          if (other) visitIndicator(other)
        }
      }
    }
  }
  for (const item of dx) {
    if (item.kind === 'PROGRAM_INDICATOR') out.push(item.pi)
    else if (item.kind === 'INDICATOR') visitIndicator(item.ind)
  }
  return out
}

function computeProgramIndicator(q: Query, buckets: Buckets, pi: Meta): Values {
  const c = compilePi(q.ix, pi)
  const { label, programId, analyticsType, raw, distinct, boundaries, defaultLike, periodDependent, aggType } = c
  const expr = c.expr
  const filter = c.filter
  const acc = new Map<number, Acc>()
  const keys: number[] = []
  const ps = q.periods
  const env: EvalEnv = { analyticsType, periodStart: 0, periodEnd: 0, periodStartIso: '', periodEndIso: '', todayIso: isoOfDay(q.today) }
  const setEnv = (p: Period) => {
    env.periodStart = p.start
    env.periodEnd = p.end
    env.periodStartIso = isoOfDay(p.start)
    env.periodEndIso = isoOfDay(p.end)
  }
  const minStart = Math.min(...ps.map((p) => p.start))
  const maxEnd = Math.max(...ps.map((p) => p.end))

  const evaluate = (row: { enrollment: EnrollmentRow; event?: EventRow }): number | null => {
    if (filter && !filter(row, env)) return null
    const v = expr(row, env)
    const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === null || v === '' ? null : Number(v)
    if (n === null || !Number.isFinite(n)) return null
    return n
  }
  const add = (keyList: number[], v: number, row: { enrollment: EnrollmentRow }) => {
    const dk = distinct === 'tei' ? row.enrollment.trackedEntity : distinct === 'enr' ? row.enrollment.enrolledAt + row.enrollment.trackedEntity : undefined
    for (const k of keyList) accumulate(acc, k, v, dk)
  }

  const boundaryDay = (b: Boundary, row: { enrollment: EnrollmentRow; event?: EventRow }, p: Period): boolean => {
    let target: number
    const t = b.target
    if (t === 'EVENT_DATE' || t === 'SCHEDULED_DATE') {
      if (!row.event) return false
      target = row.event.occurredDay
    } else if (t === 'ENROLLMENT_DATE') target = row.enrollment.enrolledDay
    else if (t === 'INCIDENT_DATE') target = row.enrollment.incidentDay
    else if (t.startsWith('PS_EVENTDATE:')) {
      const stage = t.slice(13).trim()
      const evs = row.enrollment.events
      let found = NaN
      for (let i = evs.length - 1; i >= 0; i--) if (evs[i].programStage === stage) {
        found = evs[i].occurredDay
        break
      }
      if (Number.isNaN(found)) return false
      target = found
    } else {
      const m = /^#\{([A-Za-z0-9]{11})\.([A-Za-z0-9]{11})\}$/.exec(t)
      const a = /^A\{([A-Za-z0-9]{11})\}$/.exec(t)
      let v: string | undefined
      if (m) {
        const evs = row.event ? [row.event] : row.enrollment.events
        for (let i = evs.length - 1; i >= 0 && v === undefined; i--) if (evs[i].programStage === m[1]) v = evs[i].value(m[2])
      } else if (a) v = row.enrollment.attribute(a[1])
      else throw new Conflict(`${label}: unsupported boundary target ${t}`, 'E7133')
      if (!v || !/^\d{4}-\d{2}-\d{2}/.test(v)) return false
      target = dayOfIso(v)
    }
    switch (b.type) {
      case 'BEFORE_START_OF_REPORTING_PERIOD': return target < addPeriods(p.start, b.offsetPeriods, b.offsetPeriodType)
      case 'BEFORE_END_OF_REPORTING_PERIOD': return target <= addPeriods(p.end + 1, b.offsetPeriods, b.offsetPeriodType) - 1
      case 'AFTER_START_OF_REPORTING_PERIOD': return target >= addPeriods(p.start, b.offsetPeriods, b.offsetPeriodType)
      case 'AFTER_END_OF_REPORTING_PERIOD': return target > addPeriods(p.end + 1, b.offsetPeriods, b.offsetPeriodType) - 1
      default: throw new Conflict(`${label}: unsupported boundary type ${b.type}`, 'E7133')
    }
  }

  try {
    if (c.columnar) {
      const key = columnKey(c, isoOfDay(q.today))
      if (!q.ix.piRows.has(key)) fillEventColumns(q.ctx, q.ix, [pi], isoOfDay(q.today))
      const cols = q.ix.piRows.get(key)
      // (no columns: the evaluation threw; the generic path below reports the error)
      if (cols) return finish(bucketColumns(q, buckets, cols), aggType === 'NONE' ? 'SUM' : aggType)
    }
    const rows = trackerIndex(q.ctx).get(programId) ?? { events: [] as EventRow[], enrollments: [] as EnrollmentRow[] }
    if (analyticsType === 'EVENT') {
      const evs = rows.events
      if (defaultLike) {
        // Cached per-row results (the expression does not depend on the period).
        let cache = periodDependent ? undefined : q.ix.piCache.get(pi.id)
        if (!periodDependent && !cache) {
          cache = { pass: new Uint8Array(evs.length), values: raw === 'V{event_count}' ? null : new Float64Array(evs.length) }
          q.ix.piCache.set(pi.id, cache)
        }
        let lo = 0
        let hi = evs.length
        while (lo < hi) {
          const mid = (lo + hi) >> 1
          if (evs[mid].occurredDay < minStart) lo = mid + 1
          else hi = mid
        }
        for (let i = lo; i < evs.length; i++) {
          const ev = evs[i]
          if (ev.occurredDay > maxEnd) break
          const pe = buckets.periodsOfDay(ev.occurredDay)
          if (pe.length === 0) continue
          const og = buckets.ouAndGroups(ev.orgUnit)
          if (buckets.keys(pe, og, keys).length === 0) continue
          const row = { enrollment: ev.enrollment, event: ev }
          let v: number | null
          if (cache) {
            const s = cache.pass[i]
            if (s === 0) {
              v = evaluate(row)
              cache.pass[i] = v === null ? 2 : 1
              if (cache.values && v !== null) cache.values[i] = v
            } else v = s === 2 ? null : cache.values ? cache.values[i] : 1
          } else {
            setEnv(ps[pe[0]] ?? ps[0])
            v = evaluate(row)
          }
          if (v !== null) add(keys, v, row)
        }
      } else {
        for (const ev of evs) {
          const og = buckets.ouAndGroups(ev.orgUnit)
          const row = { enrollment: ev.enrollment, event: ev }
          for (let pi_ = 0; pi_ < ps.length; pi_++) {
            const p = ps[pi_]
            if (!boundaries.every((b) => boundaryDay(b, row, p))) continue
            setEnv(p)
            const v = evaluate(row)
            if (v === null) continue
            if (buckets.keys([q.peAxis.filter ? 0 : pi_], og, keys).length) add(keys, v, row)
            if (q.peAxis.filter) break
          }
        }
      }
    } else {
      for (const en of rows.enrollments) {
        const og = buckets.ouAndGroups(en.orgUnit)
        if (og.some((l) => l.length === 0)) continue
        const row = { enrollment: en }
        for (let pi_ = 0; pi_ < ps.length; pi_++) {
          const p = ps[pi_]
          if (defaultLike ? !(en.enrolledDay >= p.start && en.enrolledDay <= p.end) : !boundaries.every((b) => boundaryDay(b, row, p))) continue
          setEnv(p)
          const v = evaluate(row)
          if (v === null) continue
          if (buckets.keys([q.peAxis.filter ? 0 : pi_], og, keys).length) add(keys, v, row)
          if (q.peAxis.filter) break
        }
      }
    }
  } catch (e) {
    if (e instanceof Conflict) throw e
    throw new Conflict(`${label}: ${e instanceof Error ? e.message : String(e)}`, 'E7133')
  }
  return finish(acc, aggType === 'NONE' ? 'SUM' : aggType)
}

/** `V{program_stage_id} == 'uid'` as a top-level conjunct of the filter: a safe stage pre-filter. */
function stageOfFilter(tree: Node | null): string | undefined {
  if (!tree) return undefined
  if (tree.type === 'binary' && tree.op === '&&') return stageOfFilter(tree.left) ?? stageOfFilter(tree.right)
  if (tree.type === 'binary' && tree.op === '==') {
    const [a, b] = [tree.left, tree.right]
    if (a.type === 'item' && a.kind === 'V' && a.raw === 'program_stage_id' && b.type === 'str') return b.value
    if (b.type === 'item' && b.kind === 'V' && b.raw === 'program_stage_id' && a.type === 'str') return a.value
  }
  return undefined
}

/**
 * Bucket the cached passing events of a columnar EVENT program indicator (see fillEventColumns):
 * a day → period table and an org unit → key table, typed accumulators; when the query's
 * periods overlap or an org unit falls in several buckets, the general key lists are used.
 */
function bucketColumns(q: Query, buckets: Buckets, cols: { days: Int32Array; ous: Int32Array; values: Float64Array | null }): Map<number, Acc> {
  const ps = q.periods
  const out = new Map<number, Acc>()
  if (ps.length === 0) return out
  const minStart = Math.min(...ps.map((p) => p.start))
  const maxEnd = Math.max(...ps.map((p) => p.end))
  let simple = true
  const dayToPe = new Int32Array(maxEnd - minStart + 1).fill(-1)
  for (let i = 0; i < ps.length && simple; i++) {
    for (let d = ps[i].start; d <= ps[i].end; d++) {
      const k = d - minStart
      if (dayToPe[k] !== -1) {
        if (q.peAxis.filter) continue
        simple = false // overlapping period items
        break
      }
      dayToPe[k] = q.peAxis.filter ? 0 : i
    }
  }
  const orgUnits = q.ctx.orgUnits
  // org unit → the rest of the key (ou, groups…), -1 excluded, -3 several buckets
  const restRadix = q.radix.slice(1).reduce((a, b) => a * b, 1)
  const ouKey = new Int32Array(orgUnits.length).fill(-2)
  const keyOfOu = (i: number): number => {
    const og = buckets.ouAndGroups(orgUnits[i].id)
    let k = 0
    for (let l = 0; l < og.length; l++) {
      if (og[l].length === 0) return -1
      if (og[l].length > 1) return -3
      k = k * q.radix[l + 1] + og[l][0]
    }
    return k
  }
  const { days, ous, values } = cols
  let lo = 0
  let hi = days.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (days[mid] < minStart) lo = mid + 1
    else hi = mid
  }
  const size = ps.length * restRadix
  const sum = new Float64Array(size)
  const count = new Float64Array(size)
  const min = new Float64Array(size).fill(Infinity)
  const max = new Float64Array(size).fill(-Infinity)
  const keys: number[] = []
  for (let j = lo; j < days.length; j++) {
    const d = days[j]
    if (d > maxEnd) break
    const o = ous[j]
    if (o < 0) continue
    const v = values ? values[j] : 1
    let rest = ouKey[o]
    if (rest === -2) rest = ouKey[o] = keyOfOu(o)
    if (rest === -1) continue
    if (simple && rest !== -3) {
      const p = dayToPe[d - minStart]
      if (p < 0) continue
      const k = p * restRadix + rest
      sum[k] += v
      count[k]++
      if (v < min[k]) min[k] = v
      if (v > max[k]) max[k] = v
      continue
    }
    // general case: every (period, org unit, group…) bucket the event falls in
    const pe = buckets.periodsOfDay(d)
    if (pe.length === 0) continue
    for (const k of buckets.keys(pe, buckets.ouAndGroups(orgUnits[o].id), keys)) {
      sum[k] += v
      count[k]++
      if (v < min[k]) min[k] = v
      if (v > max[k]) max[k] = v
    }
  }
  for (let k = 0; k < size; k++) if (count[k] > 0) out.set(k, { sum: sum[k], count: count[k], min: min[k], max: max[k] })
  return out
}

// ----------------------------------------------------------------------------------------
// Data elements, reporting rates, indicators
// ----------------------------------------------------------------------------------------

const periodCache = new Map<string, Period | undefined>()
function cachedPeriod(id: string): Period | undefined {
  if (!periodCache.has(id)) periodCache.set(id, parsePeriod(id))
  return periodCache.get(id)
}

function periodsContaining(q: Query, p: Period): number[] {
  const out: number[] = []
  q.periods.forEach((qp, i) => {
    if (p.start >= qp.start && p.end <= qp.end && (!q.peAxis.filter || out.length === 0)) out.push(q.peAxis.filter ? 0 : i)
  })
  return out
}

function computeDataElement(q: Query, buckets: Buckets, de: Meta, coc?: string, aoc?: string, byCoc?: Map<string, number>): Values {
  const acc = new Map<number, Acc>()
  const keys: number[] = []
  const list = dataValueIndex(q.ctx).get(de.id) ?? []
  const peCache = new Map<string, number[]>()
  for (const dv of list) {
    if (coc && dv.categoryOptionCombo !== coc) continue
    if (aoc && dv.attributeOptionCombo !== aoc) continue
    let pe = peCache.get(dv.period)
    if (!pe) {
      const p = cachedPeriod(dv.period)
      pe = p ? periodsContaining(q, p) : []
      peCache.set(dv.period, pe)
    }
    if (pe.length === 0) continue
    const v = dv.value === 'true' ? 1 : dv.value === 'false' ? 0 : Number(dv.value)
    if (!Number.isFinite(v)) continue
    let og = buckets.ouAndGroups(dv.orgUnit)
    if (byCoc) {
      const ci = byCoc.get(dv.categoryOptionCombo)
      if (ci === undefined) continue
      og = [...og, [ci]]
    }
    for (const k of buckets.keys(pe, og, keys)) accumulate(acc, k, v)
  }
  return finish(acc, typeof de.aggregationType === 'string' ? de.aggregationType : 'SUM')
}

function computeReporting(q: Query, buckets: Buckets, ds: Meta, metric: ReportingMetric): Values {
  const periodType = String(ds.periodType ?? 'Monthly')
  const timelyDays = typeof ds.timelyDays === 'number' ? ds.timelyDays : 15
  // Assigned facilities: the data set's org units, or (sandbox default) every leaf facility.
  const assigned = ((ds.organisationUnits as unknown[]) ?? []).map(refId).filter((x): x is string => !!x)
  const maxLevel = Math.max(...q.ctx.orgUnits.map((o) => o.level))
  const units = assigned.length ? assigned : q.ctx.orgUnits.filter((o) => o.level === maxLevel).map((o) => o.id)
  const keys: number[] = []
  const expected = new Map<number, Acc>()
  const actual = new Map<number, Acc>()
  const onTime = new Map<number, Acc>()
  // expected: units × data-set periods inside each query period
  const dsPeriodsIn = (p: Period): number => {
    if (periodType !== 'Monthly') return 1
    let n = 0
    for (let d = p.start; d <= p.end; ) {
      const iso = isoOfDay(d)
      const mp = parsePeriod(iso.slice(0, 7).replace('-', ''))!
      if (mp.start >= p.start && mp.end <= p.end) n++
      d = mp.end + 1
    }
    return n
  }
  const perPeriod = q.periods.map(dsPeriodsIn)
  for (const u of units) {
    const og = buckets.ouAndGroups(u)
    q.periods.forEach((_, i) => {
      if (perPeriod[i] === 0) return
      for (const k of buckets.keys([q.peAxis.filter ? 0 : i], og, keys)) accumulate(expected, k, perPeriod[i])
    })
  }
  const unitSet = new Set(units)
  for (const r of registrationIndex(q.ctx).get(ds.id) ?? []) {
    if (!unitSet.has(r.organisationUnit)) continue
    const p = cachedPeriod(r.period)
    if (!p) continue
    const pe = periodsContaining(q, p)
    if (!pe.length) continue
    const og = buckets.ouAndGroups(r.organisationUnit)
    const timely = dayOfIso(r.date) <= p.end + timelyDays
    for (const k of buckets.keys(pe, og, keys)) {
      accumulate(actual, k, 1)
      if (timely) accumulate(onTime, k, 1)
    }
  }
  const e = finish(expected, 'SUM')
  const a = finish(actual, 'SUM')
  const t = finish(onTime, 'SUM')
  const out: Values = new Map()
  for (const [k, exp] of e) {
    if (!exp) continue
    const act = a.get(k) ?? 0
    const ot = t.get(k) ?? 0
    switch (metric) {
      case 'EXPECTED_REPORTS': out.set(k, exp); break
      case 'ACTUAL_REPORTS': out.set(k, act); break
      case 'ACTUAL_REPORTS_ON_TIME': out.set(k, ot); break
      case 'REPORTING_RATE': out.set(k, (act / exp) * 100); break
      case 'REPORTING_RATE_ON_TIME': out.set(k, (ot / exp) * 100); break
    }
  }
  return out
}

interface IndicatorResult {
  value: Values
  num: Values
  den: Values
  factor: number
}

function computeIndicator(q: Query, buckets: Buckets, ind: Meta, memo: Map<string, Values>, stack: string[]): IndicatorResult {
  const label = `Indicator ${String(ind.name ?? ind.id)} (${ind.id})`
  if (stack.includes(ind.id)) throw new Conflict(`Indicator expressions cannot contain cyclic references: \`${ind.id}\``, 'E7116')
  const type = q.ix.meta.get('indicatorTypes')?.get(refId(ind.indicatorType) ?? '')
  const factor = typeof type?.factor === 'number' ? type.factor : 1
  const sides: Values[] = []
  for (const exprText of [ind.numerator, ind.denominator]) {
    let tree: Node
    try {
      tree = parse(String(exprText ?? ''))
    } catch (e) {
      throw new Conflict(`${label}: ${e instanceof Error ? e.message : String(e)}`, 'E7133')
    }
    // resolve every item into a bucket map
    const itemValues = new Map<string, Values>()
    for (const it of collectItems(tree)) {
      const key = `${it.kind}{${it.raw}}`
      if (itemValues.has(key)) continue
      let v = memo.get(key)
      if (!v) {
        switch (it.kind) {
          case '#': {
            const de = q.ix.meta.get('dataElements')?.get(it.parts[0])
            if (!de) throw new Conflict(`${label}: data element ${it.parts[0]} does not exist`, 'E7133')
            v = computeDataElement(q, buckets, de, it.parts[1] && it.parts[1] !== '*' ? it.parts[1] : undefined, it.parts[2] && it.parts[2] !== '*' ? it.parts[2] : undefined)
            break
          }
          case 'I': {
            const pi = q.ix.meta.get('programIndicators')?.get(it.raw)
            if (!pi) throw new Conflict(`${label}: program indicator ${it.raw} does not exist`, 'E7133')
            v = computeProgramIndicator(q, buckets, pi)
            break
          }
          case 'R': {
            const ds = q.ix.meta.get('dataSets')?.get(it.parts[0])
            const metric = it.parts[1] as ReportingMetric
            if (!ds || !(REPORTING_METRICS as readonly string[]).includes(metric)) throw new Conflict(`${label}: R{${it.raw}} is not a valid reporting rate`, 'E7133')
            v = computeReporting(q, buckets, ds, metric)
            break
          }
          case 'N': {
            const other = q.ix.meta.get('indicators')?.get(it.raw)
            if (!other) throw new Conflict(`${label}: indicator ${it.raw} does not exist`, 'E7133')
            v = computeIndicator(q, buckets, other, memo, [...stack, ind.id]).value
            break
          }
          case 'C': {
            const c = q.ix.meta.get('constants')?.get(it.raw)
            if (!c || typeof c.value !== 'number') throw new Conflict(`${label}: constant ${it.raw} does not exist`, 'E7133')
            v = new Map([[-1, c.value]])
            break
          }
          default:
            throw new Conflict(`${label}: ${it.kind}{${it.raw}} is not supported by the sandbox in indicators`, 'E7133')
        }
        memo.set(key, v)
      }
      itemValues.set(key, v)
    }
    // evaluate per bucket (missing values: SKIP_IF_ALL_VALUES_MISSING → others count as 0)
    const bucketKeys = new Set<number>()
    for (const [, v] of itemValues) for (const k of v.keys()) if (k !== -1) bucketKeys.add(k)
    const items = collectItems(tree)
    const out: Values = new Map()
    const constantOnly = items.every((i) => i.kind === 'C')
    const evalAt = (k: number): number | null => {
      const ev = (n: Node): number | null => {
        switch (n.type) {
          case 'num': return n.value
          case 'item': {
            const m = itemValues.get(`${n.kind}{${n.raw}}`)!
            return m.get(k) ?? m.get(-1) ?? 0
          }
          case 'unary': {
            const a = ev(n.arg)
            return a === null ? null : n.op === '-' ? -a : a
          }
          case 'binary': {
            const a = ev(n.left)
            const b = ev(n.right)
            if (a === null || b === null) return null
            switch (n.op) {
              case '+': return a + b
              case '-': return a - b
              case '*': return a * b
              case '/': return b === 0 ? null : a / b
              case '%': return b === 0 ? null : a % b
              case '^': return a ** b
              default: throw new Conflict(`${label}: operator ${n.op} is not allowed in an indicator`, 'E7133')
            }
          }
          default:
            throw new Conflict(`${label}: ${n.type} is not allowed in an indicator expression`, 'E7133')
        }
      }
      return ev(tree)
    }
    if (constantOnly) out.set(-1, evalAt(-1) ?? NaN)
    else for (const k of bucketKeys) {
      const v = evalAt(k)
      if (v !== null) out.set(k, v)
    }
    sides.push(out)
  }
  const [num, den] = sides
  const value: Values = new Map()
  const constDen = den.get(-1)
  const constNum = num.get(-1)
  const keys = new Set<number>([...num.keys(), ...den.keys()].filter((k) => k !== -1))
  for (const k of keys) {
    const n = num.get(k) ?? constNum
    const d = den.get(k) ?? constDen
    if (n === undefined || d === undefined || d === 0 || !Number.isFinite(d)) continue
    value.set(k, (n / d) * factor)
  }
  return { value, num, den, factor }
}

// ----------------------------------------------------------------------------------------
// Grid
// ----------------------------------------------------------------------------------------

function formatValue(v: number, decimals: number | undefined): string {
  const d = decimals ?? 2
  const r = Math.round(v * 10 ** d) / 10 ** d
  return String(Object.is(r, -0) ? 0 : r)
}

const HEADER = (name: string, column: string) => ({ name, column, valueType: 'TEXT', type: 'java.lang.String', hidden: false, meta: true })
const NUM_HEADER = (name: string, column: string) => ({ name, column, valueType: 'NUMBER', type: 'java.lang.Double', hidden: false, meta: false })

export function runAnalytics(params: URLSearchParams, ctx: AnalyticsContext): AnalyticsResponse {
  try {
    return run(params, ctx)
  } catch (e) {
    if (e instanceof Conflict) return conflict(e.message, e.errorCode)
    if (e instanceof ExpressionError) return conflict(e.message, 'E7133')
    throw e
  }
}

function bool(params: URLSearchParams, name: string): boolean {
  return (params.get(name) ?? '').toLowerCase() === 'true'
}

function run(params: URLSearchParams, ctx: AnalyticsContext): AnalyticsResponse {
  const ix = indexOf(ctx)
  const displayProperty = (params.get('displayProperty') ?? 'NAME').toUpperCase()
  const dims = splitDimensions(params.getAll('dimension')).map(parseDim)
  const filters = splitDimensions(params.getAll('filter')).map(parseDim)
  const all = [...dims.map((d) => ({ ...d, filter: false })), ...filters.map((d) => ({ ...d, filter: true }))]
  if (all.length === 0) throw new Conflict('At least one dimension must be specified', 'E7101')
  const seen = new Set<string>()
  for (const d of all) {
    if (seen.has(d.dim)) {
      const both = dims.some((x) => x.dim === d.dim) && filters.some((x) => x.dim === d.dim)
      throw both ? new Conflict(`Dimensions cannot be specified as dimension and filter simultaneously: \`${d.dim}\``, 'E7103') : new Conflict(`Dimensions cannot be specified more than once: \`${d.dim}\``, 'E7111')
    }
    seen.add(d.dim)
  }
  const find = (dim: string) => all.find((d) => d.dim === dim)
  const dxDim = find('dx')
  if (!dxDim || dxDim.items.length === 0) throw new Conflict('At least one data dimension item or data element group set dimension item must be specified', 'E7102')
  const peDim = find('pe')
  if (!peDim || peDim.items.length === 0) throw new Conflict('At least one period as dimension or filter, or start and dates, must be specified', 'E7104')
  const today = dayOfIso(params.get('relativePeriodDate') ?? ctx.today)
  const relativeNames = new Map<string, string>()
  const dx = resolveDx(ix, dxDim.items)
  if (dxDim.filter && dx.filter((d) => d.kind === 'INDICATOR').length > 1) throw new Conflict('Only a single indicator can be specified as filter', 'E7108')
  const periods = resolvePeriods(peDim.items, today, relativeNames)
  const ouItems: Meta[] = []
  const ouDim = find('ou')
  const ous = ouDim ? resolveOrgUnits(ctx, ix, ouDim.items.length ? ouDim.items : [], ouItems) : [ctx.orgUnits.find((o) => o.level === 1)?.id ?? ''].filter(Boolean)
  if (ouDim && ouDim.items.length === 0) throw new Conflict('Dimension is present in query without any valid dimension options: `ou`', 'E7124')
  const gsAxes: Axis[] = []
  let coAxis: Axis | undefined
  for (const d of all) {
    if (d.dim === 'dx' || d.dim === 'pe' || d.dim === 'ou') continue
    if (d.dim === 'co') {
      if (d.filter) throw new Conflict('Category option combos cannot be specified as filter', 'E7110')
      coAxis = { dim: 'co', filter: false, ids: [] }
      continue
    }
    const gs = ix.groupSetById.get(d.dim)
    if (!gs) throw new Conflict(`Dimension identifier does not reference any dimension: \`${d.dim}\``, 'E7125')
    const ids = d.items.length ? d.items : gs.organisationUnitGroups
    for (const g of ids) if (!gs.organisationUnitGroups.includes(g)) throw new Conflict(`Dimension is present in query without any valid dimension options: \`${d.dim}\``, 'E7124')
    gsAxes.push({ dim: d.dim, filter: d.filter, ids })
  }
  // co items: the category option combos of the requested data elements' category combos
  const cocIndex = new Map<string, number>()
  if (coAxis) {
    for (const item of dx) {
      if (item.kind !== 'DATA_ELEMENT') continue
      const cc = ix.meta.get('categoryCombos')?.get(refId(item.de.categoryCombo) ?? '')
      const cocs = ((cc?.categoryOptionCombos as unknown[]) ?? []).map(refId).filter((x): x is string => !!x)
      const fromData = cocs.length ? cocs : [...new Set((dataValueIndex(ctx).get(item.de.id) ?? []).map((v) => v.categoryOptionCombo))]
      for (const c of fromData) if (!cocIndex.has(c)) cocIndex.set(c, cocIndex.size)
    }
    coAxis.ids = [...cocIndex.keys()]
  }

  const dxAxis: Axis = { dim: 'dx', filter: dxDim.filter, ids: dx.map((d) => d.id) }
  const peAxis: Axis = { dim: 'pe', filter: peDim.filter, ids: periods.map((p) => p.id) }
  const ouAxis: Axis = { dim: 'ou', filter: ouDim ? ouDim.filter : true, ids: ous }
  // key layout: pe, ou, gs..., co
  const layout: Axis[] = [peAxis, ouAxis, ...gsAxes, ...(coAxis ? [coAxis] : [])]
  const radix = layout.map((a) => (a.filter ? 1 : Math.max(1, a.ids.length)))
  const q: Query = { ctx, ix, dx, dxFilter: dxDim.filter, dxAxis, periods, peAxis, ous, ouAxis, gsAxes, coAxis, order: layout, radix, ouLevelItems: ouItems, relativeNames, today }
  const buckets = new Buckets(q)

  const includeNumDen = bool(params, 'includeNumDen')
  const skipData = bool(params, 'skipData')
  const skipMeta = bool(params, 'skipMeta')
  const details = bool(params, 'includeMetadataDetails')

  // ---- compute -----------------------------------------------------------------------------
  type Cell = { value: number; num?: number; den?: number; factor?: number; decimals?: number }
  const results: Array<Map<number, Cell>> = []
  const memo = new Map<string, Values>()
  // One pass per program stage evaluates every (uncached) program indicator the request needs.
  if (!skipData && !coAxis) fillEventColumns(ctx, ix, programIndicatorsOf(ix, dx), isoOfDay(today))
  if (!skipData) {
    for (const item of dx) {
      const cells = new Map<number, Cell>()
      switch (item.kind) {
        case 'DATA_ELEMENT': {
          const v = computeDataElement(q, buckets, item.de, item.coc, item.aoc, coAxis ? cocIndex : undefined)
          for (const [k, x] of v) cells.set(k, { value: x })
          break
        }
        case 'PROGRAM_INDICATOR': {
          if (coAxis) break
          const v = memo.get(`I{${item.id}}`) ?? computeProgramIndicator(q, buckets, item.pi)
          memo.set(`I{${item.id}}`, v)
          const dec = typeof item.pi.decimals === 'number' ? item.pi.decimals : undefined
          for (const [k, x] of v) cells.set(k, { value: x, decimals: dec })
          break
        }
        case 'REPORTING_RATE': {
          if (coAxis) break
          const v = computeReporting(q, buckets, item.ds, item.metric)
          const isRate = item.metric === 'REPORTING_RATE' || item.metric === 'REPORTING_RATE_ON_TIME'
          const num = isRate ? computeReporting(q, buckets, item.ds, item.metric === 'REPORTING_RATE' ? 'ACTUAL_REPORTS' : 'ACTUAL_REPORTS_ON_TIME') : undefined
          const den = isRate ? computeReporting(q, buckets, item.ds, 'EXPECTED_REPORTS') : undefined
          for (const [k, x] of v) cells.set(k, { value: x, num: num?.get(k) ?? 0, den: den?.get(k), factor: isRate ? 100 : undefined })
          break
        }
        case 'INDICATOR': {
          if (coAxis) break
          const r = computeIndicator(q, buckets, item.ind, memo, [])
          const dec = typeof item.ind.decimals === 'number' ? item.ind.decimals : undefined
          for (const [k, x] of r.value) cells.set(k, { value: x, num: r.num.get(k) ?? r.num.get(-1) ?? 0, den: r.den.get(k) ?? r.den.get(-1), factor: r.factor, decimals: dec })
          break
        }
      }
      results.push(cells)
    }
  }

  // ---- headers -----------------------------------------------------------------------------
  const outputAxes = all.filter((d) => !d.filter).map((d) => d.dim)
  const headers: unknown[] = []
  const columnName = (dim: string) => {
    if (dim === 'dx') return 'Data'
    if (dim === 'pe') return 'Period'
    if (dim === 'ou') return 'Organisation unit'
    if (dim === 'co') return 'Category option combo'
    return nameOf(ix.groupSetById.get(dim) as unknown as Meta, displayProperty)
  }
  for (const dim of outputAxes) headers.push(HEADER(dim, columnName(dim)))
  headers.push(NUM_HEADER('value', 'Value'))
  if (includeNumDen) for (const [n, c] of [['numerator', 'Numerator'], ['denominator', 'Denominator'], ['factor', 'Factor'], ['multiplier', 'Multiplier'], ['divisor', 'Divisor']]) headers.push(NUM_HEADER(n, c))

  // ---- rows --------------------------------------------------------------------------------
  const rows: string[][] = []
  const layoutIndex = new Map(layout.map((a, i) => [a.dim, i]))
  const decode = (key: number): number[] => {
    const idx = new Array<number>(layout.length)
    for (let i = layout.length - 1; i >= 0; i--) {
      idx[i] = key % radix[i]
      key = Math.floor(key / radix[i])
    }
    return idx
  }
  results.forEach((cells, di) => {
    const item = dx[di]
    const sorted = [...cells.keys()].sort((a, b) => a - b)
    for (const key of sorted) {
      const cell = cells.get(key)!
      if (!Number.isFinite(cell.value)) continue
      const idx = decode(key)
      const row: string[] = []
      for (const dim of outputAxes) {
        if (dim === 'dx') row.push(item.id)
        else {
          const li = layoutIndex.get(dim)!
          row.push(layout[li].ids[idx[li]])
        }
      }
      const isCount = item.kind === 'DATA_ELEMENT' || (item.kind === 'REPORTING_RATE' && !item.metric.startsWith('REPORTING_RATE'))
      row.push(formatValue(cell.value, isCount && Number.isInteger(cell.value) ? 0 : cell.decimals))
      if (includeNumDen) {
        if (cell.factor !== undefined) row.push(formatValue(cell.num ?? 0, 2), cell.den === undefined ? '' : formatValue(cell.den, 2), formatValue(cell.factor, 2), formatValue(cell.factor, 2), '1')
        else row.push('', '', '', '', '')
      }
      rows.push(row)
    }
  })

  const body: Record<string, unknown> = { headers }
  if (!skipMeta) body.metaData = metaData(q, displayProperty, details, params)
  body.rowContext = {}
  body.rows = rows
  body.height = rows.length
  body.width = rows.length ? headers.length : 0
  body.headerWidth = headers.length
  if (ctx.version === '2.40') delete body.rowContext
  return { status: 200, body }
}

function metaData(q: Query, displayProperty: string, details: boolean, params: URLSearchParams): Record<string, unknown> {
  const items: Record<string, Record<string, unknown>> = {}
  const put = (id: string, o: Record<string, unknown>) => {
    items[id] = details ? { uid: id, ...o } : { name: o.name }
  }
  put('dx', { name: 'Data', dimensionType: 'DATA_X' })
  put('pe', { name: 'Period', dimensionType: 'PERIOD' })
  put('ou', { name: 'Organisation unit', dimensionType: 'ORGANISATION_UNIT' })
  for (const item of q.dx) {
    if (item.kind === 'REPORTING_RATE') {
      const suffix: Record<ReportingMetric, string> = { REPORTING_RATE: 'Reporting rate', REPORTING_RATE_ON_TIME: 'Reporting rate on time', ACTUAL_REPORTS: 'Actual reports', ACTUAL_REPORTS_ON_TIME: 'Actual reports on time', EXPECTED_REPORTS: 'Expected reports' }
      put(item.id, { name: `${nameOf(item.ds, displayProperty)} - ${suffix[item.metric]}`, dimensionItemType: 'REPORTING_RATE', valueType: 'NUMBER', totalAggregationType: 'AVERAGE' })
    } else {
      const o = item.kind === 'DATA_ELEMENT' ? item.de : item.kind === 'INDICATOR' ? item.ind : item.pi
      const cocName = item.kind === 'DATA_ELEMENT' && item.coc ? ` ${nameOf(q.ix.meta.get('categoryOptionCombos')?.get(item.coc), displayProperty)}`.trimEnd() : ''
      put(item.id, {
        name: nameOf(o, displayProperty) + cocName,
        ...(typeof o.code === 'string' ? { code: o.code } : {}),
        dimensionItemType: item.kind === 'DATA_ELEMENT' ? (item.coc ? 'DATA_ELEMENT_OPERAND' : 'DATA_ELEMENT') : item.kind,
        valueType: item.kind === 'DATA_ELEMENT' ? (o.valueType ?? 'NUMBER') : 'NUMBER',
        aggregationType: (o.aggregationType as string) ?? 'SUM',
        totalAggregationType: 'SUM',
      })
    }
  }
  for (const p of q.periods) put(p.id, { code: p.id, name: p.name, dimensionItemType: 'PERIOD', valueType: 'TEXT', totalAggregationType: 'SUM', startDate: `${isoOfDay(p.start)}T00:00:00.000`, endDate: `${isoOfDay(p.end)}T00:00:00.000` })
  for (const [id, name] of q.relativeNames) items[id] = { name }
  for (const id of q.ous) {
    const o = q.ix.ouById.get(id)
    put(id, { ...(o?.code ? { code: o.code } : {}), name: nameOf(o, displayProperty), dimensionItemType: 'ORGANISATION_UNIT', valueType: 'TEXT', totalAggregationType: 'SUM' })
  }
  for (const l of q.ouLevelItems) items[l.id] = { uid: l.id, name: String(l.name) }
  for (const gs of q.gsAxes) {
    const set = q.ix.groupSetById.get(gs.dim)
    put(gs.dim, { name: set?.name ?? gs.dim, dimensionType: 'ORGANISATION_UNIT_GROUP_SET' })
    for (const g of gs.ids) put(g, { name: nameOf(q.ix.groupById.get(g) as unknown as Meta, displayProperty), dimensionItemType: 'ORGANISATION_UNIT_GROUP' })
  }
  if (q.coAxis) {
    put('co', { name: 'Category option combo', dimensionType: 'CATEGORY_OPTION_COMBO' })
    for (const c of q.coAxis.ids) put(c, { name: nameOf(q.ix.meta.get('categoryOptionCombos')?.get(c), displayProperty) || c })
  }
  const dimensions: Record<string, string[]> = { dx: q.dxAxis.ids, pe: q.peAxis.ids, ou: q.ous, co: q.coAxis?.ids ?? [] }
  for (const gs of q.gsAxes) dimensions[gs.dim] = gs.ids
  const out: Record<string, unknown> = { items, dimensions }
  if ((params.get('hierarchyMeta') ?? '').toLowerCase() === 'true') {
    const hier: Record<string, string> = {}
    for (const id of q.ous) {
      const o = q.ix.ouById.get(id)
      if (o) hier[id] = o.path.slice(0, o.path.lastIndexOf('/'))
      // parents' names are needed by clients to render the hierarchy
      if (o) for (const pid of o.path.split('/').filter(Boolean)) if (!items[pid]) items[pid] = { name: nameOf(q.ix.ouById.get(pid), displayProperty) }
    }
    out.ouHierarchy = hier
  }
  return out
}

/**
 * Build the indexes and evaluate every columnar EVENT program indicator once, in one pass per
 * program stage (the sandbox's analogue of DHIS2's analytics table generation). Optional: a cold
 * request does the same work for the indicators it needs. Returns the time spent in ms. Errors
 * of individual indicators are left for the request that asks for them.
 */
export function warmAnalytics(ctx: AnalyticsContext): number {
  const t0 = performance.now()
  const ix = indexOf(ctx)
  columnIndex(ctx)
  fillEventColumns(ctx, ix, (ctx.metadata.programIndicators ?? []) as Meta[], ctx.today.slice(0, 10))
  return performance.now() - t0
}
