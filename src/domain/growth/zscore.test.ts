/** @jest-environment node */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  adjustedLengthCm,
  ageInDays,
  isImplausible,
  isStandingUnder9Months,
  measurementAtZ,
  monthsToDays,
  roundAgeDays,
  roundZ,
  zScore,
  type GrowthIndicator,
} from './index'

const SHARED = join(__dirname, '../../../../shared/who-growth')

interface RefRow {
  table: string
  sex: string
  age: number
  measure: number
  expected: number
  note: string
}
const refRows: RefRow[] = readFileSync(join(SHARED, 'reference_zscores.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [table, sex, age, measure, expected, ...note] = line.split(',')
    return { table, sex, age: Number(age), measure: Number(measure), expected: Number(expected), note: note.join(',') }
  })

const kindOf: Record<string, GrowthIndicator> = { wfa: 'wfa', lfa: 'lfa', muac: 'mfa' }

describe('reference_zscores.csv', () => {
  // the README announces 70 rows; the file holds 68 data rows (+ header): every one is checked
  it('has its 68 data rows', () => expect(refRows).toHaveLength(68))
  it.each(refRows.map((r, i) => [i + 2, r] as const))('line %i', (_line, r) => {
    const z = zScore(kindOf[r.table], r.sex === '1' ? 'M' : 'F', r.age, r.measure)
    expect(z).not.toBeNull()
    if (r.note.startsWith('SD line')) {
      // SD lines are published to 4 decimals: the z differs from the integer by the rounding only
      expect(Math.abs((z as number) - r.expected)).toBeLessThan(1e-3)
    } else {
      // computed rows are given to 2 decimals, as WHO Anthro reports them
      expect(roundZ(z)).toBe(r.expected)
    }
  })
})

describe('WHO anthro unit tests', () => {
  it('girl 1522 days, 17 kg → WAZ 0.24', () => {
    expect(roundZ(zScore('wfa', 'F', 1522, 17))).toBe(0.24)
  })
  it('boy 987 days, 72.86 cm lying → LAZ −6.09 (−0.7 cm from 731 d)', () => {
    expect(roundZ(zScore('lfa', 'M', 987, 72.86, { measured: 'lying' }))).toBe(-6.09)
    expect(isImplausible('lfa', zScore('lfa', 'M', 987, 72.86, { measured: 'lying' }))).toBe(true)
  })
  it('girl 1 day, 10.37 kg is flagged (WAZ > 5)', () => {
    expect(isImplausible('wfa', zScore('wfa', 'F', 1, 10.37))).toBe(true)
  })
  it('no z-score where there is no standard (1857 days)', () => {
    expect(zScore('wfa', 'M', 1857, 20)).toBeNull()
    expect(zScore('wfa', 'M', 1, 50)).not.toBeNull()
  })
})

describe('−2 SD weight-for-age (domain.md §3)', () => {
  const cases: [('M' | 'F'), number, number][] = [
    ['M', 0, 2.46], ['M', 1, 3.38], ['M', 3, 5.01], ['M', 6, 6.36],
    ['F', 0, 2.39], ['F', 1, 3.15], ['F', 3, 4.53], ['F', 6, 5.73],
  ]
  // domain.md gives 2.40 for girls at birth; the WHO table gives 2.3947 (reference_zscores.csv line 27),
  // i.e. 2.39 to 2 decimals (2.4 to the 1 decimal of WHO's printed charts)
  it('girls at birth: 2.3947 kg', () => {
    expect(measurementAtZ('wfa', 'F', 0, -2)).toBeCloseTo(2.3947, 4)
  })
  it.each(cases)('%s at %i months → %f kg', (sex, months, kg) => {
    const w = measurementAtZ('wfa', sex, months * 30.4375, -2) as number
    expect(Math.round(w * 100) / 100).toBeCloseTo(kg, 10)
    expect(zScore('wfa', sex, months * 30.4375, w)).toBeCloseTo(-2, 9)
  })
})

describe('age handling', () => {
  it('rounds .5 up, as anthro round_up', () => {
    expect(roundAgeDays(10.5)).toBe(11)
    expect(roundAgeDays(10.49)).toBe(10)
    expect(roundAgeDays(-1)).toBeNaN()
    expect(monthsToDays(6)).toBe(183)
    expect(monthsToDays(1)).toBe(30)
  })
  it('uses the rounded day row', () => {
    expect(zScore('wfa', 'M', 29.5, 4)).toBe(zScore('wfa', 'M', 30, 4))
    expect(zScore('wfa', 'M', 29.49, 4)).toBe(zScore('wfa', 'M', 29, 4))
  })
  it('needs age < 60 months', () => {
    expect(zScore('wfa', 'F', 1826, 18)).not.toBeNull()
    expect(zScore('wfa', 'F', 1826.3, 18)).toBeNull()
    expect(zScore('lfa', 'F', 1830, 110)).toBeNull()
  })
  it('ageInDays from ISO dates', () => {
    expect(ageInDays('2024-02-28', '2024-03-01')).toBe(2)
    expect(ageInDays('2024-02-30', '2024-03-01')).toBeNaN()
  })
})

describe('invalid input → null, never throws', () => {
  const bad = [NaN, Infinity, -Infinity, -1, 0]
  it.each(bad)('measurement %p', (v) => {
    for (const k of ['wfa', 'lfa', 'mfa'] as const) expect(zScore(k, 'M', 200, v)).toBeNull()
    expect(zScore('wfl', 'M', 200, v, { lengthCm: 65 })).toBeNull()
    expect(zScore('wfl', 'M', 200, 7, { lengthCm: v })).toBeNull()
  })
  it.each([NaN, Infinity, -1, -0.6])('age %p', (a) => {
    expect(zScore('wfa', 'M', a, 4)).toBeNull()
  })
  it('unknown sex or kind', () => {
    expect(zScore('wfa', 'X' as 'M', 30, 4)).toBeNull()
    expect(zScore('hfa' as 'wfa', 'M', 30, 4)).toBeNull()
  })
  it('wfl without a length', () => {
    expect(zScore('wfl', 'M', 30, 4)).toBeNull()
    expect(zScore('wfl', 'M', 30, 4, {})).toBeNull()
  })
})

describe('MUAC-for-age', () => {
  it('has no value under 91 days', () => {
    expect(zScore('mfa', 'F', 90, 11)).toBeNull()
    expect(zScore('mfa', 'F', 90.5, 11)).not.toBeNull() // rounds to 91
    expect(zScore('mfa', 'F', 91, 11)).not.toBeNull()
  })
  it('is restricted beyond −3 SD (linear in the 2–3 SD gap)', () => {
    // boy 91 d: −3 SD 10.6581, −2 SD 11.5536 (reference_zscores.csv)
    const z = zScore('mfa', 'M', 91, 10.6581 - (11.5536 - 10.6581)) as number
    expect(z).toBeCloseTo(-4, 3)
  })
})

describe('restricted z for weight-for-age', () => {
  it('beyond +3 SD follows the 2–3 SD gap, unlike plain LMS', () => {
    const sd3 = measurementAtZ('wfa', 'M', 183, 3) as number
    const sd2 = measurementAtZ('wfa', 'M', 183, 2) as number
    expect(zScore('wfa', 'M', 183, sd3 + (sd3 - sd2))).toBeCloseTo(4, 9)
    expect(zScore('wfa', 'M', 183, sd3 + 2 * (sd3 - sd2))).toBeCloseTo(5, 9)
  })
  it('is continuous at ±3', () => {
    const sd3 = measurementAtZ('wfa', 'F', 60, -3) as number
    expect(zScore('wfa', 'F', 60, sd3 - 1e-9)).toBeCloseTo(-3, 6)
    expect(zScore('wfa', 'F', 60, sd3 + 1e-9)).toBeCloseTo(-3, 6)
  })
  it('length-for-age is not restricted (L = 1: linear anyway, z beyond 3 is plain)', () => {
    const z = zScore('lfa', 'M', 0, 49.8842 * (1 + 0.03795 * 4)) as number
    expect(z).toBeCloseTo(4, 9)
  })
})

describe('length position correction', () => {
  it('adds 0.7 cm to a standing height under 731 days (from 9 months)', () => {
    expect(adjustedLengthCm(400, 'standing', 75)).toBeCloseTo(75.7, 12)
    expect(zScore('lfa', 'M', 400, 75, { measured: 'standing' })).toBe(zScore('lfa', 'M', 400, 75.7))
  })
  it('subtracts 0.7 cm from a lying length from 731 days', () => {
    expect(adjustedLengthCm(731, 'lying', 85)).toBeCloseTo(84.3, 12)
    expect(adjustedLengthCm(730, 'lying', 85)).toBe(85)
    expect(adjustedLengthCm(730.5, 'lying', 85)).toBeCloseTo(84.3, 12) // rounds to 731
  })
  it('leaves the expected position alone', () => {
    expect(adjustedLengthCm(100, 'lying', 60)).toBe(60)
    expect(adjustedLengthCm(900, 'standing', 85)).toBe(85)
    expect(adjustedLengthCm(100, undefined, 60)).toBe(60)
  })
  it('does not correct a standing measure under 9 months (anthro 1.1.0 c9mo_flag)', () => {
    expect(isStandingUnder9Months(200, 'standing')).toBe(true)
    expect(isStandingUnder9Months(274, 'standing')).toBe(false) // 274/30.4375 = 9.002
    expect(isStandingUnder9Months(200, 'lying')).toBe(false)
    expect(adjustedLengthCm(200, 'standing', 65)).toBe(65)
    expect(adjustedLengthCm(274, 'standing', 70)).toBeCloseTo(70.7, 12)
  })
})

describe('weight-for-length', () => {
  const row = (sex: string, cm: string) => {
    const line = readFileSync(join(SHARED, 'wfl_lms_by_length.csv'), 'utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith(`${sex},${cm},`)) as string
    const [, , l, m, s] = line.split(',').map(Number)
    return { l, m, s }
  }
  it('at a table row, the median weight gives z = 0', () => {
    expect(zScore('wfl', 'M', 60, row('1', '60.3').m, { lengthCm: 60.3 })).toBeCloseTo(0, 12)
    expect(zScore('wfl', 'F', 60, row('2', '45').m, { lengthCm: 45 })).toBeCloseTo(0, 12)
    expect(zScore('wfl', 'F', 60, row('2', '110').m, { lengthCm: 110 })).toBeCloseTo(0, 12)
  })
  it('interpolates L, M and S linearly between 0.1 cm rows', () => {
    const a = row('1', '60.3'), b = row('1', '60.4')
    const t = 0.37
    const l = a.l + t * (b.l - a.l), m = a.m + t * (b.m - a.m), s = a.s + t * (b.s - a.s)
    const w = 5.2
    const expected = (Math.pow(w / m, l) - 1) / (l * s)
    expect(zScore('wfl', 'M', 60, w, { lengthCm: 60.337 })).toBeCloseTo(expected, 9)
  })
  it('has no value outside 45–110 cm (after position correction)', () => {
    expect(zScore('wfl', 'M', 60, 2.4, { lengthCm: 44.9 })).toBeNull()
    expect(zScore('wfl', 'M', 60, 20, { lengthCm: 110.01 })).toBeNull()
    // 44.6 cm standing at 300 days → 45.3 cm lying: has a value
    expect(zScore('wfl', 'M', 300, 2.6, { lengthCm: 44.6, measured: 'standing' })).not.toBeNull()
  })
  it('is not computed from 731 days (weight-for-height standard not bundled) nor with oedema', () => {
    expect(zScore('wfl', 'M', 731, 10, { lengthCm: 80 })).toBeNull()
    expect(zScore('wfl', 'M', 100, 6, { lengthCm: 60, oedema: true })).toBeNull()
    expect(zScore('wfa', 'M', 100, 6, { oedema: true })).toBeNull()
  })
  it('is restricted below −3 SD', () => {
    const { l, m, s } = row('2', '55')
    const sd3 = m * Math.pow(1 - 3 * l * s, 1 / l)
    const sd2 = m * Math.pow(1 - 2 * l * s, 1 / l)
    expect(zScore('wfl', 'F', 40, sd3 - 0.5 * (sd2 - sd3), { lengthCm: 55 })).toBeCloseTo(-3.5, 9)
  })
})

describe('isImplausible (WHO Anthro flags)', () => {
  it.each([
    ['wfa', -6.01, true], ['wfa', -6, false], ['wfa', 5.01, true], ['wfa', 5, false], ['wfa', 5.004, false],
    ['lfa', 6.01, true], ['lfa', -6.01, true], ['lfa', 5.9, false],
    ['wfl', 5.01, true], ['wfl', -5.01, true], ['wfl', 4.99, false],
    ['mfa', 5.01, true], ['mfa', -5.01, true], ['mfa', -5, false],
  ] as const)('%s z=%f → %p', (k, z, flag) => expect(isImplausible(k, z)).toBe(flag))
  it('null is not flagged', () => expect(isImplausible('wfa', null)).toBe(false))
})

describe('roundZ', () => {
  it('rounds half away from zero', () => {
    expect(roundZ(0.285)).toBe(0.29)
    expect(roundZ(-0.285)).toBe(-0.29)
    expect(roundZ(1.234)).toBe(1.23)
    expect(roundZ(null)).toBeNull()
    expect(roundZ(NaN)).toBeNull()
  })
})

describe('fast path equals the textbook formula (WHO 2006 ch. 7) on the published rows', () => {
  const csv = (f: string) =>
    readFileSync(join(SHARED, f), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
  const textbook = (y: number, l: number, m: number, s: number, restricted: boolean) => {
    const z = (Math.pow(y / m, l) - 1) / (l * s)
    if (!restricted) return z
    const sd = (k: number) => m * Math.pow(1 + l * s * k, 1 / l)
    if (z > 3) return 3 + (y - sd(3)) / (sd(3) - sd(2))
    if (z < -3) return -3 + (y - sd(-3)) / (sd(-2) - sd(-3))
    return z
  }
  let seed = 1
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
  it.each([
    ['wfa', 'wfa_lms_by_day.csv', true],
    ['lfa', 'lfa_lms_by_day.csv', false],
    ['mfa', 'muac_lms_by_day.csv', true],
  ] as const)('%s: 3 000 random rows and measurements (incl. beyond ±3 SD)', (kind, file, restricted) => {
    const rows = csv(file)
    for (let n = 0; n < 3000; n++) {
      const [sex, age, l, m, s] = rows[Math.floor(rand() * rows.length)].map(Number)
      const y = m * (0.4 + rand() * 1.4)
      const got = zScore(kind, sex === 1 ? 'M' : 'F', age, y) as number
      expect(Math.abs(got - textbook(y, l, m, s, restricted))).toBeLessThan(1e-9)
    }
  })
})
