/**
 * Continuum / Cascade (`/continuum`): the pair cascade ANC1 → … → vitamin A at 6 months for the
 * selected org unit and period as horizontal bars with the change between steps, comparable side by
 * side with the same period last year or with another org unit. One analytics request.
 */
import i18n from '@dhis2/d2-i18n'
import React, { useId, useMemo, useRef, useState } from 'react'
import { BarChart } from '../../components/charts/BarChart'
import { formatChange, formatNumber, formatValue } from '../../components/charts/format'
import { ExportMenu } from '../../components/export/ExportMenu'
import { useCurrentUser } from '../../components/CurrentUser'
import { OrgUnitTree } from '../../components/OrgUnitTree'
import { periodLabel } from '../../components/periods'
import { useSelection } from '../../components/selection'
import { Empty, ErrorMessage, Skeleton } from '../../components/states'
import { dxItems, fetchIndicatorMonths, localToday, planPeriods } from '../../data/dashboards'
import { useResource } from '../../data/useResource'
import { CASCADE, CATALOG } from '../../domain/indicators/catalog'
import { entryPointLabel, tr } from '../overview/labels'
import { analyticsSource } from '../overview/model'
import { cascadeCounts, cascadeRows } from './model'
import '../../components/charts/charts.css'
import '../overview/overview.css'

type Compare = 'none' | 'lastYear' | 'orgUnit'

export default function ContinuumPage() {
  const sel = useSelection()
  const user = useCurrentUser()
  const [compare, setCompare] = useState<Compare>('lastYear')
  const [other, setOther] = useState<{ id: string; name: string } | undefined>()
  const [picking, setPicking] = useState(false)
  const chartRef = useRef<SVGSVGElement>(null)
  const tableId = useId()
  const plan = useMemo(() => planPeriods(sel.period, localToday()), [sel.period])
  const dx = useMemo(
    () =>
      dxItems(
        CASCADE.map((s) => CATALOG.find((d) => d.code === s.indicator)!).filter(Boolean),
        CATALOG,
      ).filter((d) => d.side === 'numerator'),
    [],
  )
  const ous = sel.orgUnit ? [sel.orgUnit, ...(compare === 'orgUnit' && other && other.id !== sel.orgUnit ? [other.id] : [])] : []
  const months = plan ? (compare === 'lastYear' ? [...plan.previous, ...plan.current] : plan.current) : []
  const res = useResource((c, signal) => (ous.length && months.length ? fetchIndicatorMonths(c, ous, dx, months, { signal }) : Promise.resolve(undefined)), [ous.join(';'), months.join(';')])

  if (!sel.orgUnit) return <Empty reason={i18n.t('Your user has no organisation unit. Ask your administrator to assign one.')} />
  if (!plan) return <Empty reason={i18n.t('This period cannot be shown. Choose another period.')} />

  const controls = (
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
            {other ? other.name : i18n.t('Choose an organisation unit')}
          </button>
          {picking ? (
            <div className="dyad-tree-panel">
              <OrgUnitTree
                roots={user.roots}
                selected={other?.id}
                onSelect={(u) => {
                  setOther({ id: u.id, name: u.displayName })
                  setPicking(false)
                }}
              />
            </div>
          ) : null}
        </span>
      ) : null}
    </fieldset>
  )

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
  if (compare === 'orgUnit' && other && other.id !== sel.orgUnit) series.push({ name: `${res.data.names[other.id] ?? other.name} — ${periodLabel(sel.period)}`, counts: cascadeCounts(src, plan.current, other.id) })
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
