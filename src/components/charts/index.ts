/** Dyad charts: hand-written SVG with table alternatives (decision 0500). */
import './charts.css'
export { BarChart, barLayout, dropOffs, type BarCategory, type BarSeries, type BarChartProps } from './BarChart'
export { Sparkline, sparkPath, sparkSummary, type SparkPoint } from './Sparkline'
export { DataTable, type TableColumn } from './DataTable'
export { formatChange, formatNumber, formatValue, relativeChange, uiLocale, type ValueUnit } from './format'
export { LEGEND_STYLE, SERIES_COLORS, contrastRatio, type LegendStyleKey } from './colors'
