/**
 * Static files of a built app (`--serve-app build/app`), at / and at /api/apps/dyad/ as DHIS2
 * serves installed apps, so the app and the API share one origin in e2e tests.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Reply } from './http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webapp': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

/** A file under root for a URL path; null when it does not exist or escapes the root. */
export function serveStatic(root: string, urlPath: string): Reply | null {
  const base = resolve(root)
  let rel = decodeURIComponent(urlPath.split('?')[0])
  if (rel === '' || rel.endsWith('/')) rel += 'index.html'
  const file = normalize(join(base, rel))
  if (file !== base && !file.startsWith(base + sep)) return null
  if (!existsSync(file) || !statSync(file).isFile()) return null
  return {
    status: 200,
    raw: readFileSync(file),
    contentType: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    headers: { 'Cache-Control': rel.endsWith('index.html') || rel.endsWith('.webapp') ? 'no-cache' : 'public, max-age=3600' },
  }
}
