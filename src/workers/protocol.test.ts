/** @jest-environment node */
import { TextEncoder } from 'node:util'
import { deserialize, serialize } from 'node:v8'
import { computeIndicators } from '../domain/indicators/engine'
import { createPairHandler, inlinePort, parseFromWorker, parseToWorker, type FromWorker, type ToWorker } from './protocol'
import { F1, F2, records } from './test-records'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const YEAR = { start: '2024-01-01', end: '2024-12-31' }
const MONTHS = [{ start: '2024-06-01', end: '2024-06-30' }]

/** Every message goes through structured cloning (v8's serializer), as postMessage does. */
const structuredClone = <T,>(x: T): T => deserialize(serialize(x)) as T

function harness() {
  const out: FromWorker[] = []
  const handle = createPairHandler((m) => out.push(structuredClone(m)))
  return { out, send: (m: ToWorker) => handle(structuredClone(m)) }
}

describe('pair worker protocol', () => {
  it('reads pages streamed one by one and computes the exact values of the engine for the scope', () => {
    const { wire, b } = records()
    const { out, send } = harness()
    send({ type: 'reset', run: 1 })
    send({ type: 'load', run: 1, items: wire.slice(0, 2) })
    send({ type: 'load', run: 1, items: wire.slice(2) })
    send({ type: 'compute', run: 1, spec: { period: YEAR, scope: [F1, F2], extraPeriods: MONTHS } })
    expect(out.filter((m) => m.type === 'progress' && m.phase === 'load').map((m) => (m.type === 'progress' ? m.loaded : -1))).toEqual([2, wire.length])
    const res = out.find((m) => m.type === 'result')
    if (!res || res.type !== 'result') throw new Error('no result')
    const r = res.result
    // 5 ANC contacts in the subtree in 2024 (the one at a facility outside is not counted), 2 in 2023
    expect(r.values.ANC_VISITS.numerator).toBe(5)
    expect(r.previousYearValues.ANC_VISITS.numerator).toBe(2)
    expect(r.values.INST_DELIV).toMatchObject({ numerator: 2, denominator: 3 })
    expect(r.values.INST_DELIV.value).toBeCloseTo(66.67, 1)
    expect(r.extra[0].ANC_VISITS.numerator).toBe(1)
    expect(r.records).toBe(wire.length)
    expect(r.pairs).toBeGreaterThanOrEqual(1)
    // same figures as the engine run directly on the records
    const direct = computeIndicators(b.entities, { period: YEAR, inScope: (ou) => ou === F1 || ou === F2 })
    for (const code of Object.keys(direct.values)) expect(r.values[code]).toEqual(direct.values[code])
    expect(out[out.length - 1].type).toBe('result')
  })

  it('counts every org unit of the data when the scope is null', () => {
    const { wire } = records()
    const { out, send } = harness()
    send({ type: 'reset', run: 1 })
    send({ type: 'load', run: 1, items: wire })
    send({ type: 'compute', run: 1, spec: { period: YEAR, scope: null, codes: ['ANC_VISITS'] } })
    const res = out.find((m) => m.type === 'result')
    expect(res?.type === 'result' && res.result.values.ANC_VISITS.numerator).toBe(6)
  })

  it('a cancelled run drops its pages and replies cancelled to compute; a new run starts clean', () => {
    const { wire } = records()
    const { out, send } = harness()
    send({ type: 'reset', run: 1 })
    send({ type: 'load', run: 1, items: wire })
    send({ type: 'cancel', run: 1 })
    send({ type: 'load', run: 1, items: wire })
    send({ type: 'compute', run: 1, spec: { period: YEAR, scope: null } })
    expect(out.map((m) => m.type)).toEqual(['progress', 'cancelled'])
    send({ type: 'reset', run: 2 })
    send({ type: 'load', run: 2, items: wire.slice(0, 1) })
    send({ type: 'compute', run: 2, spec: { period: YEAR, scope: null, codes: ['ANC_VISITS'] } })
    const res = out.find((m) => m.type === 'result')
    expect(res?.run).toBe(2)
    expect(res?.type === 'result' && res.result.records).toBe(1)
  })

  it('ignores pages of an old run and messages that are not ours', () => {
    const { wire } = records()
    const { out, send } = harness()
    send({ type: 'reset', run: 2 })
    send({ type: 'load', run: 1, items: wire })
    expect(out).toEqual([])
    expect(parseToWorker(null)).toBeUndefined()
    expect(parseToWorker({ type: 'load', run: 1, items: 'x' })).toBeUndefined()
    expect(parseToWorker({ type: 'compute', run: 1, spec: { period: { start: 1 } } })).toBeUndefined()
    expect(parseToWorker({ type: 'compute', run: 1, spec: { period: YEAR, scope: [1] } })).toBeUndefined()
    expect(parseToWorker({ type: 'nuke', run: 1 })).toBeUndefined()
    expect(parseFromWorker({ type: 'result', run: 1 })).toBeUndefined()
    expect(parseFromWorker({ type: 'error', run: 3, message: 42 })).toEqual({ type: 'error', run: 3, message: '' })
  })

  it('bad records become problems, not crashes', () => {
    const { out, send } = harness()
    send({ type: 'reset', run: 1 })
    send({ type: 'load', run: 1, items: [null, 42, { trackedEntity: 7 }] })
    send({ type: 'compute', run: 1, spec: { period: YEAR, scope: null } })
    const res = out.find((m) => m.type === 'result')
    expect(res?.type).toBe('result')
    expect(res?.type === 'result' && res.result.problems).toBeGreaterThan(0)
  })

  it('the main-thread fallback runs the same protocol asynchronously and stops when terminated', async () => {
    const { wire } = records()
    const port = inlinePort()
    expect(port.inline).toBe(true)
    const got: FromWorker[] = []
    const done = new Promise<void>((resolve) =>
      port.onMessage((m) => {
        got.push(m)
        if (m.type === 'result') resolve()
      }),
    )
    port.post({ type: 'reset', run: 5 })
    port.post({ type: 'load', run: 5, items: wire })
    port.post({ type: 'compute', run: 5, spec: { period: YEAR, scope: [F1, F2], codes: ['ANC_VISITS'] } })
    expect(got).toEqual([])
    await done
    expect(got[got.length - 1].type).toBe('result')
    expect(got.slice(0, -1).every((m) => m.type === 'progress' && m.run === 5)).toBe(true)
    const n = got.length
    port.terminate()
    port.post({ type: 'reset', run: 6 })
    port.post({ type: 'load', run: 6, items: wire })
    await new Promise((r) => setTimeout(r, 5))
    expect(got).toHaveLength(n)
  })

  it('sessions: open/load/commit keep the records; compute with the key links once, then only computes', () => {
    const { wire } = records()
    const { out, send } = harness()
    send({ type: 'open', run: 1, key: 'D' })
    send({ type: 'load', run: 1, items: wire.slice(0, 2) })
    send({ type: 'load', run: 1, items: wire.slice(2) })
    send({ type: 'commit', run: 1, key: 'D' })
    expect(out.map((m) => m.type)).toEqual(['progress', 'progress', 'committed'])
    expect(out[2]).toEqual({ type: 'committed', run: 1, key: 'D', records: wire.length })
    send({ type: 'compute', run: 2, key: 'D', spec: { period: YEAR, scope: [F1, F2] } })
    send({ type: 'compute', run: 3, key: 'D', spec: { period: { start: '2023-01-01', end: '2023-12-31' }, scope: [F1, F2] } })
    const results = out.filter((m): m is Extract<FromWorker, { type: 'result' }> => m.type === 'result')
    expect(results.map((r) => [r.run, r.result.linked, r.result.values.ANC_VISITS.numerator])).toEqual([
      [2, true, 5],
      [3, false, 2],
    ])
  })

  it('sessions: update replaces changed records and removes deleted ones; the next compute links again', () => {
    const { wire } = records()
    const { out, send } = harness()
    send({ type: 'open', run: 1, key: 'D' })
    send({ type: 'load', run: 1, items: wire })
    send({ type: 'commit', run: 1, key: 'D' })
    // m1 (wire[0]) gone: its 3 ANC contacts of 2024 with it; m2 (wire[2]) with one more ANC contact at F2
    const m2 = structuredClone(wire[2])
    m2.enrollments[0].events.push({ ...m2.enrollments[0].events[0], event: 'evNew000001', occurredAt: '2024-09-01' })
    send({ type: 'update', run: 2, key: 'D', items: [m2], removed: [wire[0].trackedEntity] })
    expect(out[out.length - 1]).toEqual({ type: 'updated', run: 2, key: 'D', records: wire.length - 1 })
    send({ type: 'compute', run: 3, key: 'D', spec: { period: YEAR, scope: [F1, F2] } })
    const res = out[out.length - 1]
    expect(res.type === 'result' && [res.result.linked, res.result.values.ANC_VISITS.numerator, res.result.records]).toEqual([true, 3, wire.length - 1])
  })

  it('sessions: per-group values for this year and last (drill-down) equal the engine with each group as the scope', () => {
    const { wire, b } = records()
    const { out, send } = harness()
    send({ type: 'open', run: 1, key: 'D' })
    send({ type: 'load', run: 1, items: wire })
    send({ type: 'commit', run: 1, key: 'D' })
    send({ type: 'compute', run: 2, key: 'D', spec: { period: YEAR, scope: [F1, F2], groups: { [F1]: F1, [F2]: F2 } } })
    const res = out[out.length - 1]
    if (res.type !== 'result') throw new Error('no result')
    for (const g of [F1, F2]) {
      const direct = computeIndicators(b.entities, { period: YEAR, inScope: (ou) => ou === g })
      expect(res.result.byGroup?.[g].ANC_VISITS).toEqual(direct.values.ANC_VISITS)
      expect(res.result.byGroup?.[g].INST_DELIV).toEqual(direct.values.INST_DELIV)
    }
    const prevF1 = computeIndicators(b.entities, { period: { start: '2023-01-01', end: '2023-12-31' }, inScope: (ou) => ou === F1 })
    expect(res.result.byGroupPreviousYear?.[F1].ANC_VISITS).toEqual(prevF1.values.ANC_VISITS)
    expect(res.result.byGroupPreviousYear?.[F1].ANC_VISITS.numerator).toBe(2)
  })

  it('sessions: a key the worker does not hold answers missing; a cancelled open is never committed; drop forgets', () => {
    const { wire } = records()
    const { out, send } = harness()
    send({ type: 'compute', run: 1, key: 'X', spec: { period: YEAR, scope: null } })
    send({ type: 'update', run: 2, key: 'X', items: [], removed: [] })
    expect(out).toEqual([
      { type: 'missing', run: 1, key: 'X' },
      { type: 'missing', run: 2, key: 'X' },
    ])
    send({ type: 'open', run: 3, key: 'D' })
    send({ type: 'load', run: 3, items: wire })
    send({ type: 'cancel', run: 3 })
    send({ type: 'commit', run: 3, key: 'D' })
    expect(out[out.length - 1]).toEqual({ type: 'missing', run: 3, key: 'D' })
    send({ type: 'open', run: 4, key: 'D' })
    send({ type: 'load', run: 4, items: wire })
    send({ type: 'commit', run: 4, key: 'D' })
    send({ type: 'drop', run: 5, key: 'D' })
    send({ type: 'compute', run: 6, key: 'D', spec: { period: YEAR, scope: null } })
    expect(out[out.length - 1]).toEqual({ type: 'missing', run: 6, key: 'D' })
    expect(parseToWorker({ type: 'update', run: 1, key: 'D', items: [], removed: [1] })).toBeUndefined()
    expect(parseToWorker({ type: 'open', run: 1 })).toBeUndefined()
    expect(parseToWorker({ type: 'compute', run: 1, key: 3, spec: { period: YEAR, scope: null } })).toBeUndefined()
    expect(parseToWorker({ type: 'compute', run: 1, spec: { period: YEAR, scope: null, groups: { a: 1 } } })).toBeUndefined()
    expect(parseFromWorker({ type: 'committed', run: 1, key: 'D', records: 3 })).toEqual({ type: 'committed', run: 1, key: 'D', records: 3 })
    expect(parseFromWorker({ type: 'missing', run: 1 })).toBeUndefined()
  })
})

