/**
 * Aperçu / Overview (`/`): the four INSPiRE entry points as a matrix of the catalog's indicators
 * for the selected org unit and period — value with legend, numerator/denominator on hover and
 * focus, 12-month sparkline, change vs the same period last year — and the drill-down of an
 * indicator to the next org-unit level. Analytics path: 3 requests (see useIndicatorData).
 */
import i18n from '@dhis2/d2-i18n'
import React, { useMemo, useRef, useState } from 'react'
import { ExportMenu } from '../../components/export/ExportMenu'
import type { Sheet } from '../../components/export/xlsx'
import { periodLabel } from '../../components/periods'
import { useSelection } from '../../components/selection'
import { Empty, ErrorMessage, Skeleton } from '../../components/states'
import { OVERVIEW_ENTRY_POINTS } from '../../data/dashboards'
import type { OrgUnitRef } from '../../data/me'
import { CATALOG } from '../../domain/indicators/catalog'
import { exactStore } from '../../workers/exactStore'
import { usePairComputation } from '../../workers/usePairComputation'
import { Breakdown, type BreakdownRow } from './Breakdown'
import { exactAllowed, exactGroupSource, exactPreference, exactRequest, exactSource } from './exact'
import { ExactControls } from './ExactControls'
import { IndicatorTile } from './IndicatorTile'
import { changeText, entryPointLabel, fmtCount, legendWord, tr } from './labels'
import { analyticsSource, gridFigures, hasAnyData, overviewSections, type OverviewSection } from './model'
import { useIndicatorData } from './useIndicatorData'
import '../../components/charts/charts.css'
import './overview.css'

export function overviewSheet(sections: OverviewSection[], title: string): Sheet {
  return {
    name: title,
    header: [
      i18n.t('Entry point'),
      i18n.t('Indicator'),
      i18n.t('Value'),
      i18n.t('Numerator'),
      i18n.t('Denominator'),
      i18n.t('Same period last year'),
      i18n.t('Change vs same period last year'),
      i18n.t('Legend'),
    ],
    rows: sections.flatMap((s) =>
      s.figures.map((f) => [
        entryPointLabel(s.entryPoint),
        tr(f.def.name),
        f.value === null ? null : Math.round(f.value * 10) / 10,
        f.numerator,
        f.def.unit === 'count' ? null : f.denominator,
        f.previous.value === null ? null : Math.round(f.previous.value * 10) / 10,
        f.change ? changeText(f.change) : null,
        f.legend ? legendWord(f.legend) : null,
      ]),
    ),
  }
}

export default function OverviewPage() {
  const sel = useSelection()
  const data = useIndicatorData(sel.orgUnit, sel.period)
  const [drill, setDrill] = useState<string | undefined>()
  const chartRef = useRef<SVGSVGElement>(null)
  const { plan, main, dx, defs } = data
  // Exact pair computation (district and below), off by default: the analytics path stays the
  // default. The choice lasts for the browser tab, like the record cache behind it (decision 0504).
  const [exactOn, setExactOnState] = useState(exactPreference.get)
  const setExactOn = (on: boolean): void => {
    exactPreference.set(on)
    setExactOnState(on)
  }
  // Offered once the children of THIS unit are known (their paths give its level). Not tied to the
  // loading flags: the children's analytics reload on every period change, and the exact run must
  // not be switched off and on again by that (decision 0504).
  const kidsOwner = useRef<{ list?: OrgUnitRef[]; ou?: string }>({})
  if (data.children !== kidsOwner.current.list) kidsOwner.current = { list: data.children, ou: sel.orgUnit }
  // A unit inside a subtree already read is allowed at once (coming back to the page).
  const allowed = (data.children !== undefined && kidsOwner.current.ou === sel.orgUnit && exactAllowed(data.level)) || (sel.orgUnit !== undefined && exactStore().holds(sel.orgUnit))
  const exactReq = useMemo(() => (plan ? exactRequest(plan) : null), [plan])
  const pc = usePairComputation(sel.orgUnit, exactReq, exactOn && allowed, { breakdown: drill !== undefined })
  const exact = exactOn && allowed && pc.status === 'done' && pc.result ? pc.result : undefined

  // Exact tiles do not wait for analytics (a return to a computed view is then immediate)
  const sections = useMemo(
    () =>
      plan && sel.orgUnit && (exact || main)
        ? overviewSections(defs, exact ? exactSource(exact, plan) : analyticsSource(main!, dx), plan, sel.orgUnit, OVERVIEW_ENTRY_POINTS, CATALOG)
        : undefined,
    [main, plan, dx, defs, sel.orgUnit, exact],
  )
  const drillDef = defs.find((d) => d.code === drill)
  // The drill-down follows the tiles: from the exact computation (each child's subtree as its scope,
  // same worker session) when the tiles are exact, else from analytics.
  const exactBreakdown = exact ? pc.breakdown : undefined
  const breakdown = useMemo<BreakdownRow[] | undefined>(() => {
    if (!drillDef || !data.children || !plan) return undefined
    const src = exact ? (exactBreakdown ? exactGroupSource(exactBreakdown, plan) : undefined) : data.childrenData ? analyticsSource(data.childrenData, dx) : undefined
    if (!src) return undefined
    const grid = gridFigures([drillDef], src, plan, data.children.map((c) => c.id), CATALOG)
    return data.children.map((unit) => ({ unit, f: grid.get(unit.id)?.get(drillDef.code) }))
  }, [drillDef, data.children, data.childrenData, plan, dx, exact, exactBreakdown])

  if (!sel.orgUnit) return <Empty reason={i18n.t('Your user has no organisation unit. Ask your administrator to assign one.')} />
  if (!plan) return <Empty reason={i18n.t('This period cannot be shown. Choose another period.')} />
  if (!exact && data.mainError) return <ErrorMessage error={data.mainError} onRetry={data.reload} />
  if (!sections || (!exact && (data.mainLoading || !main))) return <Skeleton rows={8} />

  const ouName = main?.names[sel.orgUnit] ?? pc.unitName ?? sel.orgUnit
  const title = `${i18n.t('Overview')} — ${ouName} — ${periodLabel(sel.period)}`
  const noData = !exact && main !== undefined && !hasAnyData(main, sel.orgUnit)
  const sheets = [overviewSheet(sections, i18n.t('Overview'))]
  const exactSourceText = exact ? i18n.t('Exact computation from records') : undefined
  if (breakdown && drillDef) {
    sheets.push({
      name: tr(drillDef.shortName),
      header: [i18n.t('Organisation unit'), i18n.t('Value'), i18n.t('Numerator'), i18n.t('Denominator'), i18n.t('Same period last year'), ...(exactSourceText ? [i18n.t('Source')] : [])],
      rows: breakdown.map((r) => [r.unit.displayName, r.f?.value ?? null, r.f?.numerator ?? null, r.f?.denominator ?? null, r.f?.previous.value ?? null, ...(exactSourceText ? [exactSourceText] : [])]),
    })
  }
  const drillTitle = drillDef ? i18n.t('{{indicator}} by organisation unit in {{orgUnit}}', { indicator: tr(drillDef.shortName), orgUnit: ouName }) : ''

  return (
    <div className="dyad-overview">
      <ExactControls on={exactOn} allowed={allowed} onToggle={setExactOn} pc={pc} />
      <p className="dyad-scope-note">
        {exact
          ? i18n.t('{{orgUnit}}, {{period}}: exact computation from {{records}} records ({{pairs}} mother–infant pairs, {{problems}} data problems), compared with the same period last year.', {
              orgUnit: ouName,
              period: periodLabel(sel.period),
              records: fmtCount(exact.records),
              pairs: fmtCount(exact.pairs),
              problems: fmtCount(exact.problems),
            })
          : i18n.t('{{orgUnit}}, {{period}} ({{start}} – {{end}}), compared with the same period last year. Source: DHIS2 analytics (program indicators of the Dyad package).', {
              orgUnit: ouName,
              period: periodLabel(sel.period),
              start: periodLabel(plan.current[0]),
              end: periodLabel(plan.current[plan.current.length - 1]),
            })}
      </p>
      <ExportMenu fileName={title} sheets={sheets} charts={breakdown && drillDef ? [{ label: tr(drillDef.shortName), ref: chartRef }] : []} />
      {noData ? (
        <Empty
          title={i18n.t('No data for this selection')}
          reason={i18n.t('DHIS2 analytics has no Dyad data for {{orgUnit}} in this period or the year before. Check that the Dyad programs are used here and that the analytics tables have been updated, or choose another period.', { orgUnit: ouName })}
        />
      ) : null}
      <div className="dyad-matrix">
        {sections.map((s) => (
          <section key={s.entryPoint} className="dyad-card" aria-labelledby={`dyad-ep-${s.entryPoint}`}>
            <h2 id={`dyad-ep-${s.entryPoint}`}>{entryPointLabel(s.entryPoint)}</h2>
            <ul className="dyad-tiles">
              {s.figures.map((f) => (
                <IndicatorTile key={f.code} f={f} badge={exact ? i18n.t('exact') : undefined} selected={drill === f.code} onDrill={(code) => setDrill((d) => (d === code ? undefined : code))} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {drillDef ? (
        data.childrenError ? (
          <ErrorMessage error={data.childrenError} onRetry={data.reload} />
        ) : data.childrenLoading || (exact && !breakdown) ? (
          <Skeleton rows={4} />
        ) : data.children && data.children.length === 0 ? (
          <Empty reason={i18n.t('{{orgUnit}} has no lower level to drill down to.', { orgUnit: ouName })} />
        ) : breakdown ? (
          <Breakdown
            ref={chartRef}
            title={drillTitle}
            badge={exact ? i18n.t('exact') : undefined}
            source={
              exact
                ? i18n.t('Exact computation from the records of {{orgUnit}}: each organisation unit counts the contacts recorded in it and below, same period last year alongside.', { orgUnit: ouName })
                : undefined
            }
            rows={breakdown}
            onSelectOrgUnit={(id) => {
              sel.setOrgUnit(id)
            }}
          />
        ) : null
      ) : (
        <p className="dyad-muted dyad-no-print">{i18n.t('Select an indicator to see it for each organisation unit one level down.')}</p>
      )}
      <p className="dyad-muted">{i18n.t('Value colours: {{legend}}. Percentages compare in points, counts in percent.', { legend: [legendWord('green'), legendWord('yellow'), legendWord('red')].join(' / ') })}</p>
    </div>
  )
}
