/**
 * Typed errors of the data adapter. Every failure that leaves `src/data/` is one of these, so
 * pages can show a plain French/English message (`describeError`) and decide what to do (a 401
 * keeps unsaved edits and asks to log in again; a 409 shows the import report).
 */
import i18n from '@dhis2/d2-i18n'
import type { ImportReport } from './importReport'

export type DyadErrorKind =
  | 'session-expired'
  | 'forbidden'
  | 'conflict'
  | 'not-found'
  | 'bad-request'
  | 'server'
  | 'offline'
  | 'timeout'
  | 'bad-response'
  | 'aborted'

export abstract class DyadError extends Error {
  abstract readonly kind: DyadErrorKind
  /** HTTP status when the server answered. */
  readonly status?: number
  /** The server's own message (DHIS2 WebMessage `message`), shown as a detail, never parsed. */
  readonly serverMessage?: string
  /** Raw body the server sent with the error, when any. */
  readonly details?: unknown

  constructor(message: string, init: { status?: number; serverMessage?: string; details?: unknown; cause?: unknown } = {}) {
    super(message)
    this.name = new.target.name
    this.status = init.status
    this.serverMessage = init.serverMessage
    this.details = init.details
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause
  }
}

export class SessionExpiredError extends DyadError {
  readonly kind = 'session-expired' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('Your session has expired. Log in again; your unsaved work is kept on this page.'), { status: 401, ...init })
  }
}

export class ForbiddenError extends DyadError {
  readonly kind = 'forbidden' as const
  /** The authorities the user lacks, when known (from the request or the server message). */
  readonly missingAuthorities: string[]
  constructor(missingAuthorities: string[] = [], init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(
      missingAuthorities.length > 0
        ? i18n.t('You do not have permission for this action (missing authority {{authorities}}). Ask your DHIS2 administrator to add it to one of your user roles.', {
            authorities: missingAuthorities.join(', '),
          })
        : i18n.t('You do not have permission for this action. Ask your DHIS2 administrator for access.'),
      { status: 403, ...init },
    )
    this.missingAuthorities = missingAuthorities
  }
}

export class ConflictError extends DyadError {
  readonly kind = 'conflict' as const
  /** The import report the server sent with the 409, when there is one. */
  readonly report?: ImportReport
  constructor(report: ImportReport | undefined, init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The server refused the change because it conflicts with existing data. See the details below.'), { status: 409, ...init })
    this.report = report
  }
}

export class NotFoundError extends DyadError {
  readonly kind = 'not-found' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The requested item was not found on the server.'), { status: 404, ...init })
  }
}

export class BadRequestError extends DyadError {
  readonly kind = 'bad-request' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The server did not accept the request. Check the selection and try again.'), { status: 400, ...init })
  }
}

export class ServerError extends DyadError {
  readonly kind = 'server' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The DHIS2 server had a problem answering. Try again in a few minutes; if it persists, tell your administrator.'), init)
  }
}

export class OfflineError extends DyadError {
  readonly kind = 'offline' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The server cannot be reached. Check your internet connection and try again.'), init)
  }
}

export class TimeoutError extends DyadError {
  readonly kind = 'timeout' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The server took too long to answer. Try a smaller selection (fewer org units or a shorter period) or try again later.'), init)
  }
}

export class BadResponseError extends DyadError {
  readonly kind = 'bad-response' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('The server sent an answer the app cannot read. Your DHIS2 version may not be supported.'), init)
  }
}

export class AbortedError extends DyadError {
  readonly kind = 'aborted' as const
  constructor(init: ConstructorParameters<typeof DyadError>[1] = {}) {
    super(i18n.t('Cancelled.'), init)
  }
}

export const isDyadError = (e: unknown): e is DyadError => e instanceof DyadError

/** Errors worth retrying for a GET: the server or the network may recover. */
export const isRetryable = (e: unknown): boolean =>
  e instanceof ServerError || e instanceof TimeoutError || e instanceof OfflineError

export interface ErrorDescription {
  title: string
  message: string
  /** The server's own words, when they add something. */
  detail?: string
  /** True when trying again can help. */
  retry: boolean
}

/** Plain-language title and message for any thrown value (pages call this through ErrorMessage). */
export function describeError(e: unknown): ErrorDescription {
  if (!isDyadError(e)) {
    return { title: i18n.t('Something went wrong'), message: i18n.t('An unexpected error occurred. Reload the page and try again.'), detail: e instanceof Error ? e.message : undefined, retry: true }
  }
  const titles: Record<DyadErrorKind, string> = {
    'session-expired': i18n.t('Session expired'),
    forbidden: i18n.t('Access denied'),
    conflict: i18n.t('Conflict'),
    'not-found': i18n.t('Not found'),
    'bad-request': i18n.t('Request not accepted'),
    server: i18n.t('Server error'),
    offline: i18n.t('No connection'),
    timeout: i18n.t('Server too slow'),
    'bad-response': i18n.t('Unreadable answer'),
    aborted: i18n.t('Cancelled'),
  }
  const detail = e.serverMessage && e.serverMessage !== e.message ? e.serverMessage : undefined
  return { title: titles[e.kind], message: e.message, detail, retry: isRetryable(e) || e.kind === 'session-expired' }
}

/** Any thrown value as a DyadError (unknown errors become BadResponseError). */
export function toDyadErrorSafe(e: unknown): DyadError {
  if (isDyadError(e)) return e
  return new BadResponseError({ cause: e, serverMessage: e instanceof Error ? e.message : undefined })
}
