/**
 * Dashboard plugin entry point (thin). The dashboard passes its org-unit and period filters
 * (`dashboardItemFilters.ou[0].id`, `.pe[0].id`); they become the selection of the view. The
 * views are the registered pages marked `plugin: true` (the dashboards engineer adds them).
 */
import i18n from '@dhis2/d2-i18n'
import React, { Suspense, useState } from 'react'
import './locales'
import './components/frame.css'
import { CurrentUserProvider, useCurrentUser } from './components/CurrentUser'
import { ErrorBoundary } from './components/ErrorBoundary'
import { DEFAULT_PERIOD, parsePeriod, periodLabel } from './components/periods'
import { FixedSelectionProvider } from './components/selection'
import { Empty, Loading } from './components/states'
import { pages } from './pages/registry'

interface FilterItem {
  id?: string
  name?: string
  path?: string
}

export interface PluginProps {
  dashboardItemId?: string
  dashboardItemFilters?: { ou?: FilterItem[]; pe?: FilterItem[] } & Record<string, unknown>
  dashboardMode?: 'view' | 'edit' | 'print'
}

/** The first period filter the selector understands (dashboards may send several; DV takes the first). */
export function pluginPeriod(filters: PluginProps['dashboardItemFilters']): string {
  const pe = filters?.pe?.find((p) => typeof p.id === 'string' && parsePeriod(p.id))
  return pe?.id ?? DEFAULT_PERIOD
}

export function pluginOrgUnit(filters: PluginProps['dashboardItemFilters'], fallback: string | undefined): string | undefined {
  const ou = filters?.ou?.find((o) => typeof o.id === 'string' && /^[A-Za-z][A-Za-z0-9]{10}$/.test(o.id))
  return ou?.id ?? fallback
}

function PluginViews({ filters }: { filters: PluginProps['dashboardItemFilters'] }) {
  const user = useCurrentUser()
  const views = pages.filter((p) => p.plugin)
  const [path, setPath] = useState(views[0]?.path)
  const orgUnit = pluginOrgUnit(filters, user.roots[0]?.id)
  const period = pluginPeriod(filters)
  const view = views.find((v) => v.path === path)
  return (
    <FixedSelectionProvider orgUnit={orgUnit} period={period}>
      <div className="dyad-main">
        <p className="dyad-muted">{periodLabel(period)}</p>
        {views.length > 1 ? (
          <label>
            {i18n.t('View')}{' '}
            <select value={path} onChange={(e) => setPath(e.target.value)}>
              {views.map((v) => (
                <option key={v.path} value={v.path}>
                  {v.title()}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {view ? (
          <ErrorBoundary key={view.path}>
            <Suspense fallback={<Loading />}>
              <view.component />
            </Suspense>
          </ErrorBoundary>
        ) : (
          <Empty reason={i18n.t('This version of Dyad has no dashboard view yet. Open the Dyad app for its pages.')} />
        )}
      </div>
    </FixedSelectionProvider>
  )
}

const Plugin = (props: PluginProps) => (
  <CurrentUserProvider>
    <PluginViews filters={props.dashboardItemFilters} />
  </CurrentUserProvider>
)

export default Plugin
