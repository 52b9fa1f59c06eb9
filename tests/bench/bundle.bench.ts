/**
 * App size (DESIGN §6): first-load app JavaScript, gzip, WITHOUT the DHIS2 app shell, ≤ 350 kB.
 * From build/app (built first when missing): the shell is everything index.html loads statically
 * (entry script + modulepreloads and their static imports: React, app-runtime, header bar); the
 * app's first load is the App entry chunk (the shell loads it lazily) and its static imports not
 * already in the shell. Lazily imported pages are not first-load. Also reports the shell, the
 * largest lazy chunk and the App Hub zip.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BenchFigure } from './types'

const root = path.resolve(__dirname, '../..')
const appDir = path.join(root, 'build/app')
const assets = path.join(appDir, 'assets')

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g
const DYNAMIC_IMPORT = /import\(\s*["'](\.\/[^"']+\.js)["']\s*\)/g

const read = (f: string): string => readFileSync(path.join(assets, f), 'utf8')
const gz = (f: string): number => gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length

function closure(starts: string[]): Set<string> {
  const seen = new Set<string>()
  const todo = [...starts]
  while (todo.length) {
    const f = todo.pop() as string
    if (seen.has(f) || !existsSync(path.join(assets, f))) continue
    seen.add(f)
    for (const m of read(f).matchAll(STATIC_IMPORT)) todo.push(path.basename(m[1]))
  }
  return seen
}

const kB = (bytes: number): number => Math.round(bytes / 100) / 10

export default async function bundleBench(): Promise<BenchFigure[]> {
  if (!existsSync(path.join(appDir, 'index.html'))) {
    const b = spawnSync(path.join(root, 'node_modules/.bin/d2-app-scripts'), ['build'], { cwd: root, stdio: 'ignore' })
    if (b.status !== 0) throw new Error('d2-app-scripts build failed')
  }
  const html = readFileSync(path.join(appDir, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1])
  const shell = closure(entries)
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'))
  const appEntry = js.find((f) => /^App-[\w-]+\.js$/.test(f))
  if (!appEntry) throw new Error('no App-*.js chunk in build/app/assets')
  const app = [...closure([appEntry])].filter((f) => !shell.has(f))
  const appGz = app.reduce((n, f) => n + gz(f), 0)
  const shellGz = [...shell].reduce((n, f) => n + gz(f), 0)
  const lazy = new Set<string>()
  for (const f of [...shell, ...app]) for (const m of read(f).matchAll(DYNAMIC_IMPORT)) lazy.add(path.basename(m[1]))
  const lazyOnly = [...lazy].filter((f) => !shell.has(f) && !app.includes(f) && existsSync(path.join(assets, f)))
  const largestLazy = lazyOnly.map((f) => ({ f, n: gz(f) })).sort((a, b) => b.n - a.n)[0]
  const bundleDir = path.join(root, 'build/bundle')
  const zip = existsSync(bundleDir) ? readdirSync(bundleDir).find((f) => f.endsWith('.zip')) : undefined
  const figures: BenchFigure[] = [
    { name: 'app first-load JS (gzip, without app shell)', value: kB(appGz), unit: 'kB', budget: { max: 350 }, note: `${app.length} chunk(s): ${app.join(', ')}` },
    { name: 'DHIS2 app shell JS (gzip, for reference)', value: kB(shellGz), unit: 'kB', note: `${shell.size} chunk(s)` },
  ]
  if (largestLazy) figures.push({ name: 'largest lazy chunk (gzip)', value: kB(largestLazy.n), unit: 'kB', note: largestLazy.f })
  if (zip) figures.push({ name: 'App Hub zip', value: kB(statSync(path.join(bundleDir, zip)).size), unit: 'kB', note: zip })
  return figures
}
