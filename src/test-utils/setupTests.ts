/** Jest setup (all suites): jest-dom matchers, and the generated French/English translations when present. */
import '@testing-library/jest-dom'
import i18n from '@dhis2/d2-i18n'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { TextDecoder, TextEncoder } from 'node:util'

// jsdom lacks TextEncoder/TextDecoder, which metadata/src/uid.ts (SHA-256 UIDs) needs.
const g = globalThis as unknown as { TextEncoder?: unknown; TextDecoder?: unknown }
if (g.TextEncoder === undefined) g.TextEncoder = TextEncoder
if (g.TextDecoder === undefined) g.TextDecoder = TextDecoder

// src/locales is generated from i18n/*.po by `d2-app-scripts i18n generate` (scripts/test.ts runs it first).
const dir = path.resolve(__dirname, '..', 'locales')
for (const lang of ['fr', 'en']) {
  const f = path.join(dir, lang, 'translations.json')
  if (existsSync(f)) i18n.addResourceBundle(lang, 'default', JSON.parse(readFileSync(f, 'utf8')), true, false)
}
