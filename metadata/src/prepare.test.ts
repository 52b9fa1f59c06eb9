/** @jest-environment node */
import { mergePersonAttributes, neededReads, prepareBundle, preserveAssignments, remapPerson, SERVER_ASSIGNMENTS } from './prepare'

const PERSON = 'MCPQUTHX1Ze'

const bundle = () => ({
  package: { name: 'dyad', version: '1.1.0' },
  programs: [
    { id: 'prgMother1', trackedEntityType: { id: PERSON }, organisationUnits: [{ id: 'ouA' }] },
    { id: 'prgInfant1', trackedEntityType: { id: PERSON } },
  ],
  dataSets: [{ id: 'dsPrivate1', organisationUnits: [] }],
  userGroups: [{ id: 'ugTwg00001', users: [{ id: 'usr1' }] }],
  trackedEntityTypes: [{ id: PERSON, code: 'GEN_LIB_TRK_PERSON', trackedEntityTypeAttributes: [{ trackedEntityAttribute: { id: 'teaDyad' } }] }],
  relationshipTypes: [{ id: 'relPair001', fromConstraint: { trackedEntityType: { id: PERSON } } }],
})

describe('neededReads', () => {
  it('lists the assignment reads for the bundle ids, and the Person reads', () => {
    const r = neededReads(bundle())
    expect(r.person).toBe(true)
    expect(r.personAttributes).toBe(true)
    expect(r.assignments).toEqual([
      { collection: 'programs', property: 'organisationUnits', ids: ['prgMother1', 'prgInfant1'], fields: 'id,organisationUnits[id]' },
      { collection: 'dataSets', property: 'organisationUnits', ids: ['dsPrivate1'], fields: 'id,organisationUnits[id]' },
      { collection: 'userGroups', property: 'users', ids: ['ugTwg00001'], fields: 'id,users[id]' },
    ])
    expect(neededReads({ dataElements: [{ id: 'x' }] })).toEqual({ person: false, personAttributes: false, assignments: [] })
    expect(SERVER_ASSIGNMENTS.map(([c]) => c)).toEqual(['programs', 'dataSets', 'organisationUnitGroups', 'userGroups'])
  })
})

describe('preserveAssignments', () => {
  it('adds the server members the bundle lacks, without duplicates, and does not touch the input', () => {
    const input = bundle()
    const before = JSON.stringify(input)
    const { bundle: out, kept } = preserveAssignments(input, {
      programs: [
        { id: 'prgMother1', organisationUnits: [{ id: 'ouB' }, { id: 'ouA' }, { id: 'ouB' }, { id: 'ouC' }] },
        { id: 'prgUnknown', organisationUnits: [{ id: 'ouZ' }] },
      ],
      dataSets: [{ id: 'dsPrivate1', organisationUnits: [{ id: 'ouA' }] }],
      userGroups: [{ id: 'ugTwg00001', users: [{ id: 'usr1' }, { id: 'usr2', name: 'ignored' }] }],
    })
    expect(kept).toBe(4)
    const programs = out.programs as { id: string; organisationUnits?: unknown }[]
    expect(programs[0].organisationUnits).toEqual([{ id: 'ouA' }, { id: 'ouB' }, { id: 'ouC' }])
    expect(programs[1].organisationUnits).toBeUndefined()
    expect((out.dataSets as { organisationUnits: unknown }[])[0].organisationUnits).toEqual([{ id: 'ouA' }])
    expect((out.userGroups as { users: unknown }[])[0].users).toEqual([{ id: 'usr1' }, { id: 'usr2' }])
    expect(JSON.stringify(input)).toBe(before)
  })

  it('keeps nothing when the server has none of the objects', () => {
    const input = bundle()
    const r = preserveAssignments(input, { programs: [] })
    expect(r.kept).toBe(0)
    expect(r.bundle).toEqual(input)
  })
})

describe('mergePersonAttributes', () => {
  it("appends the server's other Person attributes once", () => {
    const input = bundle()
    const { bundle: out, kept } = mergePersonAttributes(input, [
      { trackedEntityAttribute: { id: 'teaDyad' }, mandatory: true },
      { id: 'tetaX', trackedEntityAttribute: { id: 'teaOther' }, searchable: true },
      { trackedEntityAttribute: { id: 'teaOther' } },
      'junk',
    ])
    expect(kept).toBe(1)
    const person = (out.trackedEntityTypes as { trackedEntityTypeAttributes: unknown[] }[])[0]
    expect(person.trackedEntityTypeAttributes).toEqual([
      { trackedEntityAttribute: { id: 'teaDyad' } },
      { id: 'tetaX', trackedEntityAttribute: { id: 'teaOther' }, searchable: true, trackedEntityType: { id: PERSON } },
    ])
    expect((input.trackedEntityTypes[0].trackedEntityTypeAttributes as unknown[]).length).toBe(1)
    expect(mergePersonAttributes(input, undefined)).toEqual({ bundle: input, kept: 0 })
  })
})

describe('remapPerson and prepareBundle', () => {
  it("uses the server's Person type when it has another UID", () => {
    const out = remapPerson(bundle(), 'SrvPerson01')
    expect(JSON.stringify(out)).not.toContain(PERSON)
    expect(out.trackedEntityTypes).toEqual([])
    expect((out.programs as { trackedEntityType: { id: string } }[]).map((p) => p.trackedEntityType.id)).toEqual(['SrvPerson01', 'SrvPerson01'])
    const input = bundle()
    expect(remapPerson(input, PERSON)).toBe(input)
  })

  it('runs every step: remap, then assignments (no Person attributes to merge once remapped)', () => {
    const p = prepareBundle(bundle(), {
      personId: 'SrvPerson01',
      personAttributes: [{ trackedEntityAttribute: { id: 'teaOther' } }],
      assignments: { programs: [{ id: 'prgInfant1', organisationUnits: [{ id: 'ouX' }] }] },
    })
    expect(p.remappedPerson).toBe('SrvPerson01')
    expect(p.personAttributesKept).toBe(0)
    expect(p.assignmentsKept).toBe(1)
    expect((p.bundle.programs as { organisationUnits?: unknown; trackedEntityType: unknown }[])[1]).toEqual({ id: 'prgInfant1', trackedEntityType: { id: 'SrvPerson01' }, organisationUnits: [{ id: 'ouX' }] })
    const same = prepareBundle(bundle(), { personId: PERSON, personAttributes: [{ trackedEntityAttribute: { id: 'teaOther' } }], assignments: {} })
    expect(same.remappedPerson).toBeUndefined()
    expect(same.personAttributesKept).toBe(1)
  })
})
