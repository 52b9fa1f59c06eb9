/**
 * The overview's switch to the exact pair computation (district and below): toggle, progress bar,
 * Cancel, and the state of the run (computing on the main thread, cancelled, failed, done).
 */
import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { ErrorMessage } from '../../components/states'
import type { PairComputation } from '../../workers/usePairComputation'

const fmt = (n: number): string => new Intl.NumberFormat(i18n.language || 'en').format(n)

export function ExactControls({ on, allowed, onToggle, pc }: { on: boolean; allowed: boolean; onToggle: (on: boolean) => void; pc: PairComputation }) {
  const p = pc.progress
  const running = pc.status === 'loading' || pc.status === 'computing'
  return (
    <div className="dyad-exact dyad-no-print">
      <label>
        <input type="checkbox" checked={on && allowed} disabled={!allowed} onChange={(e) => onToggle(e.target.checked)} /> {i18n.t('Exact computation from records (district and below)')}
      </label>
      {!allowed ? <span className="dyad-muted">{i18n.t('Choose a district or a lower level to compute from the records.')}</span> : null}
      {on && allowed && pc.inline ? <span className="dyad-muted">{i18n.t('This browser cannot run the computation in the background: it runs on the page, which may be slow.')}</span> : null}
      {on && allowed && running ? (
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
      {on && allowed && pc.status === 'cancelled' ? (
        <span role="status">
          {i18n.t('Exact computation cancelled: the values shown come from DHIS2 analytics.')}{' '}
          <button type="button" onClick={pc.rerun}>
            {i18n.t('Compute again')}
          </button>
        </span>
      ) : null}
      {on && allowed && pc.status === 'error' && pc.error ? <ErrorMessage error={pc.error} onRetry={pc.rerun} /> : null}
    </div>
  )
}
