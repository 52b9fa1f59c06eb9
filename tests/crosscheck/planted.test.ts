/** @jest-environment node */
/**
 * Issue 8, "done when": a district data manager can see every data problem the synthetic data
 * contains. The sandbox generator plants problems deliberately and lists them (`data.problems`);
 * each must be found by the data-quality rules, on the records as the tracker API returns them
 * (deleted records included with `includeDeleted=true`, their deleted enrollments and events
 * left out, relationships listed on both ends, deleted relationships left out), with the
 * planted record among the finding's records.
 */
import { buildPairs } from '../../src/domain/pairs/link'
import { parseTrackedEntities } from '../../src/domain/pairs/parse'
import { checkTrackerQuality, WHO_GROWTH } from '../../src/domain/quality/tracker'
import type { QualityCode, QualityRecord } from '../../src/domain/quality/types'
import type { TrackedEntity, TrackerRelationship } from '../../src/domain/tracker'
import { DEFAULT_TODAY, generate } from '../../sandbox/generator'
import type { GeneratedData } from '../../sandbox/model'

/** Generator problem kind → the quality rule that must list it. */
const RULE_OF_KIND: Record<string, QualityCode> = {
  PNC_BEFORE_DELIVERY: 'PNC_BEFORE_DELIVERY',
  EVENT_AFTER_ENROLLMENT_COMPLETED: 'EVENT_AFTER_COMPLETION',
  DELIVERY_WITHOUT_INFANT: 'DELIVERY_WITHOUT_INFANT',
  BIRTH_WEIGHT_OUT_OF_RANGE: 'BIRTH_WEIGHT_OUT_OF_RANGE',
  EVENT_IN_FUTURE: 'DATE_IN_FUTURE',
  INFANT_WITHOUT_MOTHER: 'INFANT_WITHOUT_MOTHER',
  RELATIONSHIP_TO_DELETED_ENTITY: 'RELATIONSHIP_TO_DELETED',
  DUPLICATE_RELATIONSHIP: 'DUPLICATE_RELATIONSHIP',
}

/** What GET /api/tracker/trackedEntities?includeDeleted=true&fields=…relationships… returns. */
function asTrackerApi(data: GeneratedData): TrackedEntity[] {
  const rels = new Map<string, TrackerRelationship[]>()
  for (const r of data.relationships) {
    if (r.deleted) continue
    const flat: TrackerRelationship = { relationship: r.relationship, relationshipType: r.relationshipType, from: r.from, to: r.to }
    for (const end of new Set([r.from, r.to])) rels.set(end, [...(rels.get(end) ?? []), flat])
  }
  return data.trackedEntities.map((te) => ({
    trackedEntity: te.trackedEntity,
    trackedEntityType: te.trackedEntityType,
    orgUnit: te.orgUnit,
    ...(te.deleted ? { deleted: true } : {}),
    attributes: te.attributes,
    enrollments: te.enrollments.filter((en) => !en.deleted).map((en) => ({ ...en, events: en.events.filter((ev) => !ev.deleted) })),
    relationships: rels.get(te.trackedEntity) ?? [],
  }))
}

const data = generate({ seed: 20251, pairs: 3000 })
const planted = data.problems ?? []

describe('every problem planted by the sandbox generator is listed by the data-quality rules', () => {
  const entities = asTrackerApi(data)
  const parsed = parseTrackedEntities(entities)
  const pairs = buildPairs(parsed.entities, undefined, parsed.index)
  const findings = checkTrackerQuality({ entities: parsed.entities, problems: [...parsed.problems, ...pairs.problems], today: DEFAULT_TODAY, growth: WHO_GROWTH }, { maxRecords: 1_000_000 })
  const byCode = new Map(findings.map((f) => [f.code, f]))

  it('the generator plants problems of every kind the rules know', () => {
    expect(planted.length).toBeGreaterThan(0)
    expect([...new Set(planted.map((p) => p.kind))].sort()).toEqual(Object.keys(RULE_OF_KIND).sort())
  })

  const matches = (r: QualityRecord, p: (typeof planted)[number]): boolean =>
    (p.relationship !== undefined && r.relationship === p.relationship) ||
    (p.event !== undefined && r.event === p.event) ||
    (p.event === undefined && p.relationship === undefined && p.enrollment !== undefined && r.enrollment === p.enrollment) ||
    (p.event === undefined && p.relationship === undefined && r.entity === p.trackedEntity)

  // The generator deletes some infants (RELATIONSHIP_TO_DELETED_ENTITY); it decides that before
  // planting value problems and never plants one on an infant it deletes (0729a27), because DHIS2
  // never returns a deleted record's enrollments and events: nobody could see or fix those values.
  const teById = new Map(data.trackedEntities.map((te) => [te.trackedEntity, te]))
  const onDeletedRecord = (p: (typeof planted)[number]): boolean => {
    if (p.kind === 'RELATIONSHIP_TO_DELETED_ENTITY') return false
    const te = teById.get(p.trackedEntity)
    const en = te?.enrollments.find((e) => e.enrollment === p.enrollment)
    const ev = en?.events.find((e) => e.event === p.event)
    return te?.deleted === true || en?.deleted === true || ev?.deleted === true
  }
  const hidden = planted.filter(onDeletedRecord)

  it('no problem is planted on a record that is deleted afterwards (it could never be seen)', () => {
    expect(hidden.map((p) => `${p.kind} ${p.trackedEntity}`)).toEqual([])
  })

  for (const kind of Object.keys(RULE_OF_KIND)) {
    const mine = planted.filter((p) => p.kind === kind)
    it(`${kind} → ${RULE_OF_KIND[kind]}: each of the ${mine.length} planted records is listed`, () => {
      expect(mine.length).toBeGreaterThan(0)
      const finding = byCode.get(RULE_OF_KIND[kind])
      expect(finding).toBeDefined()
      const missed = mine.filter((p) => !finding!.records.some((r) => matches(r, p)))
      expect(missed.map((p) => `${p.description} [${p.trackedEntity}/${p.enrollment ?? ''}/${p.event ?? ''}/${p.relationship ?? ''}]`)).toEqual([])
      expect(finding!.count).toBeGreaterThanOrEqual(mine.length)
    })
  }
})
