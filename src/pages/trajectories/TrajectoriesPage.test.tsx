import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { TextEncoder } from 'node:util'
import { DE } from '../../../metadata/src/vocabulary'
import { TRAJECTORY_RULES_DATASTORE_KEY } from '../../data/trajectories'
import { TrackerBuilder } from '../../domain/test-utils/builder'
import { buildPairs } from '../../domain/pairs/link'
import { parseTrackedEntities } from '../../domain/pairs/parse'
import { classifyPairs } from '../../domain/trajectories/classify'
import { DEFAULT_PROFILE_SET } from '../../domain/trajectories/profiles'
import { renderWithProviders, testUser } from '../../test-utils/render'
import { classifyInChunks } from './model'
import TrajectoriesPage from './TrajectoriesPage'

// jsdom has no TextEncoder; the vocabulary's UIDs (sha256) need it.
Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'
const SIKASSO = 'SikassoR001'
const F1 = 'OuFacility1'
const F2 = 'OuFacility2'

function records() {
  const b = new TrackerBuilder()
  // 1. complete continuum (Kayes): 4 ANC from 10 weeks, facility delivery, PNC 48 h, infant visit
  const m1 = b.mother({ lmp: '2023-10-01', orgUnit: F1 })
  b.anc(m1, '2023-12-10', { [DE.ANC_GEST_AGE_WEEKS]: '10' })
  b.anc(m1, '2024-02-10', { [DE.ANC_GEST_AGE_WEEKS]: '19' })
  b.anc(m1, '2024-04-10', { [DE.ANC_GEST_AGE_WEEKS]: '27' })
  b.anc(m1, '2024-06-01', { [DE.ANC_GEST_AGE_WEEKS]: '35' })
  b.delivery(m1, '2024-06-20', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  b.pnc(m1, '2024-06-21', { [DE.PNC_TIMING]: 'H48' })
  const i1 = b.infant({ dob: '2024-06-20', orgUnit: F1 })
  b.visit(i1, '2024-08-01')
  b.link(m1, i1)
  // 2. late first ANC (20 weeks), home delivery, nothing after (Sikasso): ANC without facility delivery + late + lost
  const m2 = b.mother({ lmp: '2023-10-15', orgUnit: F2 })
  b.anc(m2, '2024-03-01', { [DE.ANC_GEST_AGE_WEEKS]: '20' })
  b.delivery(m2, '2024-07-10', { [DE.DEL_PLACE]: 'HOME', [DE.DEL_LIVE_BIRTHS]: '1' })
  // 3. facility delivery without ANC (Sikasso)
  const m3 = b.mother({ lmp: '2024-01-01', orgUnit: F2 })
  b.delivery(m3, '2024-09-25', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  b.pnc(m3, '2024-09-26', { [DE.PNC_TIMING]: 'H48' })
  // 4. delivered in 2023: outside the period 2024
  const m4 = b.mother({ lmp: '2022-09-01', orgUnit: F1 })
  b.anc(m4, '2022-11-01', { [DE.ANC_GEST_AGE_WEEKS]: '9' })
  b.delivery(m4, '2023-05-30', { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' })
  // 2.41 wire shape: relationship ends as {trackedEntity:{trackedEntity}}
  const wire = b.entities.map((te) => ({
    ...te,
    updatedAt: '2025-01-02T08:00:00.000',
    relationships: te.relationships.map((r) => ({ ...r, from: { trackedEntity: { trackedEntity: r.from } }, to: { trackedEntity: { trackedEntity: r.to } } })),
  }))
  return { b, wire, m1 }
}

type Q = { resource: string; id?: string; params?: Record<string, unknown>; data?: unknown }

function setup(o: { forbidden?: boolean; me?: Record<string, unknown> } = {}) {
  const { wire, m1 } = records()
  const calls: { tracker: Q[]; writes: { type: string; key: string; data: unknown }[] } = { tracker: [], writes: [] }
  let stored: unknown
  const err = (status: number, message: string) => Object.assign(new Error(`${message} (${status})`), { type: 'access', details: { httpStatus: 'x', httpStatusCode: status, status: 'ERROR', message } })
  const data = {
    ...(o.me ? { me: o.me } : {}),
    organisationUnits: (_t: string, q: Q) => {
      expect(q.params?.filter).toBe(`path:like:${MALI}`)
      return {
        organisationUnits: [
          { id: MALI, displayName: 'Mali', path: `/${MALI}` },
          { id: KAYES, displayName: 'Kayes', path: `/${MALI}/${KAYES}` },
          { id: SIKASSO, displayName: 'Sikasso', path: `/${MALI}/${SIKASSO}` },
          { id: F1, displayName: 'CSCom Kayes N’Di', path: `/${MALI}/${KAYES}/${F1}` },
          { id: F2, displayName: 'CSCom Sikasso Médine', path: `/${MALI}/${SIKASSO}/${F2}` },
        ],
      }
    },
    'tracker/trackedEntities': (_t: string, q: Q) => {
      calls.tracker.push(q)
      if (o.forbidden) throw err(403, 'User has no data read access to program: DYAD_MOTHER')
      return { page: q.params?.page, pageSize: q.params?.pageSize, pager: { page: q.params?.page, pageSize: q.params?.pageSize }, trackedEntities: q.params?.page === 1 ? wire : [] }
    },
    [`dataStore/dyad/${TRAJECTORY_RULES_DATASTORE_KEY}`]: (type: string, q: Q) => {
      if (type === 'read') {
        if (stored === undefined) throw err(404, 'Key not found')
        return stored
      }
      calls.writes.push({ type, key: q.resource, data: q.data })
      stored = q.data
      return { httpStatusCode: 201, status: 'OK' }
    },
    'dataStore/dyad': (type: string, q: Q) => {
      calls.writes.push({ type, key: `${q.resource}/${q.id}`, data: q.data })
      if (stored === undefined) throw err(404, 'Key not found')
      stored = q.data
      return { httpStatusCode: 200, status: 'OK' }
    },
  }
  return { calls, data, m1 }
}

const hash = `#/trajectories?ou=${MALI}&pe=2024`
const rowOf = (table: HTMLElement, name: string): HTMLElement => within(table).getByRole('rowheader', { name: new RegExp(name) }).closest('tr') as HTMLElement

describe('Care trajectories page', () => {
  it('reads the subtree’s Person records and shows counts and shares per profile and per org unit', async () => {
    const { calls, data } = setup()
    renderWithProviders(<TrajectoriesPage />, { data, hash })
    const table = await screen.findByTestId('profile-table', {}, { timeout: 4000 })
    expect(calls.tracker).toHaveLength(1)
    expect(calls.tracker[0].params).toMatchObject({ orgUnits: MALI, orgUnitMode: 'DESCENDANTS', trackedEntityType: 'MCPQUTHX1Ze', page: 1 })
    // 3 pairs in 2024 (the 2023 delivery is out)
    expect(screen.getByText(/3 pairs whose delivery/)).toBeInTheDocument()
    expect(rowOf(table, 'Complete continuum')).toHaveTextContent(/1\s*33\.3%/)
    expect(rowOf(table, 'ANC without facility delivery')).toHaveTextContent(/1\s*33\.3%/)
    expect(rowOf(table, 'Facility delivery without ANC')).toHaveTextContent(/1\s*33\.3%/)
    expect(rowOf(table, 'Late first ANC contact')).toHaveTextContent(/1\s*33\.3%/)
    expect(rowOf(table, 'Lost after delivery')).toHaveTextContent(/1\s*33\.3%/)
    expect(rowOf(table, 'ANC only')).toHaveTextContent(/0\s*0%/)
    const groups = screen.getByTestId('group-table')
    expect(rowOf(groups, 'Kayes')).toHaveTextContent(/^Kayes\s*1\s*1\s*\(100%\)/)
    expect(rowOf(groups, 'Sikasso')).toHaveTextContent(/^Sikasso\s*2\s*0/)
    // the chart has its table alternative
    expect(screen.getByRole('img', { name: /Share of pairs by profile/ })).toBeInTheDocument()
  })

  it('lists the pairs behind a number with Capture links', async () => {
    const { data, m1 } = setup()
    renderWithProviders(<TrajectoriesPage />, { data, hash })
    await screen.findByTestId('profile-table', {}, { timeout: 4000 })
    await userEvent.click(screen.getByRole('button', { name: /1 pairs “Complete continuum”: show the list/ }))
    const list = screen.getByTestId('pair-list')
    expect(within(list).getByText(m1.te.trackedEntity)).toBeInTheDocument()
    expect(within(list).getByText('CSCom Kayes N’Di')).toBeInTheDocument()
    expect(within(list).getByText('2024-06-20')).toBeInTheDocument()
    const link = within(list).getByRole('link', { name: 'Mother' })
    expect(link.getAttribute('href')).toContain(`/dhis-web-capture/index.html#/enrollment?enrollmentId=${m1.en.enrollment}`)
    expect(within(list).getByRole('link', { name: 'Infant' })).toBeInTheDocument()
  })

  it('a user without the Capture app sees the list without Capture links', async () => {
    const { data } = setup({ me: testUser({ authorities: ['M_dhis-web-dashboard', 'F_VIEW_EVENT_ANALYTICS'] }) })
    renderWithProviders(<TrajectoriesPage />, { data, hash })
    await screen.findByTestId('profile-table', {}, { timeout: 4000 })
    await userEvent.click(screen.getByRole('button', { name: /1 pairs “Lost after delivery”: show the list/ }))
    const list = screen.getByTestId('pair-list')
    expect(within(list).queryAllByRole('link')).toHaveLength(0)
    expect(within(list).getByText('CSCom Sikasso Médine')).toBeInTheDocument()
  })

  it('shows the rules in plain words; an edited setting recomputes, and Save validates then stores a versioned document (404 → create)', async () => {
    const { calls, data } = setup()
    renderWithProviders(<TrajectoriesPage />, { data, hash })
    await screen.findByTestId('profile-table', {}, { timeout: 4000 })
    await userEvent.click(screen.getByRole('button', { name: 'Show and edit the rules' }))
    expect(screen.getByText('Number of ANC contacts: at least 4 (setting: ANC contacts for a complete continuum)')).toBeInTheDocument()
    expect(screen.getAllByText('Delivery in a health facility: yes').length).toBeGreaterThan(0)
    const input = screen.getByLabelText('ANC contacts for a complete continuum')
    await userEvent.clear(input)
    await userEvent.type(input, '12')
    expect(screen.getByText(/outside 1–8/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Save for all users' })).toBeDisabled()
    await userEvent.clear(input)
    await userEvent.type(input, '5')
    await userEvent.click(screen.getByRole('button', { name: 'Apply (this page only)' }))
    await waitFor(() => expect(rowOf(screen.getByTestId('profile-table'), 'Complete continuum')).toHaveTextContent(/0\s*0%/))
    await userEvent.click(screen.getByRole('button', { name: 'Save for all users' }))
    expect(await screen.findByText(/Rules saved \(version 2\)/)).toBeInTheDocument()
    expect(calls.writes.map((w) => w.type)).toEqual(['replace', 'create'])
    const doc = calls.writes[1].data as { schemaVersion: number; rules: typeof DEFAULT_PROFILE_SET }
    expect(doc.schemaVersion).toBe(1)
    expect(doc.rules.parameters.find((p) => p.key === 'completeAncContacts')?.value).toBe(5)
  }, 30_000)

  it('explains a 403 on the tracker read', async () => {
    const { data } = setup({ forbidden: true })
    renderWithProviders(<TrajectoriesPage />, { data, hash })
    expect(await screen.findByText(/cannot read the Mother and Infant records/, {}, { timeout: 4000 })).toBeInTheDocument()
  })

  it('French: profile names and rules in French', async () => {
    const { data } = setup()
    renderWithProviders(<TrajectoriesPage />, { data, hash, locale: 'fr' })
    const table = await screen.findByTestId('profile-table', {}, { timeout: 4000 })
    expect(within(table).getByText('Continuum complet')).toBeInTheDocument()
    expect(within(table).getByText('Perdus de vue après l’accouchement')).toBeInTheDocument()
  })
})

describe('classifyInChunks', () => {
  it('gives the same result as one classifyPairs call, whatever the chunk size', async () => {
    const { wire } = records()
    const parsed = parseTrackedEntities(wire)
    const { pairs } = buildPairs(parsed.entities, undefined, parsed.index)
    const opts = { period: { start: '2023-01-01', end: '2024-12-31' }, inScope: () => true, groupOf: (ou: string) => (ou === F1 ? KAYES : SIKASSO), profiles: DEFAULT_PROFILE_SET }
    const whole = classifyPairs(pairs, opts)
    for (const size of [1, 2, 3, 100]) {
      const chunked = await classifyInChunks(pairs, opts, { chunkSize: size, pause: () => Promise.resolve() })
      expect(chunked).toEqual(whole)
    }
    const ctl = new AbortController()
    ctl.abort()
    expect(await classifyInChunks(pairs, opts, { signal: ctl.signal })).toBeNull()
  })
})
