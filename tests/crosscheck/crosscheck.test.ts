/** @jest-environment node */
/**
 * Cross-check (issue 8): the metadata package's program indicators mean what the catalog says.
 * For the country, a region, a district and a facility, for months, quarters and a year, every
 * catalog tracker indicator computed by the pair engine equals the sandbox analytics value of its
 * program indicators (numerators and denominators exactly), on deterministic synthetic data.
 */
import { readFileSync } from 'node:fs'
import { DE, STAGE, ids } from '../../metadata/src/vocabulary'
import { uid } from '../../metadata/src/uid'
import { CATALOG } from '../../src/domain/indicators/catalog'
import { generate } from '../../sandbox/generator'
import { EDGE_MONTH, withEdgeCases } from './edgeCases'
import { analyticsMetadata, formatMismatches, newestBundlePath, pickOrgUnits, runCrossCheck, trackerIndicators, type CrossCheckRun } from './harness'

const PAIRS = 3000
const PERIODS = ['202503', '202511', '2025Q2', '2026Q1', '2025']

const data = generate({ seed: 20251, pairs: PAIRS })
const orgUnits = pickOrgUnits(data)

describe('harness', () => {
  it('picks the country, a region, a district and a facility', () => {
    expect(orgUnits.map((o) => o.level)).toEqual([1, 2, 3, 4])
  })

  // The harness must be able to fail: a faithful hand translation of two indicators agrees with
  // the engine, and the same program indicator with a wrong filter is caught with a readable diff.
  const ANC = ids.stage(STAGE.ANC)
  const de = (code: string) => `#{${ANC}.${ids.dataElement(code)}}`
  const status = `(V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED')`
  const onAnc = `V{program_stage_id} == '${ANC}' && ${status}`
  const pi = (code: string, filter: string) => ({
    id: uid('programIndicator', code),
    code,
    name: code,
    shortName: code,
    program: { id: ids.program('DYAD_MOTHER') },
    analyticsType: 'EVENT',
    expression: 'V{event_count}',
    filter,
    aggregationType: 'COUNT',
    analyticsPeriodBoundaries: [
      { boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'AFTER_START_OF_REPORTING_PERIOD' },
      { boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'BEFORE_END_OF_REPORTING_PERIOD' },
    ],
  })
  const subset = CATALOG.filter((d) => d.code === 'ANC_FPC' || d.code === 'ANC1')
  const faithful = [
    pi('DYAD_PI_ANC_FPC_NUM', `${onAnc} && (d2:hasValue(${de(DE.FP_COUNSELLED)}) && ${de(DE.FP_COUNSELLED)} == 1)`),
    pi('DYAD_PI_ANC_FPC_DEN', onAnc),
    pi('DYAD_PI_ANC1_NUM', `${onAnc} && (d2:hasValue(${de(DE.ANC_CONTACT_NO)}) && ${de(DE.ANC_CONTACT_NO)} == 1)`),
  ]

  it('a faithful translation agrees exactly', () => {
    const run = runCrossCheck(data, analyticsMetadata({ programIndicators: faithful }), orgUnits, PERIODS, subset)
    expect(run.analyticsErrors).toEqual([])
    expect(run.missingInBundle).toEqual([])
    expect(run.compared).toBe(3 * orgUnits.length * PERIODS.length)
    expect(run.nonZero).toBeGreaterThan(run.compared / 2)
    expect(formatMismatches(run.mismatches)).toBe('')
  })

  it('a wrong filter is caught, with indicator, org unit, period and both values', () => {
    const wrong = faithful.map((p) => (p.code === 'DYAD_PI_ANC_FPC_NUM' ? { ...p, filter: `${onAnc} && ${de(DE.FP_COUNSELLED)} != 1` } : p))
    const run = runCrossCheck(data, analyticsMetadata({ programIndicators: wrong }), orgUnits, PERIODS, subset)
    expect(run.mismatches.length).toBeGreaterThan(0)
    expect(new Set(run.mismatches.map((m) => m.programIndicator))).toEqual(new Set(['DYAD_PI_ANC_FPC_NUM']))
    expect(formatMismatches(run.mismatches)).toMatch(/ANC_FPC numerator \(DYAD_PI_ANC_FPC_NUM\) · .+ \[\w{11}\] · \d{4}\S*: pair engine \d+ ≠ analytics \d+/)
  })
})

describe('metadata package vs catalog', () => {
  const file = newestBundlePath()

  it('the metadata bundle is built (metadata/dist/dyad-metadata-<version>.json)', () => {
    // Without the bundle there is nothing to prove: this fails rather than pass vacuously.
    expect(file).not.toBeNull()
  })

  const bundle = file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null
  const testIf = bundle ? it : it.skip

  testIf('every catalog tracker indicator has its program indicators in the bundle', () => {
    const run = runCrossCheck(data, analyticsMetadata(bundle!), [], [], CATALOG)
    expect(run.missingInBundle).toEqual([])
  })

  testIf(`pair engine = sandbox analytics for every tracker indicator (${PAIRS} pairs; country, region, district, facility; ${PERIODS.join(', ')})`, () => {
    const run = runCrossCheck(data, analyticsMetadata(bundle!), orgUnits, PERIODS, CATALOG)
    expect(run.analyticsErrors).toEqual([])
    const expected = trackerIndicators().reduce((n, d) => n + (d.programIndicators!.denominator ? 2 : 1), 0) - run.missingInBundle.length
    expect(run.compared).toBe(expected * orgUnits.length * PERIODS.length)
    if (run.mismatches.length > 0) {
      const byIndicator = new Map<string, number>()
      for (const m of run.mismatches) byIndicator.set(m.programIndicator, (byIndicator.get(m.programIndicator) ?? 0) + 1)
      throw new Error(
        `${run.mismatches.length} of ${run.compared} comparisons differ (${[...byIndicator].map(([k, n]) => `${k}×${n}`).join(', ')}):\n${formatMismatches(run.mismatches)}`,
      )
    }
  })
})

describe('metadata package vs catalog on adversarial records (edge cases derived from every rule)', () => {
  const file = newestBundlePath()
  const bundle = file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null
  const testIf = bundle ? it : it.skip
  // A small realistic background plus, per program indicator, one record per way of (almost) failing its rule.
  const edge = withEdgeCases(generate({ seed: 7, pairs: 60 }))
  const byId = new Map(edge.data.orgUnits.map((o) => [o.id, o]))
  const chain = edge.facility.path.split('/').filter(Boolean).map((id) => byId.get(id)!)
  const EDGE_PERIODS = [EDGE_MONTH.id, '202502', '202504', '2025Q1', '2025']
  const bundlePIs = (): Array<Record<string, unknown> & { id: string; code: string; filter: string }> =>
    (bundle!.programIndicators as Array<Record<string, unknown> & { id: string; code: string; filter: string }>).map((p) => ({ ...p }))
  const differing = (run: CrossCheckRun): string[] => [...new Set(run.mismatches.map((m) => m.programIndicator))].sort()

  testIf(`pair engine = sandbox analytics on ${edge.variants} edge records (facility and its ancestors; month, neighbours, quarter, year)`, () => {
    const run = runCrossCheck(edge.data, analyticsMetadata(bundle!), chain, EDGE_PERIODS, CATALOG)
    expect(run.analyticsErrors).toEqual([])
    expect(run.missingInBundle).toEqual([])
    expect(run.nonZero).toBe(run.compared) // every program indicator counts something in every cell
    if (run.mismatches.length > 0) throw new Error(`${run.mismatches.length} of ${run.compared} comparisons differ:\n${formatMismatches(run.mismatches)}`)
  })

  // The edge records must catch the translation mistakes the clean synthetic data may let through.
  const mutations: [string, string, (f: string) => string][] = [
    ['no event-status condition (SCHEDULE events counted)', 'DYAD_PI_ANC_FPC_DEN', (f) => f.replace(/ && \(V\{event_status\} == 'ACTIVE' \|\| V\{event_status\} == 'COMPLETED'\)/, '')],
    ['unguarded comparison (a missing birth weight is 0 < 2500)', 'DYAD_PI_LBW_NUM', (f) => f.replace(/\(d2:hasValue\((#\{[^}]+\})\) && \1 < 2500\)/, '$1 < 2500')],
    ['< written <=', 'DYAD_PI_LBW_NUM', (f) => f.replace(' < 2500', ' <= 2500')],
    ['age window max inclusive', 'DYAD_PI_EBF_NUM', (f) => f.replace(/V\{event_date\}\) < (\d+)/, 'V{event_date}) <= $1')],
    ['no stage condition', 'DYAD_PI_ANC_FPC_DEN', (f) => f.replace(/V\{program_stage_id\} == '\w+' && /, '')],
  ]
  for (const [what, code, mutate] of mutations) {
    testIf(`a wrong translation is caught: ${what} (${code})`, () => {
      const pis = bundlePIs()
      const target = pis.find((p) => p.code === code)
      expect(target).toBeDefined()
      const before = target!.filter
      target!.filter = mutate(before)
      expect(target!.filter).not.toBe(before) // the mutation applies to the bundle's filter
      const run = runCrossCheck(edge.data, analyticsMetadata({ ...bundle!, programIndicators: pis }), chain, EDGE_PERIODS, CATALOG)
      expect(differing(run)).toEqual([code])
    })
  }
})
