/** @jest-environment node */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, resolve } from 'node:path'
import { generatorInputs, generatorVersion, loadSeed, runtimeImports } from './seed'

const ROOT = resolve(__dirname, '..', '..')
const rel = (f: string): string => relative(ROOT, f)

describe('seed cache key', () => {
  const inputs = generatorInputs()

  it('covers every module the generator loads, its data files and the cache format', () => {
    const files = inputs.map(rel)
    for (const f of [
      'sandbox/generator/index.ts',
      'sandbox/generator/aggregate.ts',
      'sandbox/generator/datasetSpec.ts',
      'sandbox/generator/tracker.ts',
      'sandbox/generator/orgunits.ts',
      'sandbox/generator/growth.ts',
      'sandbox/generator/names.ts',
      'sandbox/generator/prng.ts',
      'sandbox/generator/dates.ts',
      'sandbox/generator/users.ts',
      'metadata/src/vocabulary.ts',
      'metadata/src/aggregate.ts',
      'metadata/src/uid.ts',
      'sandbox/store/seed.ts',
    ])
      expect(files).toContain(f)
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(4)
    // tests are not inputs
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false)
  })

  it('knows every file the generator reads from disk', () => {
    // A generator module that reads a data file must list it in the key (as growth.ts does with GROWTH_TABLE_FILES).
    const readers = inputs.filter((f) => f.endsWith('.ts') && /\b(readFileSync|readdirSync|createReadStream|readFile)\b/.test(readFileSync(f, 'utf8'))).map(rel)
    expect(readers.sort()).toEqual(['sandbox/generator/growth.ts', 'sandbox/store/seed.ts'])
  })

  it('changes when any single input changes, and only then', () => {
    const base = generatorVersion()
    expect(generatorVersion()).toBe(base)
    expect(base).toMatch(/^[0-9a-f]{12}$/)
    const seen = new Set([base])
    for (const target of inputs) {
      const v = generatorVersion((f) => (f === target ? Buffer.concat([readFileSync(f), Buffer.from('\n// changed\n')]) : readFileSync(f)))
      expect({ file: rel(target), changed: v !== base }).toEqual({ file: rel(target), changed: true })
      seen.add(v)
    }
    expect(seen.size).toBe(inputs.length + 1)
  })

  it('reads run-time imports only', () => {
    const src = [
      "import type { A } from './a'",
      "import { b, type C } from './b'",
      "export type { D } from './d'",
      "export { e } from './e'",
      "export * from './f'",
      "import './g'",
      "const h = require('./h')",
      "const i = await import('./i')",
      "import {",
      '  j,',
      '  k,',
      "} from '../j'",
      "import { readFileSync } from 'node:fs'",
      "// import { z } from './commented'",
      "/** see import { y } from './doc' */",
    ].join('\n')
    expect(runtimeImports(src).sort()).toEqual(['../j', './b', './e', './f', './g', './h', './i'])
  })
})

describe('seed cache round trip', () => {
  // The aggregate reports (~780 000 data values whatever the number of pairs) make each generation
  // take seconds: one generation and one read for the round trip, one regeneration for the torn file.
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dyad-seed-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let first: ReturnType<typeof loadSeed>

  it('gives back every field of the generated data, planted problems included', async () => {
    first = loadSeed({ seed: 11, pairs: 300, cacheDir: dir })
    expect(first.fromCache).toBe(false)
    await first.cacheWritten
    expect(first.cacheFile && existsSync(first.cacheFile)).toBe(true)
    const keys = Object.keys(first.data).sort()
    expect(keys).toEqual(expect.arrayContaining(['aggregateProblems', 'problems', 'trackedEntities', 'relationships', 'dataValues', 'completeRegistrations', 'users', 'orgUnits']))
    for (const k of keys) expect({ k, n: (first.data as unknown as Record<string, unknown[]>)[k].length > 0 }).toEqual({ k, n: true })

    const again = loadSeed({ seed: 11, pairs: 300, cacheDir: dir })
    expect(again.fromCache).toBe(true)
    expect(Object.keys(again.data).sort()).toEqual(keys)
    // field by field, as JSON text (jest's deep equality takes a minute over 780 000 data values)
    const json = (d: unknown, k: string): string => JSON.stringify((d as Record<string, unknown>)[k])
    for (const k of keys) expect({ k, same: json(again.data, k) === json(first.data, k) }).toEqual({ k, same: true })
  })

  it('regenerates from a torn cache file, and removes the caches of other generator versions', async () => {
    const file = first.cacheFile as string
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.slice(0, text.lastIndexOf('\n', Math.floor(text.length / 2)) + 1)) // whole lines, no end line
    const stale = file.replace(/-g[0-9a-f]+\.ndjson$/, '-g000000000000.ndjson')
    const other = join(dir, 'seed-13-300-2026-11-01-g000000000000.ndjson')
    writeFileSync(stale, 'x')
    writeFileSync(other, 'x')
    const logs: string[] = []
    const b = loadSeed({ seed: 11, pairs: 300, cacheDir: dir, log: (m) => logs.push(m) })
    expect(b.fromCache).toBe(false)
    expect(logs.join('\n')).toMatch(/incomplete; regenerating/)
    expect(JSON.stringify(b.data.trackedEntities)).toBe(JSON.stringify(first.data.trackedEntities))
    await b.cacheWritten
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(other)).toBe(true) // another seed: kept
    expect(readdirSync(dir).sort()).toEqual([basename(file), basename(other)].sort())
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})
