/**
 * Pair engine bench (DESIGN §6): 100 000 synthetic pairs (~1 M events, own deterministic generator
 * in src/domain/test-utils, not the sandbox's) → JSON.stringify → JSON.parse (measured) → parse +
 * link + compute every catalog indicator (measured) → time, heap, and the ratio engine / JSON.parse
 * of the same payload in the same run (budget ≤ 0.5). Budgets: ≤ 1 s for the indicators, ≤ 500 MB
 * of heap added by the engine (parse + link + compute) over the parsed payload.
 *
 * What is measured, so that the ratio is honest (docs/decisions/0351-pair-engine-performance.md):
 * - the heap is collected before JSON.parse and before the engine, with a real gc() even when
 *   node runs without --expose-gc (`npm run bench` does): the generator's garbage must not make
 *   JSON.parse pay for a collection that would otherwise fall in the engine's phases;
 * - the JSON text is dropped once parsed (in the app the response text is garbage by then);
 * - the compute phase is the overview's exact request (src/pages/overview/exact.ts through
 *   PairSession.compute): a year, the same months last year (computed in the same pass), its 12
 *   months for the sparklines, a scope set and a breakdown by child org unit;
 * - on a shared machine wall-clock times follow the load (JSON.parse, with its parallel GC, more
 *   than the single-threaded engine), so the ratio is also given in CPU time of the main thread
 *   (Linux), which other processes barely move.
 */
import { readFileSync } from 'node:fs'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { BenchFigure } from './types'
import { generateSynthetic, orgUnitUid } from '../../src/domain/test-utils/synthetic'
import { parseTrackedEntities } from '../../src/domain/pairs/parse'
import { buildPairs } from '../../src/domain/pairs/link'
import { computeIndicators, type EngineOptions } from '../../src/domain/indicators/engine'

const PAIRS = Number(process.env.BENCH_PAIRS ?? 100_000)
/** The generator's default: org units OuSynth0000…0049. */
const ORG_UNITS = 50

const now = (): number => performance.now()
const heap = (): number => process.memoryUsage().heapUsed / 1e6
/** CPU time of the main thread in ms (Linux /proc), NaN elsewhere. */
const mainCpu = (): number => {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
  } catch {
    return NaN
  }
}

/** gc() from --expose-gc, else enabled at run time and taken from a fresh context. */
function collector(): () => void {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) return g
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}

/** The overview's exact request for a year: 12 monthly extra periods, scope, child groups. */
function overviewRequest(year: number): EngineOptions {
  const scope = new Set(Array.from({ length: ORG_UNITS }, (_, i) => orgUnitUid(i)))
  const groups: Record<string, string> = {}
  for (let i = 0; i < ORG_UNITS; i++) groups[orgUnitUid(i)] = `child${i % 5}`
  const extraPeriods = Array.from({ length: 12 }, (_, m) => {
    const mm = String(m + 1).padStart(2, '0')
    const last = new Date(Date.UTC(year, m + 1, 0)).getUTCDate()
    return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${last}` }
  })
  return {
    period: { start: `${year}-01-01`, end: `${year}-12-31` },
    inScope: (ou) => scope.has(ou),
    groupOf: (ou) => groups[ou],
    extraPeriods,
  }
}

export default async function pairEngineBench(): Promise<BenchFigure[]> {
  const gc = collector()
  let data: unknown = generateSynthetic({ pairs: PAIRS, seed: 7 })
  let events = 0
  for (const te of data as { enrollments: { events: unknown[] }[] }[]) for (const en of te.enrollments) events += en.events.length
  let json: string | null = JSON.stringify(data)
  const jsonMB = json.length / 1e6
  data = null
  gc()

  let c = mainCpu()
  let t = now()
  const raw: unknown = JSON.parse(json)
  const tJson = now() - t
  const cJson = mainCpu() - c
  json = null
  gc()
  const base = heap()
  let peak = base
  const sample = (): void => {
    peak = Math.max(peak, heap())
  }

  c = mainCpu()
  t = now()
  const parsed = parseTrackedEntities(raw)
  const tParse = now() - t
  sample()
  t = now()
  const pairs = buildPairs(parsed.entities, undefined, parsed.index)
  const tLink = now() - t
  sample()
  t = now()
  const result = computeIndicators(parsed.entities, overviewRequest(2024))
  const tCompute = now() - t
  const cEngine = mainCpu() - c // parse + link + compute (and two heap samples: microseconds)
  sample()
  const total = tParse + tLink + tCompute
  const codes = Object.keys(result.values).length
  const note = `${PAIRS} pairs, ${pairs.pairs.length} linked pairs, ${events} events, ${jsonMB.toFixed(0)} MB JSON, ${codes} indicators`
  return [
    { name: 'pair engine: JSON.parse of the payload', value: Math.round(tJson), unit: 'ms', note },
    { name: 'pair engine: parse (tolerant reader)', value: Math.round(tParse), unit: 'ms' },
    { name: 'pair engine: link pairs', value: Math.round(tLink), unit: 'ms' },
    {
      name: 'pair engine: compute all indicators (overview request)',
      value: Math.round(tCompute),
      unit: 'ms',
      budget: { max: 1000 },
      note: `year + same months last year + 12 months, scope set, 5 groups; ${result.stats.eventsCounted} events counted`,
    },
    { name: 'pair engine: parse + link + compute', value: Math.round(total), unit: 'ms' },
    { name: 'pair engine: ratio to JSON.parse', value: Number((total / tJson).toFixed(3)), unit: 'ratio', budget: { max: 0.5 } },
    ...(Number.isFinite(cEngine) && Number.isFinite(cJson)
      ? [{ name: 'pair engine: ratio to JSON.parse, main-thread CPU time', value: Number((cEngine / cJson).toFixed(3)), unit: 'ratio', note: `engine ${Math.round(cEngine)} ms, JSON.parse ${Math.round(cJson)} ms of CPU` }]
      : []),
    { name: 'pair engine: heap added over the parsed payload (peak sample)', value: Math.round(peak - base), unit: 'MB', budget: { max: 500 }, note: `payload heap ${Math.round(base)} MB` },
  ]
}

// Direct run: npx tsx tests/bench/pair-engine.bench.ts
if (typeof require !== 'undefined' && require.main === module) {
  pairEngineBench().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.budget?.max !== undefined ? ` (budget ≤ ${f.budget.max})` : ''}${f.note ? ` — ${f.note}` : ''}`)
  })
}
