/**
 * Helpers for the sandbox contract tests: start a sandbox of a version, call it with Basic auth,
 * a vocabulary-based metadata payload (what the Dyad package minimally holds), and a structural
 * comparison of a response against a recorded fixture.
 */
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { ATTRIBUTES, DATA_ELEMENTS, OPTION_SETS, PERSON_TYPE, PROGRAMS, RELATIONSHIP_TYPE, STAGES, ids } from '../../metadata/src/vocabulary'
import { startSandbox, type Sandbox } from '../../sandbox'
import type { Dhis2Version } from '../../sandbox/model'

export const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'dhis2-fixtures')

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'))
}

export async function start(version: Dhis2Version, pairs = 30): Promise<Sandbox> {
  return startSandbox({ version, pairs, port: 0, dataDir: null, warm: false, metadataBundle: false, log: () => undefined })
}

export interface Res {
  status: number
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** One HTTP call (node:http; jest 27's node environment has no fetch). */
export function call(sb: Sandbox, method: string, path: string, body?: unknown, auth: string | null = 'admin:district', headers: Record<string, string> = {}): Promise<Res> {
  const h: Record<string, string> = { Accept: 'application/json', ...headers }
  if (auth) h.Authorization = `Basic ${Buffer.from(auth).toString('base64')}`
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  if (payload !== undefined) {
    h['Content-Type'] = h['Content-Type'] ?? 'application/json'
    h['Content-Length'] = String(Buffer.byteLength(payload))
  }
  return new Promise((resolve, reject) => {
    const req = request(`${sb.url}${path}`, { method, headers: h }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = text
        try {
          parsed = text ? JSON.parse(text) : undefined
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers as Res['headers'], text })
      })
    })
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

const get = (sb: Sandbox, path: string, auth?: string) => call(sb, 'GET', path, undefined, auth)
export { get }

/** The Dyad programs, stages, data elements, attributes and option sets from the vocabulary. */
export function vocabularyPayload(): Record<string, unknown[]> {
  const optionSets = OPTION_SETS.map((os) => ({ id: ids.optionSet(os.code), code: os.code, name: os.name.en, valueType: os.valueType, options: os.options.map((o) => ({ id: ids.option(os.code, o.code) })) }))
  const options = OPTION_SETS.flatMap((os) => os.options.map((o, i) => ({ id: ids.option(os.code, o.code), code: o.code, name: o.name.en, sortOrder: i + 1, optionSet: { id: ids.optionSet(os.code) } })))
  const de = (d: (typeof DATA_ELEMENTS)[number]) => ({
    id: ids.dataElement(d.code),
    code: d.code,
    name: d.name.en,
    shortName: d.shortName.en,
    formName: d.formName.en,
    valueType: d.valueType,
    aggregationType: 'NONE',
    domainType: 'TRACKER',
    ...(d.optionSet ? { optionSet: { id: ids.optionSet(d.optionSet) } } : {}),
    translations: [{ locale: 'fr', property: 'NAME', value: d.name.fr }],
  })
  return {
    optionSets,
    options,
    trackedEntityAttributes: ATTRIBUTES.map((a) => ({ id: ids.attribute(a.code), code: a.code, name: a.name.en, shortName: a.shortName.en, valueType: a.valueType, aggregationType: 'NONE', ...(a.optionSet ? { optionSet: { id: ids.optionSet(a.optionSet) } } : {}) })),
    trackedEntityTypes: [{ id: PERSON_TYPE.id, code: PERSON_TYPE.code, name: PERSON_TYPE.name.en, shortName: PERSON_TYPE.name.en }],
    dataElements: DATA_ELEMENTS.map(de),
    programs: PROGRAMS.map((p) => ({
      id: ids.program(p.code),
      code: p.code,
      name: p.name.en,
      shortName: p.shortName.en,
      programType: 'WITH_REGISTRATION',
      trackedEntityType: { id: PERSON_TYPE.id },
      programStages: p.stages.map((s) => ({ id: ids.stage(s) })),
      programTrackedEntityAttributes: p.attributes.map((a) => ({ trackedEntityAttribute: { id: ids.attribute(a) } })),
      translations: [{ locale: 'fr', property: 'NAME', value: p.name.fr }],
    })),
    programStages: STAGES.map((s) => ({
      id: ids.stage(s.code),
      code: s.code,
      name: s.name.en,
      repeatable: s.repeatable,
      program: { id: ids.program(s.program) },
      programStageDataElements: s.dataElements.map((d) => ({ dataElement: { id: ids.dataElement(d) } })),
    })),
    relationshipTypes: [
      {
        id: ids.relationshipType(),
        code: RELATIONSHIP_TYPE,
        name: 'Mother - infant',
        fromToName: 'Mother of',
        toFromName: 'Infant of',
        bidirectional: true,
        fromConstraint: { relationshipEntity: 'TRACKED_ENTITY_INSTANCE', trackedEntityType: { id: PERSON_TYPE.id } },
        toConstraint: { relationshipEntity: 'TRACKED_ENTITY_INSTANCE', trackedEntityType: { id: PERSON_TYPE.id } },
      },
    ],
  }
}

type Json = unknown

/** Keys whose values are maps keyed by ids (their keys are data, not structure). */
const MAPS = new Set(['items', 'dimensions', 'ouHierarchy', 'rowContext', 'objects', 'settings'])

/**
 * Structural comparison: every key of `expected` exists in `actual` with the same JSON type
 * (arrays compare their first elements when both are non-empty). Returns the differences.
 */
export function shapeDiff(actual: Json, expected: Json, path = '$', ignore: string[] = []): string[] {
  if (ignore.includes(path)) return []
  const t = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
  if (expected === null) return []
  if (t(actual) !== t(expected)) return [`${path}: expected ${t(expected)}, got ${t(actual)}`]
  if (Array.isArray(expected)) {
    const a = actual as Json[]
    if (!expected.length || !a.length) return []
    return shapeDiff(a[0], expected[0], `${path}[]`, ignore)
  }
  if (t(expected) === 'object') {
    const key = path.split('.').pop() ?? ''
    if (MAPS.has(key)) return []
    const out: string[] = []
    for (const [k, v] of Object.entries(expected as Record<string, Json>)) {
      const p = `${path}.${k}`
      if (ignore.includes(p)) continue
      if (!(k in (actual as Record<string, Json>))) out.push(`${p}: missing`)
      else out.push(...shapeDiff((actual as Record<string, Json>)[k], v, p, ignore))
    }
    return out
  }
  return []
}
