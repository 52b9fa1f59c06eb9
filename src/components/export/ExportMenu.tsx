/**
 * Export bar of a page: CSV (separator by locale, changeable), XLSX, PNG of the page's chart(s) and
 * print (A4 layout from print.css). Export data is the same table the page shows, so the rows of a
 * file match what the user sees.
 */
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useId, useState, type RefObject } from 'react'
import { uiLocale } from '../charts/format'
import { defaultSeparator, toCsv } from './csv'
import { downloadBlob, safeFileName } from './download'
import { svgToPng } from './png'
import { buildXlsx, XLSX_MIME, type Sheet } from './xlsx'
import './print.css'

export interface ExportMenuProps {
  /** File name without extension (accents are dropped), e.g. "apercu-Burkina-2024". */
  fileName: string
  /** The tables of the page; the CSV holds the first one, the XLSX all of them. */
  sheets: Sheet[]
  /** Charts offered as PNG (label + SVG ref). */
  charts?: { label: string; ref: RefObject<SVGSVGElement> }[]
}

export function ExportMenu({ fileName, sheets, charts = [] }: ExportMenuProps) {
  const [separator, setSeparator] = useState<',' | ';'>(() => defaultSeparator(uiLocale()))
  const [error, setError] = useState<string | undefined>()
  const sepId = useId()
  const first = sheets[0]
  const disabled = !first || first.rows.length === 0
  const csv = (): void => {
    if (!first) return
    downloadBlob(safeFileName(fileName, 'csv'), new Blob([toCsv(first.header, first.rows, { separator })], { type: 'text/csv;charset=utf-8' }))
  }
  const xlsx = (): void => {
    downloadBlob(safeFileName(fileName, 'xlsx'), new Blob([buildXlsx(sheets) as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }))
  }
  const png = async (ref: RefObject<SVGSVGElement>, label: string): Promise<void> => {
    setError(undefined)
    if (!ref.current) return
    try {
      downloadBlob(safeFileName(`${fileName}-${label}`, 'png'), await svgToPng(ref.current))
    } catch {
      setError(i18n.t('The image could not be created in this browser. Use Print instead.'))
    }
  }
  return (
    <div className="dyad-actions dyad-export" role="group" aria-label={i18n.t('Export')}>
      <Button small onClick={csv} disabled={disabled}>
        {i18n.t('Download CSV')}
      </Button>
      <label htmlFor={sepId} className="dyad-export-sep">
        {i18n.t('CSV separator')}{' '}
        <select id={sepId} value={separator} onChange={(e) => setSeparator(e.target.value === ';' ? ';' : ',')}>
          <option value=";">{i18n.t('Semicolon (French Excel)')}</option>
          <option value=",">{i18n.t('Comma')}</option>
        </select>
      </label>
      <Button small onClick={xlsx} disabled={disabled}>
        {i18n.t('Download Excel (XLSX)')}
      </Button>
      {charts.map((c) => (
        <Button small key={c.label} onClick={() => void png(c.ref, c.label)}>
          {i18n.t('Image (PNG): {{chart}}', { chart: c.label })}
        </Button>
      ))}
      <Button small onClick={() => window.print()}>
        {i18n.t('Print')}
      </Button>
      {error ? (
        <span role="alert" className="dyad-muted">
          {error}
        </span>
      ) : null}
    </div>
  )
}
