/**
 * The sandbox's seeded synthetic data: `generate({ seed, pairs, today })` returns the org-unit
 * hierarchy, users, tracker data (mother–infant pairs with relationships) and aggregate data
 * (monthly private-sector reports and their complete registrations). Deterministic for a seed:
 * no Math.random, no clock (today defaults to DEFAULT_TODAY).
 *
 * For very large scales use `generateTracker` with a streaming sink instead of `generate`.
 */
import type { GeneratedData, StoredRelationship } from '../model'
import { generateAggregate } from './aggregate'
import { buildHierarchy } from './orgunits'
import { generateTracker, type GeneratedProblem, type GeneratedTrackedEntity } from './tracker'
import { buildUsers } from './users'

export { buildHierarchy } from './orgunits'
export { generateTracker, PROBLEM_KINDS } from './tracker'
export type { GeneratedProblem, GeneratedTrackedEntity, GeneratedEvent, GeneratedEnrollment, ProblemKind, TrackerSink } from './tracker'
export { generateAggregate, AGGREGATE_PROBLEM_KINDS } from './aggregate'
export type { AggregateProblemKind } from './aggregate'
export { privateSectorSpec } from './datasetSpec'
export { buildUsers } from './users'

/** The generator's fixed "today" (data run up to the day before; stable output). */
export const DEFAULT_TODAY = '2026-11-01'

export interface GenerateOptions {
  seed: number
  pairs: number
  /** ISO date; defaults to DEFAULT_TODAY. */
  today?: string
}

export function generate(options: GenerateOptions): GeneratedData {
  if (!Number.isInteger(options.pairs) || options.pairs < 0) throw new Error(`pairs must be a non-negative integer (got ${options.pairs})`)
  const today = options.today ?? DEFAULT_TODAY
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD (got ${today})`)
  const h = buildHierarchy()
  const trackedEntities: GeneratedTrackedEntity[] = []
  const relationships: StoredRelationship[] = []
  const problems: GeneratedProblem[] = []
  generateTracker({ seed: options.seed, pairs: options.pairs, today }, h, {
    trackedEntity: (te) => trackedEntities.push(te),
    relationship: (r) => relationships.push(r),
    problem: (p) => problems.push(p),
  })
  const aggregate = generateAggregate({ seed: options.seed, today }, h)
  return {
    orgUnits: h.orgUnits,
    orgUnitLevels: h.orgUnitLevels,
    orgUnitGroups: h.orgUnitGroups,
    orgUnitGroupSets: h.orgUnitGroupSets,
    trackedEntities,
    relationships,
    dataValues: aggregate.dataValues,
    completeRegistrations: aggregate.completeRegistrations,
    users: buildUsers(h),
    problems,
    aggregateProblems: aggregate.problems,
  }
}
