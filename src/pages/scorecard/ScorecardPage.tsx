/**
 * Scorecard (`/scorecard`): children of the selected org unit (rows) × dashboard indicators
 * (columns) with traffic-light legends (catalog defaults or the targets saved in the dataStore),
 * sortable columns, drill-down (an org unit's name opens its own scorecard), the selected org unit
 * as the total row, frozen header row and first column. Analytics path (2–3 requests).
 */
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useMemo, useState } from 'react'
import { LEGEND_STYLE } from '../../components/charts/colors'
import { formatNumber, formatValue } from '../../components/charts/format'
import { ExportMenu } from '../../components/export/ExportMenu'
import { periodLabel } from '../../components/periods'
import { useSelection } from '../../components/selection'
import { Empty, ErrorMessage, Skeleton } from '../../components/states'
import { OVERVIEW_ENTRY_POINTS, readSetting, saveSetting, SCORECARD_TARGETS_KEY } from '../../data/dashboards'
import type { DyadError } from '../../data/errors'
import { toDyadErrorSafe } from '../../data/errors'
import { useClient } from '../../data/useClient'
import { useResource } from '../../data/useResource'
import { CATALOG } from '../../domain/indicators/catalog'
import type { EntryPoint, LegendColor } from '../../domain/indicators/types'
import { entryPointLabel, legendWord, tr } from '../overview/labels'
import { analyticsSource, gridFigures, type IndicatorFigures } from '../overview/model'
import { useIndicatorData } from '../overview/useIndicatorData'
import { legendsFor, parseTargets, type ScorecardTargets } from './targets'
import { TargetsEditor } from './TargetsEditor'
import '../overview/overview.css'
import './scorecard.css'

const SHAPE: Record<LegendColor, string> = { green: '✔', yellow: '▲', red: '✖' }

type SortKey = { col: string; dir: 'ascending' | 'descending' }

export default function ScorecardPage() {
  const sel = useSelection()
  const client = useClient()
  const data = useIndicatorData(sel.orgUnit, sel.period)
  const stored = useResource((c, signal) => readSetting<unknown>(c, SCORECARD_TARGETS_KEY, { signal }), [])
  const [entry, setEntry] = useState<EntryPoint | 'all'>('all')
  const [sort, setSort] = useState<SortKey | undefined>()
  const [editing, setEditing] = useState(false)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<DyadError | undefined>()
  const [saved, setSaved] = useState<ScorecardTargets | undefined>()
  const { plan, defs, dx } = data
  const cols = useMemo(() => defs.filter((d) => d.kind !== 'derived' && (entry === 'all' || d.entryPoint === entry)), [defs, entry])
  const targets = useMemo(() => saved ?? parseTargets(stored.data, defs), [saved, stored.data, defs])
  const legends = useMemo(() => legendsFor(defs, targets), [defs, targets])
  const grid = useMemo(
    () => (plan && data.children && data.childrenData ? gridFigures(cols, analyticsSource(data.childrenData, dx), plan, data.children.map((c) => c.id), CATALOG, legends) : undefined),
    [plan, data.children, data.childrenData, cols, dx, legends],
  )
  const total = useMemo(
    () => (plan && data.main && sel.orgUnit ? gridFigures(cols, analyticsSource(data.main, dx), plan, [sel.orgUnit], CATALOG, legends).get(sel.orgUnit) : undefined),
    [plan, data.main, sel.orgUnit, cols, dx, legends],
  )

  if (!sel.orgUnit) return <Empty reason={i18n.t('Your user has no organisation unit. Ask your administrator to assign one.')} />
  if (!plan) return <Empty reason={i18n.t('This period cannot be shown. Choose another period.')} />
  const error = data.childrenError ?? data.mainError
  if (error) return <ErrorMessage error={error} onRetry={data.reload} />
  if (data.childrenLoading || data.mainLoading || !data.children) return <Skeleton rows={8} />
  if (data.children.length === 0) {
    return <Empty reason={i18n.t('The scorecard compares the organisation units one level below the selection, and this organisation unit has none. Choose a higher level.')} />
  }
  if (!grid) return <Skeleton rows={8} />

  const ouName = data.main?.names[sel.orgUnit] ?? data.childrenData?.names[sel.orgUnit] ?? sel.orgUnit
  const rows = [...data.children]
  if (sort) {
    const val = (id: string): number | string | null => (sort.col === 'name' ? (data.children!.find((c) => c.id === id)?.displayName ?? '') : (grid.get(id)?.get(sort.col)?.value ?? null))
    rows.sort((a, b) => {
      const x = val(a.id)
      const y = val(b.id)
      if (x === null && y === null) return 0
      if (x === null) return 1 // no data last, whatever the direction
      if (y === null) return -1
      const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number)
      return sort.dir === 'ascending' ? c : -c
    })
  }
  const toggleSort = (col: string): void =>
    setSort((s) => (s?.col === col ? { col, dir: s.dir === 'descending' ? 'ascending' : 'descending' } : { col, dir: col === 'name' ? 'ascending' : 'descending' }))
  const title = i18n.t('Scorecard — {{orgUnit}} — {{period}}', { orgUnit: ouName, period: periodLabel(sel.period) })
  const cell = (f: IndicatorFigures | undefined) => {
    if (!f || f.value === null) return <td className="num dyad-sc-empty">–</td>
    const st = LEGEND_STYLE[f.legend ?? 'none']
    return (
      <td className="num" style={{ background: st.background, color: st.text }} title={`${formatNumber(f.numerator, undefined, 0)} / ${formatNumber(f.denominator, undefined, 0)}`}>
        {formatValue(f.value, f.def.unit)} {f.legend ? <span aria-hidden="true">{SHAPE[f.legend]}</span> : null}
        {f.legend ? <span className="dyad-sr-only">{legendWord(f.legend)}</span> : null}
      </td>
    )
  }
  const save = async (t: ScorecardTargets): Promise<void> => {
    setSaving(true)
    setSaveError(undefined)
    try {
      await saveSetting(client, SCORECARD_TARGETS_KEY, t)
      setSaved(t)
      setEditing(false)
    } catch (e) {
      setSaveError(toDyadErrorSafe(e))
    } finally {
      setSaving(false)
    }
  }
  const sheet = {
    name: i18n.t('Scorecard'),
    header: [i18n.t('Organisation unit'), ...cols.map((d) => tr(d.shortName))],
    rows: [
      ...rows.map((u) => [u.displayName, ...cols.map((d) => roundOrNull(grid.get(u.id)?.get(d.code)?.value ?? null))]),
      [i18n.t('Total: {{orgUnit}}', { orgUnit: ouName }), ...cols.map((d) => roundOrNull(total?.get(d.code)?.value ?? null))],
    ],
  }

  return (
    <div className="dyad-scorecard">
      <div className="dyad-actions dyad-no-print">
        <label className="dyad-export-sep">
          {i18n.t('Entry point')}{' '}
          <select value={entry} onChange={(e) => setEntry(e.target.value as EntryPoint | 'all')}>
            <option value="all">{i18n.t('All')}</option>
            {OVERVIEW_ENTRY_POINTS.map((ep) => (
              <option key={ep} value={ep}>
                {entryPointLabel(ep)}
              </option>
            ))}
          </select>
        </label>
        <Button small onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
          {i18n.t('Edit targets')}
        </Button>
      </div>
      {stored.error ? <ErrorMessage error={stored.error} onRetry={stored.reload} /> : null}
      {saveError ? <ErrorMessage error={saveError} /> : null}
      {editing ? <TargetsEditor defs={defs.filter((d) => d.kind !== 'derived')} stored={targets} saving={saving} onSave={(t) => void save(t)} onCancel={() => setEditing(false)} /> : null}
      <ExportMenu fileName={title} sheets={[sheet]} />
      <p className="dyad-muted">
        {i18n.t('Legend: {{good}} {{g}}, {{fair}} {{y}}, {{poor}} {{r}}. Click an organisation unit to see its own scorecard.', {
          good: SHAPE.green,
          g: legendWord('green'),
          fair: SHAPE.yellow,
          y: legendWord('yellow'),
          poor: SHAPE.red,
          r: legendWord('red'),
        })}
      </p>
      <div className="dyad-sc-scroll" tabIndex={0} role="region" aria-label={title}>
        <table className="dyad-table dyad-sc">
          <caption className="dyad-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={sort?.col === 'name' ? sort.dir : 'none'} className="dyad-sc-corner">
                <button type="button" className="dyad-sc-sort" onClick={() => toggleSort('name')}>
                  {i18n.t('Organisation unit')}
                </button>
              </th>
              {cols.map((d) => (
                <th key={d.code} scope="col" aria-sort={sort?.col === d.code ? sort.dir : 'none'} className="num">
                  <button type="button" className="dyad-sc-sort" onClick={() => toggleSort(d.code)} title={tr(d.name)}>
                    {tr(d.shortName)}
                    <span aria-hidden="true">{sort?.col === d.code ? (sort.dir === 'descending' ? ' ↓' : ' ↑') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <button type="button" className="dyad-link" onClick={() => sel.setOrgUnit(u.id)}>
                    {u.displayName}
                  </button>
                </th>
                {cols.map((d) => (
                  <React.Fragment key={d.code}>{cell(grid.get(u.id)?.get(d.code))}</React.Fragment>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{i18n.t('Total: {{orgUnit}}', { orgUnit: ouName })}</th>
              {cols.map((d) => (
                <React.Fragment key={d.code}>{cell(total?.get(d.code))}</React.Fragment>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  )
}

const roundOrNull = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10)
