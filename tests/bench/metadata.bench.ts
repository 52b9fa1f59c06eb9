/**
 * Metadata package (DESIGN §6: validation of the whole bundle ≤ 1 s): build time, bundle size,
 * objects per type, and the validator's time on the whole bundle — first run in this process
 * (including loading DHIS2's expression parser) and warm runs without the parse cache.
 */
import { gzipSync } from 'node:zlib'
import { buildBundle, countObjects, serialize } from '../../metadata/src/build'
import { validateMetadata } from '../../metadata/src/validate'
import { clearExpressionCache, loadExpressionParser } from '../../metadata/src/validate/expression'
import type { BenchFigure } from './types'

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const round = (n: number): number => Math.round(n * 10) / 10

export default async function metadataBench(): Promise<BenchFigure[]> {
  let t = performance.now()
  const bundle = buildBundle()
  const buildMs = performance.now() - t
  const text = serialize(bundle)
  const json = JSON.parse(text) as unknown

  t = performance.now()
  loadExpressionParser()
  const loadMs = performance.now() - t

  t = performance.now()
  const first = validateMetadata(json, { requireLocales: ['fr'], strict: true })
  const firstMs = performance.now() - t

  const warm: number[] = []
  for (let i = 0; i < 5; i++) {
    clearExpressionCache()
    t = performance.now()
    validateMetadata(json, { requireLocales: ['fr'], strict: true })
    warm.push(performance.now() - t)
  }

  const counts = countObjects(bundle as unknown as Record<string, unknown>)
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const figures: BenchFigure[] = [
    { name: 'metadata validate whole bundle, first run (parser load + parse)', value: round(loadMs + firstMs), unit: 'ms', budget: { max: 1000 }, note: `${first.expressionsParsed} expressions, ${first.referencesChecked} references, ${first.errors.length} errors` },
    { name: 'metadata validate whole bundle, warm (no parse cache), median of 5', value: round(median(warm)), unit: 'ms', budget: { max: 1000 } },
    { name: 'metadata expression parser module load', value: round(loadMs), unit: 'ms' },
    { name: 'metadata build (all objects, collision check, sort)', value: round(buildMs), unit: 'ms' },
    { name: 'metadata bundle size', value: Math.round(Buffer.byteLength(text) / 102.4) / 10, unit: 'kB' },
    { name: 'metadata bundle size gzip', value: Math.round(gzipSync(text).length / 102.4) / 10, unit: 'kB' },
    { name: 'metadata objects (top-level)', value: total, unit: 'objects', note: Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ') },
  ]
  return figures
}
