/**
 * Continuum / Cascade (`/continuum`): the pair cascade ANC1 → … → vitamin A at 6 months for the
 * selected org unit and period as horizontal bars with the change between steps, comparable side by
 * side with the same period last year or with another org unit.
 *
 * Two modes (`mode` in the URL): event counts from DHIS2 analytics (one request; the only mode at
 * national and regional level, where the app never reads tracker data), and the cohort of pairs
 * delivered in the period, followed step by step from the tracker records (district and below,
 * decision 0552, CohortCascade).
 */
import i18n from '@dhis2/d2-i18n'
import React, { useId, useMemo, useRef, useState } from 'react'
import { BarChart } from '../../components/charts/BarChart'
import { formatChange, formatNumber, formatValue } from '../../components/charts/format'
import { ExportMenu } from '../../components/export/ExportMenu'
import { useCurrentUser } from '../../components/CurrentUser'
import { OrgUnitTree } from '../../components/OrgUnitTree'
import { periodLabel } from '../../components/periods'
import { useHashLocation, useSetParams } from '../../components/router'
import { useSelection } from '../../components/selection'
import { Empty, ErrorMessage, Skeleton } from '../../components/states'
import { dxItems, fetchIndicatorMonths, localToday, planPeriods } from '../../data/dashboards'
import type { OrgUnitRef } from '../../data/me'
import { fetchOrgUnits } from '../../data/orgUnits'
import { useResource } from '../../data/useResource'
import { CASCADE, CATALOG } from '../../domain/indicators/catalog'
import { entryPointLabel, tr } from '../overview/labels'
import { DISTRICT_LEVEL } from '../overview/exact'
import { analyticsSource } from '../overview/model'
import { CohortCascade, type CohortSeriesSpec } from './CohortCascade'
import { cascadeCounts, cascadeRows } from './model'
import { useCohortRecords } from './useCohort'
import '../../components/charts/charts.css'
import '../overview/overview.css'
import './continuum.css'

type Compare = 'none' | 'lastYear' | 'orgUnit'
type Mode = 'analytics' | 'cohort'

/** Level of an org unit from its path (`/country/region/district` → 3). */
const levelOf = (path: string | undefined): number | undefined => (path ? path.split('/').filter(Boolean).length : undefined)

export default function ContinuumPage() {
  const sel = useSelection()
  const user = useCurrentUser()
  const { params } = useHashLocation()
  const setParams = useSetParams()
  const [localMode, setLocalMode] = useState<Mode>('analytics')
  const mode: Mode = sel.readOnly ? localMode : params.get('mode') === 'cohort' ? 'cohort' : 'analytics'
  const setMode = (m: Mode): void => (sel.readOnly ? setLocalMode(m) : setParams({ mode: m === 'cohort' ? 'cohort' : undefined }))
  const [compare, setCompare] = useState<Compare>('lastYear')
  const [other, setOther] = useState<OrgUnitRef | undefined>()
  const [picking, setPicking] = useState(false)
  const chartRef = useRef<SVGSVGElement>(null)
  const tableId = useId()
  const today = localToday()
  const plan = useMemo(() => planPeriods(sel.period, localToday()), [sel.period])
  // Level of the selected unit: the user's root units carry their path; any other costs one small request.
  const rootPath = user.roots.find((r) => r.id === sel.orgUnit)?.path
  const unit = useResource((c, signal) => (sel.orgUnit && !rootPath ? fetchOrgUnits(c, [sel.orgUnit], { signal }) : Promise.resolve(undefined)), [sel.orgUnit, rootPath])
  const level = levelOf(rootPath ?? unit.data?.find((u) => u.id === sel.orgUnit)?.path)
  const levelPending = level === undefined && !rootPath && !unit.error && (unit.loading || !unit.data)
  const cohortAllowed = level !== undefined && level >= DISTRICT_LEVEL
  const view: Mode | 'pending' = mode === 'cohort' ? (cohortAllowed ? 'cohort' : levelPending ? 'pending' : 'analytics') : 'analytics'
  const otherLevel = levelOf(other?.path)
  const otherInCohort = compare === 'orgUnit' && other !== undefined && other.id !== sel.orgUnit && (otherLevel === undefined || otherLevel >= DISTRICT_LEVEL)
  const cohortOus = view === 'cohort' && sel.orgUnit ? [sel.orgUnit, ...(otherInCohort ? [other.id] : [])] : []
  const records = useCohortRecords(cohortOus, view === 'cohort')
  const dx = useMemo(
    () =>
      dxItems(
        CASCADE.map((s) => CATALOG.find((d) => d.code === s.indicator)!).filter(Boolean),
        CATALOG,
      ).filter((d) => d.side === 'numerator'),
    [],
  )
  const ous = sel.orgUnit && view === 'analytics' ? [sel.orgUnit, ...(compare === 'orgUnit' && other && other.id !== sel.orgUnit ? [other.id] : [])] : []
  const months = plan ? (compare === 'lastYear' ? [...plan.previous, ...plan.current] : plan.current) : []
  const res = useResource((c, signal) => (ous.length && months.length ? fetchIndicatorMonths(c, ous, dx, months, { signal }) : Promise.resolve(undefined)), [ous.join(';'), months.join(';')])

  if (!sel.orgUnit) return <Empty reason={i18n.t('Your user has no organisation unit. Ask your administrator to assign one.')} />
  if (!plan) return <Empty reason={i18n.t('This period cannot be shown. Choose another period.')} />

  const modeControls = (
    <fieldset className="dyad-period dyad-no-print dyad-continuum-mode">
      <legend>{i18n.t('Computation')}</legend>
      <label>
        <input type="radio" name="continuum-mode" value="analytics" checked={view === 'analytics'} onChange={() => setMode('analytics')} />{' '}
        {i18n.t('Event counts in the period (DHIS2 analytics)')}
      </label>{' '}
      <label>
        <input type="radio" name="continuum-mode" value="cohort" checked={mode === 'cohort' && view !== 'analytics'} disabled={!cohortAllowed} onChange={() => setMode('cohort')} aria-describedby={cohortAllowed ? undefined : `${tableId}-why`} />{' '}
        {i18n.t('Cohort of the pairs delivered in the period (tracker records)')}
      </label>
      {!cohortAllowed && !levelPending ? (
        <span className="dyad-muted" id={`${tableId}-why`}>
          {' '}
          {i18n.t('Choose a district or a lower level to compute from the records.')}
        </span>
      ) : null}
    </fieldset>
  )

  const compareControls = (
    <fieldset className="dyad-period dyad-no-print">
      <legend>{i18n.t('Compare with')}</legend>
      <select value={compare} onChange={(e) => setCompare(e.target.value as Compare)} aria-label={i18n.t('Compare with')}>
        <option value="none">{i18n.t('Nothing')}</option>
        <option value="lastYear">{i18n.t('The same period last year')}</option>
        <option value="orgUnit">{i18n.t('Another organisation unit')}</option>
      </select>
      {compare === 'orgUnit' ? (
        <span style={{ position: 'relative' }}>
          <button type="button" className="dyad-link" onClick={() => setPicking((p) => !p)} aria-expanded={picking}>
            {other ? other.displayName : i18n.t('Choose an organisation unit')}
          </button>
          {picking ? (
            <div className="dyad-tree-panel">
              <OrgUnitTree
                roots={user.roots}
                selected={other?.id}
                onSelect={(u) => {
                  setOther(u)
                  setPicking(false)
                }}
              />
            </div>
          ) : null}
        </span>
      ) : null}
    </fieldset>
  )
  const controls = (
    <>
      {modeControls}
      {compareControls}
    </>
  )

  if (view === 'pending') return (
    <>
      {controls}
      <Skeleton rows={8} />
    </>
  )
  if (view === 'cohort') {
    const current = { start: plan.startDate, end: plan.endDate }
    const specs: CohortSeriesSpec[] = [{ orgUnit: sel.orgUnit, period: current, periodName: periodLabel(sel.period) }]
    let note: string | undefined
    if (compare === 'lastYear') specs.push({ orgUnit: sel.orgUnit, period: { start: plan.previousStartDate, end: plan.previousEndDate }, periodName: i18n.t('same period last year') })
    if (otherInCohort) specs.push({ orgUnit: other.id, period: current, periodName: periodLabel(sel.period) })
    else if (compare === 'orgUnit' && other && other.id !== sel.orgUnit) note = i18n.t('{{orgUnit}} is above district level: choose a district or a lower level to compare cohorts.', { orgUnit: other.displayName })
    return (
      <div className="dyad-continuum">
        {controls}
        <CohortCascade series={specs} periodLabel={periodLabel(sel.period)} asOf={today} note={note} records={records} />
      </div>
    )
  }

  if (res.error) return (
    <>
      {controls}
      <ErrorMessage error={res.error} onRetry={res.reload} />
    </>
  )
  if (res.loading || !res.data) return (
    <>
      {controls}
      <Skeleton rows={8} />
    </>
  )
  const src = analyticsSource(res.data, dx)
  const name = res.data.names[sel.orgUnit] ?? sel.orgUnit
  const a = cascadeCounts(src, plan.current, sel.orgUnit)
  const series = [{ name: `${name} — ${periodLabel(sel.period)}`, counts: a }]
  if (compare === 'lastYear') series.push({ name: `${name} — ${i18n.t('same period last year')}`, counts: cascadeCounts(src, plan.previous, sel.orgUnit) })
  if (compare === 'orgUnit' && other && other.id !== sel.orgUnit) series.push({ name: `${res.data.names[other.id] ?? other.displayName} — ${periodLabel(sel.period)}`, counts: cascadeCounts(src, plan.current, other.id) })
  const rowsBySeries = series.map((s) => cascadeRows(s.counts))
  const title = i18n.t('Continuum of care — {{orgUnit}} — {{period}}', { orgUnit: name, period: periodLabel(sel.period) })
  const allEmpty = series.every((s) => s.counts.every((c) => c === null))
  const header = [i18n.t('Entry point'), i18n.t('Step')]
  for (const s of series) header.push(s.name, `${s.name}: ${i18n.t('% of first step')}`, `${s.name}: ${i18n.t('change vs previous step (%)')}`)
  const sheetRows = CASCADE.map((step, i) => {
    const r: (string | number | null)[] = [entryPointLabel(step.entryPoint), tr(step.label)]
    for (const rows of rowsBySeries) r.push(rows[i].count, rows[i].ofFirst === null ? null : Math.round(rows[i].ofFirst! * 10) / 10, rows[i].vsPrevious === null ? null : Math.round(rows[i].vsPrevious! * 10) / 10)
    return r
  })

  return (
    <div className="dyad-continuum">
      {controls}
      <p className="dyad-scope-note">
        {i18n.t('Number of contacts or events at each step in {{period}}. Steps are counted independently in the period (not a cohort of the same pairs); a step above the previous one is shown with ▲.', {
          period: periodLabel(sel.period),
        })}
      </p>
      <ExportMenu fileName={title} sheets={[{ name: i18n.t('Cascade'), header, rows: sheetRows }]} charts={[{ label: i18n.t('Cascade'), ref: chartRef }]} />
      {allEmpty ? <Empty title={i18n.t('No data for this selection')} reason={i18n.t('DHIS2 analytics has no cascade data for {{orgUnit}} in this period. Check that the analytics tables are up to date or choose another period.', { orgUnit: name })} /> : null}
      <section className="dyad-card" aria-labelledby="dyad-cascade-title">
        <h2 id="dyad-cascade-title">{title}</h2>
        <BarChart
          ref={chartRef}
          title={title}
          unit="count"
          dropOff
          categories={CASCADE.map((s) => ({ key: s.key, label: tr(s.label) }))}
          series={series.map((s) => ({ name: s.name, values: s.counts }))}
          describedBy={tableId}
        />
        <table className="dyad-table" id={tableId}>
          <caption className="dyad-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('Step')}</th>
              {series.map((s) => (
                <React.Fragment key={s.name}>
                  <th scope="col" className="num">
                    {s.name}
                  </th>
                  <th scope="col" className="num">
                    {i18n.t('% of first step')}
                  </th>
                  <th scope="col" className="num">
                    {i18n.t('Change vs previous step')}
                  </th>
                </React.Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {CASCADE.map((step, i) => (
              <tr key={step.key}>
                <th scope="row">
                  {tr(step.label)} <span className="dyad-muted">({entryPointLabel(step.entryPoint)})</span>
                </th>
                {rowsBySeries.map((rows, k) => (
                  <React.Fragment key={k}>
                    <td className="num">{formatNumber(rows[i].count, undefined, 0)}</td>
                    <td className="num">{formatValue(rows[i].ofFirst, 'percent')}</td>
                    <td className="num">{formatChange(rows[i].vsPrevious)}</td>
                  </React.Fragment>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
