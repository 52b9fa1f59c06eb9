/** Editing the scorecard targets (two thresholds per indicator), validated before saving to the dataStore. */
import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React, { useState } from 'react'
import type { IndicatorDef } from '../../domain/indicators/types'
import { tr } from '../overview/labels'
import { defaultTarget, targetProblem, type ScorecardTargets } from './targets'

const problemText = (p: ReturnType<typeof targetProblem>, lower: boolean): string =>
  p === 'notNumber'
    ? i18n.t('Enter two numbers.')
    : p === 'negative'
      ? i18n.t('Thresholds cannot be negative.')
      : p === 'order'
        ? lower
          ? i18n.t('For an indicator where lower is better, the "good" threshold must not be above the "poor" one.')
          : i18n.t('The "poor" threshold must not be above the "good" one.')
        : ''

export function TargetsEditor({ defs, stored, saving, onSave, onCancel }: { defs: IndicatorDef[]; stored: ScorecardTargets; saving: boolean; onSave: (t: ScorecardTargets) => void; onCancel: () => void }) {
  const editable = defs.filter((d) => d.legend || stored.targets[d.code])
  const [draft, setDraft] = useState<Record<string, { red: string; green: string }>>(() => {
    const o: Record<string, { red: string; green: string }> = {}
    for (const d of editable) {
      const t = stored.targets[d.code] ?? defaultTarget(d)
      o[d.code] = { red: t ? String(t.red) : '', green: t ? String(t.green) : '' }
    }
    return o
  })
  const parse = (s: string): number => (s.trim() === '' ? NaN : Number(s.replace(',', '.')))
  const problems = Object.fromEntries(editable.map((d) => [d.code, targetProblem({ red: parse(draft[d.code].red), green: parse(draft[d.code].green) }, d.direction)]))
  const invalid = Object.values(problems).some((p) => p !== null)
  const save = (): void => {
    const out: ScorecardTargets = { version: 1, targets: {} }
    for (const d of editable) out.targets[d.code] = { red: parse(draft[d.code].red), green: parse(draft[d.code].green) }
    onSave(out)
  }
  return (
    <section className="dyad-card" aria-labelledby="dyad-targets-title">
      <h2 id="dyad-targets-title">{i18n.t('Targets of the scorecard')}</h2>
      <p className="dyad-muted">{i18n.t('Values below the "poor" threshold are red, from the "good" threshold on green, in between yellow (the other way round when lower is better). Saved for every user of Dyad on this server.')}</p>
      <table className="dyad-table">
        <thead>
          <tr>
            <th scope="col">{i18n.t('Indicator')}</th>
            <th scope="col">{i18n.t('Better when')}</th>
            <th scope="col">{i18n.t('Poor threshold')}</th>
            <th scope="col">{i18n.t('Good threshold')}</th>
          </tr>
        </thead>
        <tbody>
          {editable.map((d) => {
            const p = problems[d.code]
            const errId = `dyad-target-err-${d.code}`
            return (
              <tr key={d.code}>
                <th scope="row">{tr(d.shortName)}</th>
                <td>{d.direction === 'lower' ? i18n.t('lower') : i18n.t('higher')}</td>
                {(['red', 'green'] as const).map((k) => (
                  <td key={k}>
                    <input
                      type="text"
                      inputMode="decimal"
                      size={6}
                      value={draft[d.code][k]}
                      aria-label={`${tr(d.shortName)} — ${k === 'red' ? i18n.t('Poor threshold') : i18n.t('Good threshold')}`}
                      aria-invalid={p !== null}
                      aria-describedby={p ? errId : undefined}
                      onChange={(e) => setDraft((o) => ({ ...o, [d.code]: { ...o[d.code], [k]: e.target.value } }))}
                    />
                  </td>
                ))}
                {p ? (
                  <td id={errId} role="alert" className="dyad-legend-red">
                    {problemText(p, d.direction === 'lower')}
                  </td>
                ) : null}
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="dyad-actions">
        <Button primary small onClick={save} disabled={invalid || saving} loading={saving}>
          {i18n.t('Save targets')}
        </Button>
        <Button small secondary onClick={onCancel} disabled={saving}>
          {i18n.t('Cancel')}
        </Button>
      </div>
    </section>
  )
}
