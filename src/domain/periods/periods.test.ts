/** @jest-environment node */
// Jest 27 ignores package "exports" and would load date-fns' ESM `locale.js`: use its CommonJS build.
jest.mock('date-fns/locale', () => jest.requireActual('date-fns/locale.cjs'))
import { getISOWeek, getISOWeekYear, getISOWeeksInYear, addDays } from 'date-fns'
import {
  PERIOD_TYPES,
  RELATIVE_PERIOD_IDS,
  formatPeriod,
  isoDateOf,
  isValidPeriodId,
  nextPeriod,
  parsePeriod,
  periodContains,
  periodOfDate,
  periodType,
  periodsBetween,
  previousPeriod,
  relativePeriodRange,
  resolveRelativePeriod,
  samePeriodLastYear,
  samePeriodYearsAgo,
  shiftPeriod,
  isoWeeksInYear,
  isoWeekOf,
} from './index'
import { dayOf, isoOf } from './calendar'

describe('parse and date ranges of every DHIS2 period type', () => {
  it.each([
    ['20250301', 'Daily', '2025-03-01', '2025-03-01'],
    ['20240229', 'Daily', '2024-02-29', '2024-02-29'],
    ['2025W1', 'Weekly', '2024-12-30', '2025-01-05'],
    ['2025W9', 'Weekly', '2025-02-24', '2025-03-02'],
    ['2020W53', 'Weekly', '2020-12-28', '2021-01-03'],
    ['2026W53', 'Weekly', '2026-12-28', '2027-01-03'],
    ['2023BiW1', 'BiWeekly', '2023-01-02', '2023-01-15'],
    ['2025BiW26', 'BiWeekly', '2025-12-15', '2025-12-28'],
    ['202503', 'Monthly', '2025-03-01', '2025-03-31'],
    ['202402', 'Monthly', '2024-02-01', '2024-02-29'],
    ['202501B', 'BiMonthly', '2025-01-01', '2025-02-28'],
    ['202506B', 'BiMonthly', '2025-11-01', '2025-12-31'],
    ['2025Q1', 'Quarterly', '2025-01-01', '2025-03-31'],
    ['2025Q4', 'Quarterly', '2025-10-01', '2025-12-31'],
    ['2025S1', 'SixMonthly', '2025-01-01', '2025-06-30'],
    ['2025S2', 'SixMonthly', '2025-07-01', '2025-12-31'],
    ['2023AprilS1', 'SixMonthlyApril', '2023-04-01', '2023-09-30'],
    ['2023AprilS2', 'SixMonthlyApril', '2023-10-01', '2024-03-31'],
    ['2025', 'Yearly', '2025-01-01', '2025-12-31'],
    ['2025April', 'FinancialApril', '2025-04-01', '2026-03-31'],
    ['2025July', 'FinancialJuly', '2025-07-01', '2026-06-30'],
    ['2023Oct', 'FinancialOct', '2023-10-01', '2024-09-30'],
    ['2023Nov', 'FinancialNov', '2023-11-01', '2024-10-31'],
  ])('%s → %s %s … %s', (id, type, start, end) => {
    const p = parsePeriod(id)
    expect(p).toMatchObject({ id, type, startDate: start, endDate: end })
    expect(periodType(id)).toBe(type)
    expect(isValidPeriodId(id)).toBe(true)
  })
  it('canonicalises zero-padded weeks', () => {
    expect(parsePeriod('2025W09')?.id).toBe('2025W9')
  })
  it.each([
    '', '2025W0', '2025W53', '2021W53', '2025BiW27', '2025BiW0', '202513', '202500', '202507B', '2025Q5', '2025Q0',
    '2025S3', '2025AprilS3', '20230229', '20251301', '2025-03', 'LAST_MONTH', '2025March', 'abcd', '2025W', '12345',
  ])('rejects %p', (id) => {
    expect(parsePeriod(id)).toBeNull()
    expect(isValidPeriodId(id)).toBe(false)
  })
  it.each([null, undefined, 2025, {}, []])('never throws on %p', (v) => {
    expect(parsePeriod(v)).toBeNull()
  })
})

describe('ISO weeks agree with date-fns over 1990–2040', () => {
  it('week of every 3rd day and weeks per year', () => {
    for (let y = 1990; y <= 2040; y++) expect(isoWeeksInYear(y)).toBe(getISOWeeksInYear(new Date(y, 5, 1)))
    let date = new Date(1990, 0, 1)
    for (let i = 0; i < 6200; i++) {
      const iso = isoDateOf(date, 'local')
      const w = isoWeekOf(dayOf(iso))
      expect([w.year, w.week]).toEqual([getISOWeekYear(date), getISOWeek(date)])
      const p = periodOfDate('Weekly', iso)
      expect(p?.id).toBe(`${getISOWeekYear(date)}W${getISOWeek(date)}`)
      date = addDays(date, 3)
    }
  })
})

describe('next / previous / shift', () => {
  it.each([
    ['2020W53', '2021W1', '2020W52'],
    ['2021W1', '2021W2', '2020W53'],
    ['2022W1', '2022W2', '2021W52'],
    ['202512', '202601', '202511'],
    ['202501', '202502', '202412'],
    ['2025Q4', '2026Q1', '2025Q3'],
    ['202506B', '202601B', '202505B'],
    ['2025S2', '2026S1', '2025S1'],
    ['2025AprilS2', '2026AprilS1', '2025AprilS1'],
    ['2025BiW26', '2026BiW1', '2025BiW25'],
    ['2025', '2026', '2024'],
    ['2025Oct', '2026Oct', '2024Oct'],
    ['20241231', '20250101', '20241230'],
    ['20240301', '20240302', '20240229'],
  ])('%s → next %s, previous %s', (id, next, prev) => {
    expect(nextPeriod(id)?.id).toBe(next)
    expect(previousPeriod(id)?.id).toBe(prev)
  })
  it('shift by many', () => {
    expect(shiftPeriod('202503', -15)?.id).toBe('202312')
    expect(shiftPeriod('2025W9', -52)?.id).toBe('2024W9')
    expect(shiftPeriod('2025Q1', 0)?.id).toBe('2025Q1')
    expect(shiftPeriod('nope', 1)).toBeNull()
    expect(shiftPeriod('2025Q1', 1.5)).toBeNull()
  })
})

describe('periodOfDate and periodsBetween', () => {
  it('period containing a date, for every type', () => {
    const d = '2025-11-15'
    const ids = PERIOD_TYPES.map((t) => periodOfDate(t, d)?.id)
    expect(ids).toEqual(['20251115', '2025W46', '2025BiW23', '202511', '202506B', '2025Q4', '2025S2', '2025AprilS2', '2025', '2025April', '2025July', '2025Oct', '2025Nov'])
    for (const id of ids) expect(periodContains(id as string, d)).toBe(true)
    expect(periodOfDate('FinancialNov', '2025-10-31')?.id).toBe('2024Nov')
    expect(periodOfDate('SixMonthlyApril', '2026-03-31')?.id).toBe('2025AprilS2')
    expect(periodOfDate('SixMonthlyApril', '2026-01-01')?.id).toBe('2025AprilS2')
  })
  it('a day of ISO week 53 belongs to no bi-week (26 bi-weeks a year, as DHIS2)', () => {
    expect(periodOfDate('BiWeekly', '2020-12-30')).toBeNull()
    expect(periodsBetween('BiWeekly', '2020-12-10', '2021-01-20').map((p) => p.id)).toEqual(['2020BiW25', '2020BiW26', '2021BiW1', '2021BiW2'])
  })
  it('months, weeks and quarters between dates', () => {
    expect(periodsBetween('Monthly', '2024-11-15', '2025-02-01').map((p) => p.id)).toEqual(['202411', '202412', '202501', '202502'])
    expect(periodsBetween('Weekly', '2020-12-25', '2021-01-05').map((p) => p.id)).toEqual(['2020W52', '2020W53', '2021W1'])
    expect(periodsBetween('Quarterly', '2025-01-01', '2025-12-31')).toHaveLength(4)
    expect(periodsBetween('Daily', '2024-02-27', '2024-03-01')).toHaveLength(4)
    expect(periodsBetween('Monthly', '2025-02-01', '2025-01-01')).toEqual([])
    expect(periodsBetween('Monthly', 'x', '2025-01-01')).toEqual([])
  })
  it('invalid dates', () => {
    expect(periodOfDate('Monthly', '2025-02-30')).toBeNull()
    expect(periodContains('202502', 'nope')).toBe(false)
  })
})

describe('relative periods (DHIS2 semantics)', () => {
  it.each([
    ['THIS_MONTH', '2025-03-15', ['202503']],
    ['LAST_MONTH', '2025-01-01', ['202412']],
    ['LAST_3_MONTHS', '2025-03-15', ['202412', '202501', '202502']],
    ['LAST_6_MONTHS', '2025-03-15', ['202409', '202410', '202411', '202412', '202501', '202502']],
    ['THIS_QUARTER', '2025-03-31', ['2025Q1']],
    ['LAST_QUARTER', '2025-01-10', ['2024Q4']],
    ['LAST_4_QUARTERS', '2025-05-10', ['2024Q2', '2024Q3', '2024Q4', '2025Q1']],
    ['QUARTERS_THIS_YEAR', '2025-05-10', ['2025Q1', '2025Q2', '2025Q3', '2025Q4']],
    ['QUARTERS_LAST_YEAR', '2025-05-10', ['2024Q1', '2024Q2', '2024Q3', '2024Q4']],
    ['THIS_YEAR', '2025-12-31', ['2025']],
    ['LAST_YEAR', '2025-01-01', ['2024']],
    ['LAST_5_YEARS', '2025-06-01', ['2020', '2021', '2022', '2023', '2024']],
    ['THIS_WEEK', '2021-01-03', ['2020W53']],
    ['LAST_WEEK', '2021-01-04', ['2020W53']],
    ['LAST_4_WEEKS', '2021-01-12', ['2020W52', '2020W53', '2021W1']],
  ] as const)('%s on %s', (rel, ref, expected) => {
    const got = resolveRelativePeriod(rel, ref)
    if (rel === 'LAST_4_WEEKS') expect(got).toEqual(['2020W51', ...expected])
    else expect(got).toEqual(expected)
  })
  it('LAST_12_MONTHS excludes the current month; MONTHS_THIS_YEAR includes future months', () => {
    const l12 = resolveRelativePeriod('LAST_12_MONTHS', '2025-03-15')
    expect(l12).toHaveLength(12)
    expect([l12[0], l12[11]]).toEqual(['202403', '202502'])
    expect(resolveRelativePeriod('MONTHS_THIS_YEAR', '2025-03-15')).toHaveLength(12)
    expect(resolveRelativePeriod('MONTHS_LAST_YEAR', '2025-03-15')[0]).toBe('202401')
  })
  it('LAST_12_WEEKS and LAST_52_WEEKS roll over ISO weeks', () => {
    const w52 = resolveRelativePeriod('LAST_52_WEEKS', '2021-01-13')
    expect(w52).toHaveLength(52)
    expect(w52[51]).toBe('2021W1')
    expect(w52[50]).toBe('2020W53')
    expect(resolveRelativePeriod('LAST_12_WEEKS', '2025-03-05')).toHaveLength(12)
  })
  it('every relative period resolves, and a range', () => {
    for (const rel of RELATIVE_PERIOD_IDS) expect(resolveRelativePeriod(rel, '2024-02-29').length).toBeGreaterThan(0)
    expect(relativePeriodRange('LAST_3_MONTHS', '2024-03-10')).toEqual({ startDate: '2023-12-01', endDate: '2024-02-29' })
  })
  it('unknown or invalid input → []', () => {
    expect(resolveRelativePeriod('LAST_99_MONTHS', '2025-01-01')).toEqual([])
    expect(resolveRelativePeriod('LAST_MONTH', '2025-13-01')).toEqual([])
    expect(relativePeriodRange('nope', '2025-01-01')).toBeNull()
  })
})

describe('samePeriodLastYear', () => {
  it.each([
    ['20250301', '20240301'],
    ['20240229', '20230228'],
    ['20250228', '20240228'],
    ['2025W9', '2024W9'],
    ['2021W53', null],
    ['2020W53', '2019W52'],
    ['2015W53', '2014W52'], ['2021W52', '2020W52'],
    ['2025BiW3', '2024BiW3'],
    ['202503', '202403'],
    ['202501B', '202401B'],
    ['2025Q1', '2024Q1'],
    ['2025S2', '2024S2'],
    ['2025AprilS2', '2024AprilS2'],
    ['2025', '2024'],
    ['2025April', '2024April'],
    ['2025July', '2024July'],
    ['2025Oct', '2024Oct'],
    ['2025Nov', '2024Nov'],
    ['LAST_12_MONTHS', null],
    ['garbage', null],
  ])('%s → %s', (id, expected) => expect(samePeriodLastYear(id)).toBe(expected))
  it('several years and forward', () => {
    expect(samePeriodYearsAgo('20240229', 4)).toBe('20200229')
    expect(samePeriodYearsAgo('2025Q2', -1)).toBe('2026Q2')
    expect(samePeriodYearsAgo('2026W53', 6)).toBe('2020W53')
  })
})

describe('formatPeriod', () => {
  it.each([
    ['20250301', '1 mars 2025', '1 March 2025'],
    ['2025W9', 'Semaine 9, 2025 (24 févr. – 2 mars)', 'Week 9, 2025 (24 Feb – 2 Mar)'],
    ['2025BiW1', 'Bi-semaine 1, 2025 (30 déc. – 12 janv.)', 'Bi-week 1, 2025 (30 Dec – 12 Jan)'],
    ['202503', 'mars 2025', 'March 2025'],
    ['202501B', 'janvier–février 2025', 'January–February 2025'],
    ['2025Q1', 'T1 2025', 'January–March 2025'],
    ['2025S1', 'S1 2025', 'January–June 2025'],
    ['2025AprilS1', 'avril–septembre 2025', 'April–September 2025'],
    ['2025AprilS2', 'octobre 2025 – mars 2026', 'October 2025 – March 2026'],
    ['2025', '2025', '2025'],
    ['2025April', 'avril 2025 – mars 2026', 'April 2025 – March 2026'],
    ['2025Nov', 'novembre 2025 – octobre 2026', 'November 2025 – October 2026'],
    ['LAST_12_MONTHS', '12 derniers mois', 'Last 12 months'],
    ['oops', 'oops', 'oops'],
  ])('%s → %s / %s', (id, fr, en) => {
    expect(formatPeriod(id, 'fr')).toBe(fr)
    expect(formatPeriod(id, 'en')).toBe(en)
  })
  it('styles', () => {
    expect(formatPeriod('2025Q1', 'fr', { style: 'long' })).toBe('janvier–mars 2025')
    expect(formatPeriod('2025Q1', 'en', { style: 'short' })).toBe('Q1 2025')
    expect(formatPeriod('2025S2', 'en', { style: 'short' })).toBe('H2 2025')
  })
  it('French is the default locale', () => expect(formatPeriod('202503')).toBe('mars 2025'))
})

describe('calendar helpers', () => {
  it('round trip of day numbers', () => {
    for (let n = -700000; n < 800000; n += 997) expect(dayOf(isoOf(n))).toBe(n)
  })
  it('isoDateOf reads the zone the caller asks for', () => {
    const d = new Date(Date.UTC(2025, 2, 1, 23, 30))
    expect(isoDateOf(d, 'utc')).toBe('2025-03-01')
    expect(isoDateOf(new Date(NaN), 'utc')).toBe('')
  })
})
