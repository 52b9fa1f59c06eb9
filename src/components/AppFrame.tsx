/**
 * The page frame under the DHIS2 header bar (which the app shell renders): side navigation of the
 * registered pages, the selection bar when the page wants it, and the page in a Suspense with an
 * error boundary. Printing hides the navigation and the controls.
 */
import i18n from '@dhis2/d2-i18n'
import React, { Suspense, useEffect } from 'react'
import { findPage, pages, type PageDefinition } from '../pages/registry'
import { ErrorBoundary } from './ErrorBoundary'
import { OrgUnitPeriodBar } from './OrgUnitPeriodBar'
import { navigate, useHashLocation } from './router'
import { Empty, Loading } from './states'

export function SideNav({ current }: { current: string }) {
  return (
    <nav className="dyad-nav" aria-label={i18n.t('Dyad pages')}>
      <p className="dyad-nav-title">{i18n.t('Dyad')}</p>
      <ul>
        {pages.map((p) => (
          <li key={p.path}>
            <a href={`#${p.path}${window.location.hash.includes('?') ? window.location.hash.slice(window.location.hash.indexOf('?')) : ''}`} aria-current={p.path === current ? 'page' : undefined}>
              {p.title()}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function PageView({ page }: { page: PageDefinition }) {
  const Component = page.component
  useEffect(() => {
    document.title = `${page.title()} · Dyad`
  }, [page])
  return (
    <>
      <h1 className="dyad-page-title">{page.title()}</h1>
      {page.selection ? <OrgUnitPeriodBar /> : null}
      <ErrorBoundary key={page.path}>
        <Suspense fallback={<Loading />}>
          <Component />
        </Suspense>
      </ErrorBoundary>
    </>
  )
}

export function AppFrame() {
  const { path } = useHashLocation()
  const page = findPage(path)
  // The overview ('/') is the home page once it exists; until then '/' opens the first page.
  useEffect(() => {
    if (!page && path === '/' && pages.length > 0) navigate(pages[0].path, undefined, true)
  }, [page, path])
  return (
    <div className="dyad-frame">
      <SideNav current={path} />
      <main className="dyad-main" id="dyad-main">
        {page ? (
          <PageView page={page} />
        ) : path === '/' && pages.length > 0 ? (
          <Loading />
        ) : (
          <Empty title={i18n.t('Page not found')} reason={i18n.t('This address does not match any Dyad page. Choose a page in the menu.')} />
        )}
      </main>
    </div>
  )
}
