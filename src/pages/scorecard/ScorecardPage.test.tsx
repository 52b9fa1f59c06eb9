import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TextEncoder } from 'node:util'
import React from 'react'
import { localToday, planPeriods } from '../../data/dashboards'
import { indicatorByCode } from '../../domain/indicators/catalog'
import { renderWithProviders } from '../../test-utils/render'
import { analyticsGrid } from '../overview/test-fixtures'
import ScorecardPage from './ScorecardPage'
import { defaultTarget, legendFromTarget, parseTargets } from './targets'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'
const SIKASSO = 'SikassoR001'
const notFound = () => {
  throw Object.assign(new Error('Not Found (404)'), { type: 'unknown', details: { httpStatusCode: 404 } })
}

describe('targets', () => {
  it('derives defaults from the catalog legend and drops invalid stored targets', () => {
    const fpc = indicatorByCode('ANC_FPC')!
    const t = defaultTarget(fpc)!
    expect(t.red).toBeLessThan(t.green)
    expect(legendFromTarget({ red: 50, green: 80 }, 'higher').bands.map((b) => b.color)).toEqual(['red', 'yellow', 'green'])
    const parsed = parseTargets({ targets: { ANC_FPC: { red: 90, green: 10 }, ANC1_12W: { red: 20, green: 50 }, NOPE: { red: 1, green: 2 } } }, [fpc, indicatorByCode('ANC1_12W')!])
    expect(parsed.targets).toEqual({ ANC1_12W: { red: 20, green: 50 } })
    expect(parseTargets('garbage', [fpc]).targets).toEqual({})
  })
})

describe('Scorecard page', () => {
  it('shows children × indicators with legends, sorts, totals and saves edited targets (404 → create)', async () => {
    const plan = planPeriods('2024', localToday())!
    const writes: { type: string; data: unknown }[] = []
    const analytics = (_t: string, q: { params?: { dimension?: string[] } }) => {
      const ou = (q.params?.dimension?.find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')
      const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
      for (const unit of ou) {
        const num = unit === KAYES ? 9 : unit === SIKASSO ? 3 : 12
        rows.push(['ANC_FPC', 'numerator', plan.current[0], unit, num])
        rows.push(['ANC_FPC', 'denominator', plan.current[0], unit, 10 + (unit === MALI ? 10 : 0)])
      }
      return analyticsGrid(rows, { [MALI]: 'Mali', [KAYES]: 'Kayes', [SIKASSO]: 'Sikasso' })
    }
    renderWithProviders(<ScorecardPage />, {
      hash: '#/scorecard?pe=2024',
      data: {
        analytics,
        [`organisationUnits/${MALI}`]: { children: [{ id: KAYES, displayName: 'Kayes', path: `/${MALI}/${KAYES}`, children: true }, { id: SIKASSO, displayName: 'Sikasso', path: `/${MALI}/${SIKASSO}`, children: true }] },
        'dataStore/dyad/scorecard-targets': (type: string, q: { data?: unknown }) => {
          if (type === 'read') return notFound()
          writes.push({ type, data: q.data })
          return { status: 'OK' }
        },
        'dataStore/dyad': (type: string) => {
          if (type === 'replace') return notFound()
          throw new Error('unexpected')
        },
      },
    })
    const table = await screen.findByRole('table', { name: /Scorecard — Mali/ })
    const body = () => within(table).getAllByRole('row').slice(1, 3)
    expect(body()[0]).toHaveTextContent(/Kayes.*90%.*Good/)
    expect(body()[1]).toHaveTextContent(/Sikasso.*30%.*Poor/)
    expect(within(table).getAllByRole('row')[3]).toHaveTextContent(/Total: Mali.*60%/)
    const header = within(table).getByRole('columnheader', { name: /FP counselling at ANC/ })
    await userEvent.click(within(header).getByRole('button'))
    expect(header).toHaveAttribute('aria-sort', 'descending')
    await userEvent.click(within(header).getByRole('button'))
    expect(header).toHaveAttribute('aria-sort', 'ascending')
    expect(body()[0]).toHaveTextContent('Sikasso')
    // targets: invalid order blocks saving, a valid edit saves through 404 → POST
    await userEvent.click(screen.getByRole('button', { name: 'Edit targets' }))
    const poor = screen.getByRole('textbox', { name: /FP counselling at ANC.* — Poor threshold/ })
    const good = screen.getByRole('textbox', { name: /FP counselling at ANC.* — Good threshold/ })
    await userEvent.clear(poor)
    await userEvent.type(poor, '95')
    expect(screen.getByRole('button', { name: 'Save targets' })).toBeDisabled()
    await userEvent.clear(poor)
    await userEvent.type(poor, '25')
    await userEvent.clear(good)
    await userEvent.type(good, '28')
    await userEvent.click(screen.getByRole('button', { name: 'Save targets' }))
    await waitFor(() => expect(writes).toHaveLength(1))
    expect(writes[0].type).toBe('create')
    expect((writes[0].data as { targets: Record<string, unknown> }).targets.ANC_FPC).toEqual({ red: 25, green: 28 })
    // Sikasso at 30 % is now above the "good" threshold
    await waitFor(() => expect(within(screen.getByRole('table', { name: /Scorecard — Mali/ })).getByRole('row', { name: /Sikasso/ })).toHaveTextContent(/30%.*Good/))
  }, 30_000)
})
