/**
 * Dashboard plugin entry point (thin): the overview, continuum and scorecard pages as DHIS2
 * dashboard items. The dashboard's filters (`dashboardItemFilters.ou[0]` = {id, name, path},
 * `.pe[0].id`) become the page selection and follow their changes; without filters the user's
 * org unit and the last 12 months are used. Which view an item shows is stored per
 * `dashboardItemId` in the dataStore (`dyad/plugin-<itemId>`), chosen in the item itself.
 * The item tells the Dashboard app its title and "Open in app" link (setDashboardItemDetails) and
 * removes its stored view when removed; filters it cannot apply are named in the item. Exports and
 * the exact computation stay in the app (Open in app): an item shows the figures only.
 */
import i18n from '@dhis2/d2-i18n'
import React, { Suspense, useEffect, useState } from 'react'
import './locales'
import './i18nSettings'
import './components/frame.css'
import { CurrentUserProvider, useCurrentUser } from './components/CurrentUser'
import { ErrorBoundary } from './components/ErrorBoundary'
import { DEFAULT_PERIOD, periodLabel } from './components/periods'
import { formatHash } from './components/router'
import { FixedSelectionProvider } from './components/selection'
import { Empty, ErrorMessage, Loading } from './components/states'
import { deleteSetting, localToday, monthsOf, pluginItemKey, readSetting, saveSetting } from './data/dashboards'
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
  /** Item title, "Open in app" URL (appended by the Dashboard app to the app's launch URL) and clean-up on removal. */
  setDashboardItemDetails?: (details: { itemTitle?: string; appUrl?: string; onRemove?: () => Promise<void> }) => void
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

/**
 * Dashboard filters Dyad cannot apply (org units by level or group, periods it cannot split into
 * months), by name, so the item can say what it shows instead of silently ignoring them.
 */
export function ignoredFilters(filters: PluginProps['dashboardItemFilters'], today: string = localToday()): { ou: string[]; pe: string[] } {
  const ouList = filters?.ou ?? []
  const usable = (o: FilterItem): boolean =>
    o.id === 'USER_ORGUNIT' || (typeof o.id === 'string' && UID.test(o.id)) || (typeof o.path === 'string' && UID.test(o.path.split('/').filter(Boolean).pop() ?? ''))
  const ou = ouList.filter((o) => !usable(o)).map((o) => o.name ?? o.id ?? '?')
  const peList = filters?.pe ?? []
  const pe = peList.length > 0 && !peList.some((p) => typeof p.id === 'string' && monthsOf(p.id, today) !== null) ? peList.map((p) => p.name ?? p.id ?? '?') : []
  return { ou, pe }
}

/** The app view behind an item, for the Dashboard app's "Open in app": `#/path?ou=…&pe=…`. */
export function itemAppUrl(path: string, orgUnit: string | undefined, period: string): string {
  const params = new URLSearchParams()
  if (orgUnit) params.set('ou', orgUnit)
  params.set('pe', period)
  return formatHash(path, params)
}

interface ItemConfig {
  view: string
}

function PluginViews({
  itemId,
  filters,
  mode,
  setDetails,
}: {
  itemId?: string
  filters: PluginProps['dashboardItemFilters']
  mode?: PluginProps['dashboardMode']
  setDetails?: PluginProps['setDashboardItemDetails']
}) {
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
  const ignored = ignoredFilters(filters)
  const viewTitle = view?.title()
  // Title and "Open in app" link of the item follow the view and the filters; removing the item
  // removes its stored view.
  useEffect(() => {
    // not before the item's stored view is known: the header would show another view's title first
    if (typeof setDetails !== 'function' || !current || (itemId && stored.loading)) return
    try {
      setDetails({
        itemTitle: viewTitle ? `${i18n.t('Dyad')} — ${viewTitle}` : i18n.t('Dyad'),
        appUrl: itemAppUrl(current, orgUnit, period),
        onRemove: itemId ? () => deleteSetting(client, pluginItemKey(itemId)).catch(() => undefined) : undefined,
      })
    } catch {
      // an older host without the callback channel: the item keeps the app's default title
    }
  }, [setDetails, current, viewTitle, orgUnit, period, itemId, client, stored.loading])
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
        {ignored.ou.length > 0 ? (
          <p className="dyad-muted" role="note">
            {pluginOrgUnit(filters, undefined)
              ? i18n.t('The dashboard filter {{filter}} cannot be applied by Dyad (organisation units by level or group): it is left out.', { filter: ignored.ou.join(', ') })
              : i18n.t('The dashboard filter {{filter}} cannot be applied by Dyad (organisation units by level or group): your own organisation unit is shown.', { filter: ignored.ou.join(', ') })}
          </p>
        ) : null}
        {ignored.pe.length > 0 ? (
          <p className="dyad-muted" role="note">
            {i18n.t('The dashboard period {{filter}} cannot be split into months by Dyad: {{period}} is shown.', { filter: ignored.pe.join(', '), period: periodLabel(period) })}
          </p>
        ) : null}
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
    <style>{'.dyad-plugin{padding:8px 12px;height:100%;overflow:auto;box-sizing:border-box}.dyad-plugin-bar{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin-bottom:8px;font-size:13px}.dyad-plugin .dyad-matrix{grid-template-columns:repeat(auto-fit,minmax(240px,1fr))}.dyad-plugin .dyad-export,.dyad-plugin .dyad-exact,.dyad-plugin .dyad-continuum-mode{display:none}.dyad-plugin .dyad-scope-note{font-size:12px;margin:4px 0}'}</style>
    <PluginViews itemId={props.dashboardItemId} filters={props.dashboardItemFilters} mode={props.dashboardMode} setDetails={props.setDashboardItemDetails} />
  </CurrentUserProvider>
)

export default Plugin
