/**
 * Monthly aggregate reports (the Dyad private-sector FP/MNCH data set) for every facility:
 * private facilities report ~68 % of months, public and community ones ~93 %; each report has a
 * complete registration whose date makes it on time (≤ timelyDays after the period) or late.
 * Values are consistent with the facility's size (ANC, deliveries, PPFP and FP users by method,
 * units distributed by method for CYP, stock-outs by product, infant screening).
 *
 * The data set's structure (data elements, category option combos) comes from the metadata
 * package through an `AggregateSpec`; see ./datasetSpec.ts.
 */
import type { CompleteRegistration, DataValue } from '../model'
import { dayOf, isoDateTime } from './dates'
import type { Hierarchy } from './orgunits'
import { OWNERSHIP } from '../../metadata/src/vocabulary'
import { Rng } from './prng'
import { privateSectorSpec, type AggregateSpec } from './datasetSpec'

export interface AggregateOptions {
  seed: number
  today: string
  /** First reported month (yyyy-mm), default 2024-01. */
  from?: string
  spec?: AggregateSpec | null
}

export interface AggregateData {
  dataValues: DataValue[]
  completeRegistrations: CompleteRegistration[]
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

const PRIVATE = new Set<string>([OWNERSHIP.PRIVATE_FOR_PROFIT, OWNERSHIP.PRIVATE_NOT_FOR_PROFIT, OWNERSHIP.CONFESSIONAL])

export function generateAggregate(options: AggregateOptions, h: Hierarchy): AggregateData {
  const spec = options.spec === undefined ? privateSectorSpec() : options.spec
  const dataValues: DataValue[] = []
  const completeRegistrations: CompleteRegistration[] = []
  if (!spec) return { dataValues, completeRegistrations }
  const rng = new Rng(options.seed, 3)
  const today = dayOf(options.today)
  const [fy, fm] = (options.from ?? '2024-01').split('-').map(Number)
  // months strictly before the current month
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
  for (const f of h.facilities) {
    const isPrivate = PRIVATE.has(f.ownership)
    // Facility propensity to report: some private facilities almost never report.
    const propensity = isPrivate ? (rng.chance(0.1) ? 0.1 : Math.min(0.98, rng.normal(0.74, 0.12))) : Math.min(0.995, rng.normal(0.93, 0.04))
    const onTime = isPrivate ? 0.55 : 0.76
    const size = f.weight * (0.6 + rng.next() * 0.8)
    for (const month of months) {
      if (!rng.chance(propensity + (isPrivate ? month.t * 0.04 : 0))) continue
      const delay = rng.chance(onTime) ? rng.int(1, spec.timelyDays) : rng.int(spec.timelyDays + 1, 75)
      const regDay = Math.min(today, month.end + delay)
      const stamp = isoDateTime(regDay)
      completeRegistrations.push({ dataSet: spec.dataSet, period: month.id, organisationUnit: f.id, attributeOptionCombo: aoc, date: stamp, completed: true })
      const anc1 = poisson(rng, size * 2.2)
      const values = new Map<string, number>()
      for (const item of spec.items) {
        let v = 0
        const fpScale = (isPrivate ? 1.3 : 1) * size * (1 + 0.25 * month.t)
        switch (item.kind) {
          case 'ANC1': v = anc1; break
          case 'ANC4': v = Math.round(anc1 * (0.5 + 0.12 * month.t) + rng.normal(0, 0.5)); break
          case 'ANC_FP_COUNSELLED': v = Math.round(anc1 * (0.3 + 0.4 * month.t)); break
          case 'DELIVERIES': v = f.deliveries ? poisson(rng, size * 1.5) : 0; break
          case 'PPFP': v = f.deliveries ? poisson(rng, size * 0.04 * (1 + 2 * month.t) * (item.weight ?? 1)) : 0; break
          case 'FP_NEW': v = poisson(rng, fpScale * 0.8 * (item.weight ?? 1)); break
          case 'FP_CONTINUING': v = poisson(rng, fpScale * 2.2 * (item.weight ?? 1)); break
          case 'UNITS': v = poisson(rng, fpScale * 3 * (item.weight ?? 1) * (item.unitsPerUser ?? 1)); break
          case 'STOCKOUT': v = rng.chance(isPrivate ? 0.12 : 0.08) ? (item.valueType === 'BOOLEAN' || item.valueType === 'TRUE_ONLY' ? 1 : rng.int(3, 30)) : 0; break
          case 'NEWBORN_CARE': v = f.deliveries ? poisson(rng, size * 1.2) : 0; break
          case 'INFANT_SCREENED': v = poisson(rng, size * 1.4); break
          case 'INFANT_AT_RISK': v = Math.round((values.get('INFANT_SCREENED') ?? 0) * (0.12 + rng.next() * 0.06)); break
          case 'INFANT_REFERRED': v = Math.round((values.get('INFANT_AT_RISK') ?? 0) * 0.2); break
          case 'PENTA3': v = poisson(rng, size * 1.1); break
        }
        values.set(item.kind, (values.get(item.kind) ?? 0) + v)
        if (v === 0 && item.kind !== 'STOCKOUT') continue // zeros are not stored (DHIS2 zeroIsSignificant=false)
        if (item.kind === 'STOCKOUT' && v === 0 && item.valueType === 'TRUE_ONLY') continue
        const value = item.valueType === 'BOOLEAN' ? (v ? 'true' : 'false') : item.valueType === 'TRUE_ONLY' ? 'true' : String(v)
        dataValues.push({
          dataElement: item.dataElement,
          period: month.id,
          orgUnit: f.id,
          categoryOptionCombo: item.categoryOptionCombo,
          attributeOptionCombo: aoc,
          value,
          storedBy: 'sandbox',
          created: stamp,
          lastUpdated: stamp,
        })
      }
    }
  }
  return { dataValues, completeRegistrations }
}
