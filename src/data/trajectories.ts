/**
 * Requests of the care-trajectories page (pair path, DESIGN §3.1), on top of the foundation's
 * adapters. The page never builds a URL: it calls these.
 *
 * - the org units of the selected subtree (id, name, path) in ONE request: names of the pairs'
 *   facilities and the child of the selected unit each pair belongs to (per-group breakdown);
 * - every Person tracked entity owned in the subtree, page after page (progress, cancel), with the
 *   foundation's tracker reader (2.40–2.42 dialects and envelopes). Asking by tracked-entity type
 *   rather than per program reads each mother and infant once, with all their Dyad enrollments;
 * - the profile rules in the dataStore (`dyad/trajectory-rules`), versioned and validated before
 *   any write.
 */
import { ids } from '../../metadata/src/vocabulary'
import { DEFAULT_PROFILE_SET, validateProfileSet, type ProfileParameter, type ProfileSet } from '../domain/trajectories/profiles'
import type { TrackedEntity } from '../domain/tracker'
import type { DhisClient, RequestOptions } from './client'
import { readKey, saveKey } from './dataStore'
import { BadResponseError } from './errors'
import { fetchAllTrackedEntities, type TrackerProgress } from './tracker'

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface SubtreeUnit {
  id: string
  name: string
  path: string
}

export interface Subtree {
  root: SubtreeUnit
  /** Every unit of the subtree (the root included), by UID. */
  units: Map<string, SubtreeUnit>
  /** The root's children (rows of the per-unit breakdown), sorted by name. */
  children: SubtreeUnit[]
}

/** The subtree of `orgUnit` (one request: `path:like`), with the root's children. */
export async function fetchSubtree(client: DhisClient, orgUnit: string, o: RequestOptions = {}): Promise<Subtree> {
  const body = await client.get<unknown>('organisationUnits', { filter: `path:like:${orgUnit}`, fields: 'id,displayName,path', paging: false }, o)
  const list = isObj(body) ? body.organisationUnits : undefined
  if (!Array.isArray(list)) throw new BadResponseError({ serverMessage: 'organisationUnits: no list' })
  const units = new Map<string, SubtreeUnit>()
  for (const x of list) {
    if (!isObj(x) || typeof x.id !== 'string') continue
    units.set(x.id, { id: x.id, name: typeof x.displayName === 'string' && x.displayName ? x.displayName : x.id, path: typeof x.path === 'string' ? x.path : `/${x.id}` })
  }
  const root = units.get(orgUnit)
  if (!root) throw new BadResponseError({ serverMessage: `organisationUnits: ${orgUnit} not in its own subtree` })
  const depth = root.path.split('/').filter(Boolean).length
  const children = [...units.values()].filter((u) => u.path.startsWith(`${root.path}/`) && u.path.split('/').filter(Boolean).length === depth + 1)
  children.sort((a, b) => a.name.localeCompare(b.name))
  return { root, units, children }
}

/** Org unit → the child of the root it lies under (undefined for the root itself or outside). */
export function childGroups(tree: Subtree): Record<string, string> {
  const depth = tree.root.path.split('/').filter(Boolean).length
  const out: Record<string, string> = {}
  for (const u of tree.units.values()) {
    const parts = u.path.split('/').filter(Boolean)
    if (parts.length > depth && parts[depth - 1] === tree.root.id) out[u.id] = parts[depth]
  }
  return out
}

/** Every Person tracked entity owned in the subtree of `orgUnit` (Mother and Infant records). */
export function fetchPairRecords(client: DhisClient, orgUnit: string, o: { signal?: AbortSignal; onProgress?: (p: TrackerProgress) => void; pageSize?: number } = {}): Promise<TrackedEntity[]> {
  return fetchAllTrackedEntities(
    client,
    { orgUnits: [orgUnit], orgUnitMode: 'DESCENDANTS', trackedEntityType: ids.trackedEntityType(), pageSize: o.pageSize ?? 1000 },
    { signal: o.signal, onProgress: o.onProgress },
  )
}

// ---------------------------------------------------------------------------------------------
// Profile rules in the dataStore
// ---------------------------------------------------------------------------------------------

export const TRAJECTORY_RULES_DATASTORE_KEY = 'trajectory-rules'
/** Version of the stored document (not of the rules): bump and migrate when the shape changes. */
export const TRAJECTORY_RULES_SCHEMA = 1

export interface StoredTrajectoryRules {
  schemaVersion: number
  updatedAt: string
  rules: ProfileSet
}

export interface LoadedRules {
  rules: ProfileSet
  /** 'stored' when read from the dataStore, 'default' when nothing (valid) was stored. */
  source: 'stored' | 'default'
  /** Why a stored document was not used (unreadable, invalid), in EN/FR. */
  warning?: { en: string; fr: string }
}

/** Keeps the default parameters a stored set lacks (a later version may add one). */
function withDefaultParameters(set: ProfileSet): ProfileSet {
  const have = new Set(set.parameters.map((p) => p.key))
  const missing: ProfileParameter[] = DEFAULT_PROFILE_SET.parameters.filter((p) => !have.has(p.key))
  return missing.length ? { ...set, parameters: [...set.parameters, ...missing] } : set
}

/** Reads a stored document of any known schema; never throws on bad content (falls back to defaults). */
export function parseStoredRules(value: unknown): LoadedRules {
  if (value === undefined) return { rules: DEFAULT_PROFILE_SET, source: 'default' }
  const bad = { en: 'The saved profile rules could not be read; the default rules are used.', fr: 'Les règles de profils enregistrées sont illisibles ; les règles par défaut sont utilisées.' }
  if (!isObj(value) || typeof value.schemaVersion !== 'number' || !isObj(value.rules)) return { rules: DEFAULT_PROFILE_SET, source: 'default', warning: bad }
  if (value.schemaVersion > TRAJECTORY_RULES_SCHEMA) {
    return { rules: DEFAULT_PROFILE_SET, source: 'default', warning: { en: 'The saved profile rules come from a newer version of Dyad; the default rules are used.', fr: 'Les règles de profils enregistrées viennent d’une version plus récente de Dyade ; les règles par défaut sont utilisées.' } }
  }
  const r = value.rules as Partial<ProfileSet>
  if (!Array.isArray(r.parameters) || !Array.isArray(r.profiles) || typeof r.version !== 'number') return { rules: DEFAULT_PROFILE_SET, source: 'default', warning: bad }
  const set = withDefaultParameters(r as ProfileSet)
  if (validateProfileSet(set).length > 0) return { rules: DEFAULT_PROFILE_SET, source: 'default', warning: bad }
  return { rules: set, source: 'stored' }
}

export async function readTrajectoryRules(client: DhisClient, o: RequestOptions = {}): Promise<LoadedRules> {
  return parseStoredRules(await readKey<unknown>(client, TRAJECTORY_RULES_DATASTORE_KEY, o))
}

/**
 * Validates, then saves (PUT, 404 → POST, 409 → PUT: the foundation's saveKey). The rules' own
 * `version` is incremented on each save so a reader can tell two saved sets apart.
 * Throws a plain Error with the validation messages when the set is invalid (nothing is written).
 */
export async function saveTrajectoryRules(client: DhisClient, rules: ProfileSet, now: Date = new Date(), o: RequestOptions = {}): Promise<{ stored: StoredTrajectoryRules; outcome: 'created' | 'updated' }> {
  const errors = validateProfileSet(rules)
  if (errors.length) throw new RuleValidationError(errors)
  const stored: StoredTrajectoryRules = { schemaVersion: TRAJECTORY_RULES_SCHEMA, updatedAt: now.toISOString(), rules: { ...rules, version: rules.version + 1 } }
  const outcome = await saveKey(client, TRAJECTORY_RULES_DATASTORE_KEY, stored, o)
  return { stored, outcome }
}

export class RuleValidationError extends Error {
  readonly errors: { en: string; fr: string }[]
  constructor(errors: { en: string; fr: string }[]) {
    super(errors.map((e) => e.en).join(' '))
    this.errors = errors
  }
}
