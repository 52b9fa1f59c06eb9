/** @jest-environment node */
/**
 * The pieces added for speed (docs/decisions/0351-pair-engine-performance.md) keep the semantics of
 * what they replace: UidTable answers like a Map, isNumberText like `+v` (finite, not blank), the
 * engine's day-number period test like the string comparison it replaced (invalid dates included),
 * the org-unit cache like a lookup per event, and the linker gives the same pairs with or without
 * the parser's index.
 */
import { DE } from '../../../metadata/src/vocabulary'
import { computeIndicators } from '../indicators/engine'
import { OU, OU2, TrackerBuilder } from '../test-utils/builder'
import { generateSynthetic, prng } from '../test-utils/synthetic'
import { buildPairs } from './link'
import { isNumberText, parseTrackedEntities } from './parse'
import { UidTable } from './uidTable'

describe('UidTable', () => {
  it('answers like a Map, for present, absent, short, empty and non-string keys', () => {
    const entries: [string, number][] = [
      ['Ab3dE5fGh7J', 1],
      ['Ab3dE5fGh7K', 2], // same bucket as the first
      ['Zz0000000001', 3],
      ['x', 4],
      ['', 5],
      ['é9', 6],
    ]
    const map = new Map(entries)
    const table = new UidTable(entries)
    for (const k of [...map.keys(), 'Ab3dE5fGh7', 'Ab3dE5fGh7JJ', 'ab3dE5fGh7J', 'y', 'é', ' ', undefined, null, 7, {}]) {
      expect(table.get(k)).toBe(map.get(k as string))
    }
  })

  it('keeps the last value of a repeated key, as a Map does', () => {
    const entries: [string, string][] = [['Ab3dE5fGh7J', 'first'], ['Ab3dE5fGh7J', 'last']]
    expect(new UidTable(entries).get('Ab3dE5fGh7J')).toBe(new Map(entries).get('Ab3dE5fGh7J'))
  })

  it('finds keys built at run time (not the same string object)', () => {
    const table = new UidTable([['Ab3dE5fGh7J', 1]])
    const copy = JSON.parse(JSON.stringify({ k: 'Ab3dE5fGh7J' })).k as string
    expect(table.get(copy)).toBe(1)
  })
})

describe('isNumberText', () => {
  const reference = (v: string): boolean => {
    const n = +v
    return !(n !== n || n === Infinity || n === -Infinity || v.trim() === '')
  }

  it('agrees with the general rule on tricky texts', () => {
    const texts = ['0', '7', '-3', '3.25', '-0.5', '.5', '1.', '-.5', '-', '.', '', ' ', ' 12 ', '12 ', '1.2.3', '1,5', '1e3', '1e400', '-1e400',
      'Infinity', '-Infinity', 'NaN', '0x10', '0b11', '+5', '12abc', 'abc', '007', '123456789012345', '1234567890123456', '١٢']
    for (const t of texts) expect([t, isNumberText(t)]).toEqual([t, reference(t)])
  })

  it('agrees with the general rule on random texts of digits, signs, dots, spaces and letters', () => {
    const rnd = prng(99)
    const alphabet = '0123456789-.+ eExa'
    for (let i = 0; i < 20000; i++) {
      let t = ''
      const n = Math.floor(rnd() * 18)
      for (let k = 0; k < n; k++) t += alphabet[Math.floor(rnd() * alphabet.length)]
      if (isNumberText(t) !== reference(t)) throw new Error(`isNumberText(${JSON.stringify(t)})`)
    }
  })
})

describe('engine: period test on day numbers', () => {
  it('counts like the string comparison of the event date with the period bounds, invalid dates included', () => {
    // Unparsed records (the engine accepts them): an impossible calendar date keeps the string rule.
    const b = new TrackerBuilder()
    const dates = ['2024-01-01', '2024-01-01T00:00:00.000', '2023-12-31T23:59:59.999', '2024-12-31T23:59', '2025-01-01', '2024-02-30T00:00:00.000', '2024-13-01', '2024-1-5', '20240105', '2024-06-15 08:00', '2024-06-15X']
    for (const d of dates) b.anc(b.mother(), d, { [DE.ANC_CONTACT_NO]: '1' })
    const r = computeIndicators(b.entities, { period: { start: '2024-01-01', end: '2024-12-31' }, inScope: () => true, codes: ['ANC1'] })
    const inStrings = dates.filter((d) => d >= '2024-01-01' && d < '2025-01-01').length
    expect(r.values.ANC1.numerator).toBe(inStrings)
    expect(inStrings).toBe(9) // of 11, 4 of them not valid calendar dates
  })
})

describe('engine: org-unit scope and groups looked up once per run of events', () => {
  it('alternating org units are each checked against the scope and counted in their group', () => {
    const b = new TrackerBuilder()
    const ous = [OU, OU2, OU, OU, 'OuOutside01', OU2, 'OuOutside01', OU]
    for (const ou of ous) b.anc(b.mother({ orgUnit: ou }), '2024-06-15', { [DE.ANC_CONTACT_NO]: '1' })
    // events carry the enrollment org unit; give each its own
    b.entities.forEach((te, i) => (te.enrollments[0].events[0].orgUnit = ous[i]))
    const calls: string[] = []
    const r = computeIndicators(b.entities, {
      period: { start: '2024-01-01', end: '2024-12-31' },
      inScope: (ou) => {
        calls.push(ou)
        return ou !== 'OuOutside01'
      },
      groupOf: (ou) => (ou === OU ? 'g1' : 'g2'),
      codes: ['ANC1'],
    })
    expect(calls.sort()).toEqual([OU, OU2, 'OuOutside01'].sort()) // once per org unit
    expect(r.values.ANC1.numerator).toBe(6)
    expect(r.byGroup.g1.ANC1.numerator).toBe(4)
    expect(r.byGroup.g2.ANC1.numerator).toBe(2)
  })
})

describe('linker: nodes without the parser index', () => {
  it('gives the same pairs and problems with its own index, and ignores a second record with the same UID', () => {
    const entities = generateSynthetic({ pairs: 300, seed: 5, orgUnits: 4 })
    const parsed = parseTrackedEntities(JSON.parse(JSON.stringify(entities)))
    const withIndex = buildPairs(parsed.entities, undefined, parsed.index)
    const own = buildPairs(parsed.entities)
    expect(own).toEqual(withIndex)
    // a second record with the same UID (not through the parser): ignored
    const twice = buildPairs([...parsed.entities, { ...parsed.entities[0] }])
    expect(twice.pairs.length).toBe(withIndex.pairs.length)
    expect(twice.mothers.length).toBe(withIndex.mothers.length)
  })
})
