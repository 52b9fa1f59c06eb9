/**
 * Domain maths bench: WHO z-scores per second over a realistic mixed workload (budget ≥ 5 M/s,
 * DESIGN §6), plus CYP and DHIS2 period throughput.
 *
 * Z-score workload (pre-generated, deterministic): ages mostly 0–6 months (Dyad's MAMI population)
 * with a tail to 5 years, both sexes, fractional ages; 40 % weight-for-age, 20 % length-for-age
 * (half with a measuring position), 20 % weight-for-length (interpolated), 20 % MUAC-for-age
 * (some under 91 days → null); ~8 % of measurements beyond ±3 SD (restricted-z path).
 */
import type { BenchFigure } from './types'
import { zScore, measurementAtZ, type GrowthIndicator, type ZScoreOptions } from '../../src/domain/growth'

const now = (): number => performance.now()

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Workload {
  kinds: GrowthIndicator[]
  sexes: ('M' | 'F')[]
  ages: Float64Array
  values: Float64Array
  options: (ZScoreOptions | undefined)[]
}

function makeWorkload(n: number): Workload {
  const r = rng(42)
  const kinds: GrowthIndicator[] = new Array(n)
  const sexes: ('M' | 'F')[] = new Array(n)
  const ages = new Float64Array(n)
  const values = new Float64Array(n)
  const options: (ZScoreOptions | undefined)[] = new Array(n)
  const lying: ZScoreOptions = { measured: 'lying' }
  const standing: ZScoreOptions = { measured: 'standing' }
  for (let i = 0; i < n; i++) {
    const sex = r() < 0.5 ? 'M' : 'F'
    const age = r() < 0.85 ? r() * 182.6 : r() * 1826
    const z = r() < 0.08 ? (r() < 0.5 ? -3 - 2 * r() : 3 + 2 * r()) : (r() - 0.5) * 5
    const u = r()
    let kind: GrowthIndicator
    let value: number
    let opt: ZScoreOptions | undefined
    if (u < 0.4) {
      kind = 'wfa'
      value = measurementAtZ('wfa', sex, age, z) ?? 5
    } else if (u < 0.6) {
      kind = 'lfa'
      value = measurementAtZ('lfa', sex, age, z) ?? 60
      opt = r() < 0.5 ? (age < 731 ? lying : standing) : undefined
    } else if (u < 0.8) {
      kind = 'wfl'
      const len = Math.min(110, (measurementAtZ('lfa', sex, Math.min(age, 730), (r() - 0.5) * 4) ?? 60))
      value = (measurementAtZ('wfa', sex, Math.min(age, 730), z) ?? 5)
      opt = { lengthCm: Math.round(len * 10 + r() * 9) / 10, measured: 'lying' }
    } else {
      kind = 'mfa'
      value = age >= 91 ? (measurementAtZ('mfa', sex, age, z) ?? 12) : 11 + r() * 3
    }
    kinds[i] = kind
    sexes[i] = sex
    ages[i] = age
    values[i] = value
    options[i] = opt
  }
  return { kinds, sexes, ages, values, options }
}

function run(w: Workload): { sum: number; nulls: number } {
  let sum = 0
  let nulls = 0
  const n = w.ages.length
  for (let i = 0; i < n; i++) {
    const z = zScore(w.kinds[i], w.sexes[i], w.ages[i], w.values[i], w.options[i])
    if (z === null) nulls++
    else sum += z
  }
  return { sum, nulls }
}

export default async function domainMathBench(): Promise<BenchFigure[]> {
  const N = Number(process.env.BENCH_ZSCORES ?? 2_000_000)
  const w = makeWorkload(N)
  run(w) // warm-up (JIT)
  let best = Infinity
  let nulls = 0
  for (let rep = 0; rep < 5; rep++) {
    const t0 = now()
    const res = run(w)
    const dt = now() - t0
    nulls = res.nulls
    if (!Number.isFinite(res.sum)) throw new Error('z-score sum not finite')
    best = Math.min(best, dt)
  }
  const perSecond = N / (best / 1000)
  const figures: BenchFigure[] = [
    {
      name: 'WHO z-scores, mixed workload (wfa/lfa/wfl/mfa)',
      value: Math.round(perSecond / 1e4) / 100,
      unit: 'M z-scores/s',
      budget: { min: 5 },
      note: `${N.toLocaleString('en')} calls, best of 5 runs ${best.toFixed(1)} ms, ${((nulls / N) * 100).toFixed(1)} % null (no standard)`,
    },
  ]
  for (const extra of extraBenches) figures.push(...(await extra()))
  return figures
}

/** Further domain-maths figures (CYP, periods) registered below. */
const extraBenches: (() => Promise<BenchFigure[]>)[] = []
