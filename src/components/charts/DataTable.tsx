/**
 * The table alternative of a chart: always in the DOM for screen readers (visually hidden), shown
 * on screen with the chart's "Show data table" toggle, and printed.
 */
import React from 'react'

export interface TableColumn {
  label: string
  numeric?: boolean
}

export function DataTable({ caption, columns, rows, visible, id }: { caption: string; columns: TableColumn[]; rows: string[][]; visible: boolean; id?: string }) {
  return (
    <table id={id} className={visible ? 'dyad-table dyad-chart-table' : 'dyad-table dyad-chart-table dyad-sr-only'}>
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
  )
}
