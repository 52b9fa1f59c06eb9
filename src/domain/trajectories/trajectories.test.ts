/** @jest-environment node */
import { DE } from '../../../metadata/src/vocabulary'
import { buildPairs } from '../pairs/link'
import { OU, OU2, TrackerBuilder } from '../test-utils/builder'
import { classifyPairs } from './classify'
import { DEFAULT_PROFILE_SET, validateProfileSet, type ProfileSet } from './profiles'

const YEAR = { start: '2024-01-01', end: '2024-12-31' }
const all = (): boolean => true
const anc = (n: number, ga?: number) => ({ [DE.ANC_CONTACT_NO]: String(n), ...(ga !== undefined ? { [DE.ANC_GEST_AGE_WEEKS]: String(ga) } : {}) })
const del = (place: string) => ({ [DE.DEL_PLACE]: place, [DE.DEL_LIVE_BIRTHS]: '1' })

function scenario() {
  const b = new TrackerBuilder()
  // 1. complete continuum, first ANC at 10 weeks
  const m1 = b.mother({ lmp: '2023-12-01' })
  for (let k = 1; k <= 4; k++) b.anc(m1, `2024-0${k + 1}-10`, anc(k, k === 1 ? 10 : undefined))
  b.delivery(m1, '2024-09-01', del('FACILITY'))
  b.pnc(m1, '2024-09-02', { [DE.PNC_TIMING]: 'H48' })
  const i1 = b.infant({ dob: '2024-09-01' })
  b.visit(i1, '2024-10-15')
  b.link(m1, i1)
  // 2. ANC (late: 20 weeks by LMP) and home delivery, then lost (no PNC, no infant visit)
  const m2 = b.mother({ lmp: '2023-12-01', orgUnit: OU2 })
  b.anc(m2, '2024-04-19', anc(1))
  b.delivery(m2, '2024-09-01', del('HOME'))
  // 3. facility delivery without ANC, delivered late in December: not yet "lost"
  const m3 = b.mother({ lmp: '2024-03-01' })
  b.delivery(m3, '2024-12-20', del('FACILITY'))
  // 4. ANC only, pregnancy ongoing
  const m4 = b.mother({ lmp: '2024-10-01' })
  b.anc(m4, '2024-11-20', anc(1, 7))
  // 5. pair of another year: not counted
  const m5 = b.mother({ lmp: '2022-01-01' })
  b.delivery(m5, '2022-10-01', del('FACILITY'))
  return { b, ids: [m1, m2, m3, m4].map((m) => m.en.enrollment) }
}

describe('care trajectories', () => {
  it('classifies pairs into the default profiles with counts, shares and the pairs behind them', () => {
    const { b, ids } = scenario()
    const r = classifyPairs(buildPairs(b.entities).pairs, { period: YEAR, inScope: all, groupOf: (ou) => ou })
    expect(r.total).toBe(4)
    const c = Object.fromEntries(r.profiles.map((p) => [p.code, p.count]))
    expect(c).toEqual({ COMPLETE_CONTINUUM: 1, ANC_NO_FACILITY_DELIVERY: 1, FACILITY_DELIVERY_NO_ANC: 1, LATE_FIRST_ANC: 1, LOST_AFTER_DELIVERY: 1, ANC_ONLY: 1 })
    expect(r.pairsByProfile.COMPLETE_CONTINUUM).toEqual([ids[0]])
    expect(r.pairsByProfile.LATE_FIRST_ANC).toEqual([ids[1]])
    expect(r.pairsByProfile.LOST_AFTER_DELIVERY).toEqual([ids[1]])
    expect(r.pairsByProfile.FACILITY_DELIVERY_NO_ANC).toEqual([ids[2]])
    expect(r.pairsByProfile.ANC_ONLY).toEqual([ids[3]])
    expect(r.profiles.find((p) => p.code === 'ANC_ONLY')!.share).toBe(25)
    expect(r.unclassified).toBe(0)
    expect(r.byGroup[OU].total).toBe(3)
    expect(r.byGroup[OU2].profiles.find((p) => p.code === 'LOST_AFTER_DELIVERY')!.count).toBe(1)
  })

  it('late first contact threshold is a parameter (16 → 24 weeks)', () => {
    const { b } = scenario()
    const set: ProfileSet = { ...DEFAULT_PROFILE_SET, parameters: DEFAULT_PROFILE_SET.parameters.map((p) => (p.key === 'lateAncWeeks' ? { ...p, value: 24 } : p)) }
    const r = classifyPairs(buildPairs(b.entities).pairs, { period: YEAR, inScope: all, profiles: set })
    expect(r.profiles.find((p) => p.code === 'LATE_FIRST_ANC')!.count).toBe(0)
  })

  it('scope filters on the pair org unit; an empty scope has no shares', () => {
    const { b } = scenario()
    const pairs = buildPairs(b.entities).pairs
    expect(classifyPairs(pairs, { period: YEAR, inScope: (ou) => ou === OU2 }).total).toBe(1)
    const none = classifyPairs(pairs, { period: YEAR, inScope: () => false })
    expect(none.total).toBe(0)
    expect(none.profiles.every((p) => p.share === null)).toBe(true)
  })

  it('default profiles are valid; broken edits are reported in both languages', () => {
    expect(validateProfileSet(DEFAULT_PROFILE_SET)).toEqual([])
    const broken: ProfileSet = {
      version: 1,
      parameters: [{ key: 'x', label: { en: 'x', fr: 'x' }, value: 99, min: 0, max: 10 }],
      profiles: [
        { code: 'bad code', name: { en: '', fr: 'x' }, description: { en: 'd', fr: 'd' }, criteria: [] },
        { code: 'A', name: { en: 'a', fr: 'a' }, description: { en: 'd', fr: 'd' }, criteria: [{ fact: 'delivered', op: 'ge', value: true }, { fact: 'ancContacts', op: 'ge', value: { param: 'nope' } }, { fact: 'ancContacts', op: 'eq', value: true }] },
      ],
    }
    const e = validateProfileSet(broken)
    expect(e.length).toBeGreaterThanOrEqual(6)
    for (const x of e) expect(x.fr.length).toBeGreaterThan(0)
  })
})
