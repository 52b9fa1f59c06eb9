/**
 * Runs the data-quality check for an org unit and a period: reads the tracker records of the
 * subtree (pages, with progress and cancel), links pairs and applies the quality rules (domain),
 * computes every catalog indicator with the pair engine, asks DHIS2 analytics for the same program
 * indicators (one request), and checks the aggregate report. Each section keeps its own error: a
 * failing analytics request does not hide the linkage problems.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { CATALOG } from '../../domain/indicators/catalog'
import { computeIndicators, type IndicatorValue, type Period } from '../../domain/indicators/engine'
import type { TrackedEntity } from '../../domain/tracker'
import { createPairPort } from '../../workers/createPairWorker'
import type { FromWorker } from '../../workers/protocol'
import { buildPairs } from '../../domain/pairs/link'
import { parseTrackedEntities } from '../../domain/pairs/parse'
import type { ProblemCode } from '../../domain/pairs/problems'
import { parsePeriod as parseDomainPeriod } from '../../domain/periods/fixed'
import { isRelativePeriodId, relativePeriodRange } from '../../domain/periods/relative'
import { checkAggregateRules, serverViolationsFinding, type AggregateCheck } from '../../domain/quality/aggregate'
import { computeCompleteness, type StageCompleteness } from '../../domain/quality/completeness'
import { crossCheck, type CrossCheckResult } from '../../domain/quality/crosscheck'
import { checkTrackerQuality, WHO_GROWTH } from '../../domain/quality/tracker'
import type { QualityFinding } from '../../domain/quality/types'
import type { DhisClient } from '../../data/client'
import { AbortedError, BadRequestError, toDyadErrorSafe, type DyadError } from '../../data/errors'
import {
  fetchAggregateValues,
  fetchDyadDataSets,
  fetchDyadProgramIndicators,
  fetchDyadValidationRules,
  fetchFreshness,
  fetchInstalledPrograms,
  fetchOrgUnitNames,
  fetchOrgUnitScope,
  fetchProgramIndicatorValues,
  fetchQualityTrackerData,
  fetchRecordsWithEventsInSubtree,
  fetchSearchScope,
  runServerValidation,
  type OrgUnitScope,
  type ServerValidationResult,
  type SystemFreshness,
  type TrackerLoadProgress,
} from '../../data/quality'
import { useClient } from '../../data/useClient'

export type Phase = 'scope' | 'tracker' | 'compute' | 'analytics' | 'aggregate'

export interface CheckProgress {
  phase: Phase
  tracker?: TrackerLoadProgress
}

export interface Section<T> {
  data?: T
  error?: DyadError
}

export interface QualityResult {
  period: { id: string; start: string; end: string }
  scope: OrgUnitScope
  freshness: SystemFreshness
  records: { entities: number; newestUpdate: string | null }
  /** The Dyad tracker programs present on the server. */
  programs: { mother: boolean; infant: boolean }
  findings: QualityFinding[]
  completeness: StageCompleteness[]
  crossCheck: Section<CrossCheckResult>
  aggregate: Section<{ check: AggregateCheck | null; server: ServerValidationResult; dataSets: number }>
  orgUnitNames: Record<string, string>
  checkedAt: string
  /** Where the pair engine ran: in the pair worker, or on the main thread (no Worker, or it failed). */
  engineWhere: 'worker' | 'main'
}

export type CheckState =
  | { status: 'idle' }
  | { status: 'running'; progress: CheckProgress }
  | { status: 'cancelled' }
  | { status: 'error'; error: DyadError }
  | { status: 'done'; result: QualityResult }

/** Problem codes meaning the pair engine could not count some event. */
const COUNTING: ProblemCode[] = ['EVENT_MISSING_DATE', 'EVENT_BAD_DATE', 'EVENT_MISSING_ORG_UNIT', 'EVENT_BAD_STATUS', 'VALUE_NOT_BOOLEAN', 'VALUE_NOT_NUMBER', 'VALUE_UNKNOWN_OPTION', 'RECORD_SKIPPED', 'EVENT_INVALID', 'ENTITY_INVALID']

const todayIso = (): string => new Date().toISOString().slice(0, 10)

/** First and last day of a period id (relative ones on the server's date). */
export function periodRange(id: string, referenceDate: string): { start: string; end: string } | null {
  if (isRelativePeriodId(id)) {
    const r = relativePeriodRange(id, referenceDate)
    return r ? { start: r.startDate, end: r.endDate } : null
  }
  const p = parseDomainPeriod(id)
  return p ? { start: p.startDate, end: p.endDate } : null
}

/** Program-indicator counts from the worker's indicator values (numerator and denominator of each catalog indicator). */
export function programIndicatorCounts(values: Record<string, IndicatorValue>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const d of CATALOG) {
    if (d.kind !== 'tracker' || !d.programIndicators) continue
    const v = values[d.code]
    if (!v) continue
    out[d.programIndicators.numerator] = v.numerator
    if (d.programIndicators.denominator && v.denominator !== null) out[d.programIndicators.denominator] = v.denominator
  }
  return out
}

let workerRun = 0
const WORKER_PAGE = 1000

/**
 * The pair engine in the pair worker (src/workers, DESIGN §3.1): the records read are sent in
 * pages, one compute, the program-indicator counts back. Cancel tells the worker and ends it.
 * `null` when the worker failed (the caller then computes on the main thread).
 */
function engineInWorker(entities: TrackedEntity[], period: Period, scope: string[], signal: AbortSignal): Promise<{ counts: Record<string, number>; inline: boolean } | null> {
  return new Promise((resolve, reject) => {
    const run = ++workerRun
    const port = createPairPort()
    let finished = false
    const end = (): void => {
      finished = true
      signal.removeEventListener('abort', onAbort)
      port.terminate()
    }
    const onAbort = (): void => {
      if (finished) return
      port.post({ type: 'cancel', run })
      end()
      reject(new AbortedError())
    }
    signal.addEventListener('abort', onAbort)
    port.onMessage((m: FromWorker) => {
      if (finished || (m.run !== run && m.run !== -1)) return
      if (m.type === 'result') {
        end()
        resolve({ counts: programIndicatorCounts(m.result.values), inline: port.inline })
      } else if (m.type === 'cancelled') {
        end()
        reject(new AbortedError())
      } else if (m.type === 'error') {
        end()
        resolve(null)
      }
    })
    port.post({ type: 'reset', run })
    for (let i = 0; i < entities.length; i += WORKER_PAGE) port.post({ type: 'load', run, items: entities.slice(i, i + WORKER_PAGE) })
    port.post({ type: 'compute', run, spec: { period, scope } })
  })
}

export async function runQualityCheck(client: DhisClient, orgUnit: string, periodId: string, signal: AbortSignal, onProgress: (p: CheckProgress) => void): Promise<QualityResult> {
  const o = { signal }
  onProgress({ phase: 'scope' })
  const [scope, freshness, search, programs] = await Promise.all([fetchOrgUnitScope(client, orgUnit, o), fetchFreshness(client, o), fetchSearchScope(client, o), fetchInstalledPrograms(client, o)])
  const ref = freshness.serverDate?.slice(0, 10) || todayIso()
  const range = periodRange(periodId, ref)
  if (!range) throw new BadRequestError({ serverMessage: `period ${periodId}` })
  const period = { id: periodId, ...range }

  onProgress({ phase: 'tracker' })
  const tracker = await fetchQualityTrackerData(client, orgUnit, { signal, programs, onProgress: (t) => onProgress({ phase: 'tracker', tracker: t }) })
  if (signal.aborted) throw new AbortedError()
  // records registered elsewhere with events done here (analytics counts them by event org unit)
  const elsewhere = await fetchRecordsWithEventsInSubtree(client, orgUnit, period, new Set(tracker.entities.map((te) => te.trackedEntity)), { signal, programs })
  if (signal.aborted) throw new AbortedError()
  for (const te of elsewhere.entities) tracker.entities.push(te) // no spread: the list can be large
  if (elsewhere.newestUpdate && (tracker.newestUpdate === null || elsewhere.newestUpdate > tracker.newestUpdate)) tracker.newestUpdate = elsewhere.newestUpdate

  onProgress({ phase: 'compute' })
  await new Promise((r) => setTimeout(r, 0)) // let the progress paint
  const parsed = parseTrackedEntities(tracker.entities)
  const pairs = buildPairs(parsed.entities, undefined, parsed.index)
  const problems = [...parsed.problems, ...pairs.problems]
  const inScope = (ou: string): boolean => scope.subtree.has(ou)
  const findings = checkTrackerQuality({ entities: parsed.entities, problems, today: ref, growth: WHO_GROWTH }, { period, inScope })
  const completeness = computeCompleteness(parsed.entities, { period, inScope })
  // the pair engine in the worker (off the main thread); on a worker failure, here
  const inWorker = await engineInWorker(tracker.entities, { start: period.start, end: period.end }, [...scope.subtree], signal)
  const engineCounts = inWorker?.counts ?? computeIndicators(parsed.entities, { period, inScope }).programIndicators
  const engineWhere: QualityResult['engineWhere'] = inWorker === null ? 'main' : inWorker.inline ? 'main' : 'worker'
  const counting = problems.filter((p) => COUNTING.includes(p.code)).length
  const relationshipsOutsideData = problems.filter((p) => p.code === 'RELATIONSHIP_UNKNOWN_ENTITY').length
  const outsideSearchScope = search.searchOrgUnits.length > 0 && !search.searchOrgUnits.some((id) => scope.path.split('/').includes(id))

  onProgress({ phase: 'analytics' })
  const cross: Section<CrossCheckResult> = {}
  try {
    const serverPIs = await fetchDyadProgramIndicators(client, o)
    const byUid = await fetchProgramIndicatorValues(client, Object.values(serverPIs).map((p) => p.id), orgUnit, periodId, o)
    const analytics: Record<string, number> = {}
    for (const [code, pi] of Object.entries(serverPIs)) analytics[code] = byUid[pi.id] ?? 0
    cross.data = crossCheck({
      engine: engineCounts,
      analytics,
      serverPIs,
      freshness: { lastAnalyticsTableSuccess: freshness.lastAnalyticsTableSuccess, newestDataUpdate: tracker.newestUpdate },
      scope: { outsideSearchScope, relationshipsOutsideData },
      countingProblems: counting,
    })
  } catch (err) {
    if (signal.aborted) throw new AbortedError()
    cross.error = toDyadErrorSafe(err)
  }

  onProgress({ phase: 'aggregate' })
  const aggregate: QualityResult['aggregate'] = {}
  try {
    const [rules, dataSets] = await Promise.all([fetchDyadValidationRules(client, o), fetchDyadDataSets(client, o)])
    const values = await fetchAggregateValues(client, dataSets.map((d) => d.id), orgUnit, period.start, period.end, o)
    const server = await runServerValidation(client, orgUnit, period.start, period.end, o)
    const check = rules.length > 0 ? checkAggregateRules(rules, values, { inScope }) : null
    if (check && server.available) check.finding = serverViolationsFinding(server.violations)
    // the package has one monthly report: its violations open in the Data Entry app
    if (check && dataSets.length === 1) for (const rec of check.finding.records) rec.dataSet = dataSets[0].id
    aggregate.data = { check, server, dataSets: dataSets.length }
  } catch (err) {
    if (signal.aborted) throw new AbortedError()
    aggregate.error = toDyadErrorSafe(err)
  }

  const ous = new Set<string>()
  for (const f of findings) for (const r of f.records) if (r.orgUnit) ous.add(r.orgUnit)
  for (const r of aggregate.data?.check?.finding.records ?? []) if (r.orgUnit) ous.add(r.orgUnit)
  let orgUnitNames: Record<string, string> = {}
  try {
    orgUnitNames = await fetchOrgUnitNames(client, [...ous], o)
  } catch {
    // names are a comfort: the UIDs are shown instead
  }
  return {
    period,
    scope,
    freshness,
    records: { entities: parsed.entities.length, newestUpdate: tracker.newestUpdate },
    programs,
    findings,
    completeness,
    crossCheck: cross,
    aggregate,
    orgUnitNames,
    checkedAt: new Date().toISOString(),
    engineWhere,
  }
}

export function useQualityCheck(orgUnit: string | undefined, period: string): { state: CheckState; recheck: () => void; cancel: () => void } {
  const client = useClient()
  const [state, setState] = useState<CheckState>({ status: 'idle' })
  const [tick, setTick] = useState(0)
  const ctl = useRef<AbortController | null>(null)
  useEffect(() => {
    if (!orgUnit) return
    const c = new AbortController()
    ctl.current = c
    setState({ status: 'running', progress: { phase: 'scope' } })
    runQualityCheck(client, orgUnit, period, c.signal, (progress) => {
      if (!c.signal.aborted) setState({ status: 'running', progress })
    }).then(
      (result) => {
        if (!c.signal.aborted) setState({ status: 'done', result })
      },
      (err: unknown) => {
        if (c.signal.aborted || err instanceof AbortedError) setState({ status: 'cancelled' })
        else setState({ status: 'error', error: toDyadErrorSafe(err) })
      },
    )
    return () => c.abort()
  }, [client, orgUnit, period, tick])
  const recheck = useCallback(() => setTick((t) => t + 1), [])
  const cancel = useCallback(() => {
    ctl.current?.abort()
    setState({ status: 'cancelled' })
  }, [])
  return { state, recheck, cancel }
}
