/** Jest setup (all suites): jest-dom matchers, and the generated French/English translations when present. */
import '@testing-library/jest-dom'
import i18n from '@dhis2/d2-i18n'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

// src/locales is generated from i18n/*.po by `d2-app-scripts i18n generate` (scripts/test.ts runs it first).
const dir = path.resolve(__dirname, '..', 'locales')
for (const lang of ['fr', 'en']) {
  const f = path.join(dir, lang, 'translations.json')
  if (existsSync(f)) i18n.addResourceBundle(lang, 'default', JSON.parse(readFileSync(f, 'utf8')), true, false)
}
