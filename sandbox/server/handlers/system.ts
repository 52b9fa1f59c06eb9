/**
 * Server and session endpoints the app shell and header bar call at start: system info, login
 * config, /api/me (+ authorization, dashboard), user and system settings, installed apps, UI
 * locales, ping, the header bar's module list.
 */
import type { Dhis2Version, SandboxUser } from '../../model'
import type { Store } from '../../store/store'
import { applyFields, fieldsFrom } from '../fields'
import { error, HttpError, ok, type Ctx, type Reply } from '../http'
import { metadataResolver } from '../resolve'

export const SERVER_VERSIONS: Record<Dhis2Version, { version: string; revision: string; buildTime: string }> = {
  '2.40': { version: '2.40.4.1', revision: 'a1aa81b', buildTime: '2024-07-04T09:08:32.000' },
  '2.41': { version: '2.41.0.1', revision: '70b4a8f', buildTime: '2024-06-25T12:38:41.000' },
  '2.42': { version: '2.42.0', revision: '786a4da', buildTime: '2025-01-28T09:48:18.000' },
}

export const SYSTEM_NAME = 'Dyad sandbox (synthetic data)'
const SYSTEM_ID = 'd7ad0000-5a4d-4b0c-9d2a-000000000001'

function since(from: Date, to: Date): string {
  let s = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000))
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  return `${h} h, ${m} m, ${s} s`
}

export interface SystemState {
  startedAt: Date
  /** Time spent building the analytics context at start (DHIS2's analytics table runtime). */
  analyticsRuntimeMs: number
}

function stamp(d: Date): string {
  return d.toISOString().replace('Z', '')
}

export function systemInfo(ctx: Ctx, state: SystemState): Reply {
  const v = ctx.store.version
  const now = new Date()
  const body: Record<string, unknown> = {
    contextPath: ctx.config.baseUrl,
    userAgent: ctx.req.headers['user-agent'] ?? '',
    calendar: 'iso8601',
    dateFormat: 'yyyy-mm-dd',
    serverDate: stamp(now),
    serverTimeZoneId: 'Etc/UTC',
    serverTimeZoneDisplayName: 'Coordinated Universal Time',
    lastAnalyticsTableSuccess: stamp(ctx.store.analyticsBuiltAt),
    intervalSinceLastAnalyticsTableSuccess: since(ctx.store.analyticsBuiltAt, now),
    lastAnalyticsTableRuntime: new Date(state.analyticsRuntimeMs).toISOString().slice(11, 23),
    lastSystemMonitoringSuccess: stamp(state.startedAt),
  }
  if (v === '2.42') {
    body.lastAnalyticsTablePartitionSuccess = '1970-01-01T00:00:00.000'
    body.intervalSinceLastAnalyticsTablePartitionSuccess = since(new Date(0), now)
    body.lastAnalyticsTablePartitionRuntime = ''
  }
  body.databaseInfo = v === '2.40' ? { spatialSupport: false } : { spatialSupport: false, time: stamp(now) }
  Object.assign(body, SERVER_VERSIONS[v], {
    encryption: false,
    emailConfigured: false,
    redisEnabled: false,
    systemId: SYSTEM_ID,
    systemName: SYSTEM_NAME,
    isMetadataVersionEnabled: false,
  })
  if (v === '2.42') Object.assign(body, { systemMetadataVersion: '', lastMetadataVersionSyncAttempt: '1970-01-01T00:00:00.000' })
  return ok(body)
}

/** GET /api/loginConfig: 2.41+ only (the login app API); 2.40 has no such endpoint. */
export function loginConfig(ctx: Ctx): Reply {
  if (ctx.store.version === '2.40') return error(404, 'Not Found')
  const body: Record<string, unknown> = {
    applicationTitle: SYSTEM_NAME,
    applicationDescription: 'Bac à sable local de Dyad : données synthétiques. Local Dyad sandbox: synthetic data.',
    applicationNotification: '',
    applicationLeftSideFooter: '',
    applicationRightSideFooter: '',
    countryFlag: '',
    uiLocale: 'en',
    loginPageLogo: '',
    topMenuLogo: '',
    style: 'light_blue/light_blue.css',
    apiVersion: SERVER_VERSIONS[ctx.store.version].version,
    recaptchaSite: '',
    minPasswordLength: '8',
    maxPasswordLength: '72',
    emailConfigured: false,
    selfRegistrationEnabled: false,
    selfRegistrationNoRecaptcha: false,
    allowAccountRecovery: false,
    useCustomLogoFront: false,
    useCustomLogoBanner: false,
    loginPageLayout: 'DEFAULT',
    oidcProviders: [],
  }
  return ok(body)
}

function requireUser(ctx: Ctx): SandboxUser {
  if (!ctx.user) throw new HttpError(401, 'Unauthorized')
  return ctx.user
}

/** The full MeDto of a user, before `fields=`. */
export function meObject(store: Store, user: SandboxUser): Record<string, unknown> {
  const v = store.version
  const ref = (id: string) => ({ id })
  const roles = store.userRolesOf(user).map(ref)
  const groups = store.userGroupsOf(user).map(ref)
  const isAll = user.authorities.includes('ALL')
  const authorities = new Set<string>(user.authorities)
  for (const r of store.userRolesOf(user)) for (const a of (store.get('userRoles', r)?.authorities as string[]) ?? []) authorities.add(a)
  const programs = [...store.collection('programs').values()].map((p) => p.id)
  const dataSets = [...store.collection('dataSets').values()].map((d) => d.id)
  const name = `${user.firstName} ${user.surname}`
  const me: Record<string, unknown> = {
    id: user.id,
    username: user.username,
    surname: user.surname,
    firstName: user.firstName,
    name,
    displayName: name,
    created: '2024-01-01T00:00:00.000',
    lastUpdated: '2024-01-01T00:00:00.000',
    languages: user.locale,
    email: `${user.username}@dyad.example`,
    userGroups: groups,
    organisationUnits: user.organisationUnits.map(ref),
    dataViewOrganisationUnits: user.dataViewOrganisationUnits.map(ref),
    teiSearchOrganisationUnits: user.teiSearchOrganisationUnits.map(ref),
    authorities: [...authorities],
    settings: store.settingsOf(user),
    programs: isAll || authorities.has('F_VIEW_EVENT_ANALYTICS') ? programs : [],
    dataSets,
    access: { manage: true, externalize: false, write: true, read: true, update: true, delete: true },
    translations: [],
    favorites: [],
    patTokens: [],
    twoFactorType: 'NOT_ENABLED',
    emailVerified: false,
    enabled: true,
  }
  if (v === '2.42') me.userRoles = roles
  else me.userCredentials = { id: user.id, username: user.username, userRoles: roles, twoFA: false, disabled: false }
  return me
}

/** 2.40 and 2.41 omit empty collections from /api/me; 2.42 serialises them as []. */
function dropEmpty(version: Dhis2Version, body: Record<string, unknown>): Record<string, unknown> {
  if (version === '2.42') return body
  for (const [k, v] of Object.entries(body)) if (Array.isArray(v) && v.length === 0) delete body[k]
  return body
}

export function me(ctx: Ctx): Reply {
  const user = requireUser(ctx)
  const store = ctx.store
  const r = metadataResolver(store, store.localeOf(user), ctx.config.baseUrl)
  const body = applyFields(meObject(store, user), fieldsFrom(ctx.query, '*'), r)
  return ok(dropEmpty(store.version, body))
}

export function meAuthorization(ctx: Ctx): Reply {
  const user = requireUser(ctx)
  const all = meObject(ctx.store, user).authorities as string[]
  const which = ctx.params[0]
  if (which) return ok(all.includes('ALL') || all.includes(which))
  return ok(all)
}

export function meDashboard(ctx: Ctx): Reply {
  requireUser(ctx)
  return ok({ unreadInterpretations: 0, unreadMessageConversations: 0 })
}

const SETTING_KEYS = new Set(['keyUiLocale', 'keyDbLocale', 'keyAnalysisDisplayProperty', 'keyStyle', 'keyCurrentStyle', 'keyMessageEmailNotification', 'keyMessageSmsNotification', 'keyTrackerDashboardLayout'])

export function userSettings(ctx: Ctx): Reply {
  const user = requireUser(ctx)
  const settings = ctx.store.settingsOf(user)
  const key = ctx.params[0]
  if (!key) {
    const keys = ctx.query.getAll('key')
    if (keys.length) return ok(Object.fromEntries(keys.map((k) => [k, settings[k] ?? null])))
    return ok(settings)
  }
  if (!(key in settings)) return error(404, `User setting not found for key: ${key}`)
  return { status: 200, raw: settings[key] === null ? '' : String(settings[key]), contentType: 'text/plain; charset=utf-8' }
}

export async function setUserSetting(ctx: Ctx): Promise<Reply> {
  const user = requireUser(ctx)
  const key = ctx.params[0]
  if (!SETTING_KEYS.has(key)) return error(409, `Key is not supported: ${key}`)
  const value = ctx.query.get('value') ?? (await ctx.text()).trim().replace(/^"|"$/g, '')
  if (key === 'keyUiLocale' || key === 'keyDbLocale') {
    if (value && !/^[a-z]{2,3}([_-][A-Za-z]{2,4})*$/.test(value)) return error(409, `Invalid locale: ${value}`)
  }
  applyUserSetting(ctx.store, user.username, key, ctx.req.method === 'DELETE' ? null : value || null)
  ctx.store.record({ op: 'userSetting', at: ctx.store.now(), user: user.username, key, value: ctx.req.method === 'DELETE' ? null : value || null })
  return ok({ httpStatus: 'OK', httpStatusCode: 200, status: 'OK', message: `User setting saved for key: ${key}` })
}

export function applyUserSetting(store: Store, username: string, key: string, value: string | null): void {
  const current = store.userSettings.get(username) ?? {}
  if (value === null) delete current[key]
  else current[key] = value
  store.userSettings.set(username, current)
}

export function systemSettingsMap(ctx: Ctx): Record<string, unknown> {
  return {
    applicationTitle: SYSTEM_NAME,
    keyApplicationIntro: '',
    helpPageLink: 'https://docs.dhis2.org',
    keyUiLocale: 'en',
    keyDbLocale: 'en',
    keyCalendar: 'iso8601',
    keyDateFormat: 'yyyy-MM-dd',
    keyAnalysisRelativePeriod: 'LAST_12_MONTHS',
    keyAnalysisDisplayProperty: 'name',
    keyCustomTranslationsEnabled: false,
    keyTrackedEntityMaxLimit: 50000,
    keyIgnoreAnalyticsApprovalYearThreshold: -1,
    keyHideUnapprovedDataInAnalytics: false,
    keyCacheStrategy: 'NO_CACHE',
    keyRequireAddToView: false,
    keyStyle: 'light_blue/light_blue.css',
    startModule: 'dhis-web-dashboard',
    keyUseCustomLogoBanner: false,
    keyUseCustomLogoFront: false,
    keyServerBaseUrl: ctx.config.baseUrl,
  }
}

export function systemSettings(ctx: Ctx): Reply {
  requireUser(ctx)
  const all = systemSettingsMap(ctx)
  const key = ctx.params[0]
  if (!key) {
    const keys = ctx.query.getAll('key')
    return ok(keys.length ? Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]])) : all)
  }
  if (!(key in all)) return error(404, `Setting not found for key: ${key}`)
  return ok({ [key]: all[key] })
}

export function apps(ctx: Ctx): Reply {
  requireUser(ctx)
  if (!ctx.config.serveApp) return ok([])
  const base = `${ctx.config.baseUrl}/api/apps/dyad`
  return ok([
    {
      key: 'dyad',
      name: 'Dyad',
      short_name: 'dyad',
      displayName: 'Dyad',
      appType: 'APP',
      app_hub_id: undefined,
      version: '0.1.0',
      launchUrl: `${base}/index.html`,
      baseUrl: base,
      pluginLaunchUrl: `${base}/plugin.html`,
      pluginType: 'DASHBOARD',
      bundled: false,
      coreApp: false,
      folderName: 'dyad',
      settings: { dashboardWidget: {} },
      icons: { '48': 'dhis2-app-icon.png' },
    },
  ])
}

export function modules(ctx: Ctx): Reply {
  requireUser(ctx)
  const list = ctx.config.serveApp
    ? [{ name: 'dyad', namespace: 'dyad', defaultAction: `${ctx.config.baseUrl}/api/apps/dyad/index.html`, displayName: 'Dyad', icon: `${ctx.config.baseUrl}/api/apps/dyad/dhis2-app-icon.png`, description: 'Mère–enfant / mother–infant' }]
    : []
  return ok({ modules: list })
}

export function uiLocales(): Reply {
  return ok([
    { locale: 'en', name: 'English', displayName: 'English' },
    { locale: 'fr', name: 'français', displayName: 'French' },
  ])
}

export function ping(): Reply {
  return { status: 200, raw: 'pong', contentType: 'text/plain; charset=utf-8' }
}
