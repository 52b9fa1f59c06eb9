/**
 * /api/analytics: one request per view (all dx batched), parsed into a typed lookup
 * value(dx, pe, ou) with numerator/denominator when asked (includeNumDen).
 */
import type { DhisClient, Params, RequestOptions } from './client'
import { BadResponseError } from './errors'

export interface AnalyticsRequest {
  dx: string[]
  pe: string[]
  ou: string[]
  /** Extra dimensions, e.g. { [groupSetUid]: [] } for all its groups. */
  dimensions?: Record<string, string[]>
  /** Filters, e.g. { pe: ['2024'] } when pe is not a dimension. */
  filters?: Record<string, string[]>
  includeNumDen?: boolean
  displayProperty?: 'NAME' | 'SHORTNAME'
  relativePeriodDate?: string
  skipData?: boolean
}

export interface AnalyticsCell {
  value: number
  numerator?: number
  denominator?: number
  factor?: number
}

export interface AnalyticsResult {
  /** Dimension items in response order (`metaData.dimensions`). */
  dimensions: Record<string, string[]>
  /** Display names of every item in metaData.items. */
  names: Record<string, string>
  /** Column names of the rows, from the headers. */
  columns: string[]
  rows: string[][]
  /** Cell by the key of its dimension items (see `key`). */
  cells: Map<string, AnalyticsCell>
  /** Names of the dimension columns (dx, pe, ou, …) in row order, used to build keys. */
  keyDimensions: string[]
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const dimParam = (id: string, items: string[]): string => `${id}:${items.join(';')}`

export function analyticsParams(r: AnalyticsRequest): Params {
  const dimension = [dimParam('dx', r.dx), dimParam('pe', r.pe), dimParam('ou', r.ou)]
  for (const [id, items] of Object.entries(r.dimensions ?? {})) dimension.push(items.length ? dimParam(id, items) : id)
  const filter = Object.entries(r.filters ?? {}).map(([id, items]) => dimParam(id, items))
  // Dimensions whose item list is empty would be invalid; callers must not ask for them.
  return {
    dimension,
    filter: filter.length ? filter : undefined,
    includeNumDen: r.includeNumDen ? true : undefined,
    displayProperty: r.displayProperty ?? 'NAME',
    relativePeriodDate: r.relativePeriodDate,
    skipData: r.skipData ? true : undefined,
  }
}

const NUMERIC_COLUMNS = new Set(['value', 'numerator', 'denominator', 'factor', 'multiplier', 'divisor'])

const toNum = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '') return undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

/** Parses an analytics grid (any key order, with or without rowContext/numden columns). */
export function parseAnalytics(body: unknown): AnalyticsResult {
  if (!isObj(body) || !Array.isArray(body.headers) || !Array.isArray(body.rows)) {
    throw new BadResponseError({ serverMessage: 'analytics: headers/rows missing' })
  }
  const columns = body.headers.map((h) => (isObj(h) && typeof h.name === 'string' ? h.name : ''))
  const meta = isObj(body.metaData) ? body.metaData : {}
  const items = isObj(meta.items) ? meta.items : {}
  const names: Record<string, string> = {}
  for (const [id, it] of Object.entries(items)) if (isObj(it) && typeof it.name === 'string') names[id] = it.name
  const dimensions: Record<string, string[]> = {}
  if (isObj(meta.dimensions)) {
    for (const [id, list] of Object.entries(meta.dimensions)) if (Array.isArray(list)) dimensions[id] = list.filter((x): x is string => typeof x === 'string')
  }
  const rows = body.rows.filter(Array.isArray).map((r) => (r as unknown[]).map((c) => (c == null ? '' : String(c))))
  const keyDimensions = columns.filter((c) => c !== '' && !NUMERIC_COLUMNS.has(c))
  const keyIdx = keyDimensions.map((c) => columns.indexOf(c))
  const vi = columns.indexOf('value')
  const ni = columns.indexOf('numerator')
  const di = columns.indexOf('denominator')
  const fi = columns.indexOf('factor')
  const cells = new Map<string, AnalyticsCell>()
  if (vi >= 0) {
    for (const row of rows) {
      const value = toNum(row[vi])
      if (value === undefined) continue
      const cell: AnalyticsCell = { value }
      if (ni >= 0) cell.numerator = toNum(row[ni])
      if (di >= 0) cell.denominator = toNum(row[di])
      if (fi >= 0) cell.factor = toNum(row[fi])
      cells.set(keyIdx.map((i) => row[i]).join('|'), cell)
    }
  }
  return { dimensions, names, columns, rows, cells, keyDimensions }
}

/** The cell for given dimension items, e.g. cellOf(res, { dx, pe, ou }); undefined when no data. */
export function cellOf(res: AnalyticsResult, items: Record<string, string>): AnalyticsCell | undefined {
  return res.cells.get(res.keyDimensions.map((d) => items[d] ?? '').join('|'))
}

export async function fetchAnalytics(client: DhisClient, r: AnalyticsRequest, o: RequestOptions = {}): Promise<AnalyticsResult> {
  return parseAnalytics(await client.get('analytics', analyticsParams(r), o))
}
