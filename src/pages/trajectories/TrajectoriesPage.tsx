/**
 * Trajectoires / Care trajectories (`/trajectories`), seed 003: routine data → service-use
 * profiles → local governance dashboard. Each pair of the selected org unit's subtree is read from
 * the tracker (pair path, progress + cancel), linked, and classified by the profile rules (data,
 * shown in plain words, settings editable and saved in the dataStore). Counts and shares per
 * profile (bar chart + table), per org unit one level down, and the pairs behind any number.
 */
import i18n from '@dhis2/d2-i18n'
import { Button, LinearLoader } from '@dhis2/ui'
import React, { useMemo, useRef, useState } from 'react'
import { BarChart } from '../../components/charts/BarChart'
import { formatNumber, formatValue } from '../../components/charts/format'
import { useCurrentUser } from '../../components/CurrentUser'
import { ExportMenu } from '../../components/export/ExportMenu'
import type { Sheet } from '../../components/export/xlsx'
import { periodLabel } from '../../components/periods'
import { useSelection } from '../../components/selection'
import { Empty, ErrorMessage, Skeleton } from '../../components/states'
import { localToday, planPeriods } from '../../data/dashboards'
import { ForbiddenError } from '../../data/errors'
import { missingAuthorities } from '../../data/me'
import { readTrajectoryRules } from '../../data/trajectories'
import { useResource } from '../../data/useResource'
import type { ProfileCount } from '../../domain/trajectories/classify'
import type { ProfileSet } from '../../domain/trajectories/profiles'
import { lang, pairRows, tr } from './model'
import { PairList } from './PairList'
import { RulesPanel } from './RulesPanel'
import { useTrajectories, type LoadProgress } from './useTrajectories'
import '../../components/charts/charts.css'
import './trajectories.css'

function progressText(p: LoadProgress): string {
  switch (p.phase) {
    case 'orgUnits':
      return i18n.t('Reading the organisation units…')
    case 'records':
      return p.total !== undefined
        ? i18n.t('Reading tracker records: {{fetched}} of {{total}} (page {{page}})…', { fetched: formatNumber(p.fetched ?? 0), total: formatNumber(p.total), page: p.page ?? 0 })
        : i18n.t('Reading tracker records: {{fetched}} (page {{page}})…', { fetched: formatNumber(p.fetched ?? 0), page: p.page ?? 0 })
    case 'link':
      return i18n.t('Linking mothers and infants ({{fetched}} records)…', { fetched: formatNumber(p.fetched ?? 0) })
    case 'classify':
      return i18n.t('Classifying pairs: {{done}} of {{of}}…', { done: formatNumber(p.done ?? 0), of: formatNumber(p.of ?? 0) })
  }
}

function progressFraction(p: LoadProgress): number | undefined {
  if (p.phase === 'records' && p.total) return Math.min(1, (p.fetched ?? 0) / p.total) * 0.8
  if (p.phase === 'link') return 0.85
  if (p.phase === 'classify' && p.of) return 0.9 + 0.1 * ((p.done ?? 0) / p.of)
  return undefined
}

interface Drill {
  code: string
  group?: string
}

export default function TrajectoriesPage() {
  const sel = useSelection()
  const user = useCurrentUser()
  const plan = useMemo(() => planPeriods(sel.period, localToday()), [sel.period])
  const period = useMemo(() => (plan ? { start: plan.startDate, end: plan.endDate } : null), [plan])
  const stored = useResource((c, signal) => readTrajectoryRules(c, { signal }), [])
  const [override, setOverride] = useState<ProfileSet>()
  const rules = override ?? stored.data?.rules
  const state = useTrajectories(sel.orgUnit, period, rules)
  const [drill, setDrill] = useState<Drill>()
  const [showRules, setShowRules] = useState(false)
  const chartRef = useRef<SVGSVGElement>(null)
  const canOpenCapture = missingAuthorities(user, ['M_dhis-web-capture']).length === 0

  if (!sel.orgUnit) return <Empty reason={i18n.t('Your user has no organisation unit. Ask your administrator to assign one.')} />
  if (!plan || !period) return <Empty reason={i18n.t('This period cannot be shown. Choose another period.')} />
  if (stored.error) return <ErrorMessage error={stored.error} onRetry={stored.reload} />
  if (state.error) {
    return state.error instanceof ForbiddenError ? (
      <ErrorMessage error={state.error} onRetry={state.reload}>
        <p>{i18n.t('Care trajectories are computed from individual tracker records. Your user cannot read the Mother and Infant records of this organisation unit: ask your DHIS2 administrator for data read access to the Dyad programs and a search scope that includes it.')}</p>
      </ErrorMessage>
    ) : (
      <ErrorMessage error={state.error} onRetry={state.reload} />
    )
  }
  if (state.cancelled) {
    return (
      <Empty title={i18n.t('Cancelled')} reason={i18n.t('The computation was cancelled. Nothing is shown until it runs to the end.')}>
        <Button onClick={state.reload}>{i18n.t('Compute again')}</Button>
      </Empty>
    )
  }
  if (!rules || !state.loaded || !state.result) {
    const p = state.progress
    const f = p ? progressFraction(p) : undefined
    return (
      <div className="dyad-traj-progress" role="status" aria-live="polite">
        <p>{p ? progressText(p) : i18n.t('Loading…')}</p>
        {f !== undefined ? <LinearLoader amount={Math.round(f * 100)} /> : <Skeleton rows={2} />}
        <Button small onClick={state.cancel}>
          {i18n.t('Cancel')}
        </Button>
      </div>
    )
  }

  const { loaded, result } = state
  const unitName = (id: string): string => loaded.tree.units.get(id)?.name ?? id
  const ouName = loaded.tree.root.name
  const profileName = (code: string): string => tr(rules.profiles.find((p) => p.code === code)?.name) || code
  const title = `${i18n.t('Care trajectories')} — ${ouName} — ${periodLabel(sel.period)}`
  const share = (p: ProfileCount): string => formatValue(p.share, 'percent')
  const children = loaded.tree.children
  const groups = children.map((c) => ({ unit: c, g: result.byGroup[c.id] }))

  const drillIds = drill ? (result.pairsByProfile[drill.code] ?? []).filter((id) => !drill.group || loaded.groups[loaded.byId.get(id)?.orgUnit ?? ''] === drill.group) : []
  const drillRows = drill ? pairRows(drillIds, loaded.byId, period.end) : []
  const drillTitle = drill
    ? drill.group
      ? i18n.t('Pairs “{{profile}}” in {{orgUnit}}', { profile: profileName(drill.code), orgUnit: unitName(drill.group) })
      : i18n.t('Pairs “{{profile}}” in {{orgUnit}}', { profile: profileName(drill.code), orgUnit: ouName })
    : ''

  const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10)
  const sheets: Sheet[] = [
    {
      name: i18n.t('Profiles'),
      header: [i18n.t('Profile'), i18n.t('Pairs'), i18n.t('Share of pairs (%)')],
      rows: [...result.profiles.map((p) => [profileName(p.code), p.count, round1(p.share)]), [i18n.t('No profile'), result.unclassified, result.total ? round1((result.unclassified / result.total) * 100) : null], [i18n.t('All pairs'), result.total, result.total ? 100 : null]],
    },
    {
      name: i18n.t('By organisation unit'),
      header: [i18n.t('Organisation unit'), i18n.t('Pairs'), ...rules.profiles.flatMap((p) => [tr(p.name), `${tr(p.name)} (%)`])],
      rows: groups.map(({ unit, g }) => [unit.name, g?.total ?? 0, ...rules.profiles.flatMap((p) => {
        const c = g?.profiles.find((x) => x.code === p.code)
        return [c?.count ?? 0, round1(c?.share ?? null)]
      })]),
    },
  ]
  if (drill) {
    sheets.push({
      name: i18n.t('Pairs'),
      header: [i18n.t('Pair'), i18n.t('Mother'), i18n.t('Infants'), i18n.t('Organisation unit'), i18n.t('Reference date'), i18n.t('ANC contacts'), i18n.t('Facility delivery'), i18n.t('Postnatal contacts'), i18n.t('Infant visits')],
      rows: drillRows.map((r) => [r.pair.id, r.pair.mother, r.pair.infants.map((i) => i.entity).join(' '), unitName(r.orgUnit), r.date, r.facts.ancContacts as number, r.facts.delivered ? (r.facts.facilityDelivery ? i18n.t('yes') : i18n.t('no')) : null, r.facts.pncContacts as number, r.facts.infantContacts as number]),
    })
  }

  const problems = loaded.problems.length
  return (
    <div className="dyad-trajectories">
      <p className="dyad-scope-note">
        {i18n.t('{{orgUnit}}, {{period}} ({{start}} – {{end}}): {{total}} pairs whose delivery (else birth, else first ANC contact) falls in the period, from {{records}} tracker records read. Source: DHIS2 tracker (exact computation per pair).', {
          orgUnit: ouName,
          period: periodLabel(sel.period),
          start: period.start,
          end: period.end,
          total: formatNumber(result.total),
          records: formatNumber(loaded.records),
        })}
      </p>
      {problems > 0 ? <p className="dyad-muted">{i18n.t('{{problems}} data problems were found while linking the records (see the Data quality page); the affected records are counted as far as possible.', { problems })}</p> : null}
      <div className="dyad-actions dyad-no-print">
        <Button small onClick={() => setShowRules((s) => !s)} aria-expanded={showRules}>
          {showRules ? i18n.t('Hide the rules') : i18n.t('Show and edit the rules')}
        </Button>
        {override ? (
          <Button small onClick={() => setOverride(undefined)}>
            {i18n.t('Use the saved rules again')}
          </Button>
        ) : null}
        <Button small onClick={state.reload}>
          {i18n.t('Read the records again')}
        </Button>
      </div>
      {override ? <p className="dyad-muted">{i18n.t('Edited settings are applied on this page only; they are not saved.')}</p> : null}
      {state.progress ? (
        <p className="dyad-muted" role="status">
          {progressText(state.progress)}
        </p>
      ) : null}
      {stored.data?.warning ? <p className="dyad-muted">{stored.data.warning[lang()]}</p> : null}
      <ExportMenu fileName={title} sheets={sheets} charts={result.total > 0 ? [{ label: i18n.t('Profiles'), ref: chartRef }] : []} />
      {showRules ? (
        <RulesPanel
          rules={rules}
          source={override ? 'default' : (stored.data?.source ?? 'default')}
          onApply={(r) => setOverride(r)}
          onSaved={() => {
            setOverride(undefined)
            stored.reload()
          }}
        />
      ) : null}
      {result.total === 0 ? (
        <Empty
          title={i18n.t('No pair in this period')}
          reason={i18n.t('No mother–infant pair of {{orgUnit}} has a delivery, birth or ANC contact in this period ({{records}} tracker records read). Choose another period or organisation unit, or check that the Dyad programs are used here.', {
            orgUnit: ouName,
            records: formatNumber(loaded.records),
          })}
        />
      ) : (
        <>
          <section className="dyad-card" aria-labelledby="dyad-traj-profiles">
            <h2 id="dyad-traj-profiles">{i18n.t('Service-use profiles')}</h2>
            <BarChart
              ref={chartRef}
              title={i18n.t('Share of pairs by profile, {{orgUnit}}, {{period}}', { orgUnit: ouName, period: periodLabel(sel.period) })}
              categories={result.profiles.map((p) => ({ key: p.code, label: profileName(p.code) }))}
              series={[{ name: i18n.t('Share of pairs'), values: result.profiles.map((p) => p.share) }]}
              unit="percent"
            />
            <table className="dyad-table" data-testid="profile-table">
              <caption className="dyad-sr-only">{i18n.t('Pairs by profile')}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('Profile')}</th>
                  <th scope="col" className="num">{i18n.t('Pairs')}</th>
                  <th scope="col" className="num">{i18n.t('Share of pairs')}</th>
                </tr>
              </thead>
              <tbody>
                {result.profiles.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">{profileName(p.code)}</th>
                    <td className="num">
                      {p.count > 0 ? (
                        <button type="button" className="dyad-traj-count" onClick={() => setDrill({ code: p.code })} aria-label={i18n.t('{{count}} pairs “{{profile}}”: show the list', { count: p.count, profile: profileName(p.code) })}>
                          {formatNumber(p.count)}
                        </button>
                      ) : (
                        formatNumber(p.count)
                      )}
                    </td>
                    <td className="num">{share(p)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{i18n.t('No profile')}</th>
                  <td className="num">{formatNumber(result.unclassified)}</td>
                  <td className="num">{formatValue(result.total ? (result.unclassified / result.total) * 100 : null, 'percent')}</td>
                </tr>
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{i18n.t('All pairs')}</th>
                  <td className="num">{formatNumber(result.total)}</td>
                  <td className="num" />
                </tr>
              </tfoot>
            </table>
          </section>
          {children.length > 0 ? (
            <section className="dyad-card" aria-labelledby="dyad-traj-by-ou">
              <h2 id="dyad-traj-by-ou">{i18n.t('By organisation unit')}</h2>
              <div className="dyad-traj-scroll" tabIndex={0} role="region" aria-label={i18n.t('Profiles by organisation unit, scrolls horizontally')}>
                <table className="dyad-table" data-testid="group-table">
                  <thead>
                    <tr>
                      <th scope="col">{i18n.t('Organisation unit')}</th>
                      <th scope="col" className="num">{i18n.t('Pairs')}</th>
                      {rules.profiles.map((p) => (
                        <th key={p.code} scope="col" className="num">
                          {tr(p.name)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {groups.map(({ unit, g }) => (
                      <tr key={unit.id}>
                        <th scope="row">
                          {sel.readOnly ? (
                            unit.name
                          ) : (
                            <button type="button" className="dyad-traj-count" onClick={() => sel.setOrgUnit(unit.id)} aria-label={i18n.t('{{orgUnit}}: drill down to the next level', { orgUnit: unit.name })}>
                              {unit.name}
                            </button>
                          )}
                        </th>
                        <td className="num">{formatNumber(g?.total ?? 0)}</td>
                        {rules.profiles.map((p) => {
                          const c = g?.profiles.find((x) => x.code === p.code)
                          return (
                            <td key={p.code} className="num">
                              {c && c.count > 0 ? (
                                <button type="button" className="dyad-traj-count" onClick={() => setDrill({ code: p.code, group: unit.id })} aria-label={i18n.t('{{count}} pairs “{{profile}}” in {{orgUnit}}: show the list', { count: c.count, profile: tr(p.name), orgUnit: unit.name })}>
                                  {formatNumber(c.count)}
                                </button>
                              ) : (
                                formatNumber(c?.count ?? 0)
                              )}{' '}
                              <span className="dyad-muted">({formatValue(c?.share ?? null, 'percent')})</span>
                            </td>
                          )
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </>
      )}
      {drill ? <PairList title={drillTitle} rows={drillRows} orgUnitName={unitName} canOpenCapture={canOpenCapture} onClose={() => setDrill(undefined)} /> : null}
    </div>
  )
}
