/** @jest-environment node */
/**
 * The exact path's record cache against an in-memory DHIS2 tracker (test-server.ts) and the real
 * worker protocol behind a port that structured-clones every message, as postMessage does.
 */
import { TextEncoder } from 'node:util'
import { deserialize, serialize } from 'node:v8'
import { computeIndicators } from '../domain/indicators/engine'
import { ServerError } from '../data/errors'
import { ExactStore, SessionLostError, type ExactRequest } from './exactStore'
import { createPairHandler, type FromWorker, type PairPort, type ToWorker } from './protocol'
import { F3, F4, DISTRICT, DISTRICT2, DISTRICT3, F1, F2, trackerServer } from './test-server'
import { records } from './test-records'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const Y2024: ExactRequest = { period: { start: '2024-01-01', end: '2024-12-31' }, extraPeriods: [{ start: '2024-06-01', end: '2024-06-30' }] }
const Y2023: ExactRequest = { period: { start: '2023-01-01', end: '2023-12-31' } }
const Q2_2024: ExactRequest = { period: { start: '2024-04-01', end: '2024-06-30' } }

const sc = <T,>(x: T): T => deserialize(serialize(x)) as T

/** The worker's handler behind an asynchronous, cloning port; every message to it logged. */
function clonedPort() {
  const posted: ToWorker[] = []
  let listener: ((m: FromWorker) => void) | undefined
  let closed = false
  let terminated = 0
  const handle = createPairHandler((m) => {
    const c = sc(m)
    setTimeout(() => !closed && listener?.(c), 0)
  })
  const port: PairPort = {
    inline: false,
    post: (m) => {
      posted.push(m)
      const c = sc(m)
      setTimeout(() => !closed && handle(c), 0)
    },
    onMessage: (f) => {
      listener = f
    },
    terminate: () => {
      closed = true
      terminated++
    },
  }
  return { port, posted, terminated: () => terminated }
}

function setup(o: { version?: '2.40' | '2.41' | '2.42'; maxRecords?: number } = {}) {
  const server = trackerServer({ version: o.version })
  const ports: ReturnType<typeof clonedPort>[] = []
  const store = new ExactStore({
    createPort: async () => {
      const p = clonedPort()
      ports.push(p)
      return p.port
    },
    maxRecords: o.maxRecords,
  })
  const client = server.client()
  const types = () => ports.flatMap((p) => p.posted.map((m) => m.type))
  const load = async (root: string) => store.load(client, root, () => undefined).promise
  return { server, store, client, ports, types, load }
}

const anc = (r: { values: Record<string, { numerator: number }> }) => r.values.ANC_VISITS.numerator

describe('exact path record cache', () => {
  it('first read: the subtree (1 request) and every record page streamed into a worker session; exact values', async () => {
    const s = setup()
    const entry = await s.load(DISTRICT)
    expect(s.server.counts()).toEqual({ pages: 1, checks: 0, byUid: 0, orgUnits: 1 })
    expect(entry.records).toBe(s.server.recs.size)
    expect(entry.highWater).not.toBeNull()
    const r = await s.store.compute(entry, DISTRICT, Y2024, false)
    expect(r.cached).toBe(false)
    // 5 ANC contacts in the district in 2024 (one at a facility outside is left out), 2 in 2023
    expect(anc(r.result)).toBe(5)
    expect(anc({ values: r.result.previousYearValues })).toBe(2)
    expect(r.result.linked).toBe(true)
    expect(s.types()).toEqual(['open', 'load', 'commit', 'compute'])
  })

  it('a period change reuses the session (compute only, no reload to the worker, no record download); a return is served from the cache', async () => {
    const s = setup()
    const entry = await s.load(DISTRICT)
    await s.store.compute(entry, DISTRICT, Y2024, false)
    const before = s.server.log.length
    const r23 = await s.store.compute(entry, DISTRICT, Y2023, false)
    expect(anc(r23.result)).toBe(2)
    expect(r23.result.linked).toBe(false)
    expect(s.types()).toEqual(['open', 'load', 'commit', 'compute', 'compute'])
    expect(s.server.log.length).toBe(before)
    // the freshness check on reuse: ONE request, stamps only, updatedAfter + includeDeleted; nothing changed → nothing else
    const out = await s.store.check(s.client, entry)
    expect(out).toEqual({ changed: 0, removed: 0, requests: 1 })
    expect(s.server.counts()).toEqual({ pages: 1, checks: 1, byUid: 0, orgUnits: 1 })
    const check = s.server.log[s.server.log.length - 1]
    expect(check.params).toMatchObject({ orgUnits: DISTRICT, orgUnitMode: 'DESCENDANTS', includeDeleted: true, fields: 'trackedEntity,updatedAt,deleted' })
    // updatedAfter: the records' latest stamp (server clock, zone-less) minus the 5-minute overlap
    expect(check.params?.updatedAfter).toBe('2025-01-01T07:55:00.000')
    expect(s.types()).toHaveLength(5)
    // back to 2024: from the cache, no message to the worker
    const again = await s.store.compute(entry, DISTRICT, Y2024, false)
    expect(again.cached).toBe(true)
    expect(anc(again.result)).toBe(5)
    expect(s.types()).toHaveLength(5)
  })

  it.each(['2.40', '2.41', '2.42'] as const)('%s: a changed record is re-read by UID and changes the figure; the next check finds nothing', async (version) => {
    const s = setup({ version })
    const entry = await s.load(DISTRICT)
    expect(anc((await s.store.compute(entry, DISTRICT, Y2024, false)).result)).toBe(5)
    const m2 = s.server.uids()[2]
    s.server.addAnc(m2, '2024-08-01')
    const out = await s.store.check(s.client, entry)
    expect(out).toEqual({ changed: 1, removed: 0, requests: 2 })
    const byUid = s.server.log[s.server.log.length - 1]
    if (version === '2.40') expect(byUid.params).toMatchObject({ trackedEntity: m2, orgUnit: DISTRICT, ouMode: 'DESCENDANTS' })
    else expect(byUid.params).toMatchObject({ trackedEntities: m2, orgUnits: DISTRICT, orgUnitMode: 'DESCENDANTS' })
    expect(s.types().slice(-1)).toEqual(['update'])
    expect(entry.version).toBe(2)
    const r = await s.store.compute(entry, DISTRICT, Y2024, false)
    expect(r.cached).toBe(false)
    expect(r.result.linked).toBe(true)
    expect(anc(r.result)).toBe(6)
    // the overlap re-reads the changed record's stamp, not the record: same stamp → nothing to do
    const again = await s.store.check(s.client, entry)
    expect(again).toEqual({ changed: 0, removed: 0, requests: 1 })
    expect(s.types().slice(-1)).toEqual(['compute'])
    expect(s.server.counts().pages).toBe(1)
  })

  it('a deleted record disappears (flagged in the check, not re-read); a deleted event disappears with its re-read record', async () => {
    const s = setup()
    const entry = await s.load(DISTRICT)
    await s.store.compute(entry, DISTRICT, Y2024, false)
    const [m1, , m2] = s.server.uids()
    s.server.deleteRecord(m1)
    expect(await s.store.check(s.client, entry)).toEqual({ changed: 0, removed: 1, requests: 1 })
    expect(entry.records).toBe(s.server.recs.size - 1)
    // m1 had 3 of the 5 ANC contacts of 2024
    expect(anc((await s.store.compute(entry, DISTRICT, Y2024, false)).result)).toBe(2)
    const ev = s.server.recs.get(m2)!.enrollments[0].events.find((e: { occurredAt: string }) => e.occurredAt.startsWith('2024-03-01'))
    s.server.deleteEvent(m2, ev.event)
    expect(await s.store.check(s.client, entry)).toEqual({ changed: 1, removed: 0, requests: 2 })
    expect(anc((await s.store.compute(entry, DISTRICT, Y2024, false)).result)).toBe(1)
    // a new check: the deleted record is still flagged in the overlap window, already removed → nothing
    expect(await s.store.check(s.client, entry)).toEqual({ changed: 0, removed: 0, requests: 1 })
  })

  it('a failed freshness check changes nothing: same version, the results already computed stay', async () => {
    const s = setup()
    const entry = await s.load(DISTRICT)
    await s.store.compute(entry, DISTRICT, Y2024, false)
    s.server.addAnc(s.server.uids()[2], '2024-08-01')
    s.server.failChecks(true)
    await expect(s.store.check(s.client, entry)).rejects.toBeInstanceOf(ServerError)
    expect(entry.version).toBe(1)
    const r = await s.store.compute(entry, DISTRICT, Y2024, false)
    expect(r.cached).toBe(true)
    expect(anc(r.result)).toBe(5)
    s.server.failChecks(false)
    expect((await s.store.check(s.client, entry)).changed).toBe(1)
    expect(anc((await s.store.compute(entry, DISTRICT, Y2024, false)).result)).toBe(6)
  })

  it('drill-down: per child, the same values as a direct computation with that child subtree as the scope (this year and last)', async () => {
    const s = setup()
    const entry = await s.load(DISTRICT)
    const r = (await s.store.compute(entry, DISTRICT, Y2024, true)).result
    const { b } = records()
    for (const child of [F1, F2]) {
      const direct = computeIndicators(b.entities, { period: Y2024.period, inScope: (ou) => ou === child })
      const directPrev = computeIndicators(b.entities, { period: { start: '2023-01-01', end: '2023-12-31' }, inScope: (ou) => ou === child })
      const codes = Object.keys(r.byGroup?.[child] ?? {})
      expect(codes.length).toBeGreaterThan(10)
      for (const code of codes) {
        expect(r.byGroup?.[child][code]).toEqual(direct.values[code])
        const prev = r.byGroupPreviousYear?.[child]?.[code]
        // a child where nothing was counted last year has no group: the direct computation counts 0 there
        if (prev) expect(prev).toEqual(directPrev.values[code])
        else expect([directPrev.values[code].numerator, directPrev.values[code].denominator ?? 0]).toEqual([0, 0])
      }
      expect(r.byGroup?.[child]?.ANC_VISITS.numerator).toBe(direct.values.ANC_VISITS.numerator)
    }
    expect(r.byGroup?.[F1].ANC_VISITS.numerator).toBe(3)
    expect(r.byGroup?.[F2].ANC_VISITS.numerator).toBe(2)
    // the totals answer from the drill-down result; a facility of the district is computed from the district's session
    expect((await s.store.compute(entry, DISTRICT, Y2024, false)).cached).toBe(true)
    expect(s.store.entryFor(F1)).toBe(entry)
    const f1 = (await s.store.compute(entry, F1, Y2024, false)).result
    expect(f1.values.ANC_VISITS).toEqual(r.byGroup?.[F1].ANC_VISITS)
    expect(s.server.counts()).toEqual({ pages: 1, checks: 0, byUid: 0, orgUnits: 1 })
  })

  it('bounded: least recently used subtrees are dropped beyond the record budget, in the worker too', async () => {
    const s = setup({ maxRecords: 6 })
    s.server.addRecordAt(F3, 'teKita00001')
    s.server.addRecordAt(F4, 'teBafo00001')
    const d2 = await s.load(DISTRICT2)
    const d3 = await s.load(DISTRICT3)
    expect([d2.records, d3.records]).toEqual([1, 1])
    expect(s.store.entryFor(F3)).toBe(d2) // used: now the most recent
    const d1 = await s.load(DISTRICT) // 5 records: 7 in all > 6 → the least recently used (Bafoulabé) goes
    expect(d1.records).toBe(5)
    expect([...s.store.entries.keys()]).toEqual([DISTRICT2, DISTRICT])
    expect(s.store.cachedRecords).toBe(6)
    const drops = s.ports.flatMap((p) => p.posted).filter((m) => m.type === 'drop')
    expect(drops).toEqual([expect.objectContaining({ key: DISTRICT3 })])
    // the cache no longer answers for it
    expect(s.store.entryFor(F4)).toBeUndefined()
    await expect(s.store.compute(d3, DISTRICT3, Y2024, false)).rejects.toBeInstanceOf(SessionLostError)
    // a subtree larger than the budget is still kept while it is the one in use
    const small = setup({ maxRecords: 2 })
    const big = await small.load(DISTRICT)
    expect(small.store.entries.get(DISTRICT)).toBe(big)
  })

  it('loading a district covers a facility cached before (dropped); a restart of the worker forgets every session', async () => {
    const s = setup()
    const f1 = await s.load(F1)
    expect(f1.records).toBe(3)
    const d = await s.load(DISTRICT)
    expect([...s.store.entries.keys()]).toEqual([DISTRICT])
    expect(s.store.entryFor(F1)).toBe(d)
    s.store.restart()
    expect(s.store.entries.size).toBe(0)
    expect(s.ports[0].terminated()).toBe(1)
    await expect(s.store.compute(d, DISTRICT, Q2_2024, false)).rejects.toBeInstanceOf(SessionLostError)
    const again = await s.load(DISTRICT)
    expect(anc((await s.store.compute(again, DISTRICT, Q2_2024, false)).result)).toBe(3)
    expect(s.ports).toHaveLength(2)
  })

  it('a read nobody waits for any more is aborted; one re-joined at once (period change) goes on', async () => {
    const s = setup()
    const a = s.store.load(s.client, DISTRICT, () => undefined)
    a.release()
    const b = s.store.load(s.client, DISTRICT, () => undefined)
    expect(b.promise).toBe(a.promise)
    const entry = await b.promise
    expect(entry.records).toBe(5)
    const c = s.store.load(s.client, DISTRICT2, () => undefined)
    c.release()
    await expect(c.promise).rejects.toThrow()
    expect(s.store.entries.has(DISTRICT2)).toBe(false)
  })
})
