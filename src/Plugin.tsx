/**
 * Dashboard plugin entry point (thin): the overview, continuum and scorecard pages as DHIS2
 * dashboard items. The dashboard's filters (`dashboardItemFilters.ou[0]` = {id, name, path},
 * `.pe[0].id`) become the page selection and follow their changes; without filters the user's
 * org unit and the last 12 months are used. Which view an item shows is stored per
 * `dashboardItemId` in the dataStore (`dyad/plugin-<itemId>`), chosen in the item itself.
 */
import i18n from '@dhis2/d2-i18n'
import React, { Suspense, useEffect, useState } from 'react'
import './locales'
import './i18nSettings'
import './components/frame.css'
import { CurrentUserProvider, useCurrentUser } from './components/CurrentUser'
import { ErrorBoundary } from './components/ErrorBoundary'
import { DEFAULT_PERIOD, periodLabel } from './components/periods'
import { FixedSelectionProvider } from './components/selection'
import { Empty, ErrorMessage, Loading } from './components/states'
import { localToday, monthsOf, pluginItemKey, readSetting, saveSetting } from './data/dashboards'
import type { DyadError } from './data/errors'
import { toDyadErrorSafe } from './data/errors'
import { useClient } from './data/useClient'
import { useResource } from './data/useResource'
import { pages } from './pages/registry'

interface FilterItem {
  id?: string
  name?: string
  path?: string
}

export interface PluginProps {
  dashboardItemId?: string
  dashboardItemFilters?: { ou?: FilterItem[]; pe?: FilterItem[] } & Record<string, unknown>
  /** The Dashboard app's modes (its modules/dashboardModes): print and print-layout are both printing. */
  dashboardMode?: 'view' | 'edit' | 'new' | 'print' | 'print-layout'
}

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/

/** The first period filter Dyad can compute (dashboards may send several; Data Visualizer takes the first). */
export function pluginPeriod(filters: PluginProps['dashboardItemFilters'], today: string = localToday()): string {
  const pe = filters?.pe?.find((p) => typeof p.id === 'string' && monthsOf(p.id, today) !== null)
  return pe?.id ?? DEFAULT_PERIOD
}

/** The first org-unit filter: its id, else the last UID of its path. */
export function pluginOrgUnit(filters: PluginProps['dashboardItemFilters'], fallback: string | undefined): string | undefined {
  for (const o of filters?.ou ?? []) {
    if (typeof o.id === 'string' && UID.test(o.id)) return o.id
    const last = typeof o.path === 'string' ? o.path.split('/').filter(Boolean).pop() : undefined
    if (last && UID.test(last)) return last
  }
  return fallback
}

interface ItemConfig {
  view: string
}

function PluginViews({ itemId, filters, mode }: { itemId?: string; filters: PluginProps['dashboardItemFilters']; mode?: PluginProps['dashboardMode'] }) {
  const user = useCurrentUser()
  const client = useClient()
  const views = pages.filter((p) => p.plugin)
  const stored = useResource((c, signal) => (itemId ? readSetting<ItemConfig>(c, pluginItemKey(itemId), { signal }) : Promise.resolve(undefined)), [itemId])
  const [path, setPath] = useState<string | undefined>()
  const [saveError, setSaveError] = useState<DyadError | undefined>()
  useEffect(() => {
    if (stored.data && views.some((v) => v.path === stored.data?.view)) setPath(stored.data.view)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored.data])
  const orgUnit = pluginOrgUnit(filters, user.roots[0]?.id)
  const period = pluginPeriod(filters)
  const current = path ?? views[0]?.path
  const view = views.find((v) => v.path === current)
  const choose = async (p: string): Promise<void> => {
    setPath(p)
    setSaveError(undefined)
    if (!itemId) return
    try {
      await saveSetting(client, pluginItemKey(itemId), { view: p } satisfies ItemConfig)
    } catch (e) {
      setSaveError(toDyadErrorSafe(e))
    }
  }
  if (stored.loading && itemId) return <Loading />
  return (
    <FixedSelectionProvider orgUnit={orgUnit} period={period}>
      <div className="dyad-main dyad-plugin" lang={i18n.language}>
        <div className="dyad-plugin-bar">
          {views.length > 1 && mode !== 'print' && mode !== 'print-layout' ? (
            <label>
              {i18n.t('View')}{' '}
              <select value={current} onChange={(e) => void choose(e.target.value)}>
                {views.map((v) => (
                  <option key={v.path} value={v.path}>
                    {v.title()}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <strong>{view?.title()}</strong>
          )}
          <span className="dyad-muted">{periodLabel(period)}</span>
        </div>
        {stored.error ? <ErrorMessage error={stored.error} onRetry={stored.reload} /> : null}
        {saveError ? <ErrorMessage error={saveError} /> : null}
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
    <style>{'.dyad-plugin{padding:8px 12px;height:100%;overflow:auto;box-sizing:border-box}.dyad-plugin-bar{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin-bottom:8px;font-size:13px}.dyad-plugin .dyad-matrix{grid-template-columns:repeat(auto-fit,minmax(240px,1fr))}'}</style>
    <PluginViews itemId={props.dashboardItemId} filters={props.dashboardItemFilters} mode={props.dashboardMode} />
  </CurrentUserProvider>
)

export default Plugin
