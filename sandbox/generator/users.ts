/**
 * Sandbox users. `admin` / `district` (the DHIS2 demo convention) has ALL and the root org unit,
 * English UI; `fatoumata` / `district` is a French-speaking district team member of the Gao
 * health district (analysis and data entry, no ALL); `clinique` / `district` is the data clerk
 * of a private clinic in Bamako (French; captures the monthly private-sector report).
 */
import { uid } from '../../metadata/src/uid'
import type { SandboxUser } from '../model'
import type { Hierarchy } from './orgunits'

export const DISTRICT_USER_AUTHORITIES = [
  'M_dhis-web-dashboard',
  'M_dhis-web-data-visualizer',
  'M_dhis-web-capture',
  'M_dhis-web-aggregate-data-entry',
  'F_TRACKED_ENTITY_INSTANCE_SEARCH',
  'F_TRACKED_ENTITY_INSTANCE_ADD',
  'F_PROGRAM_ENROLLMENT',
  'F_VIEW_EVENT_ANALYTICS',
  'F_PERFORM_ANALYTICS_EXPLAIN',
  'F_DATAVALUE_ADD',
  'F_DATASET_PUBLIC_ADD',
]

export function buildUsers(h: Hierarchy): SandboxUser[] {
  const gao = h.orgUnits.find((o) => o.code === 'DYAD_OU_GAO_GAO')
  const districtId = gao?.id ?? h.districtIds[0]
  const clinic = h.orgUnits.find((o) => o.level === 4 && o.code?.includes('DISTRICT_DE_BAMAKO') && o.code.includes('_CLIN'))
  const clinicId = clinic?.id ?? h.facilities[0].id
  return [
    {
      id: uid('user', 'admin'),
      username: 'admin',
      password: 'district',
      firstName: 'John',
      surname: 'Traore',
      locale: 'en',
      authorities: ['ALL'],
      organisationUnits: [h.rootId],
      dataViewOrganisationUnits: [h.rootId],
      teiSearchOrganisationUnits: [h.rootId],
    },
    {
      id: uid('user', 'fatoumata'),
      username: 'fatoumata',
      password: 'district',
      firstName: 'Fatoumata',
      surname: 'Maïga',
      locale: 'fr',
      authorities: DISTRICT_USER_AUTHORITIES,
      organisationUnits: [districtId],
      dataViewOrganisationUnits: [districtId],
      teiSearchOrganisationUnits: [districtId],
    },
    {
      id: uid('user', 'clinique'),
      username: 'clinique',
      password: 'district',
      firstName: 'Mariam',
      surname: 'Coulibaly',
      locale: 'fr',
      authorities: ['M_dhis-web-aggregate-data-entry', 'F_DATAVALUE_ADD', 'M_dhis-web-dashboard'],
      organisationUnits: [clinicId],
      dataViewOrganisationUnits: [clinicId],
      teiSearchOrganisationUnits: [clinicId],
    },
  ]
}
