/**
 * Install the Dyad bundle on a DHIS2 server from the command line (national admins, CI, tests):
 * version check, offline validation, a dry run (importMode=VALIDATE), then the import
 * (CREATE_AND_UPDATE, atomicMode=ALL, identifier=UID), each with a readable report. `diff` shows
 * what an import would create or update, by id, and the code clashes it would hit.
 */
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { parseImportReport, type ImportReport } from '../../src/data/importReport'
import { PERSON_TYPE } from './vocabulary'
import {
  mergePersonAttributes as mergeAttributes,
  neededReads,
  PERSON_ATTRIBUTE_FIELDS,
  PERSON_LOOKUP_FILTERS,
  preserveAssignments as keepAssignments,
  remapPerson,
  type ServerAssignments,
} from './prepare'
import { validateMetadata, formatFinding, type Dhis2Version } from './validate'

export interface ServerOptions {
  url: string
  user: string
  password: string
  /** Request timeout in ms (default 120 s: imports of a whole package take time). */
  timeoutMs?: number
}

export class InstallError extends Error {}

type Json = Record<string, unknown>

function base(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/, '')
}

function send(method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })))
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** One HTTP call (node:http/https: the CLI runs on any Node ≥ 18 and in Jest). */
async function request(opts: ServerOptions, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const auth = Buffer.from(`${opts.user}:${opts.password}`).toString('base64')
  const payload = body !== undefined ? JSON.stringify(body) : undefined
  const headers: Record<string, string> = { Authorization: `Basic ${auth}`, Accept: 'application/json' }
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json'
    headers['Content-Length'] = String(Buffer.byteLength(payload))
  }
  let res: { status: number; text: string }
  try {
    res = await send(method, `${base(opts.url)}${path}`, headers, payload, opts.timeoutMs ?? 120_000)
  } catch (e) {
    const why = e instanceof Error ? (e.name === 'TimeoutError' ? 'timed out' : e.message) : String(e)
    throw new InstallError(`${method} ${path}: the server did not answer (${why}). Check --url and the network.`)
  }
  let json: unknown = undefined
  try {
    json = res.text ? JSON.parse(res.text) : undefined
  } catch {
    json = undefined
  }
  if (res.status === 401) throw new InstallError(`${method} ${path}: 401 — wrong user name or password (DHIS2_PASSWORD), or the account is disabled.`)
  if (res.status === 403) throw new InstallError(`${method} ${path}: 403 — the user lacks the authority (metadata import needs F_METADATA_IMPORT and public-add authorities).`)
  if (res.status >= 500) throw new InstallError(`${method} ${path}: server error ${res.status}. Nothing was written if this was the dry run; retry later.`)
  return { status: res.status, json }
}

export async function serverVersion(opts: ServerOptions): Promise<string> {
  const r = await request(opts, 'GET', '/api/system/info')
  const v = r.json && typeof r.json === 'object' ? (r.json as Json).version : undefined
  if (r.status !== 200 || typeof v !== 'string') throw new InstallError(`GET /api/system/info answered ${r.status}: is ${opts.url} a DHIS2 server?`)
  return v
}

function majorMinor(v: string): Dhis2Version | null {
  const m = /^2\.(\d+)/.exec(v)
  if (!m) return null
  const n = Number(m[1])
  if (n < 40) return null
  return n >= 42 ? '2.42' : n === 41 ? '2.41' : '2.40'
}

export { remapPerson, SERVER_ASSIGNMENTS } from './prepare'

/**
 * Keep the server's own Person attributes (see prepare.ts): reads them, returns the merged bundle.
 */
export async function mergePersonAttributes(opts: ServerOptions, bundle: Json): Promise<{ bundle: Json; kept: number }> {
  if (!neededReads(bundle).personAttributes) return { bundle, kept: 0 }
  const r = await request(opts, 'GET', `/api/trackedEntityTypes/${PERSON_TYPE.id}?fields=${PERSON_ATTRIBUTE_FIELDS}`)
  if (r.status !== 200 || !r.json || typeof r.json !== 'object') return { bundle, kept: 0 }
  return mergeAttributes(bundle, (r.json as Json).trackedEntityTypeAttributes)
}

/** Reads the server's current assignments (SERVER_ASSIGNMENTS) of the bundle's objects and keeps them (see prepare.ts). */
export async function preserveAssignments(opts: ServerOptions, bundle: Json): Promise<{ bundle: Json; kept: number }> {
  const server: ServerAssignments = {}
  for (const read of neededReads(bundle).assignments) {
    const r = await request(opts, 'GET', `/api/${read.collection}?paging=false&fields=${read.fields}&filter=id:in:[${read.ids.join(',')}]`)
    const got = r.json && typeof r.json === 'object' ? (r.json as Json)[read.collection] : undefined
    if (r.status !== 200 || !Array.isArray(got)) continue
    server[read.collection] = got as ServerAssignments[string]
  }
  return keepAssignments(bundle, server)
}

/** The UID of the server's Person type: by Dyad's UID, else by code, else by name; undefined if none. */
export async function findServerPerson(opts: ServerOptions): Promise<string | undefined> {
  for (const filter of PERSON_LOOKUP_FILTERS) {
    const r = await request(opts, 'GET', `/api/trackedEntityTypes?paging=false&fields=id&filter=${filter}`)
    const list = r.json && typeof r.json === 'object' ? (r.json as Json).trackedEntityTypes : undefined
    if (r.status === 200 && Array.isArray(list) && list.length && typeof (list[0] as Json).id === 'string') return (list[0] as Json).id as string
  }
  return undefined
}

const IMPORT_PARAMS = 'importStrategy=CREATE_AND_UPDATE&atomicMode=ALL&identifier=UID&mergeMode=REPLACE'

export async function importBundle(opts: ServerOptions, bundle: unknown, mode: 'VALIDATE' | 'COMMIT'): Promise<ImportReport> {
  const payload = { ...(bundle as Json) }
  delete payload.package
  const r = await request(opts, 'POST', `/api/metadata?importMode=${mode}&${IMPORT_PARAMS}`, payload)
  const report = parseImportReport(r.json)
  if (!report) throw new InstallError(`POST /api/metadata (${mode}) answered ${r.status} without an import report`)
  return report
}

/** A readable report: totals, then per type created/updated/ignored/errors, then each error. */
export function formatImportReport(report: ImportReport, title: string): string {
  const s = report.stats
  const lines = [`${title}: ${report.status} — created ${s.created}, updated ${s.updated}, deleted ${s.deleted}, ignored ${s.ignored} (total ${s.total})`]
  const rows = report.typeReports
    .map((t) => ({ type: t.type, ...t.stats, errors: t.objectReports.reduce((n, o) => n + o.errorReports.length, 0) }))
    .sort((a, b) => (a.type < b.type ? -1 : 1))
  if (rows.length) {
    lines.push(`  ${'type'.padEnd(32)} ${'created'.padStart(7)} ${'updated'.padStart(7)} ${'ignored'.padStart(7)} ${'errors'.padStart(6)}`)
    for (const r of rows) lines.push(`  ${r.type.padEnd(32)} ${String(r.created).padStart(7)} ${String(r.updated).padStart(7)} ${String(r.ignored).padStart(7)} ${String(r.errors).padStart(6)}`)
  }
  for (const e of report.errors.slice(0, 100)) lines.push(`  ERROR ${e.type} ${e.uid ?? ''}${e.displayName ? ` "${e.displayName}"` : ''}: ${e.errorCode} ${e.message}`)
  if (report.errors.length > 100) lines.push(`  … ${report.errors.length - 100} more errors`)
  return lines.join('\n')
}

export interface InstallResult {
  version: string
  dryRun: ImportReport
  commit?: ImportReport
  ok: boolean
}

/** Dry run, then (if clean and not `dryRunOnly`) the import. Throws InstallError with a clear message. */
export async function install(opts: ServerOptions, bundleFile: string, options: { dryRunOnly?: boolean; log?: (s: string) => void } = {}): Promise<InstallResult> {
  const log = options.log ?? ((s: string) => console.log(s))
  const version = await serverVersion(opts)
  const target = majorMinor(version)
  if (!target) throw new InstallError(`DHIS2 ${version} is not supported: Dyad needs 2.40 or later.`)
  log(`DHIS2 ${version} at ${base(opts.url)}`)
  let bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as Json
  const offline = validateMetadata(bundle, { version: target, expectOnServer: [] })
  if (offline.errors.length) {
    throw new InstallError(`the bundle does not validate offline (${offline.errors.length} errors); nothing sent:\n  ${offline.errors.slice(0, 20).map(formatFinding).join('\n  ')}`)
  }
  const person = await findServerPerson(opts)
  if (person && person !== PERSON_TYPE.id) {
    bundle = remapPerson(bundle, person)
    log(`the server's Person type is ${person}: the programs and the relationship type will use it (it is not modified)`)
  }
  const attrs = await mergePersonAttributes(opts, bundle)
  bundle = attrs.bundle
  if (attrs.kept) log(`kept ${attrs.kept} attribute(s) of the server's Person type`)
  const assignments = await preserveAssignments(opts, bundle)
  bundle = assignments.bundle
  if (assignments.kept) log(`kept ${assignments.kept} assignment(s) made on the server (facilities of programs, data set and groups; user group members)`)
  const dryRun = await importBundle(opts, bundle, 'VALIDATE')
  log(formatImportReport(dryRun, 'Dry run (importMode=VALIDATE)'))
  if (dryRun.status === 'ERROR' || dryRun.errors.length) {
    log('The dry run found errors: nothing was imported. Fix them (rename or remap clashing objects) and run again.')
    return { version, dryRun, ok: false }
  }
  if (options.dryRunOnly) return { version, dryRun, ok: true }
  const commit = await importBundle(opts, bundle, 'COMMIT')
  log(formatImportReport(commit, 'Import (CREATE_AND_UPDATE, atomicMode=ALL)'))
  log('Next: run analytics (Data Administration → Analytics tables) so that program indicators have values.')
  return { version, dryRun, commit, ok: commit.status !== 'ERROR' && commit.errors.length === 0 }
}

// ---------------------------------------------------------------------------------------------
// diff
// ---------------------------------------------------------------------------------------------

export interface DiffRow {
  collection: string
  create: string[]
  update: { id: string; code?: string; from?: string; to?: string }[]
  unchanged: number
  /** Same code on the server under another UID: the import would fail on the unique code. */
  codeClashes: { code: string; ours: string; server: string }[]
}

const chunk = <T,>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

export async function diff(opts: ServerOptions, bundle: Json): Promise<DiffRow[]> {
  const rows: DiffRow[] = []
  for (const [collection, list] of Object.entries(bundle)) {
    if (!Array.isArray(list) || collection === 'package') continue
    const objs = list as Json[]
    const server = new Map<string, Json>()
    const serverByCode = new Map<string, Json>()
    const ids = objs.map((o) => o.id).filter((x): x is string => typeof x === 'string')
    const codes = objs.map((o) => o.code).filter((x): x is string => typeof x === 'string' && /^[A-Za-z0-9_.:+-]+$/.test(x))
    for (const part of chunk(ids, 100)) {
      const r = await request(opts, 'GET', `/api/${collection}?paging=false&fields=id,code,name&filter=id:in:[${part.join(',')}]`)
      const got = r.json && typeof r.json === 'object' ? (r.json as Json)[collection] : undefined
      if (r.status === 404) break
      if (Array.isArray(got)) for (const o of got as Json[]) if (typeof o.id === 'string') server.set(o.id, o)
    }
    for (const part of chunk(codes, 100)) {
      const r = await request(opts, 'GET', `/api/${collection}?paging=false&fields=id,code,name&filter=code:in:[${part.join(',')}]`)
      const got = r.json && typeof r.json === 'object' ? (r.json as Json)[collection] : undefined
      if (r.status === 404) break
      if (Array.isArray(got)) for (const o of got as Json[]) if (typeof o.code === 'string') serverByCode.set(o.code, o)
    }
    const row: DiffRow = { collection, create: [], update: [], unchanged: 0, codeClashes: [] }
    for (const o of objs) {
      const id = o.id as string
      const code = typeof o.code === 'string' ? o.code : undefined
      const s = server.get(id)
      if (!s) {
        row.create.push(code ?? id)
        const other = code ? serverByCode.get(code) : undefined
        if (other && other.id !== id) row.codeClashes.push({ code: code as string, ours: id, server: String(other.id) })
        continue
      }
      if (s.name !== o.name) row.update.push({ id, ...(code ? { code } : {}), from: String(s.name ?? ''), to: String(o.name ?? '') })
      else row.unchanged++
    }
    rows.push(row)
  }
  return rows.sort((a, b) => (a.collection < b.collection ? -1 : 1))
}

export function formatDiff(rows: DiffRow[]): string {
  const lines: string[] = []
  let create = 0
  let update = 0
  let clashes = 0
  for (const r of rows) {
    create += r.create.length
    update += r.update.length
    clashes += r.codeClashes.length
    if (!r.create.length && !r.update.length && !r.codeClashes.length) continue
    lines.push(`${r.collection}: ${r.create.length} new, ${r.update.length} renamed, ${r.unchanged} present and unchanged by name`)
    for (const c of r.create.slice(0, 5)) lines.push(`  + ${c}`)
    if (r.create.length > 5) lines.push(`  + … ${r.create.length - 5} more`)
    for (const u of r.update) lines.push(`  ~ ${u.code ?? u.id}: "${u.from}" → "${u.to}"`)
    for (const c of r.codeClashes) lines.push(`  ! code ${c.code} exists on the server with UID ${c.server} (ours ${c.ours}): the import will fail until one is renamed`)
  }
  lines.unshift(`Import would create ${create} objects and rename ${update}; ${clashes} code clashes.`)
  return lines.join('\n')
}
