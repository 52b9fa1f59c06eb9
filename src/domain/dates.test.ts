/** @jest-environment node */
import { dayNumber, isoOfDay, shiftYears } from './dates'

describe('dates', () => {
  it('parses date and date-time to day numbers', () => {
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(dayNumber('2024-03-01T10:00:00.000')).toBe(dayNumber('2024-02-29') + 1)
    expect(dayNumber('2025-01-01') - dayNumber('2024-01-01')).toBe(366)
  })
  it('rejects impossible or malformed dates', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-4-01', 'yesterday', '', null, 20240101, '2024-01-01X'])
      expect(dayNumber(bad)).toBeNaN()
  })
  it('round-trips and shifts years', () => {
    for (const s of ['2024-02-29', '1999-12-31', '2030-07-04']) expect(isoOfDay(dayNumber(s))).toBe(s)
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28')
    expect(shiftYears('2025-03-31', -1)).toBe('2024-03-31')
  })
})
