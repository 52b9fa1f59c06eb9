/**
 * Aggregate data: /api/dataValueSets import (dry run, strategies, id schemes, conflicts) and
 * export, and /api/completeDataSetRegistrations (completeness and timeliness).
 */
import { isoOfDay, parsePeriod } from '../analytics/periods'
import type { CompleteRegistration, DataValue, SandboxUser } from '../model'
import { dataValueKey, DEFAULT_COC, registrationKey, type Store } from './store'
import type { MetaObject } from './types'
import { checkValue } from './values'
import { registerReplayer } from './writeOps'

type Obj = Record<string, unknown>

export class DataParamError extends Error {}

export interface DataValueParams {
  dryRun: boolean
  importStrategy: 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE'
  idScheme: string
  dataElementIdScheme: string
  orgUnitIdScheme: string
  categoryOptionComboIdScheme: string
}

const SCHEMES = ['UID', 'CODE', 'NAME']

export function parseDataValueParams(p: Record<string, string>): DataValueParams {
  const scheme = (key: string, fallback: string) => {
    const v = (p[key] ?? fallback).toUpperCase()
    if (!SCHEMES.includes(v)) throw new DataParamError(`Value '${p[key]}' is not valid for parameter ${key}. Valid values are: [${SCHEMES.join(', ')}]`)
    return v
  }
  const strategy = (p.importStrategy ?? p.strategy ?? 'CREATE_AND_UPDATE').toUpperCase().replace('NEW_AND_UPDATES', 'CREATE_AND_UPDATE')
  if (!['CREATE_AND_UPDATE', 'CREATE', 'UPDATE', 'DELETE'].includes(strategy)) throw new DataParamError(`Value '${p.importStrategy}' is not valid for parameter importStrategy. Valid values are: [CREATE_AND_UPDATE, CREATE, UPDATE, DELETE]`)
  const idScheme = scheme('idScheme', 'UID')
  return {
    dryRun: (p.dryRun ?? '').toLowerCase() === 'true',
    importStrategy: strategy as DataValueParams['importStrategy'],
    idScheme,
    dataElementIdScheme: scheme('dataElementIdScheme', idScheme),
    orgUnitIdScheme: scheme('orgUnitIdScheme', idScheme),
    categoryOptionComboIdScheme: scheme('categoryOptionComboIdScheme', idScheme),
  }
}

function lookup(store: Store, collection: string, scheme: string, ref: unknown): MetaObject | undefined {
  if (typeof ref !== 'string' || !ref) return undefined
  if (scheme === 'UID') return store.get(collection, ref)
  const prop = scheme === 'CODE' ? 'code' : 'name'
  for (const o of store.collection(collection).values()) if (o[prop] === ref) return o
  return undefined
}

interface Conflict {
  object: string
  objects: Record<string, string>
  value: string
  errorCode: string
  property: string
  indexes: number[]
}

const IMPORT_OPTIONS = (p: DataValueParams) => ({
  idSchemes: p.idScheme === 'UID' ? {} : { idScheme: p.idScheme },
  dryRun: p.dryRun,
  async: false,
  importStrategy: p.importStrategy,
  mergeMode: 'REPLACE',
  reportMode: 'FULL',
  skipExistingCheck: false,
  sharing: false,
  skipNotifications: false,
  skipAudit: false,
  datasetAllowsPeriods: false,
  strictPeriods: false,
  strictDataElements: false,
  strictCategoryOptionCombos: false,
  strictAttributeOptionCombos: false,
  strictOrganisationUnits: false,
  strictDataSetApproval: false,
  strictDataSetLocking: false,
  strictDataSetInputPeriods: false,
  requireCategoryOptionCombo: false,
  requireAttributeOptionCombo: false,
  skipPatternValidation: false,
  ignoreEmptyCollection: false,
  force: false,
  firstRowIsHeader: true,
  skipLastUpdated: false,
  mergeDataValues: false,
  skipCache: false,
})

export interface DataImportResult {
  status: number
  body: Obj
  committed: boolean
}

/** The web message around an ImportSummary, as 2.40–2.42 wrap it. */
export function wrapSummary(summary: Obj): { status: number; body: Obj } {
  const s = summary.status
  if (s === 'SUCCESS') return { status: 200, body: { httpStatus: 'OK', httpStatusCode: 200, status: 'OK', message: 'Import was successful.', response: summary } }
  if (s === 'WARNING') return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'WARNING', message: 'One more conflicts encountered, please check import summary.', response: summary } }
  return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'An error occurred, please check import summary.', response: summary } }
}

export function importDataValues(store: Store, body: unknown, p: DataValueParams, user: SandboxUser): DataImportResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DataParamError('Data value set must be a JSON object')
  const set = body as Obj
  const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 }
  const conflicts: Conflict[] = []
  const rejected: number[] = []
  const addConflict = (index: number, property: string, object: string, value: string, errorCode: string) => {
    const existing = conflicts.find((c) => c.errorCode === errorCode && c.object === object)
    if (existing) existing.indexes.push(index)
    else conflicts.push({ object, objects: { [property]: object }, value, errorCode, property, indexes: [index] })
    if (!rejected.includes(index)) rejected.push(index)
  }
  let dataSet: MetaObject | undefined
  if (set.dataSet !== undefined) {
    dataSet = lookup(store, 'dataSets', p.idScheme, set.dataSet)
    if (!dataSet) {
      const summary = { responseType: 'ImportSummary', status: 'ERROR', importOptions: IMPORT_OPTIONS(p), description: `Data set not found or not accessible: \`${String(set.dataSet)}\``, importCount: count, conflicts: [{ object: String(set.dataSet), objects: { dataSet: String(set.dataSet) }, value: `Data set not found or not accessible: \`${String(set.dataSet)}\``, errorCode: 'E7600', property: 'dataSet', indexes: [] }], rejectedIndexes: [], dataSetComplete: 'false' }
      return { ...wrapSummary(summary), committed: false }
    }
  }
  const values = Array.isArray(set.dataValues) ? (set.dataValues as Obj[]) : []
  const now = store.now()
  const writes: Array<{ key: string; dv: (DataValue & { comment?: string }) | null }> = []
  const pending = new Map<string, DataValue | null>()
  values.forEach((raw, index) => {
    if (!raw || typeof raw !== 'object') {
      count.ignored++
      addConflict(index, 'dataValue', String(index), 'Data value is not an object', 'E7600')
      return
    }
    const de = lookup(store, 'dataElements', p.dataElementIdScheme, raw.dataElement)
    const periodId = String(raw.period ?? set.period ?? '')
    const period = parsePeriod(periodId)
    const ou = lookup(store, 'organisationUnits', p.orgUnitIdScheme, raw.orgUnit ?? set.orgUnit)
    const cocRef = raw.categoryOptionCombo ?? DEFAULT_COC
    const coc = raw.categoryOptionCombo === undefined ? store.get('categoryOptionCombos', DEFAULT_COC) : lookup(store, 'categoryOptionCombos', p.categoryOptionComboIdScheme, cocRef)
    const aocRef = raw.attributeOptionCombo ?? set.attributeOptionCombo ?? DEFAULT_COC
    const aoc = aocRef === DEFAULT_COC ? store.get('categoryOptionCombos', DEFAULT_COC) : lookup(store, 'categoryOptionCombos', p.categoryOptionComboIdScheme, aocRef)
    const before = rejected.length
    if (!de) addConflict(index, 'dataElement', String(raw.dataElement), `Data element not found or not accessible: \`${String(raw.dataElement)}\``, 'E7610')
    if (!period) addConflict(index, 'period', periodId, `Period not valid: \`${periodId}\``, 'E7611')
    if (!ou) addConflict(index, 'orgUnit', String(raw.orgUnit ?? set.orgUnit), `Organisation unit not found or not accessible: \`${String(raw.orgUnit ?? set.orgUnit)}\``, 'E7612')
    else if (!user.authorities.includes('ALL') && !user.organisationUnits.some((r) => String(ou.path).split('/').includes(r))) addConflict(index, 'orgUnit', ou.id, `Organisation unit not in hierarchy of current user: \`${ou.id}\``, 'E7617')
    if (!coc) addConflict(index, 'categoryOptionCombo', String(cocRef), `Category option combo not found or not accessible for writing data: \`${String(cocRef)}\``, 'E7613')
    else if (de && raw.categoryOptionCombo !== undefined) {
      const cc = store.get('categoryCombos', (de.categoryCombo as { id?: string } | undefined)?.id ?? '')
      const allowed = ((cc?.categoryOptionCombos as Array<{ id: string }>) ?? []).map((x) => x.id)
      const belongs = (coc.categoryCombo as { id?: string } | undefined)?.id === cc?.id || allowed.includes(coc.id)
      if (cc && !belongs) addConflict(index, 'categoryOptionCombo', coc.id, `Category option combo: \`${coc.id}\` must be part of category combo of data element: \`${de.id}\``, 'E7614')
    }
    if (!aoc) addConflict(index, 'attributeOptionCombo', String(aocRef), `Attribute option combo not found or not accessible for writing data: \`${String(aocRef)}\``, 'E7615')
    const value = raw.value === null || raw.value === undefined ? '' : String(raw.value)
    if (de && value !== '' && p.importStrategy !== 'DELETE') {
      const why = checkValue(store, de, value)
      if (why) addConflict(index, 'value', value, `Value must match data element's \`${de.id}\` type constraints: ${why}`, 'E7619')
    }
    if (rejected.length > before) {
      count.ignored++
      return
    }
    const dv: DataValue & { comment?: string } = { dataElement: de!.id, period: period!.id, orgUnit: ou!.id, categoryOptionCombo: coc!.id, attributeOptionCombo: aoc!.id, value }
    const key = dataValueKey(dv)
    const current = pending.has(key) ? pending.get(key) : store.dataValues.get(key)
    const exists = !!current && !(current as { deleted?: boolean }).deleted
    if (p.importStrategy === 'DELETE' || (value === '' && raw.comment === undefined)) {
      if (exists) {
        count.deleted++
        writes.push({ key, dv: null })
        pending.set(key, null)
      } else count.ignored++
      return
    }
    if (p.importStrategy === 'CREATE' && exists) return void count.ignored++
    if (p.importStrategy === 'UPDATE' && !exists) return void count.ignored++
    if (exists) count.updated++
    else count.imported++
    const stored = { ...dv, storedBy: user.username, created: exists ? (current as DataValue).created : now, lastUpdated: now, ...(typeof raw.comment === 'string' ? { comment: raw.comment } : {}) }
    writes.push({ key, dv: stored })
    pending.set(key, stored)
  })
  const commit = !p.dryRun && writes.length > 0
  if (commit) {
    for (const w of writes) {
      if (w.dv) store.dataValues.set(w.key, w.dv)
      else store.dataValues.delete(w.key)
    }
  }
  let dataSetComplete: string | false = false
  if (dataSet && typeof set.completeDate === 'string' && set.completeDate && set.period && set.orgUnit) {
    const ou = lookup(store, 'organisationUnits', p.orgUnitIdScheme, set.orgUnit)
    if (ou && parsePeriod(String(set.period))) {
      dataSetComplete = set.completeDate
      if (!p.dryRun) {
        const reg: CompleteRegistration = { dataSet: dataSet.id, period: String(set.period), organisationUnit: ou.id, attributeOptionCombo: DEFAULT_COC, date: `${set.completeDate.slice(0, 10)}T00:00:00.000`, completed: true }
        store.registrations.set(registrationKey(reg), { ...reg, storedBy: user.username })
      }
    }
  }
  if (commit || (dataSetComplete && !p.dryRun)) store.touch()
  const status = conflicts.length ? 'WARNING' : 'SUCCESS'
  const summary: Obj = {
    responseType: 'ImportSummary',
    status,
    importOptions: IMPORT_OPTIONS(p),
    description: 'Import process completed successfully',
    importCount: count,
    conflicts,
    rejectedIndexes: rejected.sort((a, b) => a - b),
    dataSetComplete: dataSetComplete ? dataSetComplete : 'false',
  }
  return { ...wrapSummary(summary), committed: commit || (!!dataSetComplete && !p.dryRun) }
}

/** GET /api/dataValueSets: values of data sets/elements for periods or a date range, org units (children). */
export function exportDataValues(store: Store, q: URLSearchParams): { status: number; body: Obj } {
  const ids = (name: string) => q.getAll(name).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
  const dataSets = ids('dataSet')
  const dataElements = new Set(ids('dataElement'))
  for (const ds of dataSets) {
    const d = store.get('dataSets', ds)
    if (!d) return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: `Data set not found or not accessible: \`${ds}\``, errorCode: 'E2013' } }
    for (const dse of (d.dataSetElements as Array<{ dataElement?: { id?: string } }>) ?? []) if (dse.dataElement?.id) dataElements.add(dse.dataElement.id)
  }
  for (const g of ids('dataElementGroup')) for (const de of (store.get('dataElementGroups', g)?.dataElements as Array<{ id: string }>) ?? []) dataElements.add(de.id)
  if (!dataSets.length && !dataElements.size && !ids('dataElementGroup').length) return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'At least one data set or data element group must be specified', errorCode: 'E2001' } }
  const periods = new Set(ids('period'))
  const start = q.get('startDate')
  const end = q.get('endDate')
  const lastUpdated = q.get('lastUpdated')
  if (!periods.size && !(start && end) && !lastUpdated) return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'At least one valid period, start/end dates, last updated or last updated duration must be specified', errorCode: 'E2002' } }
  const ous = ids('orgUnit')
  if (!ous.length && !ids('orgUnitGroup').length) return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'At least one valid organisation unit or organisation unit group must be specified', errorCode: 'E2006' } }
  const children = (q.get('children') ?? q.get('includeDescendants') ?? '').toLowerCase() === 'true'
  const ouSet = new Set<string>()
  const walk = (id: string) => {
    ouSet.add(id)
    if (children) for (const c of store.childrenOf(id)) walk(c)
  }
  ous.forEach(walk)
  for (const g of ids('orgUnitGroup')) for (const o of (store.get('organisationUnitGroups', g)?.organisationUnits as Array<{ id: string }>) ?? []) ouSet.add(o.id)
  const inDates = (pe: string) => {
    if (!start || !end) return false
    const p = parsePeriod(pe)
    return !!p && isoOfDay(p.start) >= start && isoOfDay(p.end) <= end
  }
  const out: Obj[] = []
  for (const dv of store.dataValues.values()) {
    if (!dataElements.has(dv.dataElement) || !ouSet.has(dv.orgUnit)) continue
    if (periods.size || start) {
      if (!periods.has(dv.period) && !inDates(dv.period)) continue
    }
    if (lastUpdated && (dv.lastUpdated ?? '') < lastUpdated) continue
    out.push({ dataElement: dv.dataElement, period: dv.period, orgUnit: dv.orgUnit, categoryOptionCombo: dv.categoryOptionCombo, attributeOptionCombo: dv.attributeOptionCombo, value: dv.value, storedBy: dv.storedBy ?? 'system', created: dv.created ?? '2024-01-01T00:00:00.000', lastUpdated: dv.lastUpdated ?? dv.created ?? '2024-01-01T00:00:00.000', comment: dv.comment, followup: false })
  }
  const body: Obj = {}
  if (dataSets.length === 1) body.dataSet = dataSets[0]
  if (periods.size === 1 && !start) body.period = [...periods][0]
  if (ous.length === 1 && !children) body.orgUnit = ous[0]
  body.dataValues = out.map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)))
  return { status: 200, body }
}

// ---- complete data set registrations ------------------------------------------------------------

export function exportRegistrations(store: Store, q: URLSearchParams): { status: number; body: Obj } {
  const ids = (name: string) => q.getAll(name).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)
  const dataSets = new Set(ids('dataSet'))
  if (!dataSets.size) return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'At least one data set must be specified', errorCode: 'E2013' } }
  const periods = new Set(ids('period'))
  const start = q.get('startDate')
  const end = q.get('endDate')
  const children = (q.get('children') ?? '').toLowerCase() === 'true'
  const ouSet = new Set<string>()
  const walk = (id: string) => {
    ouSet.add(id)
    if (children) for (const c of store.childrenOf(id)) walk(c)
  }
  ids('orgUnit').forEach(walk)
  const out: Obj[] = []
  for (const r of store.registrations.values()) {
    if (!dataSets.has(r.dataSet)) continue
    if (ouSet.size && !ouSet.has(r.organisationUnit)) continue
    if (periods.size && !periods.has(r.period)) continue
    if (start && end) {
      const p = parsePeriod(r.period)
      if (!p || isoOfDay(p.start) < start || isoOfDay(p.end) > end) continue
    }
    out.push({ period: r.period, dataSet: r.dataSet, organisationUnit: r.organisationUnit, attributeOptionCombo: r.attributeOptionCombo ?? DEFAULT_COC, date: r.date, storedBy: r.storedBy ?? 'system', completed: r.completed })
  }
  return { status: 200, body: { completeDataSetRegistrations: out } }
}

export function importRegistrations(store: Store, body: unknown, dryRun: boolean, user: SandboxUser): DataImportResult {
  const list = body && typeof body === 'object' && Array.isArray((body as Obj).completeDataSetRegistrations) ? ((body as Obj).completeDataSetRegistrations as Obj[]) : null
  if (!list) throw new DataParamError('Body must be {"completeDataSetRegistrations": [...]}')
  const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 }
  const conflicts: Conflict[] = []
  const now = store.now()
  const writes: Array<CompleteRegistration & { storedBy: string }> = []
  list.forEach((r, index) => {
    const ds = store.get('dataSets', String(r.dataSet ?? ''))
    const ou = store.get('organisationUnits', String(r.organisationUnit ?? ''))
    const pe = parsePeriod(String(r.period ?? ''))
    const c = (property: string, object: string, value: string, errorCode: string) => conflicts.push({ object, objects: { [property]: object }, value, errorCode, property, indexes: [index] })
    if (!ds) c('dataSet', String(r.dataSet), `Data set not found or not accessible: \`${String(r.dataSet)}\``, 'E7600')
    if (!ou) c('organisationUnit', String(r.organisationUnit), `Organisation unit not found or not accessible: \`${String(r.organisationUnit)}\``, 'E7612')
    if (!pe) c('period', String(r.period), `Period not valid: \`${String(r.period)}\``, 'E7611')
    if (!ds || !ou || !pe) return void count.ignored++
    const reg = { dataSet: ds.id, period: pe.id, organisationUnit: ou.id, attributeOptionCombo: String(r.attributeOptionCombo ?? DEFAULT_COC), date: typeof r.date === 'string' && r.date ? r.date : now, completed: r.completed !== false, storedBy: user.username }
    if (store.registrations.has(registrationKey(reg))) count.updated++
    else count.imported++
    writes.push(reg)
  })
  if (!dryRun) {
    for (const w of writes) store.registrations.set(registrationKey(w), w)
    if (writes.length) store.touch()
  }
  const summary: Obj = { responseType: 'ImportSummary', status: conflicts.length ? 'WARNING' : 'SUCCESS', importOptions: { dryRun, async: false, importStrategy: 'CREATE_AND_UPDATE' }, description: 'Import process completed successfully', importCount: count, conflicts, rejectedIndexes: [...new Set(conflicts.flatMap((c) => c.indexes))] }
  return { ...wrapSummary(summary), committed: !dryRun && writes.length > 0 }
}

export function deleteRegistration(store: Store, q: URLSearchParams): boolean {
  const ds = q.get('ds') ?? q.get('dataSet')
  const pe = q.get('pe') ?? q.get('period')
  const ou = q.get('ou') ?? q.get('orgUnit')
  if (!ds || !pe || !ou) throw new DataParamError('Parameters ds, pe and ou are required')
  const key = registrationKey({ dataSet: ds, period: pe, organisationUnit: ou, attributeOptionCombo: q.get('cc') && q.get('cp') ? undefined : DEFAULT_COC })
  const existed = store.registrations.delete(key)
  if (existed) store.touch()
  return existed
}

registerReplayer('dataValueSets', (store, e) => {
  if (e.op !== 'dataValueSets') return
  importDataValues(store, e.body, parseDataValueParams(e.params), store.user(e.user)!)
})
registerReplayer('completeRegistrations', (store, e) => {
  if (e.op !== 'completeRegistrations') return
  if (e.method === 'DELETE') deleteRegistration(store, new URLSearchParams(e.params))
  else importRegistrations(store, e.body, false, store.user(e.user)!)
})
