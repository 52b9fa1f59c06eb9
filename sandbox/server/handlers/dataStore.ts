/**
 * /api/dataStore and /api/userDataStore: namespaces of JSON values with DHIS2's status codes and
 * messages (404 on a missing key or namespace, 409 on POST to an existing key), the 2.40+ query
 * API (`?fields=` → `{pager, entries}`) and the key metaData view.
 */
import type { Store } from '../../store/store'
import { error, HttpError, intParam, ok, parseJsonBody, webMessage, type Ctx, type Reply } from '../http'

type Scope = 'global' | 'user'

function space(store: Store, scope: Scope, username: string): Map<string, Map<string, unknown>> {
  if (scope === 'global') return store.dataStore
  let s = store.userDataStore.get(username)
  if (!s) store.userDataStore.set(username, (s = new Map()))
  return s
}

const meta = new WeakMap<Map<string, unknown>, Map<string, { created: string; lastUpdated: string; createdBy: string }>>()

function stamps(ns: Map<string, unknown>): Map<string, { created: string; lastUpdated: string; createdBy: string }> {
  let m = meta.get(ns)
  if (!m) meta.set(ns, (m = new Map()))
  return m
}

/** Apply one dataStore write (used by the handlers and by the write-log replay). */
export function applyDataStoreWrite(store: Store, scope: Scope, username: string, method: 'PUT' | 'POST' | 'DELETE', namespace: string, key: string | undefined, value?: unknown): void {
  const s = space(store, scope, username)
  if (method === 'DELETE' && key === undefined) {
    s.delete(namespace)
    return
  }
  let ns = s.get(namespace)
  if (!ns) s.set(namespace, (ns = new Map()))
  if (method === 'DELETE') {
    ns.delete(key!)
    stamps(ns).delete(key!)
    if (ns.size === 0) s.delete(namespace)
    return
  }
  const now = store.now()
  const st = stamps(ns).get(key!)
  stamps(ns).set(key!, { created: st?.created ?? now, lastUpdated: now, createdBy: username })
  ns.set(key!, value)
}

function extract(value: unknown, path: string): unknown {
  if (path === '.') return value
  let v: unknown = value
  for (const p of path.split('.')) {
    if (!v || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[p]
  }
  return v
}

export function dataStoreHandler(scope: Scope) {
  return async (ctx: Ctx): Promise<Reply> => {
    const user = ctx.user
    if (!user) throw new HttpError(401, 'Unauthorized')
    const [namespace, key, sub] = ctx.params
    const s = space(ctx.store, scope, user.username)
    const method = ctx.method
    const nsNotFound = () => error(404, `Namespace not found: '${namespace}'`)
    const keyNotFound = () => error(404, `Key '${key}' not found in namespace '${namespace}'`)

    if (!namespace) {
      if (method !== 'GET') return error(405, 'Method Not Allowed')
      return ok([...s.keys()].sort())
    }
    const ns = s.get(namespace)
    if (!key) {
      if (method === 'GET') {
        if (!ns) return nsNotFound()
        const fields = ctx.query.get('fields')
        if (fields === null) return ok([...ns.keys()].sort())
        const paths = fields.split(',').map((f) => f.trim()).filter(Boolean)
        const keys = [...ns.keys()].sort()
        const paging = (ctx.query.get('paging') ?? 'true') !== 'false'
        const page = Math.max(1, intParam(ctx.query, 'page', 1))
        const pageSize = Math.max(1, intParam(ctx.query, 'pageSize', 50))
        const slice = paging ? keys.slice((page - 1) * pageSize, page * pageSize) : keys
        const entries = slice.map((k) => {
          const e: Record<string, unknown> = { key: k }
          for (const p of paths) {
            if (p === '.') e.value = ns.get(k)
            else {
              const v = extract(ns.get(k), p)
              if (v !== undefined) e[p] = v
            }
          }
          return e
        })
        return ok(paging ? { pager: { page, pageSize }, entries } : { entries })
      }
      if (method === 'DELETE') {
        if (!ns) return nsNotFound()
        applyDataStoreWrite(ctx.store, scope, user.username, 'DELETE', namespace, undefined)
        ctx.store.record({ op: 'dataStore', at: ctx.store.now(), user: user.username, scope, method: 'DELETE', namespace })
        return ok(webMessage(200, `Namespace '${namespace}' deleted.`))
      }
      return error(405, 'Method Not Allowed')
    }
    const exists = !!ns && ns.has(key)
    if (sub === 'metaData') {
      if (method !== 'GET') return error(405, 'Method Not Allowed')
      if (!exists) return keyNotFound()
      const st = stamps(ns!).get(key)
      return ok({ created: st?.created, lastUpdated: st?.lastUpdated, createdBy: st?.createdBy, key, namespace, value: JSON.stringify(ns!.get(key)) })
    }
    if (sub) return error(404, 'Not Found')
    switch (method) {
      case 'GET':
        if (!exists) return keyNotFound()
        return ok(ns!.get(key))
      case 'POST':
      case 'PUT': {
        if (method === 'POST' && exists) return error(409, `Key '${key}' already exists in namespace '${namespace}'`)
        if (method === 'PUT' && !exists) return keyNotFound()
        const text = await ctx.text()
        let value: unknown
        try {
          value = parseJsonBody(text)
        } catch {
          return error(400, `Invalid JSON value for key '${key}'`)
        }
        applyDataStoreWrite(ctx.store, scope, user.username, method, namespace, key, value)
        ctx.store.record({ op: 'dataStore', at: ctx.store.now(), user: user.username, scope, method, namespace, key, value })
        return method === 'POST' ? { status: 201, json: webMessage(201, `Key '${key}' created.`) } : ok(webMessage(200, `Key '${key}' updated.`))
      }
      case 'DELETE':
        if (!exists) return keyNotFound()
        applyDataStoreWrite(ctx.store, scope, user.username, 'DELETE', namespace, key)
        ctx.store.record({ op: 'dataStore', at: ctx.store.now(), user: user.username, scope, method: 'DELETE', namespace, key })
        return ok(webMessage(200, `Key '${key}' deleted from namespace '${namespace}'.`))
      default:
        return error(405, 'Method Not Allowed')
    }
  }
}
