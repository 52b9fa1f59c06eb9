/**
 * Browser end-to-end suite of the care-trajectories page against the sandbox, for an English
 * (admin, national) and a French (fatoumata, district) user, with playwright-core and Debian's
 * Chromium: real sandbox tracker data read through the pair path, counts and shares per profile,
 * drill-down to the next org-unit level, the pairs behind a number with Capture links, rule
 * settings applied, exports (CSV rows, XLSX sheets), axe, screenshots under tests/e2e/screenshots/.
 * (The scorecard's browser checks are in tests/e2e/dashboards.test.ts, with the scorecard's owner.)
 *
 *   npx tsx tests/e2e/dashboards-scorecard-trajectories.test.ts   (builds unless DYAD_E2E_SKIP_BUILD=1)
 * Counts go to $DYAD_TEST_COUNTS like tests/e2e/run.ts.
 */
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { assert, axe, download, login, noAlerts, runSuite, shots, t, USERS, test, withSuiteEnv, type SuiteEnv } from './harness'

/** Number in a cell, French or English formatting ("1 234", "1,234"). */
const intOf = (s: string): number => Number(s.replace(/[^\d]/g, '') || 'NaN')

async function profileCounts(page: Page): Promise<number[]> {
  const cells = await page.$$eval('[data-testid="profile-table"] tbody tr td:first-of-type', (tds) => tds.map((td) => (td.textContent ?? '').trim()))
  return cells.map(intOf)
}

async function main(env: SuiteEnv): Promise<void> {
  const { base } = env
  for (const user of USERS) {
    const L = user.locale
    const { page, pageErrors, close } = await env.session(user, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    await test(`${user.username}: logs in`, () => login(page, base, user.username, user.password))

    let total = 0
    await test(`${user.username}: trajectories classify the sandbox pairs of the user's org unit (${L})`, async () => {
      await page.goto(`${base}/api/apps/dyad/index.html#/trajectories?pe=LAST_12_MONTHS`)
      const t0 = Date.now()
      await page.locator('[data-testid="profile-table"]').waitFor({ timeout: 120_000 })
      console.log(`      navigation → profiles on screen: ${Date.now() - t0} ms`)
      const h1 = ((await page.textContent('h1.dyad-page-title')) ?? '').trim()
      assert(h1 === t(L, 'Care trajectories'), `title "${h1}"`)
      const names = await page.$$eval('[data-testid="profile-table"] tbody th', (ths) => ths.map((th) => (th.textContent ?? '').trim()))
      const expected = L === 'fr' ? 'Continuum complet' : 'Complete continuum'
      assert(names[0] === expected, `first profile "${names[0]}"`)
      const counts = await profileCounts(page)
      total = intOf((await page.textContent('[data-testid="profile-table"] tfoot td')) ?? '')
      assert(total > 0, `no pair in the period (${total})`)
      assert(counts.every((c) => Number.isFinite(c) && c <= total), `counts ${counts.join(',')} vs total ${total}`)
      const classified = counts.slice(0, -1)
      assert(classified.filter((c) => c > 0).length >= 3, `only ${classified.filter((c) => c > 0).length} profiles have pairs: ${counts.join(',')}`)
      const shares = await page.$$eval('[data-testid="profile-table"] tbody tr td:nth-of-type(2)', (tds) => tds.map((td) => (td.textContent ?? '').trim()))
      assert(shares.every((s) => /%/.test(s)), `shares ${shares.join(' | ')}`)
      if (L === 'fr') assert(shares.some((s) => /\u00a0%|\u202f%/.test(s)), `no French percent format in ${shares.join(' | ')}`)
      await noAlerts(page)
      await page.screenshot({ path: path.join(shots, `trajectories-${user.username}.png`), fullPage: true })
    })

    await test(`${user.username}: trajectories export CSV and XLSX with the profile rows`, async () => {
      const profiles = await page.locator('[data-testid="profile-table"] tbody tr').count()
      const csv = await download(page, () => page.getByRole('button', { name: t(L, 'Download CSV') }).click())
      const text = csv.bytes.toString('utf8')
      assert(text.charCodeAt(0) === 0xfeff, 'CSV without BOM')
      const lines = text.slice(1).split('\r\n').filter(Boolean)
      // header + one row per profile + "no profile" + "all pairs"
      assert(lines.length === profiles + 2, `CSV has ${lines.length} lines for ${profiles} table rows`)
      assert(lines[lines.length - 1].includes(String(total)), `last CSV line ${lines[lines.length - 1]} lacks total ${total}`)
      const xlsx = await download(page, () => page.getByRole('button', { name: t(L, 'Download Excel (XLSX)') }).click())
      const zip = unzipSync(new Uint8Array(xlsx.bytes))
      const s1 = strFromU8(zip['xl/worksheets/sheet1.xml'])
      assert((s1.match(/<row /g)?.length ?? 0) === profiles + 2, 'XLSX sheet 1 rows = header + profiles + no profile + all')
      const children = await page.locator('[data-testid="group-table"] tbody tr').count()
      const s2 = strFromU8(zip['xl/worksheets/sheet2.xml'])
      assert((s2.match(/<row /g)?.length ?? 0) === children + 1, `XLSX sheet 2 rows for ${children} org units`)
    })

    await test(`${user.username}: trajectories list the pairs behind a number`, async () => {
      const btn = page.locator('[data-testid="profile-table"] tbody button.dyad-traj-count').first()
      const n = intOf((await btn.textContent()) ?? '')
      await btn.click()
      const list = page.locator('[data-testid="pair-list"]')
      await list.waitFor({ timeout: 10_000 })
      const rows = await list.locator('tbody tr').count()
      assert(rows === Math.min(n, 200), `${rows} pairs listed for a count of ${n}`)
      const links = await list.locator('a[href*="dhis-web-capture"]').count()
      assert(links >= rows, `${links} Capture links for ${rows} pairs`)
      await page.screenshot({ path: path.join(shots, `trajectories-${user.username}-pairs.png`), fullPage: true })
      await list.getByRole('button', { name: t(L, 'Close the list') }).click()
    })

    await test(`${user.username}: trajectories rules shown in words; an edited setting recomputes`, async () => {
      await page.getByRole('button', { name: t(L, 'Show and edit the rules') }).click()
      const rules = page.locator('.dyad-traj-rules')
      await rules.waitFor({ timeout: 5_000 })
      const before = (await profileCounts(page))[0]
      const input = page.getByLabel(L === 'fr' ? 'CPN pour un continuum complet' : 'ANC contacts for a complete continuum')
      await input.fill('8')
      await page.getByRole('button', { name: t(L, 'Apply (this page only)') }).click()
      await page.waitForFunction((b) => {
        const td = document.querySelector('[data-testid="profile-table"] tbody tr td')
        return td !== null && Number((td.textContent ?? '').replace(/[^\d]/g, '')) !== b
      }, before, { timeout: 30_000 }).catch(() => undefined)
      const after = (await profileCounts(page))[0]
      assert(after <= before, `complete continuum with 8 ANC (${after}) above with 4 (${before})`)
      await page.screenshot({ path: path.join(shots, `trajectories-${user.username}-rules.png`), fullPage: true })
      await page.getByRole('button', { name: t(L, 'Use the saved rules again') }).click()
      await page.getByRole('button', { name: t(L, 'Hide the rules') }).click()
    })

    await test(`${user.username}: trajectories have no serious/critical axe violation`, async () => {
      const v = await axe(page)
      assert(v.length === 0, v.join('\n'))
    })

    await test(`${user.username}: trajectories drill down to the next org-unit level`, async () => {
      // the child with the most pairs (a facility may have none in the period: its page then says so)
      const counts = await page.$$eval('[data-testid="group-table"] tbody tr td:first-of-type', (tds) => tds.map((td) => Number((td.textContent ?? '').replace(/[^\d]/g, ''))))
      const best = counts.indexOf(Math.max(...counts))
      assert(best >= 0 && counts[best] > 0, `no child org unit with pairs: ${counts.join(',')}`)
      const group = page.locator('[data-testid="group-table"] tbody tr').nth(best).locator('th button')
      const name = ((await group.textContent()) ?? '').trim()
      await group.click()
      await page.waitForFunction((n) => (document.querySelector('.dyad-scope-note')?.textContent ?? '').startsWith(n), name, { timeout: 120_000 })
      await page.locator('[data-testid="profile-table"]').waitFor({ timeout: 120_000 })
      const sub = intOf((await page.textContent('[data-testid="profile-table"] tfoot td')) ?? '')
      assert(sub === counts[best], `${name}: ${sub} pairs on its own page, ${counts[best]} in its parent's table`)
      await noAlerts(page)
      await page.screenshot({ path: path.join(shots, `trajectories-${user.username}-drill.png`), fullPage: true })
    })

    await test(`${user.username}: no uncaught script error`, async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'))
    })
    await close()
  }
}

runSuite('e2e trajectories', () => withSuiteEnv({ label: 'e2e trajectories', pairs: 2000 }, main))
