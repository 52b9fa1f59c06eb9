/**
 * User groups, user roles and the DHIS2 dashboard "Dyad" with the app's plugin items.
 */
import { USER_GROUP, fr, l, sharing, type D2Object } from './common'
import { uid } from './uid'
import type { Label } from './vocabulary'

/** App key of the Dyad app (d2.config.js `name`); DHIS2 gives an installed app the authority M_<key>. */
export const APP_KEY = 'dyad'

export const USER_GROUPS: { code: string; name: Label; description: Label }[] = [
  { code: USER_GROUP.DATA_ENTRY, name: l('Dyad - Data entry', 'Dyade - Saisie'), description: l('Health workers who capture mother and infant records and the private-sector report.', 'Agents de santé qui saisissent les dossiers mère et nourrisson et le rapport du secteur privé.') },
  { code: USER_GROUP.ANALYSTS, name: l('Dyad - Analysis', 'Dyade - Analyse'), description: l('District and national teams who read the data and dashboards.', 'Équipes de district et nationales qui consultent les données et tableaux de bord.') },
  { code: USER_GROUP.ADMINS, name: l('Dyad - Administration', 'Dyade - Administration'), description: l('Administrators of the Dyad package (metadata, settings).', 'Administrateurs du paquet Dyade (métadonnées, paramètres).') },
]

export function userGroups(): D2Object[] {
  return USER_GROUPS.map((g) => ({
    id: uid('userGroup', g.code),
    code: g.code,
    name: g.name.en,
    description: g.description.en,
    sharing: { ...sharing('metadata'), public: 'r-------' },
    translations: fr({ NAME: g.name, DESCRIPTION: g.description }),
  }))
}

const APP = `M_${APP_KEY}`
const READ = [
  APP,
  'M_dhis-web-dashboard',
  'M_dhis-web-data-visualizer',
  'M_dhis-web-maps',
  'M_dhis-web-line-listing',
  'F_VIEW_EVENT_ANALYTICS',
]
const CAPTURE = [
  'M_dhis-web-capture',
  'M_dhis-web-tracker-capture',
  'M_dhis-web-aggregate-data-entry',
  'M_dhis-web-dataentry',
  'F_TRACKED_ENTITY_INSTANCE_SEARCH',
  'F_TRACKED_ENTITY_INSTANCE_ADD',
  'F_PROGRAM_ENROLLMENT',
  'F_UNCOMPLETE_EVENT',
  'F_RELATIONSHIP_ADD',
  'F_DATAVALUE_ADD',
  'F_DATAVALUE_DELETE',
]
const ADMIN = [
  'M_dhis-web-maintenance',
  'M_dhis-web-import-export',
  'M_dhis-web-data-administration',
  'F_METADATA_IMPORT',
  'F_METADATA_EXPORT',
  'F_PERFORM_MAINTENANCE',
  'F_RUN_VALIDATION',
  'F_PROGRAM_PUBLIC_ADD',
  'F_PROGRAMSTAGE_ADD',
  'F_PROGRAM_RULE_ADD',
  'F_PROGRAM_INDICATOR_PUBLIC_ADD',
  'F_TRACKED_ENTITY_ATTRIBUTE_PUBLIC_ADD',
  'F_DATAELEMENT_PUBLIC_ADD',
  'F_OPTIONSET_PUBLIC_ADD',
  'F_INDICATOR_PUBLIC_ADD',
  'F_INDICATORTYPE_ADD',
  'F_DATASET_PUBLIC_ADD',
  'F_RELATIONSHIPTYPE_PUBLIC_ADD',
  'F_ORGUNITGROUPSET_PUBLIC_ADD',
  'F_ORGUNITGROUP_PUBLIC_ADD',
  'F_LEGEND_SET_PUBLIC_ADD',
  'F_CATEGORY_PUBLIC_ADD',
  'F_CATEGORY_OPTION_PUBLIC_ADD',
  'F_CATEGORY_COMBO_PUBLIC_ADD',
  'F_CONSTANT_ADD',
  'F_USERROLE_PUBLIC_ADD',
  'F_VALIDATIONRULE_PUBLIC_ADD',
]

export const USER_ROLES: { code: string; name: Label; description: Label; authorities: string[] }[] = [
  { code: 'DYAD_UR_DATA_ENTRY', name: l('Dyad - Data entry', 'Dyade - Saisie'), description: l('Capture mother and infant records, relationships and the private-sector monthly report; see the Dyad app.', 'Saisir les dossiers mère et nourrisson, les liens et le rapport mensuel du secteur privé ; voir l’application Dyade.'), authorities: [...READ, ...CAPTURE] },
  { code: 'DYAD_UR_ANALYSIS', name: l('Dyad - Analysis', 'Dyade - Analyse'), description: l('Read Dyad dashboards, the app, analytics and line lists.', 'Consulter les tableaux de bord Dyade, l’application, les analyses et listes.'), authorities: [...READ] },
  { code: 'DYAD_UR_ADMIN', name: l('Dyad - Administration', 'Dyade - Administration'), description: l('Install and maintain the Dyad metadata package and settings.', 'Installer et maintenir le paquet de métadonnées et les paramètres Dyade.'), authorities: [...READ, ...ADMIN] },
]

export function userRoles(): D2Object[] {
  return USER_ROLES.map((r) => ({
    id: uid('userRole', r.code),
    code: r.code,
    name: r.name.en,
    description: r.description.en,
    authorities: [...new Set(r.authorities)].sort(),
    sharing: { ...sharing('metadata'), public: 'r-------' },
    translations: fr({ NAME: r.name, DESCRIPTION: r.description }),
  }))
}

/** The dashboard plugin's views (the plugin reads its item id and shows the matching view). */
export const DASHBOARD_ITEMS: { key: string; y: number; height: number }[] = [
  { key: 'OVERVIEW', y: 0, height: 20 },
  { key: 'CONTINUUM', y: 20, height: 20 },
  { key: 'SCORECARD', y: 40, height: 24 },
]

export const DASHBOARD = { code: 'DYAD_DASHBOARD', name: l('Dyad', 'Dyade'), description: l('Integrated mother–infant indicators: overview, continuum of care and scorecard (Dyad app plugin).', 'Indicateurs intégrés du couple mère-enfant : aperçu, continuum de soins et tableau de bord (plugin de l’application Dyade).') }

export function dashboards(): D2Object[] {
  return [
    {
      id: uid('dashboard', DASHBOARD.code),
      code: DASHBOARD.code,
      name: DASHBOARD.name.en,
      description: DASHBOARD.description.en,
      dashboardItems: DASHBOARD_ITEMS.map((it) => ({
        id: uid('dashboardItem', `${DASHBOARD.code}_${it.key}`),
        code: `${DASHBOARD.code}_${it.key}`,
        type: 'APP',
        appKey: APP_KEY,
        shape: 'FULL_WIDTH',
        x: 0,
        y: it.y,
        width: 60,
        height: it.height,
      })),
      sharing: sharing('dashboard'),
      translations: fr({ NAME: DASHBOARD.name, DESCRIPTION: DASHBOARD.description }),
    },
  ]
}
