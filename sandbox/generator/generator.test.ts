/** @jest-environment node */
import { generate, PROBLEM_KINDS } from './index'
import { DE, FACILITY_TYPE, GROUP_SET, OWNERSHIP, PROGRAM, STAGE, ids } from '../../metadata/src/vocabulary'
import { UID_PATTERN } from '../../metadata/src/uid'

const data = generate({ seed: 7, pairs: 1500 })
const D = (c: string) => ids.dataElement(c)

function valueOf(e: { dataValues: { dataElement: string; value: string }[] }, code: string): string | undefined {
  return e.dataValues.find((d) => d.dataElement === D(code))?.value
}

describe('generate', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generate({ seed: 7, pairs: 200 })
    const same = generate({ seed: 7, pairs: 200 })
    const other = generate({ seed: 8, pairs: 200 })
    expect(JSON.stringify(again.trackedEntities)).toBe(JSON.stringify(same.trackedEntities))
    expect(JSON.stringify(other.trackedEntities)).not.toBe(JSON.stringify(same.trackedEntities))
  })

  it('builds a four-level hierarchy with Gao and Tombouctou and every facility type and ownership', () => {
    expect(data.orgUnitLevels.map((l) => l.level)).toEqual([1, 2, 3, 4])
    const regions = data.orgUnits.filter((o) => o.level === 2).map((o) => o.name)
    expect(regions.length).toBeGreaterThanOrEqual(10)
    expect(regions).toEqual(expect.arrayContaining(['Région de Gao', 'Région de Tombouctou']))
    const ids_ = new Set(data.orgUnits.map((o) => o.id))
    expect(ids_.size).toBe(data.orgUnits.length)
    for (const o of data.orgUnits) {
      expect(o.id).toMatch(UID_PATTERN)
      expect(o.path.split('/').length - 1).toBe(o.level)
      if (o.parent) expect(ids_.has(o.parent)).toBe(true)
    }
    for (const code of [...Object.values(OWNERSHIP), ...Object.values(FACILITY_TYPE)]) {
      const g = data.orgUnitGroups.find((x) => x.id === ids.orgUnitGroup(code))
      expect(g?.organisationUnits.length).toBeGreaterThan(0)
    }
    const ownership = data.orgUnitGroupSets.find((gs) => gs.id === ids.orgUnitGroupSet(GROUP_SET.OWNERSHIP))
    expect(ownership?.organisationUnitGroups).toHaveLength(Object.values(OWNERSHIP).length)
    // every facility is in exactly one ownership group
    const facilities = data.orgUnits.filter((o) => o.level === 4)
    const ownershipGroups = data.orgUnitGroups.filter((g) => ownership?.organisationUnitGroups.includes(g.id))
    for (const f of facilities) expect(ownershipGroups.filter((g) => g.organisationUnits.includes(f.id))).toHaveLength(1)
  })

  it('produces mothers and infants with valid UIDs, dates, incident dates and relationships', () => {
    const mother = ids.program(PROGRAM.MOTHER)
    const infant = ids.program(PROGRAM.INFANT)
    const mothers = data.trackedEntities.filter((t) => t.enrollments[0]?.program === mother)
    const infants = data.trackedEntities.filter((t) => t.enrollments[0]?.program === infant)
    expect(mothers).toHaveLength(1500)
    expect(infants.length).toBeGreaterThan(1000)
    const all = new Set<string>()
    for (const te of data.trackedEntities) {
      expect(te.trackedEntity).toMatch(UID_PATTERN)
      all.add(te.trackedEntity)
      for (const en of te.enrollments) {
        expect(en.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000$/)
        for (const e of en.events) expect(e.event).toMatch(UID_PATTERN)
      }
    }
    // infant incident date = date of birth = DOB attribute
    for (const te of infants) {
      const dob = te.attributes.find((a) => a.attribute === ids.attribute('DYAD_ATTR_DOB'))?.value
      expect(te.enrollments[0].occurredAt?.slice(0, 10)).toBe(dob)
    }
    for (const r of data.relationships) {
      expect(r.relationshipType).toBe(ids.relationshipType())
      expect(all.has(r.from)).toBe(true)
      expect(all.has(r.to)).toBe(true)
    }
  })

  it('plants every kind of data problem and lists it', () => {
    const kinds = new Set((data.problems ?? []).map((p) => p.kind))
    for (const k of PROBLEM_KINDS) expect(kinds.has(k)).toBe(true)
    const byId = new Map(data.trackedEntities.map((t) => [t.trackedEntity, t]))
    for (const p of data.problems ?? []) {
      expect(byId.has(p.trackedEntity)).toBe(true)
      if (p.kind === 'RELATIONSHIP_TO_DELETED_ENTITY') expect(byId.get(p.trackedEntity)?.deleted).toBe(true)
      if (p.kind === 'INFANT_WITHOUT_MOTHER') expect(data.relationships.some((r) => r.to === p.trackedEntity)).toBe(false)
      if (p.kind === 'EVENT_IN_FUTURE') {
        const e = byId.get(p.trackedEntity)?.enrollments[0].events.find((x) => x.event === p.event)
        expect((e?.occurredAt ?? '') > '2026-11-01').toBe(true)
      }
    }
  })

  it('keeps MAMI risk classes consistent with the thresholds', () => {
    const visit = ids.stage(STAGE.INFANT_VISIT)
    let checked = 0
    for (const te of data.trackedEntities)
      for (const en of te.enrollments)
        for (const e of en.events) {
          if (e.programStage !== visit) continue
          const risk = valueOf(e, DE.MAMI_RISK)
          if (!risk) continue
          checked++
          const waz = Number(valueOf(e, DE.INF_WAZ))
          const muac = valueOf(e, DE.INF_MUAC_CM)
          const high = waz < -3 || valueOf(e, DE.MAMI_OEDEMA) === 'true' || valueOf(e, DE.MAMI_DANGER_SIGN) === 'true'
          const moderate = waz < -2 || (muac !== undefined && Number(muac) < 11) || valueOf(e, DE.MAMI_ATTACHMENT_EFFECTIVE) === 'false'
          expect(risk).toBe(high ? 'HIGH' : moderate ? 'MODERATE' : 'LOW')
        }
    expect(checked).toBeGreaterThan(1000)
  })

  it('shows a year-over-year improvement in FP counselling at ANC and immediate PPFP', () => {
    const anc = ids.stage(STAGE.ANC)
    const del = ids.stage(STAGE.DELIVERY)
    const rate: Record<string, [number, number, number, number]> = {}
    for (const te of data.trackedEntities)
      for (const en of te.enrollments)
        for (const e of en.events) {
          const y = (e.occurredAt ?? '').slice(0, 4)
          rate[y] ??= [0, 0, 0, 0]
          if (e.programStage === anc) {
            rate[y][1]++
            if (valueOf(e, DE.FP_COUNSELLED) === 'true') rate[y][0]++
          } else if (e.programStage === del && valueOf(e, DE.DEL_PLACE) === 'FACILITY') {
            rate[y][3]++
            if (valueOf(e, DE.FP_METHOD)) rate[y][2]++
          }
        }
    const fpc = (y: string) => rate[y][0] / rate[y][1]
    const ppfp = (y: string) => rate[y][2] / rate[y][3]
    expect(fpc('2025')).toBeGreaterThan(fpc('2024') + 0.08)
    expect(fpc('2026')).toBeGreaterThan(fpc('2025'))
    expect(ppfp('2025')).toBeGreaterThan(ppfp('2024') + 0.05)
  })

  it('has an admin user and a French-speaking district user', () => {
    const admin = data.users.find((u) => u.username === 'admin')
    expect(admin?.authorities).toContain('ALL')
    expect(admin?.organisationUnits).toEqual([data.orgUnits[0].id])
    const fr = data.users.find((u) => u.locale === 'fr' && u.organisationUnits.every((id) => data.orgUnits.find((o) => o.id === id)?.level === 3))
    expect(fr).toBeDefined()
  })
})
