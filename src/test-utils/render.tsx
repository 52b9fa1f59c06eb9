/**
 * The one render helper for component tests: app-runtime `Provider` (fixed base URL, API 41)
 * + `CustomDataProvider` with `failOnMiss` (a request the test did not plan fails loudly),
 * the current user and the URL selection. Pass `data` keyed by resource, as CustomDataProvider
 * expects: `{ me: {...}, 'system/info': { version: '2.41.0' }, analytics: (type, query) => … }`.
 */
import { CustomDataProvider, Provider } from '@dhis2/app-runtime'
import i18n from '@dhis2/d2-i18n'
import { render, type RenderResult } from '@testing-library/react'
import React from 'react'
import { CurrentUserProvider } from '../components/CurrentUser'
import { UrlSelectionProvider } from '../components/selection'

type ResourceData = Record<string, unknown>

export const TEST_BASE_URL = 'http://dhis2-tests.dyad'

/** A /api/me answer for tests (override fields as needed). */
export const testUser = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'xE7jOejl9FI',
  username: 'admin',
  displayName: 'John Traore',
  authorities: ['ALL'],
  organisationUnits: [{ id: 'ImspTQPwCqd', displayName: 'Mali', path: '/ImspTQPwCqd', children: true }],
  ...over,
})

export interface RenderOptions {
  data?: ResourceData
  /** Wrap in CurrentUserProvider + UrlSelectionProvider (needs `me` in data). Default true. */
  withUser?: boolean
  /** Switch the language before rendering; without it the test's current language is kept (English unless the test switched). */
  locale?: 'en' | 'fr'
  hash?: string
}

export function renderWithProviders(ui: React.ReactElement, o: RenderOptions = {}): RenderResult {
  if (o.locale) void i18n.changeLanguage(o.locale)
  window.location.hash = o.hash ?? ''
  const data: ResourceData = { 'system/info': { version: '2.41.0.1' }, ...(o.withUser === false ? {} : { me: testUser() }), ...(o.data ?? {}) }
  const inner = o.withUser === false ? ui : (
    <CurrentUserProvider>
      <UrlSelectionProvider>{ui}</UrlSelectionProvider>
    </CurrentUserProvider>
  )
  return render(
    <Provider config={{ baseUrl: TEST_BASE_URL, apiVersion: 41 }} {...({} as Omit<React.ComponentProps<typeof Provider>, "config" | "children">)}>
      <CustomDataProvider data={data as never} options={{ failOnMiss: true }}>
        {inner}
      </CustomDataProvider>
    </Provider>,
  )
}
