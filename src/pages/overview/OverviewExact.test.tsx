import i18n from '@dhis2/d2-i18n'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { TextEncoder } from 'node:util'
import { localToday, planPeriods } from '../../data/dashboards'
import { computeIndicators } from '../../domain/indicators/engine'
import { renderWithProviders } from '../../test-utils/render'
import { createPairPort } from '../../workers/createPairWorker'
import { resetExactStore } from '../../workers/exactStore'
import { inlinePort, type ToWorker } from '../../workers/protocol'
import { records } from '../../workers/test-records'
import { DISTRICT, F1, F2, KAYES, MALI, trackerServer } from '../../workers/test-server'
import { exactPreference } from './exact'
import OverviewPage from './OverviewPage'
import { analyticsGrid } from './test-fixtures'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })
// setupTests adds the generated translations to the 'default' namespace, as src/locales/index.js does in the app; i18n.t reads it only when it is the default.
i18n.setDefaultNamespace('default')

// The worker construction (import.meta.url) is replaced by the real protocol handler behind a port.
jest.mock('../../workers/createPairWorker', () => ({ createPairPort: jest.fn() }))

const TOGGLE = 'Exact computation from records (district and below)'

type Q = { resource: string; params?: Record<string, unknown> & { dimension?: string[] } }

function setup() {
  const posted: ToWorker[] = []
  ;(createPairPort as jest.Mock).mockImplementation(() => {
    const real = inlinePort()
    return { ...real, inline: false, post: (m: ToWorker) => (posted.push(m), real.post(m)) }
  })
  const server = trackerServer()
  const analytics = (_t: string, q: Q) => {
    const pe = ((q.params?.dimension ?? []).find((d) => d.startsWith('pe:')) ?? '').slice(3).split(';')
    const ou = ((q.params?.dimension ?? []).find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')
    const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
    // 100 ANC contacts a month in every unit and month asked for (2023 and 2024 alike)
    for (const unit of ou) for (const m of pe) rows.push(['ANC_VISITS', 'numerator', m, unit, 100])
    return analyticsGrid(rows, { [DISTRICT]: 'District sanitaire de Kayes', [MALI]: 'Mali' })
  }
  const path = `/${MALI}/${KAYES}/${DISTRICT}`
  const data = {
    analytics,
    [`organisationUnits/${DISTRICT}`]: {
      children: [
        { id: F1, displayName: 'CSCom Kayes N’Di', path: `${path}/${F1}`, children: false },
        { id: F2, displayName: 'CSCom Lafiabougou', path: `${path}/${F2}`, children: false },
      ],
    },
    [`organisationUnits/${MALI}`]: { children: [{ id: KAYES, displayName: 'Kayes', path: `/${MALI}/${KAYES}`, children: true }] },
    ...server.data,
  }
  return { data, posted, server }
}

const goTo = (hash: string) =>
  act(async () => {
    window.location.hash = hash
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  })

beforeEach(() => {
  resetExactStore()
  exactPreference.set(false)
})

async function exactOn() {
  const toggle = await screen.findByRole('checkbox', { name: TOGGLE })
  await waitFor(() => expect(toggle).toBeEnabled())
  await userEvent.click(toggle)
  return toggle
}

describe('Overview: exact computation from records', () => {
  it('at district level replaces the tiles with the pair engine results, marked exact; analytics stays the default', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${DISTRICT}` })
    const anc = await screen.findByRole('region', { name: 'Antenatal care' })
    // default: analytics (100 a month)
    expect(within(anc).getByRole('button', { name: /^ANC contacts: 1,200/ })).toBeInTheDocument()
    expect(s.server.log).toEqual([])
    const toggle = await exactOn()
    // exact: 5 ANC contacts in the district in 2024, 2 in 2023
    const tile = (await within(anc).findByRole('button', { name: /^ANC contacts: 5\b/ }, { timeout: 5000 })).closest('li') as HTMLElement
    expect(within(tile).getByText('exact')).toBeInTheDocument()
    expect(within(tile).getByText('up +150% compared with the same period last year')).toBeInTheDocument()
    expect(screen.getByText(/exact computation from 5 records/)).toBeInTheDocument()
    expect(screen.getByText(/Records last checked against the server:/)).toBeInTheDocument()
    expect(screen.getByText('Latest change recorded on the server: Jan 1, 2025, 8:00 AM (server time)')).toBeInTheDocument()
    expect(s.server.counts()).toEqual({ pages: 1, checks: 0, byUid: 0, orgUnits: 1 })
    expect(s.posted.map((m) => m.type)).toEqual(['open', 'load', 'commit', 'compute'])
    // back to analytics
    await userEvent.click(toggle)
    expect(await within(anc).findByRole('button', { name: /^ANC contacts: 1,200/ })).toBeInTheDocument()
    expect(within(anc).queryByText('exact')).toBeNull()
  })

  it('a period change recomputes on the worker session after one freshness request (no record download); the way back is instant', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${DISTRICT}` })
    await exactOn()
    const anc = await screen.findByRole('region', { name: 'Antenatal care' })
    await within(anc).findByRole('button', { name: /^ANC contacts: 5\b/ }, { timeout: 5000 })
    await goTo(`#/?pe=2023&ou=${DISTRICT}`)
    // the page shows a skeleton while analytics reloads: find the section again
    const anc23 = async () => within(await screen.findByRole('region', { name: 'Antenatal care' }, { timeout: 5000 }))
    await waitFor(async () => expect((await anc23()).getByRole('button', { name: /^ANC contacts: 2\b/ })).toBeInTheDocument(), { timeout: 5000 })
    await waitFor(() => expect(s.server.counts().checks).toBe(1))
    await waitFor(() => expect(screen.getByText(/Records last checked against the server:/)).toBeInTheDocument())
    expect(s.server.counts()).toEqual({ pages: 1, checks: 1, byUid: 0, orgUnits: 1 })
    expect(s.posted.map((m) => m.type)).toEqual(['open', 'load', 'commit', 'compute', 'compute'])
    await goTo(`#/?pe=2024&ou=${DISTRICT}`)
    await waitFor(async () => expect((await anc23()).getByRole('button', { name: /^ANC contacts: 5\b/ })).toBeInTheDocument(), { timeout: 5000 })
    await waitFor(() => expect(s.server.counts().checks).toBe(2))
    expect(s.posted).toHaveLength(5)
  })

  it('drill-down with exact on: each child from the exact computation (its subtree as the scope), with the exact badge', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${DISTRICT}` })
    await exactOn()
    const anc = await screen.findByRole('region', { name: 'Antenatal care' })
    await within(anc).findByRole('button', { name: /^ANC contacts: 5\b/ }, { timeout: 5000 })
    await userEvent.click(within(anc).getByRole('button', { name: 'ANC contacts', pressed: false }))
    const table = await screen.findByRole('table', { name: /ANC contacts by organisation unit in District sanitaire de Kayes/ }, { timeout: 5000 })
    const rows = within(table).getAllByRole('row').slice(1)
    const { b } = records()
    const plan = planPeriods('2024', localToday())!
    expect(plan.startDate).toBe('2024-01-01')
    const direct = (ou: string, year: string) => computeIndicators(b.entities, { period: { start: `${year}-01-01`, end: `${year}-12-31` }, inScope: (x) => x === ou }).values.ANC_VISITS.numerator
    // F1: 3 in 2024, 2 in 2023; F2: 2 in 2024, 0 in 2023 — not analytics' 1,200
    expect([direct(F1, '2024'), direct(F1, '2023'), direct(F2, '2024'), direct(F2, '2023')]).toEqual([3, 2, 2, 0])
    expect(rows[0]).toHaveTextContent('CSCom Kayes N’Di')
    expect(within(rows[0]).getAllByRole('cell').map((c) => c.textContent)).toEqual([`${direct(F1, '2024')}`, `${direct(F1, '2024')}`, `${direct(F1, '2023')}`, expect.stringContaining('+50%')])
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent?.trim())).toEqual([`${direct(F2, '2024')}`, `${direct(F2, '2024')}`, `${direct(F2, '2023')}`, expect.any(String)])
    const section = screen.getByRole('region', { name: /ANC contacts by organisation unit/ })
    expect(within(section).getByText('exact')).toBeInTheDocument()
    expect(within(section).getByText(/Exact computation from the records of District sanitaire de Kayes/)).toBeInTheDocument()
    const compute = s.posted[s.posted.length - 1]
    expect(compute.type === 'compute' && compute.spec.groups).toEqual({ [F1]: F1, [F2]: F2 })
    expect(s.server.counts().pages).toBe(1)
  })

  it('a failed freshness check shows a clear message and keeps the previous figures; a change found later updates them', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${DISTRICT}`, locale: 'fr' })
    const toggle = await screen.findByRole('checkbox', { name: 'Calcul exact à partir des dossiers (district et en dessous)' })
    await waitFor(() => expect(toggle).toBeEnabled())
    await userEvent.click(toggle)
    const anc = await screen.findByRole('region', { name: 'Prénatal' })
    await within(anc).findByRole('button', { name: /^Contacts CPN\u00a0: 5\b/ }, { timeout: 5000 })
    s.server.addAnc(s.server.uids()[2], '2024-10-01')
    s.server.failChecks(true)
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier les modifications' }))
    const alert = await screen.findByRole('alert', {}, { timeout: 15000 })
    expect(alert).toHaveTextContent('Impossible de vérifier les modifications sur le serveur. Les chiffres affichés sont ceux de la dernière vérification')
    expect(within(anc).getByRole('button', { name: /^Contacts CPN\u00a0: 5\b/ })).toBeInTheDocument()
    s.server.failChecks(false)
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier les modifications' }))
    expect(await within(anc).findByRole('button', { name: /^Contacts CPN\u00a0: 6\b/ }, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByText(/dossiers mis à jour : 1, supprimés : 0/)).toBeInTheDocument()
    await i18n.changeLanguage('en')
  }, 25000)

  it('is not offered at national level (reads no tracker data)', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${MALI}`, locale: 'fr' })
    await screen.findAllByRole('region')
    const toggle = await screen.findByRole('checkbox', { name: 'Calcul exact à partir des dossiers (district et en dessous)' })
    await waitFor(() => expect(toggle).toBeDisabled())
    expect(s.server.log).toEqual([])
    await i18n.changeLanguage('en')
  })
})
