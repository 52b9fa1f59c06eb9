/**
 * The continuum of care in French: step names, entry points, compare choices, the French number
 * and percentage format (`12 480`, `62,5 %`, `-37,5 %`), French month names in the title and a
 * district name with an apostrophe shown as it is.
 */
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { planPeriods } from '../../data/dashboards'
import { renderWithProviders } from '../../test-utils/render'
import { inFrench } from '../../test-utils/translations'
import { analyticsGrid } from '../overview/test-fixtures'
import ContinuumPage from './ContinuumPage'

const OU = 'ImspTQPwCqd'
const NAME = "District sanitaire d'Arbinda"
const NBSP = '\u00a0'
/** Text matchers of Testing Library collapse white space (NBSP included) to one space. */
const txt = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ')
// ANC1 12 480 → ANC4 7 800 (62,5 % of ANC1, −38 %) → … Penta 3 8 736 → EBF 8 256 (−5,5 %); last year half as many
const COUNTS: Record<string, number> = { ANC1: 12480, ANC4: 7800, ANC_FPC: 5200, INST_DELIV: 9984, PPFP_IMM: 2496, PNC48_M: 6240, PNC_D6: 3744, PNC_D42: 1872, PENTA3: 8736, EBF: 8256, VITA_6M: 3120 }

function data() {
  const plan = planPeriods('202403', '2024-11-23')!
  const analytics = () => {
    const rows: [string, 'numerator', string, string, number][] = []
    for (const [code, n] of Object.entries(COUNTS)) {
      rows.push([code, 'numerator', plan.current[0], OU, n])
      rows.push([code, 'numerator', plan.previous[0], OU, n / 2])
    }
    return analyticsGrid(rows, { [OU]: NAME })
  }
  return { analytics }
}

describe('Continuum page in French', () => {
  inFrench()

  it('shows the cascade with French steps, numbers, percentages and month names', async () => {
    renderWithProviders(<ContinuumPage />, { data: data(), hash: '#/continuum?pe=202403' })
    const title = `Continuum de soins — ${NAME} — Mars 2024`
    const table = await screen.findByRole('table', { name: title })
    expect(screen.getByRole('heading', { name: title })).toBeInTheDocument()
    expect(screen.getByText(/^Nombre de contacts ou d’événements à chaque étape sur Mars 2024\./)).toBeInTheDocument()
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['Étape', `${NAME} — Mars 2024`, '% de la première étape', 'Variation vs étape précédente', `${NAME} — même période N-1`, '% de la première étape', 'Variation vs étape précédente'])
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(12)
    expect(rows[1]).toHaveTextContent(txt(`CPN1 (Prénatal)12 480100 %–6 240100 %–`))
    expect(rows[2]).toHaveTextContent(txt(`CPN4 (Prénatal)7 80062,5 %-38 %3 90062,5 %-38 %`))
    expect(rows[4]).toHaveTextContent('Accouchement en FS (Accouchement)')
    expect(rows[10]).toHaveTextContent(txt(`AME jusqu’à 6 mois (Nourrisson)8 25666,2 %-5,5 %`))
    expect(rows[11]).toHaveTextContent('Vitamine A à 6 mois (Nourrisson)')
    // exact characters: a no-break space before % (never a line break), a narrow one in thousands
    expect(within(rows[2]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['7\u202f800', `62,5${NBSP}%`, `-38${NBSP}%`, '3\u202f900', `62,5${NBSP}%`, `-38${NBSP}%`])
    // the chart: French title and French bar labels
    const chart = screen.getByRole('img', { name: title })
    expect(chart).toHaveTextContent(txt('12 480'))
    expect(chart).toHaveTextContent(txt(`▼ -5,5${NBSP}%`))
    expect(document.body).not.toHaveTextContent(/same period|Step|Antenatal|&#39;/)
  })

  it('offers the comparisons in French', async () => {
    renderWithProviders(<ContinuumPage />, { data: data(), hash: '#/continuum?pe=202403' })
    await screen.findByRole('table', { name: /Continuum de soins/ })
    const compare = screen.getByRole('combobox', { name: 'Comparer avec' })
    expect(within(compare).getAllByRole('option').map((o) => o.textContent)).toEqual(['Rien', 'La même période de l’année précédente', 'Une autre unité d’organisation'])
    await userEvent.selectOptions(compare, 'none')
    const table = await screen.findByRole('table', { name: /Continuum de soins/ })
    expect(within(table).getAllByRole('columnheader')).toHaveLength(4)
  })
})
