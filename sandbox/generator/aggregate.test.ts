/** @jest-environment node */
import { AGGREGATE_PROBLEM_KINDS, PROBLEM_KINDS, buildHierarchy, generate, generateAggregate, privateSectorSpec } from './index'
import { unmappedDataElements } from './datasetSpec'
import { AGG_DE, DATA_SET, DEFAULT_COC, aggIds, aggItems } from '../../metadata/src/aggregate'
import { OWNERSHIP } from '../../metadata/src/vocabulary'
import type { DataValue } from '../model'

const h = buildHierarchy()
const TODAY = '2026-11-01'
const agg = generateAggregate({ seed: 7, today: TODAY }, h)
const spec = privateSectorSpec()
const DE = (code: string) => aggIds.dataElement(code)
const PRIVATE = new Set<string>([OWNERSHIP.PRIVATE_FOR_PROFIT, OWNERSHIP.PRIVATE_NOT_FOR_PROFIT, OWNERSHIP.CONFESSIONAL])

/** report key (orgUnit|period) → data element id → Σ values */
const totals = new Map<string, Map<string, number>>()
const cells = new Map<string, DataValue>()
for (const dv of agg.dataValues) {
  const key = `${dv.orgUnit}|${dv.period}`
  let m = totals.get(key)
  if (!m) totals.set(key, (m = new Map()))
  m.set(dv.dataElement, (m.get(dv.dataElement) ?? 0) + (dv.value === 'true' ? 1 : dv.value === 'false' ? 0 : Number(dv.value)))
  cells.set(`${key}|${dv.dataElement}|${dv.categoryOptionCombo}`, dv)
}
const total = (key: string, code: string) => totals.get(key)?.get(DE(code)) ?? 0
const planted = (kind: string) => new Set(agg.problems.filter((p) => p.kind === kind).map((p) => `${p.orgUnit}|${p.period}`))

describe('private-sector aggregate data', () => {
  it('fills the package data set: every data element mapped, ids and COCs from metadata/src/aggregate', () => {
    expect(unmappedDataElements()).toEqual([])
    expect(spec.dataSet).toBe(aggIds.dataSet())
    expect(spec.timelyDays).toBe(DATA_SET.timelyDays)
    const validCells = new Set(aggItems().map((i) => `${i.dataElement}|${i.categoryOptionCombo}`))
    expect(agg.dataValues.filter((dv) => !validCells.has(`${dv.dataElement}|${dv.categoryOptionCombo}`) || dv.attributeOptionCombo !== DEFAULT_COC).slice(0, 5)).toEqual([])
    const filled = new Set(agg.dataValues.map((d) => d.dataElement))
    for (const code of Object.values(AGG_DE)) expect(filled.has(DE(code))).toBe(true)
  })

  it('has ~68 % completeness for private facilities, higher for public ones, and on-time vs late registrations', () => {
    const months = [...new Set(agg.completeRegistrations.map((r) => r.period))].sort().slice(0, -3) // recent months are still arriving
    const rate = (facilities: typeof h.facilities) => {
      const ids = new Set(facilities.map((f) => f.id))
      const got = agg.completeRegistrations.filter((r) => ids.has(r.organisationUnit) && months.includes(r.period)).length
      return got / (facilities.length * months.length)
    }
    const priv = rate(h.facilities.filter((f) => PRIVATE.has(f.ownership)))
    const pub = rate(h.facilities.filter((f) => !PRIVATE.has(f.ownership)))
    expect(priv).toBeGreaterThan(0.6)
    expect(priv).toBeLessThan(0.76)
    expect(pub).toBeGreaterThan(0.88)
    // timeliness: registration date vs period end + timelyDays; both kinds present; none after today
    let onTime = 0
    expect(agg.completeRegistrations.filter((r) => !r.completed || r.dataSet !== spec.dataSet || r.date.slice(0, 10) > TODAY).slice(0, 5)).toEqual([])
    for (const r of agg.completeRegistrations) {
      const y = Number(r.period.slice(0, 4))
      const m = Number(r.period.slice(4))
      const end = Date.UTC(y, m, 0)
      if (Date.parse(r.date.slice(0, 10)) <= end + DATA_SET.timelyDays * 86_400_000) onTime++
    }
    const share = onTime / agg.completeRegistrations.length
    expect(share).toBeGreaterThan(0.5)
    expect(share).toBeLessThan(0.85)
    // every stored value belongs to a registered report
    const reports = new Set(agg.completeRegistrations.map((r) => `${r.organisationUnit}|${r.period}`))
    expect([...totals.keys()].filter((key) => !reports.has(key))).toEqual([])
  })

  it('keeps each report consistent except the planted, listed problems', () => {
    const anc = planted('AGG_ANC4_GT_ANC1')
    const ppfp = planted('AGG_PPFP_GT_DELIVERIES')
    const fpNew = planted('AGG_FP_NEW_METHOD_NE_AGE')
    const fpCont = planted('AGG_FP_CONTINUING_METHOD_NE_AGE')
    // collect every mismatch, then assert once (160 000 expect() calls would take a minute)
    const wrong: string[] = []
    const check = (ok: boolean, what: string, key: string) => {
      if (!ok) wrong.push(`${what} ${key}`)
    }
    for (const [key] of totals) {
      check(total(key, AGG_DE.ANC4) > total(key, AGG_DE.ANC1) === anc.has(key), 'ANC4 > ANC1 iff planted', key)
      check(total(key, AGG_DE.PPFP) > total(key, AGG_DE.DELIVERIES) === ppfp.has(key), 'PPFP > deliveries iff planted', key)
      check((total(key, AGG_DE.FP_NEW_BY_METHOD) !== total(key, AGG_DE.FP_NEW_BY_AGE)) === fpNew.has(key), 'new users method ≠ age iff planted', key)
      check((total(key, AGG_DE.FP_CONTINUING_BY_METHOD) !== total(key, AGG_DE.FP_CONTINUING_BY_AGE)) === fpCont.has(key), 'continuing users method ≠ age iff planted', key)
      // always consistent
      check(total(key, AGG_DE.PP_FP_COUNSELLED) <= total(key, AGG_DE.DELIVERIES), 'PP counselling ≤ deliveries', key)
      for (const c of [AGG_DE.NB_ENC, AGG_DE.NB_BF_1H, AGG_DE.NB_KMC, AGG_DE.NB_RESUSCITATED]) check(total(key, c) <= total(key, AGG_DE.LIVE_BIRTHS), `${c} ≤ live births`, key)
      check(total(key, AGG_DE.INF_AT_RISK) <= total(key, AGG_DE.INF_SCREENED), 'at risk ≤ screened', key)
      check(total(key, AGG_DE.INF_REFERRED) <= total(key, AGG_DE.INF_AT_RISK), 'referred ≤ at risk', key)
    }
    expect(wrong.slice(0, 10)).toEqual([])
    for (const kind of AGGREGATE_PROBLEM_KINDS) {
      const n = planted(kind).size
      expect(n).toBeGreaterThan(0)
      expect(n).toBeLessThan(totals.size * 0.01)
    }
  })

  it('distributes units by method from the users (insertions = new users) and reports stock-outs by product', () => {
    const byCoc = new Map(aggItems().map((i) => [`${i.dataElement}|${i.categoryOptionCombo}`, i]))
    const implant = aggItems().find((i) => i.dataElementCode === AGG_DE.FP_UNITS && i.method === 'IMPLANT_3Y')!
    const implantNew = aggItems().find((i) => i.dataElementCode === AGG_DE.FP_NEW_BY_METHOD && i.method === 'IMPLANT_3Y')!
    let checked = 0
    const wrong: string[] = []
    for (const [key] of totals) {
      const units = Number(cells.get(`${key}|${implant.dataElement}|${implant.categoryOptionCombo}`)?.value ?? 0)
      const fresh = Number(cells.get(`${key}|${implantNew.dataElement}|${implantNew.categoryOptionCombo}`)?.value ?? 0)
      if (units !== fresh) wrong.push(`${key}: ${units} implant insertions, ${fresh} new implant users`)
      if (fresh) checked++
    }
    expect(wrong.slice(0, 10)).toEqual([])
    expect(checked).toBeGreaterThan(100)
    const stock = agg.dataValues.filter((d) => d.dataElement === DE(AGG_DE.STOCKOUT))
    expect(stock.every((d) => d.value === 'true' || d.value === 'false')).toBe(true)
    const outShare = stock.filter((d) => d.value === 'true').length / stock.length
    expect(outShare).toBeGreaterThan(0.03)
    expect(outShare).toBeLessThan(0.2)
    expect(new Set(stock.map((d) => byCoc.get(`${d.dataElement}|${d.categoryOptionCombo}`)?.options[0])).size).toBeGreaterThan(10)
  })

  it('is deterministic for a seed, differs between seeds, and can be switched off', () => {
    const again = generateAggregate({ seed: 7, today: TODAY }, h)
    expect(again.dataValues.length).toBe(agg.dataValues.length)
    expect(JSON.stringify(again.dataValues.slice(0, 2000))).toBe(JSON.stringify(agg.dataValues.slice(0, 2000)))
    expect(JSON.stringify(again.completeRegistrations)).toBe(JSON.stringify(agg.completeRegistrations))
    expect(JSON.stringify(again.problems)).toBe(JSON.stringify(agg.problems))
    const other = generateAggregate({ seed: 8, today: TODAY }, h)
    expect(JSON.stringify(other.completeRegistrations)).not.toBe(JSON.stringify(agg.completeRegistrations))
    expect(generateAggregate({ seed: 7, today: TODAY, spec: null }, h)).toEqual({ dataValues: [], completeRegistrations: [], problems: [] })
  })
})

describe('generate() with aggregate data', () => {
  it('lists aggregate problems apart from the tracker problems', () => {
    const data = generate({ seed: 3, pairs: 50 })
    expect(data.dataValues.length).toBeGreaterThan(100_000)
    expect((data.problems ?? []).every((p) => (PROBLEM_KINDS as string[]).includes(p.kind))).toBe(true)
    expect(new Set((data.aggregateProblems ?? []).map((p) => p.kind))).toEqual(new Set(AGGREGATE_PROBLEM_KINDS))
  })
})
