/**
 * Generic metadata read: /api/<collection>, /api/<collection>/<id>, /api/<collection>/<id>/<property>
 * with fields, filter, rootJunction, order and paging, plus the org-unit specifics (level,
 * includeChildren, includeDescendants, includeAncestors, userOnly, userDataViewOnly, query).
 */
import type { SandboxUser } from '../../model'
import { isKnownCollection, typeOf } from '../../store/schema'
import type { MetaObject } from '../../store/types'
import { applyFields, fieldsFrom } from '../fields'
import { boolParam, error, HttpError, intParam, ok, type Ctx, type Reply } from '../http'
import { applyFilters, applyOrder, pageOf, pagingFrom } from '../query'
import { metadataResolver } from '../resolve'

function requireUser(ctx: Ctx): SandboxUser {
  if (!ctx.user) throw new HttpError(401, 'Unauthorized')
  return ctx.user
}

function selfUrl(ctx: Ctx): string {
  return `${ctx.config.baseUrl}${ctx.req.url ?? ''}`
}

export function hasCollection(ctx: Ctx, collection: string): boolean {
  return isKnownCollection(collection) || ctx.store.metadata.has(collection)
}

function notFound(collection: string, id: string): Reply {
  return error(404, `${typeOf(collection).name} with id ${id} could not be found.`, { errorCode: 'E1005' })
}

function listReply(ctx: Ctx, collection: string, items: MetaObject[], user: SandboxUser, key = collection): Reply {
  const store = ctx.store
  const r = metadataResolver(store, store.localeOf(user), ctx.config.baseUrl)
  let list = applyFilters(items, ctx.query, r)
  list = applyOrder(list, ctx.query, r, collection === 'organisationUnitLevels' ? 'level:asc' : 'name:asc')
  const paging = pagingFrom(ctx.query)
  const page = pageOf(list, paging, selfUrl(ctx))
  const fields = fieldsFrom(ctx.query, 'id,displayName')
  const body: Record<string, unknown> = {}
  if (page.pager) body.pager = page.pager
  body[key] = page.items.map((o) => applyFields(o, fields, r))
  return ok(body)
}

function descendants(ctx: Ctx, id: string): MetaObject[] {
  const out: MetaObject[] = []
  const walk = (x: string) => {
    for (const c of ctx.store.childrenOf(x)) {
      const o = ctx.store.get('organisationUnits', c)
      if (o) out.push(o)
      walk(c)
    }
  }
  walk(id)
  return out
}

function orgUnitList(ctx: Ctx, user: SandboxUser): MetaObject[] {
  const store = ctx.store
  const all = store.collection('organisationUnits')
  const q = ctx.query
  let items: MetaObject[]
  if (boolParam(q, 'userOnly')) items = user.organisationUnits.map((id) => all.get(id)).filter((o): o is MetaObject => !!o)
  else if (boolParam(q, 'userDataViewOnly') || boolParam(q, 'userDataViewFallback')) {
    const ids = user.dataViewOrganisationUnits.length ? user.dataViewOrganisationUnits : user.organisationUnits
    items = ids.map((id) => all.get(id)).filter((o): o is MetaObject => !!o)
  } else items = [...all.values()]
  if (boolParam(q, 'withinUserHierarchy')) items = items.filter((o) => user.organisationUnits.some((u) => String(o.path).includes(u)))
  if (boolParam(q, 'withinUserSearchHierarchy')) items = items.filter((o) => user.teiSearchOrganisationUnits.some((u) => String(o.path).includes(u)))
  const level = q.get('level')
  if (level) items = items.filter((o) => o.level === intParam(q, 'level', 0))
  const maxLevel = q.get('maxLevel')
  if (maxLevel) items = items.filter((o) => Number(o.level) <= intParam(q, 'maxLevel', 99))
  const query = q.get('query')
  if (query) {
    const s = query.toLowerCase()
    items = items.filter((o) => o.id === query || String(o.code ?? '').toLowerCase() === s || String(o.name).toLowerCase().includes(s))
  }
  return items
}

export function readCollection(ctx: Ctx): Reply {
  const user = requireUser(ctx)
  const collection = ctx.params[0]
  if (!hasCollection(ctx, collection)) return error(404, 'Not Found')
  if (collection === 'organisationUnits') return listReply(ctx, collection, orgUnitList(ctx, user), user)
  return listReply(ctx, collection, [...ctx.store.collection(collection).values()], user)
}

export function readObject(ctx: Ctx): Reply {
  const user = requireUser(ctx)
  const [collection, id, property] = ctx.params
  if (!hasCollection(ctx, collection)) return error(404, 'Not Found')
  const store = ctx.store
  const obj = store.get(collection, id)
  if (!obj) return notFound(collection, id)
  const r = metadataResolver(store, store.localeOf(user), ctx.config.baseUrl)
  const q = ctx.query
  if (collection === 'organisationUnits' && !property) {
    const level = q.get('level')
    let list: MetaObject[] | undefined
    if (level) {
      const target = Number(obj.level) + intParam(q, 'level', 0)
      list = descendants(ctx, id).filter((o) => o.level === target)
    } else if (boolParam(q, 'includeDescendants')) list = [obj, ...descendants(ctx, id)]
    else if (boolParam(q, 'includeChildren')) list = [obj, ...store.childrenOf(id).map((c) => store.get('organisationUnits', c)!).filter(Boolean)]
    else if (boolParam(q, 'includeAncestors')) list = [...String(obj.path).split('/').filter(Boolean).map((a) => store.get('organisationUnits', a)!).filter(Boolean)]
    if (list) {
      const fields = fieldsFrom(q, ':all')
      return ok({ organisationUnits: list.map((o) => applyFields(o, fields, r)) })
    }
  }
  if (property) {
    const value = r.get(obj, property)
    if (value === undefined) return error(404, `Property ${property} does not exist on ${typeOf(collection).name}`)
    if (Array.isArray(value)) {
      const items = value.map((v) => (v && typeof v === 'object' ? ((r.expand(v as Record<string, unknown>) ?? v) as MetaObject) : (v as unknown as MetaObject)))
      const objs = items.filter((x) => x && typeof x === 'object')
      const fields = fieldsFrom(q, 'id,displayName')
      return ok({ [property]: applyOrder(applyFilters(objs, q, r), q, r).map((o) => applyFields(o, fields, r)) })
    }
    return ok({ [property]: value })
  }
  return ok(applyFields(obj, fieldsFrom(q, '*'), r))
}

/** GET /api/filledOrganisationUnitLevels: every level, named or not, as a bare array. */
export function filledLevels(ctx: Ctx): Reply {
  requireUser(ctx)
  const store = ctx.store
  const max = Math.max(0, ...[...store.collection('organisationUnits').values()].map((o) => Number(o.level) || 0))
  const named = new Map([...store.collection('organisationUnitLevels').values()].map((l) => [Number(l.level), l]))
  const out: Array<Record<string, unknown>> = []
  for (let l = 1; l <= max; l++) {
    const n = named.get(l)
    out.push(n ? { id: n.id, name: n.name, level: l, offlineLevels: n.offlineLevels } : { name: `Level ${l}`, level: l })
  }
  return ok(out.map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))))
}
