/**
 * CORS for local development: the App Platform dev server (http://localhost:3000 or any other
 * localhost port) calls the API cross-origin with credentials, as it does with a real DHIS2
 * whose CORS allow-list contains the dev origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/

export function isAllowedOrigin(origin: string | undefined): origin is string {
  return !!origin && LOCAL_ORIGIN.test(origin)
}

/** Adds CORS headers; answers a preflight and returns true when the request was one. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin
  if (!isAllowedOrigin(origin)) return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Expose-Headers', 'Location, Content-Disposition, ETag')
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD')
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, X-Requested-With')
    res.setHeader('Access-Control-Max-Age', '3600')
    res.statusCode = 204
    res.end()
    return true
  }
  return false
}
