/**
 * /api/analytics: delegates to sandbox-data's runAnalytics (a pure function of the request and
 * the store's analytics context). Event and enrollment analytics are not implemented: they
 * answer 501 with a DHIS2 web message instead of a made-up grid.
 */
import { runAnalytics } from '../../analytics'
import { error, HttpError, type Ctx, type Reply } from '../http'

export function analytics(ctx: Ctx): Reply {
  const user = ctx.user
  if (!user) throw new HttpError(401, 'Unauthorized')
  const sub = ctx.params[0]
  if (sub) return error(501, `Analytics resource /api/analytics/${sub} is not available in the Dyad sandbox (only /api/analytics aggregate queries are).`)
  const store = ctx.store
  const analyticsCtx = store.analyticsContext()
  // One context per store revision is shared by all users (its indexes are expensive); the user
  // part is set right before the synchronous call.
  analyticsCtx.userOrgUnits = user.dataViewOrganisationUnits.length ? user.dataViewOrganisationUnits : user.organisationUnits
  const result = runAnalytics(ctx.query, analyticsCtx)
  return { status: result.status, json: result.body }
}
