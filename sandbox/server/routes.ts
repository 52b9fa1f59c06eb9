/**
 * Write endpoints (and the tracker API): metadata import, tracker read/import, dataValueSets,
 * completeDataSetRegistrations.
 */
import { importMetadata, ParamError, parseImportParams } from '../store/metadataImport'
import { error, HttpError, paramsRecord, type Ctx, type Reply } from './http'
import type { Router } from './router'

async function postMetadata(ctx: Ctx): Promise<Reply> {
  if (!ctx.user) throw new HttpError(401, 'Unauthorized')
  let params
  try {
    params = parseImportParams(paramsRecord(ctx.query))
  } catch (e) {
    if (e instanceof ParamError) return error(400, e.message)
    throw e
  }
  const body = await ctx.json()
  let result
  try {
    result = importMetadata(ctx.store, body, params)
  } catch (e) {
    if (e instanceof ParamError) return error(400, e.message)
    throw e
  }
  if (result.committed) ctx.store.record({ op: 'metadata', at: ctx.store.now(), user: ctx.user.username, params: paramsRecord(ctx.query), body: result.normalized })
  return { status: result.status, json: result.body }
}

export function registerWriteRoutes(r: Router): void {
  r.add('POST', /^\/api\/metadata$/, postMetadata)
}
