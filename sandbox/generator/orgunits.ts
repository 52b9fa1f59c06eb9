/**
 * The synthetic West-African hierarchy: a fictional national level ("Pays de démonstration"),
 * ten regions with Malian names, 3–6 districts each, and facilities of every type and ownership,
 * grouped by the two Dyad group sets (Statut, Type de structure). The hierarchy does not depend on
 * the data seed: org-unit UIDs are uid('organisationUnit', code) and stay the same for any seed
 * and scale, so bookmarks, users and tests can name them.
 */
import { uid } from '../../metadata/src/uid'
import { FACILITY_TYPE, GROUP_SETS, ids, OWNERSHIP } from '../../metadata/src/vocabulary'
import type { OrgUnit, OrgUnitGroup, OrgUnitGroupSet, OrgUnitLevel } from '../model'
import { Rng } from './prng'

export const OPENING_DATE = '1990-01-01T00:00:00.000'

export const LEVELS: Array<{ code: string; name: string; level: number }> = [
  { code: 'DYAD_OUL_PAYS', name: 'Pays', level: 1 },
  { code: 'DYAD_OUL_REGION', name: 'Région', level: 2 },
  { code: 'DYAD_OUL_DISTRICT', name: 'District sanitaire', level: 3 },
  { code: 'DYAD_OUL_FACILITY', name: 'Formation sanitaire', level: 4 },
]

const REGIONS: Array<{ name: string; districts: string[] }> = [
  { name: 'Kayes', districts: ['Kayes', 'Bafoulabé', 'Diéma', 'Kita', 'Nioro du Sahel', 'Yélimané'] },
  { name: 'Koulikoro', districts: ['Koulikoro', 'Banamba', 'Kati', 'Kangaba', 'Kolokani'] },
  { name: 'Sikasso', districts: ['Sikasso', 'Bougouni', 'Kadiolo', 'Koutiala', 'Yorosso'] },
  { name: 'Ségou', districts: ['Ségou', 'Bla', 'Macina', 'Niono', 'San', 'Tominian'] },
  { name: 'Mopti', districts: ['Mopti', 'Bandiagara', 'Djenné', 'Douentza', 'Ténenkou'] },
  { name: 'Tombouctou', districts: ['Tombouctou', 'Diré', 'Goundam', 'Niafunké'] },
  { name: 'Gao', districts: ['Gao', 'Ansongo', 'Bourem'] },
  { name: 'Kidal', districts: ['Kidal', 'Abeïbara', 'Tessalit'] },
  { name: 'Ménaka', districts: ['Ménaka', 'Andéramboukane', 'Inékar'] },
  { name: 'District de Bamako', districts: ['Commune I', 'Commune II', 'Commune III', 'Commune IV', 'Commune V', 'Commune VI'] },
]

const LOCALITIES = [
  'Badala', 'Banconi', 'Djélibougou', 'Falaba', 'Hamdallaye', 'Kalaban', 'Kognini', 'Lafiabougou',
  'Missira', 'Niaréla', 'Sabalibougou', 'Sébénikoro', 'Sogoniko', 'Torokorobougou', 'Yirimadio',
  'Bamba', 'Dioro', 'Farakou', 'Kassela', 'Kolondiéba', 'Koro', 'Ouolossébougou', 'Sanankoroba',
  'Sirakoro', 'Tienfala', 'Zantiébougou', 'Baguinéda', 'Diago', 'Dialakoroba', 'Fana', 'Kafara',
  'Massantola', 'Nossombougou', 'Sagabari', 'Siby', 'Tamani', 'Wassoulou', 'Konna', 'Soufouroulaye',
  'Sévaré', 'Fatoma', 'Socoura', 'Ber', 'Bintagoungou', 'Gourma', 'Haoussa-Foulane', 'Tacharane', 'Sonni',
]

/** What the generator knows about a facility beyond the OrgUnit record. */
export interface FacilityInfo {
  id: string
  code: string
  ownership: string
  type: string
  district: string
  region: string
  /** Relative attractiveness for mothers (share of the district's pairs). */
  weight: number
  /** Does it conduct deliveries? */
  deliveries: boolean
}

export interface Hierarchy {
  orgUnits: OrgUnit[]
  orgUnitLevels: OrgUnitLevel[]
  orgUnitGroups: OrgUnitGroup[]
  orgUnitGroupSets: OrgUnitGroupSet[]
  facilities: FacilityInfo[]
  rootId: string
  regionIds: string[]
  districtIds: string[]
  /** District id → its referral centre (CSRéf) id. */
  referral: Map<string, string>
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
}

function shortOf(name: string): string {
  return name.length <= 50 ? name : name.slice(0, 50)
}

interface FacilityTemplate {
  prefix: string
  type: string
  ownership: string
  weight: number
  deliveries: boolean
}

let cached: Hierarchy | null = null

/** The hierarchy (built once; identical for every seed). */
export function buildHierarchy(): Hierarchy {
  if (cached) return cached
  const rng = new Rng(20_240_101, 7)
  const orgUnits: OrgUnit[] = []
  const facilities: FacilityInfo[] = []
  const referral = new Map<string, string>()
  const groupMembers = new Map<string, string[]>()
  const addToGroup = (groupCode: string, ouId: string) => {
    const list = groupMembers.get(groupCode) ?? []
    list.push(ouId)
    groupMembers.set(groupCode, list)
  }

  const rootCode = 'DYAD_OU_PAYS'
  const rootId = uid('organisationUnit', rootCode)
  orgUnits.push({ id: rootId, code: rootCode, name: 'Pays de démonstration', shortName: 'Pays de démonstration', level: 1, path: `/${rootId}`, openingDate: OPENING_DATE })
  const regionIds: string[] = []
  const districtIds: string[] = []

  const usedNames = new Set<string>()
  let localityIndex = 0
  const nextLocality = () => LOCALITIES[localityIndex++ % LOCALITIES.length]

  for (const region of REGIONS) {
    const regionCode = `DYAD_OU_${slug(region.name)}`
    const regionId = uid('organisationUnit', regionCode)
    const regionName = region.name.startsWith('District') ? region.name : `Région de ${region.name}`
    regionIds.push(regionId)
    orgUnits.push({ id: regionId, code: regionCode, name: regionName, shortName: shortOf(regionName), level: 2, path: `/${rootId}/${regionId}`, parent: rootId, openingDate: OPENING_DATE })
    const bamako = region.name === 'District de Bamako'
    const north = ['Tombouctou', 'Gao', 'Kidal', 'Ménaka'].includes(region.name)

    region.districts.forEach((district, districtIndex) => {
      const districtCode = `DYAD_OU_${slug(region.name)}_${slug(district)}`.slice(0, 50)
      const districtId = uid('organisationUnit', districtCode)
      districtIds.push(districtId)
      const districtName = `District sanitaire de ${district}`
      orgUnits.push({ id: districtId, code: districtCode, name: districtName, shortName: shortOf(`DS ${district}`), level: 3, path: `/${rootId}/${regionId}/${districtId}`, parent: regionId, openingDate: OPENING_DATE })

      const templates: Array<FacilityTemplate & { name: string }> = []
      const add = (name: string, t: FacilityTemplate) => templates.push({ ...t, name })
      // Referral centre of the district
      add(bamako ? `CSRéf ${district}` : `CSRéf de ${district}`, { prefix: 'CSREF', type: FACILITY_TYPE.DISTRICT, ownership: OWNERSHIP.PUBLIC, weight: 6, deliveries: true })
      if (districtIndex === 0) {
        add(bamako ? 'Hôpital national de démonstration' : `Hôpital régional de ${region.name}`, { prefix: 'HOP', type: FACILITY_TYPE.HOSPITAL, ownership: OWNERSHIP.PUBLIC, weight: 5, deliveries: true })
      }
      const cscoms = north ? rng.int(3, 4) : rng.int(4, 7)
      for (let i = 0; i < cscoms; i++) {
        const loc = nextLocality()
        const community = rng.chance(0.8)
        add(`CSCom de ${loc}`, { prefix: 'CSCOM', type: FACILITY_TYPE.PRIMARY, ownership: community ? OWNERSHIP.COMMUNITY : OWNERSHIP.PUBLIC, weight: 10, deliveries: true })
      }
      // Private sector: denser in Bamako and regional capitals
      const urban = bamako || districtIndex === 0
      const nCabMed = urban ? rng.int(2, 3) : rng.int(0, 1)
      for (let i = 0; i < nCabMed; i++) add(`Cabinet médical ${rng.pick(['Espoir', 'Santé Plus', 'Le Bon Samaritain', 'Djiguiya', 'Bien-Être', 'Yeelen', 'Hakili', 'La Référence'])} (${district})`, { prefix: 'CABMED', type: FACILITY_TYPE.CABINET_MEDICAL, ownership: OWNERSHIP.PRIVATE_FOR_PROFIT, weight: 1.5, deliveries: false })
      const nCabSf = urban ? rng.int(1, 2) : rng.int(0, 1)
      for (let i = 0; i < nCabSf; i++) add(`Cabinet de sage-femme ${rng.pick(['Maternité Sûre', 'Mère et Enfant', 'Kènèya', 'Lumière', 'Dounia'])} (${district})`, { prefix: 'CABSF', type: FACILITY_TYPE.CABINET_MIDWIFE, ownership: OWNERSHIP.PRIVATE_FOR_PROFIT, weight: 2, deliveries: true })
      if (urban || rng.chance(0.3)) add(`Cabinet de soins infirmiers ${rng.pick(['Solidarité', 'Baraka', 'Bon Secours'])} (${district})`, { prefix: 'CABSI', type: FACILITY_TYPE.CABINET_NURSING, ownership: OWNERSHIP.PRIVATE_FOR_PROFIT, weight: 1, deliveries: false })
      const nClinic = bamako ? rng.int(2, 3) : urban ? 1 : rng.chance(0.25) ? 1 : 0
      for (let i = 0; i < nClinic; i++) add(`Clinique ${rng.pick(['Pasteur', 'Les Flamboyants', 'Kabala', 'Farako', 'Niger', 'du Fleuve', 'Sainte-Famille', 'Les Étoiles'])} (${district})`, { prefix: 'CLIN', type: FACILITY_TYPE.CLINIC, ownership: OWNERSHIP.PRIVATE_FOR_PROFIT, weight: 3, deliveries: true })
      if (bamako && districtIndex % 2 === 0) add(`Polyclinique ${rng.pick(['du Golfe', 'Internationale', 'de la Paix'])} (${district})`, { prefix: 'POLY', type: FACILITY_TYPE.POLYCLINIC, ownership: OWNERSHIP.PRIVATE_FOR_PROFIT, weight: 3, deliveries: true })
      if (urban || rng.chance(0.2)) add(`Clinique associative ${rng.pick(['AMPPF', 'Jigiya', 'Femmes Solidaires'])} (${district})`, { prefix: 'ASSO', type: FACILITY_TYPE.CLINIC, ownership: OWNERSHIP.PRIVATE_NOT_FOR_PROFIT, weight: 2, deliveries: true })
      if (urban || rng.chance(0.35)) add(`Centre de santé confessionnel ${rng.pick(['Saint-Joseph', 'Notre-Dame', 'Al-Hidaya', 'Évangélique', 'Al-Farouk'])} (${district})`, { prefix: 'CONF', type: FACILITY_TYPE.PRIMARY, ownership: OWNERSHIP.CONFESSIONAL, weight: 3, deliveries: true })
      if (districtIndex === 0 || rng.chance(0.15)) add(`Infirmerie de garnison de ${district}`, { prefix: 'INF', type: FACILITY_TYPE.INFIRMARY, ownership: OWNERSHIP.PARAPUBLIC, weight: 0.7, deliveries: false })

      const counters = new Map<string, number>()
      for (const t of templates) {
        if (usedNames.has(t.name)) t.name = `${t.name} (${district})`
        for (let k = 2; usedNames.has(t.name); k++) t.name = `${t.name.replace(/ \d+$/, '')} ${k}`
        usedNames.add(t.name)
        const n = (counters.get(t.prefix) ?? 0) + 1
        counters.set(t.prefix, n)
        const code = `${districtCode}_${t.prefix}${n}`.slice(0, 50)
        const id = uid('organisationUnit', code)
        orgUnits.push({ id, code, name: t.name, shortName: shortOf(t.name), level: 4, path: `/${rootId}/${regionId}/${districtId}/${id}`, parent: districtId, openingDate: OPENING_DATE })
        facilities.push({ id, code, ownership: t.ownership, type: t.type, district: districtId, region: regionId, weight: t.weight, deliveries: t.deliveries })
        addToGroup(t.ownership, id)
        addToGroup(t.type, id)
        if (t.prefix === 'CSREF') referral.set(districtId, id)
      }
    })
  }

  const orgUnitLevels: OrgUnitLevel[] = LEVELS.map((l) => ({ id: uid('organisationUnitLevel', l.code), name: l.name, level: l.level }))
  const orgUnitGroups: OrgUnitGroup[] = []
  const orgUnitGroupSets: OrgUnitGroupSet[] = []
  for (const gs of GROUP_SETS) {
    for (const g of gs.groups) {
      orgUnitGroups.push({ id: ids.orgUnitGroup(g.code), code: g.code, name: g.name.fr, shortName: g.shortName.fr, organisationUnits: groupMembers.get(g.code) ?? [] })
    }
    orgUnitGroupSets.push({ id: ids.orgUnitGroupSet(gs.code), code: gs.code, name: gs.name.fr, shortName: gs.shortName.fr, dataDimension: true, organisationUnitGroups: gs.groups.map((g) => ids.orgUnitGroup(g.code)) })
  }

  cached = { orgUnits, orgUnitLevels, orgUnitGroups, orgUnitGroupSets, facilities, rootId, regionIds, districtIds, referral }
  return cached
}
