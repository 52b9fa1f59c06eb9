/** @jest-environment node */
import { planPeriods } from '../../data/dashboards'
import type { ExactResult } from '../../workers/protocol'
import { exactAllowed, exactGroupSource, exactRequest, exactSource } from './exact'

const v = (code: string, numerator: number, denominator: number | null) => ({ code, numerator, denominator, value: denominator ? (numerator / denominator) * 100 : numerator })

describe('overview exact path', () => {
  it('is offered at district level and below, and when the level is unknown', () => {
    expect([1, 2, 3, 4, undefined].map(exactAllowed)).toEqual([false, false, true, true, true])
  })

  it('asks for the selected months with the 12 sparkline months as extra periods, and reads the result back per month set', () => {
    const plan = planPeriods('2024Q2', '2025-01-15')!
    const req = exactRequest(plan)
    expect(req.period).toEqual({ start: '2024-04-01', end: '2024-06-30' })
    expect(req.extraPeriods).toHaveLength(12)
    expect(req.extraPeriods?.[11]).toEqual({ start: '2024-06-01', end: '2024-06-30' })
    expect(req.extraPeriods?.[0]).toEqual({ start: '2023-07-01', end: '2023-07-31' })
    const extra = plan.spark.map((_, i) => ({ INST_DELIV: v('INST_DELIV', i, 20) }))
    const r: ExactResult = {
      period: req.period,
      previousYear: { start: '2023-04-01', end: '2023-06-30' },
      values: { INST_DELIV: v('INST_DELIV', 30, 40) },
      previousYearValues: { INST_DELIV: v('INST_DELIV', 10, 25) },
      extra,
      problems: 0,
      problemCounts: {},
      records: 1,
      pairs: 1,
    }
    const src = exactSource(r, plan)
    expect(src('INST_DELIV', 'numerator', plan.current, 'x')).toBe(30)
    expect(src('INST_DELIV', 'denominator', plan.current, 'x')).toBe(40)
    expect(src('INST_DELIV', 'numerator', plan.previous, 'x')).toBe(10)
    expect(src('INST_DELIV', 'numerator', [plan.spark[3]], 'x')).toBe(3)
    expect(src('ANC4', 'numerator', plan.current, 'x')).toBeNull()
    expect(src('INST_DELIV', 'numerator', ['201001'], 'x')).toBeNull()
  })

  it('reads the drill-down per child: this year, last year, a child without any count is 0', () => {
    const plan = planPeriods('2024', '2025-01-15')!
    const r: ExactResult = {
      period: { start: '2024-01-01', end: '2024-12-31' },
      previousYear: { start: '2023-01-01', end: '2023-12-31' },
      values: { INST_DELIV: v('INST_DELIV', 5, 8) },
      previousYearValues: { INST_DELIV: v('INST_DELIV', 4, 8) },
      extra: [],
      problems: 0,
      problemCounts: {},
      records: 1,
      pairs: 1,
      byGroup: { a: { INST_DELIV: v('INST_DELIV', 3, 4) } },
      byGroupPreviousYear: { a: { INST_DELIV: v('INST_DELIV', 1, 2) } },
    }
    const src = exactGroupSource(r, plan)
    expect([src('INST_DELIV', 'numerator', plan.current, 'a'), src('INST_DELIV', 'denominator', plan.current, 'a')]).toEqual([3, 4])
    expect(src('INST_DELIV', 'numerator', plan.previous, 'a')).toBe(1)
    expect([src('INST_DELIV', 'numerator', plan.current, 'b'), src('INST_DELIV', 'denominator', plan.previous, 'b')]).toEqual([0, 0])
    expect(src('ANC4', 'numerator', plan.current, 'b')).toBeNull()
    expect(src('INST_DELIV', 'numerator', [plan.spark[0]], 'a')).toBeNull()
    expect(exactGroupSource({ ...r, byGroup: undefined, byGroupPreviousYear: undefined }, plan)('INST_DELIV', 'numerator', plan.current, 'a')).toBeNull()
  })
})

