/**
 * Horizontal bar chart, hand-written SVG (decision 0500): one row per category (e.g. a cascade
 * step), one or two series side by side (two org units, two years), optional change labels
 * between consecutive rows (the drop-off of a cascade). Long French labels fit because bars are
 * horizontal. The data table alternative is always present for screen readers and can be shown.
 */
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { forwardRef, useId, useState } from 'react'
import { AXIS_COLOR, DROP_COLOR, GRID_COLOR, SERIES_COLORS } from './colors'
import { DataTable, type TableColumn } from './DataTable'
import { formatChange, formatValue, relativeChange, type ValueUnit } from './format'

export interface BarCategory {
  key: string
  label: string
}

export interface BarSeries {
  name: string
  values: (number | null)[]
}

export interface BarChartProps {
  title: string
  categories: BarCategory[]
  /** One or two series (more are ignored beyond the palette). */
  series: BarSeries[]
  unit: ValueUnit
  /** Show the change between consecutive categories (cascade drop-off). */
  dropOff?: boolean
  /**
   * Per series, the change shown at each category when `dropOff` is on, in percent (default: the
   * relative change of consecutive values). A cohort cascade passes its drop-off among the pairs
   * eligible for both steps, which its bars (shares of different denominators) cannot give.
   */
  changes?: (number | null)[][]
  width?: number
  /** Header of the category column of the table alternative (default "Step"). */
  categoryLabel?: string
  /** Id of a table already on the page with the same data: the chart points to it instead of its own. */
  describedBy?: string
}

export interface BarLayout {
  width: number
  height: number
  labelWidth: number
  plotWidth: number
  rowHeight: number
  barHeight: number
  max: number
}

const LABEL_MAX_CHARS = 34
export const truncate = (s: string, n = LABEL_MAX_CHARS): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

export function barLayout(categories: number, seriesCount: number, values: (number | null)[][], width = 640, dropOff = false): BarLayout {
  const labelWidth = Math.round(width * 0.36)
  const valueWidth = dropOff && seriesCount > 1 ? 130 : 64
  const barHeight = seriesCount > 1 ? 12 : 18
  const gap = dropOff && seriesCount === 1 ? 22 : 10
  const rowHeight = barHeight * Math.max(1, seriesCount) + gap
  let max = 0
  for (const s of values) for (const v of s) if (v !== null && Number.isFinite(v) && v > max) max = v
  return { width, height: rowHeight * categories + 24, labelWidth, plotWidth: width - labelWidth - valueWidth - 8, rowHeight, barHeight, max: max || 1 }
}

/** Change from step i−1 to step i per series, in percent (null when not computable). */
export function dropOffs(values: (number | null)[]): (number | null)[] {
  return values.map((v, i) => (i === 0 ? null : relativeChange(v, values[i - 1])))
}

const arrow = (c: number | null): string => (c === null || c === 0 ? '=' : c < 0 ? '▼' : '▲')

export const BarChart = forwardRef<SVGSVGElement, BarChartProps>(function BarChart({ title, categories, series, unit, dropOff = false, changes, width = 640, categoryLabel, describedBy }, ref) {
  const [showTable, setShowTable] = useState(false)
  const tableId = useId()
  const used = series.slice(0, SERIES_COLORS.length)
  const L = barLayout(categories.length, used.length, used.map((s) => s.values), width, dropOff)
  const drops = used.map((s, k) => changes?.[k] ?? dropOffs(s.values))
  const columns: TableColumn[] = [{ label: categoryLabel ?? i18n.t('Step') }]
  for (const s of used) {
    columns.push({ label: s.name, numeric: true })
    if (dropOff) columns.push({ label: i18n.t('Change vs previous step ({{series}})', { series: s.name }), numeric: true })
  }
  const rows = categories.map((c, i) => {
    const r = [c.label]
    used.forEach((s, k) => {
      r.push(formatValue(s.values[i], unit))
      if (dropOff) r.push(formatChange(drops[k][i]))
    })
    return r
  })
  const x = (v: number): number => (v / L.max) * L.plotWidth
  return (
    <figure className="dyad-chart">
      <svg
        ref={ref}
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${L.width} ${L.height}`}
        width="100%"
        style={{ maxWidth: L.width }}
        role="img"
        aria-label={title}
        aria-describedby={describedBy ?? tableId}
        fontFamily="Roboto, Arial, sans-serif"
        fontSize={12}
      >
        <title>{title}</title>
        <rect x={0} y={0} width={L.width} height={L.height} fill="#ffffff" />
        {[0.25, 0.5, 0.75, 1].map((f) => (
          <line key={f} x1={L.labelWidth + f * L.plotWidth} x2={L.labelWidth + f * L.plotWidth} y1={4} y2={L.height - 20} stroke={GRID_COLOR} strokeWidth={1} />
        ))}
        <line x1={L.labelWidth} x2={L.labelWidth} y1={4} y2={L.height - 20} stroke={AXIS_COLOR} strokeWidth={1} />
        {categories.map((c, i) => {
          const top = i * L.rowHeight + (dropOff && used.length === 1 ? 16 : 6)
          return (
            <g key={c.key}>
              <text x={L.labelWidth - 6} y={top + (L.barHeight * used.length) / 2 + 4} textAnchor="end" fill="#212934">
                <title>{c.label}</title>
                {truncate(c.label)}
              </text>
              {used.map((s, k) => {
                const v = s.values[i]
                const y = top + k * L.barHeight
                return (
                  <g key={k}>
                    {v !== null && Number.isFinite(v) ? <rect x={L.labelWidth + 1} y={y + 1} width={Math.max(0, x(v))} height={L.barHeight - 2} fill={SERIES_COLORS[k]} /> : null}
                    <text x={L.labelWidth + 4 + (v !== null && Number.isFinite(v) ? x(v) : 0)} y={y + L.barHeight - 4} fill={AXIS_COLOR} fontSize={11}>
                      {formatValue(v, unit)}
                      {dropOff && used.length > 1 && i > 0 && drops[k][i] !== null ? (
                        <tspan fill={DROP_COLOR} fontSize={10.5}>{`  ${arrow(drops[k][i])} ${formatChange(drops[k][i])}`}</tspan>
                      ) : null}
                    </text>
                  </g>
                )
              })}
              {dropOff && i > 0 && used.length === 1
                ? used.map((s, k) =>
                    drops[k][i] !== null ? (
                      <text key={`d${k}`} x={L.labelWidth + 6 + k * 90} y={top - 4} fill={DROP_COLOR} fontSize={10.5}>
                        {used.length > 1 ? `${s.name.slice(0, 10)} ` : ''}
                        {`${arrow(drops[k][i])} ${formatChange(drops[k][i])}`}
                      </text>
                    ) : null,
                  )
                : null}
            </g>
          )
        })}
        {used.length > 1
          ? used.map((s, k) => (
              <g key={`lg${k}`} transform={`translate(${8 + k * Math.round(L.width / 2)}, ${L.height - 14})`}>
                <rect width={10} height={10} fill={SERIES_COLORS[k]} />
                <text x={14} y={9} fill="#212934">
                  {truncate(s.name, 48)}
                </text>
              </g>
            ))
          : null}
      </svg>
      <figcaption className="dyad-chart-caption-bar">
        <span>{title}</span>
        {describedBy ? null : (
          <Button small secondary onClick={() => setShowTable((v) => !v)} aria-expanded={showTable} aria-controls={tableId}>
            {showTable ? i18n.t('Hide data table') : i18n.t('Show data table')}
          </Button>
        )}
      </figcaption>
      {describedBy ? null : <DataTable id={tableId} caption={title} columns={columns} rows={rows} visible={showTable} />}
    </figure>
  )
})
