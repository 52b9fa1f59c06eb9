/**
 * The table alternative of a chart: always in the DOM for screen readers (visually hidden), shown
 * on screen with the chart's "Show data table" toggle, and printed. Hidden, it sits in a visually
 * hidden wrapper: a table ignores `width: 1px`, so the class cannot go on the table itself without
 * the hidden table widening the page.
 */
import React from 'react'

export interface TableColumn {
  label: string
  numeric?: boolean
}

export function DataTable({ caption, columns, rows, visible, id }: { caption: string; columns: TableColumn[]; rows: string[][]; visible: boolean; id?: string }) {
  return (
    <div className={visible ? 'dyad-chart-table-wrap' : 'dyad-sr-only'}>
    <table id={id} className="dyad-table dyad-chart-table">
      <caption className={visible ? 'dyad-chart-caption' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j} className={columns[j]?.numeric ? 'num' : undefined}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  )
}
