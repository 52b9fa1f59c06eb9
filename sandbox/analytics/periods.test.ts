/** @jest-environment node */
import { addPeriods, dayOfIso, isoOfDay, parsePeriod, resolveRelative } from './periods'

const range = (id: string) => {
  const p = parsePeriod(id)!
  return [isoOfDay(p.start), isoOfDay(p.end)]
}
const ref = dayOfIso('2025-05-20')
const ids = (id: string) => resolveRelative(id, ref)!.map((p) => p.id)

describe('periods', () => {
  it.each([
    ['20250105', '2025-01-05', '2025-01-05'], ['2025W1', '2024-12-30', '2025-01-05'], ['2025W20', '2025-05-12', '2025-05-18'],
    ['202502', '2025-02-01', '2025-02-28'], ['202402', '2024-02-01', '2024-02-29'], ['202502B', '2025-03-01', '2025-04-30'],
    ['2025Q2', '2025-04-01', '2025-06-30'], ['2025S2', '2025-07-01', '2025-12-31'], ['2025', '2025-01-01', '2025-12-31'],
    ['2025April', '2025-04-01', '2026-03-31'], ['2024July', '2024-07-01', '2025-06-30'], ['2024Oct', '2024-10-01', '2025-09-30'],
  ])('%s', (id, start, end) => expect(range(id)).toEqual([start, end]))
  it('rejects non-periods', () => {
    for (const id of ['202513', '2025Q5', 'abc', '20250230', '2025W54']) expect(parsePeriod(id)).toBeUndefined()
  })
  it('resolves relative periods against a reference date', () => {
    expect(ids('THIS_MONTH')).toEqual(['202505'])
    expect(ids('LAST_MONTH')).toEqual(['202504'])
    expect(ids('LAST_3_MONTHS')).toEqual(['202502', '202503', '202504'])
    expect(ids('LAST_6_MONTHS')).toEqual(['202411', '202412', '202501', '202502', '202503', '202504'])
    expect(ids('LAST_12_MONTHS')[0]).toBe('202405')
    expect(ids('LAST_12_MONTHS')).toHaveLength(12)
    expect(ids('MONTHS_THIS_YEAR')).toHaveLength(12)
    expect(ids('MONTHS_LAST_YEAR')[0]).toBe('202401')
    expect(ids('THIS_QUARTER')).toEqual(['2025Q2'])
    expect(ids('LAST_QUARTER')).toEqual(['2025Q1'])
    expect(ids('LAST_4_QUARTERS')).toEqual(['2024Q2', '2024Q3', '2024Q4', '2025Q1'])
    expect(ids('QUARTERS_THIS_YEAR')).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4'])
    expect(ids('QUARTERS_LAST_YEAR')).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4'])
    expect(ids('THIS_YEAR')).toEqual(['2025'])
    expect(ids('LAST_YEAR')).toEqual(['2024'])
    expect(ids('LAST_5_YEARS')).toEqual(['2020', '2021', '2022', '2023', '2024'])
    expect(ids('THIS_WEEK')).toEqual(['2025W21'])
    expect(ids('LAST_2_SIXMONTHS')).toEqual(['2024S1', '2024S2'])
    // DHIS2 e2e fixture: LAST_4_QUARTERS with relativePeriodDate=2022-01-01 → 2021Q1..Q4
    expect(resolveRelative('LAST_4_QUARTERS', dayOfIso('2022-01-01'))!.map((p) => p.id)).toEqual(['2021Q1', '2021Q2', '2021Q3', '2021Q4'])
  })
  it('adds period offsets for boundaries', () => {
    expect(isoOfDay(addPeriods(dayOfIso('2025-03-31'), -1, 'Monthly'))).toBe('2025-02-28')
    expect(isoOfDay(addPeriods(dayOfIso('2025-01-01'), -3, 'Monthly'))).toBe('2024-10-01')
    expect(isoOfDay(addPeriods(dayOfIso('2025-01-01'), 1, 'Yearly'))).toBe('2026-01-01')
    expect(isoOfDay(addPeriods(dayOfIso('2025-01-01'), 2, 'Weekly'))).toBe('2025-01-15')
  })
})
