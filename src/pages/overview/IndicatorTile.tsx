/**
 * One indicator of the overview matrix: name (drills down), value with its legend word and colour,
 * numerator/denominator on hover AND keyboard focus (a described-by tooltip), 12-month sparkline,
 * change vs the same period last year (arrow + text; colour never alone).
 */
import i18n from '@dhis2/d2-i18n'
import React, { useId } from 'react'
import { LEGEND_STYLE } from '../../components/charts/colors'
import { Sparkline } from '../../components/charts/Sparkline'
import { periodLabel } from '../../components/periods'
import { arrowOf, changeSpoken, changeText, fmtCount, fmtFigure, legendWord, tr, withColon } from './labels'
import type { IndicatorFigures } from './model'

export function IndicatorTile({ f, onDrill, selected, badge }: { f: IndicatorFigures; onDrill: (code: string) => void; selected: boolean; badge?: string }) {
  const tipId = useId()
  const style = LEGEND_STYLE[f.legend ?? 'none']
  const name = tr(f.def.shortName)
  const hasDen = f.def.unit !== 'count'
  return (
    <li className={`dyad-tile${selected ? ' dyad-tile-selected' : ''}`} data-code={f.code}>
      <button type="button" className="dyad-tile-name" onClick={() => onDrill(f.code)} aria-pressed={selected} title={tr(f.def.name)}>
        {name}
      </button>
      {badge ? <span className="dyad-tile-badge">{badge}</span> : null}
      <div className="dyad-tile-figures">
        <span className="dyad-tile-value-wrap">
          <button
            type="button"
            className="dyad-tile-value"
            style={{ background: style.background, borderColor: style.border, color: style.text }}
            aria-describedby={tipId}
            onClick={() => onDrill(f.code)}
            aria-label={`${withColon(name)} ${fmtFigure(f)}${f.legend ? `, ${legendWord(f.legend)}` : ''}`}
          >
            {fmtFigure(f)}
            {f.legend ? <span className="dyad-tile-legend">{legendWord(f.legend)}</span> : null}
          </button>
          <span role="tooltip" id={tipId} className="dyad-tile-tip">
            <span>
              {withColon(i18n.t('Numerator'))} <strong>{fmtCount(f.numerator)}</strong> — {tr(f.def.numeratorText)}
            </span>
            {hasDen ? (
              <span>
                {withColon(i18n.t('Denominator'))} <strong>{fmtCount(f.denominator)}</strong> — {tr(f.def.denominatorText)}
              </span>
            ) : null}
            {f.def.kind !== 'derived' ? (
              <span>
                {withColon(i18n.t('Same period last year'))} <strong>{fmtFigure({ ...f, value: f.previous.value })}</strong>
              </span>
            ) : null}
          </span>
        </span>
        <Sparkline points={f.spark.map((s) => ({ label: periodLabel(s.period), value: s.value }))} unit={f.def.unit} title={name} table={false} />
        <span className="dyad-tile-change" title={changeSpoken(f.change)}>
          <span aria-hidden="true">{f.def.kind === 'derived' ? '' : `${arrowOf(f.change)} ${changeText(f.change)}`}</span>
          <span className="dyad-sr-only">{f.def.kind === 'derived' ? '' : changeSpoken(f.change)}</span>
        </span>
      </div>
    </li>
  )
}
