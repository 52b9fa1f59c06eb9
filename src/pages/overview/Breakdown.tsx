/**
 * Drill-down of one indicator to the next org-unit level: a bar chart of the children and a table
 * whose org-unit names select that child (the page then shows it, one level down). `badge` and
 * `source` say where the figures come from (the exact computation carries the tiles' "exact" badge).
 */
import i18n from '@dhis2/d2-i18n'
import React, { forwardRef, useId } from 'react'
import { BarChart } from '../../components/charts/BarChart'
import { formatValue } from '../../components/charts/format'
import type { OrgUnitRef } from '../../data/me'
import { arrowOf, changeSpoken, changeText, fmtCount, legendWord, tr } from './labels'
import type { IndicatorFigures } from './model'

export interface BreakdownRow {
  unit: OrgUnitRef
  f: IndicatorFigures | undefined
}

export const Breakdown = forwardRef<SVGSVGElement, { title: string; rows: BreakdownRow[]; onSelectOrgUnit: (id: string) => void; badge?: string; source?: string }>(function Breakdown({ title, rows, onSelectOrgUnit, badge, source }, ref) {
  const tableId = useId()
  const def = rows.find((r) => r.f)?.f?.def
  if (!def) return null
  return (
    <section className="dyad-card" aria-labelledby="dyad-breakdown-title">
      <h2 id="dyad-breakdown-title">
        {title}
        {badge ? <span className="dyad-tile-badge">{badge}</span> : null}
      </h2>
      {source ? <p className="dyad-scope-note">{source}</p> : null}
      <BarChart
        ref={ref}
        title={title}
        unit={def.unit}
        categories={rows.map((r) => ({ key: r.unit.id, label: r.unit.displayName }))}
        series={[{ name: tr(def.shortName), values: rows.map((r) => r.f?.value ?? null) }]}
        describedBy={tableId}
      />
      <table className="dyad-table" id={tableId}>
        <caption className="dyad-sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('Organisation unit')}</th>
            <th scope="col" className="num">
              {i18n.t('Value')}
            </th>
            <th scope="col" className="num">
              {i18n.t('Numerator')}
            </th>
            {def.unit !== 'count' ? (
              <th scope="col" className="num">
                {i18n.t('Denominator')}
              </th>
            ) : null}
            <th scope="col" className="num">
              {i18n.t('Same period last year')}
            </th>
            <th scope="col" className="num">
              {i18n.t('Change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ unit, f }) => (
            <tr key={unit.id}>
              <th scope="row">
                <button type="button" className="dyad-link" onClick={() => onSelectOrgUnit(unit.id)} title={i18n.t('Show {{name}}', { name: unit.displayName })}>
                  {unit.displayName}
                </button>
              </th>
              <td className="num">
                {formatValue(f?.value ?? null, def.unit)}
                {f?.legend ? <span className={`dyad-legend-dot dyad-legend-${f.legend}`}> {legendWord(f.legend)}</span> : null}
              </td>
              <td className="num">{fmtCount(f?.numerator ?? null)}</td>
              {def.unit !== 'count' ? <td className="num">{fmtCount(f?.denominator ?? null)}</td> : null}
              <td className="num">{formatValue(f?.previous.value ?? null, def.unit)}</td>
              <td className="num">
                <span aria-hidden="true">
                  {arrowOf(f?.change ?? null)} {changeText(f?.change ?? null)}
                </span>
                <span className="dyad-sr-only">{changeSpoken(f?.change ?? null)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
})
