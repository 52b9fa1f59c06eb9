/** @jest-environment node */
import { classifyValue, defaultLegendSet, isValidLegendSet, targetStatus, TRAFFIC_LIGHT, validateLegendSet, type LegendSet } from './index'

const set = (ranges: [number, number][], color = '#2e7d32'): LegendSet => ({
  name: { en: 'x', fr: 'x' },
  legends: ranges.map(([s, e], i) => ({ key: `K${i}`, name: { en: `r${i}`, fr: `p${i}` }, startValue: s, endValue: e, color })),
})

describe('validateLegendSet', () => {
  it('accepts contiguous ranges', () => expect(validateLegendSet(set([[0, 50], [50, 80], [80, 100]]))).toEqual([]))
  it.each([
    [[[0, 50], [60, 100]], 'GAP'],
    [[[0, 50], [40, 100]], 'OVERLAP'],
    [[[50, 100], [0, 50]], 'UNSORTED'],
    [[[0, 0], [0, 100]], 'EMPTY_RANGE'],
    [[[0, NaN]], 'NOT_FINITE'],
  ] as [[number, number][], string][])('%p → %s', (ranges, code) => {
    expect(validateLegendSet(set(ranges)).map((p) => p.code)).toContain(code)
  })
  it('bad colour, empty, null', () => {
    expect(validateLegendSet(set([[0, 1]], 'red'))[0].code).toBe('BAD_COLOR')
    expect(validateLegendSet(set([]))[0].code).toBe('NO_LEGENDS')
    expect(validateLegendSet(null)[0].code).toBe('NO_LEGENDS')
    expect(validateLegendSet({ legends: [null] } as never).length).toBeGreaterThan(0)
  })
  it('French messages', () => {
    expect(validateLegendSet(set([[0, 50], [60, 100]]))[0].fr).toBe('Trou entre 50 et 60')
  })
})

describe('classifyValue (DHIS2 matching: start ≤ v < end, last range closed)', () => {
  const s = set([[0, 50], [50, 80], [80, 100]])
  it.each([
    [0, 'K0'], [49.99, 'K0'], [50, 'K1'], [79.9, 'K1'], [80, 'K2'], [100, 'K2'],
  ])('%p → %s', (v, key) => expect(classifyValue(v, s)?.key).toBe(key))
  it.each([-1, 100.01, NaN, null, undefined])('%p → null', (v) => expect(classifyValue(v as number, s)).toBeNull())
  it('no set', () => expect(classifyValue(5, null)).toBeNull())
})

describe('defaultLegendSet', () => {
  it('higher is better, target 80 %', () => {
    const l = defaultLegendSet({ direction: 'higher-is-better', target: 80 }) as LegendSet
    expect(l.legends.map((x) => [x.key, x.startValue, x.endValue])).toEqual([['RED', 0, 64], ['AMBER', 64, 80], ['GREEN', 80, 100]])
    expect(isValidLegendSet(l)).toBe(true)
    expect(classifyValue(80, l)?.key).toBe('GREEN')
    expect(classifyValue(70, l)?.color).toBe(TRAFFIC_LIGHT.AMBER.color)
    expect(classifyValue(30, l)?.name.fr).toBe('Insuffisant')
    expect(l.name.fr).toBe('Plus élevé = mieux, objectif 80')
  })
  it('lower is better, target 10 % (e.g. low birth weight)', () => {
    const l = defaultLegendSet({ direction: 'lower-is-better', target: 10, amberBand: 0.5 }) as LegendSet
    expect(l.legends.map((x) => [x.key, x.startValue, x.endValue])).toEqual([['GREEN', 0, 10], ['AMBER', 10, 15], ['RED', 15, 100]])
    expect(classifyValue(5, l)?.key).toBe('GREEN')
    expect(classifyValue(40, l)?.key).toBe('RED')
  })
  it('targets above 100 widen the scale; invalid options → null', () => {
    expect(defaultLegendSet({ direction: 'higher-is-better', target: 150 })?.legends[2].endValue).toBe(1000)
    expect(defaultLegendSet({ direction: 'higher-is-better', target: 0 })).toBeNull()
    expect(defaultLegendSet({ direction: 'higher-is-better', target: 50, amberBand: 1.5 })).toBeNull()
    expect(defaultLegendSet({ direction: 'higher-is-better', target: NaN })).toBeNull()
  })
  it('two ranges when the amber band reaches the scale end', () => {
    const l = defaultLegendSet({ direction: 'lower-is-better', target: 90, amberBand: 0.5 }) as LegendSet
    expect(l.legends.map((x) => x.key)).toEqual(['GREEN', 'AMBER'])
  })
})

describe('targetStatus', () => {
  it('by direction', () => {
    expect(targetStatus(80, 80, 'higher-is-better')).toBe('met')
    expect(targetStatus(79, 80, 'higher-is-better')).toBe('not-met')
    expect(targetStatus(10, 10, 'lower-is-better')).toBe('met')
    expect(targetStatus(null, 10, 'lower-is-better')).toBeNull()
  })
})
