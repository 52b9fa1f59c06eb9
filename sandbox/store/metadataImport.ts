/**
 * POST /api/metadata: validates a metadata payload like DHIS2's object bundle validation (UID
 * format E4014, required E4000, lengths E4001/E4002, enums E4003 [approximate], uniqueness E5003
 * against the store and E5005 within the payload, references E5002, strategy E5000/E5001), then
 * commits it in dependency order, or nothing at all under atomicMode=ALL. Returns DHIS2's
 * ImportReport wrapped in the 2.40–2.42 web message.
 */
import { uidRandom } from './uidRandom'
import { constraintsAvailable, constraintsOf, enumValues } from './constraints'
import { EMBEDDED, importRank, typeOf, UNCHECKED_REFS, type TypeInfo } from './schema'
import { DEFAULT_CATEGORY_COMBO, type Store } from './store'
import type { MetaObject } from './types'

export const UID_RE = /^[a-zA-Z][a-zA-Z0-9]{10}$/

export interface ErrorReport {
  message: string
  mainKlass: string
  errorKlass?: string
  errorCode: string
  mainId?: string
  errorProperty?: string
  errorProperties: string[]
  value?: unknown
}

interface ObjectReport {
  klass: string
  index: number
  uid: string
  displayName?: string
  errorReports: ErrorReport[]
}

interface Stats {
  created: number
  updated: number
  deleted: number
  ignored: number
  total: number
}

const zero = (): Stats => ({ created: 0, updated: 0, deleted: 0, ignored: 0, total: 0 })

export interface MetadataImportParams {
  importMode: 'COMMIT' | 'VALIDATE'
  importStrategy: 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE'
  atomicMode: 'ALL' | 'NONE'
  identifier: 'UID' | 'CODE' | 'AUTO'
  importReportMode: 'ERRORS' | 'FULL' | 'DEBUG'
}

const ENUMS: Record<keyof MetadataImportParams, string[]> = {
  importMode: ['COMMIT', 'VALIDATE'],
  importStrategy: ['CREATE_AND_UPDATE', 'CREATE', 'UPDATE', 'DELETE', 'NEW_AND_UPDATES', 'NEW', 'UPDATES', 'DELETES'],
  atomicMode: ['ALL', 'NONE'],
  identifier: ['UID', 'CODE', 'AUTO'],
  importReportMode: ['ERRORS', 'FULL', 'DEBUG', 'ERRORS_NOT_OWNER'],
}

const LEGACY_STRATEGY: Record<string, MetadataImportParams['importStrategy']> = { NEW_AND_UPDATES: 'CREATE_AND_UPDATE', NEW: 'CREATE', UPDATES: 'UPDATE', DELETES: 'DELETE' }

export class ParamError extends Error {}

export function parseImportParams(p: Record<string, string>): MetadataImportParams {
  const pick = <K extends keyof MetadataImportParams>(key: K, fallback: MetadataImportParams[K], alias?: string): MetadataImportParams[K] => {
    const raw = p[key] ?? (alias ? p[alias] : undefined)
    if (raw === undefined || raw === '') return fallback
    const v = raw.toUpperCase()
    if (!ENUMS[key].includes(v)) throw new ParamError(`Value '${raw}' is not valid for parameter ${key}. Valid values are: [${ENUMS[key].join(', ')}]`)
    return (key === 'importStrategy' ? (LEGACY_STRATEGY[v] ?? v) : v) as MetadataImportParams[K]
  }
  const dryRun = (p.dryRun ?? '').toLowerCase() === 'true'
  return {
    importMode: dryRun ? 'VALIDATE' : pick('importMode', 'COMMIT'),
    importStrategy: pick('importStrategy', 'CREATE_AND_UPDATE', 'strategy'),
    atomicMode: pick('atomicMode', 'ALL'),
    identifier: pick('identifier', 'UID'),
    importReportMode: pick('importReportMode', 'ERRORS'),
  }
}

interface Item {
  type: TypeInfo
  index: number
  obj: MetaObject
  existing?: MetaObject
  errors: ErrorReport[]
}

const IGNORED_KEYS = new Set(['system', 'package', 'date', 'schemas'])

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Class name for a property that references other objects (dataElement → DataElement). */
function klassOfProperty(prop: string): string {
  const singular = prop.endsWith('ies') ? `${prop.slice(0, -3)}y` : prop.endsWith('ses') && !prop.endsWith('Sets') ? prop.slice(0, -2) : prop.replace(/s$/, '')
  return capital(singular)
}

function isRefLike(v: unknown): v is { id: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'string'
}

const AUTO_FILLED_REFS: Record<string, string> = { categoryCombo: DEFAULT_CATEGORY_COMBO, attributeCombo: DEFAULT_CATEGORY_COMBO, enrollmentCategoryCombo: DEFAULT_CATEGORY_COMBO }
/** Required props that are Java primitives or defaulted by DHIS2 (never E4000 when absent). */
const DEFAULTED = new Set(['zeroIsSignificant', 'trigramIndexable', 'showRowTotals', 'showColumnTotals', 'version', 'sortOrder', 'disableCollapsibleSections'])

export interface ImportResult {
  status: number
  body: Record<string, unknown>
  report: Record<string, unknown>
  committed: boolean
  /** The payload with server-assigned UIDs filled in (what the write log records). */
  normalized: Record<string, unknown[]>
}

export function importMetadata(store: Store, payload: unknown, params: MetadataImportParams): ImportResult {
  const version = store.version
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ParamError('Metadata payload must be a JSON object of collections')
  }
  // ---- collect -------------------------------------------------------------------------------
  const items: Item[] = []
  const collections = Object.entries(payload as Record<string, unknown>)
    .filter(([k, v]) => !IGNORED_KEYS.has(k) && Array.isArray(v))
    .sort((a, b) => importRank(a[0]) - importRank(b[0]))
  const payloadIds = new Map<string, string>() // id → collection
  for (const [collection, list] of collections) {
    const type = typeOf(collection)
    ;(list as unknown[]).forEach((raw, index) => {
      const errors: ErrorReport[] = []
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        errors.push({ message: `Object at index ${index} of ${collection} is not a JSON object.`, mainKlass: type.klass, errorCode: 'E4000', errorProperties: [] })
        items.push({ type, index, obj: { id: '' }, errors })
        return
      }
      const obj = { ...(raw as Record<string, unknown>) } as MetaObject
      let existing: MetaObject | undefined
      if (typeof obj.id === 'string' && obj.id) existing = store.get(collection, obj.id)
      if (!existing && params.identifier !== 'UID' && typeof obj.code === 'string') {
        existing = [...store.collection(collection).values()].find((o) => o.code === obj.code)
        if (existing && !obj.id) obj.id = existing.id
      }
      if (obj.id === undefined || obj.id === null || obj.id === '') obj.id = existing?.id ?? uidRandom()
      if (typeof obj.id !== 'string' || !UID_RE.test(obj.id)) {
        errors.push({ message: `Invalid UID \`${String(obj.id)}\` for property \`${type.name}\``, mainKlass: type.klass, errorCode: 'E4014', errorProperty: 'id', errorProperties: [String(obj.id), type.name], value: obj.id })
      }
      payloadIds.set(String(obj.id), collection)
      items.push({ type, index, obj, existing, errors })
    })
  }

  // ---- validate ------------------------------------------------------------------------------
  const seenUnique = new Map<string, Map<string, MetaObject>>() // `${collection}.${prop}` → value → obj
  for (const item of items) {
    const { type, obj, existing, errors } = item
    if (!obj.id) continue
    const strategy = params.importStrategy
    if (strategy === 'CREATE' && existing) {
      errors.push({ message: `Found matching object for reference, but import mode is CREATE. Identifier was ${obj.id}, and object was ${type.name}.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E5000', errorProperties: [obj.id] })
      continue
    }
    if ((strategy === 'UPDATE' || strategy === 'DELETE') && !existing) {
      errors.push({ message: `No matching object for reference. Identifier was ${obj.id}, and object was ${type.name}.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E5001', errorProperties: [obj.id] })
      continue
    }
    if (strategy === 'DELETE') continue
    // properties
    const cons = constraintsOf(type.singular, version)
    for (const [prop, c] of Object.entries(cons)) {
      const v = obj[prop]
      const missing = v === undefined || v === null || v === ''
      if (missing) {
        if (AUTO_FILLED_REFS[prop]) {
          obj[prop] = { id: AUTO_FILLED_REFS[prop] }
          continue
        }
        if (c.req && !DEFAULTED.has(prop) && (c.len !== undefined || c.min !== undefined || c.enum !== undefined || prop === 'periodType' || prop === 'fromToName')) {
          errors.push({ message: `Missing required property \`${prop}\`.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E4000', errorProperty: prop, errorProperties: [prop] })
        }
        continue
      }
      if (typeof v === 'string') {
        const max = c.max !== undefined ? Math.min(c.max, c.len ?? Infinity) : c.len
        if (max !== undefined && v.length > max) {
          errors.push({ message: `Maximum length of property \`${prop}\`is ${max}, but given length was ${v.length}.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E4001', errorProperty: prop, errorProperties: [prop, String(max), String(v.length)], value: v })
        } else if (c.min !== undefined && v.length < c.min) {
          errors.push({ message: `Allowed length range for property \`${prop}\` is [${c.min} to ${max ?? 255}], but given length was ${v.length}.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E4002', errorProperty: prop, errorProperties: [prop, String(c.min), String(max ?? 255), String(v.length)], value: v })
        }
        if (c.enum) {
          const values = enumValues(c.enum, version)
          if (values && !values.includes(v)) {
            errors.push({ message: `Invalid value \`${v}\` for property \`${prop}\`: allowed values are ${values.join(', ')}.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E4003', errorProperty: prop, errorProperties: [prop], value: v })
          }
        }
      }
      if (c.uniq && (typeof v === 'string' || typeof v === 'number')) {
        const value = String(v)
        const key = `${type.collection}.${prop}`
        let seen = seenUnique.get(key)
        if (!seen) seenUnique.set(key, (seen = new Map()))
        const other = seen.get(value)
        if (other && other.id !== obj.id) {
          errors.push({ message: `Property \`${prop}\` with value \`${value}\` on object ${String(obj.name ?? obj.id)} [${obj.id}] (${type.name}) already exists on object ${String(other.name ?? other.id)} [${other.id}] (${type.name}) in the payload.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E5005', errorProperty: prop, errorProperties: [prop, value], value })
        } else seen.set(value, obj)
        const clash = [...store.collection(type.collection).values()].find((o) => o.id !== obj.id && o[prop] !== undefined && String(o[prop]) === value && !payloadReplaces(o, prop, items, type.collection))
        if (clash) {
          errors.push({ message: `Property \`${prop}\` with value \`${value}\` on object ${String(obj.name ?? obj.id)} [${obj.id}] (${type.name}) already exists on object ${clash.id}.`, mainKlass: type.klass, mainId: obj.id, errorCode: 'E5003', errorProperty: prop, errorProperties: [prop, value, clash.id], value })
        }
      }
    }
    if (type.collection === 'organisationUnits' && (obj.name === undefined || obj.shortName === undefined) && !constraintsAvailable()) {
      errors.push({ message: 'Missing required property `name`.', mainKlass: type.klass, mainId: obj.id, errorCode: 'E4000', errorProperty: 'name', errorProperties: ['name'] })
    }
    // references
    checkReferences(store, obj, type, payloadIds, errors, obj, '')
  }

  // ---- decide and apply -----------------------------------------------------------------------
  const failed = items.some((i) => i.errors.length > 0)
  const atomicFail = failed && params.atomicMode === 'ALL'
  const commit = params.importMode === 'COMMIT' && !atomicFail
  const statsByType = new Map<string, Stats>()
  const now = store.now()
  const ouItems: Item[] = []
  for (const item of items) {
    const s = statsByType.get(item.type.collection) ?? zero()
    statsByType.set(item.type.collection, s)
    s.total++
    if (atomicFail || item.errors.length) {
      s.ignored++
      continue
    }
    if (params.importStrategy === 'DELETE') s.deleted++
    else if (item.existing) s.updated++
    else s.created++
    if (!commit) continue
    if (params.importStrategy === 'DELETE') {
      store.remove(item.type.collection, item.obj.id)
      continue
    }
    const obj: MetaObject = { ...item.obj, created: item.existing?.created ?? item.obj.created ?? now, lastUpdated: now }
    if (item.type.collection === 'organisationUnits') ouItems.push({ ...item, obj })
    else store.put(item.type.collection, obj)
  }
  if (commit && ouItems.length) placeOrgUnits(store, ouItems)
  if (commit && items.some((i) => !i.errors.length)) store.touch()

  // ---- report --------------------------------------------------------------------------------
  const totals = zero()
  const typeReports = [...statsByType.entries()].map(([collection, stats]) => {
    for (const k of Object.keys(totals) as Array<keyof Stats>) totals[k] += stats[k]
    const type = typeOf(collection)
    const objectReports: ObjectReport[] = items
      .filter((i) => i.type.collection === collection && (params.importReportMode !== 'ERRORS' || i.errors.length > 0))
      .map((i) => {
        const r: ObjectReport = { klass: type.klass, index: i.index, uid: i.obj.id, errorReports: i.errors }
        if (typeof i.obj.name === 'string') r.displayName = i.obj.name
        return r
      })
    return { klass: type.klass, stats, objectReports }
  })
  const status = !failed ? 'OK' : atomicFail ? 'ERROR' : 'WARNING'
  const report: Record<string, unknown> = { responseType: 'ImportReport', status, stats: totals, typeReports }
  const body: Record<string, unknown> = failed
    ? { httpStatus: 'Conflict', httpStatusCode: 409, status: 'WARNING', message: 'One or more errors occurred, please see full details in import report.', response: report }
    : { httpStatus: 'OK', httpStatusCode: 200, status: 'OK', response: report }
  const normalized: Record<string, unknown[]> = {}
  for (const item of items) (normalized[item.type.collection] ??= []).push(item.obj)
  return { status: failed ? 409 : 200, body, report, committed: commit && items.some((i) => !i.errors.length), normalized }
}

/** True when the payload also updates `o` and changes its `prop` (so the clash goes away). */
function payloadReplaces(o: MetaObject, prop: string, items: Item[], collection: string): boolean {
  const it = items.find((i) => i.type.collection === collection && i.obj.id === o.id)
  return !!it && it.obj[prop] !== o[prop]
}

function checkReferences(store: Store, value: Record<string, unknown>, type: TypeInfo, payloadIds: Map<string, string>, errors: ErrorReport[], root: MetaObject, path: string): void {
  for (const [prop, v] of Object.entries(value)) {
    if (prop === 'id' || UNCHECKED_REFS.has(prop) || v === null || typeof v !== 'object') continue
    const list = Array.isArray(v) ? v : [v]
    if (EMBEDDED.has(prop)) {
      for (const x of list) if (x && typeof x === 'object' && !Array.isArray(x)) checkReferences(store, x as Record<string, unknown>, type, payloadIds, errors, root, `${path}${prop}.`)
      continue
    }
    for (const x of list) {
      if (!isRefLike(x)) continue
      const id = x.id
      if (payloadIds.has(id) || store.byId.has(id)) continue
      const errorKlass = klassOfProperty(prop)
      errors.push({
        message: `Invalid reference [${id}] (${errorKlass}) on object ${String(root.name ?? root.id)} [${root.id}] (${type.name}) for association \`${prop}\`.`,
        mainKlass: type.klass,
        mainId: root.id,
        errorKlass: `org.hisp.dhis.${errorKlass}`,
        errorCode: 'E5002',
        errorProperty: `${path}${prop}`,
        errorProperties: [id, errorKlass, String(root.id), type.name, prop],
        value: id,
      })
    }
  }
}

/** Insert org units parents first, computing path and level as DHIS2 does. */
function placeOrgUnits(store: Store, items: Item[]): void {
  const pending = [...items]
  let progress = true
  while (pending.length && progress) {
    progress = false
    for (let i = 0; i < pending.length; i++) {
      const obj = pending[i].obj
      const parentId = (obj.parent as { id?: string } | undefined)?.id
      const parent = parentId ? store.get('organisationUnits', parentId) : undefined
      if (parentId && !parent) continue
      obj.path = parent ? `${String(parent.path)}/${obj.id}` : `/${obj.id}`
      obj.level = parent ? Number(parent.level) + 1 : 1
      store.put('organisationUnits', obj)
      pending.splice(i--, 1)
      progress = true
    }
  }
  for (const it of pending) store.put('organisationUnits', it.obj) // parent missing: kept as validated
}
