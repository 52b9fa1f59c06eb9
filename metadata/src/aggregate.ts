/**
 * The aggregate vocabulary of the Dyad package: the monthly private-sector FP/MNCH report
 * (seed 002, *Rapport mensuel PF/SMNI – structures privées*), its data elements, categories,
 * category options, category combos and category option combos (COCs), by code, with EN/FR labels
 * and deterministic UIDs.
 *
 * Shared contract: the metadata build (metadata/src/build) turns it into DHIS2 objects; the
 * sandbox generator fills data values from it (`AGG_ITEMS`); the pages read the codes. Additive
 * edits only (never rename a code: UIDs derive from codes).
 *
 * COCs are shipped in the bundle (the DHIS2 metadata import does not create them). A COC's UID is
 * `uid('categoryOptionCombo', '<comboCode>:<sorted option codes joined by +>')`, so it never
 * changes while its combo and options do not.
 */
import { uid } from './uid'
import { FP_METHOD, OS, optionSetByCode, type FpMethodCode, type Label } from './vocabulary'

const l = (en: string, fr: string): Label => ({ en, fr })

/** DHIS2's default category combo and its only COC (present on every server). */
export const DEFAULT_CATEGORY_COMBO = 'bjDvmb4bfuf'
export const DEFAULT_COC = 'HllvX50cXC0'
export const DEFAULT_CATEGORY = 'GLevLNI9wkl'
export const DEFAULT_CATEGORY_OPTION = 'xYerKDKCefk'

// ---------------------------------------------------------------------------------------------
// Category options
// ---------------------------------------------------------------------------------------------

export interface CategoryOptionDef {
  code: string
  name: Label
  /** ≤ 50 characters in both languages. */
  shortName: Label
  /** FP method code (vocabulary FP_METHOD) when the option stands for a method or product. */
  method?: FpMethodCode
}

const fpName = (m: FpMethodCode): Label => {
  const o = optionSetByCode(OS.FP_METHOD)?.options.find((x) => x.code === m)
  if (!o) throw new Error(`FP method ${m} missing from the vocabulary`)
  return o.name
}

/** Short labels (≤ 50) of the methods, for category option short names. */
const FP_SHORT: Record<FpMethodCode, Label> = {
  IUD_POSTPLACENTAL: l('PP IUD post-placental', 'DIU post-placentaire'),
  IUD_POSTCAESAREAN: l('PP IUD post-caesarean', 'DIU post-césarienne'),
  IUD_CU: l('Copper IUD', 'DIU cuivre'),
  IUD_LNG: l('Hormonal IUD (LNG-IUS)', 'DIU hormonal (SIU-LNG)'),
  IMPLANT_3Y: l('Implant 3 years', 'Implant 3 ans'),
  IMPLANT_5Y: l('Implant 5 years', 'Implant 5 ans'),
  IMPLANT_LEVOPLANT: l('Implant Levoplant', 'Implant Levoplant'),
  TUBAL_LIGATION: l('Tubal ligation', 'Ligature des trompes'),
  VASECTOMY: l('Vasectomy', 'Vasectomie'),
  LAM: l('LAM', 'MAMA'),
  POP: l('Progestin-only pill', 'Pilule progestative'),
  COC: l('Combined pill', 'Pilule combinée'),
  INJ_DMPA_IM: l('DMPA-IM', 'DMPA-IM'),
  INJ_DMPA_SC: l('DMPA-SC', 'DMPA-SC'),
  INJ_NETEN: l('NET-EN', 'NET-EN'),
  INJ_CYCLOFEM: l('Cyclofem', 'Cyclofem'),
  CONDOM_MALE: l('Male condom', 'Préservatif masculin'),
  CONDOM_FEMALE: l('Female condom', 'Préservatif féminin'),
  ECP: l('Emergency contraception', 'Contraception d’urgence'),
  SDM: l('Standard Days Method', 'Méthode des jours fixes'),
}

/** Category option code of an FP method: `DYAD_FPM_<METHOD>`. */
export const fpMethodOption = (m: FpMethodCode): string => `DYAD_FPM_${m}`

const METHODS = Object.values(FP_METHOD) as FpMethodCode[]

/**
 * Method options. Names carry the prefix "FP method:" so that they do not clash with category
 * options a country already has (category option names are unique on a server).
 */
export const FP_METHOD_OPTIONS: CategoryOptionDef[] = METHODS.map((m) => {
  const n = fpName(m)
  return {
    code: fpMethodOption(m),
    name: l(`FP method: ${n.en}`, `Méthode PF : ${n.fr}`),
    shortName: l(`FPM ${FP_SHORT[m].en}`, `MPF ${FP_SHORT[m].fr}`),
    method: m,
  }
})

/**
 * Contraceptive products (stock-outs and stock on hand): one product per commodity, keyed to the
 * method it supplies. Procedures (ligation, vasectomy) and LAM have no product; the three copper
 * IUD methods use one product.
 */
export const FP_PRODUCT: Record<string, FpMethodCode> = {
  DYAD_PROD_COC: 'COC',
  DYAD_PROD_POP: 'POP',
  DYAD_PROD_DMPA_IM: 'INJ_DMPA_IM',
  DYAD_PROD_DMPA_SC: 'INJ_DMPA_SC',
  DYAD_PROD_NETEN: 'INJ_NETEN',
  DYAD_PROD_CYCLOFEM: 'INJ_CYCLOFEM',
  DYAD_PROD_IMPLANT_3Y: 'IMPLANT_3Y',
  DYAD_PROD_IMPLANT_5Y: 'IMPLANT_5Y',
  DYAD_PROD_LEVOPLANT: 'IMPLANT_LEVOPLANT',
  DYAD_PROD_IUD_CU: 'IUD_CU',
  DYAD_PROD_IUD_LNG: 'IUD_LNG',
  DYAD_PROD_CONDOM_MALE: 'CONDOM_MALE',
  DYAD_PROD_CONDOM_FEMALE: 'CONDOM_FEMALE',
  DYAD_PROD_ECP: 'ECP',
  DYAD_PROD_CYCLE_BEADS: 'SDM',
}

const PRODUCT_NAMES: Record<string, Label> = {
  DYAD_PROD_COC: l('Combined oral contraceptive (cycles)', 'Pilule combinée (plaquettes)'),
  DYAD_PROD_POP: l('Progestin-only pill (cycles)', 'Pilule progestative (plaquettes)'),
  DYAD_PROD_DMPA_IM: l('DMPA-IM injectable (vials)', 'Injectable DMPA-IM (flacons)'),
  DYAD_PROD_DMPA_SC: l('DMPA-SC injectable (Sayana Press units)', 'Injectable DMPA-SC (unités Sayana Press)'),
  DYAD_PROD_NETEN: l('NET-EN injectable (vials)', 'Injectable NET-EN (flacons)'),
  DYAD_PROD_CYCLOFEM: l('Cyclofem injectable (vials)', 'Injectable Cyclofem (flacons)'),
  DYAD_PROD_IMPLANT_3Y: l('Implant 3 years (Implanon NXT)', 'Implant 3 ans (Implanon NXT)'),
  DYAD_PROD_IMPLANT_5Y: l('Implant 5 years (Jadelle)', 'Implant 5 ans (Jadelle)'),
  DYAD_PROD_LEVOPLANT: l('Implant Levoplant', 'Implant Levoplant'),
  DYAD_PROD_IUD_CU: l('Copper IUD (TCu 380A)', 'DIU au cuivre (TCu 380A)'),
  DYAD_PROD_IUD_LNG: l('Hormonal IUD (LNG-IUS)', 'DIU hormonal (SIU-LNG)'),
  DYAD_PROD_CONDOM_MALE: l('Male condoms (pieces)', 'Préservatifs masculins (pièces)'),
  DYAD_PROD_CONDOM_FEMALE: l('Female condoms (pieces)', 'Préservatifs féminins (pièces)'),
  DYAD_PROD_ECP: l('Emergency contraceptive pills (doses)', 'Contraception d’urgence (doses)'),
  DYAD_PROD_CYCLE_BEADS: l('Cycle beads (Standard Days Method)', 'Colliers du cycle (méthode des jours fixes)'),
}

export const FP_PRODUCT_OPTIONS: CategoryOptionDef[] = Object.keys(FP_PRODUCT).map((code) => {
  const n = PRODUCT_NAMES[code]
  const m = FP_PRODUCT[code]
  return {
    code,
    name: l(`Product: ${n.en}`, `Produit : ${n.fr}`),
    shortName: l(`Prod ${FP_SHORT[m].en}`, `Prod ${FP_SHORT[m].fr}`),
    method: m,
  }
})

/** Age groups of the WHO ANC DAK disaggregation (10–14, 15–19, 20+); 10–19 = adolescents. */
export const AGE_OPTIONS: CategoryOptionDef[] = [
  { code: 'DYAD_AGE_10_14', name: l('Client aged 10–14 years', 'Cliente âgée de 10 à 14 ans'), shortName: l('Aged 10–14', '10–14 ans') },
  { code: 'DYAD_AGE_15_19', name: l('Client aged 15–19 years', 'Cliente âgée de 15 à 19 ans'), shortName: l('Aged 15–19', '15–19 ans') },
  { code: 'DYAD_AGE_20_PLUS', name: l('Client aged 20 years or more', 'Cliente âgée de 20 ans ou plus'), shortName: l('Aged 20+', '20 ans et +') },
]

export const DELIVERY_MODE_OPTIONS: CategoryOptionDef[] = [
  { code: 'DYAD_DM_NORMAL', name: l('Delivery mode: normal vaginal', 'Mode d’accouchement : eutocique'), shortName: l('Normal delivery', 'Accouchement eutocique') },
  { code: 'DYAD_DM_ASSISTED', name: l('Delivery mode: assisted (vacuum, forceps)', 'Mode d’accouchement : assisté (ventouse, forceps)'), shortName: l('Assisted delivery', 'Accouchement assisté') },
  { code: 'DYAD_DM_CAESAREAN', name: l('Delivery mode: caesarean section', 'Mode d’accouchement : césarienne'), shortName: l('Caesarean section', 'Césarienne') },
]

/** Methods reported as postpartum FP before discharge: the catalog's PPFP_IMM methods. */
export const PPFP_METHOD_CODES: FpMethodCode[] = [
  'IUD_POSTPLACENTAL',
  'IUD_POSTCAESAREAN',
  'IUD_CU',
  'IUD_LNG',
  'IMPLANT_3Y',
  'IMPLANT_5Y',
  'IMPLANT_LEVOPLANT',
  'TUBAL_LIGATION',
  'LAM',
  'POP',
  'COC',
  'INJ_DMPA_IM',
  'INJ_DMPA_SC',
  'INJ_NETEN',
  'INJ_CYCLOFEM',
  'CONDOM_MALE',
  'CONDOM_FEMALE',
]

export const CATEGORY_OPTIONS: CategoryOptionDef[] = [...FP_METHOD_OPTIONS, ...FP_PRODUCT_OPTIONS, ...AGE_OPTIONS, ...DELIVERY_MODE_OPTIONS]

// ---------------------------------------------------------------------------------------------
// Categories and category combos
// ---------------------------------------------------------------------------------------------

export interface CategoryDef {
  code: string
  name: Label
  shortName: Label
  options: string[]
}

export const CATEGORY = {
  FP_METHOD: 'DYAD_CAT_FP_METHOD',
  PPFP_METHOD: 'DYAD_CAT_PPFP_METHOD',
  FP_PRODUCT: 'DYAD_CAT_FP_PRODUCT',
  AGE: 'DYAD_CAT_AGE',
  DELIVERY_MODE: 'DYAD_CAT_DELIVERY_MODE',
} as const

export const CATEGORIES: CategoryDef[] = [
  { code: CATEGORY.FP_METHOD, name: l('Dyad - FP method', 'Dyade - Méthode PF'), shortName: l('Dyad FP method', 'Dyade méthode PF'), options: FP_METHOD_OPTIONS.map((o) => o.code) },
  {
    code: CATEGORY.PPFP_METHOD,
    name: l('Dyad - Postpartum FP method before discharge', 'Dyade - Méthode PF post-partum avant la sortie'),
    shortName: l('Dyad PPFP method', 'Dyade méthode PFPP'),
    options: PPFP_METHOD_CODES.map(fpMethodOption),
  },
  { code: CATEGORY.FP_PRODUCT, name: l('Dyad - Contraceptive product', 'Dyade - Produit contraceptif'), shortName: l('Dyad contraceptive product', 'Dyade produit contraceptif'), options: FP_PRODUCT_OPTIONS.map((o) => o.code) },
  { code: CATEGORY.AGE, name: l('Dyad - Client age group', 'Dyade - Tranche d’âge de la cliente'), shortName: l('Dyad age group', 'Dyade tranche d’âge'), options: AGE_OPTIONS.map((o) => o.code) },
  { code: CATEGORY.DELIVERY_MODE, name: l('Dyad - Delivery mode', 'Dyade - Mode d’accouchement'), shortName: l('Dyad delivery mode', 'Dyade mode d’accouchement'), options: DELIVERY_MODE_OPTIONS.map((o) => o.code) },
]

export interface CategoryComboDef {
  code: string
  name: Label
  categories: string[]
}

export const CATEGORY_COMBO = {
  FP_METHOD: 'DYAD_CC_FP_METHOD',
  PPFP_METHOD: 'DYAD_CC_PPFP_METHOD',
  FP_PRODUCT: 'DYAD_CC_FP_PRODUCT',
  AGE: 'DYAD_CC_AGE',
  DELIVERY_MODE: 'DYAD_CC_DELIVERY_MODE',
} as const

export const CATEGORY_COMBOS: CategoryComboDef[] = [
  { code: CATEGORY_COMBO.FP_METHOD, name: l('Dyad - FP method', 'Dyade - Méthode PF'), categories: [CATEGORY.FP_METHOD] },
  { code: CATEGORY_COMBO.PPFP_METHOD, name: l('Dyad - Postpartum FP method', 'Dyade - Méthode PF post-partum'), categories: [CATEGORY.PPFP_METHOD] },
  { code: CATEGORY_COMBO.FP_PRODUCT, name: l('Dyad - Contraceptive product', 'Dyade - Produit contraceptif'), categories: [CATEGORY.FP_PRODUCT] },
  { code: CATEGORY_COMBO.AGE, name: l('Dyad - Client age group', 'Dyade - Tranche d’âge'), categories: [CATEGORY.AGE] },
  { code: CATEGORY_COMBO.DELIVERY_MODE, name: l('Dyad - Delivery mode', 'Dyade - Mode d’accouchement'), categories: [CATEGORY.DELIVERY_MODE] },
]

export interface CocDef {
  id: string
  categoryCombo: string
  /** Category option codes in category order. */
  options: string[]
  name: Label
}

const OPTION_BY_CODE = new Map(CATEGORY_OPTIONS.map((o) => [o.code, o]))
const CATEGORY_BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]))

export function categoryOptionByCode(code: string): CategoryOptionDef | undefined {
  return OPTION_BY_CODE.get(code)
}

/** The deterministic UID of the COC of `comboCode` made of `optionCodes` (any order). */
export function cocId(comboCode: string, optionCodes: string[]): string {
  return uid('categoryOptionCombo', `${comboCode}:${[...optionCodes].sort().join('+')}`)
}

/** Every COC of a combo (cartesian product of its categories' options, category order). */
export function categoryOptionCombos(comboCode: string): CocDef[] {
  const combo = CATEGORY_COMBOS.find((c) => c.code === comboCode)
  if (!combo) throw new Error(`unknown category combo ${comboCode}`)
  let rows: string[][] = [[]]
  for (const catCode of combo.categories) {
    const cat = CATEGORY_BY_CODE.get(catCode)
    if (!cat) throw new Error(`unknown category ${catCode}`)
    rows = rows.flatMap((r) => cat.options.map((o) => [...r, o]))
  }
  return rows.map((options) => {
    const defs = options.map((o) => {
      const d = OPTION_BY_CODE.get(o)
      if (!d) throw new Error(`unknown category option ${o}`)
      return d
    })
    return {
      id: cocId(comboCode, options),
      categoryCombo: comboCode,
      options,
      name: l(defs.map((d) => d.name.en).join(', '), defs.map((d) => d.name.fr).join(', ')),
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Data set, sections, data elements
// ---------------------------------------------------------------------------------------------

export const DATA_SET = {
  code: 'DYAD_DS_PRIVATE_MONTHLY',
  name: l('Dyad - Monthly FP/MNCH report – private facilities', 'Rapport mensuel PF/SMNI – structures privées'),
  shortName: l('Dyad private FP/MNCH monthly', 'Rapport mensuel PF/SMNI privé'),
  description: l(
    'Monthly family planning and maternal, newborn and child health report of private health facilities (for-profit, not-for-profit, faith-based), so that their services appear in the national DHIS2.',
    'Rapport mensuel de planification familiale et de santé maternelle, néonatale et infantile des structures privées (lucratives, associatives, confessionnelles), pour que leurs services figurent dans le DHIS2 national.',
  ),
  periodType: 'Monthly',
  /** Days after the end of the period during which data can be entered. */
  expiryDays: 30,
  /** A report is on time when completed within this many days after the period end. */
  timelyDays: 10,
  openFuturePeriods: 0,
} as const

export const SECTION = {
  CONSULTATIONS: 'DYAD_SEC_CONSULTATIONS',
  ANC: 'DYAD_SEC_ANC',
  DELIVERY_PPFP: 'DYAD_SEC_DELIVERY_PPFP',
  FP_USERS: 'DYAD_SEC_FP_USERS',
  FP_UNITS: 'DYAD_SEC_FP_UNITS',
  STOCK: 'DYAD_SEC_STOCK',
  NEWBORN: 'DYAD_SEC_NEWBORN',
  INFANT_NUTRITION: 'DYAD_SEC_INFANT_NUTRITION',
  IMMUNIZATION: 'DYAD_SEC_IMMUNIZATION',
  COMMUNITY: 'DYAD_SEC_COMMUNITY',
} as const

export interface SectionDef {
  code: string
  name: Label
  description: Label
}

export const SECTIONS: SectionDef[] = [
  { code: SECTION.CONSULTATIONS, name: l('1. Consultations', '1. Consultations'), description: l('All outpatient consultations of the month.', 'Toutes les consultations externes du mois.') },
  { code: SECTION.ANC, name: l('2. Antenatal care', '2. Consultations prénatales (CPN)'), description: l('ANC1, ANC4 and FP counselling at ANC, by age group.', 'CPN1, CPN4 et counseling PF en CPN, par tranche d’âge.') },
  { code: SECTION.DELIVERY_PPFP, name: l('3. Deliveries and postpartum FP', '3. Accouchements et PF du post-partum'), description: l('Deliveries by mode; FP counselling and methods accepted before discharge.', 'Accouchements par mode ; counseling PF et méthodes acceptées avant la sortie.') },
  { code: SECTION.FP_USERS, name: l('4. Family planning users', '4. Utilisatrices de la planification familiale'), description: l('New and continuing users by method and by age group (the two totals must be equal).', 'Nouvelles et anciennes utilisatrices par méthode et par tranche d’âge (les deux totaux doivent être égaux).') },
  { code: SECTION.FP_UNITS, name: l('5. Contraceptives distributed (CYP)', '5. Contraceptifs distribués (CAP)'), description: l('Units distributed, insertions and procedures by method, for couple-years of protection.', 'Unités distribuées, insertions et interventions par méthode, pour le calcul des couple-années de protection.') },
  { code: SECTION.STOCK, name: l('6. Contraceptive stock', '6. Stock de contraceptifs'), description: l('Stock-out during the month and stock on hand at the end of the month, by product.', 'Rupture pendant le mois et stock disponible en fin de mois, par produit.') },
  { code: SECTION.NEWBORN, name: l('7. Newborn care', '7. Soins du nouveau-né'), description: l('Live births and essential newborn care.', 'Naissances vivantes et soins essentiels du nouveau-né.') },
  { code: SECTION.INFANT_NUTRITION, name: l('8. Infants under 6 months (MAMI)', '8. Nourrissons de moins de 6 mois (MAMI)'), description: l('Infants screened, at nutritional risk and referred.', 'Nourrissons dépistés, à risque nutritionnel et référés.') },
  { code: SECTION.IMMUNIZATION, name: l('9. Immunization', '9. Vaccination'), description: l('Penta 3 doses given to children under 1 year.', 'Doses de Penta 3 administrées aux enfants de moins d’un an.') },
  { code: SECTION.COMMUNITY, name: l('10. Community referrals', '10. Références communautaires'), description: l('Clients referred by community actors (community health workers, relays, matrons).', 'Clientes référées par les acteurs communautaires (ASC, relais, matrones).') },
]

export type AggValueType = 'INTEGER_ZERO_OR_POSITIVE' | 'BOOLEAN'

export interface AggDataElementDef {
  code: string
  name: Label
  /** ≤ 50 characters in both languages. */
  shortName: Label
  formName: Label
  description: Label
  valueType: AggValueType
  aggregationType: 'SUM' | 'LAST'
  /** Category combo code, or null for DHIS2's default combo. */
  categoryCombo: string | null
  section: string
  zeroIsSignificant: boolean
}

export const AGG_DE = {
  CONSULTATIONS: 'DYAD_AGG_CONSULTATIONS',
  ANC1: 'DYAD_AGG_ANC1',
  ANC4: 'DYAD_AGG_ANC4',
  ANC_FP_COUNSELLED: 'DYAD_AGG_ANC_FP_COUNSELLED',
  DELIVERIES: 'DYAD_AGG_DELIVERIES',
  PP_FP_COUNSELLED: 'DYAD_AGG_PP_FP_COUNSELLED',
  PPFP: 'DYAD_AGG_PPFP',
  FP_NEW_BY_METHOD: 'DYAD_AGG_FP_NEW_BY_METHOD',
  FP_NEW_BY_AGE: 'DYAD_AGG_FP_NEW_BY_AGE',
  FP_CONTINUING_BY_METHOD: 'DYAD_AGG_FP_CONTINUING_BY_METHOD',
  FP_CONTINUING_BY_AGE: 'DYAD_AGG_FP_CONTINUING_BY_AGE',
  FP_UNITS: 'DYAD_AGG_FP_UNITS',
  STOCKOUT: 'DYAD_AGG_STOCKOUT',
  STOCK_ON_HAND: 'DYAD_AGG_STOCK_ON_HAND',
  LIVE_BIRTHS: 'DYAD_AGG_LIVE_BIRTHS',
  NB_ENC: 'DYAD_AGG_NB_ENC',
  NB_BF_1H: 'DYAD_AGG_NB_BF_1H',
  NB_KMC: 'DYAD_AGG_NB_KMC',
  NB_RESUSCITATED: 'DYAD_AGG_NB_RESUSCITATED',
  INF_SCREENED: 'DYAD_AGG_INF_SCREENED',
  INF_AT_RISK: 'DYAD_AGG_INF_AT_RISK',
  INF_REFERRED: 'DYAD_AGG_INF_REFERRED',
  PENTA3: 'DYAD_AGG_PENTA3',
  COMMUNITY_REFERRALS: 'DYAD_AGG_COMMUNITY_REFERRALS',
} as const

const count = (
  code: string,
  name: Label,
  shortName: Label,
  formName: Label,
  description: Label,
  section: string,
  categoryCombo: string | null = null,
): AggDataElementDef => ({
  code,
  name,
  shortName,
  formName,
  description,
  valueType: 'INTEGER_ZERO_OR_POSITIVE',
  aggregationType: 'SUM',
  categoryCombo,
  section,
  zeroIsSignificant: true,
})

export const AGG_DATA_ELEMENTS: AggDataElementDef[] = [
  count(AGG_DE.CONSULTATIONS, l('Dyad PS - Outpatient consultations', 'Dyade SP - Consultations externes'), l('PS outpatient consultations', 'SP consultations externes'), l('Outpatient consultations (all reasons)', 'Consultations externes (tous motifs)'), l('Number of outpatient consultations in the month, all reasons and ages.', 'Nombre de consultations externes du mois, tous motifs et tous âges.'), SECTION.CONSULTATIONS),
  count(AGG_DE.ANC1, l('Dyad PS - ANC1 contacts', 'Dyade SP - CPN1'), l('PS ANC1', 'SP CPN1'), l('First ANC contacts (ANC1)', 'Premières consultations prénatales (CPN1)'), l('Pregnant women seen for their first antenatal contact, by age group.', 'Femmes enceintes vues pour leur première consultation prénatale, par tranche d’âge.'), SECTION.ANC, CATEGORY_COMBO.AGE),
  count(AGG_DE.ANC4, l('Dyad PS - ANC4 contacts', 'Dyade SP - CPN4'), l('PS ANC4', 'SP CPN4'), l('Fourth ANC contacts (ANC4)', 'Quatrièmes consultations prénatales (CPN4)'), l('Pregnant women seen for their fourth antenatal contact, by age group.', 'Femmes enceintes vues pour leur quatrième consultation prénatale, par tranche d’âge.'), SECTION.ANC, CATEGORY_COMBO.AGE),
  count(AGG_DE.ANC_FP_COUNSELLED, l('Dyad PS - ANC clients counselled on FP', 'Dyade SP - Clientes CPN ayant reçu un counseling PF'), l('PS ANC FP counselling', 'SP counseling PF en CPN'), l('ANC clients counselled on family planning at the visit', 'Clientes CPN ayant reçu un counseling PF lors de la visite'), l('ANC contacts at which the woman was counselled on postpartum family planning.', 'CPN au cours desquelles la femme a reçu un counseling sur la PF du post-partum.'), SECTION.ANC, CATEGORY_COMBO.AGE),
  count(AGG_DE.DELIVERIES, l('Dyad PS - Deliveries in the facility', 'Dyade SP - Accouchements dans la structure'), l('PS deliveries', 'SP accouchements'), l('Deliveries in the facility', 'Accouchements dans la structure'), l('Deliveries in the facility by mode of delivery.', 'Accouchements réalisés dans la structure, par mode d’accouchement.'), SECTION.DELIVERY_PPFP, CATEGORY_COMBO.DELIVERY_MODE),
  count(AGG_DE.PP_FP_COUNSELLED, l('Dyad PS - Postpartum FP counselling before discharge', 'Dyade SP - Counseling PF post-partum avant la sortie'), l('PS PP FP counselling', 'SP counseling PF post-partum'), l('Women counselled on FP before discharge', 'Accouchées ayant reçu un counseling PF avant la sortie'), l('Women who delivered in the facility and were counselled on family planning before discharge.', 'Femmes ayant accouché dans la structure et conseillées en PF avant la sortie.'), SECTION.DELIVERY_PPFP),
  count(AGG_DE.PPFP, l('Dyad PS - Postpartum FP accepted before discharge', 'Dyade SP - PF post-partum acceptée avant la sortie'), l('PS PPFP before discharge', 'SP PFPP avant la sortie'), l('Women who started or left with a method before discharge', 'Accouchées ayant commencé une méthode ou reçu une méthode avant la sortie'), l('Women who delivered in the facility and initiated or left with a modern method before discharge, by method.', 'Femmes ayant accouché dans la structure qui ont commencé ou reçu une méthode moderne avant la sortie, par méthode.'), SECTION.DELIVERY_PPFP, CATEGORY_COMBO.PPFP_METHOD),
  count(AGG_DE.FP_NEW_BY_METHOD, l('Dyad PS - FP new users by method', 'Dyade SP - Nouvelles utilisatrices PF par méthode'), l('PS FP new users by method', 'SP nouvelles utilisatrices PF/méthode'), l('New users, by method', 'Nouvelles utilisatrices, par méthode'), l('Clients using a modern method for the first time (in their life or at this facility), by method.', 'Clientes utilisant une méthode moderne pour la première fois (dans leur vie ou dans la structure), par méthode.'), SECTION.FP_USERS, CATEGORY_COMBO.FP_METHOD),
  count(AGG_DE.FP_NEW_BY_AGE, l('Dyad PS - FP new users by age group', 'Dyade SP - Nouvelles utilisatrices PF par âge'), l('PS FP new users by age', 'SP nouvelles utilisatrices PF/âge'), l('New users, by age group', 'Nouvelles utilisatrices, par tranche d’âge'), l('The same new users, by age group (total equal to the total by method).', 'Les mêmes nouvelles utilisatrices, par tranche d’âge (total égal au total par méthode).'), SECTION.FP_USERS, CATEGORY_COMBO.AGE),
  count(AGG_DE.FP_CONTINUING_BY_METHOD, l('Dyad PS - FP continuing users by method', 'Dyade SP - Anciennes utilisatrices PF par méthode'), l('PS FP continuing users by method', 'SP anciennes utilisatrices PF/méthode'), l('Continuing users, by method', 'Anciennes utilisatrices, par méthode'), l('Clients already using the method who came back for a resupply or follow-up, by method.', 'Clientes déjà utilisatrices revenues pour un réapprovisionnement ou un suivi, par méthode.'), SECTION.FP_USERS, CATEGORY_COMBO.FP_METHOD),
  count(AGG_DE.FP_CONTINUING_BY_AGE, l('Dyad PS - FP continuing users by age group', 'Dyade SP - Anciennes utilisatrices PF par âge'), l('PS FP continuing users by age', 'SP anciennes utilisatrices PF/âge'), l('Continuing users, by age group', 'Anciennes utilisatrices, par tranche d’âge'), l('The same continuing users, by age group (total equal to the total by method).', 'Les mêmes anciennes utilisatrices, par tranche d’âge (total égal au total par méthode).'), SECTION.FP_USERS, CATEGORY_COMBO.AGE),
  count(AGG_DE.FP_UNITS, l('Dyad PS - Contraceptive units distributed', 'Dyade SP - Unités contraceptives distribuées'), l('PS FP units distributed', 'SP unités PF distribuées'), l('Units distributed / insertions / procedures', 'Unités distribuées / insertions / interventions'), l('Per method: pill cycles, injectable doses, condoms (pieces), ECP doses; IUD and implant insertions; sterilizations; LAM and Standard Days Method: active users. Used for couple-years of protection.', 'Par méthode : plaquettes de pilule, doses d’injectable, préservatifs (pièces), doses de contraception d’urgence ; insertions de DIU et d’implants ; stérilisations ; MAMA et méthode des jours fixes : utilisatrices actives. Sert au calcul des CAP.'), SECTION.FP_UNITS, CATEGORY_COMBO.FP_METHOD),
  {
    code: AGG_DE.STOCKOUT,
    name: l('Dyad PS - Contraceptive stock-out during the month', 'Dyade SP - Rupture de stock de contraceptif pendant le mois'),
    shortName: l('PS contraceptive stock-out', 'SP rupture de contraceptif'),
    formName: l('Stock-out at any time during the month?', 'Rupture de stock à un moment du mois ?'),
    description: l('Yes if the product was out of stock at any time during the month (a facility that never stocks the product leaves it empty).', 'Oui si le produit a été en rupture à un moment du mois (une structure qui ne gère pas le produit laisse la case vide).'),
    valueType: 'BOOLEAN',
    aggregationType: 'SUM',
    categoryCombo: CATEGORY_COMBO.FP_PRODUCT,
    section: SECTION.STOCK,
    zeroIsSignificant: false,
  },
  {
    code: AGG_DE.STOCK_ON_HAND,
    name: l('Dyad PS - Contraceptive stock on hand at month end', 'Dyade SP - Stock disponible de contraceptif en fin de mois'),
    shortName: l('PS contraceptive stock on hand', 'SP stock disponible contraceptif'),
    formName: l('Stock on hand at the end of the month (units)', 'Stock disponible en fin de mois (unités)'),
    description: l('Usable units of the product in stock on the last day of the month.', 'Unités utilisables du produit en stock le dernier jour du mois.'),
    valueType: 'INTEGER_ZERO_OR_POSITIVE',
    aggregationType: 'LAST',
    categoryCombo: CATEGORY_COMBO.FP_PRODUCT,
    section: SECTION.STOCK,
    zeroIsSignificant: true,
  },
  count(AGG_DE.LIVE_BIRTHS, l('Dyad PS - Live births', 'Dyade SP - Naissances vivantes'), l('PS live births', 'SP naissances vivantes'), l('Live births in the facility', 'Naissances vivantes dans la structure'), l('Live births in the facility during the month.', 'Naissances vivantes dans la structure au cours du mois.'), SECTION.NEWBORN),
  count(AGG_DE.NB_ENC, l('Dyad PS - Newborns given essential newborn care', 'Dyade SP - Nouveau-nés ayant reçu les SENN'), l('PS essential newborn care', 'SP SENN'), l('Newborns given essential newborn care', 'Nouveau-nés ayant reçu les soins essentiels (SENN)'), l('Live births given essential newborn care (drying, warmth, cord care, eye care, vitamin K).', 'Naissances vivantes ayant reçu les soins essentiels (séchage, chaleur, soins du cordon, des yeux, vitamine K).'), SECTION.NEWBORN),
  count(AGG_DE.NB_BF_1H, l('Dyad PS - Newborns breastfed within 1 hour', 'Dyade SP - Nouveau-nés mis au sein dans l’heure'), l('PS breastfed within 1 hour', 'SP mise au sein < 1 h'), l('Newborns put to the breast within one hour', 'Nouveau-nés mis au sein dans l’heure'), l('Live births put to the breast within one hour of birth.', 'Naissances vivantes mises au sein dans l’heure suivant la naissance.'), SECTION.NEWBORN),
  count(AGG_DE.NB_KMC, l('Dyad PS - Newborns started on kangaroo mother care', 'Dyade SP - Nouveau-nés mis en soins mère kangourou'), l('PS newborns on KMC', 'SP nouveau-nés en SMK'), l('Newborns started on kangaroo mother care', 'Nouveau-nés mis en soins mère kangourou (SMK)'), l('Newborns (mainly low birth weight) started on kangaroo mother care.', 'Nouveau-nés (surtout de faible poids) mis en soins mère kangourou.'), SECTION.NEWBORN),
  count(AGG_DE.NB_RESUSCITATED, l('Dyad PS - Newborns resuscitated', 'Dyade SP - Nouveau-nés réanimés'), l('PS newborns resuscitated', 'SP nouveau-nés réanimés'), l('Newborns resuscitated with bag and mask', 'Nouveau-nés réanimés au ballon et au masque'), l('Newborns not breathing at birth who were resuscitated with bag and mask.', 'Nouveau-nés ne respirant pas à la naissance réanimés au ballon et au masque.'), SECTION.NEWBORN),
  count(AGG_DE.INF_SCREENED, l('Dyad PS - Infants under 6 months screened (MAMI)', 'Dyade SP - Nourrissons de moins de 6 mois dépistés (MAMI)'), l('PS infants < 6 m screened', 'SP NRS < 6 mois dépistés'), l('Infants under 6 months assessed (weight, feeding, mother)', 'Nourrissons de moins de 6 mois évalués (poids, alimentation, mère)'), l('Infants under 6 months given a MAMI assessment of the mother–infant pair.', 'Nourrissons de moins de 6 mois ayant eu une évaluation MAMI du couple mère-enfant.'), SECTION.INFANT_NUTRITION),
  count(AGG_DE.INF_AT_RISK, l('Dyad PS - Infants under 6 months at nutritional risk', 'Dyade SP - Nourrissons de moins de 6 mois à risque nutritionnel'), l('PS infants < 6 m at risk', 'SP NRS < 6 mois à risque'), l('Infants under 6 months classified at risk (moderate or high)', 'Nourrissons de moins de 6 mois classés à risque (modéré ou élevé)'), l('Infants screened whose mother–infant pair was classified at moderate or high risk.', 'Nourrissons dépistés dont le couple mère-enfant est classé à risque modéré ou élevé.'), SECTION.INFANT_NUTRITION),
  count(AGG_DE.INF_REFERRED, l('Dyad PS - Infants under 6 months referred', 'Dyade SP - Nourrissons de moins de 6 mois référés'), l('PS infants < 6 m referred', 'SP NRS < 6 mois référés'), l('Infants under 6 months referred for inpatient care', 'Nourrissons de moins de 6 mois référés pour hospitalisation'), l('Infants at high risk referred for inpatient care.', 'Nourrissons à risque élevé référés pour une prise en charge hospitalière.'), SECTION.INFANT_NUTRITION),
  count(AGG_DE.PENTA3, l('Dyad PS - Penta 3 doses given', 'Dyade SP - Doses de Penta 3 administrées'), l('PS Penta 3', 'SP Penta 3'), l('Penta 3 doses given to children under 1 year', 'Doses de Penta 3 administrées aux enfants de moins d’un an'), l('Third dose of pentavalent vaccine (DTP-HepB-Hib) given to children under 1 year.', 'Troisième dose de vaccin pentavalent (DTC-HepB-Hib) administrée aux enfants de moins d’un an.'), SECTION.IMMUNIZATION),
  count(AGG_DE.COMMUNITY_REFERRALS, l('Dyad PS - Clients referred by community actors', 'Dyade SP - Clientes référées par les acteurs communautaires'), l('PS community referrals', 'SP références communautaires'), l('Clients received on referral from community actors', 'Clientes reçues sur référence des acteurs communautaires'), l('Clients received at the facility with a referral from a community health worker, relay or matron.', 'Clientes reçues dans la structure sur référence d’un ASC, d’un relais ou d’une matrone.'), SECTION.COMMUNITY),
]

// ---------------------------------------------------------------------------------------------
// Lookups and the flat item list (one row per data element × COC)
// ---------------------------------------------------------------------------------------------

export const aggIds = {
  dataSet: (): string => uid('dataSet', DATA_SET.code),
  dataElement: (code: string): string => uid('dataElement', code),
  categoryCombo: (code: string | null): string => (code === null ? DEFAULT_CATEGORY_COMBO : uid('categoryCombo', code)),
  category: (code: string): string => uid('category', code),
  categoryOption: (code: string): string => uid('categoryOption', code),
  section: (code: string): string => uid('section', code),
}

export interface AggItem {
  dataElement: string
  dataElementCode: string
  categoryOptionCombo: string
  /** Category option codes of the COC (empty for the default COC). */
  options: string[]
  /** FP method of the COC's method/product option, if any. */
  method?: FpMethodCode
  valueType: AggValueType
  section: string
}

/** Every (data element, COC) cell of the data set, in section and data element order. */
export function aggItems(): AggItem[] {
  const out: AggItem[] = []
  for (const de of AGG_DATA_ELEMENTS) {
    const base = { dataElement: aggIds.dataElement(de.code), dataElementCode: de.code, valueType: de.valueType, section: de.section }
    if (de.categoryCombo === null) {
      out.push({ ...base, categoryOptionCombo: DEFAULT_COC, options: [] })
      continue
    }
    for (const coc of categoryOptionCombos(de.categoryCombo)) {
      const method = coc.options.map((o) => OPTION_BY_CODE.get(o)?.method).find((m) => m !== undefined)
      out.push({ ...base, categoryOptionCombo: coc.id, options: coc.options, ...(method ? { method } : {}) })
    }
  }
  return out
}

export function aggDataElementByCode(code: string): AggDataElementDef | undefined {
  return AGG_DATA_ELEMENTS.find((d) => d.code === code)
}
