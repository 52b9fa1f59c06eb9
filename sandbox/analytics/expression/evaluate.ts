/**
 * Compiles a parsed program-indicator expression or filter into a function over one analytics
 * row (an event for analyticsType EVENT, an enrollment for ENROLLMENT), following DHIS2's SQL
 * semantics:
 *  - BOOLEAN/TRUE_ONLY values are 1/0, numbers are numbers, other values text;
 *  - missing data values and attributes are replaced by 0 (numeric/boolean) or '' (text), as
 *    DHIS2's `replaceNulls` does, except inside d2:hasValue, isNull/isNotNull and d2:count*;
 *  - `#{stage.de}` in an EVENT indicator reads the event's value only when the event belongs to
 *    that stage; in an ENROLLMENT indicator it reads the latest event of the stage up to the end
 *    of the reporting period;
 *  - comparisons with a missing date are false (SQL null).
 * Anything outside the supported subset throws an ExpressionError naming the construct.
 */
import { ExpressionError, parse, type Node } from './parser'

export type Value = number | string | boolean | null

/** What the evaluator needs to know about one row. Implemented by the analytics index. */
export interface RowEvent {
  programStage: string
  occurredDay: number
  occurredAt: string
  orgUnit: string
  status: string
  value(de: string): string | undefined
}
export interface RowEnrollment {
  enrolledDay: number
  incidentDay: number
  enrolledAt: string
  occurredAt: string
  completedAt?: string
  status: string
  trackedEntity: string
  orgUnit: string
  /** Non-deleted events of the enrollment sorted by date. */
  events: RowEvent[]
  attribute(id: string): string | undefined
  relationshipCount(type?: string): number
}
export interface Row {
  enrollment: RowEnrollment
  event?: RowEvent
}
export interface EvalEnv {
  analyticsType: 'EVENT' | 'ENROLLMENT'
  /** Reporting period (inclusive day numbers) and its ISO bounds. */
  periodStart: number
  periodEnd: number
  periodStartIso: string
  periodEndIso: string
  todayIso: string
}

export interface TypeInfo {
  dataElementValueType(id: string): string | undefined
  attributeValueType(id: string): string | undefined
  stageExists(id: string): boolean
  constant(id: string): number | undefined
}

type Fn = (row: Row, env: EvalEnv) => Value

const NUMERIC = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_NEGATIVE', 'INTEGER_ZERO_OR_POSITIVE', 'PERCENTAGE', 'UNIT_INTERVAL'])
const BOOLEAN = new Set(['BOOLEAN', 'TRUE_ONLY'])
const DATE = new Set(['DATE', 'DATETIME', 'AGE'])

/** Analytics form of a raw stored value. */
export function typed(raw: string | undefined, valueType: string | undefined, replaceNulls: boolean): Value {
  const vt = valueType ?? 'TEXT'
  if (raw === undefined || raw === '') {
    if (!replaceNulls || DATE.has(vt)) return null
    return NUMERIC.has(vt) || BOOLEAN.has(vt) ? 0 : ''
  }
  if (BOOLEAN.has(vt)) return raw === 'true' || raw === '1' ? 1 : 0
  if (NUMERIC.has(vt)) {
    const n = Number(raw)
    return Number.isFinite(n) ? n : replaceNulls ? 0 : null
  }
  if (DATE.has(vt)) return raw.slice(0, 10)
  return raw
}

/** `typed` specialised for one value type (the type is resolved once, at compile time). */
export function typer(valueType: string | undefined, replaceNulls: boolean): (raw: string | undefined) => Value {
  const vt = valueType ?? 'TEXT'
  if (BOOLEAN.has(vt)) {
    const missing = replaceNulls ? 0 : null
    return (raw) => (raw === undefined || raw === '' ? missing : raw === 'true' || raw === '1' ? 1 : 0)
  }
  if (NUMERIC.has(vt)) {
    const missing = replaceNulls ? 0 : null
    return (raw) => {
      if (raw === undefined || raw === '') return missing
      const n = Number(raw)
      return Number.isFinite(n) ? n : missing
    }
  }
  if (DATE.has(vt)) return (raw) => (raw === undefined || raw === '' ? null : raw.slice(0, 10))
  const missing = replaceNulls ? '' : null
  return (raw) => (raw === undefined || raw === '' ? missing : raw)
}

function dayOfIso(s: string): number {
  return Math.floor(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000)
}

function toNumber(v: Value): number | null {
  if (v === null) return null
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v === '') return null
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}

export function truthy(v: Value): boolean {
  if (v === null) return false
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  return v === 'true'
}

function compare(op: string, a: Value, b: Value): Value {
  if (a === null || b === null) return null
  let x: number | string | boolean = a
  let y: number | string | boolean = b
  if (typeof x === 'boolean') x = x ? 1 : 0
  if (typeof y === 'boolean') y = y ? 1 : 0
  if (typeof x === 'number' && typeof y === 'string') {
    const n = toNumber(y)
    if (n === null) return op === '!=' ? true : op === '==' ? false : null
    y = n
  } else if (typeof y === 'number' && typeof x === 'string') {
    const n = toNumber(x)
    if (n === null) return op === '!=' ? true : op === '==' ? false : null
    x = n
  }
  switch (op) {
    case '==': return x === y
    case '!=': return x !== y
    case '<': return x < y
    case '<=': return x <= y
    case '>': return x > y
    case '>=': return x >= y
  }
  return null
}

/** The date (ISO) of the latest event of `stage` up to the period end (or in the row's event). */
function latestEvent(row: Row, env: EvalEnv, stage: string): RowEvent | undefined {
  if (env.analyticsType === 'EVENT') return row.event && row.event.programStage === stage ? row.event : undefined
  const evs = row.enrollment.events
  for (let i = evs.length - 1; i >= 0; i--) {
    const e = evs[i]
    if (e.programStage === stage && e.occurredDay <= env.periodEnd) return e
  }
  return undefined
}

function monthsBetween(a: string, b: string): number {
  // PostgreSQL age(): whole months from a to b
  const [ya, ma, da] = [Number(a.slice(0, 4)), Number(a.slice(5, 7)), Number(a.slice(8, 10))]
  const [yb, mb, db] = [Number(b.slice(0, 4)), Number(b.slice(5, 7)), Number(b.slice(8, 10))]
  let m = (yb - ya) * 12 + (mb - ma)
  if (m > 0 && db < da) m--
  else if (m < 0 && db > da) m++
  return m
}

export interface CompileOptions {
  /** 'expression' must give a number, 'filter' a boolean. */
  mode: 'expression' | 'filter'
  /** The indicator's name for error messages. */
  label: string
}

/** Compile a program-indicator tree to a row function. Throws ExpressionError on unsupported input. */
export function compileProgramExpression(tree: Node, types: TypeInfo, options: CompileOptions): Fn {
  const fail = (msg: string): never => {
    throw new ExpressionError(`${options.label}: ${msg}`)
  }

  function item(node: Extract<Node, { type: 'item' }>, replaceNulls: boolean): Fn {
    switch (node.kind) {
      case '#': {
        if (node.parts.length !== 2) fail(`#{${node.raw}} must be #{programStage.dataElement}`)
        const [stage, de] = node.parts
        if (!types.stageExists(stage)) fail(`program stage ${stage} in #{${node.raw}} does not exist`)
        const vt = types.dataElementValueType(de)
        if (vt === undefined) fail(`data element ${de} in #{${node.raw}} does not exist`)
        const conv = typer(vt, replaceNulls)
        return (row, env) => {
          if (env.analyticsType === 'EVENT') {
            const ev = row.event
            return conv(ev !== undefined && ev.programStage === stage ? ev.value(de) : undefined)
          }
          return conv(latestEvent(row, env, stage)?.value(de))
        }
      }
      case 'A': {
        const id = node.parts[node.parts.length - 1]
        const vt = types.attributeValueType(id)
        if (vt === undefined) fail(`attribute ${id} in A{${node.raw}} does not exist`)
        return (row) => typed(row.enrollment.attribute(id), vt, replaceNulls)
      }
      case 'PS_EVENTDATE': {
        const stage = node.raw
        if (!types.stageExists(stage)) fail(`program stage ${stage} in PS_EVENTDATE does not exist`)
        return (row, env) => {
          const e = latestEvent(row, env, stage)
          return e ? e.occurredAt.slice(0, 10) : null
        }
      }
      case 'V':
        return variable(node.raw)
      case 'C': {
        const c = types.constant(node.raw)
        if (c === undefined) fail(`constant ${node.raw} does not exist`)
        return () => c as number
      }
      default:
        return fail(`${node.kind}{${node.raw}} is not allowed in a program indicator`)
    }
  }

  function variable(name: string): Fn {
    switch (name) {
      case 'event_date':
      case 'execution_date':
        return (row) => (row.event ? row.event.occurredAt.slice(0, 10) : null)
      case 'enrollment_date':
        return (row) => row.enrollment.enrolledAt.slice(0, 10)
      case 'incident_date':
        return (row) => row.enrollment.occurredAt.slice(0, 10)
      case 'completed_date':
        return (row) => (row.event ? (row.event.status === 'COMPLETED' ? row.event.occurredAt.slice(0, 10) : null) : row.enrollment.completedAt?.slice(0, 10) ?? null)
      case 'current_date':
        return (_row, env) => env.todayIso
      case 'analytics_period_start':
        return (_row, env) => env.periodStartIso
      case 'analytics_period_end':
        return (_row, env) => env.periodEndIso
      case 'event_count':
      case 'enrollment_count':
      case 'tei_count':
        return () => 1
      case 'value_count':
      case 'zero_pos_value_count':
        return fail(`V{${name}} is not supported by the sandbox`)
      case 'org_unit_count':
        return () => 1
      case 'enrollment_status':
        return (row) => row.enrollment.status
      case 'event_status':
        return (row) => row.event?.status ?? null
      case 'program_stage_id':
        return (row) => row.event?.programStage ?? null
      default:
        return fail(`V{${name}} is not supported by the sandbox`)
    }
  }

  function compile(node: Node, replaceNulls: boolean): Fn {
    switch (node.type) {
      case 'num': {
        const v = node.value
        return () => v
      }
      case 'str': {
        const v = node.value
        return () => v
      }
      case 'bool': {
        const v = node.value
        return () => v
      }
      case 'item':
        return item(node, replaceNulls)
      case 'unary': {
        const a = compile(node.arg, replaceNulls)
        if (node.op === '!') return (r, e) => {
          const v = a(r, e)
          return v === null ? null : !truthy(v)
        }
        if (node.op === '-') return (r, e) => {
          const v = toNumber(a(r, e))
          return v === null ? null : -v
        }
        return (r, e) => toNumber(a(r, e))
      }
      case 'binary': {
        const l = compile(node.left, replaceNulls)
        const rr = compile(node.right, replaceNulls)
        const op = node.op
        switch (op) {
          case '&&':
            return (r, e) => {
              const a = l(r, e)
              if (a !== null && !truthy(a)) return false
              const b = rr(r, e)
              if (b !== null && !truthy(b)) return false
              return a === null || b === null ? null : true
            }
          case '||':
            return (r, e) => {
              const a = l(r, e)
              if (a !== null && truthy(a)) return true
              const b = rr(r, e)
              if (b !== null && truthy(b)) return true
              return a === null || b === null ? null : false
            }
          case '==':
          case '!=':
          case '<':
          case '<=':
          case '>':
          case '>=':
            return (r, e) => compare(op, l(r, e), rr(r, e))
          default:
            return (r, e) => {
              const a = toNumber(l(r, e))
              const b = toNumber(rr(r, e))
              if (a === null || b === null) return null
              switch (op) {
                case '+': return a + b
                case '-': return a - b
                case '*': return a * b
                case '/': return b === 0 ? null : a / b
                case '%': return b === 0 ? null : a % b
                case '^': return Math.pow(a, b)
              }
              return null
            }
        }
      }
      case 'call':
        return call(node)
    }
  }

  function stageDe(arg: Node | undefined, fn: string): [string, string] {
    if (!arg || arg.type !== 'item' || arg.kind !== '#' || arg.parts.length !== 2) return fail(`${fn} needs #{programStage.dataElement} as first argument`)
    const [stage, de] = arg.parts
    if (!types.stageExists(stage)) fail(`program stage ${stage} in ${fn} does not exist`)
    if (types.dataElementValueType(de) === undefined) fail(`data element ${de} in ${fn} does not exist`)
    return [stage, de]
  }

  /** Events of the stage that count for the d2:count family (events up to the period end). */
  function stageEvents(row: Row, env: EvalEnv, stage: string): RowEvent[] {
    if (env.analyticsType === 'EVENT') return row.event && row.event.programStage === stage ? [row.event] : []
    return row.enrollment.events.filter((e) => e.programStage === stage && e.occurredDay <= env.periodEnd)
  }

  function call(node: Extract<Node, { type: 'call' }>): Fn {
    const args = node.args
    const n = args.length
    const need = (k: number) => {
      if (n !== k) fail(`${node.name} takes ${k} argument(s), got ${n}`)
    }
    switch (node.name) {
      case 'd2:hasValue':
      case 'isNotNull':
      case 'isNull': {
        need(1)
        if (args[0].type !== 'item') fail(`${node.name} needs an item argument`)
        const a = compile(args[0], false)
        const isNull = node.name === 'isNull'
        return (r, e) => {
          const v = a(r, e)
          const has = v !== null && v !== ''
          return isNull ? !has : has
        }
      }
      case 'd2:condition': {
        need(3)
        if (args[0].type !== 'str') fail('d2:condition needs a quoted boolean expression as first argument')
        const cond = compile(parse((args[0] as { value: string }).value), true)
        const a = compile(args[1], true)
        const b = compile(args[2], true)
        return (r, e) => (truthy(cond(r, e)) ? a(r, e) : b(r, e))
      }
      case 'if': {
        need(3)
        const cond = compile(args[0], true)
        const a = compile(args[1], true)
        const b = compile(args[2], true)
        return (r, e) => (truthy(cond(r, e)) ? a(r, e) : b(r, e))
      }
      case 'd2:daysBetween':
      case 'd2:weeksBetween':
      case 'd2:monthsBetween':
      case 'd2:yearsBetween':
      case 'd2:minutesBetween': {
        need(2)
        const a = compile(args[0], false)
        const b = compile(args[1], false)
        const name = node.name
        return (r, e) => {
          const x = a(r, e)
          const y = b(r, e)
          if (typeof x !== 'string' || typeof y !== 'string' || x.length < 10 || y.length < 10) return null
          const days = dayOfIso(y) - dayOfIso(x)
          switch (name) {
            case 'd2:daysBetween': return days
            case 'd2:minutesBetween': return days * 1440
            case 'd2:weeksBetween': return Math.trunc(days / 7)
            case 'd2:monthsBetween': return monthsBetween(x, y)
            default: return Math.trunc(monthsBetween(x, y) / 12)
          }
        }
      }
      case 'd2:oizp': {
        need(1)
        const a = compile(args[0], true)
        return (r, e) => {
          const v = toNumber(a(r, e))
          return v !== null && v >= 0 ? 1 : 0
        }
      }
      case 'd2:zing': {
        need(1)
        const a = compile(args[0], true)
        return (r, e) => {
          const v = toNumber(a(r, e))
          return v === null || v < 0 ? 0 : v
        }
      }
      case 'd2:zpvc': {
        const fs = args.map((x) => compile(x, false))
        return (r, e) => {
          let c = 0
          for (const f of fs) {
            const v = toNumber(f(r, e))
            if (v !== null && v >= 0) c++
          }
          return c
        }
      }
      case 'd2:count': {
        need(1)
        const [stage, de] = stageDe(args[0], 'd2:count')
        return (r, e) => stageEvents(r, e, stage).filter((x) => (x.value(de) ?? '') !== '').length
      }
      case 'd2:countIfValue': {
        need(2)
        const [stage, de] = stageDe(args[0], 'd2:countIfValue')
        const vt = types.dataElementValueType(de)
        const target = compile(args[1], true)
        return (r, e) => {
          const t = target(r, e)
          return stageEvents(r, e, stage).filter((x) => {
            const v = typed(x.value(de), vt, false)
            return v !== null && compare('==', v, t) === true
          }).length
        }
      }
      case 'd2:countIfCondition': {
        need(2)
        const [stage, de] = stageDe(args[0], 'd2:countIfCondition')
        if (args[1].type !== 'str') fail('d2:countIfCondition needs a quoted condition such as \'< 5\'')
        const vt = types.dataElementValueType(de)
        // The condition is applied to the value: "<value> <condition>"
        const condTree = parse(`0 ${(args[1] as { value: string }).value}`)
        if (condTree.type !== 'binary') fail('d2:countIfCondition condition must be a comparison')
        const right = compile((condTree as Extract<Node, { type: 'binary' }>).right, true)
        const op = (condTree as Extract<Node, { type: 'binary' }>).op
        return (r, e) => {
          const rv = right(r, e)
          return stageEvents(r, e, stage).filter((x) => {
            const v = typed(x.value(de), vt, false)
            return v !== null && compare(op, v, rv) === true
          }).length
        }
      }
      case 'd2:minValue':
      case 'd2:maxValue': {
        need(1)
        const arg = args[0]
        if (arg.type === 'item' && arg.kind === '#') {
          const [stage, de] = stageDe(arg, node.name)
          const vt = types.dataElementValueType(de)
          const max = node.name === 'd2:maxValue'
          return (r, e) => {
            let best: number | null = null
            for (const x of stageEvents(r, e, stage)) {
              const v = toNumber(typed(x.value(de), vt, false))
              if (v === null) continue
              if (best === null || (max ? v > best : v < best)) best = v
            }
            return best
          }
        }
        return fail(`${node.name} is only supported on #{programStage.dataElement}`)
      }
      case 'd2:relationshipCount': {
        if (n > 1) fail('d2:relationshipCount takes at most one argument')
        let type: string | undefined
        if (n === 1) {
          if (args[0].type !== 'str') fail('d2:relationshipCount needs a quoted relationship type UID')
          type = (args[0] as { value: string }).value
        }
        return (r) => r.enrollment.relationshipCount(type)
      }
      case 'greatest':
      case 'least': {
        const fs = args.map((x) => compile(x, true))
        const g = node.name === 'greatest'
        return (r, e) => {
          let best: number | null = null
          for (const f of fs) {
            const v = toNumber(f(r, e))
            if (v !== null && (best === null || (g ? v > best : v < best))) best = v
          }
          return best
        }
      }
      case 'abs':
      case 'ceil':
      case 'floor':
      case 'log10': {
        need(1)
        const a = compile(args[0], true)
        const f = node.name === 'abs' ? Math.abs : node.name === 'ceil' ? Math.ceil : node.name === 'floor' ? Math.floor : Math.log10
        return (r, e) => {
          const v = toNumber(a(r, e))
          return v === null ? null : f(v)
        }
      }
      case 'round': {
        const a = compile(args[0], true)
        const d = n > 1 ? compile(args[1], true) : () => 0
        return (r, e) => {
          const v = toNumber(a(r, e))
          const k = toNumber(d(r, e)) ?? 0
          return v === null ? null : Math.round(v * 10 ** k) / 10 ** k
        }
      }
      default:
        return fail(`function ${node.name} is not supported by the sandbox in program indicators`)
    }
  }

  const root = compile(tree, true)
  if (options.mode === 'filter') return (r, e) => truthy(root(r, e))
  return root
}

/** Does the value for a row depend on the reporting period (so it cannot be cached per row)? */
export function dependsOnPeriod(tree: Node, analyticsType: 'EVENT' | 'ENROLLMENT'): boolean {
  const enr = analyticsType === 'ENROLLMENT'
  switch (tree.type) {
    case 'item':
      return (tree.kind === 'V' && (tree.raw === 'analytics_period_start' || tree.raw === 'analytics_period_end')) || (enr && (tree.kind === '#' || tree.kind === 'PS_EVENTDATE'))
    case 'unary':
      return dependsOnPeriod(tree.arg, analyticsType)
    case 'binary':
      return dependsOnPeriod(tree.left, analyticsType) || dependsOnPeriod(tree.right, analyticsType)
    case 'call':
      return (enr && (tree.name.startsWith('d2:count') || tree.name === 'd2:minValue' || tree.name === 'd2:maxValue')) || tree.args.some((a) => dependsOnPeriod(a, analyticsType))
    default:
      return false
  }
}
