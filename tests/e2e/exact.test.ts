/**
 * End-to-end test of the overview's exact path and its record cache (issue 7 item 1, DESIGN §3.1,
 * decision 0504) against the sandbox, in Debian Chromium (harness: withSuiteEnv):
 *
 *   fatoumata (French, Gao district):
 *   1. switches the exact computation on: the progress bar (record reads slowed down so it is
 *      seen), then the tiles marked « exact », equal to the pair engine run in Node over the same
 *      records (ANC contacts);
 *   2. changes the period: exact figures again, with NO record page read — only one freshness
 *      request (stamps) — counted on the network;
 *   3. returns to the first period: the figures at once, from the cache;
 *   4. an ANC contact is imported through POST /api/tracker (VALIDATE then COMMIT): « Vérifier les
 *      modifications » re-reads that one record (by UID) and the figure goes up by one; the
 *      contact deleted (importStrategy DELETE): down again;
 *   5. drill-down: the breakdown of ANC contacts per child of Gao comes from the exact computation
 *      (badge, source), each child equal to the engine with that child's subtree as the scope; the
 *      XLSX breakdown sheet carries the same values and the source;
 *   6. leaves the page and comes back: exact still on, figures without any record read;
 *   7. « Actualiser » reads every record again; axe; no script error.
 *   admin (English) on the district with the most records: exact on, drill-down, axe.
 * Timings (first run, period change, return) are printed: `DYAD_E2E_PAIRS=100000` for the large sandbox.
 *
 * Run: `DYAD_E2E_SKIP_BUILD=1 npx tsx tests/e2e/exact.test.ts` (after `npx d2-app-scripts build`).
 */
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { DE, PROGRAM, STAGE, ids } from '../../metadata/src/vocabulary'
import { computeIndicators } from '../../src/domain/indicators/engine'
import { normaliseTrackedEntity, TRACKED_ENTITY_FIELDS } from '../../src/data/tracker'
import type { TrackedEntity } from '../../src/domain/tracker'
import type { Sandbox } from '../../sandbox/index'
import { adminApi, assert, axe, download, login, runSuite, shots, t, test, withSuiteEnv, type Locale } from './harness'

const PERSON = 'MCPQUTHX1Ze'
const YEAR = '2025'
const OTHER_YEAR = '2024'
const figures: Record<string, number> = {}

// ------------------------------------------------------------------------------------------------
// Sandbox side (as a script would: Basic auth, HTTP)
// ------------------------------------------------------------------------------------------------
const api = adminApi

async function trackerImport(base: string, body: unknown, strategy: 'CREATE' | 'DELETE'): Promise<void> {
  for (const mode of ['VALIDATE', 'COMMIT']) {
    const r = await api(base, 'POST', `tracker?async=false&importStrategy=${strategy}&atomicMode=ALL&importMode=${mode}`, body)
    assert(r.status === 200 && (r.json as { status?: string }).status === 'OK', `tracker import ${strategy} ${mode}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 400)}`)
  }
}

interface Unit {
  id: string
  name: string
  path: string
}

function units(store: Sandbox['store']): Unit[] {
  return [...store.collection('organisationUnits').values()].map((o) => ({ id: o.id as string, name: String(o.name), path: String(o.path) }))
}

/** The subtree's records as the app reads them, through HTTP, normalised by the app's adapter. */
async function recordsOf(base: string, root: string): Promise<TrackedEntity[]> {
  const out: TrackedEntity[] = []
  for (let page = 1; ; page++) {
    const r = await api(base, 'GET', `tracker/trackedEntities?orgUnits=${root}&orgUnitMode=DESCENDANTS&trackedEntityType=${PERSON}&pageSize=1000&page=${page}&fields=${encodeURIComponent(TRACKED_ENTITY_FIELDS)}`)
    const items = (r.json.trackedEntities as unknown[]) ?? []
    for (const x of items) out.push(normaliseTrackedEntity(x))
    if (items.length < 1000) return out
  }
}

/** ANC contacts of a year, by the pair engine in Node, with `scope` (org-unit UIDs) as the scope. */
function ancContacts(records: TrackedEntity[], scope: Set<string>, year: string): number {
  return computeIndicators(records, { period: { start: `${year}-01-01`, end: `${year}-12-31` }, inScope: (ou) => scope.has(ou), codes: ['ANC_VISITS'] }).values.ANC_VISITS.numerator
}

const subtree = (all: Unit[], root: string): Set<string> => new Set(all.filter((u) => u.path.split('/').includes(root)).map((u) => u.id))

// ------------------------------------------------------------------------------------------------
// Browser side
// ------------------------------------------------------------------------------------------------
type Kind = 'page' | 'check' | 'byUid'

/** Tracker requests of the page, by kind (record pages, freshness checks, re-reads by UID). */
function trackerLog(page: Page): { counts: () => Record<Kind, number>; reset: () => void } {
  let seen: Kind[] = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (!/\/api\/(\d+\/)?tracker\/trackedEntities$/.test(u.pathname)) return
    const fields = u.searchParams.get('fields') ?? ''
    seen.push(u.searchParams.has('trackedEntities') || u.searchParams.has('trackedEntity') ? 'byUid' : fields === 'trackedEntity,updatedAt,deleted' ? 'check' : 'page')
  })
  return {
    counts: () => ({ page: seen.filter((k) => k === 'page').length, check: seen.filter((k) => k === 'check').length, byUid: seen.filter((k) => k === 'byUid').length }),
    reset: () => {
      seen = []
    },
  }
}

const digits = (s: string | null): number => Number((s ?? '').replace(/[^\d]/g, ''))

async function ancTile(page: Page): Promise<number> {
  return digits(await page.locator('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-value').first().evaluate((b) => b.firstChild?.textContent ?? ''))
}

/** Waits for exact tiles of `year` (badge on the tiles, the note names the year). */
async function exactTiles(page: Page, year: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    (y) => document.querySelector('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-badge') !== null && (document.querySelector('.dyad-scope-note')?.textContent ?? '').includes(y),
    year,
    { timeout },
  )
}

async function setHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h
  }, hash)
}

/**
 * Sets the hash and measures, in the page, the time until exact tiles of `year` are in the DOM (ms;
 * a MutationObserver sees the commit that puts them there).
 * (A string, so that no helper of the TypeScript runner ends up in the page.)
 */
async function timeToExact(page: Page, hash: string, year: string, timeout = 60_000): Promise<number> {
  const script = `new Promise(function (resolve, reject) {
    var t0 = performance.now()
    function ready() {
      return document.querySelector('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-badge') !== null && (document.querySelector('.dyad-scope-note') || { textContent: '' }).textContent.indexOf(${JSON.stringify(year)}) >= 0
    }
    var done = false
    var obs = new MutationObserver(check)
    function check() {
      if (done) return
      if (ready()) {
        done = true
        obs.disconnect()
        resolve(performance.now() - t0)
      } else if (performance.now() - t0 > ${timeout}) {
        done = true
        obs.disconnect()
        reject(new Error('no exact tiles for ${year}'))
      }
    }
    function tick() {
      check()
      if (!done) requestAnimationFrame(tick)
    }
    obs.observe(document.body, { subtree: true, childList: true, characterData: true })
    window.location.hash = ${JSON.stringify(hash)}
    requestAnimationFrame(tick)
  })`
  return (await page.evaluate(script)) as number
}

async function checkForChanges(page: Page, L: Locale): Promise<void> {
  await page.getByRole('button', { name: t(L, 'Check for changes') }).click()
}

runSuite('e2e exact', () =>
  withSuiteEnv({ label: 'e2e exact', pairs: 2000 }, async (env) => {
    const { base, sandbox } = env
    const all = units(sandbox.store)
    const gao = all.find((u) => u.path.split('/').filter(Boolean).length === 3 && /Gao/.test(u.name))
    assert(gao, 'no Gao district in the sandbox')
    // the district with the most records (admin)
    const perDistrict = new Map<string, number>()
    for (const te of sandbox.store.trackedEntities.values()) {
      const d = String(sandbox.store.get('organisationUnits', te.orgUnit)?.path ?? '').split('/').filter(Boolean)[2]
      if (d && !te.deleted) perDistrict.set(d, (perDistrict.get(d) ?? 0) + 1)
    }
    const bigId = [...perDistrict.entries()].sort((a, b) => b[1] - a[1])[0][0]
    const big = all.find((u) => u.id === bigId)!
    figures['gao.records'] = perDistrict.get(gao.id) ?? 0
    figures['largest.records'] = perDistrict.get(bigId) ?? 0

    // ------------------------------------------------------------------ fatoumata (fr), Gao
    {
      const user = { username: 'fatoumata', password: 'district', locale: 'fr' as const }
      const L = user.locale
      const { page, pageErrors } = await env.session(user, { viewport: { width: 1280, height: 900 } })
      const log = trackerLog(page)
      const gaoScope = subtree(all, gao.id)
      let before = 0
      await test('fatoumata: logs in', () => login(page, base, user.username, user.password))

      await test('fatoumata: exact on for Gao — progress, then exact tiles equal to the engine over the same records', async () => {
        await page.goto(`${base}/api/apps/dyad/index.html#/?pe=${YEAR}&ou=${gao.id}`)
        await page.locator('.dyad-matrix .dyad-tile-value').first().waitFor({ timeout: 60_000 })
        // slow the record pages down (only the first read) so that the progress can be seen
        let slowed = 0
        await page.route(/\/tracker\/trackedEntities\?/, async (route) => {
          if (new URL(route.request().url()).searchParams.get('fields') !== 'trackedEntity,updatedAt,deleted' && slowed++ < 2) await new Promise((r) => setTimeout(r, 1500))
          await route.continue()
        })
        log.reset()
        const toggle = page.getByRole('checkbox', { name: t(L, 'Exact computation from records (district and below)') })
        await toggle.waitFor({ timeout: 30_000 })
        assert(await toggle.isEnabled(), 'exact toggle disabled at Gao')
        const t0 = Date.now()
        await toggle.check()
        await page.locator('.dyad-exact progress').waitFor({ timeout: 10_000 })
        const status = (await page.locator('.dyad-exact [role="status"]').first().textContent()) ?? ''
        assert(/Lecture des|unités d’organisation|dossiers/.test(status), `progress text: ${status}`)
        await page.screenshot({ path: path.join(shots, 'exact-fatoumata-progress.png'), fullPage: true })
        await exactTiles(page, YEAR)
        figures['gao.firstRunMsWithSlowedPages'] = Date.now() - t0
        await page.unroute(/\/tracker\/trackedEntities\?/)
        const c = log.counts()
        assert(c.page >= 1 && c.check === 0 && c.byUid === 0, `requests of the first read ${JSON.stringify(c)}`)
        const records = await recordsOf(base, gao.id)
        const expected = ancContacts(records, gaoScope, YEAR)
        before = await ancTile(page)
        assert(before === expected, `ANC contacts: tile ${before}, engine in Node ${expected}`)
        const note = (await page.locator('.dyad-scope-note').first().textContent()) ?? ''
        assert(note.includes(`${records.length}`), `note does not give the ${records.length} records read: ${note}`)
        const ws = (x: string) => x.replace(/\s+/g, ' ')
        const fresh = ws((await page.locator('.dyad-exact-freshness').textContent()) ?? '')
        assert(fresh.includes(ws(t(L, 'Records last checked against the server: {{time}}').split('{{')[0].trim())), `freshness line: ${fresh}`)
        await page.screenshot({ path: path.join(shots, 'exact-fatoumata-tiles.png'), fullPage: true })
      })

      await test('fatoumata: period change → exact figures with no record page read (one freshness request)', async () => {
        log.reset()
        figures['gao.periodChangeMs'] = Math.round(await timeToExact(page, `#/?pe=${OTHER_YEAR}&ou=${gao.id}`, OTHER_YEAR))
        await page.waitForTimeout(500)
        const c = log.counts()
        assert(c.page === 0 && c.byUid === 0 && c.check === 1, `requests after a period change ${JSON.stringify(c)}`)
        const expected = ancContacts(await recordsOf(base, gao.id), gaoScope, OTHER_YEAR)
        const got = await ancTile(page)
        assert(got === expected, `ANC contacts ${OTHER_YEAR}: tile ${got}, engine ${expected}`)
      })

      await test('fatoumata: back to the first period → the figures at once, from the cache', async () => {
        log.reset()
        figures['gao.returnMs'] = Math.round(await timeToExact(page, `#/?pe=${YEAR}&ou=${gao.id}`, YEAR))
        assert((await ancTile(page)) === before, 'not the same figure on return')
        await page.waitForTimeout(500)
        const c = log.counts()
        assert(c.page === 0 && c.byUid === 0, `requests on return ${JSON.stringify(c)}`)
      })

      await test('fatoumata: an ANC contact imported through the tracker API shows after « Vérifier les modifications »; its deletion too', async () => {
        const motherProgram = ids.program(PROGRAM.MOTHER)
        const te = [...sandbox.store.trackedEntities.values()].find((x) => !x.deleted && gaoScope.has(x.orgUnit) && x.enrollments.some((e) => e.program === motherProgram && !e.deleted && gaoScope.has(e.orgUnit)))
        assert(te, 'no mother in Gao')
        const en = te.enrollments.find((e) => e.program === motherProgram && !e.deleted && gaoScope.has(e.orgUnit))!
        const event = 'evExactE2E1'
        await trackerImport(
          base,
          { events: [{ event, enrollment: en.enrollment, program: motherProgram, programStage: ids.stage(STAGE.ANC), orgUnit: en.orgUnit, occurredAt: `${YEAR}-06-15T00:00:00.000`, status: 'COMPLETED', dataValues: [{ dataElement: ids.dataElement(DE.ANC_CONTACT_NO), value: '2' }] }] },
          'CREATE',
        )
        log.reset()
        await checkForChanges(page, L)
        await page.waitForFunction((n) => Number((document.querySelector('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-value')?.firstChild?.textContent ?? '').replace(/[^\d]/g, '')) === n, before + 1, { timeout: 30_000 })
        let c = log.counts()
        assert(c.page === 0 && c.check === 1 && c.byUid === 1, `requests of the check with a change ${JSON.stringify(c)}`)
        const fresh = ((await page.locator('.dyad-exact-freshness').textContent()) ?? '').replace(/\s+/g, ' ')
        assert(fresh.includes('dossiers mis à jour : 1, supprimés : 0'), `freshness line: ${fresh}`)
        await page.screenshot({ path: path.join(shots, 'exact-fatoumata-after-change.png'), fullPage: true })
        await trackerImport(base, { events: [{ event }] }, 'DELETE')
        log.reset()
        await checkForChanges(page, L)
        await page.waitForFunction((n) => Number((document.querySelector('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-value')?.firstChild?.textContent ?? '').replace(/[^\d]/g, '')) === n, before, { timeout: 30_000 })
        c = log.counts()
        assert(c.page === 0 && c.check === 1 && c.byUid === 1, `requests of the check after the deletion ${JSON.stringify(c)}`)
      })

      await test('fatoumata: drill-down per child of Gao from the exact computation; the XLSX sheet follows', async () => {
        await page.locator('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-name').click()
        const section = page.locator('section[aria-labelledby="dyad-breakdown-title"]')
        await section.locator('table.dyad-table tbody tr').first().waitFor({ timeout: 30_000 })
        assert((await section.locator('h2 .dyad-tile-badge').textContent())?.trim() === 'exact', 'no exact badge on the breakdown')
        const source = (await section.locator('.dyad-scope-note').textContent()) ?? ''
        assert(source.startsWith('Calcul exact à partir des dossiers de'), `breakdown source: ${source}`)
        const records = await recordsOf(base, gao.id)
        const rows = await section.locator('table.dyad-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({ name: (tr.querySelector('th')?.textContent ?? '').trim(), value: (tr.querySelector('td')?.textContent ?? '').trim() })))
        const children = all.filter((u) => u.path.split('/').filter(Boolean).length === 4 && u.path.split('/').includes(gao.id))
        assert(rows.length === children.length && rows.length >= 2, `${rows.length} rows for ${children.length} children`)
        let sum = 0
        for (const row of rows) {
          const child = children.find((u) => u.name === row.name)
          assert(child, `unknown child ${row.name}`)
          const expected = ancContacts(records, subtree(all, child.id), YEAR)
          assert(digits(row.value) === expected, `${row.name}: ${row.value} in the breakdown, ${expected} by the engine with its subtree as the scope`)
          sum += expected
        }
        assert(sum <= before, `children sum ${sum} > district ${before}`)
        const xlsx = await download(page, () => page.getByRole('button', { name: t(L, 'Download Excel (XLSX)') }).click())
        const sheet2 = strFromU8(unzipSync(new Uint8Array(xlsx.bytes))['xl/worksheets/sheet2.xml'])
        assert(sheet2.includes('Calcul exact à partir des dossiers'), 'XLSX breakdown sheet without the exact source')
        assert((sheet2.match(/<row /g)?.length ?? 0) === rows.length + 1, 'XLSX breakdown rows')
        await section.scrollIntoViewIfNeeded()
        await page.screenshot({ path: path.join(shots, 'exact-fatoumata-drill.png') })
      })

      await test('fatoumata: leaving the page and coming back keeps exact on, with no record read', async () => {
        await page.locator('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-name').click()
        await setHash(page, `#/continuum?pe=${YEAR}&ou=${gao.id}`)
        await page.waitForFunction(() => document.querySelector('.dyad-matrix') === null, undefined, { timeout: 30_000 })
        log.reset()
        figures['gao.backToPageMs'] = Math.round(await timeToExact(page, `#/?pe=${YEAR}&ou=${gao.id}`, YEAR))
        await page.waitForTimeout(500)
        const c = log.counts()
        assert(c.page === 0 && c.byUid === 0, `requests when coming back ${JSON.stringify(c)}`)
      })

      await test('fatoumata: « Actualiser » reads every record again', async () => {
        log.reset()
        const t0 = Date.now()
        await page.getByRole('button', { name: t(L, 'Refresh (read all records again)') }).click()
        await page.locator('.dyad-exact progress').waitFor({ timeout: 10_000 }).catch(() => undefined)
        await page.waitForFunction(() => document.querySelector('.dyad-exact progress') === null && document.querySelector('.dyad-tile-badge') !== null, undefined, { timeout: 120_000 })
        await exactTiles(page, YEAR)
        figures['gao.refreshMs'] = Date.now() - t0
        const c = log.counts()
        assert(c.page >= 1, `no record page read on Refresh ${JSON.stringify(c)}`)
        assert((await ancTile(page)) === before, 'another figure after Refresh')
      })

      await test('fatoumata: no serious/critical axe violation with exact on; no script error', async () => {
        const v = await axe(page)
        assert(v.length === 0, v.join('\n'))
        assert(pageErrors.length === 0, pageErrors.join('\n'))
      })
    }

    // ------------------------------------------------------------------ admin (en), largest district
    {
      const user = { username: 'admin', password: 'district', locale: 'en' as const }
      const L = user.locale
      const { page, pageErrors } = await env.session(user, { viewport: { width: 1024, height: 900 } })
      const log = trackerLog(page)
      await test('admin: logs in', () => login(page, base, user.username, user.password))

      await test(`admin: exact on the district with the most records (${big.name}), period change without record reads`, async () => {
        await page.goto(`${base}/api/apps/dyad/index.html#/?pe=${YEAR}&ou=${big.id}`)
        await page.locator('.dyad-matrix .dyad-tile-value').first().waitFor({ timeout: 60_000 })
        const toggle = page.getByRole('checkbox', { name: t(L, 'Exact computation from records (district and below)') })
        await page.waitForFunction(() => !(document.querySelector('.dyad-exact input[type="checkbox"]') as HTMLInputElement | null)?.disabled, undefined, { timeout: 30_000 })
        log.reset()
        const t0 = Date.now()
        await toggle.check()
        await exactTiles(page, YEAR)
        figures['largest.firstRunMs'] = Date.now() - t0
        const expected = ancContacts(await recordsOf(base, big.id), subtree(all, big.id), YEAR)
        const got = await ancTile(page)
        assert(got === expected, `ANC contacts: tile ${got}, engine ${expected}`)
        log.reset()
        figures['largest.periodChangeMs'] = Math.round(await timeToExact(page, `#/?pe=${OTHER_YEAR}&ou=${big.id}`, OTHER_YEAR))
        await page.waitForTimeout(500)
        const c = log.counts()
        assert(c.page === 0 && c.byUid === 0 && c.check === 1, `requests after the period change ${JSON.stringify(c)}`)
      })

      await test('admin: drill-down from the exact computation, exact badge; axe', async () => {
        await page.locator('.dyad-tile[data-code="ANC_VISITS"] .dyad-tile-name').click()
        const section = page.locator('section[aria-labelledby="dyad-breakdown-title"]')
        await section.locator('table.dyad-table tbody tr').first().waitFor({ timeout: 30_000 })
        assert((await section.locator('h2 .dyad-tile-badge').textContent())?.trim() === 'exact', 'no exact badge on the breakdown')
        await section.scrollIntoViewIfNeeded()
        await page.screenshot({ path: path.join(shots, 'exact-admin-drill.png') })
        const v = await axe(page)
        assert(v.length === 0, v.join('\n'))
        assert(pageErrors.length === 0, pageErrors.join('\n'))
      })
    }
    console.log(`e2e exact figures: ${JSON.stringify(figures)}`)
  }),
)
