/**
 * Monthly aggregate reports of the Dyad private-sector FP/MNCH data set (`DYAD_DS_PRIVATE_MONTHLY`,
 * metadata/src/aggregate.ts) for every facility: private facilities report ~68 % of months, public
 * and community ones ~93 %; each report has a complete registration whose date makes it on time
 * (≤ timelyDays after the month) or late; a report whose registration would fall after "today" has
 * not arrived yet.
 *
 * A report is internally consistent: ANC4 ≤ ANC1 and FP counselling by age group; deliveries by
 * mode; PPFP and postpartum counselling ≤ deliveries; FP new and continuing users drawn once and
 * split both by method and by age group (Σ by method = Σ by age); units distributed by method
 * from the users (supplies per visit, insertions/procedures = new users, LAM/SDM = active users);
 * stock-out and stock on hand only for the products the facility stocks; live births, essential
 * newborn care, breastfeeding in 1 h, KMC, resuscitation ≤ live births; infants < 6 months
 * referred ≤ at risk ≤ screened; Penta 3; clients referred by community actors.
 * A few deliberate violations (ANC4 > ANC1, PPFP > deliveries, FP users by method ≠ by age) are
 * planted and listed as problems, for the data-quality checks.
 *
 * Cells left blank (not stored): disaggregated cells (age group, mode, method) with 0, the
 * delivery/newborn/PPFP section of facilities without a maternity, stock of products not stocked.
 * Undisaggregated counts are stored even when 0 (zeroIsSignificant); stock-out is 'true'/'false'
 * and stock on hand a number (0 included) for every stocked product.
 */
import type { AggregateProblem, CompleteRegistration, DataValue } from '../model'
import { dayOf, isoDateTime } from './dates'
import type { Hierarchy } from './orgunits'
import { FACILITY_TYPE, OWNERSHIP, type FpMethodCode } from '../../metadata/src/vocabulary'
import { AGE_OPTIONS, DELIVERY_MODE_OPTIONS } from '../../metadata/src/aggregate'
import { Rng } from './prng'
import { privateSectorSpec, type AggregateItem, type AggregateItemKind, type AggregateSpec } from './datasetSpec'

export interface AggregateOptions {
  seed: number
  today: string
  /** First reported month (yyyy-mm), default 2024-01. */
  from?: string
  /** Null: no aggregate data. Default: the package's private-sector data set. */
  spec?: AggregateSpec | null
  /** Rate of each kind of deliberate inconsistency per report (default 0.003). */
  problemRate?: number
}

export type AggregateProblemKind = 'AGG_ANC4_GT_ANC1' | 'AGG_PPFP_GT_DELIVERIES' | 'AGG_FP_NEW_METHOD_NE_AGE' | 'AGG_FP_CONTINUING_METHOD_NE_AGE'
export const AGGREGATE_PROBLEM_KINDS: AggregateProblemKind[] = ['AGG_ANC4_GT_ANC1', 'AGG_PPFP_GT_DELIVERIES', 'AGG_FP_NEW_METHOD_NE_AGE', 'AGG_FP_CONTINUING_METHOD_NE_AGE']

export interface AggregateData {
  dataValues: DataValue[]
  completeRegistrations: CompleteRegistration[]
  problems: AggregateProblem[]
}

function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))))
  const l = Math.exp(-mean)
  let k = 0
  let p = 1
  do {
    k++
    p *= rng.next()
  } while (p > l)
  return k - 1
}

function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  if (n > 40) return Math.min(n, Math.max(0, Math.round(rng.normal(n * p, Math.sqrt(n * p * (1 - p))))))
  let k = 0
  for (let i = 0; i < n; i++) if (rng.next() < p) k++
  return k
}

/** n split over weights (sequential binomials: exact total). */
function multinomial(rng: Rng, n: number, weights: readonly number[]): number[] {
  const out = new Array<number>(weights.length).fill(0)
  let left = n
  let wLeft = weights.reduce((a, b) => a + b, 0)
  for (let i = 0; i < weights.length && left > 0; i++) {
    const k = i === weights.length - 1 || wLeft <= 0 ? left : binomial(rng, left, weights[i] / wLeft)
    out[i] = k
    left -= k
    wLeft -= weights[i]
  }
  return out
}

const PRIVATE = new Set<string>([OWNERSHIP.PRIVATE_FOR_PROFIT, OWNERSHIP.PRIVATE_NOT_FOR_PROFIT, OWNERSHIP.CONFESSIONAL])
const BIG = new Set<string>([FACILITY_TYPE.HOSPITAL, FACILITY_TYPE.DISTRICT, FACILITY_TYPE.CLINIC, FACILITY_TYPE.POLYCLINIC])

/** Share of FP users by method (West-African method mix: injectables and implants lead). */
const METHOD_MIX: Partial<Record<FpMethodCode, number>> = {
  INJ_DMPA_IM: 24, INJ_DMPA_SC: 12, INJ_NETEN: 1, INJ_CYCLOFEM: 1, IMPLANT_3Y: 14, IMPLANT_5Y: 8, IMPLANT_LEVOPLANT: 3,
  COC: 9, POP: 6, IUD_CU: 4, IUD_LNG: 0.5, IUD_POSTPLACENTAL: 1, IUD_POSTCAESAREAN: 0.3, CONDOM_MALE: 8, CONDOM_FEMALE: 0.5,
  LAM: 4, ECP: 1.5, SDM: 1.5, TUBAL_LIGATION: 0.6, VASECTOMY: 0.05,
}
/** Share of postpartum FP before discharge by method. */
const PPFP_MIX: Partial<Record<FpMethodCode, number>> = {
  IUD_POSTPLACENTAL: 14, IUD_POSTCAESAREAN: 3, IUD_CU: 2, IUD_LNG: 0.5, IMPLANT_3Y: 22, IMPLANT_5Y: 10, IMPLANT_LEVOPLANT: 4,
  TUBAL_LIGATION: 2, LAM: 20, POP: 10, COC: 1, INJ_DMPA_IM: 5, INJ_DMPA_SC: 3, INJ_NETEN: 0.5, INJ_CYCLOFEM: 0.5, CONDOM_MALE: 2, CONDOM_FEMALE: 0.5,
}
/** How units are counted per method (CYP section): supplies per visit, insertions/procedures, active users. */
const SUPPLY_PER_VISIT: Partial<Record<FpMethodCode, number>> = { COC: 3, POP: 3, INJ_DMPA_IM: 1, INJ_DMPA_SC: 1, INJ_NETEN: 1, INJ_CYCLOFEM: 1, CONDOM_MALE: 15, CONDOM_FEMALE: 6, ECP: 1 }
const ACTIVE_USERS: ReadonlySet<string> = new Set(['LAM', 'SDM'])
/** Age groups 10–14, 15–19, 20+ (share of clients). */
const AGE_WEIGHTS: Record<string, number> = { DYAD_AGE_10_14: 0.02, DYAD_AGE_15_19: 0.2, DYAD_AGE_20_PLUS: 0.78 }
const ANC_AGE_WEIGHTS: Record<string, number> = { DYAD_AGE_10_14: 0.03, DYAD_AGE_15_19: 0.24, DYAD_AGE_20_PLUS: 0.73 }
/** Products almost every facility with FP stocks. */
const COMMON_PRODUCTS = new Set(['DYAD_PROD_COC', 'DYAD_PROD_POP', 'DYAD_PROD_DMPA_IM', 'DYAD_PROD_DMPA_SC', 'DYAD_PROD_CONDOM_MALE', 'DYAD_PROD_ECP'])
const CLINICAL_PRODUCTS = new Set(['DYAD_PROD_IMPLANT_3Y', 'DYAD_PROD_IMPLANT_5Y', 'DYAD_PROD_IUD_CU'])

type Report = Map<string, number>
const cell = (kind: AggregateItemKind, option = ''): string => `${kind}|${option}`

export function generateAggregate(options: AggregateOptions, h: Hierarchy): AggregateData {
  const spec = options.spec === undefined ? privateSectorSpec() : options.spec
  const dataValues: DataValue[] = []
  const completeRegistrations: CompleteRegistration[] = []
  const problems: AggregateProblem[] = []
  if (!spec) return { dataValues, completeRegistrations, problems }
  const rng = new Rng(options.seed, 3)
  const today = dayOf(options.today)
  const [fy, fm] = (options.from ?? '2024-01').split('-').map(Number)
  const months: Array<{ id: string; start: number; end: number; t: number }> = []
  for (let y = fy, m = fm; ; m++) {
    if (m > 12) {
      y++
      m = 1
    }
    const start = Math.floor(Date.UTC(y, m - 1, 1) / 86_400_000)
    const end = Math.floor(Date.UTC(y, m, 1) / 86_400_000) - 1
    if (end >= today) break
    months.push({ id: `${y}${String(m).padStart(2, '0')}`, start, end, t: Math.min(1, Math.max(0, (start - dayOf('2024-01-01')) / (dayOf('2026-10-01') - dayOf('2024-01-01')))) })
  }
  const aoc = spec.attributeOptionCombo
  const itemsOf = (kind: AggregateItemKind) => spec.items.filter((i) => i.kind === kind)
  const optionOf = (i: AggregateItem, prefix: string) => i.options.find((o) => o.startsWith(prefix)) ?? ''
  // the disaggregations present in the data set
  const ages = AGE_OPTIONS.map((o) => o.code)
  const modes = DELIVERY_MODE_OPTIONS.map((o) => o.code)
  const methodsOf = (kind: AggregateItemKind) => itemsOf(kind).map((i) => i.method).filter((m): m is FpMethodCode => !!m)
  const newMethods = methodsOf('FP_NEW_BY_METHOD')
  const contMethods = methodsOf('FP_CONTINUING_BY_METHOD')
  const ppfpMethods = methodsOf('PPFP')
  const products = [...new Set(itemsOf('STOCKOUT').concat(itemsOf('STOCK_ON_HAND')).map((i) => i.product).filter((p): p is string => !!p))]
  const productMethod = new Map(spec.items.filter((i) => i.product && i.method).map((i) => [i.product!, i.method!]))

  const rate = options.problemRate ?? 0.003
  const pending: Record<AggregateProblemKind, number> = { AGG_ANC4_GT_ANC1: 0, AGG_PPFP_GT_DELIVERIES: 0, AGG_FP_NEW_METHOD_NE_AGE: 0, AGG_FP_CONTINUING_METHOD_NE_AGE: 0 }

  for (const f of h.facilities) {
    const isPrivate = PRIVATE.has(f.ownership)
    // Facility propensity to report: some private facilities almost never report.
    const propensity = isPrivate ? (rng.chance(0.1) ? 0.1 : Math.min(0.98, rng.normal(0.74, 0.12))) : Math.min(0.995, rng.normal(0.93, 0.04))
    const onTime = isPrivate ? 0.55 : 0.76
    const size = f.weight * (0.6 + rng.next() * 0.8)
    const big = BIG.has(f.type)
    const stocked = new Set(products.filter((p) => rng.chance(COMMON_PRODUCTS.has(p) ? 0.85 : CLINICAL_PRODUCTS.has(p) ? (big || f.deliveries ? 0.6 : 0.15) : 0.12)))
    const stockoutRate = (isPrivate ? 0.12 : 0.08) * (0.5 + rng.next())
    for (const month of months) {
      if (!rng.chance(propensity + (isPrivate ? month.t * 0.04 : 0))) continue
      const delay = rng.chance(onTime) ? rng.int(1, spec.timelyDays) : rng.int(spec.timelyDays + 1, 75)
      const regDay = month.end + delay
      if (regDay > today) continue // not received yet
      const stamp = isoDateTime(regDay)
      completeRegistrations.push({ dataSet: spec.dataSet, period: month.id, organisationUnit: f.id, attributeOptionCombo: aoc, date: stamp, completed: true })
      const t = month.t
      const r: Report = new Map()
      const set = (kind: AggregateItemKind, option: string, v: number) => r.set(cell(kind, option), v)
      set('CONSULTATIONS', '', poisson(rng, size * 45))
      // ANC by age group: ANC4 and counselling drawn from ANC1/contacts of the same group
      const anc1 = multinomial(rng, poisson(rng, size * 2.2), ages.map((a) => ANC_AGE_WEIGHTS[a] ?? 1))
      ages.forEach((a, i) => {
        set('ANC1', a, anc1[i])
        set('ANC4', a, binomial(rng, anc1[i], 0.45 + 0.15 * t))
        set('ANC_FP_COUNSELLED', a, binomial(rng, anc1[i] * 2, 0.3 + 0.35 * t))
      })
      // deliveries, postpartum FP, newborn care (facilities with a maternity)
      let deliveries = 0
      if (f.deliveries) {
        deliveries = poisson(rng, size * 1.5)
        const byMode = multinomial(rng, deliveries, [big ? 0.74 : 0.9, big ? 0.06 : 0.04, big ? 0.2 : 0.06])
        modes.forEach((m, i) => set('DELIVERIES', m, byMode[i] ?? 0))
        set('PP_FP_COUNSELLED', '', binomial(rng, deliveries, 0.4 + 0.4 * t))
        const ppfp = multinomial(rng, binomial(rng, deliveries, 0.12 + 0.25 * t), ppfpMethods.map((m) => PPFP_MIX[m] ?? 0.5))
        ppfpMethods.forEach((m, i) => set('PPFP', m, ppfp[i]))
        const liveBirths = binomial(rng, deliveries, 0.975) + binomial(rng, deliveries, 0.015)
        set('LIVE_BIRTHS', '', liveBirths)
        set('NB_ENC', '', binomial(rng, liveBirths, 0.75 + 0.2 * t))
        set('NB_BF_1H', '', binomial(rng, liveBirths, 0.5 + 0.25 * t))
        set('NB_KMC', '', binomial(rng, liveBirths, 0.04))
        set('NB_RESUSCITATED', '', binomial(rng, liveBirths, 0.025))
      }
      // FP users: drawn once, split by method and by age group
      const fpScale = (isPrivate ? 1.3 : 1) * size * (1 + 0.25 * t)
      const users = (total: number, methods: FpMethodCode[]) => ({ byMethod: multinomial(rng, total, methods.map((m) => METHOD_MIX[m] ?? 0.5)), byAge: multinomial(rng, total, ages.map((a) => AGE_WEIGHTS[a] ?? 1)) })
      const fresh = users(poisson(rng, fpScale * 0.8), newMethods)
      const cont = users(poisson(rng, fpScale * 2.2), contMethods)
      newMethods.forEach((m, i) => set('FP_NEW_BY_METHOD', m, fresh.byMethod[i]))
      contMethods.forEach((m, i) => set('FP_CONTINUING_BY_METHOD', m, cont.byMethod[i]))
      ages.forEach((a, i) => {
        set('FP_NEW_BY_AGE', a, fresh.byAge[i])
        set('FP_CONTINUING_BY_AGE', a, cont.byAge[i])
      })
      // units distributed by method (CYP)
      for (const item of itemsOf('FP_UNITS')) {
        const m = item.method
        if (!m) continue
        const n = r.get(cell('FP_NEW_BY_METHOD', m)) ?? 0
        const c = r.get(cell('FP_CONTINUING_BY_METHOD', m)) ?? 0
        const perVisit = SUPPLY_PER_VISIT[m]
        const units = perVisit !== undefined ? Math.round((n + c) * perVisit * (0.8 + 0.4 * rng.next())) : ACTIVE_USERS.has(m) ? n + c : n
        set('FP_UNITS', m, units)
      }
      // stock by product (only the products the facility stocks)
      for (const p of stocked) {
        const out = rng.chance(stockoutRate)
        const m = productMethod.get(p)
        const use = m ? r.get(cell('FP_UNITS', m)) ?? 0 : 0
        set('STOCKOUT', p, out ? 1 : 0)
        set('STOCK_ON_HAND', p, out && rng.chance(0.6) ? 0 : Math.round(Math.max(use, 3) * (0.5 + 3.5 * rng.next())))
      }
      // infants < 6 months (MAMI), immunization, community referrals
      const screened = poisson(rng, size * 1.4 * (0.6 + 0.6 * t))
      const atRisk = binomial(rng, screened, 0.15)
      set('INF_SCREENED', '', screened)
      set('INF_AT_RISK', '', atRisk)
      set('INF_REFERRED', '', binomial(rng, atRisk, 0.3))
      set('PENTA3', '', poisson(rng, size * (isPrivate ? 0.5 : 1.1)))
      set('COMMUNITY_REFERRALS', '', poisson(rng, size * (isPrivate ? 0.3 : 0.8) * (1 + 0.5 * t)))

      // deliberate inconsistencies (deterministic accumulator), listed as problems
      for (const k of AGGREGATE_PROBLEM_KINDS) pending[k] += rate
      const plant = (kind: AggregateProblemKind, description: string) => {
        pending[kind] -= 1
        problems.push({ kind, orgUnit: f.id, period: month.id, dataSet: spec.dataSet, description })
      }
      const sum = (kind: AggregateItemKind, opts: readonly string[]) => opts.reduce((a, o) => a + (r.get(cell(kind, o)) ?? 0), 0)
      const last = ages[ages.length - 1]
      if (pending.AGG_ANC4_GT_ANC1 >= 1 && last) {
        const a1 = sum('ANC1', ages)
        set('ANC4', last, a1 + rng.int(1, 4))
        plant('AGG_ANC4_GT_ANC1', `ANC4 (${sum('ANC4', ages)}) > ANC1 (${a1}) in ${month.id}`)
      }
      if (pending.AGG_PPFP_GT_DELIVERIES >= 1 && f.deliveries && ppfpMethods.length) {
        const m = ppfpMethods[0]
        set('PPFP', m, (r.get(cell('PPFP', m)) ?? 0) + deliveries - sum('PPFP', ppfpMethods) + rng.int(1, 3))
        plant('AGG_PPFP_GT_DELIVERIES', `Postpartum FP before discharge (${sum('PPFP', ppfpMethods)}) > deliveries (${deliveries}) in ${month.id}`)
      }
      if (pending.AGG_FP_NEW_METHOD_NE_AGE >= 1 && last) {
        set('FP_NEW_BY_AGE', last, (r.get(cell('FP_NEW_BY_AGE', last)) ?? 0) + rng.int(1, 5))
        plant('AGG_FP_NEW_METHOD_NE_AGE', `New FP users: ${sum('FP_NEW_BY_METHOD', newMethods)} by method, ${sum('FP_NEW_BY_AGE', ages)} by age group in ${month.id}`)
      }
      if (pending.AGG_FP_CONTINUING_METHOD_NE_AGE >= 1 && last) {
        const now = r.get(cell('FP_CONTINUING_BY_AGE', last)) ?? 0
        // by age less than by method when possible (a row forgotten), else more
        set('FP_CONTINUING_BY_AGE', last, now > 0 ? now - rng.int(1, now) : now + rng.int(1, 5))
        plant('AGG_FP_CONTINUING_METHOD_NE_AGE', `Continuing FP users: ${sum('FP_CONTINUING_BY_METHOD', contMethods)} by method, ${sum('FP_CONTINUING_BY_AGE', ages)} by age group in ${month.id}`)
      }

      // data values, in the data set's item order
      for (const item of spec.items) {
        const option = item.method ?? (item.product ? item.product : optionOf(item, 'DYAD_AGE_') || optionOf(item, 'DYAD_DM_'))
        const key = item.kind === 'STOCKOUT' || item.kind === 'STOCK_ON_HAND' ? cell(item.kind, item.product ?? '') : cell(item.kind, option)
        const v = r.get(key)
        if (v === undefined) continue // blank cell (section not applicable, product not stocked)
        const stock = item.kind === 'STOCKOUT' || item.kind === 'STOCK_ON_HAND'
        if (v === 0 && !stock && item.options.length > 0) continue // disaggregated cell left empty
        const value = item.valueType === 'BOOLEAN' ? (v ? 'true' : 'false') : item.valueType === 'TRUE_ONLY' ? 'true' : String(v)
        if (item.valueType === 'TRUE_ONLY' && !v) continue
        dataValues.push({ dataElement: item.dataElement, period: month.id, orgUnit: f.id, categoryOptionCombo: item.categoryOptionCombo, attributeOptionCombo: aoc, value, created: stamp, lastUpdated: stamp })
      }
    }
  }
  return { dataValues, completeRegistrations, problems }
}
