/** Loading, empty and error states shared by every page. */
import i18n from '@dhis2/d2-i18n'
import { Button, CircularLoader, NoticeBox } from '@dhis2/ui'
import React from 'react'
import { describeError } from '../data/errors'

export function Loading({ label, progress }: { label?: string; progress?: string }) {
  return (
    <div className="dyad-state dyad-loading" role="status" aria-live="polite">
      <CircularLoader small />
      <span>{label ?? i18n.t('Loading…')}</span>
      {progress ? <span className="dyad-muted">{progress}</span> : null}
    </div>
  )
}

/** Grey placeholder blocks while a page loads its figures. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="dyad-skeleton" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="dyad-skeleton-row" />
      ))}
    </div>
  )
}

/** An empty result, always with the reason (and what to change). */
export function Empty({ title, reason, children }: { title?: string; reason: string; children?: React.ReactNode }) {
  return (
    <div className="dyad-state dyad-empty" role="status">
      <strong>{title ?? i18n.t('Nothing to show')}</strong>
      <p>{reason}</p>
      {children}
    </div>
  )
}

/** Any error in plain language, with the server's words as a detail and a retry when useful. */
export function ErrorMessage({ error, onRetry, children }: { error: unknown; onRetry?: () => void; children?: React.ReactNode }) {
  const d = describeError(error)
  return (
    <div className="dyad-state" role="alert">
      <NoticeBox error title={d.title}>
        <p>{d.message}</p>
        {d.detail ? (
          <p className="dyad-muted">
            {i18n.t('Server message')}: {d.detail}
          </p>
        ) : null}
        {children}
        {onRetry && d.retry ? (
          <Button small onClick={onRetry}>
            {i18n.t('Try again')}
          </Button>
        ) : null}
      </NoticeBox>
    </div>
  )
}
