/** @jest-environment node */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildTable, parseCsv } from './build-tables'
import { decodeTable, TABLES } from './tables'
import { WHO_GROWTH_TABLES } from './tables.data'

const SHARED = join(__dirname, '../../../../shared/who-growth')

const files = [
  ['wfa', 'wfa_lms_by_day.csv', 'age_days', 1],
  ['lfa', 'lfa_lms_by_day.csv', 'age_days', 1],
  ['mfa', 'muac_lms_by_day.csv', 'age_days', 1],
  ['wfl', 'wfl_lms_by_length.csv', 'length_cm', 10],
] as const

describe('bundled LMS tables', () => {
  it.each(files)('%s decodes to exactly the published numbers', (name, file, key, factor) => {
    const rows = parseCsv(readFileSync(join(SHARED, file), 'utf8'))
    const t = TABLES[name]
    expect(rows).toHaveLength(t.count * 2)
    for (const r of rows) {
      const x = r.sex === '1' ? 0 : 1
      const k = Math.round(Number(r[key]) * factor)
      const i = (x * t.count + k - t.start) * 3
      expect([t.lms[i], t.lms[i + 1], t.lms[i + 2]]).toEqual([Number(r.l), Number(r.m), Number(r.s)])
    }
  })
  it.each(files)('%s: committed data equals a fresh build (regenerate with build-tables.ts)', (name, file, key, factor) => {
    const fresh = buildTable(readFileSync(join(SHARED, file), 'utf8'), { name, file, key, keyFactor: factor })
    expect(fresh).toEqual(WHO_GROWTH_TABLES[name])
  })
  it('ranges', () => {
    expect([TABLES.wfa.start, TABLES.wfa.end]).toEqual([0, 1826])
    expect([TABLES.lfa.start, TABLES.lfa.end]).toEqual([0, 1826])
    expect([TABLES.mfa.start, TABLES.mfa.end]).toEqual([91, 1826])
    expect([TABLES.wfl.start, TABLES.wfl.end]).toEqual([450, 1100])
  })
  it('rejects a corrupt table', () => {
    expect(() => decodeTable({ start: 0, count: 2, scale: [0, 0, 0], l: [1], m: [1], s: [1] })).toThrow()
  })
  it('the generator rejects gaps and mismatched sexes', () => {
    const spec = { name: 'wfa', file: 'x.csv', key: 'age_days', keyFactor: 1 } as const
    expect(() => buildTable('sex,age_days,l,m,s\n1,0,1,2,3\n1,2,1,2,3\n2,0,1,2,3\n2,1,1,2,3', spec)).toThrow(/gap/)
    expect(() => buildTable('sex,age_days,l,m,s\n1,0,1,2,3\n2,0,1,2,3\n2,1,1,2,3', spec)).toThrow(/row count/)
    expect(() => buildTable('sex,age_days,l,m,s\n3,0,1,2,3', spec)).toThrow(/sex/)
  })
})
