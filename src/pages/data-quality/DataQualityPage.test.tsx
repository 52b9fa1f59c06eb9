import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { TextEncoder } from 'util'
import { DE, STAGE, ids } from '../../../metadata/src/vocabulary'
import { TrackerBuilder } from '../../domain/test-utils/builder'
import { renderWithProviders, testUser } from '../../test-utils/render'
import { createPairPort } from '../../workers/createPairWorker'
import { inlinePort, type PairPort } from '../../workers/protocol'
import { DataQualityView } from './DataQualityPage'

// jest cannot load a Web Worker (import.meta.url): the pair worker's protocol runs on a port that
// counts its messages, on the main thread (the same handler the worker runs)
jest.mock('../../workers/createPairWorker', () => ({ createPairPort: jest.fn() }))
const ports: { messages: string[] }[] = []
beforeEach(() => {
  ports.length = 0
  ;(createPairPort as jest.Mock).mockImplementation((): PairPort => {
    const inner = inlinePort()
    const seen = { messages: [] as string[] }
    ports.push(seen)
    return { ...inner, inline: false, post: (m) => (seen.messages.push(m.type), inner.post(m)) }
  })
})

// jsdom has no TextEncoder; the vocabulary's UIDs (sha256) need it, as in every browser
if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder })

const OU = 'ImspTQPwCqd'
const F1 = 'OuFacility1' // builder's default org unit
const ANC = ids.stage(STAGE.ANC)
const FP = ids.dataElement(DE.FP_COUNSELLED)
const AGG_ANC1 = 'aggDeAnc001'
const AGG_ANC4 = 'aggDeAnc004'

function trackerData() {
  const b = new TrackerBuilder()
  const lone = b.infant({ dob: '2025-02-10' })
  const m = b.mother({ lmp: '2024-06-01' })
  b.anc(m, '2025-01-05', { [DE.ANC_CONTACT_NO]: '1', [DE.FP_COUNSELLED]: 'true' })
  b.anc(m, '2025-02-05', { [DE.ANC_CONTACT_NO]: '2' })
  b.delivery(m, '2025-03-01', { [DE.DEL_LIVE_BIRTHS]: '1', [DE.DEL_PLACE]: 'FACILITY' })
  const heavy = b.infant({ dob: '2025-01-20' })
  const bw = b.birth(heavy, '2025-01-20', { [DE.BIRTH_WEIGHT_G]: '7000' })
  const m2 = b.mother({ lmp: '2024-05-01' })
  b.delivery(m2, '2025-01-20', { [DE.DEL_LIVE_BIRTHS]: '1' })
  b.link(m2, heavy)
  // wire shape: relationship ends as {trackedEntity:{trackedEntity}}, timestamps
  const wire = b.entities.map((te) => ({
    ...te,
    updatedAt: '2025-04-02T08:00:00.000',
    relationships: te.relationships.map((r) => ({ ...r, from: { trackedEntity: { trackedEntity: r.from } }, to: { trackedEntity: { trackedEntity: r.to } } })),
  }))
  return { wire, lone, bw, m }
}

function serverData(wire: unknown[], elsewhere: { events: { event: string; trackedEntity: string }[]; entities: unknown[] } = { events: [], entities: [] }) {
  const status = `(V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED')`
  const asked: string[] = []
  const askedEvents: Record<string, unknown>[] = []
  const askedIds: string[] = []
  return {
    asked,
    askedEvents,
    askedIds,
    data: {
      'tracker/events': (_t: string, q: { params?: Record<string, unknown> }) => {
        const p = q.params ?? {}
        askedEvents.push(p)
        const page = Number(p.page) === 1 && p.program === ids.program('DYAD_MOTHER') ? elsewhere.events : []
        return { events: page, pager: { page: p.page, pageSize: p.pageSize } }
      },
      'system/info': { version: '2.41.0.1', serverDate: '2025-07-01T10:00:00.000', lastAnalyticsTableSuccess: '2025-04-01T02:00:00.000' },
      me: testUser({ teiSearchOrganisationUnits: [{ id: OU }] }),
      programs: { programs: [{ id: ids.program('DYAD_MOTHER') }, { id: ids.program('DYAD_INFANT') }] },
      [`organisationUnits/${OU}`]: { id: OU, displayName: 'Mali', path: `/${OU}` },
      organisationUnits: (_t: string, q: { params?: Record<string, unknown> }) => {
        const filter = String(q.params?.filter ?? '')
        if (filter.startsWith('path:like')) return { organisationUnits: [{ id: F1 }] }
        return { organisationUnits: [{ id: F1, displayName: 'CSCom Banconi' }] }
      },
      'tracker/trackedEntities': (_t: string, q: { params?: Record<string, unknown> }) => {
        const p = q.params ?? {}
        if (p.trackedEntities) {
          askedIds.push(String(p.trackedEntities))
          const want = String(p.trackedEntities).split(',')
          return { trackedEntities: elsewhere.entities.filter((te) => want.includes((te as { trackedEntity: string }).trackedEntity)) }
        }
        asked.push(`${p.program}:${p.page}:${p.includeDeleted}`)
        const program = String(p.program)
        const items = wire.filter((te) => (te as { enrollments: { program: string }[] }).enrollments.some((e) => e.program === program))
        return { trackedEntities: Number(p.page) === 1 ? items : [], pager: { page: p.page, pageSize: p.pageSize } }
      },
      programIndicators: {
        programIndicators: [
          { id: 'piFpcNum001', code: 'DYAD_PI_ANC_FPC_NUM', analyticsType: 'EVENT', expression: 'V{event_count}', filter: `V{program_stage_id} == '${ANC}' && ${status} && (d2:hasValue(#{${ANC}.${FP}}) && #{${ANC}.${FP}} == 1)` },
          { id: 'piFpcDen001', code: 'DYAD_PI_ANC_FPC_DEN', analyticsType: 'EVENT', expression: 'V{event_count}', filter: `V{program_stage_id} == '${ANC}' && ${status}` },
        ],
      },
      analytics: {
        headers: [{ name: 'dx' }, { name: 'ou' }, { name: 'value' }, { name: 'numerator' }, { name: 'denominator' }],
        metaData: { items: {}, dimensions: { dx: ['piFpcNum001', 'piFpcDen001'], ou: [OU] } },
        rows: [
          ['piFpcNum001', OU, '0', '', ''],
          ['piFpcDen001', OU, '1', '', ''],
        ],
      },
      validationRules: {
        validationRules: [{ id: 'vrAnc4Anc1', code: 'DYAD_VR_ANC4_LE_ANC1', name: 'ANC4 ≤ ANC1', operator: 'less_than_or_equal_to', leftSide: { expression: `#{${AGG_ANC4}}` }, rightSide: { expression: `#{${AGG_ANC1}}` } }],
      },
      dataSets: { dataSets: [{ id: 'dsPrivate01', code: 'DYAD_DS_PRIVATE', displayName: 'Rapport mensuel' }] },
      dataValueSets: {
        dataValues: [
          { dataElement: AGG_ANC1, period: '202502', orgUnit: F1, categoryOptionCombo: 'coc', attributeOptionCombo: 'aoc', value: '4' },
          { dataElement: AGG_ANC4, period: '202502', orgUnit: F1, categoryOptionCombo: 'coc', attributeOptionCombo: 'aoc', value: '9' },
        ],
      },
      'dataAnalysis/validationRules': [{ validationRuleId: 'vrAnc4Anc1', validationRuleDescription: 'ANC4 ≤ ANC1', organisationUnitId: F1, periodId: '202502', leftSideValue: 9, rightSideValue: 4, operator: '<=' }],
    },
  }
}

describe('Data quality page', () => {
  it('lists each problem with its records and Capture links, completeness, aggregate violations and the cross-check', async () => {
    const { wire, lone, bw } = trackerData()
    const s = serverData(wire)
    renderWithProviders(<DataQualityView orgUnit={OU} period="2025Q1" />, { data: s.data })
    await screen.findByTestId('dq-summary', {}, { timeout: 15000 })
    expect(screen.getByTestId('dq-summary').textContent).toMatch(/Mali.*4 tracked entities read/)
    // the pair engine ran through the pair worker's protocol: reset, the records, one compute
    expect(ports).toHaveLength(1)
    expect(ports[0].messages).toEqual(['reset', 'load', 'compute'])
    // deleted records are asked for, for both programs
    expect(s.asked).toEqual([`${ids.program('DYAD_MOTHER')}:1:true`, `${ids.program('DYAD_INFANT')}:1:true`])

    const lonely = screen.getByTestId('dq-finding-INFANT_WITHOUT_MOTHER')
    expect(within(lonely).getByText('Infant without a mother')).toBeInTheDocument()
    expect(within(lonely).getByLabelText('Count').textContent).toBe('1')
    await userEvent.click(within(lonely).getByRole('button', { name: 'Show records' }))
    const link = within(lonely).getByRole('link', { name: 'Open in Capture' })
    expect(link.getAttribute('href')).toBe(`http://dhis2-tests.dyad/dhis-web-capture/index.html#/enrollment?enrollmentId=${lone.en.enrollment}&teiId=${lone.te.trackedEntity}&programId=${ids.program('DYAD_INFANT')}&orgUnitId=${F1}`)
    expect(within(lonely).getByText('CSCom Banconi')).toBeInTheDocument()

    const weight = screen.getByTestId('dq-finding-BIRTH_WEIGHT_OUT_OF_RANGE')
    await userEvent.click(within(weight).getByRole('button', { name: 'Show records' }))
    expect(within(weight).getByRole('link', { name: 'Open in Capture' }).getAttribute('href')).toBe(`http://dhis2-tests.dyad/dhis-web-capture/index.html#/enrollmentEventEdit?eventId=${bw.event}&orgUnitId=${F1}`)
    expect(within(weight).getByText(/Birth weight 7,000 g/)).toBeInTheDocument()

    expect(within(screen.getByTestId('dq-finding-DELIVERY_WITHOUT_INFANT')).getByLabelText('Count').textContent).toBe('1')
    expect(within(screen.getByTestId('dq-finding-DUPLICATE_PAIR')).getByLabelText('Count').textContent).toBe('0')

    // completeness: FP counselling recorded at 1 of 2 ANC contacts
    const row = screen.getAllByRole('row').find((r) => r.textContent?.startsWith('FP counselling') && r.textContent.includes('50'))
    expect(row).toBeDefined()

    // aggregate: DHIS2's own validation result
    expect(screen.getByText('DHIS2 validation results')).toBeInTheDocument()
    const agg = screen.getByTestId('dq-finding-AGGREGATE_RULE_VIOLATED')
    expect(within(agg).getByLabelText('Count').textContent).toBe('1')
    await userEvent.click(within(agg).getByRole('button', { name: 'Show records' }))
    const report = within(agg).getByRole('link', { name: 'Open in Data Entry' })
    expect(report.getAttribute('href')).toMatch(/\/dhis-web-aggregate-data-entry\/index\.html#\/\?dataSetId=dsPrivate01&orgUnitId=\w{11}&periodId=202502$/)
    expect(agg.textContent).toContain('(February 2025)')

    // cross-check: app 1/2 vs analytics 0/1, analytics older than the data
    const fpc = screen.getByTestId('dq-cross-ANC_FPC')
    expect(within(fpc).getByText('Different')).toBeInTheDocument()
    expect(fpc.textContent).toContain('50 % (1/2)')
    expect(fpc.textContent).toContain('0 % (0/1)')
    expect(fpc.textContent).toMatch(/analytics tables were built before the last change/)
    expect(within(screen.getByTestId('dq-cross-ANC1')).getByText('Missing on the server')).toBeInTheDocument()
    expect(screen.getByText('Analytics tables are older than the data')).toBeInTheDocument()
  }, 30000)

  it('also reads the records registered elsewhere that have events here (analytics counts those events by their org unit)', async () => {
    const { wire } = trackerData()
    const b = new TrackerBuilder()
    const visitor = b.mother({ lmp: '2024-07-01', orgUnit: 'OuElsewher1' })
    const ev = b.anc(visitor, '2025-02-11', { [DE.ANC_CONTACT_NO]: '1', [DE.FP_COUNSELLED]: 'true' }, { orgUnit: F1 })
    // a second builder numbers its records from 1 again: give the visitor her own UIDs
    visitor.te.trackedEntity = 'TeVisitor01'
    visitor.en.enrollment = 'EnVisitor01'
    ev.event = 'EvVisitor01'
    const known = (wire[0] as { trackedEntity: string }).trackedEntity
    const s = serverData(wire, {
      // the events endpoint also returns events of records already read: not asked again
      events: [{ event: ev.event, trackedEntity: visitor.te.trackedEntity }, { event: 'EvKnown0001', trackedEntity: known }],
      entities: b.entities.map((te) => ({ ...te, relationships: [] })),
    })
    renderWithProviders(<DataQualityView orgUnit={OU} period="2025Q1" />, { data: s.data })
    await screen.findByTestId('dq-summary', {}, { timeout: 15000 })
    expect(s.askedEvents[0]).toMatchObject({ orgUnit: OU, orgUnitMode: 'DESCENDANTS', program: ids.program('DYAD_MOTHER'), occurredAfter: '2025-01-01', occurredBefore: '2025-03-31' })
    expect(s.askedIds).toEqual([visitor.te.trackedEntity])
    expect(screen.getByTestId('dq-summary').textContent).toMatch(/5 tracked entities read/)
    // ANC_FPC: the visitor's counselled contact at F1 now counts (2 of 3 ANC contacts)
    expect(screen.getByTestId('dq-cross-ANC_FPC').textContent).toContain('(2/3)')
  }, 30000)

  it('speaks French: rule titles and record details', async () => {
    const { wire } = trackerData()
    renderWithProviders(<DataQualityView orgUnit={OU} period="2025Q1" />, { data: serverData(wire).data, locale: 'fr' })
    await screen.findByTestId('dq-summary', {}, { timeout: 15000 })
    expect(screen.getByText('Nourrisson sans mère')).toBeInTheDocument()
    expect(screen.getByText('Poids de naissance hors limites')).toBeInTheDocument()
  }, 30000)

  it('says the package is not installed instead of failing, and reads no tracker data', async () => {
    const { wire } = trackerData()
    const s = serverData(wire)
    renderWithProviders(<DataQualityView orgUnit={OU} period="2025Q1" />, { data: { ...s.data, programs: { programs: [] } } })
    await screen.findByTestId('dq-summary', {}, { timeout: 15000 })
    expect(screen.getByText('Dyad programs not installed')).toBeInTheDocument()
    expect(s.asked).toEqual([])
  }, 30000)

  it('shows the error with a retry when the server fails', async () => {
    const { wire } = trackerData()
    const data = { ...serverData(wire).data, 'tracker/trackedEntities': () => Promise.reject(Object.assign(new Error('Internal Server Error (500)'), { type: 'unknown', details: { httpStatusCode: 500, message: 'boom' } })) }
    renderWithProviders(<DataQualityView orgUnit={OU} period="2025Q1" />, { data })
    expect(await screen.findByRole('alert', {}, { timeout: 15000 })).toBeInTheDocument()
  }, 20000)
})
