import { readFileSync } from 'node:fs'
import path from 'node:path'
import { writeBundle } from './build'
import { writeDocs } from './docs'
import { existsSync, readdirSync } from 'node:fs'
import { DIST } from './build'
import { InstallError, diff, formatDiff, install, type ServerOptions } from './install'
import { formatFinding, validateMetadata, type Dhis2Version, type Finding } from './validate'

export interface ParsedArgs {
  positional: string[]
  flags: Record<string, string | true>
}

export function parseArgs(args: string[]): ParsedArgs {
  const positional: string[] = []
  const flags: Record<string, string | true> = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1)
      else if (i + 1 < args.length && !args[i + 1].startsWith('--')) flags[a.slice(2)] = args[++i]
      else flags[a.slice(2)] = true
    } else positional.push(a)
  }
  return { positional, flags }
}

const list = (v: string | true | undefined): string[] => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])

function summarize(findings: Finding[]): string {
  const by = new Map<string, number>()
  for (const f of findings) by.set(`${f.rule}`, (by.get(f.rule) ?? 0) + 1)
  return [...by.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')
}

export async function main(args: string[]): Promise<number> {
  const [cmd, ...rest] = args
  const { positional, flags } = parseArgs(rest)
  switch (cmd) {
    case 'build': {
      const r = writeBundle()
      console.log(`wrote ${path.relative(process.cwd(), r.file)} (${r.bytes} bytes)`)
      for (const [k, n] of Object.entries(r.counts)) console.log(`  ${k.padEnd(28)} ${n}`)
      return 0
    }
    case 'docs': {
      const files = writeDocs()
      for (const f of files) console.log(`wrote ${path.relative(process.cwd(), f)}`)
      return 0
    }
    case 'validate': {
      if (positional.length === 0) {
        console.error('usage: validate <file.json>… [--version 2.40|2.41|2.42] [--expect-on-server trackedEntityTypes,users] [--require-locale fr] [--strict] [--json] [--max 200]')
        return 2
      }
      const version = (typeof flags.version === 'string' ? flags.version : '2.40') as Dhis2Version
      if (!['2.40', '2.41', '2.42'].includes(version)) {
        console.error(`unsupported --version ${version} (2.40, 2.41 or 2.42)`)
        return 2
      }
      const max = typeof flags.max === 'string' ? Number(flags.max) : 200
      let failed = false
      const results: unknown[] = []
      for (const file of positional) {
        let json: unknown
        try {
          json = JSON.parse(readFileSync(file, 'utf8'))
        } catch (e) {
          console.error(`${file}: cannot read JSON (${e instanceof Error ? e.message : String(e)})`)
          failed = true
          continue
        }
        const r = validateMetadata(json, {
          version,
          expectOnServer: list(flags['expect-on-server']),
          requireLocales: list(flags['require-locale']),
          strict: flags.strict === true,
        })
        if (r.errors.length) failed = true
        if (flags.json) {
          results.push({ file, ...r })
          continue
        }
        const objects = Object.values(r.counts).reduce((a, b) => a + b, 0)
        console.log(`${file}: ${objects} objects in ${Object.keys(r.counts).length} collections, ${r.expressionsParsed} expressions parsed, ${r.referencesChecked} references checked in ${Math.round(r.ms)} ms (DHIS2 ${version})`)
        for (const f of r.errors.slice(0, max)) console.log(`  ${formatFinding(f)}`)
        if (r.errors.length > max) console.log(`  … ${r.errors.length - max} more errors`)
        for (const f of r.warnings.slice(0, flags.quiet ? 0 : max)) console.log(`  ${formatFinding(f)}`)
        if (!flags.quiet && r.warnings.length > max) console.log(`  … ${r.warnings.length - max} more warnings`)
        console.log(`  ${r.errors.length} errors${r.errors.length ? ` (${summarize(r.errors)})` : ''}, ${r.warnings.length} warnings${r.warnings.length ? ` (${summarize(r.warnings)})` : ''}`)
      }
      if (flags.json) console.log(JSON.stringify(results, null, 1))
      return failed ? 1 : 0
    }
    case 'install':
    case 'diff': {
      const server = serverOptions(flags)
      if (typeof server === 'string') {
        console.error(server)
        return 2
      }
      const file = typeof flags.file === 'string' ? flags.file : newestBundle()
      if (!file) {
        console.error('no bundle: run `npm run metadata -- build` or pass --file <bundle.json>')
        return 2
      }
      try {
        if (cmd === 'diff') {
          console.log(formatDiff(await diff(server, JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)))
          return 0
        }
        const r = await install(server, file, { dryRunOnly: flags['dry-run'] === true })
        return r.ok ? 0 : 1
      } catch (e) {
        if (e instanceof InstallError) {
          console.error(e.message)
          return 1
        }
        throw e
      }
    }
    default:
      console.error(`unknown command ${cmd ?? ''}; use build | validate | docs | diff | install`)
      return 2
  }
}

function serverOptions(flags: Record<string, string | true>): ServerOptions | string {
  const url = flags.url
  const user = flags.user
  const password = process.env.DHIS2_PASSWORD
  if (typeof url !== 'string' || typeof user !== 'string') return 'usage: install|diff --url <https://dhis2.example.org> --user <username> [--file bundle.json] [--dry-run]; password in the environment variable DHIS2_PASSWORD'
  if (!password) return 'set the password in the environment variable DHIS2_PASSWORD (it is never read from the command line)'
  return { url, user, password }
}

/** Newest metadata/dist/dyad-metadata-<version>.json. */
export function newestBundle(dir = DIST): string | undefined {
  if (!existsSync(dir)) return undefined
  const files = readdirSync(dir).filter((f) => /^dyad-metadata-\d+\.\d+\.\d+.*\.json$/.test(f))
  const key = (f: string): number[] => (/(\d+)\.(\d+)\.(\d+)/.exec(f)?.slice(1).map(Number) ?? [0, 0, 0])
  files.sort((a, b) => {
    const x = key(a)
    const y = key(b)
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  })
  return files.length ? path.join(dir, files[files.length - 1]) : undefined
}
