/** @jest-environment node */
import { FP_METHOD } from '../../../metadata/src/vocabulary'
import {
  CYP_FACTORS_2011,
  CYP_FACTORS_2022,
  CYP_FACTORS_DHIS2_RMNCAH,
  CYP_FACTOR_TABLES,
  DEFAULT_CYP_FACTORS,
  DEFAULT_STERILIZATION_FACTOR,
  FP_METHODS,
  FP_METHOD_CLASS_LABELS,
  cyp,
  fpMethod,
  isFpMethodCode,
  makeCypFactors,
} from './index'

describe('FP methods', () => {
  it('covers every vocabulary FP_METHOD code once, with FR/EN names', () => {
    expect(FP_METHODS.map((m) => m.code).sort()).toEqual(Object.values(FP_METHOD).sort())
    for (const m of FP_METHODS) {
      expect(m.name.fr).toBeTruthy()
      expect(m.name.en).toBeTruthy()
      expect(m.name.fr).not.toBe(m.code)
      expect(FP_METHOD_CLASS_LABELS[m.class]).toBeDefined()
    }
  })
  it('classes', () => {
    expect(fpMethod('IMPLANT_3Y')?.class).toBe('long-acting-reversible')
    expect(fpMethod('IUD_POSTPLACENTAL')?.class).toBe('long-acting-reversible')
    expect(fpMethod('IUD_POSTPLACENTAL')?.postpartum).toBe(true)
    expect(fpMethod('TUBAL_LIGATION')?.class).toBe('permanent')
    expect(fpMethod('VASECTOMY')?.class).toBe('permanent')
    expect(fpMethod('INJ_DMPA_SC')?.class).toBe('short-acting')
    expect(fpMethod('LAM')?.class).toBe('traditional-natural')
    expect(fpMethod('LAM')?.modern).toBe(true) // WHO / FP2030 definition
    expect(fpMethod('SDM')?.modern).toBe(true)
    expect(fpMethod('POP')?.name.fr).toBe('Pilule progestative')
  })
  it('isFpMethodCode', () => {
    expect(isFpMethodCode('COC')).toBe(true)
    expect(isFpMethodCode('coc')).toBe(false)
    expect(isFpMethodCode(3)).toBe(false)
  })
})

describe('factor tables', () => {
  it.each(Object.values(CYP_FACTOR_TABLES))('$id has a factor entry for every method, with source and year', (t) => {
    expect(t.source.length).toBeGreaterThan(20)
    expect(t.year).toBeGreaterThan(2000)
    for (const code of Object.values(FP_METHOD)) {
      expect(code in t.factors).toBe(true)
      const f = t.factors[code]
      if (f) {
        expect(f.perUnit).toBeGreaterThan(0)
        expect(f.basis).toBeTruthy()
      }
    }
  })
  it('current table values (domain.md §2)', () => {
    const f = CYP_FACTORS_2022.factors
    expect(f.POP?.perUnit).toBeCloseTo(1 / 12, 12)
    expect(f.COC?.perUnit).toBe(1 / 15)
    expect(f.IUD_LNG?.perUnit).toBe(4.8)
    expect(f.IUD_CU?.perUnit).toBe(4.6)
    expect(f.IMPLANT_LEVOPLANT?.perUnit).toBe(2.5)
    expect(f.TUBAL_LIGATION?.perUnit).toBe(10)
    expect(f.CONDOM_MALE?.perUnit).toBe(1 / 120)
    expect(f.INJ_DMPA_IM?.perUnit).toBe(0.25)
    expect(f.INJ_NETEN?.perUnit).toBe(1 / 6)
    expect(f.INJ_CYCLOFEM?.perUnit).toBe(1 / 13)
    expect(f.ECP?.perUnit).toBe(0.05)
    expect(f.LAM?.perUnit).toBe(0.25)
    expect(f.SDM?.perUnit).toBe(1.5)
    expect(f.IMPLANT_5Y?.perUnit).toBe(3.8)
  })
  it('2011 table differs where the update changed things', () => {
    const f = CYP_FACTORS_2011.factors
    expect(f.IUD_LNG?.perUnit).toBe(3.3)
    expect(f.IMPLANT_LEVOPLANT?.perUnit).toBe(3.2)
    expect(f.POP?.perUnit).toBe(1 / 15)
    expect(CYP_FACTORS_2011.sterilization).toBe(9.3)
    expect(f.TUBAL_LIGATION?.perUnit).toBe(9.3)
  })
  it('the default is the current table with sterilization 10 (decision 0300)', () => {
    expect(DEFAULT_CYP_FACTORS).toBe(CYP_FACTORS_2022)
    expect(DEFAULT_STERILIZATION_FACTOR).toBe(10)
  })
})

describe('cyp', () => {
  it('sums units × factor per method, class and total', () => {
    const r = cyp({ COC: 150, CONDOM_MALE: 1200, INJ_DMPA_IM: 40, IMPLANT_3Y: 10, IUD_CU: 5, TUBAL_LIGATION: 2, POP: 24 })
    expect(r.byMethod.COC).toBeCloseTo(10, 12)
    expect(r.byMethod.CONDOM_MALE).toBeCloseTo(10, 12)
    expect(r.byMethod.INJ_DMPA_IM).toBe(10)
    expect(r.byMethod.IMPLANT_3Y).toBe(25)
    expect(r.byMethod.IUD_CU).toBeCloseTo(23, 12)
    expect(r.byMethod.TUBAL_LIGATION).toBe(20)
    expect(r.byMethod.POP).toBeCloseTo(2, 12)
    expect(r.total).toBeCloseTo(100, 10)
    expect(r.byClass['short-acting']).toBeCloseTo(32, 10)
    expect(r.byClass['long-acting-reversible']).toBeCloseTo(48, 10)
    expect(r.byClass.permanent).toBe(20)
    expect(r.unknownCodes).toEqual([])
    expect(r.invalid).toEqual([])
    expect(r.table).toEqual({ id: 'USAID_2022', year: 2022, sterilization: 10 })
  })
  it('with the 2011 table', () => {
    const r = cyp({ TUBAL_LIGATION: 10, IUD_LNG: 10, POP: 15 }, CYP_FACTORS_2011)
    expect(r.total).toBeCloseTo(93 + 33 + 1, 10)
  })
  it('reports unknown codes and invalid units, never throws', () => {
    const r = cyp({ COC: 15, FOO: 3, POP: -2, ECP: Number.NaN, LAM: Infinity, SDM: 'x', IUD_CU: '2', CONDOM_MALE: null })
    expect(r.total).toBeCloseTo(1 + 9.2, 12)
    expect(r.unknownCodes).toEqual(['FOO'])
    expect(r.invalid.map((i) => [i.code, i.reason])).toEqual([
      ['POP', 'negative'],
      ['ECP', 'not-a-number'],
      ['LAM', 'not-a-number'],
      ['SDM', 'not-a-number'],
      ['CONDOM_MALE', 'not-a-number'],
    ])
    expect(r.units.IUD_CU).toBe(2)
  })
  it.each([null, undefined, 42, 'COC', [], new Map(), [['COC', 15], ['bad'], null]])('odd input %p', (input) => {
    expect(() => cyp(input as never)).not.toThrow()
    expect(Number.isFinite(cyp(input as never).total)).toBe(true)
  })
  it('accepts a Map and pairs; duplicated codes add up', () => {
    expect(cyp(new Map([['IMPLANT_5Y', 1]])).total).toBe(3.8)
    expect(cyp([['IMPLANT_5Y', 1], ['IMPLANT_5Y', 1]]).total).toBeCloseTo(7.6, 12)
  })
  it('zero units are fine and count nothing', () => {
    const r = cyp({ COC: 0 })
    expect(r.total).toBe(0)
    expect(r.invalid).toEqual([])
  })
  it('RMNCAH_CYPR terms: methods the package does not count are reported', () => {
    const r = cyp({ COC: 15, POP: 12, IUD_LNG: 1, TUBAL_LIGATION: 1 }, CYP_FACTORS_DHIS2_RMNCAH)
    expect(r.total).toBeCloseTo(1 + 10, 12)
    expect(r.notCounted).toEqual(['POP', 'IUD_LNG'])
  })
})

describe('makeCypFactors (settings)', () => {
  it('sterilization 9.3 on the current table', () => {
    const { table, problems } = makeCypFactors({ sterilization: 9.3 })
    expect(problems).toEqual([])
    expect(table.id).toBe('CUSTOM')
    expect(cyp({ TUBAL_LIGATION: 10, VASECTOMY: 10 }, table).total).toBeCloseTo(186, 10)
    // the shared table is untouched
    expect(CYP_FACTORS_2022.factors.TUBAL_LIGATION?.perUnit).toBe(10)
  })
  it('defaults and base selection', () => {
    expect(makeCypFactors(undefined).table.id).toBe('USAID_2022')
    expect(makeCypFactors({ base: 'USAID_2011' }).table.sterilization).toBe(9.3)
    expect(makeCypFactors({ base: 'USAID_2011', sterilization: 10 }).table.factors.VASECTOMY?.perUnit).toBe(10)
  })
  it('overrides a method, reports bad settings', () => {
    const { table, problems } = makeCypFactors({
      base: 'NOPE' as 'USAID_2022',
      sterilization: -1,
      overrides: { INJ_DMPA_SC: 0.3, FOO: 1, COC: Number.NaN },
    })
    expect(table.factors.INJ_DMPA_SC?.perUnit).toBe(0.3)
    expect(table.factors.COC?.perUnit).toBe(1 / 15)
    expect(table.sterilization).toBe(10)
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['base', 'unknown-table'],
      ['sterilization', 'not-a-positive-number'],
      ['overrides.FOO', 'unknown-method'],
      ['overrides.COC', 'not-a-positive-number'],
    ])
  })
})
