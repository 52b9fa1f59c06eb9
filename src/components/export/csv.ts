/**
 * CSV export, safe to open in Excel/LibreOffice:
 * - formula injection: a text cell starting with = + - @, a tab or a carriage return is prefixed
 *   with an apostrophe so the spreadsheet shows it as text and never evaluates it (OWASP);
 *   numbers are written as numbers (a negative number is not text and stays a number);
 * - UTF-8 BOM so Excel reads accents (é, è, ç) correctly;
 * - `;` separator with a decimal comma for French Excel, `,` with a decimal point otherwise;
 * - CRLF line ends (RFC 4180), quotes doubled, fields with separators/quotes/newlines quoted.
 */
export type Cell = string | number | null | undefined

export interface CsvOptions {
  separator?: ',' | ';'
  /** Prepend the UTF-8 byte-order mark (default true). */
  bom?: boolean
}

const DANGEROUS = /^[=+\-@\t\r]/

/** A text cell made inert for spreadsheets (an apostrophe before a leading = + - @ tab CR). */
export function neutralise(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text
}

function numberText(n: number, separator: ',' | ';'): string {
  if (!Number.isFinite(n)) return ''
  const s = String(n)
  return separator === ';' ? s.replace('.', ',') : s
}

export function csvCell(cell: Cell, separator: ',' | ';' = ','): string {
  if (cell === null || cell === undefined) return ''
  const text = typeof cell === 'number' ? numberText(cell, separator) : neutralise(String(cell))
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: string[], rows: Cell[][], o: CsvOptions = {}): string {
  const sep = o.separator ?? ','
  const lines = [header, ...rows].map((r) => r.map((c) => csvCell(c, sep)).join(sep))
  return `${o.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`
}

/** Separator matching the locale's spreadsheet convention (decimal comma → `;`). */
export function defaultSeparator(locale: string): ',' | ';' {
  try {
    const dec = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value
    return dec === ',' ? ';' : ','
  } catch {
    return ','
  }
}
