/**
 * Browser end-to-end suite of the dashboard plugin (src/Plugin.tsx) hosted the way the DHIS2
 * Dashboard app hosts an app item: tests/e2e/dashboard-host.ts serves a host page on the sandbox
 * origin that embeds /api/apps/dyad/plugin.html and speaks @dhis2/app-service-plugin's post-robot
 * protocol (`getPropsFromParent` answered from the iframe's window, `updated` on a filter change).
 * For admin (English, national) and fatoumata (French, district):
 *   - the item shows the overview for the dashboard's org-unit and period filters (names and
 *     period in the view, `ou`/`pe` of the analytics requests), at the item's fixed size;
 *   - a filter change re-renders with the new org unit and period (and requests them);
 *   - no filter → the user's own org unit and the last 12 months;
 *   - the view chosen in the item (continuum/scorecard) is saved per dashboardItemId and comes back
 *     after a reload of the dashboard; another item keeps the overview;
 *   - content-driven height: the plugin sends `setPluginHeight` with its content height;
 *   - print modes show the item's view without the view selector;
 *   - item details (setDashboardItemDetails, called through post-robot as in the Dashboard app):
 *     title "<app name in the user's language> — <view title>", appUrl `#/<view>?ou=…&pe=…`
 *     (appended by the Dashboard app to the launch URL) following a view change and a filter
 *     change, every call in a shape the Dashboard app takes; "Open in app" opens that view with
 *     that org unit and period; the item's onRemove (called as the Dashboard app's delete button
 *     does) deletes dataStore dyad/plugin-<itemId>;
 *   - an org-unit filter by level is named in a note and the user's own org unit is shown;
 *   - axe on the plugin frame, screenshots under tests/e2e/screenshots/ (git-ignored).
 *
 *   DYAD_E2E_SKIP_BUILD=1 npx tsx tests/e2e/plugin.test.ts      (after npx d2-app-scripts build)
 */
import path from 'node:path'
import type { Frame, Page } from 'playwright-core'
import { hostLog, openHost, pluginFrame, removeItem, routeDashboardHost, updateHost, type FilterItem, type HostItem, type HostLog } from './dashboard-host'
import { assert, axeIn, login, runSuite, shots, t, test, USERS, withSuiteEnv, type Locale, type SuiteEnv } from './harness'

interface OrgUnit {
  id: string
  name: string
  path: string
  level: number
}

const p2 = (n: number): string => String(n).padStart(2, '0')

/** Month ids of a fixed period (yyyyQn or yyyyMM). */
function monthsOfFixed(pe: string): string[] {
  const q = /^(\d{4})Q([1-4])$/.exec(pe)
  if (q) return [0, 1, 2].map((k) => `${q[1]}${p2((Number(q[2]) - 1) * 3 + k + 1)}`)
  return [pe]
}

/** LAST_12_MONTHS as DHIS2 reads it: the 12 months before the current month (local time). */
function last12Months(now = new Date()): string[] {
  const out: string[] = []
  for (let k = 12; k >= 1; k--) {
    const d = new Date(now.getFullYear(), now.getMonth() - k, 1)
    out.push(`${d.getFullYear()}${p2(d.getMonth() + 1)}`)
  }
  return out
}

/** The period as the plugin names it for a user of `locale` (periodLabel in src/components/periods.ts). */
function periodName(pe: string, locale: Locale): string {
  const q = /^(\d{4})Q([1-4])$/.exec(pe)
  if (q) return t(locale, 'Quarter {{quarter}} {{year}}').replace('{{quarter}}', q[2]).replace('{{year}}', q[1])
  const m = /^(\d{4})(\d{2})$/.exec(pe)
  if (m) {
    const name = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
    return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${m[1]}`
  }
  if (pe === 'LAST_12_MONTHS') return t(locale, 'Last 12 months')
  return pe
}

/** The analytics requests of the plugin frame: their `ou` and `pe` dimension items. */
interface AnalyticsCall {
  ou: string[]
  pe: string[]
}

function analyticsCall(url: string): AnalyticsCall | undefined {
  const u = new URL(url)
  if (!/\/api\/(\d+\/)?analytics$/.test(u.pathname)) return undefined
  const dims = u.searchParams.getAll('dimension').flatMap((d) => d.split(','))
  const items = (name: string): string[] => (dims.find((d) => d.startsWith(`${name}:`)) ?? '').slice(name.length + 1).split(';').filter(Boolean)
  return { ou: items('ou'), pe: items('pe') }
}

/** Waits until the frame's overview shows `ouName` and `period` in its scope note, with tiles. */
async function overviewShows(frame: Frame, ouName: string, period: string): Promise<string> {
  await frame
    .waitForFunction(
      ([n, p]) => {
        const note = document.querySelector('.dyad-plugin .dyad-scope-note')?.textContent ?? ''
        return note.startsWith(`${n}, ${p}`) && document.querySelector('.dyad-plugin .dyad-matrix .dyad-tile') !== null
      },
      [ouName, period] as const,
      { timeout: 60_000 },
    )
    .catch(() => undefined)
  const note = ((await frame.textContent('.dyad-plugin .dyad-scope-note').catch(() => null)) ?? '').trim()
  assert(note.startsWith(`${ouName}, ${period}`), `the item shows "${note.slice(0, 160)}", expected "${ouName}, ${period} …"`)
  return note
}

async function barText(frame: Frame): Promise<string> {
  return ((await frame.textContent('.dyad-plugin-bar')) ?? '').replace(/\s+/g, ' ').trim()
}

async function noFrameAlerts(frame: Frame): Promise<void> {
  const alerts = await frame.$$eval('.dyad-plugin [role="alert"]', (els) => els.map((e) => (e.textContent ?? '').trim()))
  assert(alerts.length === 0, `error shown in the item: ${alerts.join(' / ')}`)
}

async function apiGet(base: string, p: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}/api/${p}`, { headers: { Authorization: `Basic ${Buffer.from('admin:district').toString('base64')}`, Accept: 'application/json' } })
  const text = await res.text()
  let json: unknown = text
  try {
    json = JSON.parse(text)
  } catch {
    /* text */
  }
  return { status: res.status, json }
}

/** The "Open in app" hash of a view for an org unit and period, as the plugin should give it: `#/<view>?ou=…&pe=…`. */
const appHash = (view: string, ou: string, pe: string): string => `#${view}?ou=${ou}&pe=${pe}`

/**
 * Waits until the host holds these item details (after the plugin's setDashboardItemDetails calls) and
 * checks every call has a shape the Dashboard app takes: only itemTitle/appUrl/onRemove, a title, an
 * appUrl that is a hash (the app appends it to the launch URL: a full URL or a path would break
 * "Open in app"; a missing one gives "…index.htmlundefined" in Dashboard app 101.6) and onRemove a
 * function returning a promise (checked when called).
 */
async function itemDetails(page: Page, want: { itemTitle?: string; appUrl?: string }): Promise<HostLog> {
  await page
    .waitForFunction(
      (w) => {
        const h = (window as unknown as { __host?: { item: { itemTitle?: string; appUrl?: string } } }).__host
        const raw = (window as unknown as { __host?: { itemDetails: { appUrl?: unknown }[] } }).__host?.itemDetails ?? []
        const last = raw[raw.length - 1]
        return !!h && (w.itemTitle === undefined || h.item.itemTitle === w.itemTitle) && (w.appUrl === undefined || last?.appUrl === w.appUrl)
      },
      want,
      { timeout: 30_000 },
    )
    .catch(() => undefined)
  const log = await hostLog(page)
  const calls = log.itemDetails
  assert(calls.length > 0, 'the plugin never called setDashboardItemDetails')
  for (const c of calls) {
    const extra = c.keys.filter((k) => !['itemTitle', 'appUrl', 'onRemove'].includes(k))
    assert(extra.length === 0, `setDashboardItemDetails called with unknown keys ${extra.join(', ')}`)
    assert(typeof c.itemTitle === 'string' && c.itemTitle.trim() !== '', `setDashboardItemDetails without a title: ${JSON.stringify(c)}`)
    assert(typeof c.appUrl === 'string' && c.appUrl.startsWith('#/'), `appUrl ${JSON.stringify(c.appUrl)} is not a hash the Dashboard app can append to the launch URL`)
    assert(c.onRemove === 'function', `onRemove is ${c.onRemove}`)
  }
  const last = calls[calls.length - 1]
  if (want.itemTitle !== undefined) assert(log.item.itemTitle === want.itemTitle, `item title "${log.item.itemTitle}", expected "${want.itemTitle}" (calls: ${calls.map((c) => String(c.itemTitle)).join(' | ')})`)
  if (want.appUrl !== undefined) {
    assert(last.appUrl === want.appUrl, `appUrl "${String(last.appUrl)}", expected "${want.appUrl}" (calls: ${calls.map((c) => String(c.appUrl)).join(' | ')})`)
    assert(log.app?.launchUrl && log.item.appUrl === `${log.app.launchUrl}${want.appUrl}`, `the Dashboard app's Open in app link would be "${log.item.appUrl}"`)
  }
  assert(log.item.hasOnRemove, 'the item has no onRemove')
  return log
}

const filterOu = (o: OrgUnit): FilterItem => ({ id: o.id, name: o.name, path: o.path })
const filterPe = (id: string, locale: Locale): FilterItem => ({ id, name: periodName(id, locale) })

async function main(env: SuiteEnv): Promise<void> {
  const { base, sandbox } = env
  const ous = [...sandbox.store.collection('organisationUnits').values()] as unknown as OrgUnit[]
  const byId = new Map(ous.map((o) => [o.id, o]))
  const childrenOf = (id: string): OrgUnit[] => ous.filter((o) => o.path === `${byId.get(id)?.path}/${o.id}`).sort((a, b) => a.name.localeCompare(b.name))
  // The data run to the generator's "today" (2026-11-01): a quarter and a month with data and a year before.
  const PE1 = '2026Q2'
  const PE2 = '202509'

  for (const user of USERS) {
    const L = user.locale
    const me = sandbox.store.user(user.username)
    const root = byId.get(me?.dataViewOrganisationUnits?.[0] ?? me?.organisationUnits[0] ?? '')
    assert(root, `${user.username} has no org unit in the sandbox`)
    // admin (country): a region, then a district of another region; fatoumata (district): her
    // district, then its first facility by name.
    const first = root.level === 1 ? childrenOf(root.id)[0] : root
    const second = root.level === 1 ? childrenOf(childrenOf(root.id)[1].id)[0] : childrenOf(root.id)[0]
    assert(first && second, `no org units below ${root.name}`)
    const itemA = `${user.username.slice(0, 3)}ItemAaaaa`.slice(0, 11)
    const itemB = `${user.username.slice(0, 3)}ItemBbbbb`.slice(0, 11)
    const itemC = `${user.username.slice(0, 3)}ItemCcccc`.slice(0, 11)

    const { page, pageErrors, close } = await env.session(user, { viewport: { width: 1280, height: 900 } })
    const calls: AnalyticsCall[] = []
    const dataStore: { method: string; url: string; body: string | null }[] = []
    page.on('request', (r) => {
      if (r.frame() === page.mainFrame()) return
      const c = analyticsCall(r.url())
      if (c) calls.push(c)
      if (/\/api\/(\d+\/)?dataStore\/dyad\/plugin-/.test(r.url()) && r.method() !== 'GET') dataStore.push({ method: r.method(), url: r.url(), body: r.postData() })
    })
    await test(`${user.username}: logs in`, async () => {
      await login(page, base, user.username, user.password)
      await routeDashboardHost(page, base)
    })

    // --- 1. the dashboard's filters, at the item's size (the Dashboard app passes width and height)
    const item: HostItem = { id: itemA, filters: { ou: [filterOu(first)], pe: [filterPe(PE1, L)] }, mode: 'view', width: 760, height: 620, lang: L }
    let frame: Frame | undefined
    await test(`${user.username}: dashboard item shows the overview for the dashboard's org unit and period filters (${L})`, async () => {
      calls.length = 0
      frame = await openHost(page, base, item)
      await overviewShows(frame, first.name, periodName(PE1, L))
      const bar = await barText(frame)
      assert(bar.includes(`${t(L, 'View')} ${t(L, 'Overview')}`) && bar.endsWith(periodName(PE1, L)), `item bar "${bar}"`)
      const values = await frame.$$eval('.dyad-plugin .dyad-tile-value', (vs) => vs.map((v) => (v.firstChild?.textContent ?? '').trim()).filter((v) => v !== '–' && v !== ''))
      assert(values.length >= 10, `only ${values.length} indicators with a value for ${first.name}, ${PE1}`)
      const main = calls.find((c) => c.ou.length === 1 && c.ou[0] === first.id)
      assert(main, `no analytics request for ou:${first.id} (requests: ${calls.map((c) => c.ou.slice(0, 2).join(';')).join(' | ')})`)
      const months = monthsOfFixed(PE1)
      assert(months.every((m) => main.pe.includes(m)), `the request for ${first.id} has pe ${main.pe.join(';')}, not the months of ${PE1}`)
      const lastYear = months.map((m) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`)
      assert(lastYear.every((m) => main.pe.includes(m)), `the request lacks the same period last year (${lastYear.join(';')})`)
      if (first.id !== root.id) assert(!calls.some((c) => c.ou.includes(root.id) && c.ou.length === 1), `the item also requested the user's own org unit ${root.id} (the filter was not applied from the start)`)
      const log = await hostLog(page)
      assert(log.propsRequests === 1, `${log.propsRequests} getPropsFromParent requests`)
      assert(log.errorStates.length === 0, `the plugin reported an error state: ${JSON.stringify(log.errorStates)}`)
      // the item is 760 px wide: no horizontal scrolling inside it
      const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert(overflow <= 0, `the item content is ${overflow}px wider than the item`)
      await noFrameAlerts(frame)
      await page.screenshot({ path: path.join(shots, `plugin-${user.username}-overview.png`), fullPage: true })
    })

    const appName = t(L, 'Dyad')
    await test(`${user.username}: the item gives the Dashboard app its Open in app link (appUrl ${appHash('/', '<ou>', PE1)}, appended to the app's launch URL) and an onRemove`, async () => {
      const log = await itemDetails(page, { appUrl: appHash('/', first.id, PE1) })
      assert(log.app?.launchUrl === `${base}/api/apps/dyad/index.html`, `the host found the app's launch URL ${log.app?.launchUrl}`)
      const href = await page.getAttribute('#dyad-open-in-app', 'href')
      assert(href === `${base}/api/apps/dyad/index.html${appHash('/', first.id, PE1)}`, `Open in app link ${href}`)
      console.log(`    setDashboardItemDetails calls: ${log.itemDetails.map((c) => `${String(c.itemTitle)} ${String(c.appUrl)}`).join(' | ')}`)
    })
    await test(`${user.username}: the item title is "${appName} — ${t(L, 'Overview')}" (the app's name and the view title in the user's language)`, async () => {
      await itemDetails(page, { itemTitle: `${appName} — ${t(L, 'Overview')}` })
      const shown = ((await page.textContent('#item-title')) ?? '').trim()
      assert(shown === `${appName} — ${t(L, 'Overview')}`, `item header "${shown}"`)
    })

    await test(`${user.username}: a dashboard filter change (post-robot 'updated') re-renders the item with the new org unit and period`, async () => {
      assert(frame, 'no plugin frame')
      calls.length = 0
      await updateHost(page, { dashboardItemFilters: { ou: [filterOu(second)], pe: [filterPe(PE2, L)] } })
      await overviewShows(frame, second.name, periodName(PE2, L))
      const bar = await barText(frame)
      assert(bar.endsWith(periodName(PE2, L)), `item bar "${bar}"`)
      const main = calls.find((c) => c.ou.length === 1 && c.ou[0] === second.id)
      assert(main && main.pe.includes(PE2), `no analytics request for ou:${second.id} with pe ${PE2} (requests: ${calls.map((c) => `${c.ou.slice(0, 2).join(';')}×${c.pe.length}`).join(' | ')})`)
      const log = await hostLog(page)
      assert(log.updates === 1 && log.propsRequests === 1, `host log: ${log.updates} updates, ${log.propsRequests} props requests (the plugin should not reload)`)
      const stale = calls.filter((c) => c.ou.length > 1 && c.pe.includes(PE2) && c.ou.some((id) => byId.get(id)?.path.includes(`/${first.id}/`)))
      if (stale.length) console.log(`    note: ${stale.length} analytics request(s) for the children of the previous org unit ${first.name} with the new period (wasted)`)
      console.log(`    analytics requests after the filter change: ${calls.length}`)
      await noFrameAlerts(frame)
      await page.screenshot({ path: path.join(shots, `plugin-${user.username}-updated.png`), fullPage: true })
    })

    await test(`${user.username}: after the filter change the Open in app link is ${appHash('/', '<new ou>', PE2)}`, async () => {
      await itemDetails(page, { appUrl: appHash('/', second.id, PE2) })
    })

    await test(`${user.username}: plugin frame has no serious/critical axe violation`, async () => {
      assert(frame, 'no plugin frame')
      const v = await axeIn(frame, [['body']])
      assert(v.length === 0, v.join('\n'))
      const lang = await frame.evaluate(() => document.querySelector('.dyad-plugin')?.closest('[lang]')?.getAttribute('lang') ?? '')
      assert(lang.startsWith(L), `the item's language is "${lang}"`)
      console.log(`    plugin document: <html lang="${await frame.evaluate(() => document.documentElement.lang)}">, title "${await frame.title()}"`)
    })

    // --- 2. no filter: the user's own org unit and the last 12 months
    await test(`${user.username}: without dashboard filters the item shows the user's org unit and the last 12 months`, async () => {
      calls.length = 0
      const f = await openHost(page, base, { id: itemB, filters: {}, mode: 'view', width: 760, height: 620, lang: L })
      await overviewShows(f, root.name, t(L, 'Last 12 months'))
      const main = calls.find((c) => c.ou.length === 1 && c.ou[0] === root.id)
      const months = last12Months()
      assert(main && months.every((m) => main.pe.includes(m)), `no analytics request for ou:${root.id} with the last 12 months ${months[0]}–${months[11]} (requests: ${calls.map((c) => `${c.ou.slice(0, 2).join(';')}×${c.pe.join(';').slice(0, 60)}`).join(' | ')})`)
      await noFrameAlerts(f)
    })

    // --- 3. the view chosen in the item is saved per dashboardItemId
    for (const [view, check] of [
      ['/continuum', (f: Frame) => f.waitForSelector('.dyad-plugin .dyad-continuum table.dyad-table tbody tr', { timeout: 60_000 })],
      ['/scorecard', (f: Frame) => f.waitForSelector('.dyad-plugin table.dyad-sc tbody tr', { timeout: 60_000 })],
    ] as const) {
      await test(`${user.username}: the ${view.slice(1)} view chosen in the item is saved for that item and shown again after a reload`, async () => {
        const it: HostItem = { id: itemC, filters: { ou: [filterOu(first)], pe: [filterPe(PE1, L)] }, mode: 'view', width: 900, height: 640, lang: L }
        let f = await openHost(page, base, it)
        await f.waitForSelector('.dyad-plugin .dyad-plugin-bar select', { timeout: 60_000 })
        dataStore.length = 0
        let t0 = Date.now()
        await f.getByLabel(t(L, 'View')).selectOption(view)
        await check(f)
        const shownMs = Date.now() - t0
        await page.waitForTimeout(300)
        // one save of the item's key (PUT, or PUT 404 then POST on the first save, as on DHIS2)
        const key = `/dataStore/dyad/plugin-${itemC}`
        assert(dataStore.length >= 1 && dataStore.length <= 2 && dataStore.every((w) => w.url.endsWith(key) && w.body === JSON.stringify({ view })), `dataStore writes: ${JSON.stringify(dataStore)}`)
        const saved = await apiGet(base, `dataStore/dyad/plugin-${itemC}`)
        assert(saved.status === 200 && (saved.json as { view?: string }).view === view, `dataStore dyad/plugin-${itemC}: ${saved.status} ${JSON.stringify(saved.json)}`)
        t0 = Date.now()
        await page.reload()
        f = await pluginFrame(page)
        await check(f)
        console.log(`    ${view} shown ${shownMs} ms after the choice, ${Date.now() - t0} ms after the reload`)
        const selected = await f.$eval('.dyad-plugin-bar select', (s) => (s as HTMLSelectElement).value)
        assert(selected === view, `after the reload the item shows "${selected}"`)
        const shown = ((await f.textContent(view === '/continuum' ? '.dyad-plugin .dyad-continuum' : '.dyad-plugin table.dyad-sc').catch(() => '')) ?? '').replace(/\s+/g, ' ')
        if (view === '/continuum') assert(shown.includes(first.name), `the continuum does not name ${first.name}: "${shown.slice(0, 160)}"`)
        else assert(childrenOf(first.id).some((c) => shown.includes(c.name)), `the scorecard shows none of the org units below ${first.name}`)
        await noFrameAlerts(f)
        await page.screenshot({ path: path.join(shots, `plugin-${user.username}-${view.slice(1)}.png`), fullPage: true })
        if (view === '/continuum') {
          const v = await axeIn(f, [['body']])
          assert(v.length === 0, v.join('\n'))
        }
      })
    }
    await test(`${user.username}: another dashboard item keeps its own view (the overview)`, async () => {
      const f = await openHost(page, base, { id: itemA, filters: { ou: [filterOu(first)], pe: [filterPe(PE1, L)] }, mode: 'view', width: 760, height: 620, lang: L })
      await overviewShows(f, first.name, periodName(PE1, L))
      const selected = await f.$eval('.dyad-plugin-bar select', (s) => (s as HTMLSelectElement).value)
      assert(selected === '/', `item ${itemA} shows "${selected}"`)
    })

    // --- 4. sizing: a content-driven host gets the plugin's height
    await test(`${user.username}: content-driven height: the plugin sends setPluginHeight with its content height`, async () => {
      const f = await openHost(page, base, { id: itemA, filters: { ou: [filterOu(first)], pe: [filterPe(PE1, L)] }, mode: 'view', width: 760, lang: L })
      await overviewShows(f, first.name, periodName(PE1, L))
      await page.waitForTimeout(500)
      const log = await hostLog(page)
      assert(log.heights.length > 0, 'the plugin never called setPluginHeight')
      // settled: no resize loop (a scrollbar appearing and disappearing would keep it calling)
      await page.waitForTimeout(1500)
      const later = (await hostLog(page)).heights
      assert(later.length === log.heights.length, `setPluginHeight still called after the view settled: ${later.slice(log.heights.length).join(', ')}`)
      const last = log.heights[log.heights.length - 1]
      const content = await f.evaluate(() => (document.getElementById('resizeDiv') ?? document.body).offsetHeight)
      assert(last >= 300 && last < 20_000, `last height ${last} px is not plausible for the overview`)
      assert(Math.abs(last - content) <= 2, `last height ${last} px, content ${content} px`)
      const iframeH = await page.$eval('iframe#plugin', (i) => (i as HTMLIFrameElement).getBoundingClientRect().height)
      assert(Math.abs(iframeH - last) <= 2, `iframe is ${iframeH} px high after setPluginHeight(${last})`)
      const inner = await f.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)
      assert(inner <= 2, `the item still scrolls ${inner}px inside its frame`)
      console.log(`    setPluginHeight calls: ${log.heights.join(', ')}`)
      await page.screenshot({ path: path.join(shots, `plugin-${user.username}-content-height.png`), fullPage: true })
    })

    // --- 5. print modes: the item's view, no selector
    for (const mode of ['print', 'print-layout'] as const) {
      await test(`${user.username}: dashboard mode ${mode} shows the item's view without the view selector`, async () => {
        const f = await openHost(page, base, { id: itemC, filters: { ou: [filterOu(first)], pe: [filterPe(PE1, L)] }, mode, width: 900, height: 640, lang: L })
        await f.waitForSelector('.dyad-plugin table.dyad-sc tbody tr', { timeout: 60_000 })
        const selects = await f.locator('.dyad-plugin-bar select').count()
        assert(selects === 0, `a view selector is shown in ${mode} mode`)
        const bar = await barText(f)
        assert(bar.startsWith(t(L, 'Scorecard')), `item bar "${bar}"`)
      })
    }

    // --- 6. item details follow the view and the filters; Open in app; removal
    const itemD = `${user.username.slice(0, 3)}ItemDdddd`.slice(0, 11)
    const continuumTitle = `${appName} — ${t(L, 'Continuum of care')}`
    let removable = false
    await test(`${user.username}: a view change in the item changes its title and Open in app link (#/continuum?ou=…&pe=…)`, async () => {
      const f = await openHost(page, base, { id: itemD, filters: { ou: [filterOu(first)], pe: [filterPe(PE1, L)] }, mode: 'view', width: 900, height: 640, lang: L })
      await overviewShows(f, first.name, periodName(PE1, L))
      await itemDetails(page, { appUrl: appHash('/', first.id, PE1) })
      await f.getByLabel(t(L, 'View')).selectOption('/continuum')
      await f.waitForSelector('.dyad-plugin .dyad-continuum table.dyad-table tbody tr', { timeout: 60_000 })
      await itemDetails(page, { appUrl: appHash('/continuum', first.id, PE1) })
      const saved = await apiGet(base, `dataStore/dyad/plugin-${itemD}`)
      assert(saved.status === 200, `dataStore dyad/plugin-${itemD}: ${saved.status}`)
      removable = true
    })
    await test(`${user.username}: the continuum item is titled "${continuumTitle}"`, async () => {
      await itemDetails(page, { itemTitle: continuumTitle })
    })
    await test(`${user.username}: a dashboard filter change moves the continuum item's Open in app link to the new org unit and period`, async () => {
      await updateHost(page, { dashboardItemFilters: { ou: [filterOu(second)], pe: [filterPe(PE2, L)] } })
      const f = await pluginFrame(page)
      await f.waitForFunction((n) => (document.querySelector('.dyad-plugin .dyad-continuum')?.textContent ?? '').includes(n), second.name, { timeout: 60_000 }).catch(() => undefined)
      await itemDetails(page, { appUrl: appHash('/continuum', second.id, PE2) })
      const href = await page.getAttribute('#dyad-open-in-app', 'href')
      assert(href === `${base}/api/apps/dyad/index.html${appHash('/continuum', second.id, PE2)}`, `Open in app link ${href}`)
      await page.screenshot({ path: path.join(shots, `plugin-${user.username}-item-details.png`), fullPage: true })
    })
    await test(`${user.username}: Open in app opens the app on the item's view with its org unit and period`, async () => {
      const href = await page.getAttribute('#dyad-open-in-app', 'href')
      assert(href, 'no Open in app link')
      const [app] = await Promise.all([page.context().waitForEvent('page', { timeout: 30_000 }), page.click('#dyad-open-in-app')])
      try {
        await app.waitForLoadState('load')
        assert(app.url() === href, `the new page is ${app.url()}, the link ${href}`)
        const want = t(L, 'Continuum of care — {{orgUnit}} — {{period}}').replace('{{orgUnit}}', second.name).replace('{{period}}', periodName(PE2, L))
        await app.waitForFunction((w) => (document.getElementById('dyad-cascade-title')?.textContent ?? '').trim() === w, want, { timeout: 60_000 }).catch(() => undefined)
        const title = ((await app.textContent('#dyad-cascade-title').catch(() => null)) ?? '').trim()
        assert(title === want, `the app shows "${title}", expected "${want}"`)
        const rows = await app.locator('.dyad-continuum table.dyad-table tbody tr').count()
        assert(rows === 11, `${rows} cascade rows in the app`)
        await app.screenshot({ path: path.join(shots, `plugin-${user.username}-open-in-app.png`), fullPage: false })
      } finally {
        await app.close()
      }
    })
    await test(`${user.username}: removing the item in edit mode (the Dashboard app's delete: onRemove, then the item goes) deletes dataStore dyad/plugin-${itemD}`, async () => {
      assert(removable, `no stored view for ${itemD} to remove (the view choice failed above)`)
      // the Dashboard app deletes items in edit mode, where it passes no filters
      const f = await openHost(page, base, { id: itemD, filters: {}, mode: 'edit', width: 900, height: 640, lang: L })
      await f.waitForSelector('.dyad-plugin .dyad-continuum table.dyad-table tbody tr', { timeout: 60_000 })
      await itemDetails(page, { appUrl: appHash('/continuum', root.id, 'LAST_12_MONTHS') })
      dataStore.length = 0
      const removed = await removeItem(page)
      assert(removed?.outcome === 'ok', `onRemove: ${JSON.stringify(removed)}`)
      const gone = await apiGet(base, `dataStore/dyad/plugin-${itemD}`)
      assert(gone.status === 404, `GET dataStore/dyad/plugin-${itemD} answers ${gone.status} ${JSON.stringify(gone.json).slice(0, 120)} after the removal`)
      assert(dataStore.some((w) => w.method === 'DELETE' && w.url.endsWith(`/dataStore/dyad/plugin-${itemD}`)), `the plugin sent no DELETE (writes: ${JSON.stringify(dataStore)})`)
      assert((await page.locator('#item').count()) === 0, 'the item is still on the dashboard')
    })

    // --- 7. a filter Dyad cannot apply is named
    await test(`${user.username}: an org-unit filter by level is named in a note and the item shows the user's own org unit`, async () => {
      const itemE = `${user.username.slice(0, 3)}ItemEeeee`.slice(0, 11)
      const f = await openHost(page, base, { id: itemE, filters: { ou: [{ id: 'LEVEL-3', name: 'District' }], pe: [filterPe(PE1, L)] }, mode: 'view', width: 760, height: 620, lang: L })
      await overviewShows(f, root.name, periodName(PE1, L))
      const notes = (await f.$$eval('.dyad-plugin [role="note"]', (ns) => ns.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()))).filter(Boolean)
      const want = t(L, 'The dashboard filter {{filter}} cannot be applied by Dyad (organisation units by level or group): your own organisation unit is shown.').replace('{{filter}}', 'District')
      assert(notes.includes(want), `notes in the item: ${JSON.stringify(notes)}, expected "${want}"`)
      await itemDetails(page, { appUrl: appHash('/', root.id, PE1) })
      await page.screenshot({ path: path.join(shots, `plugin-${user.username}-level-filter.png`), fullPage: true })
    })

    await test(`${user.username}: no uncaught script error`, async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'))
    })
    await close()
  }
}

runSuite('e2e plugin', () => withSuiteEnv({ label: 'e2e plugin', pairs: 2000 }, main))
