/**
 * Browser end-to-end suite of the dashboards (overview, continuum, scorecard, plugin) against the
 * sandbox, for an English (admin) and a French (fatoumata) user, with playwright-core and Debian's
 * Chromium. Checks real sandbox data on each page, drill-down, year-over-year, exports (CSV rows,
 * XLSX sheet rows, PNG), the request count of the overview, axe (no serious/critical violation in
 * Dyad's frame) and saves screenshots under tests/e2e/screenshots/ (git-ignored).
 *
 *   npx tsx tests/e2e/dashboards.test.ts          (builds the app unless DYAD_E2E_SKIP_BUILD=1)
 *   DYAD_E2E_PAIRS=5000 npx tsx tests/e2e/dashboards.test.ts
 * Counts go to $DYAD_TEST_COUNTS like tests/e2e/run.ts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
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
export const figures: Record<string, number> = {}

async function test(name: string, fn: () => Promise<void>): Promise<void> {
  const t0 = Date.now()
  try {
    await fn()
    passed++
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
  } catch (e) {
    failed++
    const msg = e instanceof Error ? e.message.split('\n').slice(0, 8).join('\n') : String(e)
    failures.push(`${name}: ${msg}`)
    console.log(`  ✗ ${name}\n      ${msg.replace(/\n/g, '\n      ')}`)
  }
}

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg)
}

const fr = new Map(parsePo(readFileSync(path.join(root, 'i18n', 'fr.po'), 'utf8')).map((e) => [e.msgid, e.msgstr]))
const t = (locale: 'en' | 'fr', s: string): string => (locale === 'fr' ? fr.get(s) || s : s)

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
    const r = await w.axe.run({ include: [['nav.dyad-nav'], ['#dyad-main']] }, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
  return res.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} [${v.targets.join(' | ')}]`)
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()])
  const p = await d.path()
  assert(p, 'download has no file')
  return { name: d.suggestedFilename(), bytes: readFileSync(p) }
}

const noAlerts = async (page: Page): Promise<void> => {
  const alerts = await page.$$eval('#dyad-main [role="alert"]', (els) => els.map((e) => (e.textContent ?? '').trim()))
  assert(alerts.length === 0, `error shown: ${alerts.join(' / ')}`)
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
    const pairs = Number(process.env.DYAD_E2E_PAIRS ?? 2000)
    sandbox = await startSandbox({ version: '2.41', pairs, port: 0, host: '127.0.0.1', dataDir: null, serveApp: path.join(root, 'build/app'), log: () => undefined })
    const base = sandbox.url.replace(/\/$/, '')
    console.log(`e2e dashboards: sandbox ${base}, ${pairs} pairs`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    for (const user of USERS) {
      const L = user.locale
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: L === 'fr' ? 'fr-FR' : 'en-US', acceptDownloads: true })
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (e) => pageErrors.push(e.message))
      const requests: { url: string; bytes: number }[] = []
      page.on('requestfinished', (r) => {
        void r.sizes().then((s) => requests.push({ url: r.url(), bytes: s.responseBodySize }), () => requests.push({ url: r.url(), bytes: 0 }))
      })
      await test(`${user.username}: logs in`, () => login(page, base, user.username, user.password))

      await test(`${user.username}: overview shows the four entry points with sandbox data and YoY (${L})`, async () => {
        // a cold navigation: app start, frame, then the page's own data
        await page.goto('about:blank')
        requests.length = 0
        const t0 = Date.now()
        await page.goto(`${base}/api/apps/dyad/index.html#/?pe=LAST_12_MONTHS`)
        await page.locator('.dyad-matrix .dyad-tile-value').first().waitFor({ timeout: 60_000 })
        figures[`${user.username}.overviewMs`] = Date.now() - t0
        await page.waitForTimeout(500)
        const heads = await page.$$eval('.dyad-matrix h2', (hs) => hs.map((h) => (h.textContent ?? '').trim()))
        const expected = L === 'fr' ? ['Prénatal', 'Accouchement', 'Post-natal', 'Nourrisson'] : ['Antenatal care', 'Delivery', 'Postnatal care', 'Infant care']
        assert(JSON.stringify(heads) === JSON.stringify(expected), `entry points ${JSON.stringify(heads)}`)
        const values = await page.$$eval('.dyad-tile-value', (vs) => vs.map((v) => (v.firstChild?.textContent ?? '').trim()))
        const withData = values.filter((v) => v !== '–' && v !== '')
        assert(withData.length >= 20, `only ${withData.length} of ${values.length} indicators have a value`)
        const changes = await page.$$eval('.dyad-tile-change [aria-hidden="true"]', (cs) => cs.map((c) => (c.textContent ?? '').trim()).filter((x) => /[▲▼→]/.test(x)))
        assert(changes.length >= 15, `only ${changes.length} year-over-year changes shown`)
        if (L === 'fr') assert(values.some((v) => /\d,\d/.test(v) || /\u00a0%/.test(v)), `no French number format in ${values.slice(0, 5).join(' | ')}`)
        const data = requests.filter((r) => /\/api\/(\d+\/)?(analytics|organisationUnits\/|dataStore)/.test(r.url))
        figures[`${user.username}.overviewRequests`] = data.length
        figures[`${user.username}.overviewBytes`] = data.reduce((a, r) => a + r.bytes, 0)
        assert(data.length <= 4, `${data.length} data requests: ${data.map((r) => r.url.slice(0, 120)).join('\n')}`)
        await noAlerts(page)
        await page.screenshot({ path: path.join(shots, `dashboards-${user.username}-overview.png`), fullPage: true })
      })

      await test(`${user.username}: overview numerator/denominator on keyboard focus`, async () => {
        await page.locator('.dyad-tile-value').nth(3).focus()
        const tip = page.locator('.dyad-tile-value-wrap:focus-within .dyad-tile-tip')
        await tip.waitFor({ state: 'visible', timeout: 5_000 })
        const text = (await tip.textContent()) ?? ''
        assert(text.includes(t(L, 'Numerator')), `tooltip: ${text}`)
        await page.screenshot({ path: path.join(shots, `dashboards-${user.username}-overview-tooltip.png`) })
      })

      await test(`${user.username}: overview exports CSV and XLSX with one row per indicator`, async () => {
        const tiles = await page.locator('.dyad-tile').count()
        const csv = await download(page, () => page.getByRole('button', { name: t(L, 'Download CSV') }).click())
        const text = csv.bytes.toString('utf8')
        assert(text.charCodeAt(0) === 0xfeff, 'CSV without BOM')
        const lines = text.slice(1).split('\r\n').filter(Boolean)
        assert(lines.length === tiles + 1, `CSV has ${lines.length} lines for ${tiles} indicators`)
        assert(lines[0].includes(L === 'fr' ? ';' : ','), `CSV separator in ${lines[0]}`)
        const xlsx = await download(page, () => page.getByRole('button', { name: t(L, 'Download Excel (XLSX)') }).click())
        const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.bytes))['xl/worksheets/sheet1.xml'])
        const rows = sheet.match(/<row /g)?.length ?? 0
        assert(rows === tiles + 1, `XLSX sheet has ${rows} rows for ${tiles} indicators`)
      })

      let childName = ''
      await test(`${user.username}: overview drills down an indicator and then an org unit`, async () => {
        await page.locator('.dyad-tile-name').first().click()
        const table = page.locator('section[aria-labelledby="dyad-breakdown-title"] table.dyad-table')
        await table.locator('tbody tr').first().waitFor({ timeout: 30_000 })
        const n = await table.locator('tbody tr').count()
        assert(n >= 2, `only ${n} child org units`)
        const png = await download(page, () => page.locator('.dyad-export button', { hasText: 'PNG' }).first().click())
        assert(png.bytes.subarray(1, 4).toString('latin1') === 'PNG' && png.bytes.length > 2000, `PNG of ${png.bytes.length} bytes`)
        await page.screenshot({ path: path.join(shots, `dashboards-${user.username}-overview-drill.png`), fullPage: true })
        const btn = table.locator('tbody tr th button').first()
        childName = ((await btn.textContent()) ?? '').trim()
        await btn.click()
        await page.waitForFunction((name) => (document.querySelector('.dyad-scope-note')?.textContent ?? '').includes(name), childName, { timeout: 30_000 })
        await page.locator('.dyad-matrix .dyad-tile-value').first().waitFor({ timeout: 30_000 })
        await noAlerts(page)
      })

      await test(`${user.username}: overview has no serious/critical axe violation`, async () => {
        const v = await axe(page)
        assert(v.length === 0, v.join('\n'))
      })

      await test(`${user.username}: continuum shows the 11 steps with last year side by side`, async () => {
        await page.goto(`${base}/api/apps/dyad/index.html#/continuum?pe=LAST_12_MONTHS`)
        const table = page.locator('.dyad-continuum table.dyad-table')
        await table.locator('tbody tr').first().waitFor({ timeout: 60_000 })
        const rows = await table.locator('tbody tr').allTextContents()
        assert(rows.length === 11, `${rows.length} steps`)
        const heads = await table.locator('thead th').count()
        assert(heads === 7, `${heads} columns (expected step + 2 series × 3)`)
        const firstCount = ((await table.locator('tbody tr').first().locator('td').first().textContent()) ?? '').trim()
        assert(firstCount !== '–' && firstCount !== '', `first step count "${firstCount}"`)
        const csv = await download(page, () => page.getByRole('button', { name: t(L, 'Download CSV') }).click())
        const lines = csv.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean)
        assert(lines.length === 12, `cascade CSV has ${lines.length} lines`)
        await noAlerts(page)
        await page.screenshot({ path: path.join(shots, `dashboards-${user.username}-continuum.png`), fullPage: true })
        const v = await axe(page)
        assert(v.length === 0, v.join('\n'))
      })

      await test(`${user.username}: scorecard shows children × indicators, sorts, drills down`, async () => {
        await page.goto(`${base}/api/apps/dyad/index.html#/scorecard?pe=LAST_12_MONTHS`)
        const table = page.locator('table.dyad-sc')
        await table.locator('tbody tr').first().waitFor({ timeout: 60_000 })
        const n = await table.locator('tbody tr').count()
        assert(n >= 2, `${n} rows`)
        const colored = await table.locator('tbody td[style*="background"]').count()
        assert(colored > 0, 'no legend colour in the scorecard')
        await table.locator('thead th').nth(2).locator('button').click()
        const sorted = await table.locator('thead th').nth(2).getAttribute('aria-sort')
        assert(sorted === 'descending', `aria-sort ${sorted}`)
        await page.screenshot({ path: path.join(shots, `dashboards-${user.username}-scorecard.png`), fullPage: false })
        const v = await axe(page)
        assert(v.length === 0, v.join('\n'))
        const xlsx = await download(page, () => page.getByRole('button', { name: t(L, 'Download Excel (XLSX)') }).click())
        const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.bytes))['xl/worksheets/sheet1.xml'])
        assert((sheet.match(/<row /g)?.length ?? 0) === n + 2, 'scorecard XLSX rows = header + children + total')
        await table.locator('tbody tr th button').first().click()
        await page.waitForFunction(() => /[?&]ou=/.test(window.location.hash), undefined, { timeout: 10_000 })
        await page.locator('table.dyad-sc tbody tr, .dyad-empty').first().waitFor({ timeout: 60_000 })
        await noAlerts(page)
      })

      await test(`${user.username}: no uncaught script error`, async () => {
        assert(pageErrors.length === 0, pageErrors.join('\n'))
      })
      await context.close()
    }

    await test('plugin.html renders a view with sandbox data (opened without a dashboard host: default org unit and period)', async () => {
      // The dashboard passes its filters through the App Platform's plugin channel; the filter
      // handling itself is covered by src/Plugin.test.tsx. Here plugin.html must boot and show data.
      const context = await browser!.newContext({ viewport: { width: 900, height: 700 }, locale: 'fr-FR' })
      const page = await context.newPage()
      await login(page, base, 'fatoumata', 'district')
      await page.goto(`${base}/api/apps/dyad/plugin.html`)
      await page.locator('.dyad-plugin').waitFor({ timeout: 60_000 })
      await page.locator('.dyad-plugin .dyad-tile-value, .dyad-plugin table').first().waitFor({ timeout: 60_000 })
      await page.screenshot({ path: path.join(shots, 'dashboards-plugin.png'), fullPage: true })
      await context.close()
    })
  } finally {
    await browser?.close().catch(() => undefined)
    await sandbox?.close().catch(() => undefined)
  }
  console.log(`e2e dashboards: ${passed} passed, ${failed} failed in ${Math.round((Date.now() - started) / 1000)} s`)
  console.log(`figures: ${JSON.stringify(figures)}`)
}

if (require.main === module) {
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
}
