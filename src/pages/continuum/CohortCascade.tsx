/**
 * Cohort mode of the continuum (decision 0552): the mother–infant pairs whose delivery falls in
 * the period, followed step by step from their tracker records (district level and below). Bars
 * are the share of the pairs for whom a step is due that reached it; the change between steps is
 * measured among the pairs eligible for both. Side by side with the same period last year or
 * another org unit, as the analytics mode.
 */
import i18n from '@dhis2/d2-i18n'
import { Button, LinearLoader } from '@dhis2/ui'
import React, { useId, useMemo, useRef } from 'react'
import { BarChart } from '../../components/charts/BarChart'
import { formatChange, formatNumber, formatValue } from '../../components/charts/format'
import { ExportMenu } from '../../components/export/ExportMenu'
import { Empty, ErrorMessage, Skeleton } from '../../components/states'
import { ForbiddenError } from '../../data/errors'
import { cohortCascade, COHORT_STEPS, type CohortResult } from '../../domain/trajectories/cascade'
import { entryPointLabel, tr } from '../overview/labels'
import { cohortSheet, formatDay, type CohortSeries } from './model'
import type { CohortProgress, CohortRecords } from './useCohort'

export interface CohortSeriesSpec {
  orgUnit: string
  period: { start: string; end: string }
  /** Label of the period in the series name (the selected period, or "same period last year"). */
  periodName: string
}

export interface CohortCascadeProps {
  series: CohortSeriesSpec[]
  /** The selected period's label (title). */
  periodLabel: string
  /** End of the data (today), ISO. */
  asOf: string
  /** A note above the results (e.g. why the compared org unit is not shown). */
  note?: string
  /** The linked pairs of the series' org units (useCohortRecords, held by the page so they survive a switch of mode). */
  records: CohortRecords
}

function progressText(p: CohortProgress): string {
  const s = p.step
  let text: string
  switch (s.phase) {
    case 'orgUnits':
      text = i18n.t('Reading the organisation units…')
      break
    case 'records':
      text =
        s.total !== undefined
          ? i18n.t('Reading tracker records: {{fetched}} of {{total}} (page {{page}})…', { fetched: formatNumber(s.fetched ?? 0), total: formatNumber(s.total), page: s.page ?? 0 })
          : i18n.t('Reading tracker records: {{fetched}} (page {{page}})…', { fetched: formatNumber(s.fetched ?? 0), page: s.page ?? 0 })
      break
    default:
      text = i18n.t('Linking mothers and infants ({{fetched}} records)…', { fetched: formatNumber(s.fetched ?? 0) })
  }
  return p.of > 1 ? `${i18n.t('Organisation unit {{index}} of {{of}}', { index: p.index, of: p.of })} — ${text}` : text
}

function progressFraction(p: CohortProgress): number | undefined {
  const s = p.step
  let f: number | undefined
  if (s.phase === 'records' && s.total) f = Math.min(1, (s.fetched ?? 0) / s.total) * 0.9
  else if (s.phase === 'link' || s.phase === 'classify') f = 0.95
  if (f === undefined) return undefined
  return (p.index - 1 + f) / p.of
}

export function CohortCascade({ series: specs, periodLabel, asOf, note, records: rec }: CohortCascadeProps) {
  const chartRef = useRef<SVGSVGElement>(null)
  const tableId = useId()
  const orgUnits = [...new Set(specs.map((s) => s.orgUnit))]
  const ready = orgUnits.every((ou) => rec.loaded.has(ou))
  const loadedList = orgUnits.map((ou) => rec.loaded.get(ou))
  const specKey = specs.map((s) => `${s.orgUnit}|${s.period.start}|${s.period.end}|${s.periodName}`).join(';')
  const series = useMemo((): CohortSeries[] | undefined => {
    if (!ready) return undefined
    return specs.map((s) => {
      const l = rec.loaded.get(s.orgUnit)!
      const units = l.tree.units
      const result: CohortResult = cohortCascade(l.pairs, { period: s.period, inScope: (ou) => units.has(ou), asOf })
      return { name: `${l.tree.root.name} — ${s.periodName}`, orgUnitName: l.tree.root.name, result }
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, specKey, asOf, loadedList[0], loadedList[1]]) // at most two org units (selected + compared)

  if (rec.error) {
    return rec.error instanceof ForbiddenError ? (
      <ErrorMessage error={rec.error} onRetry={rec.reload}>
        <p>
          {i18n.t(
            'The cohort is computed from individual tracker records. Your user cannot read the Mother and Infant records of this organisation unit: ask your DHIS2 administrator for data read access to the Dyad programs and a search scope that includes it.',
          )}
        </p>
      </ErrorMessage>
    ) : (
      <ErrorMessage error={rec.error} onRetry={rec.reload} />
    )
  }
  if (rec.cancelled && !series) {
    return (
      <Empty title={i18n.t('Cancelled')} reason={i18n.t('The computation was cancelled. Nothing is shown until it runs to the end.')}>
        <Button onClick={rec.reload}>{i18n.t('Compute again')}</Button>
      </Empty>
    )
  }
  if (!series) {
    const p = rec.progress
    const f = p ? progressFraction(p) : undefined
    return (
      <div className="dyad-cohort-progress" role="status" aria-live="polite" data-testid="cohort-progress">
        <p>{p ? progressText(p) : i18n.t('Loading…')}</p>
        {f !== undefined ? <LinearLoader amount={Math.round(f * 100)} /> : <Skeleton rows={2} />}
        <Button small onClick={rec.cancel}>
          {i18n.t('Cancel')}
        </Button>
      </div>
    )
  }

  const main = series[0]
  const title = i18n.t('Pair cascade (cohort) — {{orgUnit}} — {{period}}', { orgUnit: main.orgUnitName, period: periodLabel })
  const sheet = cohortSheet(series)
  const explanation = (
    <div className="dyad-scope-note" data-testid="cohort-rules">
      <p>
        {i18n.t('Cohort: the mother–infant pairs whose delivery date falls in the period, owned by the organisation unit or one of its facilities, each followed through the continuum from its tracker records. Each bar is the share of the pairs for whom the step is due that reached it.')}
      </p>
      <p>
        <strong>
          {i18n.t('A step counts only for the pairs for whom it is due by {{date}} (the end of the data): a step not yet due is not a drop-off. The change between two steps is measured among the pairs for whom both are due.', { date: formatDay(asOf) })}
        </strong>
      </p>
      <p>{i18n.t('Twins: a pair is one mother and one delivery, counted once; an infant step is reached when at least one of the twins reached it.')}</p>
    </div>
  )

  return (
    <div className="dyad-cohort">
      {explanation}
      {note ? <p className="dyad-muted">{note}</p> : null}
      <ul className="dyad-cohort-summary" data-testid="cohort-summary">
        {series.map((s) => (
          <li key={s.name}>
            <strong>{s.name}</strong> — {i18n.t('pairs delivered in the period: {{pairs}}', { pairs: formatNumber(s.result.cohort) })}
            {s.result.twins > 0 ? ` · ${i18n.t('twin pairs: {{n}}', { n: formatNumber(s.result.twins) })}` : ''}
            {s.result.noLiveBirth > 0 ? ` · ${i18n.t('without a live birth (no infant step): {{n}}', { n: formatNumber(s.result.noLiveBirth) })}` : ''}
            {s.result.infantsWithoutMother > 0 ? ` · ${i18n.t('infants born in the period without a linked mother (not in the cohort): {{n}}', { n: formatNumber(s.result.infantsWithoutMother) })}` : ''}
          </li>
        ))}
      </ul>
      <ExportMenu fileName={title} sheets={[{ name: i18n.t('Cohort cascade'), header: sheet.header, rows: sheet.rows }]} charts={[{ label: i18n.t('Cascade'), ref: chartRef }]} />
      {main.result.cohort === 0 ? (
        <Empty
          title={i18n.t('No delivery in this period')}
          reason={i18n.t('No delivery of a pair followed in {{orgUnit}} is recorded in {{period}}. Choose another period or organisation unit.', { orgUnit: main.orgUnitName, period: periodLabel })}
        />
      ) : null}
      <section className="dyad-card" aria-labelledby="dyad-cohort-title">
        <h2 id="dyad-cohort-title">{title}</h2>
        <BarChart
          ref={chartRef}
          title={title}
          unit="percent"
          dropOff
          changes={series.map((s) => s.result.steps.map((x) => x.change))}
          categories={COHORT_STEPS.map((s) => ({ key: s.key, label: tr(s.label) }))}
          series={series.map((s) => ({ name: s.name, values: s.result.steps.map((x) => x.share) }))}
          describedBy={tableId}
        />
        <div className="dyad-cohort-scroll">
          <table className="dyad-table" id={tableId} data-testid="cohort-table">
            <caption className="dyad-sr-only">{title}</caption>
            <thead>
              <tr>
                <td />
                {series.map((s) => (
                  <th key={s.name} scope="colgroup" colSpan={4}>
                    {s.name}
                  </th>
                ))}
              </tr>
              <tr>
                <th scope="col">{i18n.t('Step')}</th>
                {series.map((s) => (
                  <React.Fragment key={s.name}>
                    <th scope="col" className="num">
                      {i18n.t('Pairs reaching the step')}
                    </th>
                    <th scope="col" className="num">
                      {i18n.t('Eligible (step due)')}
                    </th>
                    <th scope="col" className="num">
                      {i18n.t('% of eligible')}
                    </th>
                    <th scope="col" className="num">
                      {i18n.t('Change vs previous step')}
                    </th>
                  </React.Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {COHORT_STEPS.map((step, i) => (
                <tr key={step.key}>
                  <th scope="row">
                    {tr(step.label)} <span className="dyad-muted">({entryPointLabel(step.entryPoint)})</span>
                  </th>
                  {series.map((s) => {
                    const r = s.result.steps[i]
                    return (
                      <React.Fragment key={s.name}>
                        <td className="num">{formatNumber(r.reached)}</td>
                        <td className="num">{formatNumber(r.eligible)}</td>
                        <td className="num">{formatValue(r.share, 'percent')}</td>
                        <td className="num">{formatChange(r.change)}</td>
                      </React.Fragment>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details className="dyad-cohort-definitions">
          <summary>{i18n.t('How each step is counted')}</summary>
          <table className="dyad-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('Step')}</th>
                <th scope="col">{i18n.t('Reached when')}</th>
                <th scope="col">{i18n.t('Due (eligible from)')}</th>
              </tr>
            </thead>
            <tbody>
              {COHORT_STEPS.map((s) => (
                <tr key={s.key}>
                  <th scope="row">{tr(s.label)}</th>
                  <td>{tr(s.definition)}</td>
                  <td>{tr(s.due)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </div>
  )
}
