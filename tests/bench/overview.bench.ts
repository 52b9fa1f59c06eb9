/**
 * Overview page against the sandbox in headless Chromium (DESIGN §6): HTTP requests and bytes of
 * the page's data (budget ≤ 4 requests) and time from navigation to the first indicator value on
 * screen (budget ≤ 2 s), cold (app start included) and warm (page change inside the app).
 * Scale: DYAD_BENCH_OVERVIEW_PAIRS (default 100 000 pairs). Needs build/app (npm run build).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { startSandbox } from '../../sandbox/server'
import type { BenchFigure } from './types'

const root = path.resolve(__dirname, '../..')
const PAIRS = Number(process.env.DYAD_BENCH_OVERVIEW_PAIRS ?? 100_000)
const DATA = /\/api\/(\d+\/)?(analytics|organisationUnits\/|dataStore)/

export default async function bench(): Promise<BenchFigure[]> {
  const app = path.join(root, 'build/app')
  if (!existsSync(path.join(app, 'index.html'))) return [{ name: 'overview: skipped', value: 0, unit: '', note: 'build/app missing: run npm run build first' }]
  const t0 = performance.now()
  const sandbox = await startSandbox({ version: '2.41', pairs: PAIRS, port: 0, host: '127.0.0.1', dataDir: null, serveApp: app, log: () => undefined })
  const startMs = performance.now() - t0
  const base = sandbox.url.replace(/\/$/, '')
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] })
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    const reqs: { url: string; bytes: number }[] = []
    page.on('requestfinished', (r) => void r.sizes().then((s) => reqs.push({ url: r.url(), bytes: s.responseBodySize }), () => undefined))
    await page.goto(`${base}/api/apps/dyad/index.html#/setup`)
    await page.locator('input[name="j_username"]').fill('admin', { timeout: 30_000 })
    await page.locator('input[name="j_password"]').fill('district')
    await Promise.all([page.waitForEvent('load'), page.locator('button[type="submit"]').click()])
    await page.locator('nav.dyad-nav').waitFor({ timeout: 60_000 })
    // cold: a fresh load of the app on the overview
    await page.goto('about:blank')
    reqs.length = 0
    let t = performance.now()
    await page.goto(`${base}/api/apps/dyad/index.html#/?pe=LAST_12_MONTHS`)
    await page.locator('.dyad-matrix .dyad-tile-value').first().waitFor({ timeout: 120_000 })
    const coldMs = performance.now() - t
    await page.waitForTimeout(1500) // let the drill-down request finish
    const data = reqs.filter((r) => DATA.test(r.url))
    const bytes = data.reduce((a, r) => a + r.bytes, 0)
    // warm: from another page of the app to the overview of another period
    await page.goto(`${base}/api/apps/dyad/index.html#/continuum?pe=THIS_YEAR`)
    await page.locator('.dyad-continuum table').first().waitFor({ timeout: 120_000 })
    t = performance.now()
    await page.goto(`${base}/api/apps/dyad/index.html#/?pe=LAST_YEAR`)
    await page.locator('.dyad-matrix .dyad-tile-value').first().waitFor({ timeout: 120_000 })
    const warmMs = performance.now() - t
    const note = `${PAIRS} pairs, admin (country level), LAST_12_MONTHS`
    return [
      { name: 'overview: data requests', value: data.length, unit: 'requests', budget: { max: 4 }, note: `${note}: ${data.map((r) => new URL(r.url).pathname.replace(/^.*\/api\//, '')).join(', ')}` },
      { name: 'overview: data bytes', value: Math.round(bytes / 1024), unit: 'kB', note: 'response bodies as received (compression as served by the sandbox)' },
      { name: 'overview: navigation to data on screen (cold, app start included)', value: Math.round(coldMs), unit: 'ms', budget: { max: 2000 }, note },
      { name: 'overview: navigation to data on screen (warm, in-app)', value: Math.round(warmMs), unit: 'ms', budget: { max: 2000 }, note },
      { name: 'overview: sandbox start (generate + install + warm analytics)', value: Math.round(startMs / 1000), unit: 's', note: `${PAIRS} pairs` },
    ]
  } finally {
    await browser.close().catch(() => undefined)
    await sandbox.close().catch(() => undefined)
  }
}
