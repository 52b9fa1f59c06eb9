/**
 * Sandbox data bench: generation time and JSON size for 100 000 pairs, and /api/analytics latency
 * of an overview-like request (program indicators + indicators as dx, 12 months + the same months
 * last year, one org unit) on 100 000 pairs, cold (column index + first evaluation, wall and CPU
 * time: the machine is shared, so the load average is printed too) and warm.
 *
 * The metadata bundle is not installed here: the program indicators are built from the shared
 * vocabulary (EVENT type, V{event_count}, a filter, period boundaries on the event date), the
 * same shape the metadata build generates.
 */
import os from 'node:os'
import type { BenchFigure } from './types'
import { generate } from '../../sandbox/generator'
import { runAnalytics, warmAnalytics, type AnalyticsContext } from '../../sandbox/analytics'
import { vocabularyMetadata } from '../../sandbox/analytics/testkit'
import { DE, STAGE, ids } from '../../metadata/src/vocabulary'
import { DATA_SET, aggIds } from '../../metadata/src/aggregate'

const PAIRS = Number(process.env.BENCH_SANDBOX_PAIRS ?? 100_000)

function overviewMetadata() {
  const md = vocabularyMetadata()
  const s = (c: string) => ids.stage(c)
  const d = (c: string) => ids.dataElement(c)
  const piDefs: Array<[string, string, string]> = [
    ['ANC_VISITS', STAGE.ANC, ''],
    ['ANC_FPC', STAGE.ANC, `#{${s(STAGE.ANC)}.${d(DE.FP_COUNSELLED)}} == 1`],
    ['ANC1', STAGE.ANC, `#{${s(STAGE.ANC)}.${d(DE.ANC_CONTACT_NO)}} == 1`],
    ['ANC1_12W', STAGE.ANC, `#{${s(STAGE.ANC)}.${d(DE.ANC_CONTACT_NO)}} == 1 && #{${s(STAGE.ANC)}.${d(DE.ANC_GEST_AGE_WEEKS)}} < 12`],
    ['ANC4', STAGE.ANC, `#{${s(STAGE.ANC)}.${d(DE.ANC_CONTACT_NO)}} == 4`],
    ['DELIVERIES', STAGE.DELIVERY, ''],
    ['FAC_DEL', STAGE.DELIVERY, `#{${s(STAGE.DELIVERY)}.${d(DE.DEL_PLACE)}} == 'FACILITY'`],
    ['PPFP', STAGE.DELIVERY, `#{${s(STAGE.DELIVERY)}.${d(DE.DEL_PLACE)}} == 'FACILITY' && d2:hasValue(#{${s(STAGE.DELIVERY)}.${d(DE.FP_METHOD)}})`],
    ['PP_FPC', STAGE.DELIVERY, `#{${s(STAGE.DELIVERY)}.${d(DE.DEL_PLACE)}} == 'FACILITY' && #{${s(STAGE.DELIVERY)}.${d(DE.FP_COUNSELLED)}} == 1`],
    ['UTERO', STAGE.DELIVERY, `#{${s(STAGE.DELIVERY)}.${d(DE.DEL_UTEROTONIC_1MIN)}} == 1`],
    ['PNC48', STAGE.PNC, `#{${s(STAGE.PNC)}.${d(DE.PNC_TIMING)}} == 'H48'`],
    ['PNC_D6', STAGE.PNC, `#{${s(STAGE.PNC)}.${d(DE.PNC_TIMING)}} == 'D6'`],
    ['PNC_D42', STAGE.PNC, `#{${s(STAGE.PNC)}.${d(DE.PNC_TIMING)}} == 'D42'`],
    ['BIRTHS_WEIGHED', STAGE.BIRTH, `d2:hasValue(#{${s(STAGE.BIRTH)}.${d(DE.BIRTH_WEIGHT_G)}})`],
    ['LBW', STAGE.BIRTH, `d2:hasValue(#{${s(STAGE.BIRTH)}.${d(DE.BIRTH_WEIGHT_G)}}) && #{${s(STAGE.BIRTH)}.${d(DE.BIRTH_WEIGHT_G)}} < 2500`],
    ['EIBF', STAGE.BIRTH, `#{${s(STAGE.BIRTH)}.${d(DE.BIRTH_BF_1H)}} == 1`],
    ['PENTA3', STAGE.INFANT_VISIT, `#{${s(STAGE.INFANT_VISIT)}.${d(DE.INF_VAC_PENTA3)}} == 1`],
    ['MAMI_ASSESSED', STAGE.INFANT_VISIT, `d2:hasValue(#{${s(STAGE.INFANT_VISIT)}.${d(DE.MAMI_RISK)}})`],
    ['MAMI_AT_RISK', STAGE.INFANT_VISIT, `#{${s(STAGE.INFANT_VISIT)}.${d(DE.MAMI_RISK)}} == 'HIGH' || #{${s(STAGE.INFANT_VISIT)}.${d(DE.MAMI_RISK)}} == 'MODERATE'`],
    ['EBF', STAGE.INFANT_VISIT, `#{${s(STAGE.INFANT_VISIT)}.${d(DE.INF_FEEDING)}} == 'EXCLUSIVE_BF'`],
  ]
  const programOf = (stage: string) => ids.program(stage.startsWith('DYAD_MOTHER') ? 'DYAD_MOTHER' : 'DYAD_INFANT')
  md.programIndicators = piDefs.map(([code, stage, cond]) => ({
    id: `pi${code.replace(/_/g, '').slice(0, 9).padEnd(9, 'X')}`,
    name: code,
    program: { id: programOf(stage) },
    analyticsType: 'EVENT',
    expression: 'V{event_count}',
    filter: `V{program_stage_id} == '${s(stage)}'${cond ? ` && ${cond}` : ''}`,
    aggregationType: 'COUNT',
    analyticsPeriodBoundaries: [
      { boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'AFTER_START_OF_REPORTING_PERIOD' },
      { boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'BEFORE_END_OF_REPORTING_PERIOD' },
    ],
  }))
  const pid = (code: string) => md.programIndicators.find((p) => p.name === code)!.id
  const ratios: Array<[string, string, string]> = [
    ['ANC_FPC', 'ANC_FPC', 'ANC_VISITS'], ['ANC4', 'ANC4', 'ANC1'], ['ANC1_12W', 'ANC1_12W', 'ANC1'], ['FAC_DEL', 'FAC_DEL', 'DELIVERIES'],
    ['PPFP', 'PPFP', 'FAC_DEL'], ['PP_FPC', 'PP_FPC', 'FAC_DEL'], ['PNC48', 'PNC48', 'DELIVERIES'], ['LBW', 'LBW', 'BIRTHS_WEIGHED'],
    ['EBF', 'EBF', 'MAMI_ASSESSED'], ['MAMI', 'MAMI_AT_RISK', 'MAMI_ASSESSED'],
  ]
  md.dataSets = [{ id: aggIds.dataSet(), code: DATA_SET.code, name: DATA_SET.name.en, periodType: DATA_SET.periodType, timelyDays: DATA_SET.timelyDays }]
  md.indicators = ratios.map(([code, n, dd]) => ({ id: `in${code.replace(/_/g, '').slice(0, 9).padEnd(9, 'X')}`, name: code, numerator: `I{${pid(n)}}`, denominator: `I{${pid(dd)}}`, indicatorType: { id: 'hmSnCXmLYwt' } }))
  return md
}

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = []
  const t0 = performance.now()
  const data = generate({ seed: 1, pairs: PAIRS })
  const genMs = performance.now() - t0
  let events = 0
  for (const te of data.trackedEntities) for (const en of te.enrollments) events += en.events.length
  figures.push({ name: `sandbox: generate ${PAIRS} pairs`, value: Math.round(genMs), unit: 'ms', note: `${data.trackedEntities.length} tracked entities, ${events} events, ${data.dataValues.length} data values` })
  const metadata = overviewMetadata()
  const ctx: AnalyticsContext = {
    metadata,
    orgUnits: data.orgUnits,
    orgUnitGroups: data.orgUnitGroups,
    orgUnitGroupSets: data.orgUnitGroupSets,
    trackedEntities: data.trackedEntities,
    relationships: data.relationships,
    dataValues: data.dataValues,
    completeRegistrations: data.completeRegistrations,
    userOrgUnits: [data.orgUnits[0].id],
    version: '2.41',
    today: '2026-11-01',
  }
  const dx = [...metadata.programIndicators.map((p) => p.id), ...metadata.indicators.map((i) => i.id), `${aggIds.dataSet()}.REPORTING_RATE`].join(';')
  const months = (y: number) => Array.from({ length: 10 }, (_, i) => `${y}${String(i + 1).padStart(2, '0')}`)
  const pe = [...months(2025), ...months(2026)].join(';')
  const qs = new URLSearchParams(`dimension=dx:${dx}&dimension=pe:${pe}&filter=ou:${data.orgUnits[0].id}&includeNumDen=true`)
  const t2 = performance.now()
  const cpu0 = process.cpuUsage()
  const cold = runAnalytics(qs, ctx)
  const coldMs = performance.now() - t2
  const cpu = process.cpuUsage(cpu0)
  const coldCpuMs = (cpu.user + cpu.system) / 1000
  if (cold.status !== 200) throw new Error(`analytics failed: ${JSON.stringify(cold.body)}`)
  const t3 = performance.now()
  runAnalytics(qs, ctx)
  const warmMs = performance.now() - t3
  // A fresh context warmed at start-up (index build + one evaluation of every PI), then the request
  const ctx2: AnalyticsContext = { ...ctx }
  const warmupMs = warmAnalytics(ctx2)
  const t5 = performance.now()
  runAnalytics(qs, ctx2)
  const afterWarmupMs = performance.now() - t5
  figures.push({ name: `sandbox: analytics start-up warm-up on ${PAIRS} pairs`, value: Math.round(warmupMs), unit: 'ms', note: 'warmAnalytics() (optional): column index + every program indicator evaluated once' })
  figures.push({ name: `sandbox: analytics overview after warm-up`, value: Math.round(afterWarmupMs), unit: 'ms', budget: { max: 2000 } })
  // Same dx/pe, different org unit (a region): index warm, per-row PI results cached
  const region = data.orgUnits.find((o) => o.level === 2)!.id
  const t4 = performance.now()
  runAnalytics(new URLSearchParams(`dimension=dx:${dx}&dimension=pe:${pe}&filter=ou:${region}`), ctx)
  const otherOuMs = performance.now() - t4
  const note = `${metadata.programIndicators.length} PIs + ${metadata.indicators.length} indicators + private-sector reporting rate × 20 months (2025-01..10 and 2026-01..10), ${(cold.body as { rows: unknown[] }).rows.length} rows`
  figures.push({ name: `sandbox: analytics overview on ${PAIRS} pairs (cold)`, value: Math.round(coldMs), unit: 'ms', budget: { max: 2000 }, note: `${note}; CPU ${Math.round(coldCpuMs)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores` })
  figures.push({ name: `sandbox: analytics overview on ${PAIRS} pairs (warm)`, value: Math.round(warmMs), unit: 'ms', budget: { max: 2000 } })
  figures.push({ name: `sandbox: analytics overview, other org unit (warm index)`, value: Math.round(otherOuMs), unit: 'ms', budget: { max: 2000 } })
  // JSON size, measured after the analytics figures so that the garbage of ~1 GB of strings does
  // not land in the cold request's GC.
  // serialised entity by entity (one string of the whole would exceed V8's limit)
  let bytes = 0
  const t1 = performance.now()
  for (const te of data.trackedEntities) bytes += Buffer.byteLength(JSON.stringify(te)) + 1
  bytes += Buffer.byteLength(JSON.stringify({ ...data, trackedEntities: [] }))
  figures.push({ name: `sandbox: JSON size of ${PAIRS} pairs`, value: Math.round(bytes / 1e5) / 10, unit: 'MB', note: `serialised in ${Math.round(performance.now() - t1)} ms` })

  return figures
}
