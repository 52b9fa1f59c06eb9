/**
 * What every browser suite shares: Debian's Chromium and its flags (no downloaded browser), the
 * build check, the demo users, login through the app shell's form, axe, downloads, translations,
 * a tiny runner whose counts go to $DYAD_TEST_COUNTS for scripts/test.ts, and `withSuiteEnv`, the
 * one start-up/teardown of a suite.
 *
 * Writing a suite (tests/e2e/<name>.test.ts — scripts/test.ts runs every such file):
 *
 *   import { assert, login, runSuite, test, USERS, withSuiteEnv } from './harness'
 *
 *   runSuite('e2e <name>', () =>
 *     withSuiteEnv({ label: 'e2e <name>', pairs: 400 }, async (env) => {
 *       // env.sandbox: the in-process sandbox (2.41, Dyad metadata installed, build/app served at
 *       //   /api/apps/dyad/ on the same origin); env.base: its origin without a trailing slash;
 *       //   env.sandbox.store: the store (read it, or inject records through HTTP as a client would).
 *       for (const user of USERS) {
 *         const { page, pageErrors } = await env.session(user, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })
 *         await test(`${user.username}: logs in`, () => login(page, env.base, user.username, user.password))
 *         await test(`${user.username}: …`, async () => { … assert(…, 'message') })
 *         await test(`${user.username}: no uncaught script error`, async () => assert(pageErrors.length === 0, pageErrors.join('\n')))
 *       }
 *     }),
 *   )
 *
 * `withSuiteEnv(options, body)`:
 *   - builds the app unless DYAD_E2E_SKIP_BUILD=1 and build/app exists (`ensureBuilt`), creates
 *     tests/e2e/screenshots/ (`shots`, git-ignored);
 *   - starts the sandbox on a free port of 127.0.0.1, in memory (dataDir null), quiet; `pairs`
 *     (default 2000) is overridden by $DYAD_E2E_PAIRS; `sandbox` passes any other SandboxOptions;
 *   - launches /usr/bin/chromium (or $CHROMIUM_PATH) headless with CHROMIUM_ARGS, once per suite;
 *   - `env.session(user?, options?)` opens a fresh browser context + page: locale fr-FR for a French
 *     user (`locale: 'fr'`), en-US otherwise, viewport 1280×800 unless given, downloads accepted
 *     (see `download()`); it collects uncaught page errors in `pageErrors`. `close()` ends it early;
 *     every session still open is closed at teardown;
 *   - tears everything down (sessions, Chromium, sandbox) when `body` returns OR throws, then
 *     re-throws, so `runSuite` counts the error as a failure and the process never hangs on an open
 *     server or browser.
 * One test = one `test(name, fn)`: a failing assertion fails that test and the suite goes on.
 * Run one suite: `DYAD_E2E_SKIP_BUILD=1 npx tsx tests/e2e/<name>.test.ts` (after `npx d2-app-scripts build`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index'
import { parsePo } from '../../scripts/po'

export const root = path.resolve(__dirname, '../..')
export const shots = path.join(__dirname, 'screenshots')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export type Locale = 'en' | 'fr'

export const USERS = [
  { username: 'admin', password: 'district', locale: 'en' as const },
  { username: 'fatoumata', password: 'district', locale: 'fr' as const },
]

/** French translations of i18n/fr.po by English message. */
export const fr = new Map(parsePo(readFileSync(path.join(root, 'i18n', 'fr.po'), 'utf8')).map((e) => [e.msgid, e.msgstr]))
/** The message as a user of `locale` sees it. */
export const t = (locale: Locale, s: string): string => (locale === 'fr' ? fr.get(s) || s : s)

const results = { passed: 0, failed: 0, failures: [] as string[] }

export async function test(name: string, fn: () => Promise<void>): Promise<void> {
  const t0 = Date.now()
  try {
    await fn()
    results.passed++
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    results.failed++
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 8).join('\n') : String(e)
    results.failures.push(`${name}: ${msg}`)
    console.log(`  ✗ ${name}\n      ${msg.replace(/\n/g, '\n      ')}`)
  }
}

export function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg)
}

/** Builds the app unless DYAD_E2E_SKIP_BUILD=1 and build/app exists (npm test builds once). */
export function ensureBuilt(): void {
  if (process.env.DYAD_E2E_SKIP_BUILD === '1' && existsSync(path.join(root, 'build/app/index.html'))) return
  console.log('e2e: building the app (d2-app-scripts build)…')
  const b = spawnSync(path.join(root, 'node_modules/.bin/d2-app-scripts'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (b.status !== 0) throw new Error('d2-app-scripts build failed')
}

/** Runs a suite, prints its counts, writes them for scripts/test.ts and exits non-zero on failure. */
export function runSuite(label: string, main: () => Promise<void>): void {
  const started = Date.now()
  main()
    .catch((e) => {
      results.failed++
      results.failures.push(String(e instanceof Error ? e.stack : e))
      console.error('e2e harness error:', e)
    })
    .finally(() => {
      const { passed, failed, failures } = results
      console.log(`${label}: ${passed} passed, ${failed} failed in ${Math.round((Date.now() - started) / 1000)} s`)
      if (process.env.DYAD_TEST_COUNTS) writeFileSync(process.env.DYAD_TEST_COUNTS, JSON.stringify({ passed, failed }))
      if (failures.length) console.log(`\n${label} failures:\n- ${failures.join('\n- ')}`)
      process.exit(failed > 0 ? 1 : 0)
    })
}

export async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/api/apps/dyad/index.html#/`)
  await page.locator('input[name="j_username"]').fill(username, { timeout: 30_000 })
  await page.locator('input[name="j_password"]').fill(password)
  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.locator('button[type="submit"]').click()])
  await page.locator('nav.dyad-nav').waitFor({ timeout: 60_000 })
}

/** Serious and critical axe-core violations in Dyad's navigation and page (the header bar is the shell's). */
export async function axe(page: Page): Promise<string[]> {
  return axeIn(page, [['nav.dyad-nav'], ['#dyad-main']])
}

/** Serious and critical axe-core violations in `include` (axe context selectors) of a page or frame (e.g. the plugin's iframe). */
export async function axeIn(target: Page | Frame, include: string[][]): Promise<string[]> {
  const src = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await target.addScriptTag({ content: src })
  const res = await target.evaluate(async (inc) => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }
    const r = await w.axe.run({ include: inc }, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  }, include)
  return res.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} [${v.targets.join(' | ')}]`)
}

export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()])
  const p = await d.path()
  assert(p, 'download has no file')
  return { name: d.suggestedFilename(), bytes: readFileSync(p) }
}

export async function noAlerts(page: Page): Promise<void> {
  const alerts = await page.$$eval('#dyad-main [role="alert"]', (els) => els.map((e) => (e.textContent ?? '').trim()))
  assert(alerts.length === 0, `error shown: ${alerts.join(' / ')}`)
}

export interface SuiteEnvOptions {
  /** Printed with the sandbox address (e.g. 'e2e dashboards'). */
  label: string
  /** Mother–infant pairs the sandbox generates (default 2000); $DYAD_E2E_PAIRS overrides it. */
  pairs?: number
  /** Any other sandbox option (version, today, metadataBundle, …). */
  sandbox?: Omit<SandboxOptions, 'pairs'>
}

export interface SessionOptions {
  viewport?: { width: number; height: number }
  /** Playwright's default: true (downloads are kept for `download()`). */
  acceptDownloads?: boolean
  /** Browser locale; by default the user's (fr → fr-FR, en → en-US). */
  locale?: Locale
}

/** One browser context and its page (cookies are per context: one session per user). */
export interface Session {
  context: BrowserContext
  page: Page
  /** Uncaught script errors of the page, in order. */
  pageErrors: string[]
  close(): Promise<void>
}

export interface SuiteEnv {
  sandbox: Sandbox
  /** The sandbox origin without a trailing slash; the app is at `${base}/api/apps/dyad/`. */
  base: string
  browser: Browser
  /** A new context + page, for a user (its locale) or for the given locale. */
  session(user?: { locale: Locale }, options?: SessionOptions): Promise<Session>
}

/** Starts the sandbox and Chromium, runs `body`, and always tears both down (see the header). */
export async function withSuiteEnv<T>(options: SuiteEnvOptions, body: (env: SuiteEnv) => Promise<T>): Promise<T> {
  ensureBuilt()
  mkdirSync(shots, { recursive: true })
  const pairs = Number(process.env.DYAD_E2E_PAIRS ?? options.pairs ?? 2000)
  let sandbox: Sandbox | undefined
  let browser: Browser | undefined
  const open = new Set<BrowserContext>()
  try {
    sandbox = await startSandbox({ version: '2.41', port: 0, host: '127.0.0.1', dataDir: null, serveApp: path.join(root, 'build/app'), log: () => undefined, ...options.sandbox, pairs })
    const base = sandbox.url.replace(/\/$/, '')
    console.log(`${options.label}: sandbox ${base}, ${pairs} pairs`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const b = browser
    const session = async (user?: { locale: Locale }, o: SessionOptions = {}): Promise<Session> => {
      const locale = o.locale ?? user?.locale ?? 'en'
      const context = await b.newContext({ viewport: o.viewport ?? { width: 1280, height: 800 }, locale: locale === 'fr' ? 'fr-FR' : 'en-US', acceptDownloads: o.acceptDownloads ?? true })
      open.add(context)
      context.on('close', () => open.delete(context))
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (e) => pageErrors.push(e.message))
      return { context, page, pageErrors, close: () => context.close() }
    }
    return await body({ sandbox, base, browser, session })
  } finally {
    for (const c of [...open]) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await sandbox?.close().catch(() => undefined)
  }
}

/**
 * The sandbox's Web API as a script would call it (Basic auth as admin, JSON in and out): for
 * suites that plant or fix records behind the app's back. A body that is not JSON comes back as `{ text }`.
 */
export async function adminApi(base: string, method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/${p}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from('admin:district').toString('base64')}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  try {
    return { status: res.status, json: JSON.parse(text) as Record<string, unknown> }
  } catch {
    return { status: res.status, json: { text } }
  }
}
