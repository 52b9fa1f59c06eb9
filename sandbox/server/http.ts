/**
 * HTTP plumbing shared by the handlers: the request context, replies, DHIS2 "web message" error
 * bodies and body parsing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SandboxUser } from '../model'
import type { Store } from '../store/store'

export interface ServerConfig {
  /** Origin + context path clients see, e.g. http://127.0.0.1:8080 */
  baseUrl: string
  /** Folder of a built app served at / and /api/apps/dyad/ (optional). */
  serveApp?: string
  log: (msg: string) => void
}

export interface Reply {
  status: number
  /** JSON body (serialised by the router). */
  json?: unknown
  /** Raw body (text or bytes) with its content type. */
  raw?: string | Buffer
  contentType?: string
  headers?: Record<string, string | string[]>
}

export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  method: string
  /** Path with the /api/<version>/ prefix normalised to /api/ and no trailing slash. */
  path: string
  /** Path parameters captured by the route pattern. */
  params: string[]
  query: URLSearchParams
  store: Store
  config: ServerConfig
  user?: SandboxUser
  /** The request body as text (read once, cached). */
  text(): Promise<string>
  /** The request body parsed as JSON; throws HttpError 400 with DHIS2's message when invalid. */
  json(): Promise<unknown>
}

const STATUS_NAMES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
}

export function httpStatusName(status: number): string {
  return STATUS_NAMES[status] ?? 'Error'
}

/** DHIS2's WebMessage envelope. */
export function webMessage(status: number, message: string | undefined, extra: Record<string, unknown> = {}, state?: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    httpStatus: httpStatusName(status),
    httpStatusCode: status,
    status: state ?? (status < 400 ? 'OK' : 'ERROR'),
  }
  if (message !== undefined) body.message = message
  return { ...body, ...extra }
}

export function ok(json: unknown, status = 200): Reply {
  return { status, json }
}

export function error(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, json: webMessage(status, message, extra) }
}

/** Thrown inside handlers to answer with a DHIS2 error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export function readBody(req: IncomingMessage, limit = 512 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new HttpError(413, 'Request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function parseJsonBody(text: string): unknown {
  if (!text.trim()) throw new HttpError(400, 'Request body is empty')
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new HttpError(400, `JSON parse error: ${(e as Error).message}`)
  }
}

/** Query parameters as a plain record (last value wins), for the write log. */
export function paramsRecord(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of q) out[k] = v
  return out
}

export function boolParam(q: URLSearchParams, name: string, fallback = false): boolean {
  const v = q.get(name)
  if (v === null || v === '') return fallback
  return v.toLowerCase() === 'true'
}

export function intParam(q: URLSearchParams, name: string, fallback: number): number {
  const v = q.get(name)
  if (v === null || v === '') return fallback
  const n = Number(v)
  if (!Number.isInteger(n)) throw new HttpError(400, `Value '${v}' is not valid for parameter ${name}. It should be of type Integer`)
  return n
}
