/**
 * The Setup page in French: what the installation keeps of the server (its Person type and the
 * Person attributes other programs added, its assignments), in the dry run and the confirmation.
 */
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import React from 'react'
import { DYAD_COLLECTIONS } from '../../data/metadata'
import { renderWithProviders } from '../../test-utils/render'
import { inFrench } from '../../test-utils/translations'
import { loadBundle } from './bundleLoader'
import SetupPage from './SetupPage'

jest.mock('./bundleLoader', () => ({ loadBundle: jest.fn(), availableBundles: () => [] }))
const mockedLoad = loadBundle as jest.MockedFunction<typeof loadBundle>

const PERSON = 'MCPQUTHX1Ze'
const bundle = {
  package: { name: 'dyad', version: '1.1.0' },
  programs: [{ id: 'p1', code: 'DYAD_PRG_MOTHER', trackedEntityType: { id: PERSON }, organisationUnits: [{ id: 'ouBundle01' }] }],
  trackedEntityTypes: [{ id: PERSON, code: 'GEN_LIB_TRK_PERSON', name: 'Person', trackedEntityTypeAttributes: [{ trackedEntityAttribute: { id: 'teaDyad001' } }] }],
}
const present = () => Object.fromEntries(DYAD_COLLECTIONS.map((c) => [c, { [c]: [] }]))
const notFound = () => {
  throw Object.assign(new Error('Not Found (404)'), { type: 'unknown', details: { httpStatusCode: 404 } })
}
const okReport = {
  httpStatus: 'OK',
  httpStatusCode: 200,
  status: 'OK',
  response: {
    responseType: 'ImportReport',
    status: 'OK',
    stats: { created: 0, updated: 2, deleted: 0, ignored: 0, total: 2 },
    typeReports: [
      { klass: 'org.hisp.dhis.program.Program', stats: { created: 0, updated: 1, deleted: 0, ignored: 0, total: 1 }, objectReports: [] },
      { klass: 'org.hisp.dhis.trackedentity.TrackedEntityType', stats: { created: 0, updated: 1, deleted: 0, ignored: 0, total: 1 }, objectReports: [] },
    ],
  },
}

describe('Setup page in French', () => {
  inFrench()

  it('says the Person type is reused and its 5 own attributes are kept, in the dry run and the confirmation', async () => {
    mockedLoad.mockResolvedValue(bundle)
    const posted: Record<string, unknown>[] = []
    // the server's Person (DHIS2's standard UID) carries Dyad's attribute and 5 added by other programs
    const serverAttributes = [{ trackedEntityAttribute: { id: 'teaDyad001' } }, ...[1, 2, 3, 4, 5].map((i) => ({ trackedEntityAttribute: { id: `teaOther0${i}` }, searchable: true }))]
    renderWithProviders(<SetupPage />, {
      data: {
        ...present(),
        trackedEntityTypes: (_t: string, q: { params?: { filter?: string } }) => ({ trackedEntityTypes: q.params?.filter === `id:eq:${PERSON}` ? [{ id: PERSON }] : [] }),
        [`trackedEntityTypes/${PERSON}`]: { trackedEntityTypeAttributes: serverAttributes },
        programs: (_t: string, q: { params?: { filter?: string } }) => ({ programs: q.params?.filter === 'id:in:[p1]' ? [{ id: 'p1', organisationUnits: [{ id: 'ouServer01' }, { id: 'ouServer02' }, { id: 'ouServer03' }] }] : [] }),
        metadata: (_t: string, q: { data?: unknown }) => {
          posted.push(q.data as Record<string, unknown>)
          return okReport
        },
        'dataStore/dyad/package': notFound,
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Vérifier (essai à blanc)' }))
    expect(await screen.findByText('Essai réussi — le paquet peut être installé')).toBeInTheDocument()
    const kept = screen.getByRole('list', { name: 'Conservé sur ce serveur' })
    expect(within(kept).getByText('Le type Personne de votre serveur est réutilisé ; ses 5 attributs absents du paquet sont conservés.')).toBeInTheDocument()
    expect(kept).not.toHaveTextContent(/Person type|kept/)
    // what is shown is what is posted: Dyad's attribute, then the server's five
    const person = (posted[0].trackedEntityTypes as { trackedEntityTypeAttributes: { trackedEntityAttribute: { id: string } }[] }[])[0]
    expect(person.trackedEntityTypeAttributes.map((a) => a.trackedEntityAttribute.id)).toEqual(['teaDyad001', 'teaOther01', 'teaOther02', 'teaOther03', 'teaOther04', 'teaOther05'])
    await userEvent.click(screen.getByRole('button', { name: 'Installer' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText('Le type Personne de votre serveur est réutilisé ; ses 5 attributs absents du paquet sont conservés.')).toBeInTheDocument()
    expect(within(dialog).getByRole('list', { name: 'Conservé sur ce serveur' }).querySelectorAll('li')).toHaveLength(2)
  })

  it("says in French that the server's own Person type (another UID) is reused as it is", async () => {
    mockedLoad.mockResolvedValue(bundle)
    renderWithProviders(<SetupPage />, {
      data: {
        ...present(),
        trackedEntityTypes: (_t: string, q: { params?: { filter?: string } }) => ({ trackedEntityTypes: q.params?.filter === 'name:eq:Person' ? [{ id: 'SrvPerson01' }] : [] }),
        programs: { programs: [] },
        metadata: okReport,
        'dataStore/dyad/package': notFound,
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Vérifier (essai à blanc)' }))
    expect(
      await screen.findByText('Le type Personne propre à votre serveur (SrvPerson01) est réutilisé : les programmes et le type de relation Dyade l’utiliseront, et ce type ainsi que tous ses attributs restent tels quels.'),
    ).toBeInTheDocument()
  })
})
