/** @jest-environment node */
import { deserialize, serialize } from 'v8'
import { DE } from '../../../metadata/src/vocabulary'
import { OU, OU2, TrackerBuilder } from '../test-utils/builder'
import { PairSession, runPairComputation, type Progress } from './worker-api'

function data() {
  const b = new TrackerBuilder()
  const m = b.mother()
  b.anc(m, '2024-03-01', { [DE.ANC_CONTACT_NO]: '1' })
  b.delivery(m, '2024-09-01', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  const i = b.infant({ dob: '2024-09-01' })
  b.link(m, i)
  const m2 = b.mother({ orgUnit: OU2 })
  b.anc(m2, '2024-03-01', { [DE.ANC_CONTACT_NO]: '1' })
  return { b, pair: m.en.enrollment }
}

describe('worker api', () => {
  it('reads pages, reports progress, computes indicators, trajectories and problems; structured-cloneable', () => {
    const { b, pair } = data()
    const json = JSON.parse(JSON.stringify(b.entities))
    const progress: Progress[] = []
    const r = runPairComputation(
      { pages: [{ trackedEntities: json.slice(0, 1) }, json.slice(1), 'garbage'] },
      { period: { start: '2024-01-01', end: '2024-12-31' }, scope: [OU], groups: { [OU]: 'A' } },
      (p) => progress.push(p),
    )
    expect(r.cancelled).toBe(false)
    expect(r.indicators!.values.ANC1.numerator).toBe(1)
    expect(r.indicators!.byGroup.A.ANC1.numerator).toBe(1)
    expect(r.trajectories!.total).toBe(1)
    expect(r.problemCounts.PAYLOAD_NOT_A_LIST).toBe(1)
    expect(r.summary).toMatchObject({ mothers: 2, infants: 1, pairs: 2 })
    expect(progress.map((p) => p.phase)).toEqual(['parse', 'link', 'compute', 'compute', 'trajectories', 'done'])
    expect(deserialize(serialize(r))).toEqual(r) // the structured-clone algorithm of postMessage
    const s = new PairSession()
    s.load({ pages: [json] })
    expect(Object.keys(s.timelines([pair, 'nope']))).toEqual([pair])
  })
  it('cancels between phases', () => {
    const { b } = data()
    let n = 0
    const r = runPairComputation({ pages: [b.entities] }, { period: { start: '2024-01-01', end: '2024-12-31' }, scope: null }, undefined, () => ++n > 1)
    expect(r.cancelled).toBe(true)
    expect(r.indicators).toBeNull()
  })
})
