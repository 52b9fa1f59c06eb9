/**
 * DHIS2's `fields=` language: `id,name`, nested `parent[id,name]` (or parentheses), presets
 * (`*`, `:all`, `:owner`, `:identifiable`, `:nameable`, `:simple`), exclusions (`!x`) and
 * transformers (`children::size`, `::isEmpty`, `::isNotEmpty`, `::rename(x)` / `~rename(x)`,
 * `::pluck(field)`). A Resolver supplies virtual properties (displayName, org-unit children…) and
 * expands `{id}` references when sub-fields are asked for.
 */
import { HttpError } from './http'

export interface FieldNode {
  name: string
  exclude: boolean
  children?: FieldNode[]
  transformers: Array<{ name: string; args: string[] }>
}

export interface Resolver {
  /** Property names `*` selects on this object. */
  allProps(obj: Record<string, unknown>): string[]
  /** Value of a (possibly virtual) property. */
  get(obj: Record<string, unknown>, prop: string): unknown
  /** Full object behind an `{id}` reference, when known. */
  expand(ref: Record<string, unknown>): Record<string, unknown> | undefined
}

const PRESETS = new Set(['*', ':all', ':owner', ':persisted'])
const IDENTIFIABLE = ['id', 'name', 'code', 'created', 'lastUpdated', 'href', 'createdBy', 'lastUpdatedBy']
const NAMEABLE = [...IDENTIFIABLE, 'shortName', 'description']

function splitTop(spec: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of spec) {
    if (ch === '[' || ch === '(') depth++
    if (ch === ']' || ch === ')') depth--
    if (depth < 0) throw new HttpError(400, `Invalid fields parameter: unbalanced brackets in '${spec}'`)
    if (ch === ',' && depth === 0) {
      if (cur.trim()) out.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  if (depth !== 0) throw new HttpError(400, `Invalid fields parameter: unbalanced brackets in '${spec}'`)
  if (cur.trim()) out.push(cur.trim())
  return out
}

function parseToken(token: string): FieldNode {
  let exclude = false
  let t = token
  if (t.startsWith('!') || t.startsWith('-')) {
    exclude = true
    t = t.slice(1)
  }
  // name[children] or name(children), possibly followed by transformers
  let children: FieldNode[] | undefined
  const open = t.search(/[[(]/)
  let rest = ''
  let name = t
  if (open > 0 && !t.slice(0, open).includes('::') && !t.slice(0, open).includes('~')) {
    let depth = 0
    let close = -1
    for (let i = open; i < t.length; i++) {
      if (t[i] === '[' || t[i] === '(') depth++
      if (t[i] === ']' || t[i] === ')') {
        depth--
        if (depth === 0) {
          close = i
          break
        }
      }
    }
    name = t.slice(0, open)
    children = parseFields(t.slice(open + 1, close))
    rest = t.slice(close + 1)
  } else {
    const m = /^([^:~]*)(.*)$/.exec(t)!
    name = m[1]
    rest = m[2]
  }
  if (name === '' && rest.startsWith(':') && !rest.startsWith('::')) {
    // preset like :all
    name = rest
    rest = ''
  }
  const transformers: FieldNode['transformers'] = []
  const re = /(?:::|~)(\w+)(?:\(([^)]*)\))?/g
  let m: RegExpExecArray | null
  while ((m = re.exec(rest))) transformers.push({ name: m[1], args: m[2] ? m[2].split(/[;,]/).map((s) => s.trim()).filter(Boolean) : [] })
  return { name, exclude, children, transformers }
}

export function parseFields(spec: string): FieldNode[] {
  return splitTop(spec).map(parseToken)
}

/** Parse the `fields` parameter (all occurrences, comma-joined), or the default when absent. */
export function fieldsFrom(q: URLSearchParams, fallback: string): FieldNode[] {
  const all = q.getAll('fields').filter((f) => f.trim() !== '')
  return parseFields(all.length ? all.join(',') : fallback)
}

function isRef(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v)
}

function selectProps(obj: Record<string, unknown>, nodes: FieldNode[], r: Resolver): Map<string, FieldNode | null> {
  const selected = new Map<string, FieldNode | null>()
  for (const n of nodes) {
    if (n.exclude) continue
    if (PRESETS.has(n.name)) {
      for (const p of r.allProps(obj)) if (!selected.has(p)) selected.set(p, null)
    } else if (n.name === ':identifiable') {
      for (const p of IDENTIFIABLE) selected.set(p, null)
    } else if (n.name === ':nameable') {
      for (const p of NAMEABLE) selected.set(p, null)
    } else if (n.name === ':simple') {
      for (const p of r.allProps(obj)) {
        const v = r.get(obj, p)
        if (v === null || typeof v !== 'object') selected.set(p, null)
      }
    }
  }
  for (const n of nodes) {
    if (n.exclude || n.name.startsWith(':') || n.name === '*') continue
    selected.set(n.name, n)
  }
  for (const n of nodes) if (n.exclude) selected.delete(n.name)
  return selected
}

function shape(value: unknown, children: FieldNode[] | undefined, r: Resolver): unknown {
  if (!children) return value
  if (Array.isArray(value)) return value.map((v) => shape(v, children, r))
  if (isRef(value)) return applyFields(r.expand(value) ?? value, children, r)
  return value
}

function transform(value: unknown, node: FieldNode, r: Resolver): { key: string; value: unknown } {
  let key = node.name
  let v = value
  for (const t of node.transformers) {
    switch (t.name) {
      case 'size':
        v = Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : 0
        break
      case 'isEmpty':
        v = Array.isArray(v) ? v.length === 0 : v === undefined || v === null || v === ''
        break
      case 'isNotEmpty':
        v = Array.isArray(v) ? v.length > 0 : !(v === undefined || v === null || v === '')
        break
      case 'rename':
        if (t.args[0]) key = t.args[0]
        break
      case 'pluck': {
        const field = t.args[0] ?? 'id'
        if (Array.isArray(v)) v = v.map((x) => (isRef(x) ? r.get(r.expand(x) ?? x, field) : x))
        break
      }
      case 'keyBy': {
        const field = t.args[0] ?? 'id'
        if (Array.isArray(v)) v = Object.fromEntries(v.filter(isRef).map((x) => [String(r.get(r.expand(x) ?? x, field)), x]))
        break
      }
      default:
        throw new HttpError(400, `Unknown field transformer: ${t.name}`)
    }
  }
  return { key, value: v }
}

/** Apply parsed fields to one object. Missing properties are omitted, as DHIS2 omits nulls. */
export function applyFields(obj: Record<string, unknown>, nodes: FieldNode[], r: Resolver): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [prop, node] of selectProps(obj, nodes, r)) {
    let value = r.get(obj, prop)
    if (node) {
      const hasTransform = node.transformers.length > 0
      if (!hasTransform || node.children) value = shape(value, node.children, r)
      if (hasTransform) {
        const t = transform(value, node, r)
        if (t.value !== undefined) out[t.key] = t.value
        continue
      }
    }
    if (value !== undefined && value !== null) out[prop] = value
  }
  return out
}

/** A resolver for plain JSON objects (tracker records): no virtual properties, no expansion. */
export const plainResolver: Resolver = {
  allProps: (obj) => Object.keys(obj),
  get: (obj, prop) => obj[prop],
  expand: () => undefined,
}
