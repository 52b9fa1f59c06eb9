/** @jest-environment node */
/**
 * Every problem the generator plants must be visible to the data-quality rules (src/domain/quality)
 * on the records the data-quality page reads: the sandbox's tracker answer with includeDeleted=true
 * (deleted records flagged, relationships that are not deleted attached to both of their records),
 * parsed and linked as the page does, checked with the generator's "today".
 */
import { parseTrackedEntities } from '../../src/domain/pairs/parse'
import { buildPairs } from '../../src/domain/pairs/link'
import { checkTrackerQuality, WHO_GROWTH, type QualityCode, type QualityFinding } from '../../src/domain/quality'
import type { GeneratedData } from '../model'
import { DEFAULT_TODAY, generate, PROBLEM_KINDS, type ProblemKind } from './index'

/** The quality rule that lists each kind of planted problem. */
const RULE_OF: Record<ProblemKind, QualityCode> = {
  INFANT_WITHOUT_MOTHER: 'INFANT_WITHOUT_MOTHER',
  DUPLICATE_RELATIONSHIP: 'DUPLICATE_RELATIONSHIP',
  RELATIONSHIP_TO_DELETED_ENTITY: 'RELATIONSHIP_TO_DELETED',
  DELIVERY_WITHOUT_INFANT: 'DELIVERY_WITHOUT_INFANT',
  BIRTH_WEIGHT_OUT_OF_RANGE: 'BIRTH_WEIGHT_OUT_OF_RANGE',
  EVENT_IN_FUTURE: 'DATE_IN_FUTURE',
  PNC_BEFORE_DELIVERY: 'PNC_BEFORE_DELIVERY',
  EVENT_AFTER_ENROLLMENT_COMPLETED: 'EVENT_AFTER_COMPLETION',
}

/** The generated records as the sandbox returns them to the page (2.41, includeDeleted=true). */
function asServed(data: GeneratedData): unknown[] {
  const rels = new Map<string, unknown[]>()
  for (const r of data.relationships) {
    if (r.deleted) continue
    const wire = { relationship: r.relationship, relationshipType: r.relationshipType, from: { trackedEntity: { trackedEntity: r.from } }, to: { trackedEntity: { trackedEntity: r.to } } }
    for (const side of new Set([r.from, r.to])) rels.set(side, [...(rels.get(side) ?? []), wire])
  }
  return data.trackedEntities.map((te) => ({ ...te, deleted: !!te.deleted, relationships: rels.get(te.trackedEntity) ?? [] }))
}

function findings(data: GeneratedData, today: string): Map<QualityCode, QualityFinding> {
  const parsed = parseTrackedEntities(asServed(data))
  const pairs = buildPairs(parsed.entities, undefined, parsed.index)
  const list = checkTrackerQuality({ entities: parsed.entities, problems: [...parsed.problems, ...pairs.problems], today, growth: WHO_GROWTH }, { maxRecords: 1e9 })
  return new Map(list.map((f) => [f.code, f]))
}

describe('planted problems', () => {
  for (const [seed, pairs] of [
    [1, 300],
    [7, 1500],
  ]) {
    it(`are each found by the quality rules on the records that stay (seed ${seed}, ${pairs} pairs)`, () => {
      const data = generate({ seed, pairs })
      const planted = data.problems ?? []
      const kinds = new Set(planted.map((p) => p.kind))
      // every kind is planted at this scale, so the check below covers them all
      expect(PROBLEM_KINDS.filter((k) => !kinds.has(k))).toEqual([])
      const found = findings(data, DEFAULT_TODAY)
      const deleted = new Set(data.trackedEntities.filter((te) => te.deleted).map((te) => te.trackedEntity))
      const missing: string[] = []
      const onDeleted: string[] = []
      for (const p of planted) {
        const f = found.get(RULE_OF[p.kind as ProblemKind]) // an unknown kind has no rule: reported missing
        // the record the problem is on: the event, else the relationship, else the enrollment, else the entity
        const hit = f?.records.some((r) => (p.event ? r.event === p.event : p.relationship ? r.relationship === p.relationship : p.enrollment ? r.enrollment === p.enrollment : r.entity === p.trackedEntity))
        if (!hit) missing.push(`${p.kind} on ${p.trackedEntity}${deleted.has(p.trackedEntity) ? ' (deleted record)' : ''}: ${p.description}`)
        // a value problem sits on a record that stays
        if (p.kind !== 'RELATIONSHIP_TO_DELETED_ENTITY' && deleted.has(p.trackedEntity)) onDeleted.push(`${p.kind} on ${p.trackedEntity}`)
      }
      expect({ missing, onDeleted }).toEqual({ missing: [], onDeleted: [] })
    })
  }

  it('keeps the planted future events in the future for a year after the generator date', () => {
    const data = generate({ seed: 1, pairs: 300 })
    const future = (data.problems ?? []).filter((p) => p.kind === 'EVENT_IN_FUTURE')
    expect(future.length).toBeGreaterThan(0)
    const aYearLater = new Date(Date.parse(`${DEFAULT_TODAY}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10)
    const f = findings(data, aYearLater).get('DATE_IN_FUTURE')
    for (const p of future) expect({ event: p.event, found: f?.records.some((r) => r.event === p.event) }).toEqual({ event: p.event, found: true })
  })
})
