/**
 * Offline validator for ANY DHIS2 metadata JSON (ours and the WHO packages).
 *
 * Checks: UID format; required properties, lengths and enums per DHIS2 version
 * (schema-constraints.json = shared/reference/metadata-constraints.json); uniqueness of
 * code/name/shortName per type as the schemas say; every reference resolvable inside the file, with
 * the right type (or expected on the server: defaults always, more with `expectOnServer`); option
 * sets vs value types; program-indicator expressions and filters, indicator numerators and
 * denominators, validation-rule sides, predictors and program-rule conditions/actions parsed with
 * DHIS2's own parser, and their items checked (UID exists with the right type, data element in the
 * stage's PSDEs, attribute in the program, COC in the data element's category combo, rule variables
 * of the program); legend ranges; category option combos vs their combo; translations present.
 *
 * Each finding names the object type, code/UID and field path. What a live DHIS2 accepted is valid:
 * checks that would misfire on exported packages are warnings, and say why (see RELAXED).
 */
import constraintsJson from './schema-constraints.json'
import { parseExpression, type ExpressionModeName } from './expression'

export type Severity = 'error' | 'warning'

export interface Finding {
  severity: Severity
  /** Schema type (singular), e.g. dataElement. */
  type: string
  id?: string
  code?: string
  name?: string
  /** Field path inside the object, e.g. `programStageDataElements[3].dataElement`. */
  path: string
  message: string
  /** Short stable rule key, e.g. `uid`, `ref`, `length`, `unique`, `expression`. */
  rule: string
}

export type Dhis2Version = '2.40' | '2.41' | '2.42'

export interface ValidateOptions {
  version?: Dhis2Version
  /** Collections whose objects may be referenced without being in the file (e.g. trackedEntityTypes, users). */
  expectOnServer?: string[]
  /** Locales whose translations every translatable object must carry (e.g. ['fr']). */
  requireLocales?: string[]
  /** Treat legend gaps as errors (our own bundle). */
  strict?: boolean
}

export interface ValidationResult {
  errors: Finding[]
  warnings: Finding[]
  /** Objects checked per collection. */
  counts: Record<string, number>
  expressionsParsed: number
  referencesChecked: number
  ms: number
}

interface PropConstraint {
  req?: boolean
  uniq?: boolean
  len?: number
  min?: number
  max?: number
  enum?: string
}

interface TypeConstraints {
  versions: string[]
  props: Record<string, PropConstraint | Record<string, PropConstraint | null> | null>
}

const CONSTRAINTS = constraintsJson as unknown as {
  uid: { regex: string }
  defaultUids: Record<string, string>
  enums: Record<string, string[] | Record<string, string[]>>
  types: Record<string, TypeConstraints>
  core_2_42_5_2_delta: Record<string, unknown>
}

const UID = new RegExp(CONSTRAINTS.uid.regex)
const DEFAULT_UIDS = new Set(Object.values(CONSTRAINTS.defaultUids).filter((v) => UID.test(v)))

/**
 * Required properties that DHIS2 fills when absent (primitive booleans/ints default to false/0,
 * default-class references are auto-filled, enums have a default in the Java class). Reason:
 * packages exported from live servers omit them and import fine.
 */
const DEFAULTED = new Set([
  'zeroIsSignificant', 'skipOffline', 'mobile', 'skipTotal', 'dataDimension', 'compulsory', 'bidirectional', 'referral',
  'annualized', 'repeatable', 'minDaysFromStart', 'sortOrder', 'skipAnalytics', 'unique', 'mandatory', 'trigramIndexable',
  'showRowTotals', 'showColumnTotals', 'categoryCombo', 'attributeCombo', 'enrollmentCategoryCombo', 'aggregationType',
  'dataDimensionType', 'domainType', 'analyticsType', 'evaluationTime', 'version', 'factor',
])

/** Reference property → collection(s) the referenced object must belong to. */
const REF_TARGETS: Record<string, string[]> = {
  program: ['programs'],
  programs: ['programs'],
  programStage: ['programStages'],
  programStages: ['programStages'],
  dataElement: ['dataElements'],
  dataElements: ['dataElements'],
  trackedEntityAttribute: ['trackedEntityAttributes'],
  trackedEntityAttributes: ['trackedEntityAttributes'],
  trackedEntityType: ['trackedEntityTypes'],
  optionSet: ['optionSets'],
  commentOptionSet: ['optionSets'],
  options: ['options'],
  option: ['options'],
  categoryCombo: ['categoryCombos'],
  attributeCombo: ['categoryCombos'],
  enrollmentCategoryCombo: ['categoryCombos'],
  categories: ['categories'],
  category: ['categories'],
  categoryOptions: ['categoryOptions'],
  categoryOption: ['categoryOptions'],
  categoryOptionCombo: ['categoryOptionCombos'],
  categoryOptionCombos: ['categoryOptionCombos'],
  indicatorType: ['indicatorTypes'],
  indicators: ['indicators'],
  legendSet: ['legendSets'],
  legendSets: ['legendSets'],
  programRule: ['programRules'],
  programRuleActions: ['programRuleActions'],
  programStageSection: ['programStageSections'],
  programStageSections: ['programStageSections'],
  dataSet: ['dataSets'],
  dataSets: ['dataSets'],
  sections: ['sections'],
  organisationUnitGroups: ['organisationUnitGroups'],
  groupSets: ['organisationUnitGroupSets'],
  organisationUnitGroupSet: ['organisationUnitGroupSets'],
  organisationUnitGroup: ['organisationUnitGroups'],
  dataElementGroupSet: ['dataElementGroupSets'],
  categoryOptionGroupSet: ['categoryOptionGroupSets'],
  organisationUnitGroupSets: ['organisationUnitGroupSets'],
  organisationUnits: ['organisationUnits'],
  organisationUnit: ['organisationUnits'],
  parent: ['organisationUnits'],
  validationRules: ['validationRules'],
  predictors: ['predictors'],
  output: ['dataElements'],
  outputCombo: ['categoryOptionCombos'],
  dataElementGroups: ['dataElementGroups'],
  indicatorGroups: ['indicatorGroups'],
  visualization: ['visualizations'],
  chart: ['charts', 'visualizations'],
  reportTable: ['reportTables', 'visualizations'],
  map: ['maps'],
  eventChart: ['eventCharts', 'eventVisualizations'],
  eventReport: ['eventReports', 'eventVisualizations'],
  eventVisualization: ['eventVisualizations'],
  dataEntryForm: ['dataEntryForms'],
  user: ['users'],
  users: ['users'],
  createdBy: ['users'],
  lastUpdatedBy: ['users'],
  userGroups: ['userGroups'],
  userRoles: ['userRoles'],
  // attributeValues[].attribute is a metadata attribute; favourites' attributeDimensions[].attribute a TEA
  attribute: ['attributes', 'trackedEntityAttributes'],
  constant: ['constants'],
  relationshipType: ['relationshipTypes'],
  programIndicator: ['programIndicators'],
  programIndicators: ['programIndicators'],
  optionGroups: ['optionGroups'],
  categoryOptionGroups: ['categoryOptionGroups'],
  legends: ['legends'],
}

/** Properties never followed for references (text, sharing, server bookkeeping). */
const SKIP_PROPS = new Set(['sharing', 'translations', 'userAccesses', 'userGroupAccesses', 'favorites', 'access', 'href'])

/**
 * Properties whose `{id}` values are not UIDs of metadata objects: analytical dimensions
 * (`dx`, `pe`, `ou`, period ids such as 202101) and data element operands (`de.coc`). Reason:
 * favourites (visualizations, maps, event reports) and section greyed fields store them so.
 */
const NON_UID_REFS = new Set(['columns', 'rows', 'filters', 'periods', 'relativePeriods', 'greyedFields', 'columnDimensions', 'rowDimensions', 'filterDimensions'])

/**
 * Inverse (non-owning) sides of many-to-many links: the DHIS2 importer ignores them (the owning
 * side, e.g. the group's members, is what is saved), so an unresolved id there is a warning.
 */
const INVERSE: Record<string, string[]> = {
  dataElement: ['dataElementGroups', 'dataSets'],
  indicator: ['indicatorGroups'],
  programIndicator: ['programIndicatorGroups'],
  organisationUnitGroup: ['groupSets'],
  categoryOption: ['categoryOptionGroups', 'categories', 'categoryOptionCombos'],
  category: ['categoryCombos'],
  validationRule: ['validationRuleGroups'],
  predictor: ['predictorGroups'],
  option: ['optionGroups'],
  organisationUnit: ['organisationUnitGroups', 'dataSets', 'programs'],
  user: ['userGroups'],
}

/** Required in the 2.40+ schema, but with a Java default the importer applies (per type). */
const DEFAULTED_BY_TYPE: Record<string, string[]> = {
  // ProgramRuleVariable.valueType defaults to TEXT (older exports have none)
  programRuleVariable: ['valueType'],
}

/** Reference properties whose targets are server bookkeeping: unresolved → warning. */
const SERVER_SIDE = new Set(['user', 'createdBy', 'lastUpdatedBy', 'users', 'organisationUnits', 'organisationUnit', 'parent', 'userGroups', 'attribute'])

/** Keys that a pure reference may carry besides `id`. */
const REF_KEYS = new Set(['id', 'code', 'name', 'displayName', 'shortName', 'path', 'level', 'displayShortName', 'dimensionItem'])

const NUMERIC_VALUE_TYPES = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_NEGATIVE', 'INTEGER_ZERO_OR_POSITIVE', 'UNIT_INTERVAL', 'PERCENTAGE'])
const INTEGER_VALUE_TYPES = new Set(['INTEGER', 'INTEGER_POSITIVE', 'INTEGER_NEGATIVE', 'INTEGER_ZERO_OR_POSITIVE'])
const OPTION_INCOMPATIBLE = new Set(['BOOLEAN', 'TRUE_ONLY', 'FILE_RESOURCE', 'IMAGE', 'COORDINATE', 'GEOJSON', 'ORGANISATION_UNIT', 'REFERENCE'])

/** Translatable property → translation key. */
const TRANSLATABLE: [string, string][] = [
  ['name', 'NAME'],
  ['shortName', 'SHORT_NAME'],
  ['formName', 'FORM_NAME'],
  ['description', 'DESCRIPTION'],
]

type Obj = Record<string, unknown> & { id?: unknown }

interface Indexed {
  collection: string
  obj: Obj
  /** Embedded objects: the owning top-level object. */
  owner?: Obj
}

/** "2.36.1" < "2.40"? (major.minor only) */
function olderThan(a: string, b: string): boolean {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  return (pa[0] ?? 0) < (pb[0] ?? 0) || ((pa[0] ?? 0) === (pb[0] ?? 0) && (pa[1] ?? 0) < (pb[1] ?? 0))
}

export function singular(collection: string): string {
  if (collection === 'categories') return 'category'
  if (collection === 'analyticsPeriodBoundaries') return 'analyticsPeriodBoundary'
  if (collection.endsWith('ies')) return `${collection.slice(0, -3)}y`
  if (collection.endsWith('s')) return collection.slice(0, -1)
  return collection
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const idOf = (v: unknown): string | undefined => (isObj(v) ? str(v.id) : undefined)

function isRef(v: Obj): boolean {
  return Object.keys(v).every((k) => REF_KEYS.has(k)) && typeof v.id === 'string'
}

function constraintFor(type: string, prop: string, version: Dhis2Version): PropConstraint | null {
  const t = CONSTRAINTS.types[type]
  if (!t) return null
  const raw = t.props[prop]
  if (raw === undefined || raw === null) return null
  const keys = Object.keys(raw)
  if (keys.some((k) => k === '2.40' || k === '2.41' || k === 'snap42')) {
    const key = version === '2.42' ? '2.41' : version
    const v = (raw as Record<string, PropConstraint | null>)[key]
    let c = v ? { ...v } : null
    if (version === '2.42') {
      const delta = CONSTRAINTS.core_2_42_5_2_delta[`${type}.${prop}`] as PropConstraint | undefined
      if (delta) c = { ...(c ?? {}), ...delta }
    }
    return c
  }
  const c = { ...(raw as PropConstraint) }
  if (version === '2.42') {
    const delta = CONSTRAINTS.core_2_42_5_2_delta[`${type}.${prop}`] as PropConstraint | undefined
    if (delta) Object.assign(c, delta)
  }
  return c
}

function propsOf(type: string, version: Dhis2Version): string[] {
  const t = CONSTRAINTS.types[type]
  const own = t ? Object.keys(t.props) : []
  if (version === '2.42') {
    for (const k of Object.keys(CONSTRAINTS.core_2_42_5_2_delta)) {
      const [ty, p] = k.split('.')
      if (ty === type && p && !own.includes(p)) own.push(p)
    }
  }
  return own
}

function enumValues(name: string, version: Dhis2Version): string[] | null {
  const e = CONSTRAINTS.enums[name]
  if (!e) return null
  if (Array.isArray(e)) return e
  const key = version === '2.42' ? 'snap42' : version
  const list = (e as Record<string, string[]>)[key] ?? (e as Record<string, string[]>)['2.41']
  if (version === '2.42' && name === 'ValueType') return [...new Set([...(list ?? []), 'TRACKER_ASSOCIATE'])]
  return list ?? null
}

// ---------------------------------------------------------------------------------------------

export function validateMetadata(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const t0 = performance.now()
  const version: Dhis2Version = options.version ?? '2.40'
  const expected = new Set(options.expectOnServer ?? [])
  const findings: Finding[] = []
  const counts: Record<string, number> = {}
  let expressionsParsed = 0
  let referencesChecked = 0

  if (!isObj(input)) {
    return { errors: [{ severity: 'error', type: 'file', path: '', message: 'the file is not a JSON object of collections', rule: 'format' }], warnings: [], counts, expressionsParsed, referencesChecked, ms: performance.now() - t0 }
  }

  // The DHIS2 version that exported the file: package.DHIS2Version, or "DHIS2.34" in the package name.
  const header = input.package
  const exportedBy =
    isObj(header) && typeof header.DHIS2Version === 'string'
      ? header.DHIS2Version
      : /DHIS2[._](\d+)\.?(\d+)?/.exec(isObj(header) ? String(header.name ?? '') : typeof header === 'string' ? header : '')?.slice(1).filter(Boolean).join('.').replace(/^(\d+)$/, '2.$1')
  const add = (severity: Severity, rule: string, type: string, obj: Obj | undefined, path: string, message: string): void => {
    const f: Finding = { severity, rule, type, path, message }
    if (obj) {
      if (typeof obj.id === 'string') f.id = obj.id
      if (typeof obj.code === 'string') f.code = obj.code
      if (typeof obj.name === 'string') f.name = obj.name
    }
    findings.push(f)
  }

  // --- index every object with an id (top-level and embedded definitions)
  const byId = new Map<string, Indexed>()
  const collections: [string, Obj[]][] = []
  for (const [name, value] of Object.entries(input)) {
    if (name === 'package' || name === 'system' || name === 'date') continue
    if (!Array.isArray(value)) continue
    const objs = value.filter(isObj)
    collections.push([name, objs])
    counts[name] = objs.length
  }
  const indexEmbedded = (owner: Obj, v: unknown, prop: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) indexEmbedded(owner, x, prop)
      return
    }
    if (!isObj(v)) return
    if (typeof v.id === 'string' && !isRef(v) && !byId.has(v.id)) byId.set(v.id, { collection: prop, obj: v, owner })
    for (const [k, x] of Object.entries(v)) if (!SKIP_PROPS.has(k) && (isObj(x) || Array.isArray(x))) indexEmbedded(owner, x, k)
  }
  for (const [name, objs] of collections) {
    for (const o of objs) {
      const id = str(o.id)
      if (id === undefined) continue
      const prev = byId.get(id)
      if (prev && !prev.owner) {
        add('error', 'duplicate-id', singular(name), o, 'id', `UID ${id} is also used by ${singular(prev.collection)} ${str(prev.obj.code) ?? str(prev.obj.name) ?? ''}`.trim())
      } else byId.set(id, { collection: name, obj: o })
    }
  }
  for (const [, objs] of collections) for (const o of objs) for (const [k, x] of Object.entries(o)) if (!SKIP_PROPS.has(k) && (isObj(x) || Array.isArray(x))) indexEmbedded(o, x, k)

  const inCollection = (id: string, cols: string[]): boolean => {
    const hit = byId.get(id)
    return !!hit && cols.includes(hit.collection)
  }

  // --- reference resolution
  const checkRef = (type: string, owner: Obj, path: string, prop: string, id: string): void => {
    referencesChecked++
    if (/^<[A-Z0-9_]+>$/.test(id)) {
      add('warning', 'placeholder', type, owner, path, `placeholder ${id} must be replaced with a UID of the target server before import`)
      return
    }
    if (!UID.test(id)) {
      add('error', 'uid', type, owner, path, `reference "${id}" is not a valid DHIS2 UID (${CONSTRAINTS.uid.regex})`)
      return
    }
    const targets = REF_TARGETS[prop]
    const hit = byId.get(id)
    if (hit) {
      if (targets && !targets.includes(hit.collection)) {
        add('error', 'ref-type', type, owner, path, `points at ${singular(hit.collection)} ${id}${str(hit.obj.code) ? ` (${str(hit.obj.code)})` : ''}, expected ${targets.map(singular).join(' or ')}`)
      }
      return
    }
    if (DEFAULT_UIDS.has(id)) return
    if (targets && targets.some((t) => expected.has(t))) return
    const what = targets ? targets.map(singular).join(' or ') : 'object'
    const topProp = path.split(/[.[]/)[0]
    if ((INVERSE[type] ?? []).includes(topProp)) {
      add('warning', 'ref-inverse', type, owner, path, `${what} ${id} is not in the file (inverse side of the link: ignored by the import)`)
      return
    }
    if (SERVER_SIDE.has(prop) || type === 'user') {
      add('warning', 'ref-server', type, owner, path, `${what} ${id} is not in the file (expected on the target server)`)
      return
    }
    add('error', 'ref', type, owner, path, `${what} ${id} is not in the file (dangling reference; declare its type with --expect-on-server if it exists on the server)`)
  }

  const walkRefs = (type: string, owner: Obj, v: unknown, path: string, prop: string, top: boolean): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walkRefs(type, owner, x, `${path}[${i}]`, prop, false))
      return
    }
    if (!isObj(v)) return
    if (!top) {
      if (typeof v.id === 'string' && isRef(v)) {
        checkRef(type, owner, path, prop, v.id)
        return
      }
      if (typeof v.id === 'string' && !UID.test(v.id)) add('error', 'uid', type, owner, `${path}.id`, `"${v.id}" is not a valid DHIS2 UID`)
    }
    for (const [k, x] of Object.entries(v)) {
      if (SKIP_PROPS.has(k)) continue
      if (k === 'attributeValues' && Array.isArray(x)) {
        x.forEach((av, i) => {
          const aid = isObj(av) ? idOf(av.attribute) : undefined
          if (aid) checkRef(type, owner, `${path ? `${path}.` : ''}attributeValues[${i}].attribute`, 'attribute', aid)
        })
        continue
      }
      if (NON_UID_REFS.has(k)) continue
      if (isObj(x) || Array.isArray(x)) walkRefs(type, owner, x, path ? `${path}.${k}` : k, k, false)
    }
  }

  // --- per-object checks
  const unique = new Map<string, Map<string, Obj>>()
  for (const [name, objs] of collections) {
    const type = singular(name)
    const typeProps = propsOf(type, version)
    for (const o of objs) {
      const id = str(o.id)
      if (id === undefined) add('error', 'uid', type, o, 'id', 'object has no id')
      else if (!UID.test(id)) add('error', 'uid', type, o, 'id', `"${id}" is not a valid DHIS2 UID (${CONSTRAINTS.uid.regex})`)
      checkProps(type, o, '', typeProps)
      // embedded definitions with their own constraints
      for (const [k, x] of Object.entries(o)) {
        const et = embeddedType(k)
        if (!et || !CONSTRAINTS.types[et]) continue
        const list = Array.isArray(x) ? x : [x]
        list.forEach((e, i) => {
          if (isObj(e) && !isRef(e)) checkProps(et, e, Array.isArray(x) ? `${k}[${i}]` : k, propsOf(et, version), o, type)
        })
      }
      walkRefs(type, o, o, '', name, true)
      // sharing user groups
      const sh = o.sharing
      if (isObj(sh) && isObj(sh.userGroups)) {
        for (const gid of Object.keys(sh.userGroups)) {
          if (!UID.test(gid)) add('error', 'uid', type, o, `sharing.userGroups.${gid}`, `"${gid}" is not a valid DHIS2 UID`)
          else if (!byId.has(gid) && !expected.has('userGroups')) add('warning', 'ref-server', type, o, `sharing.userGroups.${gid}`, `user group ${gid} is not in the file (expected on the target server)`)
        }
      }
      if (options.requireLocales?.length) checkTranslations(type, o, options.requireLocales)
    }
  }

  function embeddedType(prop: string): string | null {
    if (prop === 'fromConstraint' || prop === 'toConstraint') return 'relationshipConstraint'
    if (prop === 'programStageDataElements' || prop === 'programTrackedEntityAttributes' || prop === 'dataSetElements' || prop === 'analyticsPeriodBoundaries' || prop === 'legends' || prop === 'trackedEntityTypeAttributes') return singular(prop)
    return null
  }

  function checkProps(type: string, o: Obj, base: string, props: string[], owner?: Obj, ownerType?: string): void {
    const report = (sev: Severity, rule: string, path: string, msg: string): void => add(sev, rule, ownerType ?? type, owner ?? o, path, owner ? `${type}: ${msg}` : msg)
    const p = (k: string): string => (base ? `${base}.${k}` : k)
    for (const prop of props) {
      const c = constraintFor(type, prop, version)
      if (!c) continue
      const v = o[prop]
      const missing = v === undefined || v === null || (typeof v === 'string' && v.length === 0)
      if (c.req && missing) {
        if (DEFAULTED.has(prop) || (DEFAULTED_BY_TYPE[type] ?? []).includes(prop)) continue
        if (typeof o.id === 'string' && DEFAULT_UIDS.has(o.id)) continue
        if (exportedBy && olderThan(exportedBy, version)) {
          report('warning', 'required', p(prop), `required property "${prop}" is missing: not required by DHIS2 ${exportedBy} that exported the file, required from ${version} (the import there may refuse it)`)
          continue
        }
        report('error', 'required', p(prop), `required property "${prop}" is missing`)
        continue
      }
      if (missing) continue
      if (typeof v === 'string') {
        if (c.len !== undefined && v.length > c.len) report('error', 'length', p(prop), `"${prop}" is ${v.length} characters, more than ${c.len} allowed`)
        else if (c.max !== undefined && v.length > c.max) report('error', 'length', p(prop), `"${prop}" is ${v.length} characters, more than ${c.max} allowed`)
        if (c.min !== undefined && v.length < c.min) report('error', 'length', p(prop), `"${prop}" is ${v.length} characters, fewer than ${c.min} required`)
        if (c.enum) {
          const values = enumValues(c.enum, version)
          if (values && !values.includes(v)) report('error', 'enum', p(prop), `"${v}" is not a valid ${c.enum} for DHIS2 ${version}`)
        }
        if (c.uniq && !owner) {
          const key = `${type}.${prop}`
          let m = unique.get(key)
          if (!m) unique.set(key, (m = new Map()))
          const prev = m.get(v)
          if (prev && prev !== o) report('error', 'unique', p(prop), `${prop} "${v}" is also used by ${type} ${str(prev.id) ?? ''}${str(prev.code) ? ` (${str(prev.code)})` : ''}`)
          else m.set(v, o)
        }
      }
    }
  }

  function checkTranslations(type: string, o: Obj, locales: string[]): void {
    if (type === 'categoryOptionCombo' || type === 'programRuleVariable' || type === 'user') return
    const tr = Array.isArray(o.translations) ? o.translations.filter(isObj) : []
    for (const locale of locales) {
      for (const [prop, key] of TRANSLATABLE) {
        if (typeof o[prop] !== 'string' || !(o[prop] as string).length) continue
        if (prop === 'name' && type === 'programRuleAction') continue
        const ok = tr.some((t) => t.locale === locale && t.property === key && typeof t.value === 'string' && t.value.length > 0)
        if (!ok) add('error', 'translation', type, o, `translations`, `no "${locale}" translation of ${key}`)
      }
      if (type === 'programRuleAction' && typeof o.content === 'string' && o.content.length) {
        const ok = tr.some((t) => t.locale === locale && t.property === 'CONTENT')
        if (!ok) add('error', 'translation', type, o, 'translations', `no "${locale}" translation of CONTENT`)
      }
    }
  }

  // --- semantic checks per type
  const get = (name: string): Obj[] => collections.find((c) => c[0] === name)?.[1] ?? []

  // option sets vs value types, option codes
  const optionSetOf = new Map<string, Obj>()
  for (const os of get('optionSets')) if (typeof os.id === 'string') optionSetOf.set(os.id, os)
  const optionsOfSet = new Map<string, Obj[]>()
  for (const op of get('options')) {
    const sid = idOf(op.optionSet)
    if (!sid) continue
    const list = optionsOfSet.get(sid) ?? []
    list.push(op)
    optionsOfSet.set(sid, list)
  }
  for (const os of get('optionSets')) {
    const sid = str(os.id)
    if (!sid) continue
    const refs = Array.isArray(os.options) ? os.options.map(idOf).filter((x): x is string => !!x) : []
    const opts = refs.map((r) => byId.get(r)?.obj).filter(isObj)
    const all = [...new Map([...opts, ...(optionsOfSet.get(sid) ?? [])].map((x) => [x.id, x])).values()]
    const codes = new Map<string, Obj>()
    const vt = str(os.valueType)
    for (const op of all) {
      const code = str(op.code)
      if (code === undefined) continue
      if (codes.has(code)) add('error', 'option-code', 'optionSet', os, 'options', `option code "${code}" appears twice in the set`)
      codes.set(code, op)
      if (vt && NUMERIC_VALUE_TYPES.has(vt) && !/^-?\d+(\.\d+)?$/.test(code)) add('error', 'option-value-type', 'optionSet', os, 'options', `option code "${code}" is not a number but the set's valueType is ${vt}`)
      else if (vt && INTEGER_VALUE_TYPES.has(vt) && !/^-?\d+$/.test(code)) add('error', 'option-value-type', 'optionSet', os, 'options', `option code "${code}" is not an integer but the set's valueType is ${vt}`)
    }
  }
  for (const name of ['dataElements', 'trackedEntityAttributes']) {
    for (const o of get(name)) {
      const sid = idOf(o.optionSet)
      if (!sid) continue
      const vt = str(o.valueType)
      const os = optionSetOf.get(sid)
      if (vt && OPTION_INCOMPATIBLE.has(vt)) add('error', 'option-value-type', singular(name), o, 'optionSet', `valueType ${vt} cannot have an option set`)
      else if (os && vt && str(os.valueType) && str(os.valueType) !== vt && !(vt === 'MULTI_TEXT' && str(os.valueType) === 'TEXT')) {
        add('warning', 'option-value-type', singular(name), o, 'optionSet', `valueType ${vt} differs from the option set's valueType ${str(os.valueType)}`)
      }
    }
  }

  // category option combos vs their combo
  const comboCategories = new Map<string, string[][]>()
  for (const cc of get('categoryCombos')) {
    const cats = Array.isArray(cc.categories) ? cc.categories.map(idOf).filter((x): x is string => !!x) : []
    const optionLists = cats.map((c) => {
      const cat = byId.get(c)?.obj
      return cat && Array.isArray(cat.categoryOptions) ? cat.categoryOptions.map(idOf).filter((x): x is string => !!x) : []
    })
    if (typeof cc.id === 'string') comboCategories.set(cc.id, optionLists)
  }
  for (const coc of get('categoryOptionCombos')) {
    const cc = idOf(coc.categoryCombo)
    const opts = Array.isArray(coc.categoryOptions) ? coc.categoryOptions.map(idOf).filter((x): x is string => !!x) : []
    const lists = cc ? comboCategories.get(cc) : undefined
    if (!lists || lists.some((l) => l.length === 0)) continue
    const ok = opts.length === lists.length && lists.every((l) => opts.filter((x) => l.includes(x)).length === 1)
    if (!ok) add('error', 'coc', 'categoryOptionCombo', coc, 'categoryOptions', 'category options do not take exactly one option of each category of the combo')
  }

  // legends
  for (const ls of get('legendSets')) {
    const legends = (Array.isArray(ls.legends) ? ls.legends.filter(isObj) : [])
      .map((x) => ({ x, s: Number(x.startValue), e: Number(x.endValue) }))
      .sort((a, b) => a.s - b.s)
    legends.forEach((l, i) => {
      if (l.e < l.s) add('error', 'legend', 'legendSet', ls, `legends[${i}]`, `legend "${str(l.x.name) ?? ''}" ends (${l.e}) before its start (${l.s})`)
      else if (l.e === l.s) add(options.strict ? 'error' : 'warning', 'legend', 'legendSet', ls, `legends[${i}]`, `legend "${str(l.x.name) ?? ''}" is empty (start = end = ${l.s}; start is inclusive, end exclusive)`)
      const next = legends[i + 1]
      if (!next) return
      if (next.s < l.e) add('error', 'legend', 'legendSet', ls, 'legends', `legends "${str(l.x.name) ?? ''}" and "${str(next.x.name) ?? ''}" overlap (${l.s}–${l.e} and ${next.s}–${next.e})`)
      else if (next.s > l.e) add(options.strict ? 'error' : 'warning', 'legend', 'legendSet', ls, 'legends', `gap between ${l.e} and ${next.s} (values there get no colour)`)
    })
  }

  // programs: stages, PSDEs, PTEAs, rule variables
  const stageDataElements = new Map<string, Set<string>>()
  const stageProgram = new Map<string, string>()
  for (const st of get('programStages')) {
    const sid = str(st.id)
    if (!sid) continue
    const des = new Set<string>()
    if (Array.isArray(st.programStageDataElements)) for (const psde of st.programStageDataElements) if (isObj(psde)) { const d = idOf(psde.dataElement); if (d) des.add(d) }
    stageDataElements.set(sid, des)
    const p = idOf(st.program)
    if (p) stageProgram.set(sid, p)
  }
  const programAttributes = new Map<string, Set<string>>()
  const programStagesOf = new Map<string, Set<string>>()
  for (const pr of get('programs')) {
    const pid = str(pr.id)
    if (!pid) continue
    const teas = new Set<string>()
    if (Array.isArray(pr.programTrackedEntityAttributes)) for (const x of pr.programTrackedEntityAttributes) if (isObj(x)) { const t = idOf(x.trackedEntityAttribute); if (t) teas.add(t) }
    programAttributes.set(pid, teas)
    const sts = new Set<string>(Array.isArray(pr.programStages) ? pr.programStages.map(idOf).filter((x): x is string => !!x) : [])
    programStagesOf.set(pid, sts)
    for (const s of sts) {
      const owner = stageProgram.get(s)
      if (owner && owner !== pid) add('error', 'stage-program', 'program', pr, 'programStages', `stage ${s} belongs to program ${owner}`)
    }
  }
  for (const st of get('programStageSections')) {
    const s = idOf(st.programStage)
    const des = s ? stageDataElements.get(s) : undefined
    if (!des || !Array.isArray(st.dataElements)) continue
    st.dataElements.forEach((d, i) => {
      const de = idOf(d)
      if (de && !des.has(de)) add('error', 'section-de', 'programStageSection', st, `dataElements[${i}]`, `data element ${de} is not in the stage's programStageDataElements`)
    })
  }
  const dsElements = new Map<string, Set<string>>()
  for (const ds of get('dataSets')) {
    const set = new Set<string>()
    if (Array.isArray(ds.dataSetElements)) for (const x of ds.dataSetElements) if (isObj(x)) { const d = idOf(x.dataElement); if (d) set.add(d) }
    if (typeof ds.id === 'string') dsElements.set(ds.id, set)
  }
  for (const sec of get('sections')) {
    const ds = idOf(sec.dataSet)
    const set = ds ? dsElements.get(ds) : undefined
    if (!set || !Array.isArray(sec.dataElements)) continue
    sec.dataElements.forEach((d, i) => {
      const de = idOf(d)
      if (de && !set.has(de)) add('error', 'section-de', 'section', sec, `dataElements[${i}]`, `data element ${de} is not in the data set's dataSetElements`)
    })
  }
  const prvNames = new Map<string, Set<string>>()
  for (const v of get('programRuleVariables')) {
    const p = idOf(v.program)
    const n = str(v.name)
    if (!p || !n) continue
    const set = prvNames.get(p) ?? new Set<string>()
    if (set.has(n)) add('error', 'prv-name', 'programRuleVariable', v, 'name', `another variable of the program is named "${n}" (E4051)`)
    if (/(^|[^A-Za-z0-9_])(and|or|not)([^A-Za-z0-9_]|$)/.test(n)) add('error', 'prv-name', 'programRuleVariable', v, 'name', `variable name "${n}" contains the word and/or/not (E4052)`)
    set.add(n)
    prvNames.set(p, set)
    const de = idOf(v.dataElement)
    if (de && p && byId.has(de)) {
      const stages = programStagesOf.get(p)
      if (stages && stages.size && ![...stages].some((s) => stageDataElements.get(s)?.has(de))) {
        add('warning', 'prv-de', 'programRuleVariable', v, 'dataElement', `data element ${de} is in no stage of the program`)
      }
    }
  }

  // --- expressions
  const ITEM = /(#|A|I|N|D|R|C|OUG|V)\{([^}]*)\}|PS_EVENTDATE:\s*([A-Za-z0-9]+)|d2:relationshipCount\(\s*('?)([^)']*)\4\s*\)/g

  const checkExpression = (type: string, o: Obj, path: string, expression: unknown, mode: ExpressionModeName, ctx: { program?: string; allowBlank?: boolean }): void => {
    if (typeof expression !== 'string' || expression.trim() === '') {
      if (!ctx.allowBlank && expression !== undefined) add('error', 'expression', type, o, path, 'empty expression')
      return
    }
    expressionsParsed++
    // PS_EVENTDATE:<stage> is a date item of DHIS2 core's grammar that the Kotlin parser lacks:
    // parse with a date variable in its place (the stage itself is checked below).
    const r = parseExpression(expression.replace(/PS_EVENTDATE:\s*[A-Za-z0-9]+/g, 'V{event_date}'), mode)
    if (!r.ok) {
      // DHIS2 core's (Java) grammar accepts aggregation functions in upper case (SUM, AVG, MEDIAN…)
      // in predictors and indicators; the Kotlin expression-parser does not. Not a false error.
      const lowered = expression.replace(/\b(SUM|AVG|MIN|MAX|COUNT|MEDIAN|STDDEV|STDDEV_POP|STDDEV_SAMP|VARIANCE|PERCENTILE_CONT|IF|IS_NULL|IS_NOT_NULL|FIRST_NON_NULL|GREATEST|LEAST|LOG|LOG10)\s*\(/g, (m) => m.toLowerCase())
      if (lowered !== expression && parseExpression(lowered, mode).ok) {
        add('warning', 'expression-case', type, o, path, 'function names in upper case: accepted by DHIS2 core, not by the newer expression parser (write them in lower case)')
      } else {
        const nbsp = expression.includes('\u00a0') ? ' — it contains a non-breaking space (U+00A0), which is not whitespace for the parser' : ''
        add('error', 'expression', type, o, path, `does not parse (${mode}): ${r.error ?? ''}${nbsp}`)
        return
      }
    }
    const program = ctx.program
    for (const m of expression.matchAll(ITEM)) {
      const [whole, kind, body, psStage, , relType] = m
      const bad = (msg: string): void => add('error', 'expression-ref', type, o, path, `${whole}: ${msg}`)
      const mustBe = (uid: string, cols: string[], label: string): boolean => {
        if (!UID.test(uid)) {
          bad(`"${uid}" is not a UID`)
          return false
        }
        referencesChecked++
        if (byId.has(uid)) {
          if (!inCollection(uid, cols)) bad(`${uid} is a ${singular(byId.get(uid)?.collection ?? '')}, not a ${label}`)
          return inCollection(uid, cols)
        }
        if (DEFAULT_UIDS.has(uid) || cols.some((c) => expected.has(c))) return false
        bad(`${label} ${uid} is not in the file`)
        return false
      }
      if (psStage !== undefined) {
        mustBe(psStage, ['programStages'], 'program stage')
        continue
      }
      if (relType !== undefined && whole.startsWith('d2:relationshipCount')) {
        if (relType.trim() !== '') mustBe(relType.trim(), ['relationshipTypes'], 'relationship type')
        continue
      }
      const parts = (body ?? '').split('.').map((s) => s.trim())
      const rule = mode === 'RULE_ENGINE_CONDITION' || mode === 'RULE_ENGINE_ACTION'
      if (kind === 'V') continue
      if (kind === 'C') {
        mustBe(parts[0], ['constants'], 'constant')
        continue
      }
      if (rule && (kind === '#' || kind === 'A')) {
        const names = program ? prvNames.get(program) : undefined
        if (names && !names.has(body ?? '')) bad(`no program rule variable "${body}" in this program`)
        continue
      }
      if (mode === 'PROGRAM_INDICATOR_EXPRESSION') {
        if (kind === '#') {
          if (parts.length !== 2) {
            bad('a program-indicator data item needs #{programStage.dataElement}')
            continue
          }
          const [s, d] = parts
          const okS = mustBe(s, ['programStages'], 'program stage')
          const okD = mustBe(d, ['dataElements'], 'data element')
          if (okS && program && stageProgram.get(s) && stageProgram.get(s) !== program) bad(`stage ${s} is not a stage of the indicator's program`)
          if (okS && okD && !stageDataElements.get(s)?.has(d)) bad(`data element ${d} is not in stage ${s}'s programStageDataElements`)
        } else if (kind === 'A') {
          const tea = parts[parts.length - 1]
          const ok = mustBe(tea, ['trackedEntityAttributes'], 'tracked entity attribute')
          if (ok && program && programAttributes.get(program) && !programAttributes.get(program)?.has(tea)) bad(`attribute ${tea} is not in the program's programTrackedEntityAttributes`)
        } else bad(`${kind}{} is not allowed in a program indicator`)
        continue
      }
      // aggregate-side expressions (indicators, validation rules, predictors)
      switch (kind) {
        case '#': {
          const [d, coc, aoc] = parts
          if (coc && /^(REPORTING_RATE|REPORTING_RATE_ON_TIME|ACTUAL_REPORTS|ACTUAL_REPORTS_ON_TIME|EXPECTED_REPORTS)$/.test(coc)) {
            bad(`reporting rates are written R{dataSet.${coc}}, not #{…}: analytics cannot evaluate this item`)
            break
          }
          const okD = mustBe(d, ['dataElements'], 'data element')
          if (coc !== undefined && coc !== '*') {
            const okC = mustBe(coc, ['categoryOptionCombos'], 'category option combo')
            if (okD && okC) {
              const deCombo = idOf(byId.get(d)?.obj.categoryCombo) ?? CONSTRAINTS.defaultUids.categoryCombo
              const cocCombo = idOf(byId.get(coc)?.obj.categoryCombo)
              if (cocCombo && cocCombo !== deCombo) bad(`category option combo ${coc} is not in the data element's category combo ${deCombo}`)
            } else if (okD && coc === CONSTRAINTS.defaultUids.categoryOptionCombo) {
              const deCombo = idOf(byId.get(d)?.obj.categoryCombo)
              if (deCombo && deCombo !== CONSTRAINTS.defaultUids.categoryCombo) bad(`the default category option combo is not in the data element's category combo ${deCombo}`)
            }
          }
          if (aoc !== undefined && aoc !== '*') mustBe(aoc, ['categoryOptionCombos'], 'attribute option combo')
          break
        }
        case 'I':
          mustBe(parts[0], ['programIndicators'], 'program indicator')
          break
        case 'N':
          mustBe(parts[0], ['indicators'], 'indicator')
          break
        case 'R':
          mustBe(parts[0], ['dataSets'], 'data set')
          break
        case 'OUG':
          mustBe(parts[0], ['organisationUnitGroups'], 'org unit group')
          break
        case 'D': {
          const okP = mustBe(parts[0], ['programs'], 'program')
          const okD = parts[1] ? mustBe(parts[1], ['dataElements'], 'data element') : false
          if (okP && okD && parts[1]) {
            const stages = programStagesOf.get(parts[0]) ?? new Set()
            if (stages.size && ![...stages].some((s) => stageDataElements.get(s)?.has(parts[1]))) bad(`data element ${parts[1]} is in no stage of program ${parts[0]}`)
          }
          break
        }
        case 'A': {
          const okP = mustBe(parts[0], ['programs'], 'program')
          const okT = parts[1] ? mustBe(parts[1], ['trackedEntityAttributes'], 'tracked entity attribute') : false
          if (okP && okT && parts[1] && programAttributes.get(parts[0]) && !programAttributes.get(parts[0])?.has(parts[1])) bad(`attribute ${parts[1]} is not in program ${parts[0]}`)
          break
        }
        default:
          break
      }
    }
  }

  for (const pi of get('programIndicators')) {
    const program = idOf(pi.program)
    checkExpression('programIndicator', pi, 'expression', pi.expression, 'PROGRAM_INDICATOR_EXPRESSION', { program })
    checkExpression('programIndicator', pi, 'filter', pi.filter, 'PROGRAM_INDICATOR_EXPRESSION', { program, allowBlank: true })
    if (Array.isArray(pi.analyticsPeriodBoundaries)) {
      pi.analyticsPeriodBoundaries.forEach((b, i) => {
        if (!isObj(b)) return
        const t = str(b.boundaryTarget)
        if (t && !['EVENT_DATE', 'ENROLLMENT_DATE', 'INCIDENT_DATE', 'SCHEDULED_DATE'].includes(t) && !/^(#\{[A-Za-z0-9]{11}\.[A-Za-z0-9]{11}\}|A\{[A-Za-z0-9]{11}\}|PS_EVENTDATE:[A-Za-z0-9]{11})$/.test(t)) {
          add('error', 'boundary', 'programIndicator', pi, `analyticsPeriodBoundaries[${i}].boundaryTarget`, `"${t}" is not a valid boundary target`)
        }
      })
    }
  }
  for (const ind of get('indicators')) {
    checkExpression('indicator', ind, 'numerator', ind.numerator, 'INDICATOR_EXPRESSION', {})
    checkExpression('indicator', ind, 'denominator', ind.denominator, 'INDICATOR_EXPRESSION', {})
  }
  for (const vr of get('validationRules')) {
    for (const side of ['leftSide', 'rightSide'] as const) {
      const s = vr[side]
      if (isObj(s)) checkExpression('validationRule', vr, `${side}.expression`, s.expression, 'VALIDATION_RULE_EXPRESSION', {})
    }
  }
  for (const p of get('predictors')) {
    if (isObj(p.generator)) checkExpression('predictor', p, 'generator.expression', p.generator.expression, 'PREDICTOR_GENERATOR_EXPRESSION', {})
    if (isObj(p.sampleSkipTest)) checkExpression('predictor', p, 'sampleSkipTest.expression', p.sampleSkipTest.expression, 'PREDICTOR_SKIP_TEST', { allowBlank: true })
  }
  const ruleProgram = new Map<string, string>()
  for (const r of get('programRules')) {
    const program = idOf(r.program)
    if (typeof r.id === 'string' && program) ruleProgram.set(r.id, program)
    checkExpression('programRule', r, 'condition', r.condition, 'RULE_ENGINE_CONDITION', { program, allowBlank: true })
  }
  for (const a of get('programRuleActions')) {
    const rid = idOf(a.programRule)
    const program = rid ? ruleProgram.get(rid) : undefined
    const t = str(a.programRuleActionType)
    if (typeof a.data === 'string' && a.data.trim() !== '' && (t === 'ASSIGN' || t === 'DISPLAYTEXT' || t === 'DISPLAYKEYVALUEPAIR' || t === 'SHOWWARNING' || t === 'SHOWERROR' || t === 'WARNINGONCOMPLETE' || t === 'ERRORONCOMPLETE')) {
      checkExpression('programRuleAction', a, 'data', a.data, 'RULE_ENGINE_ACTION', { program })
    }
    if (t === 'ASSIGN' && !a.dataElement && !a.trackedEntityAttribute && !(typeof a.content === 'string' && a.content.length)) {
      add('error', 'rule-action', 'programRuleAction', a, 'dataElement', 'ASSIGN has no target (data element, attribute or content variable)')
    }
    const de = idOf(a.dataElement)
    if (de && program && byId.has(de)) {
      const stages = programStagesOf.get(program)
      if (stages && stages.size && ![...stages].some((s) => stageDataElements.get(s)?.has(de))) add('warning', 'rule-action', 'programRuleAction', a, 'dataElement', `data element ${de} is in no stage of the rule's program`)
    }
  }

  const errors = findings.filter((f) => f.severity === 'error')
  const warnings = findings.filter((f) => f.severity === 'warning')
  return { errors, warnings, counts, expressionsParsed, referencesChecked, ms: performance.now() - t0 }
}

export function formatFinding(f: Finding): string {
  const who = [f.code, f.id ? `(${f.id})` : undefined].filter(Boolean).join(' ') || f.name || ''
  return `${f.severity === 'error' ? 'ERROR' : 'WARN '} ${f.type} ${who}${f.path ? ` ${f.path}` : ''}: ${f.message}`
}
