import i18n from '@dhis2/d2-i18n'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { BarChart, dropOffs } from './BarChart'
import { contrastRatio, LEGEND_STYLE, SERIES_COLORS } from './colors'
import { formatChange, formatNumber, formatValue, relativeChange } from './format'
import { Sparkline, sparkPath } from './Sparkline'

const NNBSP = '\u202f'
const NBSP = '\u00a0'

describe('number formatting', () => {
  it('formats French numbers with narrow no-break spaces and decimal commas', () => {
    expect(formatNumber(12345.67, 'fr')).toBe(`12${NNBSP}345,7`)
    expect(formatValue(41.25, 'percent', 'fr')).toBe(`41,3${NBSP}%`)
    expect(formatValue(41.25, 'percent', 'en')).toBe('41.3%')
    expect(formatValue(1200, 'count', 'en')).toBe('1,200')
    expect(formatValue(null, 'count', 'fr')).toBe('–')
  })

  it('formats changes with a sign (INSPiRE: +41 %, +404 %)', () => {
    expect(formatChange(relativeChange(141, 100), 'fr')).toBe(`+41${NBSP}%`)
    expect(formatChange(relativeChange(504, 100), 'en')).toBe('+404%')
    expect(formatChange(-5.55, 'fr')).toBe(`-5,6${NBSP}%`)
    expect(relativeChange(5, 0)).toBeNull()
    expect(formatChange(null)).toBe('–')
  })
})

describe('colours', () => {
  it('series and legend text reach WCAG AA on their backgrounds', () => {
    for (const c of SERIES_COLORS) expect(contrastRatio(c, '#ffffff')).toBeGreaterThanOrEqual(4.5)
    for (const [k, s] of Object.entries(LEGEND_STYLE)) {
      if (k === 'none') continue
      expect(contrastRatio(s.text, s.background)).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(s.border, '#ffffff')).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('Sparkline', () => {
  it('breaks the line on missing months', () => {
    const { d, dots } = sparkPath([1, 2, null, 4], 30, 10, 0)
    expect(d.match(/M/g)).toHaveLength(2)
    expect(dots).toHaveLength(3)
    expect(sparkPath([null, null], 30, 10).d).toBe('')
  })

  it('has a spoken summary and a hidden table', () => {
    void i18n.changeLanguage('en')
    render(<Sparkline title="ANC1" unit="count" points={[{ label: 'Jan 2024', value: 10 }, { label: 'Feb 2024', value: null }, { label: 'Mar 2024', value: 30 }]} />)
    expect(screen.getByRole('img', { name: /ANC1: trend from 10 \(Jan 2024\) to 30 \(Mar 2024\); lowest 10, highest 30/ })).toBeInTheDocument()
    const table = screen.getByRole('table')
    expect(table.parentElement).toHaveClass('dyad-sr-only')
    expect(within(table).getAllByRole('row')).toHaveLength(4)
  })
})

describe('BarChart', () => {
  it('computes drop-off between steps', () => {
    expect(dropOffs([100, 80, null, 40])).toEqual([null, -20, null, null])
  })

  it('renders bars for two series and toggles its data table', async () => {
    void i18n.changeLanguage('en')
    render(
      <BarChart
        title="Cascade"
        unit="count"
        dropOff
        categories={[
          { key: 'anc1', label: 'ANC1' },
          { key: 'anc4', label: 'ANC4' },
        ]}
        series={[
          { name: '2024', values: [200, 150] },
          { name: '2023', values: [100, null] },
        ]}
      />,
    )
    const svg = screen.getByRole('img', { name: 'Cascade' })
    expect(svg.querySelectorAll('rect[fill="' + SERIES_COLORS[0] + '"]').length).toBeGreaterThanOrEqual(2)
    const table = screen.getByRole('table', { hidden: true })
    expect(table.parentElement).toHaveClass('dyad-sr-only')
    expect(within(table).getByRole('row', { name: /ANC4 150 -25%|ANC4 150 −25%/ })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Show data table' }))
    expect(table.parentElement).not.toHaveClass('dyad-sr-only')
    expect(screen.getByRole('button', { name: 'Hide data table' })).toHaveAttribute('aria-expanded', 'true')
  })
})
