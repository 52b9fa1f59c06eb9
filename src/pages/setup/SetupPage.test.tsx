import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { renderWithProviders, testUser } from '../../test-utils/render'
import { DYAD_COLLECTIONS } from '../../data/metadata'
import SetupPage from './SetupPage'
import { loadBundle } from './bundleLoader'

jest.mock('./bundleLoader', () => ({ loadBundle: jest.fn(), availableBundles: () => [] }))
const mockedLoad = loadBundle as jest.MockedFunction<typeof loadBundle>

const bundle = {
  package: { name: 'dyad', version: '1.0.0' },
  programs: [{ id: 'p1', code: 'DYAD_PRG_MOTHER' }],
  dataElements: [{ id: 'd1', code: 'DYAD_DE_A' }, { id: 'd2', code: 'DYAD_DE_B' }],
}

/** A bundle that ships Dyad's Person type (DHIS2's standard UID) and references it from a program. */
const upgradeBundle = {
  package: { name: 'dyad', version: '1.1.0' },
  programs: [{ id: 'p1', code: 'DYAD_PRG_MOTHER', trackedEntityType: { id: 'MCPQUTHX1Ze' } }],
  trackedEntityTypes: [{ id: 'MCPQUTHX1Ze', code: 'GEN_LIB_TRK_PERSON', name: 'Person', trackedEntityTypeAttributes: [{ trackedEntityAttribute: { id: 'teaDyad001' } }] }],
}

const personReport = (created: number, updated: number) => ({ klass: 'org.hisp.dhis.trackedentity.TrackedEntityType', stats: { created, updated, deleted: 0, ignored: 0, total: 1 }, objectReports: [] })

const report = (status: string, created: number, errors: { message: string; errorCode: string }[] = [], extra: unknown[] = []) => ({
  httpStatus: errors.length ? 'Conflict' : 'OK',
  httpStatusCode: errors.length ? 409 : 200,
  status: errors.length ? 'WARNING' : 'OK',
  response: {
    responseType: 'ImportReport',
    status,
    stats: { created, updated: 0, deleted: 0, ignored: errors.length, total: 3 },
    typeReports: [
      {
        klass: 'org.hisp.dhis.program.Program',
        stats: { created: 1, updated: 0, deleted: 0, ignored: 0, total: 1 },
        objectReports: errors.length ? [{ klass: 'org.hisp.dhis.program.Program', uid: 'p1', errorReports: errors }] : [],
      },
      ...extra,
    ],
  },
})

/** Every collection the page counts, empty unless given. */
const present = (over: Record<string, unknown> = {}) => ({ ...Object.fromEntries(DYAD_COLLECTIONS.map((c) => [c, { [c]: [] }])), ...over })

const notFound = () => {
  throw Object.assign(new Error('An unknown error occurred - Not Found (404)'), { type: 'unknown', details: { httpStatusCode: 404 } })
}

describe('Setup page', () => {
  it('says when the build has no metadata package', async () => {
    mockedLoad.mockResolvedValue(undefined)
    renderWithProviders(<SetupPage />, { data: { ...present(), 'dataStore/dyad/package': notFound } })
    expect(await screen.findByText('No metadata package in this build')).toBeInTheDocument()
    expect(await screen.findByText('No Dyad metadata on this server')).toBeInTheDocument()
  })

  it('explains missing authorities and blocks the dry run', async () => {
    mockedLoad.mockResolvedValue(bundle)
    renderWithProviders(<SetupPage />, {
      data: { ...present(), me: testUser({ authorities: ['F_DATAELEMENT_PUBLIC_ADD'] }), 'dataStore/dyad/package': notFound },
    })
    expect(await screen.findByText('Your user cannot install this package')).toBeInTheDocument()
    expect(screen.getByText('F_PROGRAM_PUBLIC_ADD')).toBeInTheDocument()
    expect(screen.queryByText('F_DATAELEMENT_PUBLIC_ADD')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Check (dry run)' })).toBeDisabled()
  })

  it('shows conflicts of the dry run (409 with report) and keeps Install disabled', async () => {
    mockedLoad.mockResolvedValue(bundle)
    const posts: unknown[] = []
    renderWithProviders(<SetupPage />, {
      data: {
        ...present({ programs: { programs: [{ id: 'p1', code: 'DYAD_PRG_MOTHER', displayName: 'Mère' }] } }),
        metadata: (_type: string, q: { params?: Record<string, unknown> }) => {
          posts.push(q.params)
          throw Object.assign(new Error('Forbidden'), { type: 'access', details: report('ERROR', 0, [{ message: 'Property `name` is required', errorCode: 'E4000' }]) })
        },
        'dataStore/dyad/package': { name: 'dyad', version: '0.9.0', installedAt: '2025-01-02T00:00:00.000Z', installedBy: 'admin' },
      },
    })
    expect(await screen.findByText(/Installed package version 0.9.0/)).toBeInTheDocument()
    expect(screen.getByRole('cell', { name: 'programs' })).toBeInTheDocument()
    await userEvent.click(await screen.findByRole('button', { name: 'Check (dry run)' }))
    expect(await screen.findByText('Dry run found problems — nothing can be installed until they are fixed')).toBeInTheDocument()
    expect(screen.getByText('Property `name` is required')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Install' })).toBeDisabled()
    expect(posts).toEqual([expect.objectContaining({ importMode: 'VALIDATE', atomicMode: 'ALL', importStrategy: 'CREATE_AND_UPDATE' })])
  })

  it('validates, asks for confirmation, imports and records the version', async () => {
    mockedLoad.mockResolvedValue(bundle)
    const modes: unknown[] = []
    const saved: unknown[] = []
    renderWithProviders(<SetupPage />, {
      data: {
        ...present(),
        metadata: (_type: string, q: { params?: { importMode?: string } }) => {
          modes.push(q.params?.importMode)
          return report('OK', 3)
        },
        'dataStore/dyad': (type: string, q: { data?: unknown }) => {
          saved.push([type, q.data])
          return { httpStatusCode: 200 }
        },
        'dataStore/dyad/package': notFound,
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Check (dry run)' }))
    expect(await screen.findByText('Dry run passed — the package can be installed')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Install' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Install now' }))
    expect(await screen.findByText('Package installed')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText('Version 1.0.0 is recorded as installed.')).toBeInTheDocument())
    expect(modes).toEqual(['VALIDATE', 'COMMIT'])
    expect(saved[0]).toEqual(['replace', expect.objectContaining({ name: 'dyad', version: '1.0.0', installedBy: 'admin' })])
  })

  it('keeps the server assignments in the payload it validates and imports (upgrade)', async () => {
    mockedLoad.mockResolvedValue({
      package: { name: 'dyad', version: '1.1.0' },
      programs: [{ id: 'p1', code: 'DYAD_PRG_MOTHER', trackedEntityType: { id: 'MCPQUTHX1Ze' }, organisationUnits: [{ id: 'ouBundle01' }] }],
      trackedEntityTypes: [{ id: 'MCPQUTHX1Ze', code: 'GEN_LIB_TRK_PERSON', trackedEntityTypeAttributes: [{ trackedEntityAttribute: { id: 'teaDyad001' } }] }],
      dataElements: [{ id: 'd1', code: 'DYAD_DE_A' }],
    })
    const posted: { mode: unknown; data: Record<string, unknown> }[] = []
    const programReads: unknown[] = []
    renderWithProviders(<SetupPage />, {
      data: {
        ...present(),
        programs: (_type: string, q: { params?: { filter?: string } }) => {
          programReads.push(q.params?.filter)
          if (q.params?.filter === 'id:in:[p1]') return { programs: [{ id: 'p1', organisationUnits: [{ id: 'ouServer01' }, { id: 'ouBundle01' }, { id: 'ouServer02' }] }] }
          return { programs: [{ id: 'p1', code: 'DYAD_PRG_MOTHER', displayName: 'Mère' }] }
        },
        trackedEntityTypes: (_type: string, q: { params?: { filter?: string } }) => ({ trackedEntityTypes: q.params?.filter === 'id:eq:MCPQUTHX1Ze' ? [{ id: 'MCPQUTHX1Ze' }] : [] }),
        'trackedEntityTypes/MCPQUTHX1Ze': { trackedEntityTypeAttributes: [{ trackedEntityAttribute: { id: 'teaDyad001' } }, { trackedEntityAttribute: { id: 'teaOther01' }, searchable: true }] },
        metadata: (_type: string, q: { params?: { importMode?: string }; data?: unknown }) => {
          posted.push({ mode: q.params?.importMode, data: q.data as Record<string, unknown> })
          return report('OK', 0)
        },
        'dataStore/dyad': { httpStatusCode: 200 },
        'dataStore/dyad/package': notFound,
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Check (dry run)' }))
    expect(await screen.findByText(/2 existing assignments kept \(facilities of programs, data set, groups; members of user groups\)/)).toBeInTheDocument()
    expect(screen.getByText("Your server's Person type is reused; its attribute that is not in the package is kept.")).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Install' }))
    // the confirmation says it again
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText("Your server's Person type is reused; its attribute that is not in the package is kept.")).toBeInTheDocument()
    expect(within(dialog).getByText(/2 existing assignments kept/)).toBeInTheDocument()
    await userEvent.click(await screen.findByRole('button', { name: 'Install now' }))
    await waitFor(() => expect(posted.map((p) => p.mode)).toEqual(['VALIDATE', 'COMMIT']))
    expect(programReads).toContain('id:in:[p1]')
    for (const { data } of posted) {
      expect(data.package).toBeUndefined()
      const program = (data.programs as { organisationUnits: { id: string }[] }[])[0]
      expect(program.organisationUnits).toEqual([{ id: 'ouBundle01' }, { id: 'ouServer01' }, { id: 'ouServer02' }])
      const person = (data.trackedEntityTypes as { trackedEntityTypeAttributes: { trackedEntityAttribute: { id: string } }[] }[])[0]
      expect(person.trackedEntityTypeAttributes.map((a) => a.trackedEntityAttribute.id)).toEqual(['teaDyad001', 'teaOther01'])
    }
    expect(posted[1].data).toEqual(posted[0].data)
  })
  it("says the server's own Person type is reused (other UID), in the dry run and the confirmation, and posts no Person type", async () => {
    mockedLoad.mockResolvedValue(upgradeBundle)
    const posted: Record<string, unknown>[] = []
    const lookups: unknown[] = []
    renderWithProviders(<SetupPage />, {
      data: {
        ...present(),
        // found by code, under the server's own UID: Dyad's copy is dropped, references remapped
        trackedEntityTypes: (_type: string, q: { params?: { filter?: string } }) => {
          lookups.push(q.params?.filter)
          return { trackedEntityTypes: q.params?.filter === 'code:eq:GEN_LIB_TRK_PERSON' ? [{ id: 'SrvPerson01' }] : [] }
        },
        programs: { programs: [] },
        metadata: (_type: string, q: { data?: unknown }) => {
          posted.push(q.data as Record<string, unknown>)
          return report('OK', 1)
        },
        'dataStore/dyad/package': notFound,
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Check (dry run)' }))
    const note = "Your server's own Person type (SrvPerson01) is reused: Dyad's programs and relationship type will use it, and the type and all its attributes are left as they are."
    expect(await screen.findByText(note)).toBeInTheDocument()
    expect(screen.getByRole('list', { name: 'Kept on this server' })).toHaveTextContent('0 existing assignments kept')
    expect(lookups).toEqual(['id:eq:MCPQUTHX1Ze', 'code:eq:GEN_LIB_TRK_PERSON'])
    expect(posted[0].trackedEntityTypes).toEqual([])
    expect((posted[0].programs as { trackedEntityType: { id: string } }[])[0].trackedEntityType).toEqual({ id: 'SrvPerson01' })
    await userEvent.click(screen.getByRole('button', { name: 'Install' }))
    expect(within(await screen.findByRole('dialog')).getByText(note)).toBeInTheDocument()
  })

  it('says when the package creates the Person type (none on the server)', async () => {
    mockedLoad.mockResolvedValue(upgradeBundle)
    renderWithProviders(<SetupPage />, {
      data: {
        ...present(),
        trackedEntityTypes: { trackedEntityTypes: [] },
        'trackedEntityTypes/MCPQUTHX1Ze': notFound,
        programs: { programs: [] },
        metadata: () => report('OK', 2, [], [personReport(1, 0)]),
        'dataStore/dyad/package': notFound,
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Check (dry run)' }))
    expect(await screen.findByText('This server has no Person type: the package creates it.')).toBeInTheDocument()
    expect(screen.queryByText(/Person type is reused/)).not.toBeInTheDocument()
  })
})
