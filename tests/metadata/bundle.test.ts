/** @jest-environment node */
/**
 * The built bundle: byte-identical rebuilds, the committed file is up to date, it validates with
 * French everywhere on 2.40/2.41/2.42, and every catalog indicator has its DHIS2 objects.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CATALOG } from '../../src/domain/indicators/catalog'
import { AGG_DATA_ELEMENTS, CATEGORIES, CATEGORY_COMBOS, aggItems, categoryOptionCombos, cocId } from '../../metadata/src/aggregate'
import { buildBundle, bundleFileName, checkCollisions, collections, DIST, packageVersion, serialize, UidCollisionError } from '../../metadata/src/build'
import type { D2Object } from '../../metadata/src/common'
import { ruleFilter } from '../../metadata/src/indicators'
import { uid } from '../../metadata/src/uid'
import { validateMetadata } from '../../metadata/src/validate'
import { DE, STAGE, ids } from '../../metadata/src/vocabulary'

type Bundle = Record<string, unknown>
const list = (b: Bundle, k: string): D2Object[] => (Array.isArray(b[k]) ? (b[k] as D2Object[]) : [])

describe('metadata bundle', () => {
  const version = packageVersion()
  const text = serialize(buildBundle(version))
  const bundle = JSON.parse(text) as Bundle

  it('rebuilds byte-identically', () => {
    expect(serialize(buildBundle(version))).toBe(text)
  })

  it('the committed metadata/dist file is the current build (run `npm run metadata -- build`)', () => {
    const committed = readFileSync(path.join(DIST, bundleFileName(version)), 'utf8')
    expect(committed === text).toBe(true)
  })

  it('has a package header', () => {
    expect(bundle.package).toEqual(expect.objectContaining({ code: 'DYAD', version, minDHIS2Version: '2.40', locales: ['en', 'fr'], type: 'TRK+AGG' }))
  })

  it.each(['2.40', '2.41', '2.42'] as const)('validates on DHIS2 %s with French translations, no error and no warning', (v) => {
    const r = validateMetadata(bundle, { version: v, requireLocales: ['fr'], strict: true })
    expect(r.errors.map((e) => `${e.type} ${e.code ?? e.id} ${e.path}: ${e.message}`)).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.expressionsParsed).toBeGreaterThan(250)
  })

  it('every object and every reference carries an id; no UID is used twice', () => {
    expect(() => checkCollisions(collections())).not.toThrow()
    const refsWithoutId: string[] = []
    const walk = (v: unknown, where: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`))
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>
        const keys = Object.keys(o)
        if (['program', 'programStage', 'dataElement', 'optionSet', 'categoryCombo', 'trackedEntityType', 'trackedEntityAttribute', 'dataSet', 'programRule', 'indicatorType'].some((k) => keys.includes(k) && (typeof o[k] !== 'object' || typeof (o[k] as { id?: unknown }).id !== 'string'))) refsWithoutId.push(where)
        for (const k of keys) if (k !== 'sharing' && k !== 'translations') walk(o[k], `${where}.${k}`)
      }
    }
    for (const [k, v] of Object.entries(bundle)) if (k !== 'package') walk(v, k)
    expect(refsWithoutId).toEqual([])
  })

  it('fails the build on a UID collision', () => {
    const cols = collections()
    const twin = { ...cols.dataElements[1], id: cols.dataElements[0].id }
    expect(() => checkCollisions({ ...cols, dataElements: [...cols.dataElements, twin] })).toThrow(UidCollisionError)
  })

  it('every catalog tracker indicator has its program indicator(s) and indicator, and every Dyad PI belongs to one', () => {
    const pis = new Map(list(bundle, 'programIndicators').map((p) => [p.code as string, p]))
    const inds = new Set(list(bundle, 'indicators').map((p) => p.code as string))
    const expected = new Set<string>()
    for (const d of CATALOG) {
      if (d.kind !== 'tracker') continue
      expect(d.programIndicators).toBeDefined()
      const num = d.programIndicators?.numerator as string
      expected.add(num)
      expect(pis.get(num)?.id).toBe(uid('programIndicator', num))
      if (d.denominator) {
        const den = d.programIndicators?.denominator as string
        expected.add(den)
        expect(pis.has(den)).toBe(true)
      }
      expect(inds.has(`DYAD_IN_${d.code}`)).toBe(true)
    }
    expect([...pis.keys()].sort()).toEqual([...expected].sort())
    for (const d of CATALOG.filter((x) => x.kind === 'aggregate')) expect(inds.has(d.indicatorCode as string)).toBe(true)
  })

  it('tracker indicators are I{num}/I{den} (or /1) with the right indicator type', () => {
    const types = new Map(list(bundle, 'indicatorTypes').map((t) => [t.id, t.factor]))
    const byCode = new Map(list(bundle, 'indicators').map((p) => [p.code as string, p]))
    for (const d of CATALOG.filter((x) => x.kind === 'tracker')) {
      const ind = byCode.get(`DYAD_IN_${d.code}`) as D2Object
      expect(ind.numerator).toBe(`I{${uid('programIndicator', `DYAD_PI_${d.code}_NUM`)}}`)
      expect(ind.denominator).toBe(d.denominator ? `I{${uid('programIndicator', `DYAD_PI_${d.code}_DEN`)}}` : '1')
      expect(types.get((ind.indicatorType as { id: string }).id)).toBe(d.factor)
    }
  })

  it('translates rules into guarded PI filters on the stage and the event status', () => {
    const anc = ids.stage(STAGE.ANC)
    const de = (c: string) => `#{${anc}.${ids.dataElement(c)}}`
    expect(ruleFilter({ kind: 'events', stage: STAGE.ANC, where: [{ de: DE.FP_COUNSELLED, op: 'eq', value: 'true' }] })).toBe(
      `V{program_stage_id} == '${anc}' && (V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED') && (d2:hasValue(${de(DE.FP_COUNSELLED)}) && ${de(DE.FP_COUNSELLED)} == 1)`,
    )
    expect(ruleFilter({ kind: 'events', stage: STAGE.ANC, where: [{ de: DE.ANC_GEST_AGE_WEEKS, op: 'lt', value: 12 }] })).toContain(`(d2:hasValue(${de(DE.ANC_GEST_AGE_WEEKS)}) && ${de(DE.ANC_GEST_AGE_WEEKS)} < 12)`)
    expect(ruleFilter({ kind: 'events', stage: STAGE.ANC, where: [{ de: DE.HIV_RESULT, op: 'in', values: ['POSITIVE', 'KNOWN_POSITIVE'] }] })).toContain(`${de(DE.HIV_RESULT)} == 'POSITIVE' || ${de(DE.HIV_RESULT)} == 'KNOWN_POSITIVE'`)
    expect(ruleFilter({ kind: 'events', stage: STAGE.INFANT_VISIT, where: [{ ageDays: { min: 0, max: 183 } }] })).toContain('(d2:daysBetween(V{incident_date}, V{event_date}) >= 0 && d2:daysBetween(V{incident_date}, V{event_date}) < 183)')
    expect(() => ruleFilter({ kind: 'events', stage: STAGE.ANC, where: [{ de: DE.FP_COUNSELLED, op: 'lt', value: 1 }] })).toThrow(/numeric comparison/)
    expect(() => ruleFilter({ kind: 'events', stage: 'NOPE', where: [] })).toThrow(/unknown stage/)
  })

  it('program indicators count events in the reporting period by event date', () => {
    for (const p of list(bundle, 'programIndicators')) {
      expect(p).toEqual(expect.objectContaining({ analyticsType: 'EVENT', expression: 'V{event_count}', aggregationType: 'COUNT' }))
      expect((p.analyticsPeriodBoundaries as { boundaryTarget: string; analyticsPeriodBoundaryType: string }[]).map((b) => `${b.boundaryTarget}:${b.analyticsPeriodBoundaryType}`)).toEqual([
        'EVENT_DATE:AFTER_START_OF_REPORTING_PERIOD',
        'EVENT_DATE:BEFORE_END_OF_REPORTING_PERIOD',
      ])
      expect((p.shortName as string).length).toBeLessThanOrEqual(50)
    }
  })

  it('ships every category option combo, with deterministic ids from the sorted option codes', () => {
    const cocs = new Map(list(bundle, 'categoryOptionCombos').map((c) => [c.id, c]))
    let expected = 0
    for (const cc of CATEGORY_COMBOS) {
      const size = cc.categories.reduce((n, c) => n * (CATEGORIES.find((x) => x.code === c)?.options.length ?? 0), 1)
      const got = categoryOptionCombos(cc.code)
      expect(got).toHaveLength(size)
      expected += size
      for (const coc of got) {
        expect(coc.id).toBe(cocId(cc.code, [...coc.options].reverse()))
        expect(cocs.has(coc.id)).toBe(true)
      }
    }
    expect(cocs.size).toBe(expected)
    expect(aggItems().length).toBe(AGG_DATA_ELEMENTS.reduce((n, d) => n + (d.categoryCombo ? categoryOptionCombos(d.categoryCombo).length : 1), 0))
  })

  it('program rules assign WAZ/WLZ with the DHIS2 z-score functions and the MAMI class from constants', () => {
    const actions = list(bundle, 'programRuleActions')
    const assign = (de: string) => actions.find((a) => a.programRuleActionType === 'ASSIGN' && (a.dataElement as { id: string } | undefined)?.id === ids.dataElement(de))
    expect(assign(DE.INF_WAZ)?.data).toMatch(/^d2:zScoreWFA\(/)
    expect(assign(DE.INF_WLZ)?.data).toMatch(/^d2:zScoreWFH\(/)
    const rules = list(bundle, 'programRules')
    const high = rules.find((r) => r.code === 'DYAD_PR_I_MAMI_HIGH')
    expect(high?.condition).toContain(`C{${uid('constant', 'DYAD_C_MAMI_WAZ_HIGH')}}`)
    expect(list(bundle, 'constants').find((c) => c.code === 'DYAD_C_MAMI_WAZ_MODERATE')?.value).toBe(-2)
  })

  it('relationship type Mère → Nourrisson links Person to Person, both ways, with French names', () => {
    const rt = list(bundle, 'relationshipTypes')[0]
    expect(rt).toEqual(expect.objectContaining({ bidirectional: true, code: 'DYAD_MOTHER_INFANT' }))
    const tr = rt.translations as { property: string; value: string }[]
    expect(tr.find((t) => t.property === 'RELATIONSHIP_FROM_TO_NAME')?.value).toBe('Mère de')
    expect(tr.find((t) => t.property === 'RELATIONSHIP_TO_FROM_NAME')?.value).toBe('Nourrisson de')
  })
})
