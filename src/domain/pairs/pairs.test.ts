/** @jest-environment node */
import { DE, ids } from '../../../metadata/src/vocabulary'
import { TrackerBuilder } from '../test-utils/builder'
import { buildPairs, timelineOf } from './link'
import { parseTrackedEntities } from './parse'
import type { ProblemCode } from './problems'

const codes = (ps: { code: ProblemCode }[]): ProblemCode[] => ps.map((p) => p.code).sort()
const link = (b: TrackerBuilder) => {
  const parsed = parseTrackedEntities(JSON.parse(JSON.stringify(b.entities)))
  expect(parsed.problems).toEqual([])
  return buildPairs(parsed.entities, undefined, parsed.index)
}
const live = (n: number, still = 0) => ({ [DE.DEL_LIVE_BIRTHS]: String(n), [DE.DEL_STILLBIRTHS]: String(still), [DE.DEL_PLACE]: 'FACILITY' })

describe('pair linkage', () => {
  it('links a mother, her pregnancy and her infant, with a dated timeline', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-01-01' })
    b.pnc(m, '2024-10-03')
    b.anc(m, '2024-03-01')
    b.delivery(m, '2024-10-01', live(1))
    const i = b.infant({ dob: '2024-10-01' })
    b.birth(i, '2024-10-01')
    b.visit(i, '2024-11-15')
    b.link(m, i)
    const r = link(b)
    expect(r.problems).toEqual([])
    expect(r.pairs).toHaveLength(1)
    const p = r.pairs[0]
    expect(p.mother).toBe(m.te.trackedEntity)
    expect(p.infants.map((x) => x.entity)).toEqual([i.te.trackedEntity])
    expect(p.pregnancy!.liveBirths).toBe(1)
    expect(timelineOf(p).map((c) => `${c.entryPoint}:${c.date}`)).toEqual([
      'prenatal:2024-03-01', 'delivery:2024-10-01', 'delivery:2024-10-01', 'postnatal:2024-10-03', 'infant:2024-11-15',
    ])
  })

  it('twins: two infants in one pair', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.delivery(m, '2024-10-01', live(2))
    const i1 = b.infant({ dob: '2024-10-01' })
    const i2 = b.infant({ dob: '2024-10-01' })
    b.link(m, i1)
    b.link(m, i2)
    const r = link(b)
    expect(r.problems).toEqual([])
    expect(r.pairs).toHaveLength(1)
    expect(r.pairs[0].infants).toHaveLength(2)
  })

  it('stillbirth: no infant expected; twin with one stillbirth: one infant expected', () => {
    const b = new TrackerBuilder()
    b.delivery(b.mother(), '2024-10-01', live(0, 1))
    const m = b.mother()
    b.delivery(m, '2024-10-01', live(1, 1))
    b.link(m, b.infant({ dob: '2024-10-01' }))
    expect(link(b).problems).toEqual([])
  })

  it('delivery with live births but no infant; twins with one infant registered; too many infants', () => {
    const b = new TrackerBuilder()
    b.delivery(b.mother(), '2024-10-01', live(1))
    const m = b.mother()
    b.delivery(m, '2024-10-01', live(2))
    b.link(m, b.infant({ dob: '2024-10-01' }))
    const m2 = b.mother()
    b.delivery(m2, '2024-10-01', live(1))
    b.link(m2, b.infant({ dob: '2024-10-01' }))
    b.link(m2, b.infant({ dob: '2024-10-01' }))
    expect(codes(link(b).problems)).toEqual(['DELIVERY_WITHOUT_INFANT', 'INFANTS_MISSING', 'MORE_INFANTS_THAN_LIVE_BIRTHS'])
  })

  it('infant registered without a mother becomes its own pair', () => {
    const b = new TrackerBuilder()
    const i = b.infant()
    b.visit(i, '2024-11-01')
    const r = link(b)
    expect(codes(r.problems)).toEqual(['INFANT_WITHOUT_MOTHER'])
    expect(r.pairs[0]).toMatchObject({ id: `infant:${i.te.trackedEntity}`, mother: null, pregnancy: null })
  })

  it('mother with two pregnancies: each infant goes to the delivery matching its date of birth', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2022-01-01' })
    b.delivery(m, '2022-10-05', live(1))
    const p2 = b.pregnancy(m, '2024-01-01')
    b.delivery(p2, '2024-10-01', live(1))
    const older = b.infant({ dob: '2022-10-05' })
    const younger = b.infant({ dob: '2024-10-02' })
    b.link(m, younger)
    b.link(m, older)
    const r = link(b)
    expect(codes(r.problems)).toEqual([])
    const byId = Object.fromEntries(r.pairs.map((p) => [p.id, p.infants.map((x) => x.entity)]))
    expect(byId[m.en.enrollment]).toEqual([older.te.trackedEntity])
    expect(byId[p2.en.enrollment]).toEqual([younger.te.trackedEntity])
    expect(r.mothers[0].pregnancies.map((p) => p.enrollment)).toEqual([m.en.enrollment, p2.en.enrollment])
  })

  it('infant whose date of birth matches no delivery is attached to the closest pregnancy and flagged', () => {
    const b = new TrackerBuilder()
    const m = b.mother({ lmp: '2024-01-01' })
    b.delivery(m, '2024-10-01', live(1))
    b.link(m, b.infant({ dob: '2025-06-01' }))
    expect(codes(link(b).problems)).toEqual(['INFANT_PREGNANCY_UNMATCHED'])
  })

  it('several deliveries in one enrollment; PNC before delivery; ANC after delivery', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.anc(m, '2024-11-01')
    b.delivery(m, '2024-10-01', live(1))
    b.delivery(m, '2024-10-20', live(1))
    b.pnc(m, '2024-09-01')
    b.link(m, b.infant({ dob: '2024-10-01' }))
    const r = link(b)
    expect(codes(r.problems)).toEqual(['ANC_AFTER_DELIVERY', 'PNC_BEFORE_DELIVERY', 'SEVERAL_DELIVERIES_IN_ENROLLMENT'])
    expect(r.pairs[0].pregnancy!.delivery!.occurredAt).toBe('2024-10-01')
  })

  it('duplicated relationship: linked once', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.delivery(m, '2024-10-01', live(1))
    const i = b.infant({ dob: '2024-10-01' })
    b.link(m, i)
    b.link(m, i)
    const r = link(b)
    expect(codes(r.problems)).toEqual(['RELATIONSHIP_DUPLICATE'])
    expect(r.pairs[0].infants).toHaveLength(1)
  })

  it('relationship to a deleted mother or infant', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.delivery(m, '2024-10-01', live(1))
    const i = b.infant({ dob: '2024-10-01' })
    b.link(m, i)
    i.te.deleted = true
    const m2 = b.mother()
    const i2 = b.infant({ dob: '2024-10-01' })
    b.link(m2, i2)
    m2.te.deleted = true
    expect(codes(link(b).problems)).toEqual(['DELIVERY_WITHOUT_INFANT', 'INFANT_WITHOUT_MOTHER', 'RELATIONSHIP_DELETED_ENTITY', 'RELATIONSHIP_DELETED_ENTITY'])
  })

  it('relationship to a record not in the data: reported, the infant keeps "mother outside the data"', () => {
    const b = new TrackerBuilder()
    const i = b.infant()
    b.linkTo(i, 'teNotLoaded1', true)
    const r = link(b)
    expect(codes(r.problems)).toEqual(['RELATIONSHIP_UNKNOWN_ENTITY'])
    expect(r.infants[0].motherOutsideData).toBe(true)
  })

  it('infant linked to two mothers: kept with the mother whose delivery matches', () => {
    const b = new TrackerBuilder()
    const good = b.mother()
    b.delivery(good, '2024-10-01', live(1))
    const other = b.mother({ lmp: '2022-05-01' })
    b.delivery(other, '2023-02-01', live(0, 1))
    const i = b.infant({ dob: '2024-10-01' })
    b.link(other, i)
    b.link(good, i)
    const r = link(b)
    expect(codes(r.problems)).toEqual(['INFANT_TWO_MOTHERS'])
    expect(r.infants[0].mother).toBe(good.te.trackedEntity)
  })

  it('reversed relationship is used the right way round; wrong roles and self links are rejected', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.delivery(m, '2024-10-01', live(1))
    const i = b.infant({ dob: '2024-10-01' })
    b.link(i, m)
    const m2 = b.mother()
    const m3 = b.mother()
    b.link(m2, m3)
    b.link(m2, m2)
    const r = link(b)
    expect(codes(r.problems)).toEqual(['RELATIONSHIP_SELF', 'RELATIONSHIP_WRONG_ROLES', 'RELATIONSHIP_WRONG_ROLES'])
    expect(r.infants[0].mother).toBe(m.te.trackedEntity)
  })

  it('ignores relationships of other types', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    const i = b.infant()
    b.link(m, i, { type: ids.relationshipType() + 'x' })
    expect(codes(link(b).problems)).toEqual(['INFANT_WITHOUT_MOTHER'])
  })

  it('cycle in relationships: the links in the cycle are not used', () => {
    const b = new TrackerBuilder()
    const a = b.mother()
    const c = b.mother()
    b.enroll(a.te, 'DYAD_INFANT', '2000-01-01')
    b.enroll(c.te, 'DYAD_INFANT', '2000-01-01')
    b.link(a, c)
    b.link(c, a)
    const r = link(b)
    expect(codes(r.problems).filter((x) => x === 'RELATIONSHIP_CYCLE')).toHaveLength(2)
    expect(r.infants.every((x) => x.mother === null)).toBe(true)
  })

  it('mother → infant → grandchild chains are not cycles', () => {
    const b = new TrackerBuilder()
    const g = b.mother({ lmp: '2008-01-01' })
    b.delivery(g, '2008-10-01', live(1))
    const m = b.mother({ lmp: '2024-01-01' })
    b.enroll(m.te, 'DYAD_INFANT', '2008-10-01')
    b.delivery(m, '2024-10-01', live(1))
    b.link(g, m)
    b.link(m, b.infant({ dob: '2024-10-01' }))
    expect(codes(link(b).problems)).toEqual([])
  })
})

describe('tolerant parser', () => {
  it('never throws and reports wrong types, missing fields, unknown options and bad dates', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    b.anc(m, '2024-02-30', { [DE.HIV_RESULT]: 'MAYBE', [DE.FP_COUNSELLED]: 'yes', [DE.ANC_CONTACT_NO]: 'one' })
    b.anc(m, '2024-03-01', {}, { status: 'WHATEVER', orgUnit: '' })
    const raw = JSON.parse(JSON.stringify(b.entities)) as Record<string, unknown>[]
    const en = (raw[0].enrollments as Record<string, unknown>[])[0]
    ;(en.events as unknown[]).push(null, { event: '' }, { event: 'evNum', programStage: ids.stage('DYAD_MOTHER_ANC'), orgUnit: 'x', status: 'ACTIVE', occurredAt: '2024-01-01', dataValues: [{ dataElement: ids.dataElement(DE.ANC_CONTACT_NO), value: 2 }, 'junk'] })
    raw.push(null as never, { trackedEntity: 5 }, { trackedEntity: raw[0].trackedEntity })
    const r = parseTrackedEntities(raw)
    expect(codes(r.problems)).toEqual([
      'ENTITY_DUPLICATE', 'ENTITY_INVALID', 'ENTITY_MISSING_ID', 'EVENT_BAD_DATE', 'EVENT_BAD_STATUS', 'EVENT_INVALID',
      'EVENT_MISSING_ID', 'EVENT_MISSING_ORG_UNIT', 'VALUE_INVALID', 'VALUE_NOT_BOOLEAN', 'VALUE_NOT_NUMBER', 'VALUE_NOT_TEXT', 'VALUE_UNKNOWN_OPTION',
    ])
    expect(r.entities).toHaveLength(1)
    const evs = r.entities[0].enrollments[0].events
    expect(evs).toHaveLength(3)
    expect(evs[0].occurredAt).toBeNull()
    expect(evs[2].dataValues).toEqual([{ dataElement: ids.dataElement(DE.ANC_CONTACT_NO), value: '2' }])
    for (const p of r.problems) {
      expect(p.message.en.length).toBeGreaterThan(0)
      expect(p.message.fr.length).toBeGreaterThan(0)
    }
  })
  it('accepts {trackedEntities} and {instances} envelopes, reports anything else', () => {
    expect(parseTrackedEntities({ trackedEntities: [] }).problems).toEqual([])
    expect(parseTrackedEntities({ instances: [] }).problems).toEqual([])
    for (const bad of [null, 'x', 3, {}, { trackedEntities: 'no' }]) expect(codes(parseTrackedEntities(bad).problems)).toEqual(['PAYLOAD_NOT_A_LIST'])
  })
  it('passes well-formed records through without copying', () => {
    const b = new TrackerBuilder()
    b.anc(b.mother(), '2024-03-01', { [DE.ANC_CONTACT_NO]: '1' })
    const raw = JSON.parse(JSON.stringify(b.entities))
    const r = parseTrackedEntities(raw)
    expect(r.entities[0]).toBe(raw[0])
  })
  it('flattens relationships in the wire shape', () => {
    const b = new TrackerBuilder()
    const m = b.mother()
    const i = b.infant()
    const raw = JSON.parse(JSON.stringify(b.entities))
    raw[0].relationships = [{ relationship: 'r1', relationshipType: ids.relationshipType(), from: { trackedEntity: { trackedEntity: m.te.trackedEntity } }, to: { trackedEntity: { trackedEntity: i.te.trackedEntity } } }]
    const r = parseTrackedEntities(raw)
    expect(r.entities[0].relationships[0]).toMatchObject({ from: m.te.trackedEntity, to: i.te.trackedEntity })
    expect(buildPairs(r.entities).infants[0].mother).toBe(m.te.trackedEntity)
  })
})
