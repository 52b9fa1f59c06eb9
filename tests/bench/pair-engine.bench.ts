/**
 * Pair engine bench (DESIGN §6): 100 000 synthetic pairs (~1 M events, own deterministic generator
 * in src/domain/test-utils, not the sandbox's) → JSON.stringify → JSON.parse (measured) → parse +
 * link + compute every catalog indicator (measured, with the same-period-last-year pass) → time,
 * heap, and the ratio engine / JSON.parse (budget ≤ 0.5). Budgets: ≤ 1 s for the indicators,
 * ≤ 500 MB of heap added by the engine (parse + link + compute) over the parsed payload.
 */
import type { BenchFigure } from './types'
import { generateSynthetic } from '../../src/domain/test-utils/synthetic'
import { parseTrackedEntities } from '../../src/domain/pairs/parse'
import { buildPairs } from '../../src/domain/pairs/link'
import { computeIndicators } from '../../src/domain/indicators/engine'

const PAIRS = Number(process.env.BENCH_PAIRS ?? 100_000)

const now = (): number => performance.now()
const heap = (): number => process.memoryUsage().heapUsed / 1e6
const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) g()
}

export default async function pairEngineBench(): Promise<BenchFigure[]> {
  let data: unknown = generateSynthetic({ pairs: PAIRS, seed: 7 })
  let events = 0
  for (const te of data as { enrollments: { events: unknown[] }[] }[]) for (const en of te.enrollments) events += en.events.length
  const json = JSON.stringify(data)
  data = null
  gc()

  let t = now()
  const raw: unknown = JSON.parse(json)
  const tJson = now() - t
  gc()
  const base = heap()
  let peak = base
  const sample = (): void => {
    peak = Math.max(peak, heap())
  }

  t = now()
  const parsed = parseTrackedEntities(raw)
  const tParse = now() - t
  sample()
  t = now()
  const pairs = buildPairs(parsed.entities, undefined, parsed.index)
  const tLink = now() - t
  sample()
  t = now()
  const result = computeIndicators(parsed.entities, { period: { start: '2024-01-01', end: '2024-12-31' }, inScope: () => true })
  const tCompute = now() - t
  sample()
  const total = tParse + tLink + tCompute
  const codes = Object.keys(result.values).length
  const note = `${PAIRS} pairs, ${pairs.pairs.length} linked pairs, ${events} events, ${(json.length / 1e6).toFixed(0)} MB JSON, ${codes} indicators`
  return [
    { name: 'pair engine: JSON.parse of the payload', value: Math.round(tJson), unit: 'ms', note },
    { name: 'pair engine: parse (tolerant reader)', value: Math.round(tParse), unit: 'ms' },
    { name: 'pair engine: link pairs', value: Math.round(tLink), unit: 'ms' },
    { name: 'pair engine: compute all indicators (2 periods)', value: Math.round(tCompute), unit: 'ms', budget: { max: 1000 } },
    { name: 'pair engine: parse + link + compute', value: Math.round(total), unit: 'ms' },
    { name: 'pair engine: ratio to JSON.parse', value: Number((total / tJson).toFixed(3)), unit: 'ratio', budget: { max: 0.5 } },
    { name: 'pair engine: heap added over the parsed payload (peak sample)', value: Math.round(peak - base), unit: 'MB', budget: { max: 500 }, note: `payload heap ${Math.round(base)} MB; ${(globalThis as { gc?: unknown }).gc ? 'with' : 'without'} --expose-gc` },
  ]
}

// Direct run: npx tsx tests/bench/pair-engine.bench.ts
if (typeof require !== 'undefined' && require.main === module) {
  pairEngineBench().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.budget?.max !== undefined ? ` (budget ≤ ${f.budget.max})` : ''}${f.note ? ` — ${f.note}` : ''}`)
  })
}
