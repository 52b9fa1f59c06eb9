/**
 * Test-only builders of realistic /api/analytics answers (the 2.41 wire shape: headers with
 * name/column/valueType/type/hidden/meta, metaData.items/dimensions, string values, key order as
 * the server sends it). Imported by tests only.
 */
import { dxItems } from '../../data/dashboards'
import { CATALOG } from '../../domain/indicators/catalog'

const H = (name: string, column: string, valueType = 'TEXT', type = 'java.lang.String', meta = true) => ({ name, column, valueType, type, hidden: false, meta })

/** rows: [code, side, period, orgUnit, value] */
export function analyticsGrid(rows: [string, 'numerator' | 'denominator', string, string, number][], names: Record<string, string> = {}) {
  const dx = dxItems(CATALOG)
  const uidOf = new Map(dx.map((d) => [`${d.code}|${d.side}`, d.uid]))
  const out = rows.map(([code, side, pe, ou, v]) => {
    const u = uidOf.get(`${code}|${side}`)
    if (!u) throw new Error(`no program indicator for ${code} ${side}`)
    return [u, pe, ou, String(v)]
  })
  const items: Record<string, { name: string }> = {}
  for (const [id, name] of Object.entries(names)) items[id] = { name }
  for (const r of out) for (const id of r.slice(0, 3)) items[id] ??= { name: id }
  return {
    headers: [H('dx', 'Data'), H('pe', 'Period'), H('ou', 'Organisation unit'), H('value', 'Value', 'NUMBER', 'java.lang.Double', false)],
    metaData: {
      items,
      dimensions: { dx: [...new Set(out.map((r) => r[0]))], pe: [...new Set(out.map((r) => r[1]))], ou: [...new Set(out.map((r) => r[2]))], co: [] },
    },
    rowContext: {},
    rows: out,
    height: out.length,
    width: 4,
    headerWidth: 4,
  }
}
