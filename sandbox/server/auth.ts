/**
 * Authentication as DHIS2 does it: a JSESSIONID session cookie (from the JSON login of 2.41+,
 * or the form login of every version) or HTTP Basic auth on each request. Sessions live in
 * memory (a restart logs everyone out, as a DHIS2 restart does without a shared session store).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { SandboxUser } from '../model'
import type { Store } from '../store/store'
import { error, HttpError, type Ctx, type Reply } from './http'

const COOKIE = 'JSESSIONID'

export class Sessions {
  private sessions = new Map<string, { username: string; created: number }>()

  create(username: string): string {
    const id = randomBytes(16).toString('hex').toUpperCase()
    this.sessions.set(id, { username, created: Date.now() })
    return id
  }

  get(id: string | undefined): string | undefined {
    return id ? this.sessions.get(id)?.username : undefined
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id)
  }
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim()
  }
  return undefined
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function checkPassword(store: Store, username: string, password: string): SandboxUser | undefined {
  const user = store.user(username)
  return user && sameSecret(user.password, password) ? user : undefined
}

export function sessionCookie(id: string): string {
  return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`
}

const CLEAR_COOKIE = `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`

/**
 * The user of a request, from Basic auth (checked first, as DHIS2's filter chain does) or the
 * session cookie. Wrong Basic credentials are a 401 even when a session cookie is present.
 */
export function authenticate(ctx: Ctx, sessions: Sessions): SandboxUser | undefined {
  const header = ctx.req.headers.authorization
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
    const i = decoded.indexOf(':')
    const user = i > 0 ? checkPassword(ctx.store, decoded.slice(0, i), decoded.slice(i + 1)) : undefined
    if (!user) throw new HttpError(401, 'Unauthorized')
    return user
  }
  const username = sessions.get(cookieValue(ctx.req.headers.cookie, COOKIE))
  return username ? ctx.store.user(username) : undefined
}

/** 401 as DHIS2 answers API calls without a valid session. */
export function unauthorized(ctx: Ctx): Reply {
  const reply = error(401, 'Unauthorized')
  // Browsers pop up their own Basic-auth dialog on WWW-Authenticate; DHIS2 omits it for XHR.
  if (ctx.req.headers['x-requested-with'] !== 'XMLHttpRequest') reply.headers = { 'WWW-Authenticate': 'Basic realm="DHIS2"' }
  return reply
}

/** POST /api/auth/login (2.41+): JSON {username, password}. */
export async function jsonLogin(ctx: Ctx, sessions: Sessions): Promise<Reply> {
  const body = (await ctx.json()) as { username?: unknown; password?: unknown }
  const username = typeof body?.username === 'string' ? body.username : ''
  const password = typeof body?.password === 'string' ? body.password : ''
  const user = username && password ? checkPassword(ctx.store, username, password) : undefined
  if (!user) return error(401, 'Bad credentials')
  const id = sessions.create(user.username)
  return { status: 200, json: { loginStatus: 'SUCCESS', redirectUrl: `${ctx.config.baseUrl}/dhis-web-dashboard/` }, headers: { 'Set-Cookie': sessionCookie(id) } }
}

/** POST /dhis-web-commons-security/login.action (form: j_username, j_password). */
export async function formLogin(ctx: Ctx, sessions: Sessions): Promise<Reply> {
  const form = new URLSearchParams(await ctx.text())
  const user = checkPassword(ctx.store, form.get('j_username') ?? '', form.get('j_password') ?? '')
  if (!user) return { status: 302, headers: { Location: `${ctx.config.baseUrl}/dhis-web-commons/security/login.action?failed=true` } }
  const id = sessions.create(user.username)
  return { status: 302, headers: { Location: `${ctx.config.baseUrl}/`, 'Set-Cookie': sessionCookie(id) } }
}

export function logout(ctx: Ctx, sessions: Sessions, asJson: boolean): Reply {
  sessions.destroy(cookieValue(ctx.req.headers.cookie, COOKIE))
  if (asJson) return { status: 200, json: { httpStatus: 'OK', httpStatusCode: 200, status: 'OK', message: 'Logged out' }, headers: { 'Set-Cookie': CLEAR_COOKIE } }
  return { status: 302, headers: { Location: `${ctx.config.baseUrl}/dhis-web-commons/security/login.action`, 'Set-Cookie': CLEAR_COOKIE } }
}

export function hasAuthority(user: SandboxUser, authority: string): boolean {
  return user.authorities.includes('ALL') || user.authorities.includes(authority)
}
