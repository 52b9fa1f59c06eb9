/**
 * The scorecard in French: title with French month names, column names, legend words, French
 * percentages (`12,5 %`), numerator/denominator of a cell in the French number format, the total
 * row, org-unit names with an apostrophe, and the targets editor (decimal comma accepted).
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { planPeriods } from '../../data/dashboards'
import { renderWithProviders } from '../../test-utils/render'
import { inFrench } from '../../test-utils/translations'
import { analyticsGrid } from '../overview/test-fixtures'
import ScorecardPage from './ScorecardPage'

const REGION = 'ImspTQPwCqd'
const ARBINDA = 'ArbindaD001'
const DORI = 'DoriDist001'
const NAMES: Record<string, string> = { [REGION]: 'Sahel', [ARBINDA]: "District sanitaire d'Arbinda", [DORI]: 'District sanitaire de Dori' }
const NBSP = '\u00a0'
const NNBSP = '\u202f'
/** Text matchers of Testing Library collapse white space (NBSP included) to one space. */
const txt = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ')
const notFound = () => {
  throw Object.assign(new Error('Not Found (404)'), { type: 'unknown', details: { httpStatusCode: 404 } })
}

function setup() {
  const plan = planPeriods('202403', '2024-11-23')!
  const writes: unknown[] = []
  // FP counselling at ANC: Arbinda 1 537 / 12 296 = 12,5 %, Dori 7 000 / 8 750 = 80 %, Sahel 8 537 / 21 046 = 40,6 %
  const fpc: Record<string, [number, number]> = { [ARBINDA]: [1537, 12296], [DORI]: [7000, 8750], [REGION]: [8537, 21046] }
  const analytics = (_t: string, q: { params?: { dimension?: string[] } }) => {
    const ou = (q.params?.dimension?.find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')
    const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
    for (const unit of ou) {
      rows.push(['ANC_FPC', 'numerator', plan.current[0], unit, fpc[unit][0]])
      rows.push(['ANC_FPC', 'denominator', plan.current[0], unit, fpc[unit][1]])
    }
    return analyticsGrid(rows, NAMES)
  }
  return {
    writes,
    data: {
      analytics,
      [`organisationUnits/${REGION}`]: {
        children: [
          { id: DORI, displayName: NAMES[DORI], path: `/${REGION}/${DORI}`, children: true },
          { id: ARBINDA, displayName: NAMES[ARBINDA], path: `/${REGION}/${ARBINDA}`, children: true },
        ],
      },
      'dataStore/dyad/scorecard-targets': (type: string, q: { data?: unknown }) => {
        if (type === 'read') return notFound()
        writes.push(q.data)
        return { status: 'OK' }
      },
      'dataStore/dyad': (type: string) => (type === 'replace' ? notFound() : { status: 'OK' }),
    },
  }
}

describe('Scorecard page in French', () => {
  inFrench()

  it('shows French titles, legend words, percentages and French numerator/denominator', async () => {
    const { data } = setup()
    renderWithProviders(<ScorecardPage />, { data, hash: `#/scorecard?pe=202403&ou=${REGION}` })
    const title = 'Tableau de bord — Sahel — Mars 2024'
    const table = await screen.findByRole('table', { name: title })
    expect(screen.getByRole('region', { name: title })).toBeInTheDocument()
    expect(within(table).getByRole('columnheader', { name: "Unité d'organisation" })).toBeInTheDocument()
    expect(within(table).getByRole('columnheader', { name: 'Counseling PF en CPN (%)' })).toBeInTheDocument()
    const arbinda = within(table).getByRole('row', { name: /Arbinda/ })
    expect(within(arbinda).getByRole('button', { name: "District sanitaire d'Arbinda" })).toBeInTheDocument()
    expect(arbinda).toHaveTextContent(txt(`12,5${NBSP}% ✖Insuffisant`))
    const cell = within(arbinda).getByText(txt(`12,5${NBSP}%`), { exact: false }).closest('td') as HTMLElement
    expect(cell.textContent?.startsWith(`12,5${NBSP}%`)).toBe(true)
    // the cell's numerator / denominator in the French number format
    expect(cell).toHaveAttribute('title', `1${NNBSP}537 / 12${NNBSP}296`)
    expect(within(table).getByRole('row', { name: /Dori/ })).toHaveTextContent(txt(`80${NBSP}% ✔Bon`))
    expect(within(table).getAllByRole('row').at(-1)).toHaveTextContent(new RegExp(`^Total : Sahel[–]*40,6 % ✖Insuffisant`))
    expect(screen.getByText('Légende : ✔ Bon, ▲ Moyen, ✖ Insuffisant. Cliquez sur une unité d’organisation pour voir son propre tableau de bord.')).toBeInTheDocument()
    const entry = screen.getByRole('combobox', { name: 'Point d’entrée' })
    expect(within(entry).getAllByRole('option').map((o) => o.textContent)).toEqual(['Tous', 'Prénatal', 'Accouchement', 'Post-natal', 'Nourrisson'])
    expect(document.body).not.toHaveTextContent(/Scorecard|Organisation unit|Good|Poor|&#39;/)
  })

  it('edits targets in French and accepts a decimal comma', async () => {
    const { data, writes } = setup()
    renderWithProviders(<ScorecardPage />, { data, hash: `#/scorecard?pe=202403&ou=${REGION}` })
    await screen.findByRole('table', { name: /Tableau de bord — Sahel/ })
    await userEvent.click(screen.getByRole('button', { name: 'Modifier les cibles' }))
    expect(screen.getByRole('heading', { name: 'Cibles du tableau de bord' })).toBeInTheDocument()
    const poor = screen.getByRole('textbox', { name: 'Counseling PF en CPN (%) — Seuil insuffisant' })
    const good = screen.getByRole('textbox', { name: 'Counseling PF en CPN (%) — Seuil bon' })
    await userEvent.clear(poor)
    await userEvent.type(poor, '95')
    expect(screen.getByRole('alert')).toHaveTextContent('Le seuil « insuffisant » ne doit pas dépasser le seuil « bon ».')
    expect(screen.getByRole('button', { name: 'Enregistrer les cibles' })).toBeDisabled()
    await userEvent.clear(poor)
    await userEvent.type(poor, '10,5')
    await userEvent.clear(good)
    await userEvent.type(good, '12,5')
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les cibles' }))
    await waitFor(() => expect(writes).toHaveLength(1))
    expect((writes[0] as { targets: Record<string, unknown> }).targets.ANC_FPC).toEqual({ red: 10.5, green: 12.5 })
    // Arbinda at 12,5 % is now "good"
    await waitFor(() => expect(within(screen.getByRole('table', { name: /Tableau de bord — Sahel/ })).getByRole('row', { name: /Arbinda/ })).toHaveTextContent(txt(`12,5${NBSP}% ✔Bon`)))
  })
})
