import i18n from '@dhis2/d2-i18n'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { TextEncoder } from 'node:util'
import { localToday, planPeriods } from '../../data/dashboards'
import { renderWithProviders } from '../../test-utils/render'
import { createPairPort } from '../../workers/createPairWorker'
import { inlinePort, type ToWorker } from '../../workers/protocol'
import { F1, F2, records } from '../../workers/test-records'
import OverviewPage from './OverviewPage'
import { analyticsGrid } from './test-fixtures'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })
// setupTests adds the generated translations to the 'default' namespace, as src/locales/index.js does in the app; i18n.t reads it only when it is the default.
i18n.setDefaultNamespace('default')

// The worker construction (import.meta.url) is replaced by the real protocol handler behind a port.
jest.mock('../../workers/createPairWorker', () => ({ createPairPort: jest.fn() }))

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'
const DISTRICT = 'KayesDist01'
const TOGGLE = 'Exact computation from records (district and below)'

type Q = { resource: string; params?: Record<string, unknown> & { dimension?: string[] } }

function setup() {
  const posted: ToWorker[] = []
  ;(createPairPort as jest.Mock).mockImplementation(() => {
    const real = inlinePort()
    return { ...real, inline: false, post: (m: ToWorker) => (posted.push(m), real.post(m)) }
  })
  const plan = planPeriods('2024', localToday())!
  const { wire } = records()
  const tracker: number[] = []
  const analytics = (_t: string, q: Q) => {
    const ou = ((q.params?.dimension ?? []).find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')
    const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
    for (const unit of ou) {
      for (const m of plan.current) rows.push(['ANC_VISITS', 'numerator', m, unit, 100])
      for (const m of plan.previous) rows.push(['ANC_VISITS', 'numerator', m, unit, 50])
    }
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
    organisationUnits: () => ({
      organisationUnits: [
        { id: DISTRICT, displayName: 'District sanitaire de Kayes', path },
        { id: F1, displayName: 'CSCom Kayes N’Di', path: `${path}/${F1}` },
        { id: F2, displayName: 'CSCom Lafiabougou', path: `${path}/${F2}` },
      ],
    }),
    'tracker/trackedEntities': (_t: string, q: Q) => {
      const page = Number(q.params?.page)
      tracker.push(page)
      return { pager: { page, pageSize: q.params?.pageSize, total: wire.length, pageCount: 2 }, trackedEntities: page === 1 ? wire.slice(0, 3) : wire.slice(3) }
    },
  }
  return { data, posted, tracker }
}

describe('Overview: exact computation from records', () => {
  it('at district level replaces the tiles with the pair engine results, marked exact; analytics stays the default', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${DISTRICT}` })
    const anc = await screen.findByRole('region', { name: 'Antenatal care' })
    // default: analytics (100 a month)
    expect(within(anc).getByRole('button', { name: /^ANC contacts: 1,200/ })).toBeInTheDocument()
    expect(s.tracker).toEqual([])
    const toggle = await screen.findByRole('checkbox', { name: TOGGLE })
    await waitFor(() => expect(toggle).toBeEnabled())
    await userEvent.click(toggle)
    // exact: 5 ANC contacts in the district in 2024, 2 in 2023
    const tile = (await within(anc).findByRole('button', { name: /^ANC contacts: 5\b/ }, { timeout: 5000 })).closest('li') as HTMLElement
    expect(within(tile).getByText('exact')).toBeInTheDocument()
    expect(within(tile).getByText('up +150% compared with the same period last year')).toBeInTheDocument()
    expect(screen.getByText(/exact computation from 5 records/)).toBeInTheDocument()
    expect(s.tracker).toEqual([1, 2])
    expect(s.posted.map((m) => m.type)).toEqual(['reset', 'load', 'load', 'compute'])
    // back to analytics
    await userEvent.click(toggle)
    expect(await within(anc).findByRole('button', { name: /^ANC contacts: 1,200/ })).toBeInTheDocument()
    expect(within(anc).queryByText('exact')).toBeNull()
  })

  it('is not offered at national level (reads no tracker data)', async () => {
    const s = setup()
    renderWithProviders(<OverviewPage />, { data: s.data, hash: `#/?pe=2024&ou=${MALI}`, locale: 'fr' })
    await screen.findAllByRole('region')
    const toggle = await screen.findByRole('checkbox', { name: 'Calcul exact à partir des dossiers (district et en dessous)' })
    await waitFor(() => expect(toggle).toBeDisabled())
    expect(s.tracker).toEqual([])
  })
})
