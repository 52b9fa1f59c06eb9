/** @jest-environment node */
import { DE, STAGE } from '../../../metadata/src/vocabulary'
import { CASCADE, CATALOG, indicatorByCode, programIndicatorCodes, programIndicatorRules } from './catalog'
import type { IndicatorDef } from './types'
import { validateCatalog } from './validate'

const REQUIRED = [
  'ANC_FPC', 'ANC1', 'ANC1_12W', 'ANC4', 'ANC8', 'PMTCT_TEST', 'INST_DELIV', 'UPPH', 'AMTSL', 'PPFP_IMM',
  'PP_FPC', 'EIBF', 'EBF', 'PNC48_M', 'PNC48_NB', 'PNC_D6', 'PNC_D42', 'LBW', 'KMC', 'NN_RESUS', 'NN_INF',
  'VITA_6M', 'PENTA3', 'CYP', 'PKG_FULL_ANC', 'PKG_FULL_DEL', 'PKG_FULL_PNC', 'PKG_FULL_INF', 'RPT_PRIV',
  'MAMI_SCR', 'INF_FPC', 'ANC_YOY', 'PPFP_YOY',
]

describe('indicator catalog', () => {
  it('passes its self-check against the vocabulary', () => {
    expect(validateCatalog(CATALOG, CASCADE)).toEqual([])
  })

  it('covers every indicator of domain.md §1b and seed 000', () => {
    for (const code of REQUIRED) expect(indicatorByCode(code)?.code).toBe(code)
  })

  it('has unique program indicator codes of at most 50 characters', () => {
    const codes = programIndicatorCodes()
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) {
      expect(c.length).toBeLessThanOrEqual(50)
      expect(c).toMatch(/^DYAD_PI_[A-Z0-9_]+_(NUM|DEN)$/)
    }
    expect(programIndicatorRules().map((r) => r.code)).toEqual(codes)
  })

  it('gives YoY indicators as derived from a tracker count', () => {
    expect(indicatorByCode('ANC_YOY')?.derived?.from).toBe('ANC_VISITS')
    expect(indicatorByCode('PPFP_YOY')?.derived?.from).toBe('PPFP_IMM')
  })

  it('cascade follows the continuum order of DESIGN §1', () => {
    expect(CASCADE.map((s) => s.indicator)).toEqual([
      'ANC1', 'ANC4', 'ANC_FPC', 'INST_DELIV', 'PPFP_IMM', 'PNC48_M', 'PNC_D6', 'PNC_D42', 'PENTA3', 'EBF', 'VITA_6M',
    ])
  })

  it('each PKG_FULL checklist measures at least three services', () => {
    for (const code of ['PKG_FULL_ANC', 'PKG_FULL_DEL', 'PKG_FULL_PNC', 'PKG_FULL_INF']) {
      const d = indicatorByCode(code)!
      expect(d.checklist!.filter((i) => i.dataElement !== null).length).toBeGreaterThanOrEqual(3)
    }
  })

  describe('self-check detects broken definitions', () => {
    const base = indicatorByCode('ANC_FPC')!
    const check = (d: IndicatorDef): string[] => validateCatalog([d], [])

    it('unknown data element', () => {
      const d: IndicatorDef = { ...base, numerator: { kind: 'events', stage: STAGE.ANC, where: [{ de: 'NOPE', op: 'hasValue' }] } }
      expect(check(d).join()).toMatch(/unknown data element NOPE/)
    })
    it('data element of another stage', () => {
      const d: IndicatorDef = { ...base, numerator: { kind: 'events', stage: STAGE.ANC, where: [{ de: DE.DEL_PLACE, op: 'hasValue' }] } }
      expect(check(d).join()).toMatch(/not in stage/)
    })
    it('unknown option code', () => {
      const d: IndicatorDef = { ...base, numerator: { kind: 'events', stage: STAGE.ANC, where: [{ de: DE.HIV_RESULT, op: 'eq', value: 'MAYBE' }] } }
      expect(check(d).join()).toMatch(/option 'MAYBE'/)
    })
    it('boolean compared with a non-boolean', () => {
      const d: IndicatorDef = { ...base, numerator: { kind: 'events', stage: STAGE.ANC, where: [{ de: DE.FP_COUNSELLED, op: 'eq', value: '1' }] } }
      expect(check(d).join()).toMatch(/BOOLEAN/)
    })
    it('too-long short name and empty French name', () => {
      const d: IndicatorDef = { ...base, shortName: { en: 'x'.repeat(51), fr: 'ok' }, name: { en: 'ok', fr: ' ' } }
      const e = check(d).join()
      expect(e).toMatch(/shortName.en: 51 > 50/)
      expect(e).toMatch(/name.fr: empty/)
    })
    it('too-long codes', () => {
      const code = 'X'.repeat(40)
      const d: IndicatorDef = { ...base, code, indicatorCode: `DYAD_IN_${code}`, programIndicators: { numerator: `DYAD_PI_${code}_NUM`, denominator: `DYAD_PI_${code}_DEN` } }
      expect(check(d).join()).toMatch(/longer than 50/)
    })
    it('numerator not a subset of the denominator', () => {
      const d: IndicatorDef = { ...base, denominator: { kind: 'events', stage: STAGE.ANC, where: [{ de: DE.ANC_PAC, op: 'eq', value: 'true' }] } }
      expect(check(d).join()).toMatch(/numerator must be a subset/)
    })
    it('ageDays on a mother stage', () => {
      const d: IndicatorDef = { ...base, numerator: { kind: 'events', stage: STAGE.ANC, where: [{ ageDays: { max: 10 } }] } }
      expect(check(d).join()).toMatch(/ageDays on a non-infant stage/)
    })
    it('legend gap', () => {
      const d: IndicatorDef = { ...base, legend: { bands: [{ color: 'red', start: 0, end: 10 }, { color: 'green', start: 20, end: 100 }] } }
      expect(check(d).join()).toMatch(/gap or overlap/)
    })
    it('cascade step on an unknown indicator', () => {
      expect(validateCatalog([base], [{ key: 'x', label: { en: 'x', fr: 'x' }, indicator: 'NOPE', side: 'numerator', entryPoint: 'prenatal' }]).join()).toMatch(/unknown indicator NOPE/)
    })
  })
})
