import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TextEncoder } from 'node:util'
import React from 'react'
import { localToday, planPeriods } from './data/dashboards'
import { analyticsGrid } from './pages/overview/test-fixtures'
import Plugin, { ignoredFilters, itemAppUrl, pluginOrgUnit, pluginPeriod } from './Plugin'
import { renderWithProviders, testUser } from './test-utils/render'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'

describe('plugin filters', () => {
  it('reads the dashboard org unit (id or path) and the first computable period', () => {
    expect(pluginOrgUnit({ ou: [{ id: KAYES, name: 'Kayes', path: `/${MALI}/${KAYES}` }] }, MALI)).toBe(KAYES)
    expect(pluginOrgUnit({ ou: [{ id: 'USER_ORGUNIT', path: `/${MALI}/${KAYES}` }] }, MALI)).toBe(KAYES)
    expect(pluginOrgUnit({}, MALI)).toBe(MALI)
    expect(pluginPeriod({ pe: [{ id: 'BOGUS' }, { id: 'LAST_6_MONTHS' }] }, '2025-03-01')).toBe('LAST_6_MONTHS')
    expect(pluginPeriod({ pe: [{ id: '2024Q3' }] }, '2025-03-01')).toBe('2024Q3')
    expect(pluginPeriod(undefined)).toBe('LAST_12_MONTHS')
  })

  it('names the filters it cannot apply, and only those', () => {
    expect(ignoredFilters({ ou: [{ id: 'LEVEL-3', name: 'District' }], pe: [{ id: 'LAST_10_YEARS', name: 'Last 10 years' }] }, '2025-03-01')).toEqual({ ou: ['District'], pe: ['Last 10 years'] })
    expect(ignoredFilters({ ou: [{ id: 'USER_ORGUNIT' }], pe: [{ id: 'LAST_6_MONTHS' }] }, '2025-03-01')).toEqual({ ou: [], pe: [] })
    expect(ignoredFilters({ ou: [{ id: KAYES, path: `/${MALI}/${KAYES}` }, { id: 'OU_GROUP-abc', name: 'Hospitals' }] }, '2025-03-01')).toEqual({ ou: ['Hospitals'], pe: [] })
    expect(ignoredFilters({ ou: [{ id: 'USER_ORGUNIT_CHILDREN', path: `/${MALI}/${KAYES}` }] }, '2025-03-01')).toEqual({ ou: [], pe: [] })
    expect(ignoredFilters(undefined)).toEqual({ ou: [], pe: [] })
  })

  it('gives the Dashboard app an "Open in app" hash for the view and selection', () => {
    expect(itemAppUrl('/continuum', KAYES, '2024Q3')).toBe(`#/continuum?ou=${KAYES}&pe=2024Q3`)
    expect(itemAppUrl('/', undefined, 'LAST_12_MONTHS')).toBe('#/?pe=LAST_12_MONTHS')
  })
})

describe('Plugin', () => {
  it('renders the stored view with the dashboard filters, follows filter changes and saves the chosen view', async () => {
    const calls: string[][] = []
    const saved: unknown[] = []
    const analytics = (_t: string, q: { params?: { dimension?: string[] } }) => {
      const dims = q.params?.dimension ?? []
      calls.push(dims)
      const ou = (dims.find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')[0]
      const pe = (dims.find((d) => d.startsWith('pe:')) ?? '').slice(3).split(';')
      return analyticsGrid([['ANC1', 'numerator', pe[pe.length - 1], ou, 77]], { [MALI]: 'Mali', [KAYES]: 'Kayes' })
    }
    const data = {
      me: testUser(),
      analytics,
      'dataStore/dyad/plugin-item42': (type: string, q: { data?: unknown }) => {
        if (type === 'read') return { view: '/continuum' }
        saved.push(q.data)
        return {}
      },
      'dataStore/dyad': (type: string, q: { id?: string; data?: unknown }) => {
        saved.push({ type, id: q.id, data: q.data })
        return {}
      },
      [`organisationUnits/${KAYES}`]: { children: [] },
      [`organisationUnits/${MALI}`]: { children: [] },
    }
    const props = { dashboardItemId: 'item42', dashboardItemFilters: { ou: [{ id: KAYES, name: 'Kayes', path: `/${MALI}/${KAYES}` }], pe: [{ id: '2024' }] } }
    let setFilters: (f: typeof props.dashboardItemFilters) => void = () => undefined
    function Host() {
      const [filters, set] = React.useState(props.dashboardItemFilters)
      setFilters = set
      return <Plugin dashboardItemId={props.dashboardItemId} dashboardItemFilters={filters} />
    }
    renderWithProviders(<Host />, { data, withUser: false })
    const table = await screen.findByRole('table', { name: /Continuum of care — Kayes/ }, { timeout: 10_000 })
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('77')
    const first = calls[calls.length - 1]
    expect(first).toContain(`ou:${KAYES}`)
    expect(first.find((d) => d.startsWith('pe:'))).toContain(planPeriods('2024', localToday())!.current[11])
    // the dashboard filter changes to another period: the view asks again
    act(() => setFilters({ ou: [{ id: KAYES, name: 'Kayes', path: `/${MALI}/${KAYES}` }], pe: [{ id: '2023' }] }))
    await waitFor(() => expect(calls.some((c) => (c.find((d) => d.startsWith('pe:')) ?? '').includes('202312'))).toBe(true))
    // the user picks another view for this item: saved under dyad/plugin-item42
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'View' }), '/')
    await waitFor(() => expect(saved).toContainEqual({ type: 'replace', id: 'plugin-item42', data: { view: '/' } }))
  })

  it('tells the dashboard its title and app link, follows the view and filters, cleans up on removal, and says which filter it cannot apply', async () => {
    const details: { itemTitle?: string; appUrl?: string; onRemove?: () => Promise<void> }[] = []
    const removed: unknown[] = []
    const data = {
      me: testUser(),
      analytics: () => analyticsGrid([], { [MALI]: 'Mali' }),
      'dataStore/dyad/plugin-item7': (type: string) => (type === 'read' ? { view: '/continuum' } : {}),
      'dataStore/dyad': (type: string, q: { id?: string }) => {
        removed.push({ type, id: q.id })
        return {}
      },
      [`organisationUnits/${MALI}`]: { children: [] },
    }
    renderWithProviders(
      <Plugin dashboardItemId="item7" dashboardItemFilters={{ ou: [{ id: 'LEVEL-3', name: 'District' }], pe: [{ id: '2024' }] }} setDashboardItemDetails={(d) => details.push(d)} />,
      { data, withUser: false },
    )
    expect(await screen.findByText(/The dashboard filter District cannot be applied by Dyad/)).toBeTruthy()
    await waitFor(() => expect(details[details.length - 1]).toMatchObject({ itemTitle: 'Dyad — Continuum of care', appUrl: `#/continuum?ou=${MALI}&pe=2024` }))
    await act(async () => details[details.length - 1].onRemove?.())
    expect(removed).toContainEqual({ type: 'delete', id: 'plugin-item7' })
  })
})
