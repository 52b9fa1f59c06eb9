/**
 * Minimal gettext PO reader/writer for i18n/en.pot and i18n/fr.po.
 *   npx tsx scripts/po.ts missing            list msgids of en.pot without a French msgstr
 *   npx tsx scripts/po.ts sync [dict.json]   rewrite fr.po in en.pot order, keeping existing
 *                                            translations, adding those of dict.json ({en: fr})
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
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

/** msgids of en.pot that have no non-empty msgstr in fr.po. */
export function missingFrench(dir = I18N_DIR): string[] {
  const en = parsePo(readFileSync(path.join(dir, 'en.pot'), 'utf8'))
  const frPath = path.join(dir, 'fr.po')
  const fr = existsSync(frPath) ? parsePo(readFileSync(frPath, 'utf8')) : []
  const tr = new Map(fr.map((e) => [e.msgid, e.msgstr]))
  return en.map((e) => e.msgid).filter((id) => !(tr.get(id) ?? '').trim())
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
    const en = parsePo(readFileSync(path.join(I18N_DIR, 'en.pot'), 'utf8'))
    const frPath = path.join(I18N_DIR, 'fr.po')
    const fr = existsSync(frPath) ? parsePo(readFileSync(frPath, 'utf8')) : []
    const tr = new Map(fr.map((e) => [e.msgid, e.msgstr]))
    const dict: Record<string, string> = dictPath ? JSON.parse(readFileSync(dictPath, 'utf8')) : {}
    const entries = en.map((e) => ({ msgid: e.msgid, msgstr: dict[e.msgid] ?? tr.get(e.msgid) ?? '' }))
    // keep translations of strings no longer in en.pot out: fr.po mirrors en.pot
    writeFileSync(frPath, writePo(entries, FR_HEADER))
    const miss = entries.filter((e) => !e.msgstr.trim())
    for (const m of miss) console.log(`missing: ${m.msgid}`)
    console.error(`fr.po: ${entries.length - miss.length}/${entries.length} translated`)
  } else {
    console.error('usage: po.ts missing | sync [dict.json]')
    process.exit(2)
  }
}
