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
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parsePo } from '../../scripts/po'
import { assert, axe, fr, login, root, runSuite, shots, t, USERS, test, withSuiteEnv, type SuiteEnv } from './harness'

const en = new Set(parsePo(readFileSync(path.join(root, 'i18n', 'en.pot'), 'utf8')).map((e) => e.msgid))

async function main(env: SuiteEnv): Promise<void> {
  const { base } = env
  for (const user of USERS) {
    const { page, pageErrors, close } = await env.session(user, { viewport: { width: 1280, height: 800 } })
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
    await close()
  }
}

runSuite('e2e', () => withSuiteEnv({ label: 'e2e', pairs: 400 }, main))
