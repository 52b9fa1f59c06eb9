/**
 * The continuum's cohort mode (decision 0552) against realistic tracker answers (2.41 wire shape,
 * CustomDataProvider with failOnMiss: an analytics request would fail the test).
 */
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TextEncoder } from 'node:util'
import React from 'react'
import { DE, FP_METHOD } from '../../../metadata/src/vocabulary'
import { dayNumber, isoOfDay } from '../../domain/dates'
import { buildPairs } from '../../domain/pairs/link'
import { TrackerBuilder, type Ref } from '../../domain/test-utils/builder'
import { cohortCascade, COHORT_STEPS } from '../../domain/trajectories/cascade'
import { renderWithProviders, testUser } from '../../test-utils/render'
import { analyticsGrid } from '../overview/test-fixtures'
import ContinuumPage from './ContinuumPage'
import { cohortSheet } from './model'

Object.assign(globalThis, { TextEncoder: globalThis.TextEncoder ?? TextEncoder })

const MALI = 'ImspTQPwCqd'
const REG = 'GaoRegion01'
const DIST = 'GaoDistrict'
const F1 = 'OuFacility1'
const OUTSIDE = 'OuOutside01'
const plus = (iso: string, days: number): string => isoOfDay(dayNumber(iso) + days)
const FACILITY = { [DE.DEL_PLACE]: 'FACILITY', [DE.DEL_LIVE_BIRTHS]: '1' }

function records() {
  const b = new TrackerBuilder()
  const mother = (delivery: string, anc: number, values: Record<string, string> = FACILITY, ancValues: Record<string, string> = {}, orgUnit = F1): Ref => {
    const m = b.mother({ lmp: plus(delivery, -270), orgUnit })
    for (let k = 1; k <= anc; k++) b.anc(m, plus(delivery, -200 + k * 30), { [DE.ANC_CONTACT_NO]: String(k), ...ancValues })
    b.delivery(m, delivery, values)
    return m
  }
  const infant = (m: Ref, dob: string): Ref => {
    const i = b.infant({ dob, orgUnit: m.en.orgUnit })
    b.link(m, i)
    return i
  }
  // p1: the whole continuum
  const p1 = mother('2024-03-01', 4, { ...FACILITY, [DE.FP_METHOD]: FP_METHOD.IMPLANT_3Y }, { [DE.FP_COUNSELLED]: 'true' })
  b.pnc(p1, '2024-03-02', { [DE.PNC_TIMING]: 'H48' })
  b.pnc(p1, '2024-03-06', { [DE.PNC_TIMING]: 'D6' })
  b.pnc(p1, '2024-04-12', { [DE.PNC_TIMING]: 'D42' })
  const i1 = infant(p1, '2024-03-01')
  b.visit(i1, plus('2024-03-01', 40), { [DE.INF_FEEDING]: 'EXCLUSIVE_BF' })
  b.visit(i1, plus('2024-03-01', 100), { [DE.INF_FEEDING]: 'EXCLUSIVE_BF', [DE.INF_VAC_PENTA3]: 'true' })
  b.visit(i1, plus('2024-03-01', 130), { [DE.INF_FEEDING]: 'EXCLUSIVE_BF' })
  b.visit(i1, plus('2024-03-01', 190), { [DE.INF_VITA]: 'true' })
  // p2: one ANC, home delivery, PNC 48 h, infant with Penta 3
  const p2 = mother('2024-05-10', 1, { [DE.DEL_PLACE]: 'HOME', [DE.DEL_LIVE_BIRTHS]: '1' })
  b.pnc(p2, '2024-05-11', { [DE.PNC_TIMING]: 'H48' })
  b.visit(infant(p2, '2024-05-10'), plus('2024-05-10', 105), { [DE.INF_VAC_PENTA3]: 'true' })
  // p3: facility delivery without ANC, nothing after (infant never registered)
  mother('2024-07-20', 0)
  // p4: twins, 4 ANC without FP counselling, facility delivery; one twin gets Penta 3
  const p4 = mother('2024-09-15', 4, { ...FACILITY, [DE.DEL_LIVE_BIRTHS]: '2' })
  b.visit(infant(p4, '2024-09-15'), plus('2024-09-15', 101), { [DE.INF_VAC_PENTA3]: 'true' })
  infant(p4, '2024-09-15')
  // owned outside the district (returned by the server, not in the subtree): not in the cohort
  mother('2024-06-01', 4, FACILITY, {}, OUTSIDE)
  // 2023: one ANC, facility delivery
  mother('2023-04-01', 1)
  const wire = b.entities.map((te) => ({
    ...te,
    updatedAt: '2025-01-02T08:00:00.000',
    relationships: te.relationships.map((r) => ({ ...r, from: { trackedEntity: { trackedEntity: r.from } }, to: { trackedEntity: { trackedEntity: r.to } } })),
  }))
  return { b, wire }
}

type Q = { resource: string; params?: Record<string, unknown> }

const districtUser = testUser({ organisationUnits: [{ id: DIST, displayName: 'District sanitaire de Gao', path: `/${MALI}/${REG}/${DIST}`, children: true }] })

function setup(o: { tracker?: (q: Q) => unknown } = {}) {
  const { wire } = records()
  const calls = { tracker: 0, orgUnits: 0 }
  const data = {
    me: districtUser,
    organisationUnits: (_t: string, q: Q) => {
      calls.orgUnits++
      expect(q.params?.filter).toBe(`path:like:${DIST}`)
      return {
        organisationUnits: [
          { id: DIST, displayName: 'District sanitaire de Gao', path: `/${MALI}/${REG}/${DIST}` },
          { id: F1, displayName: 'CSCom Gao Château', path: `/${MALI}/${REG}/${DIST}/${F1}` },
        ],
      }
    },
    'tracker/trackedEntities': (_t: string, q: Q) => {
      calls.tracker++
      if (o.tracker) return o.tracker(q)
      return { page: q.params?.page, pageSize: q.params?.pageSize, pager: { page: q.params?.page, pageSize: q.params?.pageSize }, trackedEntities: q.params?.page === 1 ? wire : [] }
    },
  }
  return { data, calls, wire }
}

const hash = `#/continuum?ou=${DIST}&pe=2024&mode=cohort`
const row = (table: HTMLElement, name: RegExp): HTMLElement => within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement
const cells = (r: HTMLElement): string[] => within(r).getAllByRole('cell').map((c) => c.textContent ?? '')

describe('Continuum page, cohort mode', () => {
  it('follows the pairs delivered in 2024 step by step: reached, eligible, share and change among pairs eligible for both, next to 2023', async () => {
    const { data, calls } = setup()
    renderWithProviders(<ContinuumPage />, { data, hash })
    const table = await screen.findByTestId('cohort-table', {}, { timeout: 4000 })
    expect(calls.tracker).toBe(1)
    expect(within(table).getAllByRole('row')).toHaveLength(13) // two header rows + 11 steps
    expect(within(table).getByRole('columnheader', { name: 'District sanitaire de Gao — 2024' })).toBeInTheDocument()
    expect(within(table).getByRole('columnheader', { name: 'District sanitaire de Gao — same period last year' })).toBeInTheDocument()
    //                                          2024: reached, eligible, %, change · 2023: reached, eligible, %, change
    expect(cells(row(table, /^ANC1/))).toEqual(['3', '4', '75%', '–', '1', '1', '100%', '–'])
    expect(cells(row(table, /^ANC4/))).toEqual(['2', '4', '50%', '-33%', '0', '1', '0%', '-100%'])
    expect(cells(row(table, /^FP counselled at ANC/))).toEqual(['1', '4', '25%', '-50%', '0', '1', '0%', '–'])
    expect(cells(row(table, /^Facility delivery/))).toEqual(['3', '4', '75%', '+200%', '1', '1', '100%', '–'])
    expect(cells(row(table, /^PPFP before discharge/))).toEqual(['1', '4', '25%', '-67%', '0', '1', '0%', '-100%'])
    expect(cells(row(table, /^PNC within 48 h/)).slice(0, 4)).toEqual(['2', '4', '50%', '+100%'])
    expect(cells(row(table, /^PNC day 42/)).slice(0, 4)).toEqual(['1', '4', '25%', '0%'])
    // the stillbirth-free pair without a registered infant stays eligible for infant steps (4), twins count once
    expect(cells(row(table, /^Penta 3/)).slice(0, 4)).toEqual(['3', '4', '75%', '+200%'])
    expect(cells(row(table, /^Exclusive breastfeeding/)).slice(0, 4)).toEqual(['1', '4', '25%', '-67%'])
    expect(cells(row(table, /^Vitamin A/)).slice(0, 4)).toEqual(['1', '4', '25%', '0%'])
    const summary = screen.getByTestId('cohort-summary')
    expect(summary).toHaveTextContent('District sanitaire de Gao — 2024 — pairs delivered in the period: 4 · twin pairs: 1')
    expect(summary).toHaveTextContent('District sanitaire de Gao — same period last year — pairs delivered in the period: 1')
    // the rule is on screen; the chart has bars in percent and the cohort's own drop-off
    expect(screen.getByTestId('cohort-rules')).toHaveTextContent(/A step counts only for the pairs for whom it is due by .*: a step not yet due is not a drop-off/)
    const chart = screen.getByRole('img', { name: 'Pair cascade (cohort) — District sanitaire de Gao — 2024' })
    expect(chart).toHaveTextContent('75%')
    expect(chart).toHaveTextContent('▲ +200%')
    expect(screen.getByRole('radio', { name: /Cohort of the pairs/ })).toBeChecked()
  })

  it('without comparison shows one series; back to analytics mode and again to the cohort does not read the records again', async () => {
    const { data, calls } = setup()
    let analyticsCalls = 0
    const analytics = () => {
      analyticsCalls++
      return analyticsGrid([['ANC1', 'numerator', '202401', DIST, 7]], { [DIST]: 'District sanitaire de Gao' })
    }
    renderWithProviders(<ContinuumPage />, { data: { ...data, analytics }, hash })
    await screen.findByTestId('cohort-table', {}, { timeout: 4000 })
    expect(analyticsCalls).toBe(0)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Compare with' }), 'none')
    const table = screen.getByTestId('cohort-table')
    expect(within(table).getAllByRole('columnheader')).toHaveLength(6) // series + step + 4 measures
    await userEvent.click(screen.getByRole('radio', { name: /Event counts/ }))
    expect(await screen.findByRole('table', { name: /Continuum of care — District sanitaire de Gao/ })).toBeInTheDocument()
    expect(window.location.hash).not.toContain('mode=cohort')
    expect(analyticsCalls).toBe(1)
    await userEvent.click(screen.getByRole('radio', { name: /Cohort of the pairs/ }))
    await screen.findByTestId('cohort-table')
    expect(calls.tracker).toBe(1)
    expect(calls.orgUnits).toBe(1)
  })

  it('says so when no pair delivered in the period', async () => {
    const { data } = setup()
    renderWithProviders(<ContinuumPage />, { data, hash: `#/continuum?ou=${DIST}&pe=2022&mode=cohort` })
    expect(await screen.findByText('No delivery in this period', {}, { timeout: 4000 })).toBeInTheDocument()
    expect(screen.getByTestId('cohort-summary')).toHaveTextContent('2022 — pairs delivered in the period: 0')
  })

  it('shows the reading progress with Cancel; cancelled, then computed again on request', async () => {
    let release: (() => void) | undefined
    const { data, wire } = setup({
      tracker: (q) =>
        release
          ? { pager: { page: q.params?.page, pageSize: q.params?.pageSize }, trackedEntities: q.params?.page === 1 ? wire : [] }
          : new Promise((resolve) => {
              release = () => resolve({ pager: { page: 1, pageSize: 1000 }, trackedEntities: [] })
            }),
    })
    renderWithProviders(<ContinuumPage />, { data, hash })
    const progress = await screen.findByTestId('cohort-progress')
    await waitFor(() => expect(progress).toHaveTextContent(/Reading tracker records: 0 \(page 0\)/))
    await userEvent.click(within(progress).getByRole('button', { name: 'Cancel' }))
    expect(await screen.findByText('The computation was cancelled. Nothing is shown until it runs to the end.')).toBeInTheDocument()
    release?.()
    await userEvent.click(screen.getByRole('button', { name: 'Compute again' }))
    expect(await screen.findByTestId('cohort-table', {}, { timeout: 4000 })).toBeInTheDocument()
  })

  it('a server error is shown with Try again, which reads the records again', async () => {
    let fail = true
    const err = Object.assign(new Error('Internal error (500)'), { type: 'unknown', details: { httpStatus: 'Internal Server Error', httpStatusCode: 500, status: 'ERROR', message: 'Internal error' } })
    const { data, wire } = setup({
      tracker: (q) => {
        if (fail) throw err
        return { pager: { page: q.params?.page, pageSize: q.params?.pageSize }, trackedEntities: q.params?.page === 1 ? wire : [] }
      },
    })
    renderWithProviders(<ContinuumPage />, { data, hash })
    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 10_000 })
    expect(screen.getByRole('alert')).toBeInTheDocument()
    fail = false
    await userEvent.click(retry)
    expect(await screen.findByTestId('cohort-table', {}, { timeout: 4000 })).toBeInTheDocument()
  }, 20_000)

  it('at national level the cohort is offered but disabled, with the reason; analytics is shown', async () => {
    const analytics = () => analyticsGrid([['ANC1', 'numerator', '202401', MALI, 7]], { [MALI]: 'Mali' })
    renderWithProviders(<ContinuumPage />, { data: { analytics }, hash: `#/continuum?pe=2024&mode=cohort` })
    expect(await screen.findByRole('table', { name: /Continuum of care — Mali/ })).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: /Cohort of the pairs/ })).toBeDisabled()
    expect(screen.getByRole('radio', { name: /Event counts/ })).toBeChecked()
    expect(screen.getByText('Choose a district or a lower level to compute from the records.')).toBeInTheDocument()
  })

  it('in French: the rule, the definitions of the steps and the table', async () => {
    const { data } = setup()
    renderWithProviders(<ContinuumPage />, { data, hash, locale: 'fr' })
    const table = await screen.findByTestId('cohort-table', {}, { timeout: 4000 })
    expect(screen.getByTestId('cohort-rules')).toHaveTextContent(/Une étape ne compte que pour les couples pour lesquels elle est échue au .*2\d{3} \(fin des données\)/)
    expect(within(table).getAllByRole('columnheader', { name: 'Couples ayant atteint l’étape' })).toHaveLength(2)
    expect(cells(row(table, /^CPN4/)).slice(0, 4).map((c) => c.replace(/[\u00a0\u202f]/g, ' '))).toEqual(['2', '4', '50 %', '-33 %'])
    expect(screen.getByText('Au moins une CPN enregistrée avant l’accouchement.')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'Cohorte des couples ayant accouché sur la période (dossiers individuels Tracker)' })).toBeChecked()
    expect(screen.getByTestId('cohort-summary')).toHaveTextContent('District sanitaire de Gao — 2024 — couples ayant accouché sur la période : 4 · couples avec jumeaux : 1')
  })

  it('export rows: one per step with cohort, reached, eligible, % and change per series', () => {
    const { b } = records()
    // the same records through the domain directly (the page's export is built from these results)
    const pairs = buildPairs(b.entities).pairs
    const result = cohortCascade(pairs, { period: { start: '2024-01-01', end: '2024-12-31' }, inScope: (ou) => ou === F1 || ou === DIST, asOf: '2026-01-01' })
    const sheet = cohortSheet([{ name: 'Gao — 2024', orgUnitName: 'Gao', result }])
    expect(sheet.header).toEqual(['Entry point', 'Step', 'Gao — 2024: pairs in the cohort', 'Gao — 2024: pairs reaching the step', 'Gao — 2024: eligible pairs (step due)', 'Gao — 2024: % of eligible', 'Gao — 2024: change vs previous step (%)'])
    expect(sheet.rows).toHaveLength(COHORT_STEPS.length)
    expect(sheet.rows[1]).toEqual(['Antenatal care', 'ANC4', 4, 2, 4, 50, -33.3])
    expect(sheet.rows[4]).toEqual(['Delivery', 'PPFP before discharge', 4, 1, 4, 25, -66.7])
  })
})
