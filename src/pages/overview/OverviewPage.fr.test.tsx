/**
 * The overview in French, as Fatoumata (district team, Burkina Faso) sees it: entry-point headings,
 * tile labels, legend words, numbers and percentages in the French format (`12 300`, `12,5 %`),
 * change wording, the drill-down table, the CSV separator and the export sheet's headers.
 */
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { localToday, planPeriods } from '../../data/dashboards'
import { renderWithProviders } from '../../test-utils/render'
import { inFrench } from '../../test-utils/translations'
import OverviewPage, { overviewSheet } from './OverviewPage'
import { analyticsGrid } from './test-fixtures'

const MALI = 'ImspTQPwCqd'
const KAYES = 'KayesReg001'
const SIKASSO = 'SikassoR001'
/** French number formatting (Intl, fr): narrow no-break space for thousands, no-break space before %. */
const NNBSP = '\u202f'
const NBSP = '\u00a0'
/** Text matchers of Testing Library collapse white space (NBSP included) to one space. */
const txt = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ')

type Q = { params?: { dimension?: string[] } }

function setup() {
  const plan = planPeriods('2024', localToday())!
  const analytics = (_t: string, q: Q) => {
    const dims = q.params?.dimension ?? []
    const ou = (dims.find((d) => d.startsWith('ou:')) ?? '').slice(3).split(';')
    const rows: [string, 'numerator' | 'denominator', string, string, number][] = []
    for (const unit of ou) {
      const big = unit === MALI
      // ANC contacts 12 300 in January 2024 vs 12 000 in January 2023: +2,5 %
      rows.push(['ANC_VISITS', 'numerator', plan.current[0], unit, big ? 12300 : 300])
      rows.push(['ANC_VISITS', 'numerator', plan.previous[0], unit, big ? 12000 : 400])
      // FP counselling at ANC 1 537 / 12 300 = 12,5 %
      rows.push(['ANC_FPC', 'numerator', plan.current[0], unit, big ? 1537 : 150])
      rows.push(['ANC_FPC', 'denominator', plan.current[0], unit, big ? 12300 : 300])
      // immediate PPFP 22,5 % vs 20 %: +2,5 pts (Kayes 7,5 % vs 10 %: −2,5 pts)
      rows.push(['PPFP_IMM', 'numerator', plan.current[0], unit, big ? 225 : unit === KAYES ? 75 : 300])
      rows.push(['PPFP_IMM', 'denominator', plan.current[0], unit, 1000])
      rows.push(['PPFP_IMM', 'numerator', plan.previous[0], unit, big ? 200 : unit === KAYES ? 100 : 300])
      rows.push(['PPFP_IMM', 'denominator', plan.previous[0], unit, 1000])
    }
    return analyticsGrid(rows, { [MALI]: 'Mali', [KAYES]: 'Kayes', [SIKASSO]: 'Sikasso' })
  }
  return {
    analytics,
    [`organisationUnits/${MALI}`]: {
      children: [
        { id: SIKASSO, displayName: 'Sikasso', path: `/${MALI}/${SIKASSO}`, children: true },
        { id: KAYES, displayName: 'Kayes', path: `/${MALI}/${KAYES}`, children: true },
      ],
    },
  }
}

describe('Overview page in French', () => {
  inFrench()

  it('shows the entry points, tile labels, French numbers and percentages and the change wording', async () => {
    renderWithProviders(<OverviewPage />, { data: setup(), hash: '#/?pe=2024' })
    const anc = await screen.findByRole('region', { name: 'Prénatal' })
    for (const name of ['Accouchement', 'Post-natal', 'Nourrisson']) expect(screen.getByRole('region', { name })).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Antenatal care' })).not.toBeInTheDocument()
    // scope note: French sentence and French month names
    expect(screen.getByText(/^Mali, 2024 \(Janvier 2024 – Décembre 2024\), comparé à la même période de l’année précédente\./)).toBeInTheDocument()

    // a count: French thousands separator, relative change with a decimal comma
    const contacts = within(anc).getByRole('button', { name: `Contacts CPN\u00a0: 12${NNBSP}300` })
    const contactsTile = contacts.closest('li') as HTMLElement
    // the title keeps the exact characters: a no-break space before %, so "%" never starts a line
    expect(contactsTile.querySelector('.dyad-tile-change')).toHaveAttribute('title', `en hausse de +2,5${NBSP}% par rapport à la même période de l’année précédente`)
    expect(within(contactsTile).getByText(txt(`en hausse de +2,5${NBSP}% par rapport à la même période de l’année précédente`))).toBeInTheDocument()
    expect(contactsTile).toHaveTextContent(txt(`▲ +2,5${NBSP}%`))
    expect(within(contactsTile).getByRole('tooltip')).toHaveTextContent(txt(`Numérateur : 12${NNBSP}300 — CPN (tout rang) dont la date est dans la période`))
    expect(within(contactsTile).getByRole('tooltip')).toHaveTextContent(txt(`Même période N-1 : 12${NNBSP}000`))

    // a percentage: 12,5 %, legend word in French, numerator/denominator in the French format
    const fpc = within(anc).getByRole('button', { name: `Counseling PF en CPN (%)\u00a0: 12,5${NBSP}%, Insuffisant` })
    expect(fpc).toHaveTextContent(txt(`12,5${NBSP}%Insuffisant`))
    expect(fpc).toHaveAccessibleDescription(new RegExp(`Numérateur\\s: 1\\s537 .*Dénominateur\\s: 12\\s300`))
    // the derived year-over-year indicator
    expect(within(anc).getByRole('button', { name: new RegExp(`^Évolution CPN vs N-1 \\(%\\)\u00a0: 2,5${NBSP}%`) })).toBeInTheDocument()

    // a change in points
    const del = screen.getByRole('region', { name: 'Accouchement' })
    const ppfp = within(del).getByRole('button', { name: new RegExp(`^PFPP immédiat \\(%\\)\u00a0: 22,5${NBSP}%, Moyen`) }).closest('li') as HTMLElement
    expect(within(ppfp).getByText('en hausse de +2,5 pts par rapport à la même période de l’année précédente')).toBeInTheDocument()

    // sparkline summary in French (month names, numbers)
    expect(within(contactsTile).getByRole('img', { name: `Contacts CPN : tendance de 12${NNBSP}300 (Janvier 2024) à 12${NNBSP}300 (Janvier 2024) ; minimum 12${NNBSP}300, maximum 12${NNBSP}300` })).toBeInTheDocument()
    expect(screen.getByText('Couleurs des valeurs : Bon / Moyen / Insuffisant. Les pourcentages se comparent en points, les effectifs en pourcentage.')).toBeInTheDocument()
    // no English left on the page outside server names
    expect(document.body).not.toHaveTextContent(/compared with|Numerator|Antenatal|Select an indicator/)
  })

  it('drills down in French: table title, values, a fall in points', async () => {
    renderWithProviders(<OverviewPage />, { data: setup(), hash: '#/?pe=2024' })
    const del = await screen.findByRole('region', { name: 'Accouchement' })
    await userEvent.click(within(del).getByRole('button', { name: 'PFPP immédiat (%)', pressed: false }))
    const table = await screen.findByRole('table', { name: 'PFPP immédiat (%) par unité d’organisation dans Mali' })
    expect(within(table).getByRole('columnheader', { name: 'Même période N-1' })).toBeInTheDocument()
    expect(within(table).getByRole('columnheader', { name: 'Évolution' })).toBeInTheDocument()
    const kayes = within(table).getByRole('row', { name: /Kayes/ })
    expect(kayes).toHaveTextContent(txt(`7,5${NBSP}% Insuffisant`))
    expect(kayes).toHaveTextContent(txt(`10${NBSP}%`))
    expect(within(kayes).getByText('en baisse de −2,5 pts par rapport à la même période de l’année précédente')).toBeInTheDocument()
    expect(within(kayes).getByRole('button', { name: 'Kayes' })).toHaveAttribute('title', 'Afficher Kayes')
  })

  it('offers the CSV export with the French Excel separator (decimal comma → semicolon)', async () => {
    renderWithProviders(<OverviewPage />, { data: setup(), hash: '#/?pe=2024' })
    await screen.findByRole('region', { name: 'Prénatal' })
    // the CSV separator follows the French decimal comma
    expect(screen.getByRole('combobox', { name: /séparateur/i })).toHaveValue(';')
  })
})

describe('overview export sheet in French', () => {
  inFrench()

  it('has French headers and words', () => {
    const sheet = overviewSheet([], 'Aperçu')
    expect(sheet.header).toEqual(['Point d’entrée', 'Indicateur', 'Valeur', 'Numérateur', 'Dénominateur', 'Même période N-1', 'Évolution vs même période N-1', 'Légende'])
  })
})
