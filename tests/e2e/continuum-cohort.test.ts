/**
 * Browser end-to-end suite of the continuum's cohort mode (decision 0552, src/pages/continuum/
 * CohortCascade.tsx): the pairs delivered in the period followed step by step from their tracker
 * records, district level and below. Against a sandbox of 8 000 pairs (2 000 give Gao 7 deliveries
 * in 2025), with Debian's Chromium:
 *   - fatoumata (French, district of Gao): `#/continuum?pe=2025&mode=cohort` shows the cohort table
 *     (11 steps, one column group per series, last year beside), the cohort radio checked, the due
 *     rule in French with the end of the data; the numbers read from the cells (French format) hold
 *     the cascade's invariants: reached ≤ eligible, eligible never increases down the steps,
 *     ANC4 ≤ ANC1, FP counselling ≤ ANC1, PPFP ≤ facility delivery, ANC1 eligible = the cohort;
 *     the share shown is reached/eligible; CSV (12 lines, "couples de la cohorte", same numbers as
 *     the table) and XLSX; axe; screenshot;
 *   - fatoumata: from the event counts, the cohort radio puts `mode=cohort` in the URL and the table
 *     appears (after the progress bar while the records are read);
 *   - fatoumata: comparison with the district's busiest facility (org-unit picker): two column groups,
 *     the facility's pairs a subset of the district's (reached and eligible ≤ the district's);
 *   - admin (English, national): the cohort radio is disabled with the reason shown.
 *
 *   DYAD_E2E_SKIP_BUILD=1 npx tsx tests/e2e/continuum-cohort.test.ts   (after npx d2-app-scripts build)
 */
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { assert, axe, download, login, noAlerts, runSuite, shots, t, test, USERS, withSuiteEnv, type Locale, type SuiteEnv } from './harness'

/** The cascade steps in table order (CASCADE in src/domain/indicators/catalog.ts). */
const STEPS = ['anc1', 'anc4', 'ancFpc', 'facilityDelivery', 'ppfp', 'pnc48', 'pncD6', 'pncD42', 'penta3', 'ebf', 'vitA'] as const
const row = (key: (typeof STEPS)[number]): number => STEPS.indexOf(key)

/** A number as the page shows it for `locale` ("1 234", "12,5 %", "–" = none). */
export function parseShown(text: string, locale: Locale): number | null {
  const s = text.replace(/[\s\u00a0\u202f%]/g, '').replace(/\u2212/g, '-')
  if (s === '' || s === '–' || s === '-') return null
  const n = Number(locale === 'fr' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, ''))
  if (!Number.isFinite(n)) throw new Error(`"${text}" is not a number`)
  return n
}

interface SeriesNumbers {
  name: string
  reached: (number | null)[]
  eligible: (number | null)[]
  share: (number | null)[]
}

/** The cohort table's column groups and, per group, reached / eligible / % of eligible per step. */
async function readCohortTable(page: Page, locale: Locale): Promise<SeriesNumbers[]> {
  const table = page.locator('[data-testid="cohort-table"]')
  const groups = (await table.locator('thead th[scope="colgroup"]').allTextContents()).map((g) => g.trim())
  const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))
  return groups.map((name, g) => ({
    name,
    reached: cells.map((r) => parseShown(r[g * 4] ?? '', locale)),
    eligible: cells.map((r) => parseShown(r[g * 4 + 1] ?? '', locale)),
    share: cells.map((r) => parseShown(r[g * 4 + 2] ?? '', locale)),
  }))
}

/** The cascade's invariants for one series; returns the problems found. */
function invariants(s: SeriesNumbers): string[] {
  const bad: string[] = []
  const at = (i: number): string => `${s.name} / ${STEPS[i]}`
  for (let i = 0; i < STEPS.length; i++) {
    const r = s.reached[i]
    const e = s.eligible[i]
    if (r === null || e === null) {
      bad.push(`${at(i)}: reached "${r}" eligible "${e}" not shown`)
      continue
    }
    if (r > e) bad.push(`${at(i)}: reached ${r} > eligible ${e}`)
    if (i > 0 && s.eligible[i - 1] !== null && e > s.eligible[i - 1]!) bad.push(`${at(i)}: eligible ${e} > eligible of ${STEPS[i - 1]} ${s.eligible[i - 1]}`)
    const share = s.share[i]
    if (e > 0) {
      const want = Math.round((r / e) * 1000) / 10
      if (share === null || Math.abs(share - want) > 0.051) bad.push(`${at(i)}: % of eligible shown ${share}, ${r}/${e} = ${want}`)
    } else if (share !== null) bad.push(`${at(i)}: % of eligible ${share} with no eligible pair`)
  }
  const le = (a: (typeof STEPS)[number], b: (typeof STEPS)[number]): void => {
    const x = s.reached[row(a)]
    const y = s.reached[row(b)]
    if (x !== null && y !== null && x > y) bad.push(`${s.name}: ${a} reached ${x} > ${b} reached ${y}`)
  }
  le('anc4', 'anc1')
  le('ancFpc', 'anc1')
  le('ppfp', 'facilityDelivery')
  return bad
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes). */
function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = []
  let field = ''
  let cur: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === sep) {
      cur.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      cur.push(field)
      rows.push(cur)
      cur = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || cur.length) {
    cur.push(field)
    rows.push(cur)
  }
  return rows
}

/** Today as the app reads it (local date, src/data/dashboards localToday), in the user's language as formatDay shows it. */
function todayShown(locale: Locale): string {
  const d = new Date()
  const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
}

async function waitCohortTable(page: Page, groups: number, timeout = 180_000): Promise<void> {
  await page
    .waitForFunction((n) => document.querySelectorAll('[data-testid="cohort-table"] thead th[scope="colgroup"]').length === n, groups, { timeout })
    .catch(() => undefined)
  const shown = await page.locator('[data-testid="cohort-table"] thead th[scope="colgroup"]').count()
  const state = ((await page.locator('#dyad-main').textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').slice(0, 300)
  assert(shown === groups, `${shown} column groups in the cohort table, expected ${groups} (page: ${state})`)
}

async function main(env: SuiteEnv): Promise<void> {
  const { base, sandbox } = env
  const app = `${base}/api/apps/dyad/index.html`

  // --- fatoumata (French, district of Gao)
  {
    const user = USERS.find((u) => u.username === 'fatoumata')!
    const L = user.locale
    const me = sandbox.store.user(user.username)
    const ous = sandbox.store.collection('organisationUnits') as unknown as Map<string, { id: string; name: string; level: number; path: string }>
    const district = ous.get(me?.dataViewOrganisationUnits?.[0] ?? me?.organisationUnits[0] ?? '')
    assert(district, 'fatoumata has no org unit')
    const { page, pageErrors, close } = await env.session(user, { viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    await test(`${user.username}: logs in`, () => login(page, base, user.username, user.password))

    let main2025: SeriesNumbers[] = []
    await test(`${user.username}: #/continuum?pe=2025&mode=cohort shows the cohort table, cohort radio checked, the due rule in French`, async () => {
      const t0 = Date.now()
      await page.goto(`${app}#/continuum?pe=2025&mode=cohort`)
      await page.locator('[data-testid="cohort-table"]').waitFor({ timeout: 180_000 })
      console.log(`    cohort table for ${district.name}, 2025 and 2024: ${Date.now() - t0} ms`)
      assert(await page.locator('input[name="continuum-mode"][value="cohort"]').isChecked(), 'the cohort radio is not checked')
      assert(!(await page.locator('input[name="continuum-mode"][value="analytics"]').isChecked()), 'the analytics radio is checked too')
      const rules = ((await page.locator('[data-testid="cohort-rules"]').textContent()) ?? '').replace(/\s+/g, ' ')
      const due = t(L, 'A step counts only for the pairs for whom it is due by {{date}} (the end of the data): a step not yet due is not a drop-off. The change between two steps is measured among the pairs for whom both are due.')
      assert(due.includes('échue'), `no French for the due rule in i18n/fr.po: "${due}"`)
      const want = due.replace('{{date}}', todayShown(L)).replace(/\s+/g, ' ')
      assert(rules.includes(want), `cohort rules: "${rules.slice(0, 400)}"\nexpected to contain "${want}"`)
      const steps = await page.locator('[data-testid="cohort-table"] tbody tr').count()
      assert(steps === 11, `${steps} step rows`)
      await waitCohortTable(page, 2)
      main2025 = await readCohortTable(page, L)
      assert(main2025[0].name.includes(district.name) && main2025[1].name.includes(t(L, 'same period last year')), `column groups ${JSON.stringify(main2025.map((s) => s.name))}`)
      await noAlerts(page)
    })

    await test(`${user.username}: cohort numbers (French format) hold the cascade's invariants in both column groups`, async () => {
      assert(main2025.length === 2, 'no cohort table read')
      const bad = main2025.flatMap(invariants)
      assert(bad.length === 0, bad.join('\n'))
      const cohort = main2025[0].eligible[0]
      assert(cohort !== null && cohort >= 20, `only ${cohort} pairs delivered in 2025 at ${district.name} (the checks above would say little)`)
      // every pair of the cohort is due for ANC1 (due at the delivery): ANC1 eligible = pairs delivered in the period
      const summary = ((await page.locator('[data-testid="cohort-summary"] li').first().textContent()) ?? '').replace(/\s+/g, ' ')
      const label = t(L, 'pairs delivered in the period: {{pairs}}').replace('{{pairs}}', '').trim()
      const m = summary.slice(summary.indexOf(label) + label.length).match(/^\s*([\d\s\u00a0\u202f.,]+)/)
      assert(summary.includes(label) && m, `summary "${summary}"`)
      assert(parseShown(m[1], L) === cohort, `summary says ${m[1]} pairs delivered, ANC1 eligible ${cohort}`)
      console.log(`    ${main2025.map((s) => `${s.name}: reached ${s.reached.join('/')} of eligible ${s.eligible.join('/')}`).join('\n    ')}`)
    })

    await test(`${user.username}: cohort CSV has the header and 11 steps with the table's numbers ("couples de la cohorte"), XLSX downloads`, async () => {
      const csv = await download(page, () => page.getByRole('button', { name: t(L, 'Download CSV') }).click())
      const text = csv.bytes.toString('utf8')
      assert(text.charCodeAt(0) === 0xfeff, 'CSV without BOM')
      const lines = text.slice(1).split('\r\n').filter(Boolean)
      assert(lines.length === 12, `cohort CSV has ${lines.length} lines (header + 11 steps expected)`)
      assert(lines[0].includes(t(L, 'pairs in the cohort')) && t(L, 'pairs in the cohort') === 'couples de la cohorte', `CSV header: ${lines[0]}`)
      const rows = parseCsv(text.slice(1), ';')
      assert(rows[0].length === 2 + 5 * 2, `${rows[0].length} CSV columns (entry point, step, 5 per series × 2)`)
      const num = (s: string): number | null => (s === '' ? null : Number(s.replace(',', '.')))
      for (let g = 0; g < 2; g++) {
        for (let i = 0; i < 11; i++) {
          const r = rows[i + 1]
          const [cohort, reached, eligible] = [num(r[2 + g * 5]), num(r[3 + g * 5]), num(r[4 + g * 5])]
          assert(reached === main2025[g].reached[i] && eligible === main2025[g].eligible[i], `CSV ${STEPS[i]} series ${g + 1}: reached ${reached} eligible ${eligible}, table ${main2025[g].reached[i]} / ${main2025[g].eligible[i]}`)
          assert(cohort === main2025[g].eligible[0], `CSV cohort column ${cohort}, ANC1 eligible ${main2025[g].eligible[0]}`)
        }
      }
      const xlsx = await download(page, () => page.getByRole('button', { name: t(L, 'Download Excel (XLSX)') }).click())
      assert(xlsx.name.endsWith('.xlsx'), `XLSX file name ${xlsx.name}`)
      const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.bytes))['xl/worksheets/sheet1.xml'])
      const xrows = sheet.match(/<row /g)?.length ?? 0
      assert(xrows === 12, `XLSX sheet has ${xrows} rows`)
    })

    await test(`${user.username}: cohort mode has no serious/critical axe violation; screenshot`, async () => {
      await page.screenshot({ path: path.join(shots, 'dashboards-fatoumata-continuum-cohort.png'), fullPage: true })
      // the app frame scrolls inside: the table below the chart gets its own picture
      await page.locator('[data-testid="cohort-table"]').screenshot({ path: path.join(shots, 'dashboards-fatoumata-continuum-cohort-table.png') })
      const v = await axe(page)
      assert(v.length === 0, v.join('\n'))
    })

    await test(`${user.username}: from the event counts, the cohort radio adds mode=cohort to the URL and the cohort table appears`, async () => {
      await page.goto('about:blank')
      await page.goto(`${app}#/continuum?pe=LAST_12_MONTHS`)
      await page.locator('.dyad-continuum table.dyad-table tbody tr').first().waitFor({ timeout: 60_000 })
      assert(await page.locator('input[name="continuum-mode"][value="analytics"]').isChecked(), 'the event counts are not the default mode')
      assert((await page.locator('[data-testid="cohort-table"]').count()) === 0, 'a cohort table in analytics mode')
      // the progress may show only for a moment: a mutation observer notes it
      await page.evaluate(() => {
        const w = window as unknown as { __progressSeen?: string }
        new MutationObserver(() => {
          const p = document.querySelector('[data-testid="cohort-progress"]')
          if (p && !w.__progressSeen) w.__progressSeen = (p.textContent ?? '').replace(/\s+/g, ' ').trim() || '(empty)'
        }).observe(document.body, { childList: true, subtree: true, characterData: true })
      })
      await page.locator('input[name="continuum-mode"][value="cohort"]').check()
      await page.waitForFunction(() => /[?&]mode=cohort(&|$)/.test(window.location.hash), undefined, { timeout: 10_000 }).catch(() => undefined)
      const hash = await page.evaluate(() => window.location.hash)
      assert(/[?&]mode=cohort(&|$)/.test(hash) && /[?&]pe=LAST_12_MONTHS(&|$)/.test(hash), `URL hash ${hash}`)
      await page.locator('[data-testid="cohort-table"]').waitFor({ timeout: 180_000 })
      const progressSeen = await page.evaluate(() => (window as unknown as { __progressSeen?: string }).__progressSeen ?? 'not seen')
      await waitCohortTable(page, 2)
      const s = await readCohortTable(page, L)
      const bad = s.flatMap(invariants)
      assert(bad.length === 0, bad.join('\n'))
      console.log(`    progress: ${progressSeen}; last 12 months: eligible ${s[0].eligible.join('/')}`)
      await noAlerts(page)
    })

    await test(`${user.username}: cohort compared with a facility of the district (org-unit picker): two column groups, the facility within the district's numbers`, async () => {
      await page.locator(`select[aria-label="${t(L, 'Compare with')}"]`).selectOption('orgUnit')
      await page.getByRole('button', { name: t(L, 'Choose an organisation unit') }).click()
      await page.locator('.dyad-tree-panel button.dyad-tree-toggle').first().click()
      const labels = page.locator('.dyad-tree-panel button.dyad-tree-label')
      await page.waitForFunction(() => document.querySelectorAll('.dyad-tree-panel button.dyad-tree-label').length > 1, undefined, { timeout: 30_000 })
      // the facility of the district with the most enrollments in the sandbox (a comparison with an empty clinic says little)
      const count = new Map<string, number>()
      for (const { en } of sandbox.store.enrollments.values()) if (!en.deleted) count.set(en.orgUnit, (count.get(en.orgUnit) ?? 0) + 1)
      const below = [...ous.values()].filter((o) => o.path === `${district.path}/${o.id}`).sort((a, b) => (count.get(b.id) ?? 0) - (count.get(a.id) ?? 0))
      const facility = below[0]?.name ?? ''
      assert(facility, `no unit below ${district.name}`)
      const shown = (await labels.allTextContents()).map((x) => x.trim())
      const at = shown.indexOf(facility)
      assert(at > 0, `${facility} is not in the tree: ${shown.join(' | ')}`)
      await labels.nth(at).click()
      await waitCohortTable(page, 2)
      await page.waitForFunction((f) => (document.querySelectorAll('[data-testid="cohort-table"] thead th[scope="colgroup"]')[1]?.textContent ?? '').includes(f), facility, { timeout: 180_000 }).catch(() => undefined)
      const s = await readCohortTable(page, L)
      assert(s[0].name.includes(district.name) && s[1].name.includes(facility), `column groups ${JSON.stringify(s.map((x) => x.name))}`)
      const bad = s.flatMap(invariants)
      for (let i = 0; i < STEPS.length; i++) {
        if ((s[1].eligible[i] ?? 0) > (s[0].eligible[i] ?? 0)) bad.push(`${STEPS[i]}: ${facility} eligible ${s[1].eligible[i]} > ${district.name} ${s[0].eligible[i]}`)
        if ((s[1].reached[i] ?? 0) > (s[0].reached[i] ?? 0)) bad.push(`${STEPS[i]}: ${facility} reached ${s[1].reached[i]} > ${district.name} ${s[0].reached[i]}`)
      }
      assert(bad.length === 0, bad.join('\n'))
      assert((s[1].eligible[0] ?? 0) > 0, `${facility} has no pair in the cohort`)
      await noAlerts(page)
      await page.screenshot({ path: path.join(shots, 'dashboards-fatoumata-continuum-cohort-compare.png'), fullPage: true })
      console.log(`    ${facility}: eligible ${s[1].eligible.join('/')}`)
    })

    await test(`${user.username}: no uncaught script error`, async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'))
    })
    await close()
  }

  // --- admin (English, national): cohort refused with the reason
  {
    const user = USERS.find((u) => u.username === 'admin')!
    const L = user.locale
    const { page, pageErrors, close } = await env.session(user, { viewport: { width: 1280, height: 900 } })
    await test(`${user.username}: logs in`, () => login(page, base, user.username, user.password))
    await test(`${user.username}: national level: the cohort radio is disabled and the reason is shown`, async () => {
      await page.goto(`${app}#/continuum?pe=2025&mode=cohort`)
      await page.locator('.dyad-continuum table.dyad-table tbody tr').first().waitFor({ timeout: 60_000 })
      const cohort = page.locator('input[name="continuum-mode"][value="cohort"]')
      assert(await cohort.isDisabled(), 'the cohort radio is enabled at national level')
      assert(!(await cohort.isChecked()), 'the cohort radio is checked at national level')
      assert(await page.locator('input[name="continuum-mode"][value="analytics"]').isChecked(), 'the event counts are not shown')
      const reason = t(L, 'Choose a district or a lower level to compute from the records.')
      assert(await page.getByText(reason, { exact: true }).isVisible(), `"${reason}" is not visible`)
      assert((await page.locator('[data-testid="cohort-table"]').count()) === 0, 'a cohort table at national level')
      await noAlerts(page)
    })
    await test(`${user.username}: no uncaught script error`, async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'))
    })
    await close()
  }
}

// 8 000 pairs (about 30 deliveries a year in Gao; 2 000 give 7): the cohort of one district needs enough pairs for its checks to say something.
runSuite('e2e continuum cohort', () => withSuiteEnv({ label: 'e2e continuum cohort', pairs: 8000 }, main))
