/**
 * DHIS2's metadata query parameters: `filter=prop:op:value` (dotted paths through references and
 * collections), `rootJunction=AND|OR`, `order=prop:asc|desc|iasc|idesc`, and paging
 * (`paging`, `page`, `pageSize`) with the `pager` object.
 */
import { HttpError, intParam } from './http'
import type { Resolver } from './fields'

type Obj = Record<string, unknown>

export interface Filter {
  path: string[]
  op: string
  value: string
}

const UNARY = new Set(['null', '!null', 'empty', '!empty'])
const OPS = new Set(['eq', '!eq', 'ieq', 'ne', 'neq', 'like', '!like', '$like', '!$like', 'like$', '!like$', 'ilike', '!ilike', '$ilike', '!$ilike', 'ilike$', '!ilike$', 'startsWith', '!startsWith', 'endsWith', '!endsWith', 'in', '!in', 'gt', 'ge', 'lt', 'le', 'token', '!token', ...UNARY])

export function parseFilters(q: URLSearchParams): Filter[] {
  return q.getAll('filter').filter((f) => f.trim()).map((f) => {
    const a = f.indexOf(':')
    const prop = a < 0 ? f : f.slice(0, a)
    const rest = a < 0 ? '' : f.slice(a + 1)
    const b = rest.indexOf(':')
    const op = b < 0 ? rest : rest.slice(0, b)
    const value = b < 0 ? '' : rest.slice(b + 1)
    if (!OPS.has(op)) throw new HttpError(400, `Query failed because of a syntax error (Invalid filter operator \`${op}\`)`, { errorCode: 'E2015' })
    if (!UNARY.has(op) && b < 0) throw new HttpError(400, `Query failed because of a syntax error (Missing value for filter \`${f}\`)`, { errorCode: 'E2015' })
    return { path: prop.split('.'), op, value }
  })
}

/** Every value reached by a dotted path (collections fan out). */
function valuesAt(obj: Obj, path: string[], r: Resolver): unknown[] {
  let current: unknown[] = [obj]
  for (let i = 0; i < path.length; i++) {
    const next: unknown[] = []
    for (const c of current) {
      if (!c || typeof c !== 'object') continue
      const o = Array.isArray(c) ? c : [c]
      for (const x of o) {
        if (!x || typeof x !== 'object') continue
        const full = i > 0 && Object.keys(x as Obj).length <= 2 && 'id' in (x as Obj) ? (r.expand(x as Obj) ?? (x as Obj)) : (x as Obj)
        const v = r.get(full, path[i])
        if (Array.isArray(v) && i < path.length - 1) next.push(...v)
        else if (v !== undefined && v !== null) next.push(v)
      }
    }
    current = next
  }
  return current
}

function str(v: unknown): string {
  return typeof v === 'object' && v !== null && 'id' in (v as Obj) ? String((v as Obj).id) : String(v)
}

function compare(a: unknown, b: string): number {
  const x = Number(a)
  const y = Number(b)
  if (typeof a === 'number' || (!Number.isNaN(x) && !Number.isNaN(y) && String(a).trim() !== '' && b.trim() !== '')) return x - y
  return String(a).localeCompare(b)
}

function like(v: string, pattern: string, ci: boolean, mode: 'any' | 'start' | 'end'): boolean {
  const a = ci ? v.toLowerCase() : v
  const p = ci ? pattern.toLowerCase() : pattern
  if (mode === 'start') return a.startsWith(p)
  if (mode === 'end') return a.endsWith(p)
  return a.includes(p)
}

function positive(op: string, v: unknown, value: string): boolean {
  const s = str(v)
  switch (op) {
    case 'eq':
      return typeof v === 'boolean' ? String(v) === value.toLowerCase() : s === value
    case 'ieq':
      return s.toLowerCase() === value.toLowerCase()
    case 'like':
      return like(s, value, false, 'any')
    case 'ilike':
    case 'token':
      return like(s, value, true, 'any')
    case '$like':
    case 'startsWith':
      return like(s, value, false, 'start')
    case '$ilike':
      return like(s, value, true, 'start')
    case 'like$':
    case 'endsWith':
      return like(s, value, false, 'end')
    case 'ilike$':
      return like(s, value, true, 'end')
    case 'in':
      return value.replace(/^\[|\]$/g, '').split(',').map((x) => x.trim()).includes(s)
    case 'gt':
      return compare(v, value) > 0
    case 'ge':
      return compare(v, value) >= 0
    case 'lt':
      return compare(v, value) < 0
    case 'le':
      return compare(v, value) <= 0
    default:
      return false
  }
}

export function matches(obj: Obj, f: Filter, r: Resolver): boolean {
  const values = valuesAt(obj, f.path, r)
  switch (f.op) {
    case 'null':
      return values.length === 0
    case '!null':
      return values.length > 0
    case 'empty':
      return values.length === 0 || values.every((v) => Array.isArray(v) && v.length === 0)
    case '!empty':
      return values.some((v) => !Array.isArray(v) || v.length > 0)
  }
  const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]))
  if (f.op === 'ne' || f.op === 'neq' || f.op === '!eq') return !flat.some((v) => positive('eq', v, f.value))
  if (f.op.startsWith('!')) return !flat.some((v) => positive(f.op.slice(1), v, f.value))
  return flat.some((v) => positive(f.op, v, f.value))
}

export function applyFilters<T extends Obj>(items: T[], q: URLSearchParams, r: Resolver): T[] {
  const filters = parseFilters(q)
  if (!filters.length) return items
  const or = (q.get('rootJunction') ?? 'AND').toUpperCase() === 'OR'
  return items.filter((o) => (or ? filters.some((f) => matches(o, f, r)) : filters.every((f) => matches(o, f, r))))
}

export function applyOrder<T extends Obj>(items: T[], q: URLSearchParams, r: Resolver, fallback = 'name:asc'): T[] {
  const spec = q.getAll('order').join(',') || fallback
  const keys = spec.split(',').filter(Boolean).map((s) => {
    const [prop, dir = 'asc'] = s.split(':')
    return { prop, desc: dir.toLowerCase().endsWith('desc'), ci: dir.toLowerCase().startsWith('i') }
  })
  return [...items].sort((a, b) => {
    for (const k of keys) {
      let x = r.get(a, k.prop)
      let y = r.get(b, k.prop)
      if (x === y) continue
      if (x === undefined || x === null) return 1
      if (y === undefined || y === null) return -1
      if (k.ci) {
        x = String(x).toLowerCase()
        y = String(y).toLowerCase()
      }
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      if (c !== 0) return k.desc ? -c : c
    }
    return String(a.id ?? '').localeCompare(String(b.id ?? ''))
  })
}

export interface Paging {
  paging: boolean
  page: number
  pageSize: number
}

export function pagingFrom(q: URLSearchParams, defaultSize = 50): Paging {
  const paging = (q.get('paging') ?? 'true').toLowerCase() !== 'false'
  const page = Math.max(1, intParam(q, 'page', 1))
  const pageSize = Math.max(1, intParam(q, 'pageSize', defaultSize))
  return { paging, page, pageSize }
}

/** The metadata pager ({page, pageCount, total, pageSize[, nextPage, prevPage]}) and the page slice. */
export function pageOf<T>(items: T[], p: Paging, selfUrl: string): { pager?: Record<string, unknown>; items: T[] } {
  if (!p.paging) return { items }
  const total = items.length
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize))
  const slice = items.slice((p.page - 1) * p.pageSize, p.page * p.pageSize)
  const pager: Record<string, unknown> = { page: p.page, total, pageSize: p.pageSize, pageCount }
  const link = (page: number) => {
    const u = new URL(selfUrl)
    u.searchParams.set('page', String(page))
    return u.toString()
  }
  if (p.page < pageCount) pager.nextPage = link(p.page + 1)
  if (p.page > 1) pager.prevPage = link(p.page - 1)
  return { pager, items: slice }
}
