/**
 * A small trend line (e.g. the last 12 months of an indicator), hand-written SVG (decision 0500).
 * The SVG has a spoken summary (first, last, lowest, highest); the full series is in a visually
 * hidden table for screen readers. Missing months break the line (no invented zeros).
 */
import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { SERIES_COLORS } from './colors'
import { DataTable } from './DataTable'
import { formatValue, type ValueUnit } from './format'

export interface SparkPoint {
  label: string
  value: number | null
}

export interface SparklineProps {
  points: SparkPoint[]
  unit: ValueUnit
  /** What the line shows, e.g. the indicator name (used in the accessible summary). */
  title: string
  width?: number
  height?: number
  /** Include the visually hidden table of the series (default true; off where the page already has one). */
  table?: boolean
}

/** SVG path of the series: `M`oves where a gap ends, `L`ines between known points. */
export function sparkPath(values: (number | null)[], width: number, height: number, pad = 2): { d: string; dots: { x: number; y: number }[] } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (!known.length) return { d: '', dots: [] }
  const min = Math.min(...known)
  const max = Math.max(...known)
  const span = max - min || 1
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0
  const y = (v: number): number => (max === min ? height / 2 : pad + (height - 2 * pad) * (1 - (v - min) / span))
  let d = ''
  let pen = false
  const dots: { x: number; y: number }[] = []
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false
      return
    }
    const x = values.length > 1 ? pad + i * step : width / 2
    const yy = y(v)
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${yy.toFixed(1)}`
    pen = true
    dots.push({ x, y: yy })
  })
  return { d, dots }
}

export function sparkSummary(points: SparkPoint[], unit: ValueUnit, title: string): string {
  const known = points.filter((p): p is { label: string; value: number } => p.value !== null && Number.isFinite(p.value))
  if (!known.length) return i18n.t('{{title}}: no data for the trend', { title })
  const first = known[0]
  const last = known[known.length - 1]
  const lo = known.reduce((a, b) => (b.value < a.value ? b : a))
  const hi = known.reduce((a, b) => (b.value > a.value ? b : a))
  return i18n.t('{{title}}: trend from {{first}} ({{firstLabel}}) to {{last}} ({{lastLabel}}); lowest {{low}}, highest {{high}}', {
    title,
    first: formatValue(first.value, unit),
    firstLabel: first.label,
    last: formatValue(last.value, unit),
    lastLabel: last.label,
    low: formatValue(lo.value, unit),
    high: formatValue(hi.value, unit),
  })
}

export function Sparkline({ points, unit, title, width = 96, height = 24, table = true }: SparklineProps) {
  const { d, dots } = sparkPath(
    points.map((p) => p.value),
    width,
    height,
  )
  const last = dots[dots.length - 1]
  const summary = sparkSummary(points, unit, title)
  return (
    <span className="dyad-sparkline">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} focusable="false">
        <title>{summary}</title>
        {d ? <path d={d} fill="none" stroke={SERIES_COLORS[0]} strokeWidth={1.5} strokeLinejoin="round" /> : null}
        {last ? <circle cx={last.x} cy={last.y} r={2.2} fill={SERIES_COLORS[0]} /> : null}
      </svg>
      {table ? <DataTable
        caption={title}
        visible={false}
        columns={[{ label: i18n.t('Period') }, { label: i18n.t('Value'), numeric: true }]}
        rows={points.map((p) => [p.label, formatValue(p.value, unit)])}
      /> : null}
    </span>
  )
}
