/**
 * Web-Worker-friendly entry of the pair path (DESIGN §3.1): pure functions over a plain,
 * structured-cloneable payload, with a progress callback and cancellation between phases. The
 * app's worker (src/workers) wraps these; nothing here touches the DOM, fetch or DHIS2.
 *
 * A `PairSession` keeps the parsed and linked data so that changing the period, the groups or the
 * profile rules recomputes without re-reading, and so that the timelines of the pairs behind a
 * number can be asked for afterwards.
 */
import type { TrackedEntity } from '../tracker'
import { buildPairs, timelineOf } from '../pairs/link'
import { parseTrackedEntities } from '../pairs/parse'
import { countByCode, type DataProblem, type ProblemCode } from '../pairs/problems'
import type { Contact, Pair, PairsResult } from '../pairs/types'
import { classifyPairs, type TrajectoryResult } from '../trajectories/classify'
import type { ProfileSet } from '../trajectories/profiles'
import { computeIndicators, type EngineResult, type Period } from './engine'

export type Phase = 'parse' | 'link' | 'compute' | 'trajectories' | 'done'

export interface Progress {
  phase: Phase
  /** 0–1 over the whole computation. */
  fraction: number
}

export interface PairLoadRequest {
  /** Tracker pages as received by the data adapter: each a list of tracked entities or an envelope. */
  pages: unknown[]
}

export interface PairComputeRequest {
  period: Period
  /** Org-unit UIDs in scope; null = every org unit of the loaded data. */
  scope: string[] | null
  /** Org unit → group key (e.g. the child of the selected org unit) for drill-down breakdowns. */
  groups?: Record<string, string>
  extraPeriods?: Period[]
  codes?: string[]
  profiles?: ProfileSet
  /** false: skip the trajectory classification (indicators only; `trajectories` is then null). Default true. */
  trajectories?: boolean
}

export interface PairComputeResponse {
  cancelled: boolean
  indicators: EngineResult | null
  trajectories: TrajectoryResult | null
  /** Problems of reading and linking (once per load) and of computing. */
  problems: DataProblem[]
  problemCounts: Partial<Record<ProblemCode, number>>
  summary: { entities: number; mothers: number; infants: number; pairs: number; infantsWithoutMother: number }
}

const noop = (): void => undefined
const never = (): boolean => false

function flatten(pages: unknown[]): { list: unknown[]; invalidPages: number } {
  const list: unknown[] = []
  let invalidPages = 0
  for (const page of Array.isArray(pages) ? pages : []) {
    const items = Array.isArray(page)
      ? page
      : page && typeof page === 'object'
        ? ((page as Record<string, unknown>).trackedEntities ?? (page as Record<string, unknown>).instances)
        : undefined
    if (!Array.isArray(items)) {
      invalidPages++
      continue
    }
    for (let i = 0; i < items.length; i++) list.push(items[i])
  }
  return { list, invalidPages }
}

export class PairSession {
  private entities: TrackedEntity[] = []
  private pairs: PairsResult = { mothers: [], infants: [], pairs: [], problems: [] }
  private loadProblems: DataProblem[] = []
  private pairById = new Map<string, Pair>()

  /** Read and link the tracker pages. Returns false when cancelled (the session is then empty). */
  load(req: PairLoadRequest, onProgress: (p: Progress) => void = noop, isCancelled: () => boolean = never): boolean {
    onProgress({ phase: 'parse', fraction: 0 })
    const { list, invalidPages } = flatten(req?.pages ?? [])
    const parsed = parseTrackedEntities(list)
    if (invalidPages > 0) parsed.problems.unshift(...parseTrackedEntities(null).problems)
    if (isCancelled()) return this.reset()
    onProgress({ phase: 'link', fraction: 0.35 })
    const linked = buildPairs(parsed.entities, undefined, parsed.index)
    if (isCancelled()) return this.reset()
    this.entities = parsed.entities
    this.pairs = linked
    this.loadProblems = [...parsed.problems, ...linked.problems]
    this.pairById = new Map(linked.pairs.map((p) => [p.id, p]))
    onProgress({ phase: 'compute', fraction: 0.6 })
    return true
  }

  private reset(): false {
    this.entities = []
    this.pairs = { mothers: [], infants: [], pairs: [], problems: [] }
    this.loadProblems = []
    this.pairById = new Map()
    return false
  }

  compute(req: PairComputeRequest, onProgress: (p: Progress) => void = noop, isCancelled: () => boolean = never): PairComputeResponse {
    const scope = req.scope === null || req.scope === undefined ? null : new Set(req.scope)
    const inScope = scope === null ? () => true : (ou: string) => scope.has(ou)
    const groups = req.groups
    const groupOf = groups ? (ou: string) => groups[ou] : undefined
    const summary = {
      entities: this.entities.length,
      mothers: this.pairs.mothers.length,
      infants: this.pairs.infants.length,
      pairs: this.pairs.pairs.length,
      infantsWithoutMother: this.pairs.pairs.filter((p) => p.mother === null).length,
    }
    const cancelled = (): PairComputeResponse => ({ cancelled: true, indicators: null, trajectories: null, problems: [], problemCounts: {}, summary })
    if (isCancelled()) return cancelled()
    onProgress({ phase: 'compute', fraction: 0.6 })
    const indicators = computeIndicators(this.entities, {
      period: req.period,
      inScope,
      ...(groupOf ? { groupOf } : {}),
      ...(req.extraPeriods ? { extraPeriods: req.extraPeriods } : {}),
      ...(req.codes ? { codes: req.codes } : {}),
    })
    if (isCancelled()) return cancelled()
    onProgress({ phase: 'trajectories', fraction: 0.85 })
    const trajectories =
      req.trajectories === false
        ? null
        : classifyPairs(this.pairs.pairs, {
            period: req.period,
            inScope,
            ...(groupOf ? { groupOf } : {}),
            ...(req.profiles ? { profiles: req.profiles } : {}),
          })
    const problems = [...this.loadProblems, ...indicators.problems]
    onProgress({ phase: 'done', fraction: 1 })
    return { cancelled: false, indicators, trajectories, problems, problemCounts: countByCode(problems), summary }
  }

  /** Timelines of the given pairs (e.g. the pairs behind a trajectory count). Unknown ids are skipped. */
  timelines(pairIds: string[]): Record<string, Contact[]> {
    const out: Record<string, Contact[]> = {}
    for (const id of pairIds) {
      const p = this.pairById.get(id)
      if (p) out[id] = timelineOf(p)
    }
    return out
  }
}

/** One-shot: read, link, compute (what a worker does for a single request). */
export function runPairComputation(
  load: PairLoadRequest,
  compute: PairComputeRequest,
  onProgress: (p: Progress) => void = noop,
  isCancelled: () => boolean = never,
): PairComputeResponse {
  const s = new PairSession()
  if (!s.load(load, onProgress, isCancelled)) {
    return { cancelled: true, indicators: null, trajectories: null, problems: [], problemCounts: {}, summary: { entities: 0, mothers: 0, infants: 0, pairs: 0, infantsWithoutMother: 0 } }
  }
  return s.compute(compute, onProgress, isCancelled)
}
