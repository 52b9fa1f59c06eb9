/** @jest-environment node */
/**
 * The install CLI against the sandbox (POST /api/metadata with its own validation and reports):
 * dry run then atomic import, idempotent re-install, server assignments kept, diff, clear errors;
 * and the report formatting on a realistic 2.41 error report.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { startSandbox, type Sandbox } from '../../sandbox'
import { parseImportReport } from '../../src/data/importReport'
import { DIST, bundleFileName, packageVersion } from '../../metadata/src/build'
import { diff, formatDiff, formatImportReport, install, InstallError, remapPerson, type ServerOptions } from '../../metadata/src/install'
import { validateMetadata } from '../../metadata/src/validate'
import { parseArgs } from '../../metadata/src/cliMain'
import { call } from '../contract/sandboxKit'

jest.setTimeout(120_000)

const file = path.join(DIST, bundleFileName(packageVersion()))

describe('install against the sandbox', () => {
  let sb: Sandbox
  let opts: ServerOptions
  const logs: string[] = []
  const log = (s: string): void => {
    logs.push(s)
  }

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, pairs: 20, metadataBundle: false, dataDir: null, warm: false, log: () => undefined })
    opts = { url: sb.url, user: 'admin', password: 'district', timeoutMs: 60_000 }
  })
  afterAll(async () => {
    await sb.close()
  })

  it('diff before install lists what would be created', async () => {
    const rows = await diff(opts, JSON.parse(readFileSync(file, 'utf8')))
    const programs = rows.find((r) => r.collection === 'programs')
    expect(programs?.create.sort()).toEqual(['DYAD_INFANT', 'DYAD_MOTHER'])
    expect(formatDiff(rows)).toMatch(/^Import would create \d+ objects/)
  })

  it('dry run only writes nothing', async () => {
    const r = await install(opts, file, { dryRunOnly: true, log })
    expect(r.ok).toBe(true)
    expect(r.commit).toBeUndefined()
    expect(r.dryRun.stats.created).toBeGreaterThan(500)
    const after = await diff(opts, JSON.parse(readFileSync(file, 'utf8')))
    expect(after.find((x) => x.collection === 'programs')?.create).toHaveLength(2)
  })

  it('installs (dry run then import) and a second install creates nothing', async () => {
    const groupsBefore = (await call(sb, 'GET', '/api/organisationUnitGroups?paging=false&fields=id,organisationUnits~size')).body
    const r1 = await install(opts, file, { log })
    expect(r1.ok).toBe(true)
    expect(r1.commit?.stats.created).toBe(r1.dryRun.stats.created)
    expect(logs.join('\n')).toMatch(/Dry run \(importMode=VALIDATE\): OK/)
    expect(logs.join('\n')).toMatch(/ProgramIndicator\s+61\s+0\s+0\s+0/)
    const r2 = await install(opts, file, { log })
    expect(r2.commit?.stats.created).toBe(0)
    expect(r2.commit?.stats.updated).toBe(r1.commit ? r1.commit.stats.created + r1.commit.stats.updated : -1)
    const groupsAfter = (await call(sb, 'GET', '/api/organisationUnitGroups?paging=false&fields=id,organisationUnits~size')).body
    const size = (j: { organisationUnitGroups: { id: string; organisationUnits: number }[] }) => Object.fromEntries(j.organisationUnitGroups.map((g) => [g.id, g.organisationUnits]))
    expect(size(groupsAfter)).toEqual(size(groupsBefore))
    const rows = await diff(opts, JSON.parse(readFileSync(file, 'utf8')))
    expect(rows.reduce((n, x) => n + x.create.length + x.update.length + x.codeClashes.length, 0)).toBe(0)
  })

  it('a wrong password gives a clear message and writes nothing', async () => {
    await expect(install({ ...opts, password: 'wrong' }, file, { log })).rejects.toThrow(InstallError)
    await expect(install({ ...opts, password: 'wrong' }, file, { log })).rejects.toThrow(/401 — wrong user name or password/)
  })

  it('an unreachable server gives a clear message', async () => {
    await expect(install({ ...opts, url: 'http://127.0.0.1:9', timeoutMs: 2000 }, file, { log })).rejects.toThrow(/did not answer/)
  })
})

describe('reusing a server Person type with another UID', () => {
  it('points programs, relationship type and attributes at it and does not ship our Person', () => {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    const out = remapPerson(bundle, 'SrvPerson01')
    const text = JSON.stringify(out)
    expect(text).not.toContain('MCPQUTHX1Ze')
    expect((out.trackedEntityTypes as unknown[]).length).toBe(0)
    const programs = out.programs as { trackedEntityType: { id: string } }[]
    expect(programs.every((p) => p.trackedEntityType.id === 'SrvPerson01')).toBe(true)
    expect(validateMetadata(out, { expectOnServer: ['trackedEntityTypes'] }).errors).toEqual([])
    expect(remapPerson(bundle, 'MCPQUTHX1Ze')).toBe(bundle)
  })
})

describe('import report formatting', () => {
  it('prints created/updated/ignored/errors by type and every error of a 2.41 report', () => {
    const body = {
      httpStatus: 'Conflict',
      httpStatusCode: 409,
      status: 'ERROR',
      message: 'One or more errors occurred, please see full details in import report.',
      response: {
        responseType: 'ImportReport',
        status: 'ERROR',
        stats: { created: 0, updated: 0, deleted: 0, ignored: 3, total: 3 },
        typeReports: [
          {
            klass: 'org.hisp.dhis.dataelement.DataElement',
            stats: { created: 0, updated: 0, deleted: 0, ignored: 2, total: 2 },
            objectReports: [
              { klass: 'org.hisp.dhis.dataelement.DataElement', index: 0, uid: 'abcdefghij1', displayName: 'Dyad - FP counselling', errorReports: [{ message: 'Property `code` with value `DYAD_FP_COUNSELLED` on object Dyad - FP counselling [abcdefghij1] (DataElement) already exists on object zzzzzzzzzz1.', mainKlass: 'org.hisp.dhis.dataelement.DataElement', errorKlass: 'java.lang.String', errorProperty: 'code', errorCode: 'E5003' }] },
              { klass: 'org.hisp.dhis.dataelement.DataElement', index: 1, uid: 'abcdefghij2', errorReports: [{ message: 'Missing required property `shortName`.', errorCode: 'E4000', errorProperty: 'shortName' }] },
            ],
          },
          { klass: 'org.hisp.dhis.program.Program', stats: { created: 0, updated: 0, deleted: 0, ignored: 1, total: 1 }, objectReports: [] },
        ],
      },
    }
    const report = parseImportReport(body)
    expect(report).toBeDefined()
    const text = formatImportReport(report as NonNullable<typeof report>, 'Dry run')
    expect(text.split('\n')[0]).toBe('Dry run: ERROR — created 0, updated 0, deleted 0, ignored 3 (total 3)')
    expect(text).toMatch(/DataElement\s+0\s+0\s+2\s+2/)
    expect(text).toMatch(/Program\s+0\s+0\s+1\s+0/)
    expect(text).toContain('ERROR DataElement abcdefghij1 "Dyad - FP counselling": E5003 Property `code`')
    expect(text).toContain('ERROR DataElement abcdefghij2: E4000 Missing required property `shortName`.')
  })

  it('parses CLI flags', () => {
    expect(parseArgs(['validate', 'a.json', '--version', '2.42', '--strict', '--expect-on-server=users,organisationUnits'])).toEqual({
      positional: ['validate', 'a.json'],
      flags: { version: '2.42', strict: true, 'expect-on-server': 'users,organisationUnits' },
    })
  })
})
