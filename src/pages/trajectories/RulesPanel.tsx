/**
 * The profile rules as the user reads them (plain French/English), with their settings (late-ANC
 * week, follow-up days, ANC contacts for a complete continuum) editable: "Apply" recomputes the
 * page with the edited settings, "Save" validates then stores them in the dataStore
 * (`dyad/trajectory-rules`, versioned) for every user of the server.
 */
import i18n from '@dhis2/d2-i18n'
import { Button, NoticeBox } from '@dhis2/ui'
import React, { useEffect, useId, useState } from 'react'
import { ErrorMessage } from '../../components/states'
import { RuleValidationError, saveTrajectoryRules } from '../../data/trajectories'
import { useClient } from '../../data/useClient'
import { DEFAULT_PROFILE_SET, validateProfileSet, type ProfileSet } from '../../domain/trajectories/profiles'
import { criterionText, lang, tr } from './model'

export interface RulesPanelProps {
  /** Rules in use on the page. */
  rules: ProfileSet
  source: 'stored' | 'default'
  onApply: (rules: ProfileSet) => void
  onSaved: (rules: ProfileSet) => void
}

const withValues = (set: ProfileSet, values: Record<string, string>): ProfileSet => ({
  ...set,
  parameters: set.parameters.map((p) => ({ ...p, value: values[p.key] === undefined || values[p.key].trim() === '' ? NaN : Number(values[p.key].replace(',', '.')) })),
})

export function RulesPanel({ rules, source, onApply, onSaved }: RulesPanelProps) {
  const client = useClient()
  const id = useId()
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(rules.parameters.map((p) => [p.key, String(p.value)])))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [saved, setSaved] = useState<string>()
  useEffect(() => setValues(Object.fromEntries(rules.parameters.map((p) => [p.key, String(p.value)]))), [rules])

  const edited = withValues(rules, values)
  const problems = validateProfileSet(edited).map((e) => e[lang()])
  const changed = rules.parameters.some((p) => edited.parameters.find((q) => q.key === p.key)?.value !== p.value)

  const save = async (): Promise<void> => {
    setBusy(true)
    setError(undefined)
    setSaved(undefined)
    try {
      const r = await saveTrajectoryRules(client, edited)
      setSaved(i18n.t('Rules saved (version {{version}}). Every user of this server now sees the profiles with these settings.', { version: r.stored.rules.version }))
      onSaved(r.stored.rules)
    } catch (e) {
      setError(e instanceof RuleValidationError ? new Error(e.errors.map((x) => x[lang()]).join(' ')) : e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="dyad-card dyad-traj-rules" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{i18n.t('Profile rules')}</h2>
      <p className="dyad-muted">
        {source === 'stored' ? i18n.t('Rules saved on this server (version {{version}}).', { version: rules.version }) : i18n.t('Default rules of Dyad (nothing saved on this server yet).')}{' '}
        {i18n.t('A pair may match several profiles; a pair belongs to the period of its delivery (else its infant’s birth, else its first ANC contact).')}
      </p>
      <ol className="dyad-traj-rule-list">
        {rules.profiles.map((p) => (
          <li key={p.code}>
            <strong>{tr(p.name)}</strong> — {tr(p.description)}
            <ul>
              {p.criteria.map((c, i) => (
                <li key={i}>{criterionText(c, rules)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <fieldset className="dyad-traj-params dyad-no-print">
        <legend>{i18n.t('Settings of the rules')}</legend>
        {rules.parameters.map((p) => {
          const inputId = `${id}-${p.key}`
          return (
            <div key={p.key} className="dyad-traj-param">
              <label htmlFor={inputId}>{tr(p.label)}</label>{' '}
              <input id={inputId} type="number" inputMode="numeric" min={p.min} max={p.max} value={values[p.key] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [p.key]: e.target.value }))} />{' '}
              <span className="dyad-muted">{i18n.t('({{min}} to {{max}})', { min: p.min, max: p.max })}</span>
            </div>
          )
        })}
        {problems.length ? (
          <ul className="dyad-traj-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div className="dyad-actions">
          <Button small onClick={() => onApply(edited)} disabled={problems.length > 0 || !changed}>
            {i18n.t('Apply (this page only)')}
          </Button>
          <Button small primary onClick={() => void save()} disabled={problems.length > 0 || busy} loading={busy}>
            {i18n.t('Save for all users')}
          </Button>
          <Button small onClick={() => onApply(DEFAULT_PROFILE_SET)}>
            {i18n.t('Back to the default settings')}
          </Button>
        </div>
      </fieldset>
      {saved ? (
        <NoticeBox title={i18n.t('Saved')}>
          <span role="status">{saved}</span>
        </NoticeBox>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  )
}
