/** Exports of every page: CSV (formula-injection safe), XLSX (decision 0501), PNG of charts, print. */
export { ExportMenu, type ExportMenuProps } from './ExportMenu'
export { toCsv, csvCell, neutralise, defaultSeparator, type Cell, type CsvOptions } from './csv'
export { buildXlsx, sheetXml, columnName, sheetName, xmlEscape, XLSX_MIME, type Sheet } from './xlsx'
export { svgToPng, svgMarkup } from './png'
export { downloadBlob, safeFileName } from './download'
