/**
 * The sandbox server: `startSandbox(options)` builds the store (seed → Dyad metadata bundle →
 * write-log replay), then serves the DHIS2 Web API subset Dyad uses on node:http.
 * See docs/decisions/0100-sandbox-server.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { warmAnalytics } from '../analytics'
import type { Dhis2Version } from '../model'
import { WriteLog, writeLogFile } from '../store/log'
import { loadSeed } from '../store/seed'
import { Store } from '../store/store'
import { DEFAULT_TODAY } from '../generator'
import { installBundle, findBundle } from '../store/bundle'
import { replay } from '../store/replay'
import { authenticate, formLogin, jsonLogin, logout, Sessions, unauthorized } from './auth'
import { applyCors } from './cors'
import { error, HttpError, parseJsonBody, readBody, type Ctx, type Reply, type ServerConfig } from './http'
import { Router } from './router'
import { serveStatic } from './static'
import { analytics } from './handlers/analytics'
import { dataStoreHandler } from './handlers/dataStore'
import { filledLevels, readCollection, readObject } from './handlers/metadataRead'
import { apps, loginConfig, me, meAuthorization, meDashboard, modules, ping, setUserSetting, systemInfo, systemSettings, uiLocales, userSettings, type SystemState } from './handlers/system'
import { registerWriteRoutes } from './routes'

export interface SandboxOptions {
  /** DHIS2 version to imitate (default 2.41). */
  version?: Dhis2Version
  /** Mother–infant pairs to generate (default 2000). */
  pairs?: number
  seed?: number
  /** Generator "today" (default the generator's fixed date). */
  today?: string
  /** Port (0 = any free port; default 8080). */
  port?: number
  host?: string
  /** Data folder for the write log and seed cache; null keeps everything in memory. */
  dataDir?: string | null
  /** Built app folder to serve at / and /api/apps/dyad/. */
  serveApp?: string
  /** Metadata bundle file; undefined = newest metadata/dist/dyad-metadata-*.json; false = none. */
  metadataBundle?: string | false
  /** Build analytics indexes right after start (default true). */
  warm?: boolean
  log?: (msg: string) => void
}

export interface Sandbox {
  url: string
  port: number
  store: Store
  close(): Promise<void>
}

const ROOT = resolve(__dirname, '..', '..')
export const API_PREFIX = /^\/api\/(\d{2})(?=\/|$)/

/** Normalise /api/41/x → /api/x, strip .json and trailing slashes. */
export function normalisePath(pathname: string): string {
  let p = pathname.replace(API_PREFIX, '/api').replace(/\/+$/, '')
  if (p.startsWith('/api/') && p.endsWith('.json')) p = p.slice(0, -5)
  return p || '/'
}

export function buildRouter(sessions: Sessions, state: SystemState): Router {
  const r = new Router()
  // session
  r.add('POST', /^\/api\/auth\/login$/, (ctx) => (ctx.store.version === '2.40' ? error(404, 'Not Found') : jsonLogin(ctx, sessions)), { public: true })
  r.add(['GET', 'POST'], /^\/api\/auth\/logout$/, (ctx) => logout(ctx, sessions, true), { public: true })
  r.add('POST', /^\/dhis-web-commons-security\/login\.action$/, (ctx) => formLogin(ctx, sessions), { public: true })
  r.add(['GET', 'POST'], /^\/dhis-web-commons-security\/logout\.action$/, (ctx) => logout(ctx, sessions, false), { public: true })
  r.add('GET', /^\/api\/loginConfig$/, loginConfig, { public: true })
  r.add('GET', /^\/api\/ping$/, ping, { public: true })
  r.add('GET', /^\/api\/locales\/ui$/, uiLocales, { public: true })
  // system and user
  r.add('GET', /^\/api\/system\/info$/, (ctx) => systemInfo(ctx, state))
  r.add('GET', /^\/api\/me$/, me)
  r.add('GET', /^\/api\/me\/authorization(?:\/([^/]+))?$/, meAuthorization)
  r.add('GET', /^\/api\/me\/dashboard$/, meDashboard)
  r.add('GET', /^\/api\/userSettings(?:\/([^/]+))?$/, userSettings)
  r.add(['POST', 'PUT', 'DELETE'], /^\/api\/userSettings\/([^/]+)$/, setUserSetting)
  r.add('GET', /^\/api\/systemSettings(?:\/([^/]+))?$/, systemSettings)
  r.add('GET', /^\/api\/apps$/, apps)
  r.add('GET', /^\/dhis-web-commons\/menu\/getModules\.action$/, modules)
  r.add('GET', /^\/api\/staticContent\/([^/]+)$/, () => error(404, 'No custom file found'))
  // dataStore
  r.add(['GET', 'POST', 'PUT', 'DELETE'], /^\/api\/dataStore(?:\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?)?$/, dataStoreHandler('global'))
  r.add(['GET', 'POST', 'PUT', 'DELETE'], /^\/api\/userDataStore(?:\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?)?$/, dataStoreHandler('user'))
  // analytics
  r.add('GET', /^\/api\/analytics(?:\/(.+))?$/, analytics)
  // writes and tracker (metadata import, tracker, dataValueSets, registrations)
  registerWriteRoutes(r)
  // generic metadata read (last: matches any collection name)
  r.add('GET', /^\/api\/filledOrganisationUnitLevels$/, filledLevels)
  r.add('GET', /^\/api\/([a-zA-Z]+)$/, readCollection)
  r.add('GET', /^\/api\/([a-zA-Z]+)\/([a-zA-Z0-9]+)(?:\/([a-zA-Z]+))?$/, readObject)
  return r
}

function send(res: ServerResponse, reply: Reply, head: boolean): void {
  res.statusCode = reply.status
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v)
  let body: string | Buffer | undefined
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json)
    res.setHeader('Content-Type', 'application/json;charset=UTF-8')
  } else if (reply.raw !== undefined) {
    body = reply.raw
    res.setHeader('Content-Type', reply.contentType ?? 'application/octet-stream')
  }
  if (body !== undefined) res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(head ? undefined : body)
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? ((m: string) => console.log(`[sandbox] ${m}`))
  const version = options.version ?? '2.41'
  const pairs = options.pairs ?? 2000
  const seed = options.seed ?? 1
  const today = options.today ?? DEFAULT_TODAY
  const dataDir = options.dataDir === undefined ? join(ROOT, 'sandbox', 'data') : options.dataDir
  const startedAt = new Date()

  const writeLog = new WriteLog(dataDir ? writeLogFile(dataDir, seed, pairs) : undefined)
  const store = new Store({ version, today, log: writeLog })
  const seeded = loadSeed({ seed, pairs, today, cacheDir: dataDir ? join(dataDir, 'seed-cache') : undefined, log })
  store.loadSeed(seeded.data)
  log(`seed ${seed}, ${pairs} pairs: ${seeded.data.trackedEntities.length} tracked entities, ${seeded.data.orgUnits.length} org units (${seeded.fromCache ? 'from cache' : 'generated'} in ${Math.round(seeded.ms)} ms)`)

  const bundleFile = options.metadataBundle === false ? undefined : (options.metadataBundle ?? findBundle(join(ROOT, 'metadata', 'dist')))
  if (bundleFile) {
    const report = installBundle(store, bundleFile)
    log(report)
  } else if (options.metadataBundle !== false) {
    log('no Dyad metadata bundle found in metadata/dist/ (dyad-metadata-<version>.json): starting without programs, data elements or indicators')
  }
  const replayed = replay(store, writeLog, log)
  if (replayed) log(`replayed ${replayed} writes from ${writeLog.file}`)

  const sessions = new Sessions()
  const state: SystemState = { startedAt, analyticsRuntimeMs: 0 }
  const router = buildRouter(sessions, state)
  const config: ServerConfig = { baseUrl: '', serveApp: options.serveApp ? resolve(options.serveApp) : undefined, log }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: Error) => {
      log(`500 ${req.method} ${req.url}: ${e.stack ?? e.message}`)
      if (!res.headersSent) send(res, error(500, e.message), false)
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res)) return
    const url = new URL(req.url ?? '/', 'http://sandbox.local')
    const path = normalisePath(url.pathname)
    let bodyText: string | undefined
    const ctx: Ctx = {
      req,
      res,
      method: req.method ?? 'GET',
      path,
      params: [],
      query: url.searchParams,
      store,
      config,
      async text() {
        if (bodyText === undefined) bodyText = await readBody(req)
        return bodyText
      },
      async json() {
        return parseJsonBody(await this.text())
      },
    }
    const head = ctx.method === 'HEAD'
    try {
      const found = router.find(ctx.method, path)
      if (!found) {
        const file = staticFile(url.pathname)
        if (file && (ctx.method === 'GET' || head)) return send(res, file, head)
        return send(res, error(404, 'Not Found'), head)
      }
      if ('allowed' in found) return send(res, { ...error(405, `Request method '${ctx.method}' is not supported`), headers: { Allow: [...new Set(found.allowed)].join(', ') } }, head)
      ctx.params = found.params
      ctx.user = authenticate(ctx, sessions)
      if (!found.route.public && !ctx.user) return send(res, unauthorized(ctx), head)
      send(res, await found.route.handler(ctx), head)
    } catch (e) {
      if (e instanceof HttpError) {
        if (e.status === 401) return send(res, unauthorized(ctx), head)
        return send(res, error(e.status, e.message, e.extra), head)
      }
      throw e
    }
  }

  function staticFile(pathname: string): Reply | null {
    if (!config.serveApp) return null
    if (pathname.startsWith('/api/apps/dyad/') || pathname === '/api/apps/dyad') return serveStatic(config.serveApp, pathname.slice('/api/apps/dyad'.length) || '/')
    if (pathname.startsWith('/api/') || pathname.startsWith('/dhis-web-')) return null
    return serveStatic(config.serveApp, pathname)
  }

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, host, () => resolvePromise())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  config.baseUrl = url
  log(`DHIS2 ${version} sandbox listening on ${url} (users: ${store.users.map((u) => u.username).join(', ')}; password: district)`)

  if (options.warm !== false) {
    setImmediate(() => {
      const ms = warmAnalytics(store.analyticsContext())
      state.analyticsRuntimeMs = ms
      log(`analytics warmed in ${Math.round(ms)} ms`)
    })
  }

  return {
    url,
    port,
    store,
    close: async () => {
      await seeded.cacheWritten
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise())
        server.closeAllConnections()
      })
    },
  }
}
