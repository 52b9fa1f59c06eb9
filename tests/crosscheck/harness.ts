/**
 * The automated cross-check: on the sandbox's synthetic data, every catalog tracker indicator
 * computed by the pair engine (src/domain) must equal the sandbox's analytics value of the
 * package's program indicators (sandbox/analytics evaluates their own expression, filter and
 * boundaries). Shared period/org-unit semantics: event date in the period (inclusive), event org
 * unit in the selected org unit's subtree.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { uid } from '../../metadata/src/uid'
import { CATALOG } from '../../src/domain/indicators/catalog'
import { computeIndicators } from '../../src/domain/indicators/engine'
import type { IndicatorDef } from '../../src/domain/indicators/types'
import type { TrackedEntity } from '../../src/domain/tracker'
import { runAnalytics, type AnalyticsContext } from '../../sandbox/analytics'
import { vocabularyMetadata } from '../../sandbox/analytics/testkit'
import type { GeneratedData, MetadataStore, OrgUnit } from '../../sandbox/model'

export const DIST = path.resolve(__dirname, '../../metadata/dist')

/** The newest `metadata/dist/dyad-metadata-<version>.json`, or null when none is built. */
export function newestBundlePath(dir = DIST): string | null {
  if (!existsSync(dir)) return null
  const files = readdirSync(dir).filter((f) => /^dyad-metadata-.+\.json$/.test(f))
  if (files.length === 0) return null
  const ver = (f: string): number[] => (/dyad-metadata-(\d+)\.(\d+)\.(\d+)/.exec(f)?.slice(1).map(Number) ?? [0, 0, 0])
  files.sort((a, b) => {
    const x = ver(a)
    const y = ver(b)
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (a < b ? -1 : 1)
  })
  return path.join(dir, files[files.length - 1])
}

/** Metadata for the sandbox analytics: the vocabulary (levels, programs…) overlaid with the bundle's collections. */
export function analyticsMetadata(bundle: Record<string, unknown>): MetadataStore {
  const meta = vocabularyMetadata()
  for (const [key, list] of Object.entries(bundle)) {
    if (!Array.isArray(list)) continue
    const objs = list.filter((o): o is Record<string, unknown> & { id: string } => typeof o === 'object' && o !== null && typeof (o as { id?: unknown }).id === 'string')
    if (objs.length === 0) continue
    const byId = new Map((meta[key] ?? []).map((o) => [o.id, o]))
    for (const o of objs) byId.set(o.id, o)
    meta[key] = [...byId.values()]
  }
  return meta
}

export interface CheckPeriod {
  id: string
  start: string
  end: string
}

const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** Monthly (YYYYMM), quarterly (YYYYQn) and yearly (YYYY) DHIS2 period ids → inclusive dates. */
export function periodOf(id: string): CheckPeriod {
  let m = /^(\d{4})(\d{2})$/.exec(id)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    return { id, start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)) }
  }
  m = /^(\d{4})Q([1-4])$/.exec(id)
  if (m) {
    const y = Number(m[1])
    const q = Number(m[2])
    return { id, start: iso(y, q * 3 - 2, 1), end: iso(y, q * 3, lastDay(y, q * 3)) }
  }
  m = /^(\d{4})$/.exec(id)
  if (m) return { id, start: `${m[1]}-01-01`, end: `${m[1]}-12-31` }
  throw new Error(`unsupported period ${id}`)
}

export interface Mismatch {
  indicator: string
  side: 'numerator' | 'denominator'
  programIndicator: string
  orgUnit: string
  orgUnitName: string
  period: string
  engine: number
  analytics: number | string
}

export interface CrossCheckRun {
  compared: number
  mismatches: Mismatch[]
  /** Catalog program indicators missing in the bundle. */
  missingInBundle: string[]
  /** Analytics errors (status and message) — an expression the sandbox cannot evaluate is one. */
  analyticsErrors: string[]
  /** Engine program-indicator counts per org unit × period, to show the data is not empty. */
  nonZero: number
}

export function trackerIndicators(catalog: IndicatorDef[] = CATALOG): IndicatorDef[] {
  return catalog.filter((d) => d.kind === 'tracker' && d.numerator && d.programIndicators)
}

/** The engine's view of the generated entities (relationships are not needed by event rules). */
export function engineEntities(data: GeneratedData): TrackedEntity[] {
  return data.trackedEntities.map((te) => ({ ...te, relationships: [] }) as TrackedEntity)
}

export function runCrossCheck(data: GeneratedData, metadata: MetadataStore, orgUnits: OrgUnit[], periods: string[], catalog: IndicatorDef[] = CATALOG): CrossCheckRun {
  const defs = trackerIndicators(catalog)
  const sides: { def: IndicatorDef; side: 'numerator' | 'denominator'; code: string; uid: string }[] = []
  for (const d of defs) {
    sides.push({ def: d, side: 'numerator', code: d.programIndicators!.numerator, uid: uid('programIndicator', d.programIndicators!.numerator) })
    if (d.programIndicators!.denominator) sides.push({ def: d, side: 'denominator', code: d.programIndicators!.denominator, uid: uid('programIndicator', d.programIndicators!.denominator) })
  }
  const inBundle = new Set((metadata.programIndicators ?? []).map((p) => p.id))
  const missingInBundle = sides.filter((s) => !inBundle.has(s.uid)).map((s) => s.code)
  const present = sides.filter((s) => inBundle.has(s.uid))

  const ctx: AnalyticsContext = {
    metadata,
    orgUnits: data.orgUnits,
    orgUnitGroups: data.orgUnitGroups,
    orgUnitGroupSets: data.orgUnitGroupSets,
    trackedEntities: data.trackedEntities,
    relationships: data.relationships,
    dataValues: data.dataValues,
    completeRegistrations: data.completeRegistrations,
    userOrgUnits: data.orgUnits.filter((o) => o.level === 1).map((o) => o.id),
    version: '2.41',
    today: '2026-11-01',
  }
  const analyticsErrors: string[] = []
  const values = new Map<string, string>()
  if (present.length > 0) {
    const params = new URLSearchParams()
    params.append('dimension', `dx:${present.map((s) => s.uid).join(';')}`)
    params.append('dimension', `pe:${periods.join(';')}`)
    params.append('dimension', `ou:${orgUnits.map((o) => o.id).join(';')}`)
    params.append('includeNumDen', 'true')
    params.append('skipMeta', 'true')
    const res = runAnalytics(params, ctx)
    if (res.status !== 200) analyticsErrors.push(`HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`)
    else {
      const body = res.body as { headers: { name: string }[]; rows: string[][] }
      const col = (n: string): number => body.headers.findIndex((h) => h.name === n)
      const [dx, pe, ou, value] = [col('dx'), col('pe'), col('ou'), col('value')]
      for (const r of body.rows) values.set(`${r[dx]}|${r[pe]}|${r[ou]}`, r[value])
    }
  }

  const entities = engineEntities(data)
  const mismatches: Mismatch[] = []
  let compared = 0
  let nonZero = 0
  const byId = new Map(data.orgUnits.map((o) => [o.id, o]))
  for (const ou of orgUnits) {
    const inScope = (id: string): boolean => {
      const o = byId.get(id)
      return o !== undefined && (o.id === ou.id || o.path.includes(`/${ou.id}/`) || o.path.endsWith(`/${ou.id}`))
    }
    for (const peId of periods) {
      const p = periodOf(peId)
      const res = computeIndicators(entities, { period: { start: p.start, end: p.end }, inScope, codes: defs.map((d) => d.code), catalog })
      for (const s of present) {
        const engine = res.programIndicators[s.code] ?? 0
        if (engine !== 0) nonZero++
        const raw = values.get(`${s.uid}|${peId}|${ou.id}`)
        const analytics = raw === undefined ? 0 : Number(raw)
        compared++
        if (analytics !== engine) {
          mismatches.push({ indicator: s.def.code, side: s.side, programIndicator: s.code, orgUnit: ou.id, orgUnitName: ou.name, period: peId, engine, analytics: raw === undefined ? 0 : Number.isFinite(analytics) ? analytics : raw })
        }
      }
    }
  }
  return { compared, mismatches, missingInBundle, analyticsErrors, nonZero }
}

/** A readable table of mismatches (at most `max` lines). */
export function formatMismatches(list: Mismatch[], max = 40): string {
  const lines = list.slice(0, max).map((m) => `  ${m.indicator} ${m.side} (${m.programIndicator}) · ${m.orgUnitName} [${m.orgUnit}] · ${m.period}: pair engine ${m.engine} ≠ analytics ${m.analytics}`)
  if (list.length > max) lines.push(`  … and ${list.length - max} more`)
  return lines.join('\n')
}

/** Country, a region, a district and a facility: each the busiest of its level (by tracker events). */
export function pickOrgUnits(data: GeneratedData): OrgUnit[] {
  const events = new Map<string, number>()
  for (const te of data.trackedEntities) for (const en of te.enrollments) for (const ev of en.events) events.set(ev.orgUnit, (events.get(ev.orgUnit) ?? 0) + 1)
  const byId = new Map(data.orgUnits.map((o) => [o.id, o]))
  const subtree = new Map<string, number>()
  for (const [id, n] of events) {
    const o = byId.get(id)
    if (!o) continue
    for (const a of o.path.split('/').filter(Boolean)) subtree.set(a, (subtree.get(a) ?? 0) + n)
  }
  const out: OrgUnit[] = []
  let parent: OrgUnit | undefined = data.orgUnits.find((o) => o.level === 1)
  if (parent) out.push(parent)
  while (parent) {
    const kids = data.orgUnits.filter((o) => o.parent === parent!.id)
    if (kids.length === 0) break
    kids.sort((a, b) => (subtree.get(b.id) ?? 0) - (subtree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1))
    parent = kids[0]
    out.push(parent)
  }
  return out
}
