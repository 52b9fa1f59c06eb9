/**
 * Care trajectories, page model (no React): classification in chunks on the main thread (there
 * is no app Web Worker yet; see decision 0550), merge of chunk results, the rules in plain words,
 * and the rows of the tables and exports.
 */
import i18n from '@dhis2/d2-i18n'
import type { Label } from '../../../metadata/src/vocabulary'
import { dayNumber, isoOfDay } from '../../domain/dates'
import type { Pair } from '../../domain/pairs/types'
import { classifyPairs, pairFacts, pairReferenceDay, type ClassifyOptions, type PairFacts, type ProfileCount, type TrajectoryResult } from '../../domain/trajectories/classify'
import { FACTS, type Criterion, type ProfileSet } from '../../domain/trajectories/profiles'

export const lang = (): 'fr' | 'en' => ((i18n.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en')
export const tr = (l: Label | undefined): string => (l ? l[lang()] : '')

const shares = (total: number, counts: Map<string, number>, codes: string[]): ProfileCount[] =>
  codes.map((code) => ({ code, count: counts.get(code) ?? 0, share: total === 0 ? null : ((counts.get(code) ?? 0) / total) * 100 }))

/** Adds chunk results (same profile set) into one result; shares recomputed over the sums. */
export function mergeResults(parts: TrajectoryResult[], codes: string[]): TrajectoryResult {
  let total = 0
  let unclassified = 0
  const counts = new Map<string, number>()
  const pairsByProfile: Record<string, string[]> = Object.fromEntries(codes.map((c) => [c, [] as string[]]))
  const groups = new Map<string, { total: number; counts: Map<string, number> }>()
  for (const r of parts) {
    total += r.total
    unclassified += r.unclassified
    for (const p of r.profiles) counts.set(p.code, (counts.get(p.code) ?? 0) + p.count)
    for (const [code, ids] of Object.entries(r.pairsByProfile)) (pairsByProfile[code] ??= []).push(...ids)
    for (const [key, g] of Object.entries(r.byGroup)) {
      let m = groups.get(key)
      if (!m) {
        m = { total: 0, counts: new Map() }
        groups.set(key, m)
      }
      m.total += g.total
      for (const p of g.profiles) m.counts.set(p.code, (m.counts.get(p.code) ?? 0) + p.count)
    }
  }
  const byGroup: TrajectoryResult['byGroup'] = {}
  for (const [k, g] of groups) byGroup[k] = { total: g.total, profiles: shares(g.total, g.counts, codes) }
  return { total, profiles: shares(total, counts, codes), unclassified, byGroup, pairsByProfile }
}

export interface ChunkOptions {
  chunkSize?: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
  /** Lets the browser paint between chunks (default: a macrotask). */
  pause?: () => Promise<void>
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * The domain's classifyPairs over slices of the pairs, yielding to the browser between slices
 * (progress bar, cancel button stay responsive). Null when cancelled.
 */
export async function classifyInChunks(pairs: Pair[], options: ClassifyOptions & { profiles: ProfileSet }, o: ChunkOptions = {}): Promise<TrajectoryResult | null> {
  const size = Math.max(1, o.chunkSize ?? 5000)
  const codes = options.profiles.profiles.map((p) => p.code)
  const parts: TrajectoryResult[] = []
  for (let i = 0; i < pairs.length || i === 0; i += size) {
    if (o.signal?.aborted) return null
    parts.push(classifyPairs(pairs.slice(i, i + size), options))
    o.onProgress?.(Math.min(pairs.length, i + size), pairs.length)
    if (i + size < pairs.length) await (o.pause ?? macrotask)()
    if (pairs.length === 0) break
  }
  if (o.signal?.aborted) return null
  return mergeResults(parts, codes)
}

// ---------------------------------------------------------------------------------------------
// Rules in plain words
// ---------------------------------------------------------------------------------------------

function valueText(c: Criterion, set: ProfileSet): string {
  const v = c.value
  if (typeof v === 'object' && v !== null) {
    const p = set.parameters.find((x) => x.key === v.param)
    return p ? i18n.t('{{value}} (setting: {{setting}})', { value: String(p.value), setting: tr(p.label) }) : v.param
  }
  return String(v)
}

/** One criterion in the user's language, e.g. "Number of ANC contacts: at least 4". */
export function criterionText(c: Criterion, set: ProfileSet): string {
  const fact = FACTS[c.fact]
  const name = fact ? tr(fact.label) : String(c.fact)
  if (c.op === 'known') return i18n.t('{{fact}}: recorded', { fact: name })
  if (c.op === 'unknown') return i18n.t('{{fact}}: not recorded', { fact: name })
  if (fact?.type === 'boolean') {
    const yes = (c.op === 'eq') === (c.value === true)
    return yes ? i18n.t('{{fact}}: yes', { fact: name }) : i18n.t('{{fact}}: no', { fact: name })
  }
  const value = valueText(c, set)
  switch (c.op) {
    case 'eq':
      return i18n.t('{{fact}}: exactly {{value}}', { fact: name, value })
    case 'ne':
      return i18n.t('{{fact}}: other than {{value}}', { fact: name, value })
    case 'lt':
      return i18n.t('{{fact}}: less than {{value}}', { fact: name, value })
    case 'le':
      return i18n.t('{{fact}}: at most {{value}}', { fact: name, value })
    case 'gt':
      return i18n.t('{{fact}}: more than {{value}}', { fact: name, value })
    case 'ge':
      return i18n.t('{{fact}}: at least {{value}}', { fact: name, value })
    default:
      return name
  }
}

// ---------------------------------------------------------------------------------------------
// Pairs behind a number
// ---------------------------------------------------------------------------------------------

export interface PairRow {
  pair: Pair
  orgUnit: string
  /** Reference date of the pair (delivery, else birth, else first ANC contact), YYYY-MM-DD or ''. */
  date: string
  facts: PairFacts
}

export function pairRows(ids: string[], byId: Map<string, Pair>, periodEnd: string): PairRow[] {
  const end = dayNumber(periodEnd)
  const out: PairRow[] = []
  for (const id of ids) {
    const pair = byId.get(id)
    if (!pair) continue
    const ref = pairReferenceDay(pair)
    out.push({ pair, orgUnit: pair.orgUnit, date: Number.isNaN(ref) ? '' : isoOfDay(ref), facts: pairFacts(pair, end) })
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.pair.id.localeCompare(b.pair.id)))
}
