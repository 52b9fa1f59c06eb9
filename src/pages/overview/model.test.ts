/** @jest-environment node */
import { parseAnalytics } from '../../data/analytics'
import { dashboardIndicators, dxItems, monthsOf, planPeriods } from '../../data/dashboards'
import { CATALOG, indicatorByCode } from '../../domain/indicators/catalog'
import { analyticsSource, figureOf, gridFigures, indicatorFigures, legendColor, overviewSections } from './model'
import { analyticsGrid } from './test-fixtures'

const OU = 'BFaso000001'
const byCode = new Map(CATALOG.map((d) => [d.code, d]))
const def = (code: string) => indicatorByCode(code)!

describe('period plan', () => {
  it('Jun–Dec 2019 style: a quarter, the same quarter a year before, 12 sparkline months, one list', () => {
    const p = planPeriods('2019Q4', '2025-03-10')!
    expect(p.current).toEqual(['201910', '201911', '201912'])
    expect(p.previous).toEqual(['201810', '201811', '201812'])
    expect(p.spark).toHaveLength(12)
    expect(p.spark[0]).toBe('201901')
    expect(p.all).toHaveLength(15)
    expect(p.startDate).toBe('2019-10-01')
    expect(p.previousEndDate).toBe('2018-12-31')
  })

  it('resolves relative periods against today', () => {
    const p = planPeriods('LAST_12_MONTHS', '2025-03-10')!
    expect(p.current[0]).toBe('202403')
    expect(p.current[11]).toBe('202502')
    expect(p.previous[0]).toBe('202303')
    expect(p.all).toHaveLength(24)
    expect(monthsOf('THIS_YEAR', '2025-03-10')).toHaveLength(12)
    expect(monthsOf('2024', '2025-03-10')).toHaveLength(12)
    expect(planPeriods('nonsense', '2025-03-10')).toBeNull()
  })
})

describe('dx items', () => {
  it('asks numerators and denominators of every dashboard indicator once, derived ones through their source', () => {
    const defs = dashboardIndicators()
    expect(defs.some((d) => d.code === 'ANC_YOY')).toBe(true)
    expect(defs.some((d) => d.entryPoint === 'crossCutting')).toBe(false)
    const dx = dxItems(defs)
    expect(new Set(dx.map((d) => d.uid)).size).toBe(dx.length)
    expect(dx.filter((d) => d.code === 'ANC_FPC').map((d) => d.side)).toEqual(['numerator', 'denominator'])
    expect(dx.filter((d) => d.code === 'ANC_VISITS').map((d) => d.side)).toEqual(['numerator'])
    for (const d of dx) expect(d.uid).toMatch(/^[A-Za-z][A-Za-z0-9]{10}$/)
  })
})

describe('figures from an analytics grid (INSPiRE seed figures)', () => {
  // Burkina site, Jun–Dec 2019 vs 2018: ANC contacts +41 %, immediate PPFP +37 %, FP counselling at ANC
  const months19 = ['201906', '201907', '201908', '201909', '201910', '201911', '201912']
  const months18 = months19.map((m) => `2018${m.slice(4)}`)
  const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
  months19.forEach((m, i) => {
    rows.push(['ANC_VISITS', 'numerator', m, OU, i === 0 ? 23 : 20]) // 143
    rows.push(['ANC_FPC', 'numerator', m, OU, 15])
    rows.push(['ANC_FPC', 'denominator', m, OU, 20])
    rows.push(['PPFP_IMM', 'numerator', m, OU, i < 3 ? 10 : 11]) // 74
    rows.push(['PPFP_IMM', 'denominator', m, OU, 40])
  })
  months18.forEach((m, i) => {
    rows.push(['ANC_VISITS', 'numerator', m, OU, i === 0 ? 17 : 15]) // 107 → (143−107)/107 = +33.6 %
    rows.push(['PPFP_IMM', 'numerator', m, OU, i < 4 ? 8 : 7]) // 53 → +39.6 %
    rows.push(['PPFP_IMM', 'denominator', m, OU, 40])
  })
  const res = parseAnalytics(analyticsGrid(rows))
  const src = analyticsSource(res, dxItems(CATALOG))

  it('sums counts and computes percentages from summed sides', () => {
    expect(figureOf(def('ANC_VISITS'), src, months19, OU, byCode)).toEqual({ value: 143, numerator: 143, denominator: null })
    const fpc = figureOf(def('ANC_FPC'), src, months19, OU, byCode)
    expect(fpc).toEqual({ value: 75, numerator: 105, denominator: 140 })
  })

  it('computes the year-over-year indicators from the same grid', () => {
    const yoy = figureOf(def('ANC_YOY'), src, months19, OU, byCode)
    expect(yoy.numerator).toBe(36)
    expect(yoy.denominator).toBe(107)
    expect(yoy.value).toBeCloseTo((36 / 107) * 100, 6)
    const ppfp = figureOf(def('PPFP_YOY'), src, months19, OU, byCode)
    expect(ppfp.value).toBeCloseTo(((74 - 53) / 53) * 100, 6)
  })

  it('gives change vs last year: relative for counts, points for percentages', () => {
    const plan = { ...planPeriods('2019Q4', '2025-01-01')!, current: months19, previous: months18 }
    const anc = indicatorFigures(def('ANC_VISITS'), src, plan, OU, byCode)
    expect(anc.change?.kind).toBe('relative')
    expect(anc.change?.amount).toBeCloseTo((36 / 107) * 100, 6)
    const ppfp = indicatorFigures(def('PPFP_IMM'), src, plan, OU, byCode)
    expect(ppfp.value).toBeCloseTo(26.43, 2)
    expect(ppfp.previous.value).toBeCloseTo(18.93, 2)
    expect(ppfp.change?.kind).toBe('points')
    expect(ppfp.change?.amount).toBeCloseTo(7.5, 6)
    // sparkline: 12 months ending Dec 2019; months without any row are null (not 0)
    expect(anc.spark.map((s) => s.value)).toEqual([null, null, null, null, null, 23, 20, 20, 20, 20, 20, 20])
  })

  it('treats a missing side as zero when the other side has data, and no data as null', () => {
    const r = parseAnalytics(analyticsGrid([['ANC_FPC', 'denominator', '201901', OU, 12]]))
    const s = analyticsSource(r, dxItems(CATALOG))
    expect(figureOf(def('ANC_FPC'), s, ['201901'], OU, byCode)).toEqual({ value: 0, numerator: 0, denominator: 12 })
    expect(figureOf(def('ANC_FPC'), s, ['201902'], OU, byCode)).toEqual({ value: null, numerator: null, denominator: null })
  })

  it('builds the four entry-point sections and a children grid', () => {
    const plan = planPeriods('2019Q4', '2025-01-01')!
    const sections = overviewSections(dashboardIndicators(), src, plan, OU, ['prenatal', 'delivery', 'postnatal', 'infant'], CATALOG)
    expect(sections.map((s) => s.entryPoint)).toEqual(['prenatal', 'delivery', 'postnatal', 'infant'])
    expect(sections[0].figures.find((f) => f.code === 'ANC_VISITS')?.value).toBe(60)
    const grid = gridFigures([def('ANC_FPC')], src, plan, [OU, 'other000001'], CATALOG)
    expect(grid.get(OU)?.get('ANC_FPC')?.value).toBe(75)
    expect(grid.get('other000001')?.get('ANC_FPC')?.value).toBeNull()
  })
})

describe('legend colours', () => {
  const legend = { bands: [{ color: 'red' as const, start: 0, end: 40 }, { color: 'yellow' as const, start: 40, end: 70 }, { color: 'green' as const, start: 70, end: 1000 }] }
  it('follows DHIS2 band semantics', () => {
    expect(legendColor(39.99, legend)).toBe('red')
    expect(legendColor(40, legend)).toBe('yellow')
    expect(legendColor(70, legend)).toBe('green')
    expect(legendColor(1500, legend)).toBe('green')
    expect(legendColor(null, legend)).toBeNull()
    expect(legendColor(50, undefined)).toBeNull()
  })
})
