/**
 * The seed: the generator's deterministic output for (seed, pairs, today), cached on disk as
 * NDJSON keyed by (seed, pairs, today, generator version) so restarts skip generation. The
 * generator version is a hash of the generator's own sources and the vocabulary it reads, so a
 * change to either invalidates the cache by itself.
 */
import { createHash } from 'node:crypto'
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEFAULT_TODAY, generate } from '../generator'
import type { GeneratedData } from '../model'

const ROOT = resolve(__dirname, '..', '..')

/** Hash of every source file the generated data depends on. */
export function generatorVersion(): string {
  const h = createHash('sha256')
  const files: string[] = []
  const genDir = join(ROOT, 'sandbox', 'generator')
  for (const f of readdirSync(genDir).sort()) if (f.endsWith('.ts') && !f.endsWith('.test.ts')) files.push(join(genDir, f))
  files.push(join(ROOT, 'sandbox', 'model.ts'), join(ROOT, 'metadata', 'src', 'vocabulary.ts'), join(ROOT, 'metadata', 'src', 'uid.ts'))
  for (const f of files) if (existsSync(f)) h.update(f.slice(ROOT.length)).update(readFileSync(f))
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

type Line =
  | ['orgUnits', GeneratedData['orgUnits']]
  | ['orgUnitLevels', GeneratedData['orgUnitLevels']]
  | ['orgUnitGroups', GeneratedData['orgUnitGroups']]
  | ['orgUnitGroupSets', GeneratedData['orgUnitGroupSets']]
  | ['users', GeneratedData['users']]
  | ['problems', NonNullable<GeneratedData['problems']>]
  | ['te', GeneratedData['trackedEntities'][number]]
  | ['rel', GeneratedData['relationships'][number]]
  | ['dv', GeneratedData['dataValues'][number]]
  | ['cr', GeneratedData['completeRegistrations'][number]]
  | ['end', { count: number }]

function readCache(file: string): GeneratedData | null {
  const text = readFileSync(file, 'utf8')
  const data: GeneratedData = { orgUnits: [], orgUnitLevels: [], orgUnitGroups: [], orgUnitGroupSets: [], trackedEntities: [], relationships: [], dataValues: [], completeRegistrations: [], users: [], problems: [] }
  let ended = false
  let count = 0
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    if (end > start) {
      const [kind, value] = JSON.parse(text.slice(start, end)) as Line
      count++
      switch (kind) {
        case 'te': data.trackedEntities.push(value); break
        case 'rel': data.relationships.push(value); break
        case 'dv': data.dataValues.push(value); break
        case 'cr': data.completeRegistrations.push(value); break
        case 'end': ended = value.count === count - 1; break
        default: (data as unknown as Record<string, unknown>)[kind] = value
      }
    }
    start = end + 1
  }
  return ended ? data : null
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
    put(['orgUnits', data.orgUnits])
    put(['orgUnitLevels', data.orgUnitLevels])
    put(['orgUnitGroups', data.orgUnitGroups])
    put(['orgUnitGroupSets', data.orgUnitGroupSets])
    put(['users', data.users])
    put(['problems', data.problems ?? []])
    for (const te of data.trackedEntities) put(['te', te])
    for (const r of data.relationships) put(['rel', r])
    for (const d of data.dataValues) put(['dv', d])
    for (const c of data.completeRegistrations) put(['cr', c])
    lines.push(JSON.stringify(['end', { count }]))
    out.end(lines.join('\n') + '\n', () => {
      renameSync(tmp, file)
      resolvePromise()
    })
  })
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
  const cacheWritten = cacheFile ? writeCache(cacheFile, data).catch((e: Error) => log(`could not write seed cache: ${e.message}`)) : Promise.resolve()
  return { data, fromCache: false, ms, cacheFile, cacheWritten }
}
