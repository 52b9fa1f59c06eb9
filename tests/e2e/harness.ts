/**
 * What every browser suite shares: Debian's Chromium and its flags (no downloaded browser), the
 * build check, the demo users, login through the app shell's form, axe, downloads, translations,
 * and a tiny runner whose counts go to $DYAD_TEST_COUNTS for scripts/test.ts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
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
  const src = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: src })
  const res = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }
    const r = await w.axe.run({ include: [['nav.dyad-nav'], ['#dyad-main']] }, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
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
