/**
 * The app's translations for component tests. The app imports src/locales/index.js, generated from
 * i18n/*.po by `d2-app-scripts i18n generate` (npm test, the build and CI run it first): one
 * translations.json per language added to the 'default' namespace. Tests read the same JSON files.
 * When a generated file is missing or older than its .po (a msgid appended to i18n/fr.po since the
 * last generate, or a concurrent generate that has just removed src/locales), the .po itself — the
 * source the generator reads — fills it, so a French test never sees a stale or half-built bundle.
 */
import i18n from '@dhis2/d2-i18n'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parsePo } from '../../scripts/po'

/** The namespace of src/locales/index.js and of the DHIS2 app adapter (I18N_NAMESPACE). */
export const APP_NAMESPACE = 'default'

const ROOT = path.resolve(__dirname, '..', '..')
const LOCALES_DIR = path.join(ROOT, 'src', 'locales')
const I18N_DIR = path.join(ROOT, 'i18n')

export type Bundle = Record<string, string>

const mtime = (f: string): number => {
  try {
    return statSync(f).mtimeMs
  } catch {
    return -1
  }
}

function readJson(f: string): Bundle | undefined {
  try {
    const v = JSON.parse(readFileSync(f, 'utf8')) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Bundle) : undefined
  } catch {
    return undefined // removed or half-written by a concurrent generate
  }
}

function fromPo(f: string): Bundle {
  const out: Bundle = {}
  if (!existsSync(f)) return out
  for (const e of parsePo(readFileSync(f, 'utf8'))) if (e.msgstr.trim()) out[e.msgid] = e.msgstr
  return out
}

/** Translations by language ('en', 'fr'): the generated bundles, completed from a newer or sole .po. */
export function loadTranslations(dirs: { locales?: string; i18n?: string } = {}): Record<string, Bundle> {
  const locales = dirs.locales ?? LOCALES_DIR
  const po = dirs.i18n ?? I18N_DIR
  const out: Record<string, Bundle> = {}
  for (const [lang, poFile] of [
    ['en', 'en.pot'],
    ['fr', 'fr.po'],
  ] as const) {
    const json = path.join(locales, lang, 'translations.json')
    const source = path.join(po, poFile)
    const generated = readJson(json)
    const stale = !generated || mtime(source) > mtime(json)
    // en.pot has empty msgstr: English falls back to the msgid, as in the app.
    out[lang] = stale ? { ...(generated ?? {}), ...fromPo(source) } : generated
  }
  return out
}

/**
 * Runs every test of the enclosing describe block in French (the language is reset to English after
 * each test by setupTests). Fails loudly when no French translation is loaded at all.
 */
export function inFrench(): void {
  beforeEach(async () => {
    if (!i18n.hasResourceBundle('fr', APP_NAMESPACE) || Object.keys(i18n.getResourceBundle('fr', APP_NAMESPACE) as object).length === 0) {
      throw new Error('No French translations loaded: run `npx d2-app-scripts i18n generate` (src/locales) or check i18n/fr.po.')
    }
    await i18n.changeLanguage('fr')
  })
}
