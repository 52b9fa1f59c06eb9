/**
 * Browser end-to-end suite of the dashboards (overview, continuum, scorecard, plugin) against the
 * sandbox, for an English (admin) and a French (fatoumata) user, with playwright-core and Debian's
 * Chromium. Checks real sandbox data on each page, drill-down, year-over-year, exports (CSV rows,
 * XLSX sheet rows, PNG), the request count of the overview (≤ 4 data requests, none repeated),
 * axe (no serious/critical violation in Dyad's frame) and saves screenshots under
 * tests/e2e/screenshots/ (git-ignored). The continuum's cohort mode has its own suite with a larger
 * sandbox (tests/e2e/continuum-cohort.test.ts); the plugin in a dashboard host, tests/e2e/plugin.test.ts.
 *
 *   npx tsx tests/e2e/dashboards.test.ts          (builds the app unless DYAD_E2E_SKIP_BUILD=1)
 *   DYAD_E2E_PAIRS=5000 npx tsx tests/e2e/dashboards.test.ts
 * Counts go to $DYAD_TEST_COUNTS like tests/e2e/run.ts.
 */
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { assert, axe, download, login, noAlerts, runSuite, shots, t, USERS, test, withSuiteEnv, type SuiteEnv } from './harness'

export const figures: Record<string, number> = {}

async function main(env: SuiteEnv): Promise<void> {
  const { base } = env
  for (const user of USERS) {
    const L = user.locale
    const { page, pageErrors, close } = await env.session(user, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const requests: { url: string; bytes: number }[] = []
    // every request as it is sent (a refetch still in flight counts too)
    const sent: string[] = []
    page.on('request', (r) => sent.push(r.url()))
    const sizing: Promise<unknown>[] = []
    page.on('requestfinished', (r) => {
      sizing.push(r.sizes().then((s) => requests.push({ url: r.url(), bytes: s.responseBodySize }), () => requests.push({ url: r.url(), bytes: 0 })))
    })
    await test(`${user.username}: logs in`, () => login(page, base, user.username, user.password))

    await test(`${user.username}: overview shows the four entry points with sandbox data and YoY (${L})`, async () => {
      // a cold navigation: app start, frame, then the page's own data
      await page.goto('about:blank')
      requests.length = 0
      sent.length = 0
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
      // let late requests (a refetch) start and finish before counting
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
      await Promise.all(sizing)
      const isData = (url: string): boolean => /\/api\/(\d+\/)?(analytics|organisationUnits\/|dataStore)/.test(url)
      const data = sent.filter(isData)
      figures[`${user.username}.overviewRequests`] = data.length
      figures[`${user.username}.overviewBytes`] = requests.filter((r) => isData(r.url)).reduce((a, r) => a + r.bytes, 0)
      // Budget (issue 7): ≤ 4 data requests in all, repeats included, and no request sent twice
      // (the start-up refetch was fixed in src/data/useClient.ts: one stable client per server).
      const distinct = new Set(data)
      figures[`${user.username}.overviewRepeatedRequests`] = data.length - distinct.size
      const list = data.map((u) => decodeURIComponent(u).replace(/dx:[^&,]*/, 'dx:…').slice(0, 200)).join('\n')
      assert(distinct.size === data.length, `${data.length - distinct.size} repeated data request(s) on the overview:\n${list}`)
      assert(data.length <= 4, `${data.length} data requests (budget 4):\n${list}`)
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
    await close()
  }

  await test('plugin.html renders a view with sandbox data (opened without a dashboard host: default org unit and period)', async () => {
    // plugin.html boots alone and shows data. The plugin inside a dashboard-like host (filters,
    // their changes, view per item, height) is tests/e2e/plugin.test.ts.
    const { page, close } = await env.session(undefined, { viewport: { width: 900, height: 700 }, locale: 'fr' })
    await login(page, base, 'fatoumata', 'district')
    await page.goto(`${base}/api/apps/dyad/plugin.html`)
    await page.locator('.dyad-plugin').waitFor({ timeout: 60_000 })
    await page.locator('.dyad-plugin .dyad-tile-value, .dyad-plugin table').first().waitFor({ timeout: 60_000 })
    await page.screenshot({ path: path.join(shots, 'dashboards-plugin.png'), fullPage: true })
    await close()
  })
  console.log(`figures: ${JSON.stringify(figures)}`)
}

if (require.main === module) runSuite('e2e dashboards', () => withSuiteEnv({ label: 'e2e dashboards', pairs: 2000 }, main))
