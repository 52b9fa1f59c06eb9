import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TextEncoder } from 'node:util'
import React from 'react'
import { localToday, planPeriods } from '../../data/dashboards'
import { renderWithProviders } from '../../test-utils/render'
import { analyticsGrid } from '../overview/test-fixtures'
import ContinuumPage from './ContinuumPage'
import { cascadeRows } from './model'
import { CASCADE } from '../../domain/indicators/catalog'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const COUNTS: Record<string, number> = { ANC1: 100, ANC4: 60, ANC_FPC: 45, INST_DELIV: 80, PPFP_IMM: 20, PNC48_M: 50, PNC_D6: 30, PNC_D42: 15, PENTA3: 70, EBF: 40, VITA_6M: 25 }

describe('cascade model', () => {
  it('gives share of the first step and change vs the previous step', () => {
    const rows = cascadeRows([100, 60, null, 30], CASCADE.slice(0, 4))
    expect(rows.map((r) => r.ofFirst)).toEqual([100, 60, null, 30])
    expect(rows.map((r) => r.vsPrevious)).toEqual([null, -40, null, null])
  })
})

describe('Continuum page', () => {
  it('shows the eleven steps with drop-off, compared with the same period last year, from one request', async () => {
    const plan = planPeriods('2024', localToday())!
    const calls: string[][] = []
    const analytics = (_t: string, q: { params?: { dimension?: string[] } }) => {
      calls.push(q.params?.dimension ?? [])
      const rows: [string, 'numerator', string, string, number][] = []
      for (const [code, n] of Object.entries(COUNTS)) {
        rows.push([code, 'numerator', plan.current[0], MALI, n])
        rows.push([code, 'numerator', plan.previous[0], MALI, Math.round(n / 2)])
      }
      return analyticsGrid(rows, { [MALI]: 'Mali' })
    }
    renderWithProviders(<ContinuumPage />, { data: { analytics }, hash: '#/continuum?pe=2024' })
    const table = await screen.findByRole('table', { name: /Continuum of care — Mali/ })
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(12)
    expect(rows[2]).toHaveTextContent(/ANC4.*60.*60%.*-40%.*30.*60%.*-40%/)
    expect(rows[11]).toHaveTextContent('Vitamin A at 6 months')
    expect(calls).toHaveLength(1)
    expect(calls[0].find((d) => d.startsWith('pe:'))!.split(';')).toHaveLength(24)
    expect(screen.getByRole('img', { name: /Continuum of care — Mali/ })).toBeInTheDocument()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Compare with' }), 'none')
    const t2 = await screen.findByRole('table', { name: /Continuum of care — Mali/ })
    expect(within(t2).getAllByRole('columnheader')).toHaveLength(4)
  })
})
