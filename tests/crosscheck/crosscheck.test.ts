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
import { analyticsMetadata, formatMismatches, newestBundlePath, pickOrgUnits, runCrossCheck, trackerIndicators } from './harness'

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
