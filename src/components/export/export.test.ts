/** @jest-environment node */
import { strFromU8, unzipSync } from 'fflate'
import { csvCell, defaultSeparator, neutralise, toCsv } from './csv'
import { buildXlsx, columnName, sheetName } from './xlsx'
import { safeFileName } from './download'

describe('CSV', () => {
  it.each([
    ['=HYPERLINK("http://x","clic")', `"'=HYPERLINK(""http://x"",""clic"")"`],
    ['+33 1 23', "'+33 1 23"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['Kaya', 'Kaya'],
    ['a=b', 'a=b'],
  ])('neutralises %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })

  it('keeps numbers as numbers, negative ones included, with a decimal comma for ;', () => {
    expect(csvCell(-12.5, ',')).toBe('-12.5')
    expect(csvCell(-12.5, ';')).toBe('-12,5')
    expect(csvCell(1234, ';')).toBe('1234')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(null)).toBe('')
  })

  it('quotes separators, quotes and new lines, with BOM and CRLF', () => {
    const out = toCsv(['Nom', 'Valeur'], [['Centre "A"; Ouaga', 41.3], ['ligne\nsuivante', null]], { separator: ';' })
    expect(out.charCodeAt(0)).toBe(0xfeff)
    expect(out.slice(1).split('\r\n')).toEqual(['Nom;Valeur', '"Centre ""A""; Ouaga";41,3', '"ligne\nsuivante";', ''])
    expect(toCsv(['a'], [['x,y']], { bom: false })).toBe('a\r\n"x,y"\r\n')
  })

  it('neutralise leaves safe text alone', () => {
    expect(neutralise('CPN1')).toBe('CPN1')
    expect(neutralise('=1+1')).toBe("'=1+1")
  })

  it('picks ; for French and , for English', () => {
    expect(defaultSeparator('fr')).toBe(';')
    expect(defaultSeparator('en')).toBe(',')
  })
})

describe('XLSX', () => {
  const xlsx = buildXlsx([
    { name: 'Aperçu: CPN/2024', header: ['Indicateur', 'Valeur'], rows: [['=cmd()', 41.5], ['Accouchement <FS> & "PF"', -3], ['vide', null]] },
    { name: 'Aperçu: CPN/2024', header: ['x'], rows: [] },
  ])
  const files = unzipSync(xlsx)

  it('has the SpreadsheetML parts', () => {
    expect(Object.keys(files).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'].sort(),
    )
    const types = strFromU8(files['[Content_Types].xml'])
    expect(types).toContain('/xl/worksheets/sheet2.xml')
    const wb = strFromU8(files['xl/workbook.xml'])
    expect(wb).toContain('<sheet name="Aperçu  CPN 2024" sheetId="1" r:id="rId1"/>')
    expect(wb).toContain('<sheet name="Aperçu  CPN 2024 (2)" sheetId="2" r:id="rId2"/>')
  })

  it('writes text as inline strings (escaped, never formulas) and numbers as numbers', () => {
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Indicateur</t></is></c>')
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">=cmd()</t></is></c>')
    expect(sheet).not.toContain('<f>')
    expect(sheet).toContain('<c r="B2"><v>41.5</v></c>')
    expect(sheet).toContain('Accouchement &lt;FS&gt; &amp; &quot;PF&quot;')
    expect(sheet).toContain('<c r="B3"><v>-3</v></c>')
    expect(sheet).toContain('<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">vide</t></is></c></row>')
    expect(sheet).toContain('state="frozen"')
  })

  it('names columns and sheets as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
    const used = new Set<string>()
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31)
    expect(sheetName('[]', used)).toBe('Sheet')
  })
})

describe('file names', () => {
  it('drops accents and unsafe characters', () => {
    expect(safeFileName('Aperçu — Région du Centre/2024', 'csv')).toBe('Apercu-Region-du-Centre-2024.csv')
    expect(safeFileName('***', 'png')).toBe('dyad.png')
  })
})
