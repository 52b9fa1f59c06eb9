/**
 * Write endpoints and the tracker API: metadata import, tracker read/import (+ jobs),
 * dataValueSets, completeDataSetRegistrations.
 */
import { randomBytes } from 'node:crypto'
import { DataParamError, deleteRegistration, exportDataValues, exportRegistrations, importDataValues, importRegistrations, parseDataValueParams } from '../store/dataValues'
import { importMetadata, ParamError, parseImportParams } from '../store/metadataImport'
import { importTracker, parseTrackerParams, TrackerParamError } from '../store/trackerImport'
import { trackerRead } from './handlers/tracker'
import { error, HttpError, ok, paramsRecord, webMessage, type Ctx, type Reply } from './http'
import type { Router } from './router'

function user(ctx: Ctx) {
  if (!ctx.user) throw new HttpError(401, 'Unauthorized')
  return ctx.user
}

function asBadRequest(e: unknown): Reply {
  if (e instanceof ParamError || e instanceof TrackerParamError || e instanceof DataParamError) return error(400, e.message)
  throw e
}

async function postMetadata(ctx: Ctx): Promise<Reply> {
  const u = user(ctx)
  try {
    const params = parseImportParams(paramsRecord(ctx.query))
    const body = await ctx.json()
    const result = importMetadata(ctx.store, body, params)
    if (result.committed) ctx.store.record({ op: 'metadata', at: ctx.store.now(), user: u.username, params: paramsRecord(ctx.query), body: result.normalized })
    return { status: result.status, json: result.body }
  } catch (e) {
    return asBadRequest(e)
  }
}

// ---- tracker import ----------------------------------------------------------------------------

interface Job {
  id: string
  created: string
  report?: Record<string, unknown>
  failure?: string
}
const jobs = new Map<string, Job>()

async function postTracker(ctx: Ctx): Promise<Reply> {
  const u = user(ctx)
  let params
  try {
    params = parseTrackerParams(paramsRecord(ctx.query))
  } catch (e) {
    return asBadRequest(e)
  }
  const body = await ctx.json()
  const run = () => {
    const result = importTracker(ctx.store, body, params, u)
    if (result.committed) ctx.store.record({ op: 'tracker', at: ctx.store.now(), user: u.username, params: { ...paramsRecord(ctx.query), async: 'false' }, body })
    return result
  }
  const async = (ctx.query.get('async') ?? 'true').toLowerCase() !== 'false'
  if (!async) {
    try {
      const result = run()
      return { status: result.status === 'OK' ? 200 : 409, json: result.report }
    } catch (e) {
      return asBadRequest(e)
    }
  }
  const id = randomBytes(8).toString('hex').slice(0, 11).replace(/^[0-9]/, 'j')
  const job: Job = { id, created: ctx.store.now() }
  jobs.set(id, job)
  setImmediate(() => {
    try {
      job.report = run().report
    } catch (e) {
      job.failure = (e as Error).message
    }
  })
  const location = `${ctx.config.baseUrl}/api/tracker/jobs/${id}`
  return ok(webMessage(200, 'Tracker job added', { response: { responseType: 'TrackerJob', id, location } }))
}

function trackerJob(ctx: Ctx): Reply {
  user(ctx)
  const [id, report] = ctx.params
  const job = jobs.get(id)
  if (!job) return error(404, `Tracker job with id ${id} could not be found.`)
  if (report) {
    if (job.failure) return error(409, job.failure)
    if (!job.report) return error(404, `Tracker job report with id ${id} could not be found.`)
    return ok(job.report)
  }
  const done = !!job.report || !!job.failure
  const notes = [{ uid: `${id}n1`, level: 'INFO', category: 'TRACKER_IMPORT_JOB', time: job.created, message: 'Tracker import job started', completed: false, id }]
  if (done) notes.unshift({ uid: `${id}n2`, level: job.failure ? 'ERROR' : 'INFO', category: 'TRACKER_IMPORT_JOB', time: job.created, message: job.failure ?? '(sandbox) Import:Done', completed: true, id })
  return ok(notes)
}

// ---- aggregate -----------------------------------------------------------------------------------

function getDataValueSets(ctx: Ctx): Reply {
  user(ctx)
  const r = exportDataValues(ctx.store, ctx.query)
  return { status: r.status, json: r.body }
}

async function postDataValueSets(ctx: Ctx): Promise<Reply> {
  const u = user(ctx)
  try {
    const params = parseDataValueParams(paramsRecord(ctx.query))
    const body = await ctx.json()
    const r = importDataValues(ctx.store, body, params, u)
    if (r.committed) ctx.store.record({ op: 'dataValueSets', at: ctx.store.now(), user: u.username, params: paramsRecord(ctx.query), body })
    return { status: r.status, json: r.body }
  } catch (e) {
    return asBadRequest(e)
  }
}

async function registrations(ctx: Ctx): Promise<Reply> {
  const u = user(ctx)
  try {
    if (ctx.method === 'GET') {
      const r = exportRegistrations(ctx.store, ctx.query)
      return { status: r.status, json: r.body }
    }
    if (ctx.method === 'DELETE') {
      const existed = deleteRegistration(ctx.store, ctx.query)
      if (!existed) return error(404, 'Complete data set registration not found')
      ctx.store.record({ op: 'completeRegistrations', at: ctx.store.now(), user: u.username, method: 'DELETE', params: paramsRecord(ctx.query), body: null })
      return { status: 204 }
    }
    const dryRun = (ctx.query.get('dryRun') ?? '').toLowerCase() === 'true'
    const body = await ctx.json()
    const r = importRegistrations(ctx.store, body, dryRun, u)
    if (r.committed) ctx.store.record({ op: 'completeRegistrations', at: ctx.store.now(), user: u.username, method: 'POST', params: paramsRecord(ctx.query), body })
    return { status: r.status, json: r.body }
  } catch (e) {
    return asBadRequest(e)
  }
}

export function registerWriteRoutes(r: Router): void {
  r.add('POST', /^\/api\/metadata$/, postMetadata)
  r.add('POST', /^\/api\/tracker$/, postTracker)
  r.add('GET', /^\/api\/tracker\/jobs\/([^/]+)(?:\/(report))?$/, trackerJob)
  r.add('GET', /^\/api\/tracker\/(trackedEntities|enrollments|events|relationships)(?:\/([^/]+))?$/, trackerRead)
  r.add('GET', /^\/api\/dataValueSets$/, getDataValueSets)
  r.add('POST', /^\/api\/dataValueSets$/, postDataValueSets)
  r.add(['GET', 'POST', 'DELETE'], /^\/api\/completeDataSetRegistrations$/, registrations)
}
