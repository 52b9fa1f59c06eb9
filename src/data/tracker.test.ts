/** @jest-environment node */
import { DhisClient, type EngineLike } from './client'
import { AbortedError } from './errors'
import { fetchAllTrackedEntities, fetchTrackedEntitiesByUid, fetchTrackedEntityStamps, formatServerStamp, noPagingParam, parseTrackerPage, recordStamp, serverStampMs, STAMP_FIELDS, trackedEntityParams, updatedAfterFor } from './tracker'

describe('tracker parameters per dialect', () => {
  const q = { orgUnits: ['a', 'b'], program: 'P', enrollmentStatus: 'ACTIVE' as const }
  it('2.40: orgUnit ; ouMode programStatus', () => {
    const p = trackedEntityParams('2.40', q, 1)
    expect(p).toMatchObject({ orgUnit: 'a;b', ouMode: 'DESCENDANTS', programStatus: 'ACTIVE', page: 1 })
    expect(p.orgUnits).toBeUndefined()
  })
  it('2.41: orgUnits , orgUnitMode, still programStatus', () => {
    const p = trackedEntityParams('2.41', q, 2)
    expect(p).toMatchObject({ orgUnits: 'a,b', orgUnitMode: 'DESCENDANTS', programStatus: 'ACTIVE', page: 2 })
    expect(p.ouMode).toBeUndefined()
  })
  it('2.42: enrollmentStatus', () => {
    const p = trackedEntityParams('2.42', q, 1)
    expect(p).toMatchObject({ orgUnits: 'a,b', orgUnitMode: 'DESCENDANTS', enrollmentStatus: 'ACTIVE' })
    expect(p.programStatus).toBeUndefined()
  })
  it('paging off', () => {
    expect(noPagingParam('2.40')).toEqual({ skipPaging: true })
    expect(noPagingParam('2.42')).toEqual({ paging: false })
  })
})

describe('envelopes', () => {
  it('2.42 pager with nextPage', () => {
    expect(parseTrackerPage({ pager: { page: 1, pageSize: 2, nextPage: 'http://x?page=2' }, trackedEntities: [{}, {}] }, 'trackedEntities').hasNext).toBe(true)
    expect(parseTrackerPage({ pager: { page: 2, pageSize: 2, prevPage: 'http://x?page=1' }, trackedEntities: [{}] }, 'trackedEntities').hasNext).toBe(false)
  })
  it('2.40 flat paging with pageCount', () => {
    const p = parseTrackerPage({ instances: [{}], page: 3, pageSize: 1, pageCount: 3, total: 3 }, 'trackedEntities')
    expect(p).toMatchObject({ page: 3, total: 3, hasNext: false })
  })
  it('rejects a non-array list', () => {
    expect(() => parseTrackerPage({ trackedEntities: {} }, 'trackedEntities')).toThrow()
  })
})

function pagedEngine(version: string, total: number, pageSize: number) {
  const seen: Record<string, unknown>[] = []
  const engine: EngineLike = {
    query: async (q) => {
      const { resource, params } = q.r
      if (resource === 'system/info') return { r: { version } }
      seen.push(params as Record<string, unknown>)
      const page = Number((params as { page: number }).page)
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)) }, (_, i) => ({
        trackedEntity: `te${(page - 1) * pageSize + i}`,
        relationships: [{ relationship: 'r', relationshipType: 't', from: { trackedEntity: { trackedEntity: 'm' } }, to: { trackedEntity: { trackedEntity: 'i' } } }],
      }))
      const body = version.startsWith('2.40') ? { instances: items, page, pageSize } : { trackedEntities: items, pager: { page, pageSize } }
      return { r: body }
    },
    mutate: async () => ({}),
  }
  return { engine, seen }
}

describe('fetchAllTrackedEntities', () => {
  it.each(['2.40.4.1', '2.41.0.1', '2.42.1'])('pages through everything on %s with progress', async (version) => {
    const { engine, seen } = pagedEngine(version, 5, 2)
    const progress: number[] = []
    const tes = await fetchAllTrackedEntities(new DhisClient(engine), { orgUnits: ['ou'], pageSize: 2 }, { onProgress: (p) => progress.push(p.fetched) })
    expect(tes.map((t) => t.trackedEntity)).toEqual(['te0', 'te1', 'te2', 'te3', 'te4'])
    expect(tes[0].relationships[0]).toMatchObject({ from: 'm', to: 'i' })
    expect(progress).toEqual([2, 4, 5])
    expect(seen).toHaveLength(3)
    expect(seen[0][version.startsWith('2.40') ? 'orgUnit' : 'orgUnits']).toBe('ou')
  })
  it('stops when aborted', async () => {
    const { engine } = pagedEngine('2.41.0', 10, 2)
    const ctl = new AbortController()
    const p = fetchAllTrackedEntities(new DhisClient(engine), { orgUnits: ['ou'], pageSize: 2 }, { signal: ctl.signal, onProgress: () => ctl.abort() })
    await expect(p).rejects.toBeInstanceOf(AbortedError)
  })
})

describe('record cache support: stamps, updatedAfter, deleted records, explicit UIDs', () => {
  it('explicit UIDs and includeDeleted per dialect (trackedEntity=a;b in 2.40, trackedEntities=a,b from 2.41; includeDeleted the same)', () => {
    const q = { orgUnits: ['ou'], trackedEntities: ['a', 'b'], includeDeleted: true, updatedAfter: '2025-01-02T08:00:00.000' }
    expect(trackedEntityParams('2.40', q, 1)).toMatchObject({ trackedEntity: 'a;b', includeDeleted: true, updatedAfter: '2025-01-02T08:00:00.000', orgUnit: 'ou', ouMode: 'DESCENDANTS' })
    for (const d of ['2.41', '2.42'] as const) {
      const p = trackedEntityParams(d, q, 1)
      expect(p).toMatchObject({ trackedEntities: 'a,b', includeDeleted: true, orgUnits: 'ou' })
      expect(p.trackedEntity).toBeUndefined()
    }
    expect(trackedEntityParams('2.41', { orgUnits: ['ou'] }, 1).includeDeleted).toBeUndefined()
  })

  it('server stamps are read as the server wrote them (zone-less wall clock) and written back the same way', () => {
    const t = serverStampMs('2025-01-02T08:00:00.123')!
    expect(formatServerStamp(t)).toBe('2025-01-02T08:00:00.123')
    expect(serverStampMs('2025-01-02T08:00:00')).toBe(Date.UTC(2025, 0, 2, 8))
    expect(serverStampMs('2025-01-02T08:00:00.1234567')).toBe(Date.UTC(2025, 0, 2, 8, 0, 0, 123))
    expect(serverStampMs('2025-01-02')).toBe(Date.UTC(2025, 0, 2))
    expect(serverStampMs('yesterday')).toBeNull()
    expect(serverStampMs(42)).toBeNull()
    expect(updatedAfterFor(t, 5 * 60_000)).toBe('2025-01-02T07:55:00.123')
    expect(updatedAfterFor(Date.UTC(2025, 0, 1, 0, 2), 5 * 60_000)).toBe('2024-12-31T23:57:00.000')
  })

  it('a record stamp is the latest of the record, its enrollments and events; its own stamp is kept apart', () => {
    const st = recordStamp({ trackedEntity: 'te1', updatedAt: '2025-01-02T08:00:00.000', enrollments: [{ updatedAt: '2025-01-03T08:00:00.000', events: [{ updatedAt: '2025-01-04T09:00:00.000' }, { updatedAt: 'bad' }] }] })
    expect(st).toEqual({ uid: 'te1', updatedAt: Date.UTC(2025, 0, 4, 9), own: Date.UTC(2025, 0, 2, 8), deleted: false })
    expect(recordStamp({ trackedEntity: 'te2', deleted: true })).toEqual({ uid: 'te2', updatedAt: null, own: null, deleted: true })
    expect(recordStamp(null)).toEqual({ uid: '', updatedAt: null, own: null, deleted: false })
  })

  it.each(['2.40.4.1', '2.41.0.1', '2.42.1'])('%s: the freshness check asks for stamps only, deleted records included; re-reads by UID ask one page', async (version) => {
    const seen: Record<string, unknown>[] = []
    const engine: EngineLike = {
      query: async (q) => {
        const { resource, params } = q.r
        if (resource === 'system/info') return { r: { version } }
        const p = params as Record<string, unknown>
        seen.push(p)
        const items = p.fields === STAMP_FIELDS ? [{ trackedEntity: 'te1', updatedAt: '2025-01-02T08:00:00.000', deleted: false }, { trackedEntity: 'te2', updatedAt: '2025-01-02T09:00:00.000', deleted: true }] : [{ trackedEntity: 'te1', updatedAt: '2025-01-02T08:00:00.000', enrollments: [] }]
        return { r: version.startsWith('2.40') ? { instances: items, page: 1, pageSize: p.pageSize } : { trackedEntities: items, pager: { page: 1, pageSize: p.pageSize } } }
      },
      mutate: async () => ({}),
    }
    const client = new DhisClient(engine)
    const got = await fetchTrackedEntityStamps(client, { orgUnits: ['ou'], pageSize: 1000 }, '2025-01-02T07:55:00.000')
    expect(got.requests).toBe(1)
    expect(got.stamps.map((x) => [x.uid, x.deleted])).toEqual([
      ['te1', false],
      ['te2', true],
    ])
    expect(seen[0]).toMatchObject({ fields: STAMP_FIELDS, updatedAfter: '2025-01-02T07:55:00.000', includeDeleted: true })
    const byUid = await fetchTrackedEntitiesByUid(client, { orgUnits: ['ou'] }, ['te1'])
    expect(byUid.requests).toBe(1)
    expect(byUid.items.map((x) => x.trackedEntity)).toEqual(['te1'])
    expect(byUid.stamps[0].own).toBe(Date.UTC(2025, 0, 2, 8))
    expect(seen[1][version.startsWith('2.40') ? 'trackedEntity' : 'trackedEntities']).toBe('te1')
    expect(seen).toHaveLength(2)
  })
})
