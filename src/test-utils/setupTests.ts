/**
 * Jest setup (all suites): jest-dom matchers, and the app's French/English translations made usable
 * the way the app does it: src/locales/index.js (generated from i18n/*.po by
 * `d2-app-scripts i18n generate`, imported by App.tsx) adds each language's translations.json to
 * the 'default' namespace, and the DHIS2 app adapter makes 'default' the default namespace and sets
 * the user's language; src/i18nSettings (imported by both entry points) turns off i18next's HTML
 * escaping of interpolated values. Here the language stays English unless a test switches it
 * (`i18n.changeLanguage('fr')`, or `renderWithProviders(…, { locale: 'fr' })`, or `inFrench()` from
 * test-utils/translations); it is reset to English after every test so suites keep expecting English.
 */
import '@testing-library/jest-dom'
import i18n from '@dhis2/d2-i18n'
import { TextDecoder, TextEncoder } from 'node:util'
import '../i18nSettings'
import { APP_NAMESPACE, loadTranslations } from './translations'

// jsdom lacks TextEncoder/TextDecoder, which metadata/src/uid.ts (SHA-256 UIDs) needs.
const g = globalThis as unknown as { TextEncoder?: unknown; TextDecoder?: unknown }
if (g.TextEncoder === undefined) g.TextEncoder = TextEncoder
if (g.TextDecoder === undefined) g.TextDecoder = TextDecoder

// What @dhis2/app-adapter does at start-up (utils/localeUtils: setDefaultNamespace(I18N_NAMESPACE)).
i18n.setDefaultNamespace(APP_NAMESPACE)
for (const [lang, bundle] of Object.entries(loadTranslations())) i18n.addResourceBundle(lang, APP_NAMESPACE, bundle, true, false)

// d2-i18n initialises i18next without resources, so i18next defers its start-up
// `changeLanguage('en')` to a timer: wait for it, or it would undo a test's switch to French.
beforeAll(async () => {
  if (!i18n.isInitialized) await new Promise<void>((resolve) => i18n.on('initialized', () => resolve()))
})

afterEach(async () => {
  if (i18n.language !== 'en') await i18n.changeLanguage('en')
})
