/**
 * `npm run build`: `d2-app-scripts build`, then adds CHANGELOG.md (read by the App Hub) and the
 * LICENSE to build/app and re-packs build/bundle/dyad-<version>.zip (manifest.webapp, 48×48 icon).
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const d2 = path.join(root, 'node_modules/.bin/d2-app-scripts')
const run = (args: string[]): void => {
  const r = spawnSync(d2, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

run(['build', ...process.argv.slice(2)])
for (const f of ['CHANGELOG.md', 'LICENSE']) copyFileSync(path.join(root, f), path.join(root, 'build/app', f))
run(['pack', 'build/app', '--destination', 'build/bundle'])
