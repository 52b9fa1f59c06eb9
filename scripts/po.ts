/**
 * Minimal gettext PO reader/writer for i18n/en.pot and i18n/fr.po.
 *   npx tsx scripts/po.ts missing            list msgids of en.pot without a French msgstr
 *   npx tsx scripts/po.ts sync [dict.json]   rewrite fr.po in en.pot order, keeping existing
 *                                            translations, adding those of dict.json ({en: fr})
 *
 * The d2 extractor (i18next-scanner with its default namespace separator ':') silently leaves out
 * every message containing a colon ("Cross-check: app vs DHIS2 analytics"), although d2-i18n
 * translates them at run time (nsSeparator false). So the messages are also read from the source
 * (`i18n.t('…')` / `i18n.t("…")` literals in src/, tests excluded): `missing` checks them too, and
 * `sync` keeps them in fr.po after the en.pot entries, instead of dropping their translations.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface PoEntry {
  msgid: string
  msgstr: string
}

const unquote = (s: string): string => JSON.parse(s.replace(/\\'/g, "'")) as string

/** Parses a PO file into entries (header entry with empty msgid skipped; msgctxt/plurals not used by d2-i18n). */
export function parsePo(text: string): PoEntry[] {
  const out: PoEntry[] = []
  let cur: { msgid?: string; msgstr?: string } = {}
  let field: 'msgid' | 'msgstr' | undefined
  const flush = (): void => {
    if (cur.msgid !== undefined && cur.msgid !== '') out.push({ msgid: cur.msgid, msgstr: cur.msgstr ?? '' })
    cur = {}
    field = undefined
  }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') {
      flush()
      continue
    }
    if (line.startsWith('#')) continue
    const m = /^(msgid|msgstr)\s+(".*")$/.exec(line)
    if (m) {
      if (m[1] === 'msgid' && cur.msgid !== undefined) flush()
      field = m[1] as 'msgid' | 'msgstr'
      cur[field] = unquote(m[2])
      continue
    }
    if (line.startsWith('"') && field) cur[field] = (cur[field] ?? '') + unquote(line)
  }
  flush()
  return out
}

const quote = (s: string): string => JSON.stringify(s)

export function writePo(entries: PoEntry[], header: string): string {
  return header + '\n' + entries.map((e) => `msgid ${quote(e.msgid)}\nmsgstr ${quote(e.msgstr)}\n`).join('\n')
}

export const I18N_DIR = path.resolve(__dirname, '..', 'i18n')
export const SRC_DIR = path.resolve(__dirname, '..', 'src')

/** Reads the body of a JS string literal (between its quotes) as the string it denotes. */
function unescapeJs(body: string): string {
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c !== '\\') {
      out += c
      continue
    }
    const n = body[++i]
    if (n === 'n') out += '\n'
    else if (n === 't') out += '\t'
    else if (n === 'u') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16))
      i += 4
    } else out += n ?? ''
  }
  return out
}

/** Messages of `i18n.t('…')` / `i18n.t("…")` calls in the app's source (test files excluded), in file order. */
export function sourceMessages(dir = SRC_DIR): string[] {
  const out = new Set<string>()
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'locales' && e.name !== 'node_modules') walk(p)
      } else if (/\.(ts|tsx|js|jsx)$/.test(e.name) && !/\.test\.(ts|tsx|js|jsx)$/.test(e.name)) {
        const text = readFileSync(p, 'utf8')
        const re = /\bi18n\.t\(\s*(?:'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)")/g
        for (let m = re.exec(text); m; m = re.exec(text)) out.add(unescapeJs(m[1] ?? m[2] ?? ''))
      }
    }
  }
  walk(dir)
  out.delete('')
  return [...out]
}

/** Every message to translate: en.pot's, then those of the source the extractor left out. */
export function allMessages(dir = I18N_DIR, src = SRC_DIR): string[] {
  const en = parsePo(readFileSync(path.join(dir, 'en.pot'), 'utf8')).map((e) => e.msgid)
  const known = new Set(en)
  return [...en, ...sourceMessages(src).filter((m) => !known.has(m)).sort()]
}

/** Messages (en.pot and source) that have no non-empty msgstr in fr.po. */
export function missingFrench(dir = I18N_DIR, src = SRC_DIR): string[] {
  const frPath = path.join(dir, 'fr.po')
  const fr = existsSync(frPath) ? parsePo(readFileSync(frPath, 'utf8')) : []
  const tr = new Map(fr.map((e) => [e.msgid, e.msgstr]))
  return allMessages(dir, src).filter((id) => !(tr.get(id) ?? '').trim())
}

const FR_HEADER = `msgid ""
msgstr ""
"Project-Id-Version: dyad\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1)\\n"
`

if (require.main === module) {
  const [cmd, dictPath] = process.argv.slice(2)
  if (cmd === 'missing') {
    const miss = missingFrench()
    for (const m of miss) console.log(m)
    console.error(`${miss.length} string(s) without French`)
    process.exit(miss.length ? 1 : 0)
  } else if (cmd === 'sync') {
    const en = allMessages().map((msgid) => ({ msgid }))
    const frPath = path.join(I18N_DIR, 'fr.po')
    const fr = existsSync(frPath) ? parsePo(readFileSync(frPath, 'utf8')) : []
    const tr = new Map(fr.map((e) => [e.msgid, e.msgstr]))
    const dict: Record<string, string> = dictPath ? JSON.parse(readFileSync(dictPath, 'utf8')) : {}
    const entries = en.map((e) => ({ msgid: e.msgid, msgstr: dict[e.msgid] ?? tr.get(e.msgid) ?? '' }))
    // fr.po mirrors en.pot plus the source's messages the extractor leaves out; others are dropped
    writeFileSync(frPath, writePo(entries, FR_HEADER))
    const miss = entries.filter((e) => !e.msgstr.trim())
    for (const m of miss) console.log(`missing: ${m.msgid}`)
    console.error(`fr.po: ${entries.length - miss.length}/${entries.length} translated`)
  } else {
    console.error('usage: po.ts missing | sync [dict.json]')
    process.exit(2)
  }
}
