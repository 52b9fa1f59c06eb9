/**
 * The pages of Dyad. A page registers itself with ONE entry here (additive edit, keep the
 * order of DESIGN.md §1); only pages that work are listed. The component is lazily loaded so
 * each page is its own chunk, out of the first-load JavaScript.
 *
 *   { path: '/continuum', title: () => i18n.t(<English title>), component: lazy(() => import('./continuum/ContinuumPage')), selection: true },
 *
 * `selection: true` shows the org-unit/period bar above the page; the page reads the choice with
 * `useSelection()` from src/components/selection. `plugin: true` offers the page as a dashboard
 * plugin view (it then receives the dashboard's org-unit and period filters the same way).
 */
import i18n from '@dhis2/d2-i18n'
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

export interface PageDefinition {
  /** Hash route, e.g. '/setup' (the overview is '/'). */
  path: string
  /** Title in the user's language (a function so it follows the locale). */
  title: () => string
  component: LazyExoticComponent<ComponentType>
  /** Show the org-unit and period selection bar. */
  selection: boolean
  /** Offer the page as a view of the dashboard plugin. */
  plugin?: boolean
}

export const pages: PageDefinition[] = [
  { path: '/', title: () => i18n.t('Overview'), component: lazy(() => import('./overview/OverviewPage')), selection: true, plugin: true },
  { path: '/continuum', title: () => i18n.t('Continuum of care'), component: lazy(() => import('./continuum/ContinuumPage')), selection: true, plugin: true },
  { path: '/scorecard', title: () => i18n.t('Scorecard'), component: lazy(() => import('./scorecard/ScorecardPage')), selection: true, plugin: true },
  { path: '/trajectories', title: () => i18n.t('Care trajectories'), component: lazy(() => import('./trajectories/TrajectoriesPage')), selection: true },
  { path: '/data-quality', title: () => i18n.t('Data quality'), component: lazy(() => import('./data-quality/DataQualityPage')), selection: true },
  { path: '/setup', title: () => i18n.t('Setup'), component: lazy(() => import('./setup/SetupPage')), selection: false },
]

export const findPage = (path: string): PageDefinition | undefined => pages.find((p) => p.path === path)
