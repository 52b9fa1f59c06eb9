/**
 * Browser end-to-end suite (playwright-core + Debian's Chromium, no downloaded browser).
 *   1. builds the app (`d2-app-scripts build`; skip with DYAD_E2E_SKIP_BUILD=1 when build/app is fresh),
 *   2. starts the sandbox in-process on a free port, serving build/app at /api/apps/dyad/ (one origin),
 *   3. for each demo user: logs in through the app shell's login form, opens every page listed in
 *      the side navigation, checks the language (French for `fatoumata`, English for `admin`), runs
 *      axe-core (no serious/critical violation in Dyad's own frame), saves a screenshot under
 *      tests/e2e/screenshots/ (git-ignored), at 1280 px and at 1024 px.
 * Each check is one test; counts go to $DYAD_TEST_COUNTS for scripts/test.ts.
 * Run alone: `npx tsx tests/e2e/run.ts` (or `npm test -- --e2e-only`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { parsePo } from '../../scripts/po'
import { startSandbox, type Sandbox } from '../../sandbox/server'

const root = path.resolve(__dirname, '../..')
const shots = path.join(__dirname, 'screenshots')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

let passed = 0
let failed = 0
const failures: string[] = []

async function test(name: string, fn: () => Promise<void>): Promise<void> {
  const t0 = Date.now()
  try {
    await fn()
    passed++
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failed++
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e)
    failures.push(`${name}: ${msg}`)
    console.log(`  ✗ ${name}\n      ${msg.replace(/\n/g, '\n      ')}`)
  }
}

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg)
}

const fr = new Map(parsePo(readFileSync(path.join(root, 'i18n', 'fr.po'), 'utf8')).map((e) => [e.msgid, e.msgstr]))
const en = new Set(parsePo(readFileSync(path.join(root, 'i18n', 'en.pot'), 'utf8')).map((e) => e.msgid))
const t = (locale: 'en' | 'fr', s: string): string => (locale === 'fr' ? (fr.get(s) ?? s) : s)

const USERS = [
  { username: 'admin', password: 'district', locale: 'en' as const },
  { username: 'fatoumata', password: 'district', locale: 'fr' as const },
]

async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/api/apps/dyad/index.html#/`)
  await page.locator('input[name="j_username"]').fill(username, { timeout: 30_000 })
  await page.locator('input[name="j_password"]').fill(password)
  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.locator('button[type="submit"]').click()])
  await page.locator('nav.dyad-nav').waitFor({ timeout: 60_000 })
}

async function axe(page: Page): Promise<string[]> {
  const src = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: src })
  const res = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }
    // The DHIS2 header bar belongs to the app shell, not to Dyad: checked are Dyad's navigation and page.
    const r = await w.axe.run({ include: [['nav.dyad-nav'], ['#dyad-main']] }, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
  return res.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} [${v.targets.join(' | ')}]`)
}

async function main(): Promise<void> {
  const started = Date.now()
  if (process.env.DYAD_E2E_SKIP_BUILD !== '1' || !existsSync(path.join(root, 'build/app/index.html'))) {
    console.log('e2e: building the app (d2-app-scripts build)…')
    const b = spawnSync(path.join(root, 'node_modules/.bin/d2-app-scripts'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
    if (b.status !== 0) throw new Error('d2-app-scripts build failed')
  }
  mkdirSync(shots, { recursive: true })
  let sandbox: Sandbox | undefined
  let browser: Browser | undefined
  try {
    sandbox = await startSandbox({ version: '2.41', pairs: Number(process.env.DYAD_E2E_PAIRS ?? 400), port: 0, host: '127.0.0.1', dataDir: null, serveApp: path.join(root, 'build/app'), log: () => undefined })
    const base = sandbox.url.replace(/\/$/, '')
    console.log(`e2e: sandbox ${base}`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    for (const user of USERS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: user.locale === 'fr' ? 'fr-FR' : 'en-US' })
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (e) => pageErrors.push(e.message))
      let links: { href: string; text: string }[] = []
      await test(`${user.username}: logs in through the login form`, async () => {
        await login(page, base, user.username, user.password)
        links = await page.$$eval('nav.dyad-nav a', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })))
        assert(links.length > 0, 'no page in the side navigation')
      })
      await test(`${user.username}: navigation in ${user.locale === 'fr' ? 'French' : 'English'}`, async () => {
        const label = await page.getAttribute('nav.dyad-nav', 'aria-label')
        assert(label === t(user.locale, 'Dyad pages'), `navigation label is "${label}"`)
      })
      for (const link of links) {
        const route = link.href.replace(/^#/, '').split('?')[0] || '/'
        const slug = route.replace(/\//g, '') || 'home'
        await test(`${user.username}: page ${route} renders in ${user.locale}`, async () => {
          await page.goto(`${base}/api/apps/dyad/index.html${link.href}`)
          await page.locator('h1.dyad-page-title').waitFor({ timeout: 30_000 })
          // wait for the page's own loading states to settle
          await page.waitForFunction(() => !document.querySelector('#dyad-main [role="status"].dyad-loading'), undefined, { timeout: 60_000 }).catch(() => undefined)
          await page.waitForTimeout(300)
          const h1 = (await page.textContent('h1.dyad-page-title'))?.trim() ?? ''
          assert(h1 === link.text, `title "${h1}" differs from the navigation "${link.text}"`)
          if (user.locale === 'fr') {
            const english = [...fr.entries()].find(([, v]) => v === h1)?.[0]
            assert(english !== undefined && english !== h1, `title "${h1}" is not a French translation`)
          } else {
            assert(en.has(h1), `title "${h1}" is not an English message of en.pot`)
          }
          const alerts = await page.$$eval('#dyad-main [role="alert"]', (els) => els.map((e) => (e.textContent ?? '').trim()))
          assert(alerts.length === 0, `error shown: ${alerts.join(' / ')}`)
          await page.screenshot({ path: path.join(shots, `${user.username}-${slug}-1280.png`), fullPage: true })
        })
        await test(`${user.username}: page ${route} has no serious/critical axe violation`, async () => {
          const v = await axe(page)
          assert(v.length === 0, v.join('\n'))
        })
        await test(`${user.username}: page ${route} usable at 1024 px`, async () => {
          await page.setViewportSize({ width: 1024, height: 768 })
          await page.waitForTimeout(200)
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
          await page.screenshot({ path: path.join(shots, `${user.username}-${slug}-1024.png`), fullPage: false })
          await page.setViewportSize({ width: 1280, height: 800 })
          assert(overflow <= 0, `page is ${overflow}px wider than the 1024px window`)
        })
      }
      await test(`${user.username}: no uncaught script error`, async () => {
        assert(pageErrors.length === 0, pageErrors.join('\n'))
      })
      await context.close()
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await sandbox?.close().catch(() => undefined)
  }
  console.log(`e2e: ${passed} passed, ${failed} failed in ${Math.round((Date.now() - started) / 1000)} s`)
}

main()
  .catch((e) => {
    failed++
    failures.push(String(e instanceof Error ? e.stack : e))
    console.error('e2e harness error:', e)
  })
  .finally(() => {
    if (process.env.DYAD_TEST_COUNTS) writeFileSync(process.env.DYAD_TEST_COUNTS, JSON.stringify({ passed, failed }))
    if (failures.length) console.log(`\ne2e failures:\n- ${failures.join('\n- ')}`)
    process.exit(failed > 0 ? 1 : 0)
  })
