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
 *     plugin sends (as `Plugin` does). Every call is logged (`hostLog()`);
 *   - item details as the Dashboard app's AppItem keeps them: the host reads `/api/apps` first (the
 *     Dashboard app renders an app item from its app list), starts from `{itemTitle: app name,
 *     appUrl: launchUrl}`, and `setDashboardItemDetails(d)` — a function in the props object, so it
 *     crosses as a post-robot callback, and `d.onRemove` comes back the same way — merges
 *     `{...state, ...d, appUrl: launchUrl + d.appUrl}` (the app APPENDS the plugin's appUrl to the
 *     launch URL). The item header shows the title and an "Open in app" link (`#dyad-open-in-app`,
 *     target _blank) to the merged appUrl; `removeItem()` does what the Dashboard app's delete
 *     button does: `(onRemove ?? noop)().catch(warn).finally(remove the item)`.
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
  /** Each setDashboardItemDetails call as the plugin made it (onRemove as its type). */
  itemDetails: ItemDetailsCall[]
  /** The item's details as the Dashboard app holds them after the calls (merged, appUrl appended to the launch URL). */
  item: { itemTitle?: string; appUrl?: string; hasOnRemove: boolean }
  /** The app entry the host found in /api/apps (the Dashboard app's appDetails). */
  app: { key?: string; name?: string; launchUrl?: string; pluginLaunchUrl?: string } | null
  /** Outcome of `removeItem()`: onRemove resolved (`ok`), rejected (`error`), or absent (`noop`). */
  removed: { outcome: 'ok' | 'error' | 'noop'; error?: string } | null
}

export interface ItemDetailsCall {
  /** Keys of the object the plugin passed. */
  keys: string[]
  itemTitle?: unknown
  appUrl?: unknown
  onRemove: string
}

const POST_ROBOT = readFileSync(require.resolve('post-robot/dist/post-robot.min.js'), 'utf8')

const enc = (item: HostItem): string => Buffer.from(JSON.stringify(item)).toString('base64url')

export const hostUrl = (base: string, item: HostItem): string => `${base}/dyad-e2e/dashboard.html?item=${enc(item)}`

/** The host page: plain script, no framework; the Dashboard app's part of the plugin protocol. */
function hostHtml(item: HostItem): string {
  const json = JSON.stringify(item).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="${item.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<title>Dashboard (e2e host)</title>
<style>body{margin:0;font-family:sans-serif;background:#f4f6f8}main{padding:16px}.item{background:#fff;box-shadow:0 0 0 1px #d5dde5;border-radius:3px;display:inline-block;width:${item.width ? `${item.width}px` : 'calc(100% - 2px)'}}.item .head{display:flex;justify-content:space-between;align-items:center;padding:8px 12px}.item h2{margin:0;font-size:14px}.item a{font-size:13px}</style>
<script src="/dyad-e2e/post-robot.min.js"></script>
</head>
<body>
<main>
<h1>Dashboard</h1>
<div class="item" id="item"><div class="head"><h2 id="item-title">…</h2><a id="dyad-open-in-app" target="_blank" rel="noopener" hidden>Open in app</a></div></div>
</main>
<script id="cfg" type="application/json">${json}</script>
<script>
(function () {
  var item = JSON.parse(document.getElementById('cfg').textContent);
  var PLUGIN = '/api/apps/dyad/plugin.html';
  var log = (window.__host = { propsRequests: 0, updates: 0, heights: [], widths: [], alerts: [], errorStates: [], itemDetails: [], item: { hasOnRemove: false }, app: null, removed: null });
  var state = { dashboardItemId: item.id, dashboardItemFilters: item.filters || {}, dashboardMode: item.mode || 'view' };
  var iframe = null;
  var app = null;
  var details = {};
  function showDetails() {
    log.item = { itemTitle: details.itemTitle, appUrl: details.appUrl, hasOnRemove: typeof details.onRemove === 'function' };
    document.getElementById('item-title').textContent = details.itemTitle || '';
    var a = document.getElementById('dyad-open-in-app');
    if (details.appUrl) { a.href = details.appUrl; a.hidden = false; } else { a.hidden = true; }
  }
  // The Dashboard app's AppItem: useReducer((state, newState) => ({...state, ...newState, appUrl: launchUrl + newState.appUrl}))
  function setDashboardItemDetails(d) {
    var o = d || {};
    log.itemDetails.push({ keys: Object.keys(o), itemTitle: o.itemTitle, appUrl: o.appUrl, onRemove: typeof o.onRemove });
    var next = {};
    for (var k in details) next[k] = details[k];
    for (var j in o) next[j] = o[j];
    next.appUrl = app && app.launchUrl ? app.launchUrl + (o.appUrl === undefined ? '' : o.appUrl) : undefined;
    details = next;
    showDetails();
  }
  function props() {
    return {
      dashboardItemId: state.dashboardItemId,
      dashboardItemFilters: state.dashboardItemFilters,
      dashboardMode: state.dashboardMode,
      setDashboardItemDetails: setDashboardItemDetails,
      cacheId: 'e2eDashboard-' + state.dashboardItemId,
      isParentCached: false,
      alertsAdd: function (a) { log.alerts.push(a); },
      setPluginHeight: item.height ? null : function (h) { log.heights.push(h); iframe.height = String(h); },
      setPluginWidth: null,
      setInErrorState: function (v) { log.errorStates.push(v); },
      clientWidth: undefined
    };
  }
  window.__updateHost = function (next) {
    for (var k in next) state[k] = next[k];
    return postRobot.send(iframe.contentWindow, 'updated', props()).then(function () { log.updates += 1; return true; });
  };
  // The Dashboard app's delete button (EditItemActions): onDelete().catch(warn).finally(remove the item)
  window.__removeItem = function () {
    var fn = typeof details.onRemove === 'function' ? details.onRemove : null;
    var p = fn ? fn() : Promise.resolve();
    return p
      .then(function () { log.removed = { outcome: fn ? 'ok' : 'noop' }; }, function (e) { log.removed = { outcome: 'error', error: String(e && e.message || e) }; })
      .finally(function () { var el = document.getElementById('item'); if (el) el.remove(); })
      .then(function () { return log.removed; });
  };
  // The Dashboard app renders an app item from its app list (/api/apps): title and launch URL.
  fetch('/api/apps', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .catch(function () { return []; })
    .then(function (apps) {
      app = (apps || []).filter(function (a) { return a.pluginLaunchUrl && new URL(a.pluginLaunchUrl, location.href).pathname === PLUGIN; })[0] || null;
      log.app = app ? { key: app.key, name: app.name, launchUrl: app.launchUrl, pluginLaunchUrl: app.pluginLaunchUrl } : null;
      details = { itemTitle: app ? app.name : 'Dyad', appUrl: app ? app.launchUrl : undefined };
      showDetails();
      iframe = document.createElement('iframe');
      iframe.id = 'plugin';
      iframe.title = app ? app.name : 'Dyad';
      iframe.src = PLUGIN;
      iframe.setAttribute('width', item.width ? String(item.width) : '100%');
      iframe.setAttribute('height', String(item.height || 150));
      iframe.style.border = 'none';
      iframe.style.display = 'block';
      document.getElementById('item').appendChild(iframe);
      postRobot.on('getPropsFromParent', { window: iframe.contentWindow }, function () {
        log.propsRequests += 1;
        return props();
      });
    });
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
  try {
    await frame.waitForSelector('.dyad-plugin', { timeout: 60_000 })
  } catch (e) {
    // say where it stopped: the frame's document, what it shows, and the host's side of the protocol
    const body = await frame.evaluate(() => `${document.readyState} ${(document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 300)}`).catch((x: unknown) => `(frame not readable: ${String(x)})`)
    const log = await hostLog(page).catch(() => undefined)
    throw new Error(`the plugin frame (${frame.url()}) shows no .dyad-plugin after 60 s: ${body}; host: ${log ? `${log.propsRequests} props requests, ${log.errorStates.length} error states, ${log.itemDetails.length} details calls` : 'no log'} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`)
  }
  return frame
}

/** Sends post-robot `updated` with these props changed (the dashboard's filter change). */
export async function updateHost(page: Page, next: Partial<{ dashboardItemFilters: HostItem['filters']; dashboardMode: HostItem['mode']; dashboardItemId: string }>): Promise<void> {
  await page.evaluate((n) => (window as unknown as { __updateHost: (x: unknown) => Promise<boolean> }).__updateHost(n), next)
}

/** The Dashboard app's delete button on the item: calls the plugin's onRemove (if it gave one), then removes the item. */
export async function removeItem(page: Page): Promise<HostLog['removed']> {
  return page.evaluate(() => (window as unknown as { __removeItem: () => Promise<HostLog['removed']> }).__removeItem())
}

export async function hostLog(page: Page): Promise<HostLog> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __host: HostLog }).__host)) as HostLog)
}
