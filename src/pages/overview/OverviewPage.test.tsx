import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { localToday, planPeriods } from '../../data/dashboards'
import { renderWithProviders } from '../../test-utils/render'
import OverviewPage from './OverviewPage'
import { analyticsGrid } from './test-fixtures'
import { TextEncoder } from 'node:util'

// jsdom has no TextEncoder; metadata/src/uid (the deterministic UIDs of the dx) needs it.
Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'
const SIKASSO = 'SikassoR001'

type Q = { resource: string; params?: { dimension?: string[] } }

function setup(o: { empty?: boolean; fail?: boolean } = {}) {
  const plan = planPeriods('2024', localToday())!
  const calls: string[][] = []
  const analytics = (_t: string, q: Q) => {
    const dims = q.params?.dimension ?? []
    calls.push(dims)
    if (o.fail) throw Object.assign(new Error('Conflict (409)'), { type: 'access', details: { httpStatusCode: 409, message: 'Dimension item not found' } })
    const ou = (dims.find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')
    const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
    if (o.empty) return analyticsGrid([])
    for (const unit of ou) {
      const k = unit === MALI ? 10 : unit === KAYES ? 6 : 4
      for (const m of plan.current) {
        rows.push(['ANC_VISITS', 'numerator', m, unit, 14 * k]) // 2024: 168k
        rows.push(['ANC_FPC', 'numerator', m, unit, 8 * k])
        rows.push(['ANC_FPC', 'denominator', m, unit, 10 * k])
        rows.push(['PPFP_IMM', 'numerator', m, unit, unit === KAYES ? 1 : 3 * k])
        rows.push(['PPFP_IMM', 'denominator', m, unit, 10 * k])
      }
      for (const m of plan.previous) {
        rows.push(['ANC_VISITS', 'numerator', m, unit, 10 * k]) // 2023: 120k → +40 %
        rows.push(['PPFP_IMM', 'numerator', m, unit, 2 * k])
        rows.push(['PPFP_IMM', 'denominator', m, unit, 10 * k])
      }
    }
    return analyticsGrid(rows, { [MALI]: 'Mali', [KAYES]: 'Kayes', [SIKASSO]: 'Sikasso' })
  }
  const data = {
    analytics: analytics,
    [`organisationUnits/${MALI}`]: {
      children: [
        { id: SIKASSO, displayName: 'Sikasso', path: `/${MALI}/${SIKASSO}`, children: true },
        { id: KAYES, displayName: 'Kayes', path: `/${MALI}/${KAYES}`, children: true },
      ],
    },
  }
  return { calls, data }
}

describe('Overview page', () => {
  it('shows the four entry points with values, legend words, YoY and num/den in one analytics request for the org unit', async () => {
    const { calls, data } = setup()
    renderWithProviders(<OverviewPage />, { data, hash: '#/?pe=2024' })
    const anc = await screen.findByRole('region', { name: 'Antenatal care' })
    expect(screen.getByRole('region', { name: 'Delivery' })).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Postnatal care' })).toBeInTheDocument()
    expect(screen.getByRole('region', { name: 'Infant care' })).toBeInTheDocument()
    // ANC contacts 1,680 in 2024 vs 1,200 in 2023: +40 %
    const ancTile = within(anc).getByRole('button', { name: /^ANC contacts: 1,680/ }).closest('li') as HTMLElement
    expect(within(ancTile).getByText('up +40% compared with the same period last year')).toBeInTheDocument()
    // FP counselling at ANC 80 % with numerator/denominator in the described-by tooltip
    const fpc = within(anc).getByRole('button', { name: /FP counselling at ANC.*: 80%/i })
    expect(fpc).toHaveAccessibleDescription(/Numerator: 960 .*Denominator: 1,200/)
    // the derived YoY indicator reproduces the INSPiRE-style figure
    expect(within(anc).getByRole('button', { name: /ANC change vs last year \(%\): 40%/ })).toBeInTheDocument()
    // immediate PPFP 30 % vs 20 %: +10 pts, and its YoY count change +50 %
    const del = screen.getByRole('region', { name: 'Delivery' })
    expect(within(del).getAllByText('up +10 pts compared with the same period last year').length).toBeGreaterThan(0)
    const ouCalls = calls.filter((c) => c.some((d) => d === `ou:${MALI}`))
    expect(ouCalls).toHaveLength(1)
    const pe = ouCalls[0].find((d) => d.startsWith('pe:'))!.slice(3).split(';')
    expect(pe).toContain('202401')
    expect(pe).toContain('202312')
    expect(pe).toHaveLength(24)
  })

  it('drills down an indicator to the children and selects a child', async () => {
    const { calls, data } = setup()
    renderWithProviders(<OverviewPage />, { data, hash: '#/?pe=2024' })
    const del = await screen.findByRole('region', { name: 'Delivery' })
    await userEvent.click(within(del).getByRole('button', { name: 'Immediate PPFP (%)', pressed: false }))
    const table = await screen.findByRole('table', { name: /by organisation unit in Mali/ })
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(3)
    // children in name order (the adapter sorts them)
    expect(within(rows[2]).getByRole('button', { name: 'Sikasso' })).toBeInTheDocument()
    expect(rows[1]).toHaveTextContent('Kayes')
    expect(rows[1]).toHaveTextContent('1.7% Poor')
    expect(calls.filter((c) => c.includes(`ou:${KAYES};${SIKASSO}`))).toHaveLength(1)
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Kayes' }))
    await waitFor(() => expect(window.location.hash).toContain(`ou=${KAYES}`))
  })

  it('says why when there is no data, and explains a server error', async () => {
    const empty = setup({ empty: true })
    const { unmount } = renderWithProviders(<OverviewPage />, { data: empty.data, hash: '#/?pe=2024' })
    expect(await screen.findByText('No data for this selection')).toBeInTheDocument()
    unmount()
    const failing = setup({ fail: true })
    renderWithProviders(<OverviewPage />, { data: failing.data, hash: '#/?pe=2024' })
    expect(await screen.findByRole('alert')).toHaveTextContent(/conflicts with existing data|Dimension item not found/)
  })
})
