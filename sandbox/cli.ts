/**
 * npm run sandbox -- --dhis2-version 2.41 --pairs 20000 --port 8080 [--seed 1] [--data-dir sandbox/data]
 *                    [--serve-app build/app] [--host 127.0.0.1] [--metadata <file>|none] [--reset]
 * npm run sandbox:reset   (deletes the write logs: the next start is back to the seed)
 */
import { resolve } from 'node:path'
import type { Dhis2Version } from './model'
import { resetWrites } from './store/log'
import { startSandbox } from './server'

const VERSIONS: Dhis2Version[] = ['2.40', '2.41', '2.42']

function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith('--')) throw new Error(`Unexpected argument: ${a}`)
    const [k, inline] = a.slice(2).split('=', 2)
    if (inline !== undefined) out[k] = inline
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i]
    else out[k] = true
  }
  return out
}

function num(v: string | true | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback
  const n = Number(v)
  if (v === true || !Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`)
  return n
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const known = new Set(['dhis2-version', 'pairs', 'port', 'seed', 'data-dir', 'serve-app', 'host', 'metadata', 'reset', 'reset-only', 'today', 'no-warm', 'help'])
  for (const k of Object.keys(args)) if (!known.has(k)) throw new Error(`Unknown option --${k}`)
  if (args.help) {
    console.log('npm run sandbox -- --dhis2-version 2.40|2.41|2.42 --pairs N --port 8080 [--seed 1] [--data-dir sandbox/data] [--serve-app build/app] [--host 127.0.0.1] [--metadata file|none] [--reset]')
    return
  }
  const dataDir = resolve(typeof args['data-dir'] === 'string' ? args['data-dir'] : 'sandbox/data')
  if (args['reset-only'] || args.reset) {
    const removed = resetWrites(dataDir)
    console.log(`[sandbox] reset: ${removed.length ? `removed ${removed.join(', ')}` : 'no writes to remove'} in ${dataDir} (seed cache kept)`)
    if (args['reset-only']) return
  }
  const version = (typeof args['dhis2-version'] === 'string' ? args['dhis2-version'] : '2.41') as Dhis2Version
  if (!VERSIONS.includes(version)) throw new Error(`--dhis2-version must be one of ${VERSIONS.join(', ')}`)
  const metadata = args.metadata === 'none' ? false : typeof args.metadata === 'string' ? resolve(args.metadata) : undefined
  const sandbox = await startSandbox({
    version,
    pairs: num(args.pairs, 'pairs', 20000),
    seed: num(args.seed, 'seed', 1),
    port: num(args.port, 'port', 8080),
    host: typeof args.host === 'string' ? args.host : '127.0.0.1',
    dataDir,
    serveApp: typeof args['serve-app'] === 'string' ? resolve(args['serve-app']) : undefined,
    metadataBundle: metadata,
    today: typeof args.today === 'string' ? args.today : undefined,
    warm: !args['no-warm'],
  })
  const stop = () => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: Error) => {
  console.error(`[sandbox] ${e.message}`)
  process.exit(1)
})
