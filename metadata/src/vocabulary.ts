/**
 * The Dyad vocabulary: every tracker program, stage, attribute, data element and option set of
 * the package, by code, with its value type and English/French labels.
 *
 * This file is the contract shared by the metadata build (metadata/src), the pair engine
 * (src/domain) and the sandbox (sandbox/). Nothing else may invent a code or a UID: use
 * `uid(kind, code)` from ./uid and the constants below.
 */
import { uid } from './uid'

export interface Label {
  en: string
  fr: string
}

export type ValueType =
  | 'TEXT'
  | 'LONG_TEXT'
  | 'BOOLEAN'
  | 'TRUE_ONLY'
  | 'DATE'
  | 'NUMBER'
  | 'INTEGER'
  | 'INTEGER_POSITIVE'
  | 'INTEGER_ZERO_OR_POSITIVE'
  | 'PHONE_NUMBER'
  | 'AGE'

export interface OptionDef {
  code: string
  name: Label
}

export interface OptionSetDef {
  code: string
  name: Label
  valueType: 'TEXT'
  options: OptionDef[]
}

export interface DataElementDef {
  code: string
  name: Label
  /** ≤ 50 characters in both languages. */
  shortName: Label
  /** The label on the capture form (a question). */
  formName: Label
  valueType: ValueType
  optionSet?: string
  /** Unit shown in the dictionary and forms (kg, cm, g, weeks…). */
  unit?: string
}

export interface AttributeDef extends DataElementDef {
  unique?: boolean
  generated?: boolean
}

export interface StageDef {
  code: string
  program: string
  name: Label
  repeatable: boolean
  /** Label of the event date on the form. */
  eventDateLabel: Label
  dataElements: string[]
}

export interface ProgramDef {
  code: string
  name: Label
  shortName: Label
  enrollmentDateLabel: Label
  incidentDateLabel: Label
  attributes: string[]
  stages: string[]
}

const l = (en: string, fr: string): Label => ({ en, fr })

// ---------------------------------------------------------------------------------------------
// Option sets
// ---------------------------------------------------------------------------------------------

export const OS = {
  SEX: 'DYAD_SEX',
  FP_METHOD: 'DYAD_FP_METHOD',
  DELIVERY_PLACE: 'DYAD_DELIVERY_PLACE',
  DELIVERY_MODE: 'DYAD_DELIVERY_MODE',
  PNC_TIMING: 'DYAD_PNC_TIMING',
  TEST_RESULT: 'DYAD_TEST_RESULT',
  HIV_RESULT: 'DYAD_HIV_RESULT',
  FEEDING: 'DYAD_FEEDING',
  MAMI_RISK: 'DYAD_MAMI_RISK',
  MAMI_ACTION: 'DYAD_MAMI_ACTION',
} as const

/**
 * Contraceptive methods. Codes are shared with src/domain/fp (CYP factors, method classes) and
 * the aggregate category options of the private-sector report.
 */
export const FP_METHOD = {
  IUD_POSTPLACENTAL: 'IUD_POSTPLACENTAL',
  IUD_POSTCAESAREAN: 'IUD_POSTCAESAREAN',
  IUD_CU: 'IUD_CU',
  IUD_LNG: 'IUD_LNG',
  IMPLANT_3Y: 'IMPLANT_3Y',
  IMPLANT_5Y: 'IMPLANT_5Y',
  IMPLANT_LEVOPLANT: 'IMPLANT_LEVOPLANT',
  TUBAL_LIGATION: 'TUBAL_LIGATION',
  VASECTOMY: 'VASECTOMY',
  LAM: 'LAM',
  POP: 'POP',
  COC: 'COC',
  INJ_DMPA_IM: 'INJ_DMPA_IM',
  INJ_DMPA_SC: 'INJ_DMPA_SC',
  INJ_NETEN: 'INJ_NETEN',
  INJ_CYCLOFEM: 'INJ_CYCLOFEM',
  CONDOM_MALE: 'CONDOM_MALE',
  CONDOM_FEMALE: 'CONDOM_FEMALE',
  ECP: 'ECP',
  SDM: 'SDM',
} as const
export type FpMethodCode = (typeof FP_METHOD)[keyof typeof FP_METHOD]

export const OPTION_SETS: OptionSetDef[] = [
  {
    code: OS.SEX,
    name: l('Dyad - Sex', 'Dyade - Sexe'),
    valueType: 'TEXT',
    options: [
      { code: 'M', name: l('Male', 'Masculin') },
      { code: 'F', name: l('Female', 'Féminin') },
    ],
  },
  {
    code: OS.FP_METHOD,
    name: l('Dyad - Family planning method', 'Dyade - Méthode de planification familiale'),
    valueType: 'TEXT',
    options: [
      { code: FP_METHOD.IUD_POSTPLACENTAL, name: l('Post-placental IUD', 'DIU post-placentaire') },
      { code: FP_METHOD.IUD_POSTCAESAREAN, name: l('Post-caesarean IUD', 'DIU post-césarienne') },
      { code: FP_METHOD.IUD_CU, name: l('Copper IUD (interval)', 'DIU au cuivre (intervalle)') },
      { code: FP_METHOD.IUD_LNG, name: l('Hormonal IUD (LNG-IUS)', 'DIU hormonal (SIU-LNG)') },
      { code: FP_METHOD.IMPLANT_3Y, name: l('Implant 3 years (Implanon)', 'Implant 3 ans (Implanon)') },
      { code: FP_METHOD.IMPLANT_5Y, name: l('Implant 5 years (Jadelle)', 'Implant 5 ans (Jadelle)') },
      { code: FP_METHOD.IMPLANT_LEVOPLANT, name: l('Implant Levoplant', 'Implant Levoplant') },
      { code: FP_METHOD.TUBAL_LIGATION, name: l('Tubal ligation', 'Ligature des trompes') },
      { code: FP_METHOD.VASECTOMY, name: l('Vasectomy', 'Vasectomie') },
      { code: FP_METHOD.LAM, name: l('Lactational amenorrhoea method (LAM)', 'Méthode de l’allaitement maternel et de l’aménorrhée (MAMA)') },
      { code: FP_METHOD.POP, name: l('Progestin-only pill', 'Pilule progestative') },
      { code: FP_METHOD.COC, name: l('Combined oral contraceptive', 'Pilule combinée') },
      { code: FP_METHOD.INJ_DMPA_IM, name: l('Injectable DMPA-IM (Depo-Provera)', 'Injectable DMPA-IM (Depo-Provera)') },
      { code: FP_METHOD.INJ_DMPA_SC, name: l('Injectable DMPA-SC (Sayana Press)', 'Injectable DMPA-SC (Sayana Press)') },
      { code: FP_METHOD.INJ_NETEN, name: l('Injectable NET-EN (2 months)', 'Injectable NET-EN (2 mois)') },
      { code: FP_METHOD.INJ_CYCLOFEM, name: l('Injectable Cyclofem (1 month)', 'Injectable Cyclofem (1 mois)') },
      { code: FP_METHOD.CONDOM_MALE, name: l('Male condom', 'Préservatif masculin') },
      { code: FP_METHOD.CONDOM_FEMALE, name: l('Female condom', 'Préservatif féminin') },
      { code: FP_METHOD.ECP, name: l('Emergency contraceptive pill', 'Contraception d’urgence') },
      { code: FP_METHOD.SDM, name: l('Standard Days Method (cycle beads)', 'Méthode des jours fixes (collier)') },
    ],
  },
  {
    code: OS.DELIVERY_PLACE,
    name: l('Dyad - Place of delivery', 'Dyade - Lieu d’accouchement'),
    valueType: 'TEXT',
    options: [
      { code: 'FACILITY', name: l('This health facility', 'Cette formation sanitaire') },
      { code: 'OTHER_FACILITY', name: l('Another health facility', 'Une autre formation sanitaire') },
      { code: 'HOME', name: l('Home', 'À domicile') },
      { code: 'EN_ROUTE', name: l('On the way to the facility', 'En cours de route') },
    ],
  },
  {
    code: OS.DELIVERY_MODE,
    name: l('Dyad - Mode of delivery', 'Dyade - Mode d’accouchement'),
    valueType: 'TEXT',
    options: [
      { code: 'NORMAL', name: l('Normal vaginal delivery', 'Accouchement eutocique (voie basse)') },
      { code: 'ASSISTED', name: l('Assisted (vacuum or forceps)', 'Assisté (ventouse ou forceps)') },
      { code: 'CAESAREAN', name: l('Caesarean section', 'Césarienne') },
    ],
  },
  {
    code: OS.PNC_TIMING,
    name: l('Dyad - Postnatal contact timing', 'Dyade - Moment de la consultation postnatale'),
    valueType: 'TEXT',
    options: [
      { code: 'H48', name: l('Within 48 hours', 'Dans les 48 heures') },
      { code: 'D6', name: l('Day 6 (days 3–7)', 'J6 (3e au 7e jour)') },
      { code: 'D42', name: l('Day 42 (weeks 6–8)', 'J42 (6e à 8e semaine)') },
      { code: 'OTHER', name: l('Other time', 'Autre moment') },
    ],
  },
  {
    code: OS.TEST_RESULT,
    name: l('Dyad - Test result', 'Dyade - Résultat de test'),
    valueType: 'TEXT',
    options: [
      { code: 'NOT_DONE', name: l('Not done', 'Non fait') },
      { code: 'NEGATIVE', name: l('Negative', 'Négatif') },
      { code: 'POSITIVE', name: l('Positive', 'Positif') },
    ],
  },
  {
    code: OS.HIV_RESULT,
    name: l('Dyad - HIV status', 'Dyade - Statut VIH'),
    valueType: 'TEXT',
    options: [
      { code: 'NEGATIVE', name: l('Negative', 'Négatif') },
      { code: 'POSITIVE', name: l('Positive (new)', 'Positif (nouveau)') },
      { code: 'KNOWN_POSITIVE', name: l('Known positive', 'Positif connu') },
      { code: 'INDETERMINATE', name: l('Indeterminate', 'Indéterminé') },
    ],
  },
  {
    code: OS.FEEDING,
    name: l('Dyad - Infant feeding (last 24 h)', 'Dyade - Alimentation du nourrisson (24 dernières heures)'),
    valueType: 'TEXT',
    options: [
      { code: 'EXCLUSIVE_BF', name: l('Exclusive breastfeeding', 'Allaitement maternel exclusif') },
      { code: 'PARTIAL_BF', name: l('Breastfeeding with other liquids or foods', 'Allaitement avec autres liquides ou aliments') },
      { code: 'NOT_BF', name: l('Not breastfed', 'Non allaité') },
    ],
  },
  {
    code: OS.MAMI_RISK,
    name: l('Dyad - MAMI risk class', 'Dyade - Classe de risque MAMI'),
    valueType: 'TEXT',
    options: [
      { code: 'HIGH', name: l('High risk', 'Risque élevé') },
      { code: 'MODERATE', name: l('Moderate risk', 'Risque modéré') },
      { code: 'LOW', name: l('Low risk', 'Risque faible') },
    ],
  },
  {
    code: OS.MAMI_ACTION,
    name: l('Dyad - MAMI action', 'Dyade - Conduite MAMI'),
    valueType: 'TEXT',
    options: [
      { code: 'REFERRED_INPATIENT', name: l('Referred for inpatient care', 'Référé pour prise en charge hospitalière') },
      { code: 'ENROLLED_OUTPATIENT', name: l('Enrolled in outpatient MAMI support', 'Inscrit au suivi MAMI ambulatoire') },
      { code: 'USUAL_CARE', name: l('Usual care', 'Soins habituels') },
    ],
  },
]

// ---------------------------------------------------------------------------------------------
// Tracked entity attributes
// ---------------------------------------------------------------------------------------------

export const ATTR = {
  ID: 'DYAD_ATTR_ID',
  FIRST_NAME: 'DYAD_ATTR_FIRST_NAME',
  LAST_NAME: 'DYAD_ATTR_LAST_NAME',
  DOB: 'DYAD_ATTR_DOB',
  PHONE: 'DYAD_ATTR_PHONE',
  LOCALITY: 'DYAD_ATTR_LOCALITY',
  PARITY: 'DYAD_ATTR_PARITY',
  SEX: 'DYAD_ATTR_SEX',
} as const

const q = (en: string, fr: string): Label => l(en, fr)

export const ATTRIBUTES: AttributeDef[] = [
  { code: ATTR.ID, name: l('Dyad - Unique identifier', 'Dyade - Identifiant unique'), shortName: l('Dyad ID', 'ID Dyade'), formName: q('Identifier', 'Identifiant'), valueType: 'TEXT', unique: true, generated: true },
  { code: ATTR.FIRST_NAME, name: l('Dyad - First name', 'Dyade - Prénom'), shortName: l('First name', 'Prénom'), formName: q('First name', 'Prénom'), valueType: 'TEXT' },
  { code: ATTR.LAST_NAME, name: l('Dyad - Last name', 'Dyade - Nom'), shortName: l('Last name', 'Nom'), formName: q('Last name', 'Nom'), valueType: 'TEXT' },
  { code: ATTR.DOB, name: l('Dyad - Date of birth', 'Dyade - Date de naissance'), shortName: l('Date of birth', 'Date de naissance'), formName: q('Date of birth (or age)', 'Date de naissance (ou âge)'), valueType: 'AGE' },
  { code: ATTR.PHONE, name: l('Dyad - Phone number', 'Dyade - Numéro de téléphone'), shortName: l('Phone', 'Téléphone'), formName: q('Phone number', 'Numéro de téléphone'), valueType: 'PHONE_NUMBER' },
  { code: ATTR.LOCALITY, name: l('Dyad - Locality / village', 'Dyade - Localité / village'), shortName: l('Locality', 'Localité'), formName: q('Locality or village of residence', 'Localité ou village de résidence'), valueType: 'TEXT' },
  { code: ATTR.PARITY, name: l('Dyad - Parity', 'Dyade - Parité'), shortName: l('Parity', 'Parité'), formName: q('Number of previous births', 'Nombre d’accouchements antérieurs'), valueType: 'INTEGER_ZERO_OR_POSITIVE' },
  { code: ATTR.SEX, name: l('Dyad - Sex', 'Dyade - Sexe'), shortName: l('Sex', 'Sexe'), formName: q('Sex', 'Sexe'), valueType: 'TEXT', optionSet: OS.SEX },
]

// ---------------------------------------------------------------------------------------------
// Data elements (tracker domain). Several are shared by stages: the same question asked at
// several entry points (FP counselling, FP method, maternal nutrition, PMTCT, hygiene, KMC).
// ---------------------------------------------------------------------------------------------

export const DE = {
  // shared
  FP_COUNSELLED: 'DYAD_FP_COUNSELLED',
  FP_METHOD: 'DYAD_FP_METHOD',
  MATERNAL_NUTRITION_COUNSELLED: 'DYAD_MAT_NUTRITION_COUNSELLED',
  MATERNAL_MUAC_CM: 'DYAD_MAT_MUAC_CM',
  MENTAL_HEALTH_POSITIVE: 'DYAD_MAT_MENTAL_HEALTH_POSITIVE',
  HIV_TEST_OFFERED: 'DYAD_HIV_TEST_OFFERED',
  HIV_TEST_DONE: 'DYAD_HIV_TEST_DONE',
  HIV_RESULT: 'DYAD_HIV_RESULT',
  ARV_GIVEN: 'DYAD_ARV_GIVEN',
  HYGIENE_EDUCATION: 'DYAD_HYGIENE_EDUCATION',
  KMC: 'DYAD_KMC',
  // ANC (CPN)
  ANC_CONTACT_NO: 'DYAD_ANC_CONTACT_NO',
  ANC_GEST_AGE_WEEKS: 'DYAD_ANC_GEST_AGE_WEEKS',
  ANC_FP_METHOD_INTENDED: 'DYAD_ANC_FP_METHOD_INTENDED',
  ANC_IFA_GIVEN: 'DYAD_ANC_IFA_GIVEN',
  ANC_WEIGHT_KG: 'DYAD_ANC_WEIGHT_KG',
  ANC_BP_SYSTOLIC: 'DYAD_ANC_BP_SYSTOLIC',
  ANC_BP_DIASTOLIC: 'DYAD_ANC_BP_DIASTOLIC',
  ANC_IPTP_DOSE: 'DYAD_ANC_IPTP_DOSE',
  ANC_SYPHILIS_TEST: 'DYAD_ANC_SYPHILIS_TEST',
  ANC_PAC: 'DYAD_ANC_PAC',
  ANC_PAC_FP_METHOD: 'DYAD_ANC_PAC_FP_METHOD',
  // Delivery (Accouchement)
  DEL_PLACE: 'DYAD_DEL_PLACE',
  DEL_MODE: 'DYAD_DEL_MODE',
  DEL_PARTOGRAPH: 'DYAD_DEL_PARTOGRAPH',
  DEL_UTEROTONIC_1MIN: 'DYAD_DEL_UTEROTONIC_1MIN',
  DEL_AMTSL_FULL: 'DYAD_DEL_AMTSL_FULL',
  DEL_LIVE_BIRTHS: 'DYAD_DEL_LIVE_BIRTHS',
  DEL_STILLBIRTHS: 'DYAD_DEL_STILLBIRTHS',
  DEL_MATERNAL_VITA: 'DYAD_DEL_MATERNAL_VITA',
  // Postnatal (CPoN)
  PNC_TIMING: 'DYAD_PNC_TIMING',
  PNC_NEWBORN_SEEN: 'DYAD_PNC_NEWBORN_SEEN',
  PNC_BF_COUNSELLED: 'DYAD_PNC_BF_COUNSELLED',
  PNC_DANGER_SIGNS: 'DYAD_PNC_DANGER_SIGNS',
  // Birth (Naissance)
  BIRTH_WEIGHT_G: 'DYAD_BIRTH_WEIGHT_G',
  BIRTH_GEST_AGE_WEEKS: 'DYAD_BIRTH_GEST_AGE_WEEKS',
  BIRTH_ENC: 'DYAD_BIRTH_ENC',
  BIRTH_RESUSCITATED: 'DYAD_BIRTH_RESUSCITATED',
  BIRTH_INFECTION_TREATED: 'DYAD_BIRTH_INFECTION_TREATED',
  BIRTH_BF_1H: 'DYAD_BIRTH_BF_1H',
  BIRTH_ARV_PROPHYLAXIS: 'DYAD_BIRTH_ARV_PROPHYLAXIS',
  // Infant visit (Suivi du nourrisson)
  INF_WEIGHT_KG: 'DYAD_INF_WEIGHT_KG',
  INF_LENGTH_CM: 'DYAD_INF_LENGTH_CM',
  INF_MUAC_CM: 'DYAD_INF_MUAC_CM',
  INF_FEEDING: 'DYAD_INF_FEEDING',
  INF_VAC_BCG: 'DYAD_INF_VAC_BCG',
  INF_VAC_PENTA1: 'DYAD_INF_VAC_PENTA1',
  INF_VAC_PENTA2: 'DYAD_INF_VAC_PENTA2',
  INF_VAC_PENTA3: 'DYAD_INF_VAC_PENTA3',
  INF_VAC_MCV1: 'DYAD_INF_VAC_MCV1',
  INF_VITA: 'DYAD_INF_VITA',
  INF_HIV_TEST: 'DYAD_INF_HIV_TEST',
  INF_WELL_BABY: 'DYAD_INF_WELL_BABY',
  INF_WAZ: 'DYAD_INF_WAZ',
  INF_WLZ: 'DYAD_INF_WLZ',
  // MAMI assessment of the dyad (at the infant visit)
  MAMI_OEDEMA: 'DYAD_MAMI_OEDEMA',
  MAMI_ATTACHMENT_EFFECTIVE: 'DYAD_MAMI_ATTACHMENT_EFFECTIVE',
  MAMI_DANGER_SIGN: 'DYAD_MAMI_DANGER_SIGN',
  MAMI_WEIGHT_LOSS: 'DYAD_MAMI_WEIGHT_LOSS',
  MAMI_RF_PRETERM_LBW: 'DYAD_MAMI_RF_PRETERM_LBW',
  MAMI_RF_TWIN: 'DYAD_MAMI_RF_TWIN',
  MAMI_RF_ADOLESCENT_MOTHER: 'DYAD_MAMI_RF_ADOLESCENT_MOTHER',
  MAMI_RF_MOTHER_ABSENT: 'DYAD_MAMI_RF_MOTHER_ABSENT',
  MAMI_RF_MOTHER_HIV: 'DYAD_MAMI_RF_MOTHER_HIV',
  MAMI_RISK: 'DYAD_MAMI_RISK',
  MAMI_ACTION: 'DYAD_MAMI_ACTION',
  MAMI_NEXT_VISIT: 'DYAD_MAMI_NEXT_VISIT',
} as const
export type DataElementCode = (typeof DE)[keyof typeof DE]

const bool = (code: string, name: Label, shortName: Label, formName: Label): DataElementDef => ({
  code,
  name,
  shortName,
  formName,
  valueType: 'BOOLEAN',
})

export const DATA_ELEMENTS: DataElementDef[] = [
  // shared
  bool(DE.FP_COUNSELLED, l('Dyad - FP counselling given at this contact', 'Dyade - Counseling PF donné lors de ce contact'), l('FP counselling', 'Counseling PF'), q('Family planning counselling given at this contact?', 'Counseling en planification familiale donné lors de ce contact ?')),
  { code: DE.FP_METHOD, name: l('Dyad - FP method accepted at this contact', 'Dyade - Méthode PF acceptée lors de ce contact'), shortName: l('FP method accepted', 'Méthode PF acceptée'), formName: q('Contraceptive method started or given at this contact', 'Méthode contraceptive commencée ou remise lors de ce contact'), valueType: 'TEXT', optionSet: OS.FP_METHOD },
  bool(DE.MATERNAL_NUTRITION_COUNSELLED, l('Dyad - Maternal nutrition counselling', 'Dyade - Conseils nutritionnels à la mère'), l('Maternal nutrition counselling', 'Conseils nutrition mère'), q('Nutrition counselling given to the mother?', 'Conseils nutritionnels donnés à la mère ?')),
  { code: DE.MATERNAL_MUAC_CM, name: l('Dyad - Maternal MUAC (cm)', 'Dyade - PB de la mère (cm)'), shortName: l('Maternal MUAC (cm)', 'PB mère (cm)'), formName: q('Mother’s mid-upper arm circumference (cm)', 'Périmètre brachial de la mère (cm)'), valueType: 'NUMBER', unit: 'cm' },
  bool(DE.MENTAL_HEALTH_POSITIVE, l('Dyad - Maternal mental-health screen positive', 'Dyade - Dépistage santé mentale maternelle positif'), l('Mental-health screen positive', 'Dépistage santé mentale positif'), q('Maternal mental-health screen positive?', 'Dépistage de la santé mentale de la mère positif ?')),
  bool(DE.HIV_TEST_OFFERED, l('Dyad - PMTCT HIV test offered', 'Dyade - PTME test VIH proposé'), l('HIV test offered', 'Test VIH proposé'), q('HIV test offered?', 'Test VIH proposé ?')),
  bool(DE.HIV_TEST_DONE, l('Dyad - PMTCT HIV test done', 'Dyade - PTME test VIH réalisé'), l('HIV test done', 'Test VIH réalisé'), q('HIV test done?', 'Test VIH réalisé ?')),
  { code: DE.HIV_RESULT, name: l('Dyad - PMTCT HIV status', 'Dyade - PTME statut VIH'), shortName: l('HIV status', 'Statut VIH'), formName: q('HIV status', 'Statut VIH'), valueType: 'TEXT', optionSet: OS.HIV_RESULT },
  bool(DE.ARV_GIVEN, l('Dyad - PMTCT ARV given to the mother', 'Dyade - PTME ARV donnés à la mère'), l('Maternal ARV', 'ARV mère'), q('Antiretrovirals given to the mother?', 'Antirétroviraux donnés à la mère ?')),
  bool(DE.HYGIENE_EDUCATION, l('Dyad - Hygiene education given', 'Dyade - Éducation à l’hygiène donnée'), l('Hygiene education', 'Éducation hygiène'), q('Hygiene education given?', 'Éducation à l’hygiène donnée ?')),
  bool(DE.KMC, l('Dyad - Kangaroo mother care (skin-to-skin)', 'Dyade - Soins mère kangourou (peau à peau)'), l('KMC', 'SMK'), q('Kangaroo mother care / skin-to-skin practised?', 'Soins mère kangourou / peau à peau pratiqués ?')),
  // ANC
  { code: DE.ANC_CONTACT_NO, name: l('Dyad - ANC contact number', 'Dyade - Numéro du contact CPN'), shortName: l('ANC contact number', 'Numéro CPN'), formName: q('ANC contact number (1, 2, 3…)', 'Numéro de la CPN (1, 2, 3…)'), valueType: 'INTEGER_POSITIVE' },
  { code: DE.ANC_GEST_AGE_WEEKS, name: l('Dyad - Gestational age at ANC (weeks)', 'Dyade - Âge gestationnel à la CPN (semaines)'), shortName: l('Gestational age (weeks)', 'Âge gestationnel (SA)'), formName: q('Gestational age (weeks of amenorrhoea)', 'Âge gestationnel (semaines d’aménorrhée)'), valueType: 'INTEGER_POSITIVE', unit: 'weeks' },
  { code: DE.ANC_FP_METHOD_INTENDED, name: l('Dyad - FP method intended after delivery', 'Dyade - Méthode PF envisagée après l’accouchement'), shortName: l('Intended PPFP method', 'Méthode PFPP envisagée'), formName: q('Method the woman intends to use after delivery', 'Méthode que la femme envisage d’utiliser après l’accouchement'), valueType: 'TEXT', optionSet: OS.FP_METHOD },
  bool(DE.ANC_IFA_GIVEN, l('Dyad - Iron and folic acid given', 'Dyade - Fer et acide folique donnés'), l('Iron–folic acid', 'Fer–acide folique'), q('Iron and folic acid given?', 'Fer et acide folique donnés ?')),
  { code: DE.ANC_WEIGHT_KG, name: l('Dyad - Maternal weight (kg)', 'Dyade - Poids de la mère (kg)'), shortName: l('Maternal weight (kg)', 'Poids mère (kg)'), formName: q('Weight (kg)', 'Poids (kg)'), valueType: 'NUMBER', unit: 'kg' },
  { code: DE.ANC_BP_SYSTOLIC, name: l('Dyad - Systolic blood pressure (mmHg)', 'Dyade - Tension artérielle systolique (mmHg)'), shortName: l('Systolic BP', 'TA systolique'), formName: q('Systolic blood pressure (mmHg)', 'Tension artérielle systolique (mmHg)'), valueType: 'INTEGER_POSITIVE', unit: 'mmHg' },
  { code: DE.ANC_BP_DIASTOLIC, name: l('Dyad - Diastolic blood pressure (mmHg)', 'Dyade - Tension artérielle diastolique (mmHg)'), shortName: l('Diastolic BP', 'TA diastolique'), formName: q('Diastolic blood pressure (mmHg)', 'Tension artérielle diastolique (mmHg)'), valueType: 'INTEGER_POSITIVE', unit: 'mmHg' },
  { code: DE.ANC_IPTP_DOSE, name: l('Dyad - IPTp dose given', 'Dyade - Dose de TPI donnée'), shortName: l('IPTp dose', 'Dose TPI'), formName: q('IPTp-SP dose given at this contact (0 if none)', 'Dose de TPI-SP donnée lors de ce contact (0 si aucune)'), valueType: 'INTEGER_ZERO_OR_POSITIVE' },
  { code: DE.ANC_SYPHILIS_TEST, name: l('Dyad - Syphilis test', 'Dyade - Test de la syphilis'), shortName: l('Syphilis test', 'Test syphilis'), formName: q('Syphilis test', 'Test de la syphilis'), valueType: 'TEXT', optionSet: OS.TEST_RESULT },
  bool(DE.ANC_PAC, l('Dyad - Post-abortion care given', 'Dyade - Soins après avortement (SAA) donnés'), l('Post-abortion care', 'SAA'), q('Post-abortion care given?', 'Soins après avortement donnés ?')),
  { code: DE.ANC_PAC_FP_METHOD, name: l('Dyad - Post-abortion FP method', 'Dyade - Méthode PF post-abortum'), shortName: l('Post-abortion FP method', 'Méthode PF post-abortum'), formName: q('Contraceptive method after post-abortion care', 'Méthode contraceptive après les SAA'), valueType: 'TEXT', optionSet: OS.FP_METHOD },
  // Delivery
  { code: DE.DEL_PLACE, name: l('Dyad - Place of delivery', 'Dyade - Lieu d’accouchement'), shortName: l('Place of delivery', 'Lieu d’accouchement'), formName: q('Place of delivery', 'Lieu de l’accouchement'), valueType: 'TEXT', optionSet: OS.DELIVERY_PLACE },
  { code: DE.DEL_MODE, name: l('Dyad - Mode of delivery', 'Dyade - Mode d’accouchement'), shortName: l('Mode of delivery', 'Mode d’accouchement'), formName: q('Mode of delivery', 'Mode d’accouchement'), valueType: 'TEXT', optionSet: OS.DELIVERY_MODE },
  bool(DE.DEL_PARTOGRAPH, l('Dyad - Partograph used', 'Dyade - Partogramme utilisé'), l('Partograph used', 'Partogramme utilisé'), q('Partograph used?', 'Partogramme utilisé ?')),
  bool(DE.DEL_UTEROTONIC_1MIN, l('Dyad - Uterotonic within 1 minute of birth', 'Dyade - Utérotonique dans la minute suivant la naissance'), l('Uterotonic < 1 min', 'Utérotonique < 1 min'), q('Uterotonic given within 1 minute of birth?', 'Utérotonique administré dans la minute suivant la naissance ?')),
  bool(DE.DEL_AMTSL_FULL, l('Dyad - Full AMTSL', 'Dyade - GATPA complète'), l('Full AMTSL', 'GATPA complète'), q('Full active management of the third stage (uterotonic, controlled cord traction, uterine massage)?', 'GATPA complète (utérotonique, traction contrôlée du cordon, massage utérin) ?')),
  { code: DE.DEL_LIVE_BIRTHS, name: l('Dyad - Live births', 'Dyade - Naissances vivantes'), shortName: l('Live births', 'Naissances vivantes'), formName: q('Number of live births', 'Nombre de naissances vivantes'), valueType: 'INTEGER_ZERO_OR_POSITIVE' },
  { code: DE.DEL_STILLBIRTHS, name: l('Dyad - Stillbirths', 'Dyade - Mort-nés'), shortName: l('Stillbirths', 'Mort-nés'), formName: q('Number of stillbirths', 'Nombre de mort-nés'), valueType: 'INTEGER_ZERO_OR_POSITIVE' },
  bool(DE.DEL_MATERNAL_VITA, l('Dyad - Maternal vitamin A', 'Dyade - Vitamine A à la mère'), l('Maternal vitamin A', 'Vitamine A mère'), q('Vitamin A given to the mother (national protocol)?', 'Vitamine A donnée à la mère (protocole national) ?')),
  // PNC
  { code: DE.PNC_TIMING, name: l('Dyad - Postnatal contact timing', 'Dyade - Moment de la CPoN'), shortName: l('PNC timing', 'Moment CPoN'), formName: q('Timing of this postnatal contact', 'Moment de cette consultation postnatale'), valueType: 'TEXT', optionSet: OS.PNC_TIMING },
  bool(DE.PNC_NEWBORN_SEEN, l('Dyad - Newborn examined at the postnatal contact', 'Dyade - Nouveau-né examiné à la CPoN'), l('Newborn examined', 'Nouveau-né examiné'), q('Newborn examined at this contact?', 'Nouveau-né examiné lors de ce contact ?')),
  bool(DE.PNC_BF_COUNSELLED, l('Dyad - Breastfeeding counselling', 'Dyade - Conseils sur l’allaitement maternel'), l('Breastfeeding counselling', 'Conseils allaitement'), q('Breastfeeding counselling given?', 'Conseils sur l’allaitement maternel donnés ?')),
  bool(DE.PNC_DANGER_SIGNS, l('Dyad - Maternal danger signs found', 'Dyade - Signes de danger chez la mère'), l('Maternal danger signs', 'Signes de danger mère'), q('Danger signs found in the mother?', 'Signes de danger retrouvés chez la mère ?')),
  // Birth
  { code: DE.BIRTH_WEIGHT_G, name: l('Dyad - Birth weight (g)', 'Dyade - Poids de naissance (g)'), shortName: l('Birth weight (g)', 'Poids de naissance (g)'), formName: q('Birth weight (grams)', 'Poids de naissance (grammes)'), valueType: 'INTEGER_POSITIVE', unit: 'g' },
  { code: DE.BIRTH_GEST_AGE_WEEKS, name: l('Dyad - Gestational age at birth (weeks)', 'Dyade - Âge gestationnel à la naissance (semaines)'), shortName: l('Gestational age at birth', 'Âge gestationnel naissance'), formName: q('Gestational age at birth (weeks)', 'Âge gestationnel à la naissance (semaines)'), valueType: 'INTEGER_POSITIVE', unit: 'weeks' },
  bool(DE.BIRTH_ENC, l('Dyad - Essential newborn care', 'Dyade - Soins essentiels du nouveau-né (SENN)'), l('Essential newborn care', 'SENN'), q('Essential newborn care given?', 'Soins essentiels du nouveau-né donnés ?')),
  bool(DE.BIRTH_RESUSCITATED, l('Dyad - Resuscitated for asphyxia', 'Dyade - Réanimé pour asphyxie'), l('Resuscitated (asphyxia)', 'Réanimé (asphyxie)'), q('Resuscitated with bag and mask for asphyxia?', 'Réanimé au ballon et masque pour asphyxie ?')),
  bool(DE.BIRTH_INFECTION_TREATED, l('Dyad - Neonatal infection treated', 'Dyade - Infection néonatale traitée'), l('Neonatal infection treated', 'Infection néonatale traitée'), q('Treated for neonatal infection?', 'Traité pour infection néonatale ?')),
  bool(DE.BIRTH_BF_1H, l('Dyad - Breastfed within 1 hour', 'Dyade - Mis au sein dans l’heure'), l('Breastfed < 1 h', 'Mise au sein < 1 h'), q('Put to the breast within one hour of birth?', 'Mis au sein dans l’heure suivant la naissance ?')),
  bool(DE.BIRTH_ARV_PROPHYLAXIS, l('Dyad - Infant ARV prophylaxis', 'Dyade - Prophylaxie ARV du nouveau-né'), l('Infant ARV prophylaxis', 'Prophylaxie ARV NN'), q('ARV prophylaxis given to the newborn?', 'Prophylaxie ARV donnée au nouveau-né ?')),
  // Infant visit
  { code: DE.INF_WEIGHT_KG, name: l('Dyad - Infant weight (kg)', 'Dyade - Poids du nourrisson (kg)'), shortName: l('Infant weight (kg)', 'Poids NRS (kg)'), formName: q('Weight (kg)', 'Poids (kg)'), valueType: 'NUMBER', unit: 'kg' },
  { code: DE.INF_LENGTH_CM, name: l('Dyad - Infant length (cm)', 'Dyade - Taille du nourrisson (cm)'), shortName: l('Infant length (cm)', 'Taille NRS (cm)'), formName: q('Length, lying (cm)', 'Taille couchée (cm)'), valueType: 'NUMBER', unit: 'cm' },
  { code: DE.INF_MUAC_CM, name: l('Dyad - Infant MUAC (cm)', 'Dyade - PB du nourrisson (cm)'), shortName: l('Infant MUAC (cm)', 'PB NRS (cm)'), formName: q('Mid-upper arm circumference (cm), from 6 weeks', 'Périmètre brachial (cm), à partir de 6 semaines'), valueType: 'NUMBER', unit: 'cm' },
  { code: DE.INF_FEEDING, name: l('Dyad - Infant feeding', 'Dyade - Alimentation du nourrisson'), shortName: l('Infant feeding', 'Alimentation NRS'), formName: q('Feeding in the last 24 hours', 'Alimentation au cours des dernières 24 heures'), valueType: 'TEXT', optionSet: OS.FEEDING },
  bool(DE.INF_VAC_BCG, l('Dyad - BCG given', 'Dyade - BCG administré'), l('BCG', 'BCG'), q('BCG given at this visit?', 'BCG administré lors de cette visite ?')),
  bool(DE.INF_VAC_PENTA1, l('Dyad - Penta 1 given', 'Dyade - Penta 1 administré'), l('Penta 1', 'Penta 1'), q('Penta 1 given at this visit?', 'Penta 1 administré lors de cette visite ?')),
  bool(DE.INF_VAC_PENTA2, l('Dyad - Penta 2 given', 'Dyade - Penta 2 administré'), l('Penta 2', 'Penta 2'), q('Penta 2 given at this visit?', 'Penta 2 administré lors de cette visite ?')),
  bool(DE.INF_VAC_PENTA3, l('Dyad - Penta 3 given', 'Dyade - Penta 3 administré'), l('Penta 3', 'Penta 3'), q('Penta 3 given at this visit?', 'Penta 3 administré lors de cette visite ?')),
  bool(DE.INF_VAC_MCV1, l('Dyad - Measles-rubella 1 given', 'Dyade - RR1 administré'), l('MR 1', 'RR 1'), q('Measles-rubella 1 given at this visit?', 'RR1 administré lors de cette visite ?')),
  bool(DE.INF_VITA, l('Dyad - Vitamin A given to the infant', 'Dyade - Vitamine A donnée au nourrisson'), l('Infant vitamin A', 'Vitamine A NRS'), q('Vitamin A (100 000 IU) given?', 'Vitamine A (100 000 UI) donnée ?')),
  { code: DE.INF_HIV_TEST, name: l('Dyad - Infant HIV test (PMTCT)', 'Dyade - Test VIH du nourrisson (PTME)'), shortName: l('Infant HIV test', 'Test VIH NRS'), formName: q('Infant HIV test', 'Test VIH du nourrisson'), valueType: 'TEXT', optionSet: OS.TEST_RESULT },
  bool(DE.INF_WELL_BABY, l('Dyad - Well-baby consultation', 'Dyade - Consultation du nourrisson sain'), l('Well-baby consultation', 'Consultation NRS sain'), q('Well-baby consultation done?', 'Consultation du nourrisson sain faite ?')),
  { code: DE.INF_WAZ, name: l('Dyad - Weight-for-age z-score', 'Dyade - Z-score poids pour âge'), shortName: l('WAZ', 'Z poids/âge'), formName: q('Weight-for-age z-score (calculated)', 'Z-score poids pour âge (calculé)'), valueType: 'NUMBER' },
  { code: DE.INF_WLZ, name: l('Dyad - Weight-for-length z-score', 'Dyade - Z-score poids pour taille'), shortName: l('WLZ', 'Z poids/taille'), formName: q('Weight-for-length z-score (calculated)', 'Z-score poids pour taille (calculé)'), valueType: 'NUMBER' },
  // MAMI
  bool(DE.MAMI_OEDEMA, l('Dyad - MAMI bilateral pitting oedema', 'Dyade - MAMI œdèmes bilatéraux'), l('Bilateral oedema', 'Œdèmes bilatéraux'), q('Bilateral pitting oedema?', 'Œdèmes bilatéraux prenant le godet ?')),
  bool(DE.MAMI_ATTACHMENT_EFFECTIVE, l('Dyad - MAMI effective attachment and suckling', 'Dyade - MAMI prise du sein et succion efficaces'), l('Effective attachment', 'Prise du sein efficace'), q('Attachment and suckling effective?', 'Prise du sein et succion efficaces ?')),
  bool(DE.MAMI_DANGER_SIGN, l('Dyad - MAMI young-infant danger sign', 'Dyade - MAMI signe de danger du jeune nourrisson'), l('Infant danger sign', 'Signe de danger NRS'), q('Any young-infant danger sign (not feeding well, convulsions, fast breathing, chest indrawing, fever or hypothermia, moves only when stimulated)?', 'Un signe de danger (ne tète pas bien, convulsions, respiration rapide, tirage, fièvre ou hypothermie, ne bouge que stimulé) ?')),
  bool(DE.MAMI_WEIGHT_LOSS, l('Dyad - MAMI weight loss or faltering', 'Dyade - MAMI perte ou stagnation de poids'), l('Weight loss / faltering', 'Perte/stagnation de poids'), q('Recent weight loss or failure to gain weight?', 'Perte de poids récente ou absence de prise de poids ?')),
  bool(DE.MAMI_RF_PRETERM_LBW, l('Dyad - MAMI risk factor: preterm or low birth weight', 'Dyade - MAMI facteur de risque : prématuré ou faible poids'), l('RF: preterm / LBW', 'FR : prématuré / FPN'), q('Born preterm or with low birth weight?', 'Né prématuré ou de faible poids ?')),
  bool(DE.MAMI_RF_TWIN, l('Dyad - MAMI risk factor: twin', 'Dyade - MAMI facteur de risque : jumeau'), l('RF: twin', 'FR : jumeau'), q('Twin or multiple birth?', 'Jumeau ou naissance multiple ?')),
  bool(DE.MAMI_RF_ADOLESCENT_MOTHER, l('Dyad - MAMI risk factor: adolescent mother', 'Dyade - MAMI facteur de risque : mère adolescente'), l('RF: adolescent mother', 'FR : mère adolescente'), q('Mother younger than 18?', 'Mère de moins de 18 ans ?')),
  bool(DE.MAMI_RF_MOTHER_ABSENT, l('Dyad - MAMI risk factor: mother absent or deceased', 'Dyade - MAMI facteur de risque : mère absente ou décédée'), l('RF: mother absent', 'FR : mère absente'), q('Mother absent or deceased?', 'Mère absente ou décédée ?')),
  bool(DE.MAMI_RF_MOTHER_HIV, l('Dyad - MAMI risk factor: mother living with HIV', 'Dyade - MAMI facteur de risque : mère vivant avec le VIH'), l('RF: mother with HIV', 'FR : mère VIH+'), q('Mother living with HIV?', 'Mère vivant avec le VIH ?')),
  { code: DE.MAMI_RISK, name: l('Dyad - MAMI risk class of the dyad', 'Dyade - MAMI classe de risque de la dyade'), shortName: l('MAMI risk class', 'Classe de risque MAMI'), formName: q('Risk class of the mother–infant pair', 'Classe de risque du couple mère-enfant'), valueType: 'TEXT', optionSet: OS.MAMI_RISK },
  { code: DE.MAMI_ACTION, name: l('Dyad - MAMI action taken', 'Dyade - MAMI conduite tenue'), shortName: l('MAMI action', 'Conduite MAMI'), formName: q('Action taken', 'Conduite tenue'), valueType: 'TEXT', optionSet: OS.MAMI_ACTION },
  { code: DE.MAMI_NEXT_VISIT, name: l('Dyad - MAMI next follow-up date', 'Dyade - MAMI date du prochain suivi'), shortName: l('Next follow-up', 'Prochain suivi'), formName: q('Next follow-up visit', 'Date du prochain suivi'), valueType: 'DATE' },
]

// ---------------------------------------------------------------------------------------------
// Programs, stages, relationship type, tracked entity type
// ---------------------------------------------------------------------------------------------

export const PROGRAM = { MOTHER: 'DYAD_MOTHER', INFANT: 'DYAD_INFANT' } as const
export const STAGE = {
  ANC: 'DYAD_MOTHER_ANC',
  DELIVERY: 'DYAD_MOTHER_DELIVERY',
  PNC: 'DYAD_MOTHER_PNC',
  BIRTH: 'DYAD_INFANT_BIRTH',
  INFANT_VISIT: 'DYAD_INFANT_VISIT',
} as const
export const RELATIONSHIP_TYPE = 'DYAD_MOTHER_INFANT'

/** DHIS2's own Person type (the UID used by the WHO packages); reused where the server has it. */
export const PERSON_TYPE = { code: 'GEN_LIB_TRK_PERSON', id: 'MCPQUTHX1Ze', name: l('Person', 'Personne') }

export const STAGES: StageDef[] = [
  {
    code: STAGE.ANC,
    program: PROGRAM.MOTHER,
    name: l('ANC contact', 'CPN'),
    repeatable: true,
    eventDateLabel: l('Date of ANC contact', 'Date de la CPN'),
    dataElements: [
      DE.ANC_CONTACT_NO, DE.ANC_GEST_AGE_WEEKS, DE.FP_COUNSELLED, DE.ANC_FP_METHOD_INTENDED,
      DE.MATERNAL_NUTRITION_COUNSELLED, DE.ANC_IFA_GIVEN, DE.MATERNAL_MUAC_CM, DE.ANC_WEIGHT_KG,
      DE.ANC_BP_SYSTOLIC, DE.ANC_BP_DIASTOLIC, DE.ANC_IPTP_DOSE, DE.ANC_SYPHILIS_TEST,
      DE.HIV_TEST_OFFERED, DE.HIV_TEST_DONE, DE.HIV_RESULT, DE.ARV_GIVEN, DE.ANC_PAC, DE.ANC_PAC_FP_METHOD,
    ],
  },
  {
    code: STAGE.DELIVERY,
    program: PROGRAM.MOTHER,
    name: l('Delivery', 'Accouchement'),
    repeatable: false,
    eventDateLabel: l('Date of delivery', 'Date de l’accouchement'),
    dataElements: [
      DE.DEL_PLACE, DE.DEL_MODE, DE.DEL_PARTOGRAPH, DE.DEL_UTEROTONIC_1MIN, DE.DEL_AMTSL_FULL,
      DE.DEL_LIVE_BIRTHS, DE.DEL_STILLBIRTHS, DE.FP_COUNSELLED, DE.FP_METHOD,
      DE.MATERNAL_NUTRITION_COUNSELLED, DE.DEL_MATERNAL_VITA, DE.HIV_TEST_DONE, DE.HIV_RESULT, DE.ARV_GIVEN,
    ],
  },
  {
    code: STAGE.PNC,
    program: PROGRAM.MOTHER,
    name: l('Postnatal contact', 'CPoN'),
    repeatable: true,
    eventDateLabel: l('Date of postnatal contact', 'Date de la CPoN'),
    dataElements: [
      DE.PNC_TIMING, DE.PNC_NEWBORN_SEEN, DE.FP_COUNSELLED, DE.FP_METHOD, DE.MATERNAL_NUTRITION_COUNSELLED,
      DE.PNC_BF_COUNSELLED, DE.HYGIENE_EDUCATION, DE.PNC_DANGER_SIGNS, DE.MENTAL_HEALTH_POSITIVE,
      DE.MATERNAL_MUAC_CM, DE.HIV_RESULT, DE.ARV_GIVEN,
    ],
  },
  {
    code: STAGE.BIRTH,
    program: PROGRAM.INFANT,
    name: l('Birth', 'Naissance'),
    repeatable: false,
    eventDateLabel: l('Date of birth', 'Date de naissance'),
    dataElements: [
      DE.BIRTH_WEIGHT_G, DE.BIRTH_GEST_AGE_WEEKS, DE.BIRTH_ENC, DE.BIRTH_RESUSCITATED,
      DE.BIRTH_INFECTION_TREATED, DE.BIRTH_BF_1H, DE.KMC, DE.BIRTH_ARV_PROPHYLAXIS,
    ],
  },
  {
    code: STAGE.INFANT_VISIT,
    program: PROGRAM.INFANT,
    name: l('Infant visit', 'Suivi du nourrisson'),
    repeatable: true,
    eventDateLabel: l('Date of visit', 'Date de la visite'),
    dataElements: [
      DE.INF_WEIGHT_KG, DE.INF_LENGTH_CM, DE.INF_MUAC_CM, DE.INF_WAZ, DE.INF_WLZ, DE.INF_FEEDING,
      DE.INF_VAC_BCG, DE.INF_VAC_PENTA1, DE.INF_VAC_PENTA2, DE.INF_VAC_PENTA3, DE.INF_VAC_MCV1,
      DE.INF_VITA, DE.KMC, DE.HYGIENE_EDUCATION, DE.INF_HIV_TEST, DE.INF_WELL_BABY,
      DE.FP_COUNSELLED, DE.FP_METHOD, DE.MATERNAL_NUTRITION_COUNSELLED,
      DE.MAMI_OEDEMA, DE.MAMI_ATTACHMENT_EFFECTIVE, DE.MAMI_DANGER_SIGN, DE.MAMI_WEIGHT_LOSS,
      DE.MAMI_RF_PRETERM_LBW, DE.MAMI_RF_TWIN, DE.MAMI_RF_ADOLESCENT_MOTHER, DE.MAMI_RF_MOTHER_ABSENT,
      DE.MAMI_RF_MOTHER_HIV, DE.MATERNAL_MUAC_CM, DE.MENTAL_HEALTH_POSITIVE,
      DE.MAMI_RISK, DE.MAMI_ACTION, DE.MAMI_NEXT_VISIT,
    ],
  },
]

export const PROGRAMS: ProgramDef[] = [
  {
    code: PROGRAM.MOTHER,
    name: l('Dyad - Mother', 'Dyade - Mère'),
    shortName: l('Dyad - Mother', 'Dyade - Mère'),
    enrollmentDateLabel: l('Date of enrolment (first contact)', 'Date d’inscription (premier contact)'),
    incidentDateLabel: l('Date of last menstrual period', 'Date des dernières règles'),
    attributes: [ATTR.ID, ATTR.FIRST_NAME, ATTR.LAST_NAME, ATTR.DOB, ATTR.PHONE, ATTR.LOCALITY, ATTR.PARITY],
    stages: [STAGE.ANC, STAGE.DELIVERY, STAGE.PNC],
  },
  {
    code: PROGRAM.INFANT,
    name: l('Dyad - Infant', 'Dyade - Nourrisson'),
    shortName: l('Dyad - Infant', 'Dyade - Nourrisson'),
    enrollmentDateLabel: l('Date of enrolment', 'Date d’inscription'),
    incidentDateLabel: l('Date of birth', 'Date de naissance'),
    attributes: [ATTR.ID, ATTR.FIRST_NAME, ATTR.LAST_NAME, ATTR.SEX, ATTR.DOB],
    stages: [STAGE.BIRTH, STAGE.INFANT_VISIT],
  },
]

// ---------------------------------------------------------------------------------------------
// Organisation-unit group sets (ownership and facility type)
// ---------------------------------------------------------------------------------------------

export const GROUP_SET = { OWNERSHIP: 'DYAD_GS_OWNERSHIP', FACILITY_TYPE: 'DYAD_GS_FACILITY_TYPE' } as const

export interface GroupDef {
  code: string
  name: Label
  shortName: Label
}
export interface GroupSetDef {
  code: string
  name: Label
  shortName: Label
  groups: GroupDef[]
}

export const OWNERSHIP = {
  PUBLIC: 'DYAD_OWN_PUBLIC',
  PRIVATE_FOR_PROFIT: 'DYAD_OWN_PRIVATE_FOR_PROFIT',
  PRIVATE_NOT_FOR_PROFIT: 'DYAD_OWN_PRIVATE_NOT_FOR_PROFIT',
  CONFESSIONAL: 'DYAD_OWN_CONFESSIONAL',
  COMMUNITY: 'DYAD_OWN_COMMUNITY',
  PARAPUBLIC: 'DYAD_OWN_PARAPUBLIC',
} as const
/** Ownership groups that make up the "private sector" in Dyad's views. */
export const PRIVATE_OWNERSHIPS: string[] = [OWNERSHIP.PRIVATE_FOR_PROFIT, OWNERSHIP.PRIVATE_NOT_FOR_PROFIT, OWNERSHIP.CONFESSIONAL]

export const FACILITY_TYPE = {
  PRIMARY: 'DYAD_FT_PRIMARY',
  DISTRICT: 'DYAD_FT_DISTRICT',
  HOSPITAL: 'DYAD_FT_HOSPITAL',
  CABINET_MEDICAL: 'DYAD_FT_CABINET_MEDICAL',
  CABINET_MIDWIFE: 'DYAD_FT_CABINET_MIDWIFE',
  CABINET_NURSING: 'DYAD_FT_CABINET_NURSING',
  CLINIC: 'DYAD_FT_CLINIC',
  POLYCLINIC: 'DYAD_FT_POLYCLINIC',
  INFIRMARY: 'DYAD_FT_INFIRMARY',
} as const

export const GROUP_SETS: GroupSetDef[] = [
  {
    code: GROUP_SET.OWNERSHIP,
    name: l('Dyad - Ownership', 'Dyade - Statut'),
    shortName: l('Ownership', 'Statut'),
    groups: [
      { code: OWNERSHIP.PUBLIC, name: l('Public', 'Public'), shortName: l('Public', 'Public') },
      { code: OWNERSHIP.PRIVATE_FOR_PROFIT, name: l('Private for-profit', 'Privé à but lucratif'), shortName: l('Private for-profit', 'Privé lucratif') },
      { code: OWNERSHIP.PRIVATE_NOT_FOR_PROFIT, name: l('Private not-for-profit (NGO, association)', 'Privé à but non lucratif (ONG, associatif)'), shortName: l('Private not-for-profit', 'Privé non lucratif') },
      { code: OWNERSHIP.CONFESSIONAL, name: l('Faith-based', 'Confessionnel'), shortName: l('Faith-based', 'Confessionnel') },
      { code: OWNERSHIP.COMMUNITY, name: l('Community (e.g. CSCom run by ASACO)', 'Communautaire (ex. CSCom géré par une ASACO)'), shortName: l('Community', 'Communautaire') },
      { code: OWNERSHIP.PARAPUBLIC, name: l('Parapublic / military', 'Parapublic / armée'), shortName: l('Parapublic / military', 'Parapublic / armée') },
    ],
  },
  {
    code: GROUP_SET.FACILITY_TYPE,
    name: l('Dyad - Facility type', 'Dyade - Type de structure'),
    shortName: l('Facility type', 'Type de structure'),
    groups: [
      { code: FACILITY_TYPE.PRIMARY, name: l('Primary health centre (CSCom, CSPS, CSI)', 'Centre de santé de premier niveau (CSCom, CSPS, CSI)'), shortName: l('Primary health centre', 'CSCom / CSPS / CSI') },
      { code: FACILITY_TYPE.DISTRICT, name: l('District referral centre (CSRéf, CMA)', 'Centre de référence de district (CSRéf, CMA)'), shortName: l('District referral centre', 'CSRéf / CMA') },
      { code: FACILITY_TYPE.HOSPITAL, name: l('Hospital (regional, national)', 'Hôpital (régional, national)'), shortName: l('Hospital', 'Hôpital') },
      { code: FACILITY_TYPE.CABINET_MEDICAL, name: l('Medical practice', 'Cabinet médical'), shortName: l('Medical practice', 'Cabinet médical') },
      { code: FACILITY_TYPE.CABINET_MIDWIFE, name: l('Midwife practice', 'Cabinet de sage-femme'), shortName: l('Midwife practice', 'Cabinet de sage-femme') },
      { code: FACILITY_TYPE.CABINET_NURSING, name: l('Nursing practice', 'Cabinet de soins infirmiers'), shortName: l('Nursing practice', 'Cabinet de soins infirmiers') },
      { code: FACILITY_TYPE.CLINIC, name: l('Clinic', 'Clinique'), shortName: l('Clinic', 'Clinique') },
      { code: FACILITY_TYPE.POLYCLINIC, name: l('Polyclinic', 'Polyclinique'), shortName: l('Polyclinic', 'Polyclinique') },
      { code: FACILITY_TYPE.INFIRMARY, name: l('Infirmary', 'Infirmerie'), shortName: l('Infirmary', 'Infirmerie') },
    ],
  },
]

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/** UIDs of the vocabulary, computed once. */
export const ids = {
  program: (code: string): string => uid('program', code),
  stage: (code: string): string => uid('programStage', code),
  dataElement: (code: string): string => uid('dataElement', code),
  attribute: (code: string): string => uid('trackedEntityAttribute', code),
  optionSet: (code: string): string => uid('optionSet', code),
  option: (optionSetCode: string, optionCode: string): string => uid('option', `${optionSetCode}:${optionCode}`),
  relationshipType: (): string => uid('relationshipType', RELATIONSHIP_TYPE),
  trackedEntityType: (): string => PERSON_TYPE.id,
  orgUnitGroup: (code: string): string => uid('organisationUnitGroup', code),
  orgUnitGroupSet: (code: string): string => uid('organisationUnitGroupSet', code),
}

export function dataElementByCode(code: string): DataElementDef | undefined {
  return DATA_ELEMENTS.find((d) => d.code === code)
}

export function optionSetByCode(code: string): OptionSetDef | undefined {
  return OPTION_SETS.find((o) => o.code === code)
}
