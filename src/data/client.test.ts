/** @jest-environment node */
import { DhisClient, toDyadError, type EngineLike } from './client'
import { AbortedError, BadResponseError, ConflictError, ForbiddenError, NotFoundError, OfflineError, ServerError, SessionExpiredError, TimeoutError, describeError } from './errors'

const fetchError = (type: string, message: string, details: unknown = {}) => Object.assign(new Error(message), { type, details })
const http = (status: number, details: unknown = {}) =>
  status === 401 || status === 403 || status === 409
    ? fetchError('access', status === 401 ? 'Unauthorized' : 'Forbidden', details)
    : fetchError('unknown', `An unknown error occurred - X (${status})`, details)

function fakeEngine(answers: Array<unknown | Error>) {
  const calls: { kind: string; arg: unknown }[] = []
  const next = () => {
    const a = answers.shift()
    if (a instanceof Error) return Promise.reject(a)
    return Promise.resolve(a)
  }
  const engine: EngineLike = {
    query: (q) => {
      calls.push({ kind: 'query', arg: q })
      return next().then((v) => ({ r: v }))
    },
    mutate: (m) => {
      calls.push({ kind: 'mutate', arg: m })
      return next()
    },
  }
  return { engine, calls }
}

const noSleep = { sleep: () => Promise.resolve(), random: () => 0.5 }

describe('DhisClient.get', () => {
  it('retries 5xx with backoff, then succeeds', async () => {
    const { engine, calls } = fakeEngine([http(502), http(503), { ok: 1 }])
    const delays: number[] = []
    const c = new DhisClient(engine, { attempts: 3, backoffMs: 100, sleep: (ms) => (delays.push(ms), Promise.resolve()), random: () => 0.5 })
    await expect(c.get('x')).resolves.toEqual({ ok: 1 })
    expect(calls).toHaveLength(3)
    expect(delays).toEqual([100, 200])
  })
  it('gives up after the last attempt with a ServerError', async () => {
    const { engine, calls } = fakeEngine([http(500), http(500), http(500)])
    await expect(new DhisClient(engine, { ...noSleep, attempts: 3 }).get('x')).rejects.toBeInstanceOf(ServerError)
    expect(calls).toHaveLength(3)
  })
  it('retries network failures and timeouts, not 4xx', async () => {
    const a = fakeEngine([fetchError('network', 'net'), { ok: 2 }])
    await expect(new DhisClient(a.engine, noSleep).get('x')).resolves.toEqual({ ok: 2 })
    const b = fakeEngine([http(404), { ok: 3 }])
    await expect(new DhisClient(b.engine, noSleep).get('x')).rejects.toBeInstanceOf(NotFoundError)
    expect(b.calls).toHaveLength(1)
  })
  it('times out a slow request as TimeoutError', async () => {
    const engine: EngineLike = {
      query: (_q, o) => new Promise((_res, rej) => o?.signal?.addEventListener('abort', () => rej(fetchError('network', 'aborted', { name: 'AbortError' })))),
      mutate: () => Promise.resolve(),
    }
    const c = new DhisClient(engine, { ...noSleep, attempts: 1, timeoutMs: 10 })
    await expect(c.get('x')).rejects.toBeInstanceOf(TimeoutError)
  })
  it('reports a user abort as AbortedError and does not retry', async () => {
    const ctl = new AbortController()
    let n = 0
    const engine: EngineLike = {
      query: (_q, o) => {
        n++
        return new Promise((_res, rej) => o?.signal?.addEventListener('abort', () => rej(fetchError('network', 'aborted', { name: 'AbortError' }))))
      },
      mutate: () => Promise.resolve(),
    }
    const p = new DhisClient(engine, noSleep).get('x', undefined, { signal: ctl.signal })
    ctl.abort()
    await expect(p).rejects.toBeInstanceOf(AbortedError)
    expect(n).toBe(1)
  })
  it('drops undefined params', async () => {
    const { engine, calls } = fakeEngine([{}])
    await new DhisClient(engine, noSleep).get('r', { a: 1, b: undefined })
    expect(calls[0].arg).toEqual({ r: { resource: 'r', params: { a: 1 } } })
  })
})

describe('writes', () => {
  it('never retries a POST, even on 5xx', async () => {
    const { engine, calls } = fakeEngine([http(503), {}])
    await expect(new DhisClient(engine, noSleep).post('metadata', {})).rejects.toBeInstanceOf(ServerError)
    expect(calls).toHaveLength(1)
  })
  it('never retries a PUT on network failure', async () => {
    const { engine, calls } = fakeEngine([fetchError('network', 'down'), {}])
    await expect(new DhisClient(engine, noSleep).put('dataStore/dyad', 'k', {})).rejects.toBeInstanceOf(OfflineError)
    expect(calls).toHaveLength(1)
  })
})

describe('typed errors', () => {
  it('maps 401 to SessionExpired', () => expect(toDyadError(http(401))).toBeInstanceOf(SessionExpiredError))
  it('maps 403 to Forbidden with the missing authority', () => {
    const e = toDyadError(http(403, { httpStatusCode: 403, message: 'Access denied' }), { authorities: ['F_METADATA_IMPORT'] })
    expect(e).toBeInstanceOf(ForbiddenError)
    expect((e as ForbiddenError).missingAuthorities).toEqual(['F_METADATA_IMPORT'])
    expect(e.message).toContain('F_METADATA_IMPORT')
  })
  it('reads an authority named in the server message', () => {
    const e = toDyadError(http(403, { httpStatusCode: 403, message: 'User lacks authority F_PROGRAM_PUBLIC_ADD' })) as ForbiddenError
    expect(e.missingAuthorities).toEqual(['F_PROGRAM_PUBLIC_ADD'])
  })
  it('maps a 409 with an import report to Conflict carrying the report', () => {
    const body = {
      httpStatus: 'Conflict',
      httpStatusCode: 409,
      status: 'WARNING',
      response: { responseType: 'ImportReport', status: 'ERROR', stats: { created: 0, updated: 0, deleted: 0, ignored: 2, total: 2 }, typeReports: [] },
    }
    const e = toDyadError(http(409, body)) as ConflictError
    expect(e).toBeInstanceOf(ConflictError)
    expect(e.report?.stats.ignored).toBe(2)
  })
  it('maps a 409 without httpStatusCode but with a report (app-runtime says Forbidden)', () => {
    const e = toDyadError(fetchError('access', 'Forbidden', { response: { responseType: 'ImportReport', status: 'ERROR', stats: {}, typeReports: [] } }))
    expect(e).toBeInstanceOf(ConflictError)
  })
  it('maps 504 to Timeout and 500 to Server', () => {
    expect(toDyadError(http(504))).toBeInstanceOf(TimeoutError)
    expect(toDyadError(http(500))).toBeInstanceOf(ServerError)
  })
  it('maps invalid JSON to BadResponse', () => expect(toDyadError(new SyntaxError('Unexpected token'))).toBeInstanceOf(BadResponseError))
  it('describes errors in plain words', () => {
    const d = describeError(toDyadError(http(500, { message: 'NullPointerException' })))
    expect(d.title).toBe('Server error')
    expect(d.detail).toBe('NullPointerException')
    expect(d.retry).toBe(true)
    expect(describeError(new Error('x')).title).toBe('Something went wrong')
  })
})

describe('serverVersion', () => {
  it('reads /api/system/info once', async () => {
    const { engine, calls } = fakeEngine([{ version: '2.42-SNAPSHOT' }])
    const c = new DhisClient(engine, noSleep)
    const [a, b] = await Promise.all([c.serverVersion(), c.serverVersion()])
    expect(a).toEqual(b)
    expect(a.minor).toBe(42)
    expect(a.snapshot).toBe(true)
    expect(calls).toHaveLength(1)
  })
  it('fails with BadResponse when the version is unreadable', async () => {
    const { engine } = fakeEngine([{ version: 'dev' }])
    await expect(new DhisClient(engine, noSleep).serverVersion()).rejects.toBeInstanceOf(BadResponseError)
  })
})
