/**
 * The seed: the generator's deterministic output for (seed, pairs, today), cached on disk as
 * NDJSON keyed by (seed, pairs, today, generator version) so restarts skip generation. The
 * generator version is a hash of every input of the generator — each module it reaches through
 * its imports (generator sources, metadata/src/vocabulary, aggregate, uid…, found by following
 * the imports, so a new one is covered by itself), the WHO tables it reads, and this file (the
 * cache format) — so a change to any of them invalidates the cache.
 */
import { createHash } from 'node:crypto'
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { DEFAULT_TODAY, generate } from '../generator'
import { GROWTH_TABLE_FILES } from '../generator/growth'
import type { GeneratedData } from '../model'

const ROOT = resolve(__dirname, '..', '..')
const GENERATOR_ENTRY = join(ROOT, 'sandbox', 'generator', 'index.ts')

/**
 * Relative module specifiers a TypeScript source loads at run time: `import … from`, `export … from`,
 * side-effect `import '…'`, dynamic `import('…')` and `require('…')`. Type-only imports and exports
 * (`import type`, `export type`) are left out: they cannot change what the code generates.
 */
export function runtimeImports(source: string): string[] {
  const out: string[] = []
  // comments out (JSDoc blocks and whole-line comments: a mid-line '/*' may sit in a string)
  const text = source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '')
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) if (!m[2]) out.push(m[3])
  for (const m of text.matchAll(/\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) out.push(m[1])
  for (const m of text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1])
  return [...new Set(out.filter((s) => s.startsWith('.')))]
}

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec)
  for (const f of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(f) && statSync(f).isFile()) return f
  return undefined
}

/** Every file the generated data depends on: the modules reached from the generator, its data files, the cache format. */
export function generatorInputs(entry: string = GENERATOR_ENTRY): string[] {
  const seen = new Set<string>()
  const queue = [entry]
  while (queue.length) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      const next = resolveModule(file, spec)
      if (!next) throw new Error(`seed cache key: cannot resolve ${spec} imported by ${file}`)
      queue.push(next)
    }
  }
  return [...seen].sort().concat(GROWTH_TABLE_FILES, __filename)
}

/** Hash of every input of the generator (see generatorInputs); `read` is for tests. */
export function generatorVersion(read: (file: string) => Buffer | string = (f) => readFileSync(f)): string {
  const h = createHash('sha256')
  for (const f of generatorInputs()) {
    h.update(f.startsWith(ROOT) ? f.slice(ROOT.length) : f).update('\0')
    h.update(existsSync(f) ? read(f) : '(missing)').update('\0')
  }
  return h.digest('hex').slice(0, 12)
}

export interface SeedOptions {
  seed: number
  pairs: number
  today?: string
  /** Folder for the cache; no caching when undefined. */
  cacheDir?: string
  log?: (msg: string) => void
}

export interface SeedResult {
  data: GeneratedData
  fromCache: boolean
  ms: number
  cacheFile?: string
  /** Resolves when the cache file has been written (immediately when read from cache). */
  cacheWritten: Promise<void>
}

/** The large arrays, one NDJSON line per element; every other field of GeneratedData is one `field` line. */
const ROWS = { te: 'trackedEntities', rel: 'relationships', dv: 'dataValues', cr: 'completeRegistrations' } as const satisfies Record<string, keyof GeneratedData>
type RowKind = keyof typeof ROWS
const ROW_FIELDS = new Set<string>(Object.values(ROWS))

type Line = ['field', string, unknown] | [RowKind, unknown] | ['end', { count: number }]

function readCache(file: string): GeneratedData | null {
  const text = readFileSync(file, 'utf8')
  const data: Record<string, unknown> = {}
  const rows: Record<RowKind, unknown[]> = { te: [], rel: [], dv: [], cr: [] }
  for (const [kind, field] of Object.entries(ROWS)) data[field] = rows[kind as RowKind]
  let ended = false
  let count = 0
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    if (end > start) {
      const line = JSON.parse(text.slice(start, end)) as Line
      count++
      if (line[0] === 'field') data[line[1]] = line[2]
      else if (line[0] === 'end') ended = line[1].count === count - 1
      else if (line[0] in rows) rows[line[0]].push(line[1])
      else return null // a line this version does not write
    }
    start = end + 1
  }
  return ended ? (data as unknown as GeneratedData) : null
}

function writeCache(file: string, data: GeneratedData): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(tmp, { encoding: 'utf8' })
    out.on('error', reject)
    let count = 0
    const lines: string[] = []
    const put = (line: Line) => {
      lines.push(JSON.stringify(line))
      count++
      if (lines.length >= 2000) out.write(lines.splice(0).join('\n') + '\n')
    }
    // every field, present or added later (problems, aggregateProblems…), without listing them here
    for (const [field, value] of Object.entries(data)) if (!ROW_FIELDS.has(field) && value !== undefined) put(['field', field, value])
    for (const [kind, field] of Object.entries(ROWS) as [RowKind, (typeof ROWS)[RowKind]][]) for (const row of data[field]) put([kind, row])
    lines.push(JSON.stringify(['end', { count }]))
    out.end(lines.join('\n') + '\n', () => {
      renameSync(tmp, file)
      resolvePromise()
    })
  })
}

/** Deletes the caches of the same (seed, pairs, today) made by other generator versions (hundreds of MB at 10⁵ pairs). */
function removeOtherVersions(file: string, log: (msg: string) => void): void {
  const dir = dirname(file)
  const name = basename(file)
  const prefix = name.slice(0, name.lastIndexOf('-g') + 2)
  for (const f of readdirSync(dir)) {
    if (f === name || !f.startsWith(prefix) || !/^[0-9a-f]+\.ndjson$/.test(f.slice(prefix.length))) continue
    try {
      unlinkSync(join(dir, f))
      log(`removed stale seed cache ${f}`)
    } catch {
      // another sandbox may have removed it already
    }
  }
}

export function loadSeed(options: SeedOptions): SeedResult {
  const today = options.today ?? DEFAULT_TODAY
  const log = options.log ?? (() => undefined)
  const t0 = performance.now()
  let cacheFile: string | undefined
  if (options.cacheDir) {
    mkdirSync(options.cacheDir, { recursive: true })
    cacheFile = join(options.cacheDir, `seed-${options.seed}-${options.pairs}-${today}-g${generatorVersion()}.ndjson`)
    if (existsSync(cacheFile) && statSync(cacheFile).size > 0) {
      try {
        const data = readCache(cacheFile)
        if (data) return { data, fromCache: true, ms: performance.now() - t0, cacheFile, cacheWritten: Promise.resolve() }
        log(`seed cache ${cacheFile} is incomplete; regenerating`)
      } catch (e) {
        log(`seed cache ${cacheFile} unreadable (${(e as Error).message}); regenerating`)
      }
    }
  }
  const data = generate({ seed: options.seed, pairs: options.pairs, today })
  const ms = performance.now() - t0
  const cacheWritten = cacheFile
    ? writeCache(cacheFile, data)
        .then(() => removeOtherVersions(cacheFile as string, log))
        .catch((e: Error) => log(`could not write seed cache: ${e.message}`))
    : Promise.resolve()
  return { data, fromCache: false, ms, cacheFile, cacheWritten }
}
