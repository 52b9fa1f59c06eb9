/** @jest-environment node */
/**
 * Contract tests: every response body in ../shared/dhis2-fixtures goes through the adapter's
 * parsers for its server version. A fixture the adapter has no parser for fails the suite, so a
 * new recording cannot be silently ignored.
 */
import path from 'node:path'
import { parseAnalytics, cellOf } from '../../src/data/analytics'
import { toDyadError } from '../../src/data/client'
import { ConflictError, NotFoundError } from '../../src/data/errors'
import { parseMe } from '../../src/data/me'
import { normaliseEnrollment, normaliseEvent, normaliseRelationship, normaliseTrackedEntity, parseTrackerPage } from '../../src/data/tracker'
import { parseServerVersion, trackerDialect } from '../../src/data/version'
import { FIXTURES_DIR, VERSIONS, listJson, readJson } from './fixtures'

const all = listJson(FIXTURES_DIR)
const rel = (p: string): string => path.relative(FIXTURES_DIR, p)

type Checker = (body: unknown, version: string, file: string) => void

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const checkAnalyticsGrid = (body: unknown): void => {
  const res = parseAnalytics(body)
  const b = body as { rows: unknown[]; headers: unknown[] }
  expect(res.rows).toHaveLength(b.rows.length)
  expect(res.columns).toHaveLength(b.headers.length)
  if (res.columns.includes('value')) {
    // every numeric row is addressable by its dimension items
    for (const row of res.rows) {
      const items = Object.fromEntries(res.keyDimensions.map((d) => [d, row[res.columns.indexOf(d)]]))
      const v = Number(row[res.columns.indexOf('value')])
      if (Number.isFinite(v)) expect(cellOf(res, items)?.value).toBe(v)
    }
  }
  if (res.columns.includes('numerator')) {
    // numerator/denominator follow their columns ('' in the row → undefined, never 0)
    const ni = res.columns.indexOf('numerator')
    const di = res.columns.indexOf('denominator')
    for (const row of res.rows) {
      const items = Object.fromEntries(res.keyDimensions.map((d) => [d, row[res.columns.indexOf(d)]]))
      const cell = cellOf(res, items)
      if (!cell) continue
      expect(cell.numerator).toBe(row[ni] === '' ? undefined : Number(row[ni]))
      expect(cell.denominator).toBe(row[di] === '' ? undefined : Number(row[di]))
    }
  }
}

const trackerKey = (file: string): 'trackedEntities' | 'enrollments' | 'events' | 'relationships' => {
  const base = path.basename(file)
  if (base.startsWith('trackedEntit')) return 'trackedEntities'
  if (base.startsWith('enrollments')) return 'enrollments'
  if (base.startsWith('events')) return 'events'
  if (base.startsWith('relationships')) return 'relationships'
  throw new Error(`no tracker key for ${file}`)
}

const normaliser = {
  trackedEntities: normaliseTrackedEntity,
  enrollments: normaliseEnrollment,
  events: normaliseEvent,
  relationships: normaliseRelationship,
} as const

const checkTrackerCollection: Checker = (body, version, file) => {
  const key = trackerKey(file)
  const page = parseTrackerPage(body, key)
  expect(page.items.length).toBeGreaterThan(0)
  const b = body as Record<string, unknown>
  // the envelope of each version (dhis2-api.md §1.1)
  if (version === '2.40') expect(Array.isArray(b.instances)).toBe(true)
  else expect(Array.isArray(b[key])).toBe(true)
  if (version !== '2.40') expect(isObj(b.pager)).toBe(true)
  expect(page.page).toBe(1)
  expect(typeof page.pageSize).toBe('number')
  for (const item of page.items) {
    const n = normaliser[key](item) as unknown as Record<string, unknown>
    expect(n[key === 'trackedEntities' ? 'trackedEntity' : key.slice(0, -1)]).toEqual((item as Record<string, unknown>)[key === 'trackedEntities' ? 'trackedEntity' : key.slice(0, -1)])
  }
  if (key === 'relationships') {
    for (const item of page.items) {
      const r = normaliseRelationship(item)
      const raw = item as { from: { trackedEntity?: { trackedEntity: string } }; to: { trackedEntity?: { trackedEntity: string } } }
      expect(r.from).toBe(raw.from.trackedEntity?.trackedEntity ?? null)
      expect(r.to).toBe(raw.to.trackedEntity?.trackedEntity ?? null)
    }
  }
  if (key === 'trackedEntities') {
    for (const item of page.items) {
      const te = normaliseTrackedEntity(item)
      const raw = item as { attributes?: unknown[]; relationships?: { from: { trackedEntity: { trackedEntity: string } } }[] }
      expect(te.attributes).toHaveLength(raw.attributes?.length ?? 0)
      raw.relationships?.forEach((r, i) => expect(te.relationships[i].from).toBe(r.from.trackedEntity.trackedEntity))
    }
  }
}

const checkTrackerSingle: Checker = (body, _version, file) => {
  const key = trackerKey(file)
  const n = normaliser[key](body) as unknown as Record<string, unknown>
  const idKey = key === 'trackedEntities' ? 'trackedEntity' : key.slice(0, -1)
  expect(n[idKey]).toBe((body as Record<string, unknown>)[idKey])
  if (key === 'trackedEntities') {
    const te = normaliseTrackedEntity(body)
    const raw = body as { enrollments?: { events?: unknown[] }[] }
    expect(te.enrollments).toHaveLength(raw.enrollments?.length ?? 0)
    te.enrollments.forEach((en, i) => expect(en.events).toHaveLength(raw.enrollments?.[i]?.events?.length ?? 0))
  }
  if (key === 'events') {
    const ev = normaliseEvent(body)
    expect(ev.dataValues.length).toBe(((body as { dataValues?: unknown[] }).dataValues ?? []).length)
  }
}

function checkerFor(file: string): Checker | undefined {
  const r = rel(file)
  const base = path.basename(file)
  if (r.startsWith('unversioned/')) {
    if (base.includes('409')) {
      return (body) => {
        const e = toDyadError({ type: 'access', message: 'Forbidden', details: body })
        expect(e).toBeInstanceOf(ConflictError)
      }
    }
    if (base.includes('404')) {
      return (body) => {
        const e = toDyadError({ type: 'unknown', message: 'An unknown error occurred - Not Found (404)', details: body })
        expect(e).toBeInstanceOf(NotFoundError)
      }
    }
    return undefined
  }
  if (base === 'system-info.json') {
    return (body, version) => {
      const v = parseServerVersion((body as { version?: unknown }).version)
      expect(v).toBeDefined()
      expect(`${v!.major}.${v!.minor}`).toBe(version)
      expect(trackerDialect(v!)).toBe(version)
    }
  }
  if (base.startsWith('me.')) {
    return (body) => {
      const me = parseMe(body)
      expect(me.id).toBe((body as { id: string }).id)
      expect(me.roots.length).toBeGreaterThan(0)
      expect(me.roots.every((u) => u.id.length === 11 && u.path.includes(u.id))).toBe(true)
    }
  }
  if (base.startsWith('aggregateDataExchange.')) return (body) => (body as unknown[]).forEach(checkAnalyticsGrid)
  if (base.startsWith('analytics.')) return (body) => checkAnalyticsGrid(body)
  if (base.endsWith('.collection.json') || /lower_v41|greater_equal_v41|with_relationship/.test(base)) return checkTrackerCollection
  if (base.endsWith('.single.json')) return checkTrackerSingle
  return undefined
}

describe('fixtures', () => {
  it('are present beside the repository', () => {
    expect(all.length).toBeGreaterThan(40)
  })
  it('each has a parser in the adapter', () => {
    expect(all.filter((f) => !checkerFor(f)).map(rel)).toEqual([])
  })
})

for (const version of [...VERSIONS, 'unversioned']) {
  describe(`DHIS2 ${version} fixtures`, () => {
    const files = all.filter((f) => rel(f).startsWith(`${version}/`))
    it('exist', () => expect(files.length).toBeGreaterThan(0))
    for (const file of files) {
      it(`parses ${rel(file)}`, () => {
        const check = checkerFor(file)
        if (!check) throw new Error(`no parser for ${rel(file)}`)
        check(readJson(file), version, file)
      })
    }
  })
}
