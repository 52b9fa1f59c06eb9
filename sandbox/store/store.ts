/**
 * The sandbox store: everything a DHIS2 server would hold in its database, in memory, with
 * indexes for the reads the Web API needs. Writes go through the import modules
 * (metadataImport, trackerImport, dataValues, dataStore) which validate, apply and append to the
 * write log. See docs/decisions/0101-sandbox-store.md.
 */
import type { AnalyticsContext } from '../analytics'
import type { CompleteRegistration, DataValue, Dhis2Version, GeneratedData, MetadataStore, OrgUnit, OrgUnitGroup, OrgUnitGroupSet, SandboxUser, StoredRelationship } from '../model'
import { WriteLog } from './log'
import type { MetaObject, StoredEnrollment, StoredEvent, StoredTrackedEntity, WriteEntry } from './types'

export const DEFAULT_CATEGORY_COMBO = 'bjDvmb4bfuf'
export const DEFAULT_CATEGORY = 'GLevLNI9wkl'
export const DEFAULT_CATEGORY_OPTION = 'xYerKDKCefk'
export const DEFAULT_COC = 'HllvX50cXC0'
const SEED_STAMP = '2024-01-01T00:00:00.000'

/** ISO timestamp without zone, as DHIS2 writes them (2025-03-14T10:22:01.123). */
export function dhis2Now(date = new Date()): string {
  return date.toISOString().replace('Z', '')
}

export interface StoreOptions {
  version: Dhis2Version
  today: string
  log?: WriteLog
}

export class Store {
  readonly version: Dhis2Version
  readonly today: string
  /** collection → id → object */
  readonly metadata = new Map<string, Map<string, MetaObject>>()
  /** Global id index over all metadata (DHIS2 UIDs are unique across types in practice). */
  readonly byId = new Map<string, { collection: string; obj: MetaObject }>()
  readonly trackedEntities = new Map<string, StoredTrackedEntity>()
  readonly enrollments = new Map<string, { te: StoredTrackedEntity; en: StoredEnrollment }>()
  readonly events = new Map<string, { te: StoredTrackedEntity; en: StoredEnrollment; ev: StoredEvent }>()
  readonly relationships = new Map<string, StoredRelationship & { relationshipName?: string; bidirectional?: boolean; createdAtClient?: string }>()
  readonly dataValues = new Map<string, DataValue & { comment?: string; followup?: boolean; deleted?: boolean }>()
  readonly registrations = new Map<string, CompleteRegistration & { storedBy?: string }>()
  readonly dataStore = new Map<string, Map<string, unknown>>()
  readonly userDataStore = new Map<string, Map<string, Map<string, unknown>>>()
  readonly userSettings = new Map<string, Record<string, string | boolean | null>>()
  users: SandboxUser[] = []
  problems: NonNullable<GeneratedData['problems']> = []
  log: WriteLog
  /** Bumped on every write; derived views (analytics context, org-unit children) follow it. */
  revision = 0
  /** During replay, the time of the entry being replayed (so timestamps are stable). */
  clock: (() => string) | null = null

  private childrenCache: { revision: number; map: Map<string, string[]> } | null = null
  private analyticsCache: { revision: number; ctx: AnalyticsContext } | null = null
  /** When the analytics context was last rebuilt (DHIS2's "last analytics table success"). */
  analyticsBuiltAt = new Date()

  constructor(options: StoreOptions) {
    this.version = options.version
    this.today = options.today
    this.log = options.log ?? new WriteLog(undefined)
    this.installSystemDefaults()
  }

  now(): string {
    return this.clock ? this.clock() : dhis2Now()
  }

  touch(): void {
    this.revision++
  }

  record(entry: WriteEntry): void {
    if (this.clock) return // replaying: already in the log
    this.log.append(entry)
  }

  // ---- metadata ----------------------------------------------------------------------------

  collection(name: string): Map<string, MetaObject> {
    let c = this.metadata.get(name)
    if (!c) this.metadata.set(name, (c = new Map()))
    return c
  }

  get(collection: string, id: string): MetaObject | undefined {
    return this.metadata.get(collection)?.get(id)
  }

  put(collection: string, obj: MetaObject): void {
    this.collection(collection).set(obj.id, obj)
    this.byId.set(obj.id, { collection, obj })
  }

  remove(collection: string, id: string): void {
    this.metadata.get(collection)?.delete(id)
    const hit = this.byId.get(id)
    if (hit && hit.collection === collection) this.byId.delete(id)
  }

  /** Org unit id → ids of its children (sorted by name), following the current revision. */
  childrenOf(id: string): string[] {
    if (!this.childrenCache || this.childrenCache.revision !== this.revision) {
      const map = new Map<string, string[]>()
      const ous = [...this.collection('organisationUnits').values()].sort((a, b) => String(a.name).localeCompare(String(b.name)))
      for (const o of ous) {
        const parent = (o.parent as { id?: string } | undefined)?.id
        if (!parent) continue
        const list = map.get(parent)
        if (list) list.push(o.id)
        else map.set(parent, [o.id])
      }
      this.childrenCache = { revision: this.revision, map }
    }
    return this.childrenCache.map.get(id) ?? []
  }

  /** Groups an org unit belongs to. */
  groupsOf(orgUnitId: string): string[] {
    const out: string[] = []
    for (const g of this.collection('organisationUnitGroups').values()) {
      if (((g.organisationUnits as Array<{ id: string }>) ?? []).some((o) => o.id === orgUnitId)) out.push(g.id)
    }
    return out
  }

  private installSystemDefaults(): void {
    const base = { created: SEED_STAMP, lastUpdated: SEED_STAMP }
    this.put('categoryOptions', { id: DEFAULT_CATEGORY_OPTION, code: 'default', name: 'default', shortName: 'default', ...base })
    this.put('categories', { id: DEFAULT_CATEGORY, code: 'default', name: 'default', shortName: 'default', dataDimensionType: 'DISAGGREGATION', dataDimension: false, categoryOptions: [{ id: DEFAULT_CATEGORY_OPTION }], ...base })
    this.put('categoryCombos', { id: DEFAULT_CATEGORY_COMBO, code: 'default', name: 'default', dataDimensionType: 'DISAGGREGATION', skipTotal: false, categories: [{ id: DEFAULT_CATEGORY }], categoryOptionCombos: [{ id: DEFAULT_COC }], ...base })
    this.put('categoryOptionCombos', { id: DEFAULT_COC, code: 'default', name: 'default', categoryCombo: { id: DEFAULT_CATEGORY_COMBO }, categoryOptions: [{ id: DEFAULT_CATEGORY_OPTION }], ignoreApproval: false, ...base })
  }

  // ---- seed ---------------------------------------------------------------------------------

  /** Load the generator's output (the seed). Org units become DHIS2 metadata objects. */
  loadSeed(data: GeneratedData): void {
    const base = { created: SEED_STAMP, lastUpdated: SEED_STAMP }
    for (const l of data.orgUnitLevels) this.put('organisationUnitLevels', { id: l.id, name: l.name, level: l.level, offlineLevels: undefined, ...base })
    for (const o of data.orgUnits) {
      const obj: MetaObject = { id: o.id, name: o.name, shortName: o.shortName, level: o.level, path: o.path, openingDate: o.openingDate, ...base }
      if (o.code) obj.code = o.code
      if (o.parent) obj.parent = { id: o.parent }
      this.put('organisationUnits', obj)
    }
    for (const g of data.orgUnitGroups) this.put('organisationUnitGroups', { id: g.id, ...(g.code ? { code: g.code } : {}), name: g.name, shortName: g.shortName, organisationUnits: g.organisationUnits.map((id) => ({ id })), ...base })
    for (const s of data.orgUnitGroupSets) {
      this.put('organisationUnitGroupSets', { id: s.id, ...(s.code ? { code: s.code } : {}), name: s.name, shortName: s.shortName, dataDimension: s.dataDimension, compulsory: false, includeSubhierarchyInAnalytics: false, organisationUnitGroups: s.organisationUnitGroups.map((id) => ({ id })), ...base })
    }
    this.users = data.users
    this.installUserRolesAndGroups()
    for (const te of data.trackedEntities) this.putTrackedEntity(te as StoredTrackedEntity)
    for (const r of data.relationships) this.relationships.set(r.relationship, r)
    for (const dv of data.dataValues) this.dataValues.set(dataValueKey(dv), dv)
    for (const cr of data.completeRegistrations) this.registrations.set(registrationKey(cr), cr)
    this.problems = data.problems ?? []
    this.touch()
  }

  /** User roles and one user group, derived from the demo users' authorities. */
  private installUserRolesAndGroups(): void {
    const base = { created: SEED_STAMP, lastUpdated: SEED_STAMP }
    const roles = new Map<string, { id: string; name: string; authorities: string[] }>()
    for (const u of this.users) {
      const key = [...u.authorities].sort().join(',')
      if (!roles.has(key)) {
        const name = u.authorities.includes('ALL') ? 'Superuser' : u.authorities.includes('F_VIEW_EVENT_ANALYTICS') ? 'Dyad district team' : 'Dyad data clerk'
        roles.set(key, { id: userRoleId(name), name, authorities: u.authorities })
      }
    }
    for (const r of roles.values()) this.put('userRoles', { ...r, ...base, users: this.users.filter((u) => [...u.authorities].sort().join(',') === [...r.authorities].sort().join(',')).map((u) => ({ id: u.id })) })
    this.put('userGroups', { id: 'DyadUsersGr', code: 'DYAD_USERS', name: 'Dyad users', ...base, users: this.users.map((u) => ({ id: u.id })) })
  }

  userRolesOf(user: SandboxUser): string[] {
    return [...this.collection('userRoles').values()].filter((r) => ((r.users as Array<{ id: string }>) ?? []).some((x) => x.id === user.id)).map((r) => r.id)
  }

  userGroupsOf(user: SandboxUser): string[] {
    return [...this.collection('userGroups').values()].filter((g) => ((g.users as Array<{ id: string }>) ?? []).some((x) => x.id === user.id)).map((g) => g.id)
  }

  // ---- tracker --------------------------------------------------------------------------------

  putTrackedEntity(te: StoredTrackedEntity): void {
    const old = this.trackedEntities.get(te.trackedEntity)
    if (old) for (const en of old.enrollments) this.dropEnrollmentIndex(en)
    this.trackedEntities.set(te.trackedEntity, te)
    for (const en of te.enrollments) this.indexEnrollment(te, en)
  }

  indexEnrollment(te: StoredTrackedEntity, en: StoredEnrollment): void {
    this.enrollments.set(en.enrollment, { te, en })
    for (const ev of en.events) this.events.set(ev.event, { te, en, ev })
  }

  private dropEnrollmentIndex(en: StoredEnrollment): void {
    this.enrollments.delete(en.enrollment)
    for (const ev of en.events) this.events.delete(ev.event)
  }

  // ---- users ----------------------------------------------------------------------------------

  user(username: string): SandboxUser | undefined {
    return this.users.find((u) => u.username === username)
  }

  settingsOf(user: SandboxUser): Record<string, string | boolean | null> {
    const overrides = this.userSettings.get(user.username) ?? {}
    return {
      keyMessageSmsNotification: false,
      keyDbLocale: user.locale,
      keyStyle: 'light_blue/light_blue.css',
      keyCurrentStyle: 'light_blue/light_blue.css',
      keyUiLocale: user.locale,
      keyAnalysisDisplayProperty: 'name',
      keyMessageEmailNotification: false,
      ...overrides,
    }
  }

  /** The user's UI locale (keyUiLocale, which the user may change). */
  localeOf(user: SandboxUser): string {
    const l = this.settingsOf(user).keyUiLocale
    return typeof l === 'string' && l ? l : user.locale
  }

  // ---- analytics ------------------------------------------------------------------------------

  /**
   * The analytics context for the current revision. One object per revision is shared by all
   * users (its indexes are expensive at 10⁵ pairs); the caller sets `userOrgUnits` before each
   * synchronous runAnalytics call.
   */
  analyticsContext(): AnalyticsContext {
    if (this.analyticsCache && this.analyticsCache.revision === this.revision) return this.analyticsCache.ctx
    const metadata: MetadataStore = {}
    for (const [name, c] of this.metadata) metadata[name] = [...c.values()]
    const orgUnits: OrgUnit[] = [...this.collection('organisationUnits').values()].map((o) => ({
      id: o.id,
      code: o.code as string | undefined,
      name: String(o.name),
      shortName: String(o.shortName ?? o.name),
      level: Number(o.level),
      path: String(o.path),
      parent: (o.parent as { id?: string } | undefined)?.id,
      openingDate: String(o.openingDate ?? ''),
    }))
    const orgUnitGroups: OrgUnitGroup[] = [...this.collection('organisationUnitGroups').values()].map((g) => ({
      id: g.id,
      code: g.code as string | undefined,
      name: String(g.name),
      shortName: String(g.shortName ?? g.name),
      organisationUnits: ((g.organisationUnits as Array<{ id: string }>) ?? []).map((x) => x.id),
    }))
    const orgUnitGroupSets: OrgUnitGroupSet[] = [...this.collection('organisationUnitGroupSets').values()].map((s) => ({
      id: s.id,
      code: s.code as string | undefined,
      name: String(s.name),
      shortName: String(s.shortName ?? s.name),
      dataDimension: s.dataDimension !== false,
      organisationUnitGroups: ((s.organisationUnitGroups as Array<{ id: string }>) ?? []).map((x) => x.id),
    }))
    const ctx: AnalyticsContext = {
      metadata,
      orgUnits,
      orgUnitGroups,
      orgUnitGroupSets,
      trackedEntities: [...this.trackedEntities.values()] as AnalyticsContext['trackedEntities'],
      relationships: [...this.relationships.values()],
      dataValues: [...this.dataValues.values()].filter((d) => !d.deleted),
      completeRegistrations: [...this.registrations.values()],
      userOrgUnits: [],
      version: this.version,
      today: this.today,
    }
    this.analyticsCache = { revision: this.revision, ctx }
    this.analyticsBuiltAt = new Date()
    return ctx
  }
}

export function userRoleId(name: string): string {
  return ({ Superuser: 'DyadRoleSup', 'Dyad district team': 'DyadRoleDis', 'Dyad data clerk': 'DyadRoleClk' } as Record<string, string>)[name] ?? 'DyadRoleOth'
}

export function dataValueKey(dv: { dataElement: string; period: string; orgUnit: string; categoryOptionCombo: string; attributeOptionCombo: string }): string {
  return `${dv.dataElement}|${dv.period}|${dv.orgUnit}|${dv.categoryOptionCombo}|${dv.attributeOptionCombo}`
}

export function registrationKey(r: { dataSet: string; period: string; organisationUnit: string; attributeOptionCombo?: string }): string {
  return `${r.dataSet}|${r.period}|${r.organisationUnit}|${r.attributeOptionCombo ?? DEFAULT_COC}`
}
