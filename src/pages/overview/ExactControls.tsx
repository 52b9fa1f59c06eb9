/**
 * The overview's switch to the exact pair computation (district and below): toggle, progress bar,
 * Cancel, and the state of the run (computing on the main thread, cancelled, failed, done), and of
 * the record cache behind it: when the records were last checked against the server, the latest
 * change the server recorded, the changes the last check applied, a failed check (the figures
 * shown stay those of the last check), "Check for changes" and "Refresh" (read every record again).
 */
import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { ErrorMessage } from '../../components/states'
import type { PairComputation } from '../../workers/usePairComputation'

const fmt = (n: number): string => new Intl.NumberFormat(i18n.language || 'en').format(n)

/** Browser time of a check, in the user's language (time only when it is today). */
export function checkTime(ms: number, now: number = Date.now()): string {
  const lang = i18n.language || 'en'
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString()
  return new Intl.DateTimeFormat(lang, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms))
}

/** A server stamp (server wall-clock ms) as the server wrote it: formatted in UTC, so not shifted into the browser's zone. */
export function serverTime(ms: number): string {
  return new Intl.DateTimeFormat(i18n.language || 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ms))
}

export function ExactControls({ on, allowed, onToggle, pc }: { on: boolean; allowed: boolean; onToggle: (on: boolean) => void; pc: PairComputation }) {
  const p = pc.progress
  const running = pc.status === 'loading' || pc.status === 'computing'
  const active = on && allowed
  return (
    <div className="dyad-exact dyad-no-print">
      <label>
        <input type="checkbox" checked={active} disabled={!allowed} onChange={(e) => onToggle(e.target.checked)} /> {i18n.t('Exact computation from records (district and below)')}
      </label>
      {!allowed ? <span className="dyad-muted">{i18n.t('Choose a district or a lower level to compute from the records.')}</span> : null}
      {active && pc.inline ? <span className="dyad-muted">{i18n.t('This browser cannot run the computation in the background: it runs on the page, which may be slow.')}</span> : null}
      {active && running ? (
        <div role="status" aria-live="polite">
          <span>
            {p?.phase === 'orgUnits'
              ? i18n.t('Reading the organisation units…')
              : p?.phase === 'compute'
                ? i18n.t('Computing the indicators from {{records}} records…', { records: fmt(p.loaded) })
                : p?.total !== undefined
                  ? i18n.t('Reading records: {{loaded}} of {{total}}', { loaded: fmt(p?.loaded ?? 0), total: fmt(p.total) })
                  : i18n.t('Reading records: {{loaded}}', { loaded: fmt(p?.loaded ?? 0) })}
          </span>
          {p?.total ? <progress aria-label={i18n.t('Progress of the exact computation')} value={Math.min(p.loaded, p.total)} max={p.total} /> : <progress aria-label={i18n.t('Progress of the exact computation')} />}
          <button type="button" onClick={pc.cancel}>
            {i18n.t('Cancel')}
          </button>
        </div>
      ) : null}
      {active && pc.status === 'cancelled' ? (
        <span role="status">
          {i18n.t('Exact computation cancelled: the values shown come from DHIS2 analytics.')}{' '}
          <button type="button" onClick={pc.rerun}>
            {i18n.t('Compute again')}
          </button>
        </span>
      ) : null}
      {active && pc.status === 'error' && pc.error ? <ErrorMessage error={pc.error} onRetry={pc.rerun} /> : null}
      {active && pc.status === 'done' ? (
        <div className="dyad-exact-freshness" role="status" aria-live="polite">
          <span>
            {pc.checking
              ? i18n.t('Checking the server for changed records…')
              : pc.checkedAt !== undefined
                ? i18n.t('Records last checked against the server: {{time}}', { time: checkTime(pc.checkedAt) })
                : null}
          </span>
          {pc.records !== undefined ? <span className="dyad-muted">{i18n.t('{{records}} records kept in this browser tab.', { records: fmt(pc.records) })}</span> : null}
          {pc.serverUpdatedAt !== undefined && pc.serverUpdatedAt !== null ? (
            <span className="dyad-muted">{i18n.t('Latest change recorded on the server: {{time}} (server time)', { time: serverTime(pc.serverUpdatedAt) })}</span>
          ) : null}
          {pc.lastChange ? (
            <span className="dyad-muted">
              {i18n.t('Changes applied at {{time}}: records updated: {{changed}}, removed: {{removed}}.', { changed: fmt(pc.lastChange.changed), removed: fmt(pc.lastChange.removed), time: checkTime(pc.lastChange.at) })}
            </span>
          ) : null}
          <span className="dyad-exact-actions">
            <button type="button" onClick={pc.recheck} disabled={pc.checking}>
              {i18n.t('Check for changes')}
            </button>
            <button type="button" onClick={pc.refresh} title={i18n.t('Read every record of the selection again from the server')}>
              {i18n.t('Refresh (read all records again)')}
            </button>
          </span>
        </div>
      ) : null}
      {active && pc.status === 'done' && pc.checkError ? (
        <ErrorMessage error={pc.checkError} onRetry={pc.recheck}>
          <p>
            {i18n.t('Could not check the server for changed records. The figures shown are those of the last check ({{time}}).', {
              time: pc.checkedAt !== undefined ? checkTime(pc.checkedAt) : '–',
            })}
          </p>
        </ErrorMessage>
      ) : null}
    </div>
  )
}
