/** @jest-environment node */
import { DhisClient, type EngineLike } from './client'
import { AbortedError } from './errors'
import { fetchAllTrackedEntities, noPagingParam, parseTrackerPage, trackedEntityParams } from './tracker'

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
