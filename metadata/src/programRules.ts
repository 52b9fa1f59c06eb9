/**
 * Program rule variables, program rules and actions, and the constants that hold the MAMI
 * thresholds (defaults = src/domain/mami DEFAULT_MAMI_THRESHOLDS, to be confirmed nationally; a
 * country edits the constant values in DHIS2, the rules read them with C{uid}).
 */
import { DEFAULT_MAMI_THRESHOLDS } from '../../src/domain/mami/thresholds'
import { fr, l, ref, sharing, type D2Object } from './common'
import { uid } from './uid'
import { ATTR, DE, PROGRAM, STAGE, ids, type Label } from './vocabulary'

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

interface ConstantDef {
  code: string
  name: Label
  description: Label
  value: number
}

const T = DEFAULT_MAMI_THRESHOLDS

export const CONSTANT = {
  WAZ_MODERATE: 'DYAD_C_MAMI_WAZ_MODERATE',
  WAZ_HIGH: 'DYAD_C_MAMI_WAZ_HIGH',
  WLZ_MODERATE: 'DYAD_C_MAMI_WLZ_MODERATE',
  WLZ_HIGH: 'DYAD_C_MAMI_WLZ_HIGH',
  MUAC: 'DYAD_C_MAMI_MUAC_CM',
  MUAC_MIN_AGE: 'DYAD_C_MAMI_MUAC_MIN_AGE_DAYS',
  MATERNAL_MUAC: 'DYAD_C_MAMI_MATERNAL_MUAC_CM',
  RISK_FACTORS: 'DYAD_C_MAMI_RISK_FACTORS_MODERATE',
} as const

export const CONSTANTS: ConstantDef[] = [
  { code: CONSTANT.WAZ_MODERATE, name: l('Dyad - MAMI WAZ threshold, moderate risk', 'Dyade - MAMI seuil IPA, risque modéré'), description: l('Weight-for-age z-score below this value: infant at risk (moderate).', 'Z-score poids pour âge sous cette valeur : nourrisson à risque (modéré).'), value: T.wazModerate },
  { code: CONSTANT.WAZ_HIGH, name: l('Dyad - MAMI WAZ threshold, severe', 'Dyade - MAMI seuil IPA, sévère'), description: l('Weight-for-age z-score below this value: severe (high risk with a complication).', 'Z-score poids pour âge sous cette valeur : sévère (risque élevé si complication).'), value: T.wazSevere },
  { code: CONSTANT.WLZ_MODERATE, name: l('Dyad - MAMI WLZ threshold, moderate risk', 'Dyade - MAMI seuil IPT, risque modéré'), description: l('Weight-for-length z-score below this value: infant at risk (moderate).', 'Z-score poids pour taille sous cette valeur : nourrisson à risque (modéré).'), value: T.wlzModerate },
  { code: CONSTANT.WLZ_HIGH, name: l('Dyad - MAMI WLZ threshold, severe', 'Dyade - MAMI seuil IPT, sévère'), description: l('Weight-for-length z-score below this value: severe (high risk with a complication).', 'Z-score poids pour taille sous cette valeur : sévère (risque élevé si complication).'), value: T.wlzSevere },
  { code: CONSTANT.MUAC, name: l('Dyad - MAMI infant MUAC threshold (cm)', 'Dyade - MAMI seuil PB du nourrisson (cm)'), description: l('Infant MUAC below this value (from the minimum age): severe.', 'PB du nourrisson sous cette valeur (à partir de l’âge minimal) : sévère.'), value: T.muacCm },
  { code: CONSTANT.MUAC_MIN_AGE, name: l('Dyad - MAMI minimum age for infant MUAC (days)', 'Dyade - MAMI âge minimal pour le PB du nourrisson (jours)'), description: l('Infant MUAC is used from this age in days (6 weeks).', 'Le PB du nourrisson est utilisé à partir de cet âge en jours (6 semaines).'), value: T.muacMinAgeDays },
  { code: CONSTANT.MATERNAL_MUAC, name: l('Dyad - MAMI maternal MUAC threshold (cm)', 'Dyade - MAMI seuil PB de la mère (cm)'), description: l('Mother’s MUAC below this value: mother at nutritional risk.', 'PB de la mère sous cette valeur : mère à risque nutritionnel.'), value: T.maternalMuacCm },
  { code: CONSTANT.RISK_FACTORS, name: l('Dyad - MAMI risk factors for moderate risk', 'Dyade - MAMI facteurs de risque pour un risque modéré'), description: l('Number of dyad risk factors that alone make the pair moderate risk.', 'Nombre de facteurs de risque qui, à eux seuls, classent le couple en risque modéré.'), value: T.riskFactorsForModerate },
]

export function constants(): D2Object[] {
  return CONSTANTS.map((c) => ({
    id: uid('constant', c.code),
    code: c.code,
    name: c.name.en,
    shortName: c.name.en.replace('Dyad - ', '').slice(0, 50),
    description: c.description.en,
    value: c.value,
    sharing: sharing('metadata'),
    translations: fr({ NAME: c.name, SHORT_NAME: l('', c.name.fr.replace('Dyade - ', '').slice(0, 50)), DESCRIPTION: c.description }),
  }))
}

const C = (code: string): string => `C{${uid('constant', code)}}`

// ---------------------------------------------------------------------------------------------
// Program rule variables
// ---------------------------------------------------------------------------------------------

interface VariableDef {
  program: string
  name: string
  source: 'DATAELEMENT_CURRENT_EVENT' | 'DATAELEMENT_NEWEST_EVENT_PROGRAM' | 'TEI_ATTRIBUTE'
  dataElement?: string
  attribute?: string
  valueType: string
}

const de = (program: string, name: string, dataElement: string, valueType: string): VariableDef => ({ program, name, source: 'DATAELEMENT_CURRENT_EVENT', dataElement, valueType })
const M = PROGRAM.MOTHER
const I = PROGRAM.INFANT

export const VARIABLES: VariableDef[] = [
  // Mother
  de(M, 'fp_counselled', DE.FP_COUNSELLED, 'BOOLEAN'),
  de(M, 'fp_method', DE.FP_METHOD, 'TEXT'),
  de(M, 'anc_gest_age', DE.ANC_GEST_AGE_WEEKS, 'INTEGER_POSITIVE'),
  de(M, 'anc_pac', DE.ANC_PAC, 'BOOLEAN'),
  de(M, 'hiv_test_done', DE.HIV_TEST_DONE, 'BOOLEAN'),
  de(M, 'hiv_result', DE.HIV_RESULT, 'TEXT'),
  de(M, 'maternal_muac', DE.MATERNAL_MUAC_CM, 'NUMBER'),
  de(M, 'maternal_weight', DE.ANC_WEIGHT_KG, 'NUMBER'),
  de(M, 'bp_systolic', DE.ANC_BP_SYSTOLIC, 'INTEGER_POSITIVE'),
  de(M, 'bp_diastolic', DE.ANC_BP_DIASTOLIC, 'INTEGER_POSITIVE'),
  de(M, 'delivery_mode', DE.DEL_MODE, 'TEXT'),
  de(M, 'live_births', DE.DEL_LIVE_BIRTHS, 'INTEGER_ZERO_OR_POSITIVE'),
  // Infant
  de(I, 'birth_weight', DE.BIRTH_WEIGHT_G, 'INTEGER_POSITIVE'),
  de(I, 'birth_gest_age', DE.BIRTH_GEST_AGE_WEEKS, 'INTEGER_POSITIVE'),
  de(I, 'weight_kg', DE.INF_WEIGHT_KG, 'NUMBER'),
  de(I, 'length_cm', DE.INF_LENGTH_CM, 'NUMBER'),
  de(I, 'muac_cm', DE.INF_MUAC_CM, 'NUMBER'),
  de(I, 'waz', DE.INF_WAZ, 'NUMBER'),
  de(I, 'wlz', DE.INF_WLZ, 'NUMBER'),
  de(I, 'feeding', DE.INF_FEEDING, 'TEXT'),
  de(I, 'oedema', DE.MAMI_OEDEMA, 'BOOLEAN'),
  de(I, 'danger_sign', DE.MAMI_DANGER_SIGN, 'BOOLEAN'),
  de(I, 'weight_loss', DE.MAMI_WEIGHT_LOSS, 'BOOLEAN'),
  de(I, 'attachment_effective', DE.MAMI_ATTACHMENT_EFFECTIVE, 'BOOLEAN'),
  de(I, 'rf_preterm_lbw', DE.MAMI_RF_PRETERM_LBW, 'BOOLEAN'),
  de(I, 'rf_twin', DE.MAMI_RF_TWIN, 'BOOLEAN'),
  de(I, 'rf_adolescent_mother', DE.MAMI_RF_ADOLESCENT_MOTHER, 'BOOLEAN'),
  de(I, 'rf_mother_absent', DE.MAMI_RF_MOTHER_ABSENT, 'BOOLEAN'),
  de(I, 'rf_mother_hiv', DE.MAMI_RF_MOTHER_HIV, 'BOOLEAN'),
  de(I, 'inf_maternal_muac', DE.MATERNAL_MUAC_CM, 'NUMBER'),
  de(I, 'inf_mental_health', DE.MENTAL_HEALTH_POSITIVE, 'BOOLEAN'),
  de(I, 'inf_fp_counselled', DE.FP_COUNSELLED, 'BOOLEAN'),
  de(I, 'next_visit', DE.MAMI_NEXT_VISIT, 'DATE'),
  { program: I, name: 'sex', source: 'TEI_ATTRIBUTE', attribute: ATTR.SEX, valueType: 'TEXT' },
]

const prvCode = (v: VariableDef): string => `DYAD_PRV_${v.program === M ? 'M' : 'I'}_${v.name.toUpperCase()}`

export function programRuleVariables(): D2Object[] {
  return VARIABLES.map((v) => {
    const o: D2Object = {
      id: uid('programRuleVariable', prvCode(v)),
      code: prvCode(v),
      name: v.name,
      program: ref(ids.program(v.program)),
      programRuleVariableSourceType: v.source,
      valueType: v.valueType,
      useCodeForOptionSet: true,
    }
    if (v.dataElement) o.dataElement = ref(ids.dataElement(v.dataElement))
    if (v.attribute) o.trackedEntityAttribute = ref(ids.attribute(v.attribute))
    return o
  })
}

// ---------------------------------------------------------------------------------------------
// Program rules
// ---------------------------------------------------------------------------------------------

type ActionType = 'HIDEFIELD' | 'SHOWWARNING' | 'SHOWERROR' | 'ASSIGN'

interface ActionDef {
  type: ActionType
  dataElement?: string
  content?: Label
  /** ASSIGN: the expression whose value is assigned. */
  data?: string
}

interface RuleDef {
  code: string
  program: string
  /** Restricts the rule to one stage. */
  stage?: string
  name: Label
  description: Label
  condition: string
  priority?: number
  actions: ActionDef[]
}

const hide = (dataElement: string): ActionDef => ({ type: 'HIDEFIELD', dataElement })
const warn = (dataElement: string, en: string, frText: string): ActionDef => ({ type: 'SHOWWARNING', dataElement, content: l(en, frText) })
const error = (dataElement: string, en: string, frText: string): ActionDef => ({ type: 'SHOWERROR', dataElement, content: l(en, frText) })
const assign = (dataElement: string, data: string): ActionDef => ({ type: 'ASSIGN', dataElement, data })

/** A value present and outside [min, max]. */
const outside = (v: string, min: number, max: number): string => `d2:hasValue('${v}') && (#{${v}} < ${min} || #{${v}} > ${max})`

const AGE_DAYS = 'd2:daysBetween(V{incident_date}, V{event_date})'
const AGE_MONTHS = 'd2:monthsBetween(V{incident_date}, V{event_date})'

// MAMI classification (mirrors src/domain/mami/classify.ts; thresholds from the constants)
const SEVERE = [
  `(d2:hasValue('waz') && #{waz} < ${C(CONSTANT.WAZ_HIGH)})`,
  `(d2:hasValue('wlz') && #{wlz} < ${C(CONSTANT.WLZ_HIGH)})`,
  `(d2:hasValue('muac_cm') && ${AGE_DAYS} >= ${C(CONSTANT.MUAC_MIN_AGE)} && #{muac_cm} < ${C(CONSTANT.MUAC)})`,
].join(' || ')
const COMPLICATION = `#{weight_loss} == true || #{attachment_effective} == false || #{feeding} == 'NOT_BF'`
const HIGH = `#{oedema} == true || #{danger_sign} == true || ((${SEVERE}) && (${COMPLICATION}))`
const RISK_FACTOR_COUNT = ['rf_preterm_lbw', 'rf_twin', 'rf_adolescent_mother', 'rf_mother_absent', 'rf_mother_hiv']
  .map((v) => `d2:condition('#{${v}} == true', 1, 0)`)
  .join(' + ')
const MODERATE = [
  `(${SEVERE})`,
  `(d2:hasValue('waz') && #{waz} < ${C(CONSTANT.WAZ_MODERATE)})`,
  `(d2:hasValue('wlz') && #{wlz} < ${C(CONSTANT.WLZ_MODERATE)})`,
  COMPLICATION,
  `#{feeding} == 'PARTIAL_BF'`,
  `#{rf_mother_absent} == true`,
  `(${RISK_FACTOR_COUNT}) >= ${C(CONSTANT.RISK_FACTORS)}`,
  `(d2:hasValue('inf_maternal_muac') && #{inf_maternal_muac} < ${C(CONSTANT.MATERNAL_MUAC)})`,
  `#{inf_mental_health} == true`,
].join(' || ')
/** The assessment was done: some MAMI item was recorded at this visit. */
const ASSESSED = ['weight_kg', 'muac_cm', 'oedema', 'danger_sign', 'attachment_effective', 'feeding'].map((v) => `d2:hasValue('${v}')`).join(' || ')

export const RULES: RuleDef[] = [
  // --- show/hide by context
  {
    code: 'DYAD_PR_M_HIDE_FP_METHOD',
    program: M,
    name: l('Dyad - Hide FP method when no FP counselling', 'Dyade - Masquer la méthode PF sans counseling PF'),
    description: l('The FP method (accepted or intended) is asked only after FP counselling at the contact.', 'La méthode PF (acceptée ou envisagée) n’est demandée qu’après un counseling PF lors du contact.'),
    condition: `#{fp_counselled} != true`,
    actions: [hide(DE.FP_METHOD), hide(DE.ANC_FP_METHOD_INTENDED)],
  },
  {
    code: 'DYAD_PR_M_HIDE_PAC_FP',
    program: M,
    stage: STAGE.ANC,
    name: l('Dyad - Hide post-abortion FP method without PAC', 'Dyade - Masquer la méthode PF post-abortum sans SAA'),
    description: l('The post-abortion FP method is asked only when post-abortion care was given.', 'La méthode PF post-abortum n’est demandée que si des SAA ont été donnés.'),
    condition: `#{anc_pac} != true`,
    actions: [hide(DE.ANC_PAC_FP_METHOD)],
  },
  // ANC and Delivery only: the PNC stage records the status without a test question
  ...([STAGE.ANC, STAGE.DELIVERY] as const).map(
    (stage): RuleDef => ({
      code: `DYAD_PR_M_HIV_RESULT_NO_TEST_${stage === STAGE.ANC ? 'ANC' : 'DEL'}`,
      program: M,
      stage,
      name: l(`Dyad - New HIV result without a test (${stage === STAGE.ANC ? 'ANC' : 'delivery'})`, `Dyade - Nouveau résultat VIH sans test (${stage === STAGE.ANC ? 'CPN' : 'accouchement'})`),
      description: l('A new HIV result (negative or positive) needs a test done at the contact; a known positive woman is not retested.', 'Un nouveau résultat VIH (négatif ou positif) suppose un test réalisé lors du contact ; une femme séropositive connue n’est pas retestée.'),
      condition: `(#{hiv_result} == 'NEGATIVE' || #{hiv_result} == 'POSITIVE') && #{hiv_test_done} != true`,
      actions: [warn(DE.HIV_RESULT, 'A new HIV result needs “HIV test done” = Yes (use “Known positive” for a woman already known HIV positive).', 'Un nouveau résultat VIH suppose « Test VIH réalisé » = Oui (choisir « Positif connu » pour une femme déjà connue séropositive).')],
    }),
  ),
  {
    code: 'DYAD_PR_M_HIDE_ARV',
    program: M,
    name: l('Dyad - Hide ARV unless HIV positive', 'Dyade - Masquer les ARV sauf si VIH positif'),
    description: l('Maternal ARVs are asked only for a woman living with HIV.', 'Les ARV de la mère ne sont demandés que pour une femme vivant avec le VIH.'),
    condition: `#{hiv_result} != 'POSITIVE' && #{hiv_result} != 'KNOWN_POSITIVE'`,
    actions: [hide(DE.ARV_GIVEN)],
  },
  {
    code: 'DYAD_PR_M_HIDE_AMTSL_CS',
    program: M,
    stage: STAGE.DELIVERY,
    name: l('Dyad - Hide AMTSL for a caesarean section', 'Dyade - Masquer la GATPA pour une césarienne'),
    description: l('AMTSL applies to vaginal births.', 'La GATPA concerne les accouchements par voie basse.'),
    condition: `#{delivery_mode} == 'CAESAREAN'`,
    actions: [hide(DE.DEL_AMTSL_FULL)],
  },
  {
    code: 'DYAD_PR_I_HIDE_FP_METHOD',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - Hide the mother’s FP method when no FP counselling', 'Dyade - Masquer la méthode PF de la mère sans counseling PF'),
    description: l('The mother’s FP method is asked only after FP counselling at the infant visit.', 'La méthode PF de la mère n’est demandée qu’après un counseling PF lors de la visite du nourrisson.'),
    condition: `#{inf_fp_counselled} != true`,
    actions: [hide(DE.FP_METHOD)],
  },
  {
    code: 'DYAD_PR_I_HIDE_MUAC_YOUNG',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - Hide infant MUAC before 6 weeks', 'Dyade - Masquer le PB du nourrisson avant 6 semaines'),
    description: l('Infant MUAC is measured from 6 weeks of age.', 'Le PB du nourrisson se mesure à partir de 6 semaines.'),
    condition: `${AGE_DAYS} < ${C(CONSTANT.MUAC_MIN_AGE)}`,
    actions: [hide(DE.INF_MUAC_CM)],
  },
  // --- impossible values
  {
    code: 'DYAD_PR_M_GEST_AGE_RANGE',
    program: M,
    stage: STAGE.ANC,
    name: l('Dyad - Gestational age out of 4–45 weeks', 'Dyade - Âge gestationnel hors 4–45 semaines'),
    description: l('A gestational age outside 4–45 weeks is impossible.', 'Un âge gestationnel hors de 4 à 45 semaines est impossible.'),
    condition: outside('anc_gest_age', 4, 45),
    actions: [warn(DE.ANC_GEST_AGE_WEEKS, 'Gestational age must be between 4 and 45 weeks.', 'L’âge gestationnel doit être compris entre 4 et 45 semaines.')],
  },
  {
    code: 'DYAD_PR_M_MUAC_RANGE',
    program: M,
    name: l('Dyad - Maternal MUAC out of 14–45 cm', 'Dyade - PB de la mère hors 14–45 cm'),
    description: l('A maternal MUAC outside 14–45 cm is almost certainly an entry error.', 'Un PB de la mère hors de 14 à 45 cm est très probablement une erreur de saisie.'),
    condition: outside('maternal_muac', 14, 45),
    actions: [warn(DE.MATERNAL_MUAC_CM, 'Mother’s MUAC must be between 14 and 45 cm.', 'Le PB de la mère doit être compris entre 14 et 45 cm.')],
  },
  {
    code: 'DYAD_PR_M_WEIGHT_RANGE',
    program: M,
    stage: STAGE.ANC,
    name: l('Dyad - Maternal weight out of 30–150 kg', 'Dyade - Poids de la mère hors 30–150 kg'),
    description: l('A maternal weight outside 30–150 kg is almost certainly an entry error.', 'Un poids de la mère hors de 30 à 150 kg est très probablement une erreur de saisie.'),
    condition: outside('maternal_weight', 30, 150),
    actions: [warn(DE.ANC_WEIGHT_KG, 'Weight must be between 30 and 150 kg.', 'Le poids doit être compris entre 30 et 150 kg.')],
  },
  {
    code: 'DYAD_PR_M_BP_RANGE',
    program: M,
    stage: STAGE.ANC,
    name: l('Dyad - Blood pressure impossible', 'Dyade - Tension artérielle impossible'),
    description: l('Systolic 60–260 mmHg, diastolic 30–160 mmHg, and systolic above diastolic.', 'Systolique 60–260 mmHg, diastolique 30–160 mmHg, systolique supérieure à la diastolique.'),
    condition: `${outside('bp_systolic', 60, 260)} || ${outside('bp_diastolic', 30, 160)} || (d2:hasValue('bp_systolic') && d2:hasValue('bp_diastolic') && #{bp_systolic} <= #{bp_diastolic})`,
    actions: [warn(DE.ANC_BP_DIASTOLIC, 'Check the blood pressure: systolic 60–260, diastolic 30–160 mmHg, systolic above diastolic.', 'Vérifiez la tension : systolique 60–260, diastolique 30–160 mmHg, systolique supérieure à la diastolique.')],
  },
  {
    code: 'DYAD_PR_M_LIVE_BIRTHS_RANGE',
    program: M,
    stage: STAGE.DELIVERY,
    name: l('Dyad - More than 5 live births', 'Dyade - Plus de 5 naissances vivantes'),
    description: l('More than 5 live births at one delivery is an entry error.', 'Plus de 5 naissances vivantes pour un accouchement est une erreur de saisie.'),
    condition: outside('live_births', 0, 5),
    actions: [warn(DE.DEL_LIVE_BIRTHS, 'Number of live births must be between 0 and 5.', 'Le nombre de naissances vivantes doit être compris entre 0 et 5.')],
  },
  {
    code: 'DYAD_PR_M_FUTURE_EVENT',
    program: M,
    name: l('Dyad - Mother contact date in the future', 'Dyade - Date de contact de la mère dans le futur'),
    description: l('A contact cannot be recorded after today.', 'Un contact ne peut pas être enregistré après aujourd’hui.'),
    condition: `d2:daysBetween(V{current_date}, V{event_date}) > 0`,
    actions: [error(DE.FP_COUNSELLED, 'The date of this contact is in the future.', 'La date de ce contact est dans le futur.')],
  },
  {
    code: 'DYAD_PR_I_BIRTH_WEIGHT_RANGE',
    program: I,
    stage: STAGE.BIRTH,
    name: l('Dyad - Birth weight out of 500–6000 g', 'Dyade - Poids de naissance hors 500–6000 g'),
    description: l('A birth weight outside 500–6000 g is impossible (check grams vs kilograms).', 'Un poids de naissance hors de 500 à 6000 g est impossible (vérifier grammes et kilogrammes).'),
    condition: outside('birth_weight', 500, 6000),
    actions: [warn(DE.BIRTH_WEIGHT_G, 'Birth weight must be between 500 and 6000 grams.', 'Le poids de naissance doit être compris entre 500 et 6000 grammes.')],
  },
  {
    code: 'DYAD_PR_I_BIRTH_GEST_AGE_RANGE',
    program: I,
    stage: STAGE.BIRTH,
    name: l('Dyad - Gestational age at birth out of 22–45 weeks', 'Dyade - Âge gestationnel à la naissance hors 22–45 semaines'),
    description: l('A gestational age at birth outside 22–45 weeks is impossible for a live birth record.', 'Un âge gestationnel à la naissance hors de 22 à 45 semaines est impossible.'),
    condition: outside('birth_gest_age', 22, 45),
    actions: [warn(DE.BIRTH_GEST_AGE_WEEKS, 'Gestational age at birth must be between 22 and 45 weeks.', 'L’âge gestationnel à la naissance doit être compris entre 22 et 45 semaines.')],
  },
  {
    code: 'DYAD_PR_I_WEIGHT_RANGE',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - Infant weight out of 0.5–25 kg', 'Dyade - Poids du nourrisson hors 0,5–25 kg'),
    description: l('An infant weight outside 0.5–25 kg is impossible (check kilograms vs grams).', 'Un poids du nourrisson hors de 0,5 à 25 kg est impossible (vérifier kilogrammes et grammes).'),
    condition: outside('weight_kg', 0.5, 25),
    actions: [warn(DE.INF_WEIGHT_KG, 'Weight must be between 0.5 and 25 kg.', 'Le poids doit être compris entre 0,5 et 25 kg.')],
  },
  {
    code: 'DYAD_PR_I_LENGTH_RANGE',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - Infant length out of 35–120 cm', 'Dyade - Taille du nourrisson hors 35–120 cm'),
    description: l('An infant length outside 35–120 cm is impossible.', 'Une taille du nourrisson hors de 35 à 120 cm est impossible.'),
    condition: outside('length_cm', 35, 120),
    actions: [warn(DE.INF_LENGTH_CM, 'Length must be between 35 and 120 cm.', 'La taille doit être comprise entre 35 et 120 cm.')],
  },
  {
    code: 'DYAD_PR_I_MUAC_RANGE',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - Infant MUAC out of 6–20 cm', 'Dyade - PB du nourrisson hors 6–20 cm'),
    description: l('An infant MUAC outside 6–20 cm is an entry error (centimetres, not millimetres).', 'Un PB du nourrisson hors de 6 à 20 cm est une erreur de saisie (centimètres, pas millimètres).'),
    condition: outside('muac_cm', 6, 20),
    actions: [warn(DE.INF_MUAC_CM, 'Infant MUAC must be between 6 and 20 cm (centimetres).', 'Le PB du nourrisson doit être compris entre 6 et 20 cm (centimètres).')],
  },
  {
    code: 'DYAD_PR_I_MAT_MUAC_RANGE',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - Mother’s MUAC at infant visit out of 14–45 cm', 'Dyade - PB de la mère (visite NRS) hors 14–45 cm'),
    description: l('A maternal MUAC outside 14–45 cm is almost certainly an entry error.', 'Un PB de la mère hors de 14 à 45 cm est très probablement une erreur de saisie.'),
    condition: outside('inf_maternal_muac', 14, 45),
    actions: [warn(DE.MATERNAL_MUAC_CM, 'Mother’s MUAC must be between 14 and 45 cm.', 'Le PB de la mère doit être compris entre 14 et 45 cm.')],
  },
  {
    code: 'DYAD_PR_I_FUTURE_EVENT',
    program: I,
    name: l('Dyad - Infant contact date in the future', 'Dyade - Date de contact du nourrisson dans le futur'),
    description: l('A contact cannot be recorded after today.', 'Un contact ne peut pas être enregistré après aujourd’hui.'),
    condition: `d2:daysBetween(V{current_date}, V{event_date}) > 0`,
    actions: [error(DE.KMC, 'The date of this contact is in the future.', 'La date de ce contact est dans le futur.')],
  },
  {
    code: 'DYAD_PR_I_EVENT_BEFORE_BIRTH',
    program: I,
    name: l('Dyad - Infant contact before the date of birth', 'Dyade - Contact du nourrisson avant la date de naissance'),
    description: l('A contact of the infant cannot be before the date of birth (incident date).', 'Un contact du nourrisson ne peut pas précéder sa date de naissance.'),
    condition: `${AGE_DAYS} < 0`,
    actions: [error(DE.KMC, 'The date of this contact is before the infant’s date of birth.', 'La date de ce contact précède la date de naissance du nourrisson.')],
  },
  {
    code: 'DYAD_PR_I_NEXT_VISIT_PAST',
    program: I,
    stage: STAGE.INFANT_VISIT,
    name: l('Dyad - MAMI next follow-up before this visit', 'Dyade - Prochain suivi MAMI avant cette visite'),
    description: l('The next follow-up must be after this visit.', 'Le prochain suivi doit être après cette visite.'),
    condition: `d2:hasValue('next_visit') && d2:daysBetween(V{event_date}, #{next_visit}) <= 0`,
    actions: [warn(DE.MAMI_NEXT_VISIT, 'The next follow-up date must be after the date of this visit.', 'La date du prochain suivi doit être postérieure à celle de cette visite.')],
  },
  // --- z-scores (WHO standards built into DHIS2)
  {
    code: 'DYAD_PR_I_ASSIGN_WAZ',
    program: I,
    stage: STAGE.INFANT_VISIT,
    priority: 1,
    name: l('Dyad - Weight-for-age z-score', 'Dyade - Z-score poids pour âge'),
    description: l('WAZ from weight, age in months and sex (WHO 2006 standards, d2:zScoreWFA).', 'IPA à partir du poids, de l’âge en mois et du sexe (normes OMS 2006, d2:zScoreWFA).'),
    condition: `d2:hasValue('weight_kg') && d2:hasValue('sex') && ${AGE_DAYS} >= 0`,
    actions: [assign(DE.INF_WAZ, `d2:zScoreWFA(${AGE_MONTHS}, #{weight_kg}, A{sex})`)],
  },
  {
    code: 'DYAD_PR_I_ASSIGN_WLZ',
    program: I,
    stage: STAGE.INFANT_VISIT,
    priority: 1,
    name: l('Dyad - Weight-for-length z-score', 'Dyade - Z-score poids pour taille'),
    description: l('WLZ from weight, length (45–110 cm) and sex (WHO 2006 standards, d2:zScoreWFH).', 'IPT à partir du poids, de la taille (45–110 cm) et du sexe (normes OMS 2006, d2:zScoreWFH).'),
    condition: `d2:hasValue('weight_kg') && d2:hasValue('length_cm') && d2:hasValue('sex') && #{length_cm} >= 45 && #{length_cm} <= 110`,
    actions: [assign(DE.INF_WLZ, `d2:zScoreWFH(#{length_cm}, #{weight_kg}, A{sex})`)],
  },
  // --- MAMI proposed risk class (thresholds in constants)
  {
    code: 'DYAD_PR_I_MAMI_HIGH',
    program: I,
    stage: STAGE.INFANT_VISIT,
    priority: 10,
    name: l('Dyad - MAMI proposed class: high risk', 'Dyade - MAMI classe proposée : risque élevé'),
    description: l('Oedema, a danger sign, or severe anthropometry with weight loss or a feeding problem: refer for inpatient care.', 'Œdèmes, signe de danger, ou anthropométrie sévère avec perte de poids ou problème d’alimentation : référer pour hospitalisation.'),
    condition: HIGH,
    actions: [assign(DE.MAMI_RISK, `'HIGH'`), warn(DE.MAMI_RISK, 'Proposed MAMI class: HIGH risk — refer for inpatient care.', 'Classe MAMI proposée : risque ÉLEVÉ — référer pour une prise en charge hospitalière.')],
  },
  {
    code: 'DYAD_PR_I_MAMI_MODERATE',
    program: I,
    stage: STAGE.INFANT_VISIT,
    priority: 10,
    name: l('Dyad - MAMI proposed class: moderate risk', 'Dyade - MAMI classe proposée : risque modéré'),
    description: l('Anthropometry, feeding, risk factors or the mother at risk, without a high-risk sign: enrol in outpatient MAMI support.', 'Anthropométrie, alimentation, facteurs de risque ou mère à risque, sans signe de risque élevé : inscrire au suivi MAMI ambulatoire.'),
    condition: `!(${HIGH}) && (${MODERATE})`,
    actions: [assign(DE.MAMI_RISK, `'MODERATE'`)],
  },
  {
    code: 'DYAD_PR_I_MAMI_LOW',
    program: I,
    stage: STAGE.INFANT_VISIT,
    priority: 10,
    name: l('Dyad - MAMI proposed class: low risk', 'Dyade - MAMI classe proposée : risque faible'),
    description: l('Assessment recorded and no criterion met: usual care.', 'Évaluation saisie sans aucun critère : soins habituels.'),
    condition: `(${ASSESSED}) && !(${HIGH}) && !(${MODERATE})`,
    actions: [assign(DE.MAMI_RISK, `'LOW'`)],
  },
]

const actionCode = (rule: string, i: number): string => `${rule}_A${i + 1}`

export function programRules(): D2Object[] {
  return RULES.map((r) => {
    const o: D2Object = {
      id: uid('programRule', r.code),
      code: r.code,
      name: r.name.en,
      description: r.description.en,
      program: ref(ids.program(r.program)),
      condition: r.condition,
      priority: r.priority ?? 5,
      programRuleActions: r.actions.map((_, i) => ref(uid('programRuleAction', actionCode(r.code, i)))),
      translations: fr({ NAME: r.name, DESCRIPTION: r.description }),
    }
    if (r.stage) o.programStage = ref(ids.stage(r.stage))
    return o
  })
}

export function programRuleActions(): D2Object[] {
  return RULES.flatMap((r) =>
    r.actions.map((a, i) => {
      const o: D2Object = {
        id: uid('programRuleAction', actionCode(r.code, i)),
        code: actionCode(r.code, i),
        programRule: ref(uid('programRule', r.code)),
        programRuleActionType: a.type,
        evaluationTime: 'ALWAYS',
      }
      if (a.dataElement) o.dataElement = ref(ids.dataElement(a.dataElement))
      if (a.content) {
        o.content = a.content.en
        o.translations = fr({ CONTENT: a.content })
      }
      if (a.data) o.data = a.data
      return o
    }),
  )
}
