/**
 * `npm test`: the whole test suite, in order, then ONE closing line `N passed, N failed`.
 *   1. i18n extract + generate (so the French-completeness test sees new strings),
 *   2. jest through `d2-app-scripts test` with TZ=Etc/UTC: unit, contract, metadata, cross-check, i18n,
 *   3. the browser end-to-end suites (build once, then tests/e2e/run.ts and every tests/e2e/*.test.ts,
 *      each against its own in-process sandbox in Chromium).
 * Exits non-zero when anything failed. Options: `--no-e2e`, `--e2e-only`, `--jest <pathRegex>`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const args = process.argv.slice(2)
const noE2e = args.includes('--no-e2e')
const e2eOnly = args.includes('--e2e-only')
const jestIdx = args.indexOf('--jest')
const jestPattern = jestIdx >= 0 ? args[jestIdx + 1] : undefined

const tmp = mkdtempSync(path.join(tmpdir(), 'dyad-test-'))
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name)

function run(cmd: string, cmdArgs: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.error) console.error(r.error)
  return r.status ?? 1
}

function readCounts(file: string): { passed: number; failed: number } | undefined {
  if (!existsSync(file)) return undefined
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as { passed?: number; failed?: number }
    return { passed: Number(c.passed ?? 0), failed: Number(c.failed ?? 0) }
  } catch {
    return undefined
  }
}

let passed = 0
let failed = 0

if (!e2eOnly) {
  const i18n = run(bin('d2-app-scripts'), ['i18n', 'extract']) || run(bin('d2-app-scripts'), ['i18n', 'generate'])
  if (i18n !== 0) {
    console.error('i18n extract/generate failed')
    failed += 1
  }
  const countsFile = path.join(tmp, 'jest.json')
  const code = run(bin('d2-app-scripts'), ['test', ...(jestPattern ? [jestPattern] : [])], { TZ: 'Etc/UTC', CI: 'true', DYAD_TEST_COUNTS: countsFile })
  const c = readCounts(countsFile)
  if (c) {
    passed += c.passed
    failed += c.failed
    if (code !== 0 && c.failed === 0) failed += 1 // jest failed without a failing test (config error, open handles…)
  } else {
    console.error('jest did not report its counts')
    failed += 1
  }
}

if (!noE2e && !jestPattern) {
  // The browser suites: tests/e2e/run.ts (every page, both users) and each tests/e2e/*.test.ts
  // script (a page's own flows). The app is built once here; each suite starts its own sandbox.
  const suites = [path.join('tests', 'e2e', 'run.ts'), ...readdirSync(path.join(root, 'tests', 'e2e')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => path.join('tests', 'e2e', f))]
  const build = run(bin('d2-app-scripts'), ['build'])
  if (build !== 0) {
    console.error('d2-app-scripts build failed: the browser suites cannot run')
    failed += 1
  } else {
    for (const suite of suites) {
      console.log(`\n=== e2e: ${suite}`)
      const countsFile = path.join(tmp, `e2e-${path.basename(suite)}.json`)
      const code = run(bin('tsx'), [suite], { DYAD_TEST_COUNTS: countsFile, DYAD_E2E_SKIP_BUILD: '1' })
      const c = readCounts(countsFile)
      if (c) {
        passed += c.passed
        failed += c.failed
        if (code !== 0 && c.failed === 0) failed += 1
      } else {
        console.error(`${suite} did not report its counts`)
        failed += 1
      }
    }
  }
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
