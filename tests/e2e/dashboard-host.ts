/**
 * A dashboard-like host for the Dyad plugin in the browser suites: what the DHIS2 Dashboard app
 * does through `@dhis2/app-service-plugin`'s `Plugin` component, on the sandbox origin (same
 * origin as the app, as on a real DHIS2), with no file downloaded and nothing added to the server:
 *
 *   - `page.route` serves `${base}/dyad-e2e/dashboard.html?item=…` (the host page) and
 *     `${base}/dyad-e2e/post-robot.min.js` (node_modules/post-robot/dist, the version the app
 *     shell bundles: package-lock.json pins post-robot 10.0.46 for @dhis2/app-service-plugin and
 *     @dhis2/app-shell);
 *   - the host page embeds `<iframe src="/api/apps/dyad/plugin.html">` and answers the plugin's
 *     post-robot `getPropsFromParent` request FROM THAT IFRAME'S WINDOW ONLY with the props the
 *     Dashboard app gives an app item (dashboardItemId, dashboardItemFilters {ou:[{id,name,path}],
 *     pe:[{id,name}]}, dashboardMode, setDashboardItemDetails, cacheId, isParentCached) plus what
 *     the `Plugin` component adds (alertsAdd, setPluginHeight, setPluginWidth, setInErrorState,
 *     clientWidth);
 *   - `updateHost()` sends post-robot `updated` with the new full props to the iframe's window, as
 *     `Plugin` does when the dashboard's filters change;
 *   - sizing: `height` given (what the Dashboard app does: it passes the item's width and height)
 *     → fixed iframe size and `setPluginHeight: null`; no `height` → content-driven: the host
 *     passes `setPluginHeight`, starts the iframe at 150 px and sets its height to each value the
 *     plugin sends (as `Plugin` does). Every call is logged (`hostLog()`).
 * The item config travels in the host URL, so `page.reload()` reopens the same dashboard item.
 */
import { readFileSync } from 'node:fs'
import type { Frame, Page } from 'playwright-core'

export interface FilterItem {
  id: string
  name?: string
  path?: string
}

export interface HostItem {
  /** dashboardItemId */
  id: string
  filters?: { ou?: FilterItem[]; pe?: FilterItem[] }
  mode?: 'view' | 'edit' | 'new' | 'print' | 'print-layout'
  /** Item size given by the dashboard (px). Without `height`, the height is content-driven. */
  width?: number
  height?: number
  /** The host document language (the dashboard's UI language). */
  lang?: string
}

export interface HostLog {
  /** getPropsFromParent requests answered. */
  propsRequests: number
  /** `updated` messages sent and acknowledged. */
  updates: number
  heights: number[]
  widths: number[]
  alerts: unknown[]
  errorStates: unknown[]
  itemDetails: unknown[]
}

const POST_ROBOT = readFileSync(require.resolve('post-robot/dist/post-robot.min.js'), 'utf8')

const enc = (item: HostItem): string => Buffer.from(JSON.stringify(item)).toString('base64url')

export const hostUrl = (base: string, item: HostItem): string => `${base}/dyad-e2e/dashboard.html?item=${enc(item)}`

/** The host page: plain script, no framework; the Dashboard app's part of the plugin protocol. */
function hostHtml(item: HostItem): string {
  const json = JSON.stringify(item).replace(/</g, '\\u003c')
  const size = item.height ? `width="${item.width ?? '100%'}" height="${item.height}"` : `width="${item.width ?? '100%'}" height="150"`
  return `<!doctype html>
<html lang="${item.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<title>Dashboard (e2e host)</title>
<style>body{margin:0;font-family:sans-serif;background:#f4f6f8}main{padding:16px}.item{background:#fff;box-shadow:0 0 0 1px #d5dde5;border-radius:3px;display:inline-block;width:${item.width ? `${item.width}px` : 'calc(100% - 2px)'}}.item h2{margin:0;padding:8px 12px;font-size:14px}</style>
<script src="/dyad-e2e/post-robot.min.js"></script>
</head>
<body>
<main>
<h1>Dashboard</h1>
<div class="item"><h2>Dyad</h2><iframe id="plugin" title="Dyad" src="/api/apps/dyad/plugin.html" ${size} style="border:none;display:block"></iframe></div>
</main>
<script id="cfg" type="application/json">${json}</script>
<script>
(function () {
  var item = JSON.parse(document.getElementById('cfg').textContent);
  var iframe = document.getElementById('plugin');
  var log = (window.__host = { propsRequests: 0, updates: 0, heights: [], widths: [], alerts: [], errorStates: [], itemDetails: [] });
  var state = { dashboardItemId: item.id, dashboardItemFilters: item.filters || {}, dashboardMode: item.mode || 'view' };
  function props() {
    return {
      dashboardItemId: state.dashboardItemId,
      dashboardItemFilters: state.dashboardItemFilters,
      dashboardMode: state.dashboardMode,
      setDashboardItemDetails: function (d) { log.itemDetails.push(d); },
      cacheId: 'e2eDashboard-' + state.dashboardItemId,
      isParentCached: false,
      alertsAdd: function (a) { log.alerts.push(a); },
      setPluginHeight: item.height ? null : function (h) { log.heights.push(h); iframe.height = String(h); },
      setPluginWidth: null,
      setInErrorState: function (v) { log.errorStates.push(v); },
      clientWidth: undefined
    };
  }
  postRobot.on('getPropsFromParent', { window: iframe.contentWindow }, function () {
    log.propsRequests += 1;
    return props();
  });
  window.__updateHost = function (next) {
    for (var k in next) state[k] = next[k];
    return postRobot.send(iframe.contentWindow, 'updated', props()).then(function () { log.updates += 1; return true; });
  };
})();
</script>
</body>
</html>`
}

/** Serves the host page and post-robot on the sandbox origin for this page (kept across reloads). */
export async function routeDashboardHost(page: Page, base: string): Promise<void> {
  await page.route(`${base}/dyad-e2e/post-robot.min.js`, (route) => route.fulfill({ status: 200, contentType: 'application/javascript; charset=utf-8', body: POST_ROBOT }))
  await page.route(`${base}/dyad-e2e/dashboard.html*`, (route) => {
    const raw = new URL(route.request().url()).searchParams.get('item') ?? ''
    const item = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as HostItem
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostHtml(item) })
  })
}

/** Opens the host with `item` and returns the plugin's frame once `.dyad-plugin` is rendered. */
export async function openHost(page: Page, base: string, item: HostItem): Promise<Frame> {
  await page.goto(hostUrl(base, item))
  return pluginFrame(page)
}

export async function pluginFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe#plugin', { timeout: 30_000 })
  const frame = await handle.contentFrame()
  if (!frame) throw new Error('the host has no plugin frame')
  await frame.waitForSelector('.dyad-plugin', { timeout: 60_000 })
  return frame
}

/** Sends post-robot `updated` with these props changed (the dashboard's filter change). */
export async function updateHost(page: Page, next: Partial<{ dashboardItemFilters: HostItem['filters']; dashboardMode: HostItem['mode']; dashboardItemId: string }>): Promise<void> {
  await page.evaluate((n) => (window as unknown as { __updateHost: (x: unknown) => Promise<boolean> }).__updateHost(n), next)
}

export async function hostLog(page: Page): Promise<HostLog> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __host: HostLog }).__host)) as HostLog)
}
