/**
 * The one adapter between Dyad and DHIS2, over the app-runtime data engine (`useDataEngine`).
 * Pages and hooks never build URLs; they call the typed helpers in src/data (tracker, analytics,
 * metadata, dataStore, orgUnits, me), which call this client.
 *
 * - GET is retried with exponential backoff on 5xx, timeouts and network failures.
 * - POST/PUT/DELETE are never retried (a write that timed out may have been applied).
 * - Every failure becomes a typed DyadError (errors.ts) with a plain FR/EN message.
 * - The server version comes from /api/system/info once per client.
 *
 * React code gets the client with `useClient()` (src/data/useClient.ts, over `useDataEngine`);
 * this file stays free of React so Node-side suites and workers can use it.
 */
import {
  AbortedError,
  BadRequestError,
  BadResponseError,
  ConflictError,
  DyadError,
  ForbiddenError,
  NotFoundError,
  OfflineError,
  ServerError,
  SessionExpiredError,
  TimeoutError,
  isRetryable,
} from './errors'
import { parseImportReport } from './importReport'
import { parseServerVersion, type ServerVersion } from './version'

export type ParamValue = string | number | boolean | string[] | undefined
export type Params = Record<string, ParamValue>

type ResourceQuery = { resource: string; id?: string; params?: Record<string, unknown>; data?: unknown }
type MutationType = 'create' | 'replace' | 'update' | 'delete'

/** The part of the app-runtime engine the client uses (tests pass a fake). */
export interface EngineLike {
  query(query: Record<string, ResourceQuery>, options?: { signal?: AbortSignal }): Promise<Record<string, unknown>>
  mutate(mutation: ResourceQuery & { type: MutationType; partial?: boolean }, options?: { signal?: AbortSignal }): Promise<unknown>
}

export interface ClientOptions {
  /** Attempts for a GET, including the first one. */
  attempts?: number
  /** First backoff delay; doubles each retry (with ±25 % jitter). */
  backoffMs?: number
  /** Per-request timeout for GETs and writes. */
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export interface RequestOptions {
  signal?: AbortSignal
  timeoutMs?: number
  /** Authorities the request needs; reported on a 403 so the user knows what to ask for. */
  authorities?: string[]
  /** Called before each retry (attempt number from 2). */
  onRetry?: (attempt: number, error: DyadError) => void
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Status code of an app-runtime FetchError: from the DHIS2 WebMessage, else from its message. */
function statusOf(err: { type?: unknown; message?: unknown; details?: unknown }): number | undefined {
  const d = err.details
  if (isObj(d) && typeof d.httpStatusCode === 'number') return d.httpStatusCode
  const m = typeof err.message === 'string' ? /\((\d{3})\)\s*$/.exec(err.message) : null
  if (m) return Number(m[1])
  if (err.type === 'access') {
    if (err.message === 'Unauthorized') return 401
    if (isObj(d) && parseImportReport(d)) return 409
    return 403
  }
  return undefined
}

const AUTHORITY_RE = /\b(F_[A-Z0-9_]+|M_[a-z0-9-]+|ALL)\b/g

/** Turns whatever the engine threw into a DyadError. */
export function toDyadError(err: unknown, ctx: { aborted?: boolean; timedOut?: boolean; authorities?: string[] } = {}): DyadError {
  if (err instanceof DyadError) return err
  if (ctx.timedOut) return new TimeoutError({ cause: err })
  if (ctx.aborted) return new AbortedError({ cause: err })
  if (err instanceof SyntaxError) return new BadResponseError({ cause: err })
  const e = isObj(err) ? (err as { type?: unknown; message?: unknown; details?: unknown }) : {}
  if (e.type === 'aborted' || (isObj(e.details) && (e.details as { name?: unknown }).name === 'AbortError')) return new AbortedError({ cause: err })
  if (e.type === 'network') return new OfflineError({ cause: err })
  if (e.type === 'access' || e.type === 'unknown') {
    const status = statusOf(e)
    const details = e.details
    const serverMessage = isObj(details) && typeof details.message === 'string' ? details.message : typeof e.message === 'string' ? e.message : undefined
    const init = { status, serverMessage, details, cause: err }
    if (status === 401) return new SessionExpiredError(init)
    if (status === 403) {
      const fromMessage = serverMessage ? Array.from(serverMessage.matchAll(AUTHORITY_RE), (m) => m[1]) : []
      const missing = Array.from(new Set([...(ctx.authorities ?? []), ...fromMessage]))
      return new ForbiddenError(missing, init)
    }
    if (status === 409) return new ConflictError(parseImportReport(details), init)
    if (status === 404) return new NotFoundError(init)
    if (status === 400) return new BadRequestError(init)
    if (status === 408 || status === 504) return new TimeoutError(init)
    if (status !== undefined && status >= 500) return new ServerError(init)
    return new BadResponseError(init)
  }
  return new BadResponseError({ cause: err, serverMessage: err instanceof Error ? err.message : undefined })
}

function cleanParams(params: Params | undefined): Record<string, unknown> | undefined {
  if (!params) return undefined
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v
  return out
}

export class DhisClient {
  private readonly engine: EngineLike
  private readonly opts: Required<ClientOptions>
  private versionPromise?: Promise<ServerVersion>

  constructor(engine: EngineLike, options: ClientOptions = {}) {
    this.engine = engine
    this.opts = {
      attempts: options.attempts ?? 3,
      backoffMs: options.backoffMs ?? 800,
      timeoutMs: options.timeoutMs ?? 90_000,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
    }
  }

  /** One request with a timeout and the caller's abort signal; errors come out typed. */
  private async once<T>(run: (signal: AbortSignal) => Promise<T>, o: RequestOptions): Promise<T> {
    if (o.signal?.aborted) throw new AbortedError()
    const ctl = new AbortController()
    let timedOut = false
    const onAbort = (): void => ctl.abort()
    o.signal?.addEventListener('abort', onAbort)
    const timer = setTimeout(() => {
      timedOut = true
      ctl.abort()
    }, o.timeoutMs ?? this.opts.timeoutMs)
    try {
      return await run(ctl.signal)
    } catch (err) {
      throw toDyadError(err, { aborted: o.signal?.aborted, timedOut, authorities: o.authorities })
    } finally {
      clearTimeout(timer)
      o.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** GET a resource (path relative to /api, e.g. `system/info`, `tracker/trackedEntities`). */
  async get<T = unknown>(resource: string, params?: Params, o: RequestOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(async (signal) => {
          const res = await this.engine.query({ r: { resource, params: cleanParams(params) } }, { signal })
          return res.r as T
        }, o)
      } catch (err) {
        const e = err as DyadError
        if (attempt >= this.opts.attempts || !isRetryable(e) || o.signal?.aborted) throw e
        o.onRetry?.(attempt + 1, e)
        const base = this.opts.backoffMs * 2 ** (attempt - 1)
        await this.opts.sleep(Math.round(base * (0.75 + 0.5 * this.opts.random())))
        if (o.signal?.aborted) throw new AbortedError()
      }
    }
  }

  /** POST (never retried). */
  post<T = unknown>(resource: string, data: unknown, params?: Params, o: RequestOptions = {}): Promise<T> {
    return this.once((signal) => this.engine.mutate({ type: 'create', resource, data, params: cleanParams(params) }, { signal }) as Promise<T>, o)
  }

  /** PUT a whole object (never retried). */
  put<T = unknown>(resource: string, id: string | undefined, data: unknown, params?: Params, o: RequestOptions = {}): Promise<T> {
    return this.once((signal) => this.engine.mutate({ type: 'replace', resource, id, data, params: cleanParams(params) }, { signal }) as Promise<T>, o)
  }

  /** DELETE (never retried). */
  delete<T = unknown>(resource: string, id: string | undefined, o: RequestOptions = {}): Promise<T> {
    return this.once((signal) => this.engine.mutate({ type: 'delete', resource, id }, { signal }) as Promise<T>, o)
  }

  /** The server version from /api/system/info, asked once per client. */
  serverVersion(): Promise<ServerVersion> {
    if (!this.versionPromise) {
      this.versionPromise = this.get<unknown>('system/info').then((info) => {
        const v = parseServerVersion(isObj(info) ? info.version : undefined)
        if (!v) throw new BadResponseError({ serverMessage: 'system/info without a readable version' })
        return v
      })
      this.versionPromise.catch(() => {
        this.versionPromise = undefined
      })
    }
    return this.versionPromise
  }
}
