/** Period selector: relative periods, or a fixed month, quarter or year (native selects: keyboard and screen-reader friendly). */
import i18n from '@dhis2/d2-i18n'
import React, { useId } from 'react'
import { DEFAULT_PERIOD, RELATIVE_PERIODS, monthId, monthName, parsePeriod, quarterId, relativeLabel, yearChoices, yearId, type PeriodKind } from './periods'

export interface PeriodSelectorProps {
  value: string
  onChange: (periodId: string) => void
  /** For tests: the date the fixed pickers count back from. */
  now?: Date
}

export function PeriodSelector({ value, onChange, now }: PeriodSelectorProps) {
  const id = useId()
  const parsed = parsePeriod(value) ?? parsePeriod(DEFAULT_PERIOD)!
  const today = now ?? new Date()
  const years = yearChoices(today)
  const year = parsed.year ?? today.getUTCFullYear()

  const changeKind = (kind: PeriodKind): void => {
    const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
    if (kind === 'relative') onChange(DEFAULT_PERIOD)
    else if (kind === 'month') onChange(monthId(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1))
    else if (kind === 'quarter') onChange(quarterId(lastMonth.getUTCFullYear(), Math.floor(lastMonth.getUTCMonth() / 3) + 1))
    else onChange(yearId(today.getUTCFullYear() - 1))
  }

  return (
    <fieldset className="dyad-period">
      <legend>{i18n.t('Period')}</legend>
      <label htmlFor={`${id}-kind`} className="dyad-sr-only">
        {i18n.t('Period type')}
      </label>
      <select id={`${id}-kind`} value={parsed.kind} onChange={(e) => changeKind(e.target.value as PeriodKind)}>
        <option value="relative">{i18n.t('Relative')}</option>
        <option value="month">{i18n.t('Month')}</option>
        <option value="quarter">{i18n.t('Quarter')}</option>
        <option value="year">{i18n.t('Year')}</option>
      </select>
      {parsed.kind === 'relative' ? (
        <>
          <label htmlFor={`${id}-rel`} className="dyad-sr-only">
            {i18n.t('Relative period')}
          </label>
          <select id={`${id}-rel`} value={parsed.relative} onChange={(e) => onChange(e.target.value)}>
            {RELATIVE_PERIODS.map((p) => (
              <option key={p} value={p}>
                {relativeLabel(p)}
              </option>
            ))}
          </select>
        </>
      ) : (
        <>
          <label htmlFor={`${id}-year`} className="dyad-sr-only">
            {i18n.t('Year')}
          </label>
          <select
            id={`${id}-year`}
            value={year}
            onChange={(e) => {
              const y = Number(e.target.value)
              if (parsed.kind === 'month') onChange(monthId(y, parsed.month ?? 1))
              else if (parsed.kind === 'quarter') onChange(quarterId(y, parsed.quarter ?? 1))
              else onChange(yearId(y))
            }}
          >
            {(years.includes(year) ? years : [year, ...years]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {parsed.kind === 'month' ? (
            <>
              <label htmlFor={`${id}-month`} className="dyad-sr-only">
                {i18n.t('Month')}
              </label>
              <select id={`${id}-month`} value={parsed.month} onChange={(e) => onChange(monthId(year, Number(e.target.value)))}>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                  <option key={m} value={m}>
                    {monthName(m)}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          {parsed.kind === 'quarter' ? (
            <>
              <label htmlFor={`${id}-quarter`} className="dyad-sr-only">
                {i18n.t('Quarter')}
              </label>
              <select id={`${id}-quarter`} value={parsed.quarter} onChange={(e) => onChange(quarterId(year, Number(e.target.value)))}>
                {[1, 2, 3, 4].map((q) => (
                  <option key={q} value={q}>
                    {i18n.t('Q{{quarter}}', { quarter: q })}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </>
      )}
    </fieldset>
  )
}
