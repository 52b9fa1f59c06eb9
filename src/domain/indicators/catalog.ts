/**
 * The Dyad indicator catalog: the single source of every integrated indicator.
 *
 * Tracker indicators are event-level (docs/decisions/0350-rule-language-event-level.md): each side
 * counts the events of one program stage, in the period by event date, in the org-unit scope, that
 * meet the rule's conditions. That is exactly what a DHIS2 EVENT program indicator
 * (`V{event_count}` + filter) computes, so the pair engine and DHIS2 analytics agree to the unit.
 * Where the reference definition needs population data (coverage) or a person-level cohort, the
 * deviation is written in `deviation`.
 */
import { DE, FP_METHOD, STAGE, type Label } from '../../../metadata/src/vocabulary'
import type { Condition, EventRule } from './rules'
import type {
  CascadeStep,
  ChecklistItem,
  Disaggregation,
  EntryPoint,
  IndicatorDef,
  IndicatorSource,
  LegendDefault,
  Unit,
  Direction,
} from './types'

// ---------------------------------------------------------------------------------------------
// Rule helpers
// ---------------------------------------------------------------------------------------------

const l = (en: string, fr: string): Label => ({ en, fr })
const ev = (stage: string, ...where: Condition[]): EventRule => ({ kind: 'events', stage, where })
const yes = (de: string): Condition => ({ de, op: 'eq', value: 'true' })
const eq = (de: string, value: string): Condition => ({ de, op: 'eq', value })
const oneOf = (de: string, values: string[]): Condition => ({ de, op: 'in', values })
const lt = (de: string, value: number): Condition => ({ de, op: 'lt', value })
const num = (de: string, value: number): Condition => ({ de, op: 'eqNum', value })
const has = (de: string): Condition => ({ de, op: 'hasValue' })
const age = (min?: number, max?: number): Condition => ({ ageDays: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } })

/** Whole days: 0–5 completed months = age < 183 days (6 months = 182.6 days). */
export const SIX_MONTHS_DAYS = 183
/** 12 months = 365.25 days: 6–11 completed months = 183 ≤ age < 365. */
export const TWELVE_MONTHS_DAYS = 365
/** Low birth weight threshold (grams): < 2500 g. */
export const LBW_GRAMS = 2500
/** First ANC contact "early": before 12 completed weeks (WHO ANC DAK ANC.IND.1). */
export const EARLY_ANC_WEEKS = 12

/**
 * Methods counted as postpartum family planning before discharge (ME/D4I: initiated IUD, implant,
 * tubal ligation, LAM, or left with POP, condoms; injectables are used in national protocols).
 * Excluded: vasectomy (partner's procedure), Standard Days Method (needs regular cycles),
 * emergency contraception (not an ongoing method).
 */
export const PPFP_METHODS: string[] = [
  FP_METHOD.IUD_POSTPLACENTAL,
  FP_METHOD.IUD_POSTCAESAREAN,
  FP_METHOD.IUD_CU,
  FP_METHOD.IUD_LNG,
  FP_METHOD.IMPLANT_3Y,
  FP_METHOD.IMPLANT_5Y,
  FP_METHOD.IMPLANT_LEVOPLANT,
  FP_METHOD.TUBAL_LIGATION,
  FP_METHOD.LAM,
  FP_METHOD.POP,
  FP_METHOD.COC,
  FP_METHOD.INJ_DMPA_IM,
  FP_METHOD.INJ_DMPA_SC,
  FP_METHOD.INJ_NETEN,
  FP_METHOD.INJ_CYCLOFEM,
  FP_METHOD.CONDOM_MALE,
  FP_METHOD.CONDOM_FEMALE,
]

// Shared rule fragments
const FACILITY = eq(DE.DEL_PLACE, 'FACILITY')
const VAGINAL = oneOf(DE.DEL_MODE, ['NORMAL', 'ASSISTED'])
const ANC_ALL = ev(STAGE.ANC)
const ANC1 = ev(STAGE.ANC, num(DE.ANC_CONTACT_NO, 1))
const FACILITY_DELIVERIES = ev(STAGE.DELIVERY, FACILITY)
const BIRTHS = ev(STAGE.BIRTH)
const PNC_ALL = ev(STAGE.PNC)
const INFANT_VISITS = ev(STAGE.INFANT_VISIT)

// ---------------------------------------------------------------------------------------------
// Legend helpers (DHIS2 legend bands: start inclusive, end exclusive)
// ---------------------------------------------------------------------------------------------

const PCT_MAX = 1000
/** Higher is better: red below `red`, yellow up to `green`, green from `green`. */
const higher = (red: number, green: number, max = PCT_MAX): LegendDefault => ({
  bands: [
    { color: 'red', start: 0, end: red },
    { color: 'yellow', start: red, end: green },
    { color: 'green', start: green, end: max },
  ],
})
/** Lower is better: green below `green`, yellow up to `red`, red from `red`. */
const lower = (green: number, red: number, max = PCT_MAX): LegendDefault => ({
  bands: [
    { color: 'green', start: 0, end: green },
    { color: 'yellow', start: green, end: red },
    { color: 'red', start: red, end: max },
  ],
})

// ---------------------------------------------------------------------------------------------
// Definition helpers
// ---------------------------------------------------------------------------------------------

interface TrackerSpec {
  code: string
  name: Label
  shortName: Label
  description: Label
  entryPoint: EntryPoint
  numeratorText: Label
  denominatorText?: Label
  numerator: EventRule
  denominator?: EventRule
  unit: Unit
  direction: Direction
  disaggregations?: Disaggregation[]
  legend?: LegendDefault
  source: IndicatorSource
  deviation?: Label
  checklist?: ChecklistItem[]
}

const piCode = (code: string, side: 'NUM' | 'DEN'): string => `DYAD_PI_${code}_${side}`
const inCode = (code: string): string => `DYAD_IN_${code}`

function tracker(s: TrackerSpec): IndicatorDef {
  return {
    code: s.code,
    name: s.name,
    shortName: s.shortName,
    description: s.description,
    entryPoint: s.entryPoint,
    kind: 'tracker',
    numeratorText: s.numeratorText,
    ...(s.denominatorText ? { denominatorText: s.denominatorText } : {}),
    numerator: s.numerator,
    ...(s.denominator ? { denominator: s.denominator } : {}),
    unit: s.unit,
    factor: s.unit === 'percent' ? 100 : 1,
    direction: s.direction,
    disaggregations: ['orgUnit', ...(s.disaggregations ?? [])],
    ...(s.legend ? { legend: s.legend } : {}),
    programIndicators: {
      numerator: piCode(s.code, 'NUM'),
      ...(s.denominator ? { denominator: piCode(s.code, 'DEN') } : {}),
    },
    indicatorCode: inCode(s.code),
    source: s.source,
    ...(s.deviation ? { deviation: s.deviation } : {}),
    ...(s.checklist ? { checklist: s.checklist } : {}),
  }
}

const proposed = (en: string, fr: string, reference = 'Dyad proposal'): IndicatorSource => ({
  type: 'proposed',
  reference,
  reasoning: l(en, fr),
})
const dhis2 = (reference: string): IndicatorSource => ({ type: 'dhis2', reference })
const who = (reference: string): IndicatorSource => ({ type: 'who', reference })

const NO_POPULATION = l(
  'Reference is a coverage over a population estimate, which the package does not hold: Dyad reports the count of events; a country can divide it by its own population data element in DHIS2.',
  'La référence est une couverture rapportée à une population estimée, absente du paquet : Dyade rapporte le nombre d’événements ; un pays peut le diviser par sa propre donnée de population dans DHIS2.',
)

// ---------------------------------------------------------------------------------------------
// Integrated-package checklists (seed 000: services at each entry point)
// ---------------------------------------------------------------------------------------------

export const CHECKLIST_ANC: ChecklistItem[] = [
  { service: l('FP counselling', 'Counseling PF'), dataElement: DE.FP_COUNSELLED },
  { service: l('Maternal nutrition', 'Nutrition mère'), dataElement: DE.MATERNAL_NUTRITION_COUNSELLED },
  { service: l('Antenatal care (iron–folic acid)', 'Soins prénatals (fer–acide folique)'), dataElement: DE.ANC_IFA_GIVEN },
  { service: l('PMTCT (HIV test offered)', 'PTME (test VIH proposé)'), dataElement: DE.HIV_TEST_OFFERED },
  {
    service: l('Post-abortion care', 'SAA'),
    dataElement: null,
    excludedBecause: l('Only for women with abortion complications, not a service due at every ANC contact (see PAC_FP).', 'Seulement pour les femmes avec complications d’avortement, pas un service dû à chaque CPN (voir PAC_FP).'),
  },
]

export const CHECKLIST_DELIVERY: ChecklistItem[] = [
  { service: l('Postpartum FP (counselling)', 'PF post-partum (counseling)'), dataElement: DE.FP_COUNSELLED },
  { service: l('Assisted delivery / partograph', 'Accouchement assisté / partogramme'), dataElement: DE.DEL_PARTOGRAPH },
  { service: l('AMTSL (uterotonic within 1 minute)', 'GATPA (utérotonique dans la minute)'), dataElement: DE.DEL_UTEROTONIC_1MIN },
  { service: l('Maternal nutrition / vitamin A', 'Nutrition de la mère / vitamine A'), dataElement: DE.MATERNAL_NUTRITION_COUNSELLED },
  { service: l('PMTCT (HIV status known)', 'PTME (statut VIH connu)'), dataElement: DE.HIV_RESULT },
  {
    service: l('Essential newborn care, early breastfeeding', 'SENN, mise au sein précoce'),
    dataElement: null,
    excludedBecause: l('Recorded on the infant’s Birth event, not the mother’s Delivery event: measured by ENC and EIBF.', 'Saisis sur l’événement Naissance du nourrisson, pas sur l’Accouchement : mesurés par SENN et EIBF.'),
  },
  {
    service: l('Asphyxia and neonatal infection management', 'Prise en charge asphyxie et infections néonatales'),
    dataElement: null,
    excludedBecause: l('Only when needed; measured by NN_RESUS and NN_INF.', 'Seulement si nécessaire ; mesurés par NN_RESUS et NN_INF.'),
  },
  {
    service: l('Exclusive breastfeeding', 'Allaitement maternel exclusif'),
    dataElement: null,
    excludedBecause: l('Assessed at postnatal and infant contacts (EBF).', 'Évalué aux CPoN et visites du nourrisson (AME).'),
  },
]

export const CHECKLIST_PNC: ChecklistItem[] = [
  { service: l('Postpartum FP (counselling)', 'PF post-partum (counseling)'), dataElement: DE.FP_COUNSELLED },
  { service: l('Maternal nutrition', 'Nutrition mère'), dataElement: DE.MATERNAL_NUTRITION_COUNSELLED },
  { service: l('Exclusive breastfeeding (counselling)', 'Allaitement exclusif (conseils)'), dataElement: DE.PNC_BF_COUNSELLED },
  { service: l('Education / hygiene', 'Éducation / hygiène'), dataElement: DE.HYGIENE_EDUCATION },
  { service: l('Newborn examined', 'Nouveau-né examiné'), dataElement: DE.PNC_NEWBORN_SEEN },
  { service: l('PMTCT (HIV status known)', 'PTME (statut VIH connu)'), dataElement: DE.HIV_RESULT },
  {
    service: l('Vaccination, kangaroo care', 'Vaccination, kangourou'),
    dataElement: null,
    excludedBecause: l('Recorded in the Infant program (PENTA3, KMC), not on the postnatal contact.', 'Saisis dans le programme Nourrisson (PENTA3, SMK), pas sur la CPoN.'),
  },
]

export const CHECKLIST_INFANT: ChecklistItem[] = [
  { service: l('Mother’s FP', 'PF de la mère'), dataElement: DE.FP_COUNSELLED },
  { service: l('Mother’s nutrition', 'Nutrition de la mère'), dataElement: DE.MATERNAL_NUTRITION_COUNSELLED },
  { service: l('Well-baby consultation', 'Consultation NRS sain'), dataElement: DE.INF_WELL_BABY },
  { service: l('Feeding assessed (exclusive breastfeeding to 6 months)', 'Alimentation évaluée (AME jusqu’à 6 mois)'), dataElement: DE.INF_FEEDING },
  { service: l('Education / hygiene', 'Éducation / hygiène'), dataElement: DE.HYGIENE_EDUCATION },
  {
    service: l('Vaccination, vitamin A at 6 months', 'Vaccination, vitamine A à 6 mois'),
    dataElement: null,
    excludedBecause: l('Due only at given ages, not at every visit: measured by PENTA3, MCV1 and VITA_6M.', 'Dus seulement à certains âges : mesurés par PENTA3, RR1 et VITA_6M.'),
  },
  {
    service: l('PMTCT (infant HIV test)', 'PTME (test VIH du nourrisson)'),
    dataElement: null,
    excludedBecause: l('Only for HIV-exposed infants.', 'Seulement pour les nourrissons exposés au VIH.'),
  },
]

/** The PKG_FULL numerator conditions: every measured checklist item is recorded as done. */
function packageConditions(items: ChecklistItem[]): Condition[] {
  const out: Condition[] = []
  for (const item of items) {
    if (item.dataElement === null) continue
    // HIV status and feeding are option sets: "known/assessed" = has a value.
    if (item.dataElement === DE.HIV_RESULT || item.dataElement === DE.INF_FEEDING) out.push(has(item.dataElement))
    else out.push(yes(item.dataElement))
  }
  return out
}

const PKG_SOURCE = proposed(
  'No standard exists for a full integrated package; the checklist is the seed’s list of INSPiRE services at the entry point, restricted to those due at every contact and recorded on the same event.',
  'Aucun standard n’existe pour le paquet intégré complet ; la liste est celle des services INSPiRE au point d’entrée, limitée à ceux dus à chaque contact et saisis sur le même événement.',
  'INSPiRE integration model (seed 000), entry-point service packages',
)

// ---------------------------------------------------------------------------------------------
// The catalog
// ---------------------------------------------------------------------------------------------

export const CATALOG: IndicatorDef[] = [
  // ---------------------------------------------------------------- prenatal (CPN)
  tracker({
    code: 'ANC_VISITS',
    name: l('ANC contacts (all)', 'Contacts CPN (toutes)'),
    shortName: l('ANC contacts', 'Contacts CPN'),
    description: l('All antenatal care contacts recorded in the period.', 'Toutes les consultations prénatales enregistrées sur la période.'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts (any contact number) with an event date in the period', 'CPN (tout rang) dont la date est dans la période'),
    numerator: ANC_ALL,
    unit: 'count',
    direction: 'higher',
    disaggregations: ['ancContactNumber', 'motherAge'],
    source: dhis2('DHIS2 RMNCAH dataset, ANC section (ANC visits)'),
  }),
  tracker({
    code: 'ANC1',
    name: l('ANC 1st contact', 'CPN1 (première consultation prénatale)'),
    shortName: l('ANC1', 'CPN1'),
    description: l('First antenatal contacts of a pregnancy recorded in the period.', 'Premières consultations prénatales d’une grossesse enregistrées sur la période.'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts numbered 1', 'CPN de rang 1'),
    numerator: ANC1,
    unit: 'count',
    direction: 'higher',
    disaggregations: ['motherAge'],
    source: dhis2('DHIS2 RMNCAH RMNCAH_ANC1'),
    deviation: NO_POPULATION,
  }),
  tracker({
    code: 'ANC1_12W',
    name: l('ANC1 before 12 weeks (%)', 'CPN1 avant 12 semaines (%)'),
    shortName: l('ANC1 < 12 weeks (%)', 'CPN1 < 12 SA (%)'),
    description: l('Share of first ANC contacts made before 12 weeks of pregnancy.', 'Part des CPN1 faites avant 12 semaines d’aménorrhée.'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC1 contacts with gestational age < 12 weeks', 'CPN1 avec âge gestationnel < 12 semaines'),
    denominatorText: l('ANC1 contacts', 'CPN1'),
    numerator: ev(STAGE.ANC, num(DE.ANC_CONTACT_NO, 1), lt(DE.ANC_GEST_AGE_WEEKS, EARLY_ANC_WEEKS)),
    denominator: ANC1,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['motherAge'],
    legend: higher(30, 50),
    source: who('DHIS2 RMNCAH RMNCAH_ANC1_12W; WHO ANC DAK ANC.IND.1'),
    deviation: l(
      'ANC1 contacts without a gestational age are in the denominator and not in the numerator (as in DHIS2 analytics).',
      'Les CPN1 sans âge gestationnel sont au dénominateur et pas au numérateur (comme dans DHIS2).',
    ),
  }),
  tracker({
    code: 'ANC4',
    name: l('ANC 4th contact', 'CPN4 (quatrième consultation prénatale)'),
    shortName: l('ANC4', 'CPN4'),
    description: l('Fourth antenatal contacts recorded in the period.', 'Quatrièmes consultations prénatales enregistrées sur la période.'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts numbered 4', 'CPN de rang 4'),
    numerator: ev(STAGE.ANC, num(DE.ANC_CONTACT_NO, 4)),
    unit: 'count',
    direction: 'higher',
    disaggregations: ['motherAge'],
    source: dhis2('DHIS2 RMNCAH RMNCAH_ANC4_COV'),
    deviation: NO_POPULATION,
  }),
  tracker({
    code: 'ANC8',
    name: l('ANC 8th contact', 'CPN8 (huitième contact prénatal)'),
    shortName: l('ANC8', 'CPN8'),
    description: l('Eighth antenatal contacts (WHO 2016 model) recorded in the period.', 'Huitièmes contacts prénatals (modèle OMS 2016) enregistrés sur la période.'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts numbered 8', 'CPN de rang 8'),
    numerator: ev(STAGE.ANC, num(DE.ANC_CONTACT_NO, 8)),
    unit: 'count',
    direction: 'higher',
    disaggregations: ['motherAge'],
    source: dhis2('DHIS2 RMNCAH RMNCAH_ANC8_COV; WHO ANC DAK ANC.IND.5'),
    deviation: NO_POPULATION,
  }),
  tracker({
    code: 'ANC_FPC',
    name: l('ANC clients counselled on FP at the same visit (%)', 'Clientes CPN ayant reçu un counseling PF lors de la même visite (%)'),
    shortName: l('FP counselling at ANC (%)', 'Counseling PF en CPN (%)'),
    description: l('Share of ANC contacts at which family planning counselling was given (INSPiRE: FP at the same visit).', 'Part des CPN au cours desquelles un counseling PF a été donné (INSPiRE : PF lors de la même visite).'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts with FP counselling recorded at that contact', 'CPN avec counseling PF enregistré lors de ce contact'),
    denominatorText: l('ANC contacts', 'CPN'),
    numerator: ev(STAGE.ANC, yes(DE.FP_COUNSELLED)),
    denominator: ANC_ALL,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['motherAge', 'ancContactNumber'],
    legend: higher(50, 80),
    source: proposed(
      'No standard indicator; modelled on ME/D4I “counselled on FP prior to discharge”, measured per contact as INSPiRE reports it (Burkina Faso, June–December 2019).',
      'Pas d’indicateur standard ; construit sur le modèle ME/D4I « conseillées en PF avant la sortie », mesuré par contact comme INSPiRE le rapporte (Burkina Faso, juin–décembre 2019).',
      'INSPiRE (seed 000); ME/D4I PPFP counselling',
    ),
    deviation: l('Per contact, not per client: a woman counselled at three contacts counts three times in both terms.', 'Par contact et non par cliente : une femme conseillée à trois CPN compte trois fois dans les deux termes.'),
  }),
  tracker({
    code: 'PMTCT_TEST',
    name: l('ANC clients tested for HIV (%)', 'Femmes en CPN testées pour le VIH (%)'),
    shortName: l('HIV tested at ANC (%)', 'Testées VIH en CPN (%)'),
    description: l('HIV tests done at ANC contacts relative to first ANC contacts (PMTCT).', 'Tests VIH réalisés en CPN rapportés aux CPN1 (PTME).'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts with an HIV test done', 'CPN avec test VIH réalisé'),
    denominatorText: l('ANC1 contacts', 'CPN1'),
    numerator: ev(STAGE.ANC, yes(DE.HIV_TEST_DONE)),
    denominator: ANC1,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['hivResult', 'motherAge'],
    legend: higher(70, 90),
    source: who('DHIS2 RMNCAH RMNCAH_PMTCT_TEST_COV; WHO ANC DAK ANC.IND.12'),
    deviation: l(
      'Counts tests (contacts), as the aggregate report does; a woman tested twice counts twice, so the value can exceed 100 %. Known-positive women are not added to the numerator.',
      'Compte les tests (contacts), comme le rapport agrégé ; une femme testée deux fois compte deux fois, la valeur peut dépasser 100 %. Les femmes déjà connues positives ne sont pas ajoutées.',
    ),
  }),
  tracker({
    code: 'PAC_FP',
    name: l('Post-abortion care clients who accepted an FP method (%)', 'Clientes SAA ayant adopté une méthode PF (%)'),
    shortName: l('Post-abortion FP (%)', 'PF post-abortum (%)'),
    description: l('Share of post-abortion care contacts where a contraceptive method was started.', 'Part des soins après avortement avec une méthode contraceptive adoptée.'),
    entryPoint: 'prenatal',
    numeratorText: l('Contacts with post-abortion care and a post-abortion FP method recorded', 'Contacts avec SAA et méthode PF post-abortum enregistrée'),
    denominatorText: l('Contacts with post-abortion care', 'Contacts avec SAA'),
    numerator: ev(STAGE.ANC, yes(DE.ANC_PAC), has(DE.ANC_PAC_FP_METHOD)),
    denominator: ev(STAGE.ANC, yes(DE.ANC_PAC)),
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['fpMethod'],
    legend: higher(40, 70),
    source: proposed(
      'SAA is part of the INSPiRE prenatal package; post-abortion FP uptake is the usual PAC-FP measure (FP2030 / USAID PAC model).',
      'Les SAA font partie du paquet prénatal INSPiRE ; l’adoption PF post-abortum est la mesure habituelle (modèle SAA FP2030 / USAID).',
      'INSPiRE (seed 000) prenatal package: SAA',
    ),
  }),
  tracker({
    code: 'PKG_FULL_ANC',
    name: l('ANC contacts with the full integrated package (%)', 'CPN avec le paquet intégré complet (%)'),
    shortName: l('Full package at ANC (%)', 'Paquet complet en CPN (%)'),
    description: l('Share of ANC contacts where every service of the prenatal checklist was recorded as given.', 'Part des CPN où chaque service de la liste prénatale a été enregistré comme donné.'),
    entryPoint: 'prenatal',
    numeratorText: l('ANC contacts with FP counselling, nutrition counselling, iron–folic acid and HIV test offered', 'CPN avec counseling PF, conseils nutritionnels, fer–acide folique et test VIH proposé'),
    denominatorText: l('ANC contacts', 'CPN'),
    numerator: ev(STAGE.ANC, ...packageConditions(CHECKLIST_ANC)),
    denominator: ANC_ALL,
    unit: 'percent',
    direction: 'higher',
    legend: higher(40, 70),
    source: PKG_SOURCE,
    checklist: CHECKLIST_ANC,
  }),
  {
    code: 'ANC_YOY',
    name: l('ANC contacts: change vs same period last year (%)', 'Évolution des CPN vs même période N-1 (%)'),
    shortName: l('ANC change vs last year (%)', 'Évolution CPN vs N-1 (%)'),
    description: l('Relative change of all ANC contacts compared with the same period of the previous year.', 'Variation relative de toutes les CPN par rapport à la même période de l’année précédente.'),
    entryPoint: 'prenatal',
    kind: 'derived',
    numeratorText: l('ANC contacts (period) − ANC contacts (same period last year)', 'CPN (période) − CPN (même période N-1)'),
    denominatorText: l('ANC contacts (same period last year)', 'CPN (même période N-1)'),
    unit: 'percent',
    factor: 100,
    direction: 'higher',
    disaggregations: ['orgUnit'],
    derived: { from: 'ANC_VISITS', side: 'numerator', comparison: 'samePeriodLastYear' },
    source: proposed(
      'INSPiRE reports +41 % ANC visits vs the same period of the year before; DHIS2 analytics returns both periods in one request.',
      'INSPiRE rapporte +41 % de CPN par rapport à la même période de l’année précédente ; DHIS2 renvoie les deux périodes en une requête.',
      'INSPiRE (seed 000); DHIS2 same period last year',
    ),
  },

  // ---------------------------------------------------------------- delivery (accouchement)
  tracker({
    code: 'INST_DELIV',
    name: l('Facility deliveries (%)', 'Taux d’accouchement institutionnel (%)'),
    shortName: l('Facility deliveries (%)', 'Accouchements en FS (%)'),
    description: l('Deliveries in the recording health facility among all deliveries recorded.', 'Accouchements dans la formation sanitaire parmi tous les accouchements enregistrés.'),
    entryPoint: 'delivery',
    numeratorText: l('Delivery events with place of delivery = this health facility', 'Accouchements avec lieu = cette formation sanitaire'),
    denominatorText: l('Delivery events (any place, including home and unknown)', 'Accouchements enregistrés (tout lieu, y compris domicile et inconnu)'),
    numerator: FACILITY_DELIVERIES,
    denominator: ev(STAGE.DELIVERY),
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['deliveryMode', 'motherAge'],
    legend: higher(60, 80),
    source: dhis2('DHIS2 RMNCAH RMNCAH_INST_DELIV (modes RMNCAH_ND, RMNCAH_AD, RMNCAH_CS)'),
    deviation: l(
      'Reference denominator is estimated live births (population data, not in the package): Dyad divides by deliveries recorded in the Mother program. The numerator (a count) is the cascade step.',
      'Le dénominateur de référence est le nombre estimé de naissances vivantes (hors paquet) : Dyade divise par les accouchements enregistrés. Le numérateur (un nombre) est l’étape de la cascade.',
    ),
  }),
  tracker({
    code: 'UPPH',
    name: l('Uterotonic immediately after birth (%)', 'Prévention de l’HPP par un utérotonique (%)'),
    shortName: l('Uterotonic < 1 min (%)', 'Utérotonique < 1 min (%)'),
    description: l('Facility deliveries where a prophylactic uterotonic was given within one minute of birth.', 'Accouchements en FS avec un utérotonique donné dans la minute suivant la naissance.'),
    entryPoint: 'delivery',
    numeratorText: l('Facility deliveries with uterotonic within 1 minute', 'Accouchements en FS avec utérotonique dans la minute'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.DELIVERY, FACILITY, yes(DE.DEL_UTEROTONIC_1MIN)),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['deliveryMode'],
    legend: higher(80, 95),
    source: dhis2('DHIS2 RMNCAH RMNCAH_UPPH'),
  }),
  tracker({
    code: 'AMTSL',
    name: l('Full active management of the third stage of labour (%)', 'GATPA complète (%)'),
    shortName: l('Full AMTSL (%)', 'GATPA complète (%)'),
    description: l('Vaginal facility deliveries with uterotonic, controlled cord traction and uterine massage.', 'Accouchements par voie basse en FS avec utérotonique, traction contrôlée du cordon et massage utérin.'),
    entryPoint: 'delivery',
    numeratorText: l('Vaginal facility deliveries with full AMTSL', 'Accouchements voie basse en FS avec GATPA complète'),
    denominatorText: l('Vaginal facility deliveries (normal or assisted)', 'Accouchements voie basse en FS (eutocique ou assisté)'),
    numerator: ev(STAGE.DELIVERY, FACILITY, VAGINAL, yes(DE.DEL_AMTSL_FULL)),
    denominator: ev(STAGE.DELIVERY, FACILITY, VAGINAL),
    unit: 'percent',
    direction: 'higher',
    legend: higher(70, 90),
    source: proposed(
      'Components from the AMTSL literature (Sultana 2018 review); no package indicator. Caesareans are excluded because AMTSL applies to vaginal births.',
      'Composantes tirées de la littérature GATPA (revue Sultana 2018) ; pas d’indicateur de paquet. Les césariennes sont exclues : la GATPA concerne la voie basse.',
      'AMTSL components (Sultana 2018)',
    ),
    deviation: l('Deliveries without a recorded mode are excluded from both terms.', 'Les accouchements sans mode enregistré sont exclus des deux termes.'),
  }),
  tracker({
    code: 'PP_FPC',
    name: l('Postpartum FP counselling before discharge (%)', 'Conseils PF post-partum avant la sortie (%)'),
    shortName: l('PPFP counselling (%)', 'Counseling PFPP (%)'),
    description: l('Women delivering in the facility counselled on family planning before discharge.', 'Femmes ayant accouché en FS conseillées en PF avant la sortie.'),
    entryPoint: 'delivery',
    numeratorText: l('Facility deliveries with FP counselling recorded', 'Accouchements en FS avec counseling PF enregistré'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.DELIVERY, FACILITY, yes(DE.FP_COUNSELLED)),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['motherAge'],
    legend: higher(60, 85),
    source: dhis2('DHIS2 RMNCAH RMNCAH_PP_FP_COUNS; ME/D4I'),
  }),
  tracker({
    code: 'PPFP_IMM',
    name: l('Immediate postpartum FP: method before discharge (%)', 'Acceptantes PF post-partum immédiat (%)'),
    shortName: l('Immediate PPFP (%)', 'PFPP immédiat (%)'),
    description: l('Women delivering in the facility who started or left with a modern method before discharge.', 'Femmes ayant accouché en FS qui ont commencé ou reçu une méthode moderne avant la sortie.'),
    entryPoint: 'delivery',
    numeratorText: l('Facility deliveries with a postpartum method recorded (IUD, implant, tubal ligation, LAM, pills, injectables, condoms)', 'Accouchements en FS avec méthode post-partum enregistrée (DIU, implant, ligature, MAMA, pilules, injectables, préservatifs)'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.DELIVERY, FACILITY, oneOf(DE.FP_METHOD, PPFP_METHODS)),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['fpMethod', 'motherAge'],
    legend: higher(10, 25),
    source: dhis2('ME/D4I PPFP before discharge; DHIS2 RMNCAH RMNCAH_FPPP and RMNCAH_FPPP_*'),
    deviation: l(
      'Before discharge = recorded on the Delivery event; the HIP “within 48 h” window is not checked separately. Vasectomy, Standard Days Method and emergency pills do not count.',
      'Avant la sortie = enregistré sur l’événement Accouchement ; la fenêtre « 48 h » n’est pas vérifiée à part. Vasectomie, MJF et contraception d’urgence ne comptent pas.',
    ),
  }),
  {
    code: 'PPFP_YOY',
    name: l('Immediate PPFP: change vs same period last year (%)', 'Évolution de la PFPP immédiate vs même période N-1 (%)'),
    shortName: l('PPFP change vs last year (%)', 'Évolution PFPP vs N-1 (%)'),
    description: l('Relative change of women who left the facility with a method, compared with the same period of the previous year.', 'Variation relative des acceptantes PFPP immédiat par rapport à la même période de l’année précédente.'),
    entryPoint: 'delivery',
    kind: 'derived',
    numeratorText: l('Immediate PPFP acceptors (period) − same period last year', 'Acceptantes PFPP immédiat (période) − même période N-1'),
    denominatorText: l('Immediate PPFP acceptors (same period last year)', 'Acceptantes PFPP immédiat (même période N-1)'),
    unit: 'percent',
    factor: 100,
    direction: 'higher',
    disaggregations: ['orgUnit', 'fpMethod'],
    derived: { from: 'PPFP_IMM', side: 'numerator', comparison: 'samePeriodLastYear' },
    source: proposed(
      'INSPiRE reports immediate PPFP +404 % (Niger) and +37 % (Burkina Faso) in 2019 vs 2018.',
      'INSPiRE rapporte une PFPP immédiate de +404 % (Niger) et +37 % (Burkina Faso) en 2019 vs 2018.',
      'INSPiRE (seed 000)',
    ),
  },
  tracker({
    code: 'ENC',
    name: l('Newborns who received essential newborn care (%)', 'Nouveau-nés ayant reçu les SENN (%)'),
    shortName: l('Essential newborn care (%)', 'SENN (%)'),
    description: l('Births recorded with essential newborn care given.', 'Naissances enregistrées avec soins essentiels du nouveau-né donnés.'),
    entryPoint: 'delivery',
    numeratorText: l('Birth events with essential newborn care', 'Naissances avec SENN'),
    denominatorText: l('Birth events (live births registered)', 'Naissances (naissances vivantes enregistrées)'),
    numerator: ev(STAGE.BIRTH, yes(DE.BIRTH_ENC)),
    denominator: BIRTHS,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['infantSex'],
    legend: higher(80, 95),
    source: proposed('SENN is an item of the INSPiRE delivery package (seed 000).', 'Les SENN sont un élément du paquet accouchement INSPiRE (seed 000).', 'INSPiRE (seed 000) delivery package: SENN'),
  }),
  tracker({
    code: 'EIBF',
    name: l('Early initiation of breastfeeding (within 1 hour) (%)', 'Mise au sein précoce (dans l’heure) (%)'),
    shortName: l('Breastfed within 1 h (%)', 'Mise au sein < 1 h (%)'),
    description: l('Live births registered that were put to the breast within one hour of birth.', 'Naissances vivantes enregistrées mises au sein dans l’heure.'),
    entryPoint: 'delivery',
    numeratorText: l('Birth events with breastfeeding within 1 hour', 'Naissances avec mise au sein dans l’heure'),
    denominatorText: l('Birth events', 'Naissances'),
    numerator: ev(STAGE.BIRTH, yes(DE.BIRTH_BF_1H)),
    denominator: BIRTHS,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['infantSex'],
    legend: higher(50, 75),
    source: who('UNICEF/WHO 2021 infant and young child feeding indicators (EIBF), facility adaptation'),
    deviation: l('Reference is a survey indicator (children born in the last 24 months); Dyad uses births registered in the Infant program.', 'La référence est un indicateur d’enquête (enfants nés dans les 24 derniers mois) ; Dyade utilise les naissances enregistrées.'),
  }),
  tracker({
    code: 'LBW',
    name: l('Low birth weight (< 2500 g) (%)', 'Faible poids de naissance (< 2500 g) (%)'),
    shortName: l('Low birth weight (%)', 'Faible poids de naissance (%)'),
    description: l('Live births weighing less than 2500 g among those weighed.', 'Naissances vivantes de moins de 2500 g parmi celles pesées.'),
    entryPoint: 'delivery',
    numeratorText: l('Birth events with birth weight < 2500 g', 'Naissances avec poids < 2500 g'),
    denominatorText: l('Birth events with a birth weight recorded', 'Naissances avec poids enregistré'),
    numerator: ev(STAGE.BIRTH, lt(DE.BIRTH_WEIGHT_G, LBW_GRAMS)),
    denominator: ev(STAGE.BIRTH, has(DE.BIRTH_WEIGHT_G)),
    unit: 'percent',
    direction: 'lower',
    disaggregations: ['infantSex'],
    legend: lower(10, 15),
    source: who('WHO low birth weight (< 2500 g); DHIS2 RMNCAH RMNCAH_NBDBW for weighed births'),
  }),
  tracker({
    code: 'NN_RESUS',
    name: l('Newborns resuscitated with bag and mask (%)', 'Nouveau-nés réanimés au ballon et masque (%)'),
    shortName: l('Newborns resuscitated (%)', 'Nouveau-nés réanimés (%)'),
    description: l('Live births registered that were resuscitated for asphyxia.', 'Naissances vivantes enregistrées réanimées pour asphyxie.'),
    entryPoint: 'delivery',
    numeratorText: l('Birth events with resuscitation (bag and mask)', 'Naissances avec réanimation (ballon et masque)'),
    denominatorText: l('Birth events', 'Naissances'),
    numerator: ev(STAGE.BIRTH, yes(DE.BIRTH_RESUSCITATED)),
    denominator: BIRTHS,
    unit: 'percent',
    direction: 'none',
    disaggregations: ['infantSex'],
    source: dhis2('DHIS2 RMNCAH RMNCAH_NN_RESUS_BM'),
  }),
  tracker({
    code: 'NN_INF',
    name: l('Newborns treated for neonatal infection (%)', 'Nouveau-nés traités pour infection néonatale (%)'),
    shortName: l('Neonatal infection treated (%)', 'Infection néonatale traitée (%)'),
    description: l('Live births registered that were treated for a neonatal infection.', 'Naissances vivantes enregistrées traitées pour une infection néonatale.'),
    entryPoint: 'delivery',
    numeratorText: l('Birth events with neonatal infection treated', 'Naissances avec infection néonatale traitée'),
    denominatorText: l('Birth events', 'Naissances'),
    numerator: ev(STAGE.BIRTH, yes(DE.BIRTH_INFECTION_TREATED)),
    denominator: BIRTHS,
    unit: 'percent',
    direction: 'none',
    disaggregations: ['infantSex'],
    source: dhis2('DHIS2 RMNCAH RMNCAH_NN_TRT_INFECTN'),
  }),
  tracker({
    code: 'PKG_FULL_DEL',
    name: l('Deliveries with the full integrated package (%)', 'Accouchements avec le paquet intégré complet (%)'),
    shortName: l('Full package at delivery (%)', 'Paquet complet à l’accouchement (%)'),
    description: l('Facility deliveries where every service of the delivery checklist was recorded.', 'Accouchements en FS où chaque service de la liste accouchement a été enregistré.'),
    entryPoint: 'delivery',
    numeratorText: l('Facility deliveries with FP counselling, partograph, uterotonic < 1 min, nutrition counselling and HIV status known', 'Accouchements en FS avec counseling PF, partogramme, utérotonique < 1 min, conseils nutritionnels et statut VIH connu'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.DELIVERY, FACILITY, ...packageConditions(CHECKLIST_DELIVERY)),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    legend: higher(40, 70),
    source: PKG_SOURCE,
    checklist: CHECKLIST_DELIVERY,
  }),

  // ---------------------------------------------------------------- postnatal (CPoN)
  tracker({
    code: 'PNC48_M',
    name: l('Postnatal care for the mother within 48 hours (%)', 'Soins postnatals de la mère dans les 48 heures (%)'),
    shortName: l('PNC mother 48 h (%)', 'CPoN mère 48 h (%)'),
    description: l('Postnatal contacts within 48 hours relative to facility deliveries.', 'CPoN dans les 48 heures rapportées aux accouchements en FS.'),
    entryPoint: 'postnatal',
    numeratorText: l('Postnatal contacts with timing “within 48 hours”', 'CPoN au moment « dans les 48 heures »'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.PNC, eq(DE.PNC_TIMING, 'H48')),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    legend: higher(50, 80),
    source: dhis2('D4I / DHS PNC within 2 days; DHIS2 RMNCAH RMNCAH_PPMTV'),
    deviation: l(
      'Counts contacts, not women: a second 48-hour contact counts again. Numerator and denominator may fall in different periods for deliveries near the period edge.',
      'Compte des contacts, pas des femmes : un second contact dans les 48 h compte encore. Numérateur et dénominateur peuvent tomber dans des périodes différentes en bord de période.',
    ),
  }),
  tracker({
    code: 'PNC48_NB',
    name: l('Postnatal care for the newborn within 48 hours (%)', 'Soins postnatals du nouveau-né dans les 48 heures (%)'),
    shortName: l('PNC newborn 48 h (%)', 'CPoN nouveau-né 48 h (%)'),
    description: l('Postnatal contacts within 48 hours where the newborn was examined, relative to births registered.', 'CPoN dans les 48 h avec examen du nouveau-né, rapportées aux naissances enregistrées.'),
    entryPoint: 'postnatal',
    numeratorText: l('Postnatal contacts within 48 hours with the newborn examined', 'CPoN dans les 48 h avec nouveau-né examiné'),
    denominatorText: l('Birth events (live births registered)', 'Naissances vivantes enregistrées'),
    numerator: ev(STAGE.PNC, eq(DE.PNC_TIMING, 'H48'), yes(DE.PNC_NEWBORN_SEEN)),
    denominator: BIRTHS,
    unit: 'percent',
    direction: 'higher',
    legend: higher(50, 80),
    source: dhis2('D4I / DHS PNC within 2 days; DHIS2 RMNCAH RMNCAH_PPNBTV'),
    deviation: l(
      'The postnatal contact is recorded once per mother: twins examined at one contact count once in the numerator and twice in the denominator.',
      'La CPoN est enregistrée une fois par mère : des jumeaux examinés au même contact comptent une fois au numérateur et deux fois au dénominateur.',
    ),
  }),
  tracker({
    code: 'PNC_D6',
    name: l('Postnatal contact at day 6 (%)', 'CPoN J6 (%)'),
    shortName: l('PNC day 6 (%)', 'CPoN J6 (%)'),
    description: l('Postnatal contacts at day 6 (days 3–7) relative to facility deliveries.', 'CPoN au 6e jour (3e au 7e jour) rapportées aux accouchements en FS.'),
    entryPoint: 'postnatal',
    numeratorText: l('Postnatal contacts with timing “day 6”', 'CPoN au moment « J6 »'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.PNC, eq(DE.PNC_TIMING, 'D6')),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    legend: higher(40, 70),
    source: proposed('No standard; the INSPiRE postnatal package names J6 and J42 contacts. The window is the PNC timing option (days 3–7).', 'Pas de standard ; le paquet postnatal INSPiRE nomme les CPoN J6 et J42. La fenêtre est l’option de moment de CPoN (3e au 7e jour).', 'INSPiRE (seed 000) postnatal package: J6'),
  }),
  tracker({
    code: 'PNC_D42',
    name: l('Postnatal contact at day 42 (%)', 'CPoN J42 (%)'),
    shortName: l('PNC day 42 (%)', 'CPoN J42 (%)'),
    description: l('Postnatal contacts at day 42 (weeks 6–8) relative to facility deliveries.', 'CPoN au 42e jour (6e à 8e semaine) rapportées aux accouchements en FS.'),
    entryPoint: 'postnatal',
    numeratorText: l('Postnatal contacts with timing “day 42”', 'CPoN au moment « J42 »'),
    denominatorText: l('Facility deliveries', 'Accouchements en FS'),
    numerator: ev(STAGE.PNC, eq(DE.PNC_TIMING, 'D42')),
    denominator: FACILITY_DELIVERIES,
    unit: 'percent',
    direction: 'higher',
    legend: higher(30, 60),
    source: proposed('No standard; the INSPiRE postnatal package names J6 and J42 contacts. The window is the PNC timing option (weeks 6–8).', 'Pas de standard ; le paquet postnatal INSPiRE nomme les CPoN J6 et J42. La fenêtre est l’option de moment de CPoN (6e à 8e semaine).', 'INSPiRE (seed 000) postnatal package: J42'),
    deviation: l('The J42 contact happens about 6 weeks after the delivery it follows, usually in another month: compare over quarters or years.', 'La CPoN J42 a lieu environ 6 semaines après l’accouchement, souvent un autre mois : comparer par trimestre ou année.'),
  }),
  tracker({
    code: 'PNC_FPM',
    name: l('Postnatal contacts with an FP method started (%)', 'CPoN avec méthode PF adoptée (%)'),
    shortName: l('FP method at PNC (%)', 'Méthode PF en CPoN (%)'),
    description: l('Share of postnatal contacts where a postpartum method was started or given.', 'Part des CPoN où une méthode post-partum a été commencée ou remise.'),
    entryPoint: 'postnatal',
    numeratorText: l('Postnatal contacts with a postpartum FP method recorded', 'CPoN avec méthode PF post-partum enregistrée'),
    denominatorText: l('Postnatal contacts', 'CPoN'),
    numerator: ev(STAGE.PNC, oneOf(DE.FP_METHOD, PPFP_METHODS)),
    denominator: PNC_ALL,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['fpMethod'],
    legend: higher(10, 25),
    source: proposed('PPFP is the first item of the INSPiRE postnatal package; measured per contact like ANC_FPC.', 'La PFPP est le premier élément du paquet postnatal INSPiRE ; mesurée par contact comme ANC_FPC.', 'INSPiRE (seed 000) postnatal package: PF post-partum'),
  }),
  tracker({
    code: 'KMC',
    name: l('Low-birth-weight newborns on kangaroo mother care (%)', 'Nouveau-nés de faible poids en méthode mère kangourou (%)'),
    shortName: l('KMC for LBW newborns (%)', 'SMK des faibles poids (%)'),
    description: l('Low-birth-weight live births for whom kangaroo mother care was started at birth.', 'Naissances vivantes de faible poids pour lesquelles la méthode kangourou a commencé à la naissance.'),
    entryPoint: 'postnatal',
    numeratorText: l('Birth events with weight < 2500 g and KMC started', 'Naissances < 2500 g avec SMK commencés'),
    denominatorText: l('Birth events with weight < 2500 g', 'Naissances < 2500 g'),
    numerator: ev(STAGE.BIRTH, lt(DE.BIRTH_WEIGHT_G, LBW_GRAMS), yes(DE.KMC)),
    denominator: ev(STAGE.BIRTH, lt(DE.BIRTH_WEIGHT_G, LBW_GRAMS)),
    unit: 'percent',
    direction: 'higher',
    legend: higher(50, 80),
    source: proposed(
      'DHIS2 RMNCAH_NN_KMC divides by all facility live births; KMC is indicated for low-birth-weight newborns, so Dyad uses them as denominator.',
      'RMNCAH_NN_KMC divise par toutes les naissances vivantes ; la méthode kangourou est indiquée pour les faibles poids, Dyade les prend au dénominateur.',
      'DHIS2 RMNCAH RMNCAH_NN_KMC (modified denominator)',
    ),
    deviation: l('KMC started later, at an infant visit, is not counted.', 'La méthode kangourou commencée plus tard (visite du nourrisson) n’est pas comptée.'),
  }),
  tracker({
    code: 'PKG_FULL_PNC',
    name: l('Postnatal contacts with the full integrated package (%)', 'CPoN avec le paquet intégré complet (%)'),
    shortName: l('Full package at PNC (%)', 'Paquet complet en CPoN (%)'),
    description: l('Postnatal contacts where every service of the postnatal checklist was recorded.', 'CPoN où chaque service de la liste postnatale a été enregistré.'),
    entryPoint: 'postnatal',
    numeratorText: l('Postnatal contacts with FP counselling, nutrition, breastfeeding counselling, hygiene education, newborn examined and HIV status known', 'CPoN avec counseling PF, nutrition, conseils allaitement, éducation hygiène, nouveau-né examiné et statut VIH connu'),
    denominatorText: l('Postnatal contacts', 'CPoN'),
    numerator: ev(STAGE.PNC, ...packageConditions(CHECKLIST_PNC)),
    denominator: PNC_ALL,
    unit: 'percent',
    direction: 'higher',
    legend: higher(40, 70),
    source: PKG_SOURCE,
    checklist: CHECKLIST_PNC,
  }),

  // ---------------------------------------------------------------- infant (nourrisson)
  tracker({
    code: 'EBF',
    name: l('Exclusive breastfeeding under 6 months (%)', 'Allaitement maternel exclusif < 6 mois (%)'),
    shortName: l('Exclusive breastfeeding < 6 m (%)', 'AME < 6 mois (%)'),
    description: l('Visits of infants under 6 months exclusively breastfed in the last 24 hours, among visits with feeding recorded.', 'Visites de nourrissons de moins de 6 mois en AME (24 dernières heures), parmi les visites avec alimentation enregistrée.'),
    entryPoint: 'infant',
    numeratorText: l('Infant visits at age < 6 months with feeding = exclusive breastfeeding', 'Visites NRS < 6 mois avec alimentation = AME'),
    denominatorText: l('Infant visits at age < 6 months with feeding recorded', 'Visites NRS < 6 mois avec alimentation enregistrée'),
    numerator: ev(STAGE.INFANT_VISIT, age(0, SIX_MONTHS_DAYS), eq(DE.INF_FEEDING, 'EXCLUSIVE_BF')),
    denominator: ev(STAGE.INFANT_VISIT, age(0, SIX_MONTHS_DAYS), has(DE.INF_FEEDING)),
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['infantAgeMonths', 'infantSex'],
    legend: higher(40, 60),
    source: who('WHO/UNICEF 2021 IYCF indicators: exclusive breastfeeding under 6 months (24-hour recall)'),
    deviation: l('Per visit, not per infant: an infant seen twice in the period counts twice. Age from the date of birth (enrollment incident date).', 'Par visite, pas par nourrisson : un nourrisson vu deux fois compte deux fois. Âge depuis la date de naissance (date d’incident de l’inscription).'),
  }),
  tracker({
    code: 'INF_FPC',
    name: l('Infant visits where the mother was counselled on FP (%)', 'Visites du nourrisson avec counseling PF de la mère (%)'),
    shortName: l('FP counselling at infant visit (%)', 'Counseling PF visite NRS (%)'),
    description: l('Share of infant visits where the mother received family planning counselling (INSPiRE: FP at the infant entry point).', 'Part des visites du nourrisson où la mère a reçu un counseling PF (INSPiRE : PF au point d’entrée nourrisson).'),
    entryPoint: 'infant',
    numeratorText: l('Infant visits with FP counselling recorded', 'Visites NRS avec counseling PF enregistré'),
    denominatorText: l('Infant visits', 'Visites NRS'),
    numerator: ev(STAGE.INFANT_VISIT, yes(DE.FP_COUNSELLED)),
    denominator: INFANT_VISITS,
    unit: 'percent',
    direction: 'higher',
    disaggregations: ['infantAgeMonths'],
    legend: higher(30, 60),
    source: proposed('INSPiRE infant package: FP and nutrition of the mother at the infant visit; measured per visit like ANC_FPC.', 'Paquet nourrisson INSPiRE : PF et nutrition de la mère à la visite du nourrisson ; mesuré par visite comme ANC_FPC.', 'INSPiRE (seed 000) infant package'),
  }),
  tracker({
    code: 'PENTA3',
    name: l('Infants vaccinated with Penta 3 (DTP-HepB-Hib3)', 'Nourrissons vaccinés Penta 3'),
    shortName: l('Penta 3', 'Penta 3'),
    description: l('Penta 3 doses given to infants under 12 months in the period.', 'Doses de Penta 3 données aux nourrissons de moins de 12 mois sur la période.'),
    entryPoint: 'infant',
    numeratorText: l('Infant visits at age < 12 months with Penta 3 given', 'Visites NRS < 12 mois avec Penta 3 administré'),
    numerator: ev(STAGE.INFANT_VISIT, age(0, TWELVE_MONTHS_DAYS), yes(DE.INF_VAC_PENTA3)),
    unit: 'count',
    direction: 'higher',
    disaggregations: ['infantSex'],
    source: dhis2('DHIS2 EPI package EPI_DPT3_COV'),
    deviation: NO_POPULATION,
  }),
  tracker({
    code: 'MCV1',
    name: l('Infants vaccinated against measles-rubella (MR1)', 'Nourrissons vaccinés RR1'),
    shortName: l('MR 1', 'RR 1'),
    description: l('Measles-rubella 1 doses given to infants under 12 months in the period.', 'Doses de RR1 données aux nourrissons de moins de 12 mois sur la période.'),
    entryPoint: 'infant',
    numeratorText: l('Infant visits at age < 12 months with MR1 given', 'Visites NRS < 12 mois avec RR1 administré'),
    numerator: ev(STAGE.INFANT_VISIT, age(0, TWELVE_MONTHS_DAYS), yes(DE.INF_VAC_MCV1)),
    unit: 'count',
    direction: 'higher',
    disaggregations: ['infantSex'],
    source: dhis2('DHIS2 EPI package EPI_MR_1_COV'),
    deviation: NO_POPULATION,
  }),
  tracker({
    code: 'VITA_6M',
    name: l('Infants 6–11 months given vitamin A', 'Nourrissons de 6 à 11 mois ayant reçu la vitamine A'),
    shortName: l('Vitamin A 6–11 months', 'Vitamine A 6–11 mois'),
    description: l('Vitamin A doses (100 000 IU) given to infants aged 6 to 11 months in the period.', 'Doses de vitamine A (100 000 UI) données aux nourrissons de 6 à 11 mois sur la période.'),
    entryPoint: 'infant',
    numeratorText: l('Infant visits at age 6–11 months with vitamin A given', 'Visites NRS de 6 à 11 mois avec vitamine A donnée'),
    numerator: ev(STAGE.INFANT_VISIT, age(SIX_MONTHS_DAYS, TWELVE_MONTHS_DAYS), yes(DE.INF_VITA)),
    unit: 'count',
    direction: 'higher',
    disaggregations: ['infantSex'],
    source: proposed('INSPiRE infant package: vitamin A for infants at 6 months; WHO supplementation from 6 months.', 'Paquet nourrisson INSPiRE : vitamine A pour les NRS à 6 mois ; supplémentation OMS dès 6 mois.', 'INSPiRE (seed 000); WHO vitamin A supplementation 6–11 months'),
    deviation: NO_POPULATION,
  }),
  tracker({
    code: 'MAMI_SCR',
    name: l('Infants under 6 months assessed and classified at nutritional risk (%)', 'Nourrissons de moins de 6 mois à risque nutritionnel (%)'),
    shortName: l('Infants < 6 m at risk (MAMI) (%)', 'NRS < 6 mois à risque (MAMI) (%)'),
    description: l('Among weighed visits of infants under 6 months, those where the dyad was classified at moderate or high MAMI risk.', 'Parmi les visites de NRS de moins de 6 mois pesés, celles où la dyade est classée à risque MAMI modéré ou élevé.'),
    entryPoint: 'infant',
    numeratorText: l('Weighed infant visits at age < 6 months with MAMI risk = high or moderate', 'Visites NRS < 6 mois pesés avec risque MAMI élevé ou modéré'),
    denominatorText: l('Infant visits at age < 6 months with a weight recorded', 'Visites NRS < 6 mois avec poids enregistré'),
    numerator: ev(STAGE.INFANT_VISIT, age(0, SIX_MONTHS_DAYS), has(DE.INF_WEIGHT_KG), oneOf(DE.MAMI_RISK, ['HIGH', 'MODERATE'])),
    denominator: ev(STAGE.INFANT_VISIT, age(0, SIX_MONTHS_DAYS), has(DE.INF_WEIGHT_KG)),
    unit: 'percent',
    direction: 'lower',
    disaggregations: ['mamiRisk', 'infantSex', 'infantAgeMonths'],
    legend: lower(10, 20),
    source: proposed(
      'MAMI Care Pathway v3 (2021): the dyad is classified high / moderate / low risk; the class is set by program rules (WAZ, MUAC, oedema, danger signs, feeding, maternal factors) with thresholds in constants.',
      'Parcours de soins MAMI v3 (2021) : la dyade est classée à risque élevé / modéré / faible ; la classe est calculée par des règles de programme (WAZ, PB, œdèmes, signes de danger, alimentation, facteurs maternels) avec seuils en constantes.',
      'MAMI Care Pathway Package v3 (2021)',
    ),
    deviation: l('Per visit, not per infant. Visits without a recorded risk class are in the denominator only.', 'Par visite, pas par nourrisson. Les visites sans classe de risque sont seulement au dénominateur.'),
  }),
  tracker({
    code: 'PKG_FULL_INF',
    name: l('Infant visits with the full integrated package (%)', 'Visites du nourrisson avec le paquet intégré complet (%)'),
    shortName: l('Full package at infant visit (%)', 'Paquet complet visite NRS (%)'),
    description: l('Infant visits where every service of the infant checklist was recorded.', 'Visites du nourrisson où chaque service de la liste nourrisson a été enregistré.'),
    entryPoint: 'infant',
    numeratorText: l('Infant visits with mother’s FP counselling, mother’s nutrition counselling, well-baby consultation, feeding assessed and hygiene education', 'Visites NRS avec counseling PF et conseils nutritionnels de la mère, consultation NRS sain, alimentation évaluée et éducation hygiène'),
    denominatorText: l('Infant visits', 'Visites NRS'),
    numerator: ev(STAGE.INFANT_VISIT, ...packageConditions(CHECKLIST_INFANT)),
    denominator: INFANT_VISITS,
    unit: 'percent',
    direction: 'higher',
    legend: higher(40, 70),
    source: PKG_SOURCE,
    checklist: CHECKLIST_INFANT,
  }),

  // ---------------------------------------------------------------- cross-cutting (aggregate)
  {
    code: 'CYP',
    name: l('Couple-years of protection', 'Couple-années de protection (CAP)'),
    shortName: l('Couple-years of protection', 'CAP'),
    description: l('Protection provided by the contraceptives distributed in the period (private-sector monthly report).', 'Protection assurée par les contraceptifs distribués sur la période (rapport mensuel du secteur privé).'),
    entryPoint: 'crossCutting',
    kind: 'aggregate',
    numeratorText: l('Σ over methods of units distributed × CYP factor of the method', 'Σ sur les méthodes des unités distribuées × facteur CAP de la méthode'),
    unit: 'count',
    factor: 1,
    direction: 'higher',
    disaggregations: ['orgUnit', 'fpMethod', 'ownership', 'facilityType'],
    indicatorCode: inCode('CYP'),
    aggregate: {
      intent: l(
        'Numerator: sum over the FP methods of the data element “units distributed by method” (private-sector report) for each method’s category option × its CYP factor (USAID/FHI 360 current factors from src/domain/fp, sterilization factor configurable); denominator 1; indicator type factor 1.',
        'Numérateur : somme sur les méthodes PF de la donnée « unités distribuées par méthode » (rapport du secteur privé) pour chaque option de catégorie × son facteur CAP (facteurs actuels USAID/FHI 360 de src/domain/fp, facteur stérilisation paramétrable) ; dénominateur 1 ; facteur 1.',
      ),
    },
    source: dhis2('DHIS2 RMNCAH RMNCAH_CYPR (2011 factors); USAID/FHI 360 CYP factors (2022 update)'),
    deviation: l('Uses the current factors (hormonal IUD 4.8, POP 12 cycles, Levoplant 2.5); RMNCAH_CYPR still uses the 2011 table.', 'Utilise les facteurs actuels (DIU hormonal 4,8, pilule progestative 12 cycles, Levoplant 2,5) ; RMNCAH_CYPR utilise encore la table 2011.'),
  },
  {
    code: 'RPT_PRIV',
    name: l('Private facilities with a complete monthly report (%)', 'Complétude des rapports mensuels – structures privées (%)'),
    shortName: l('Private report completeness (%)', 'Complétude rapports privés (%)'),
    description: l('Reports received over reports expected for the private-sector monthly report, by ownership.', 'Rapports reçus sur rapports attendus du rapport mensuel du secteur privé, par statut.'),
    entryPoint: 'crossCutting',
    kind: 'aggregate',
    numeratorText: l('Reports received (actual reports) of the private-sector monthly data set', 'Rapports reçus du rapport mensuel du secteur privé'),
    denominatorText: l('Reports expected (facilities assigned to the data set)', 'Rapports attendus (structures affectées au rapport)'),
    unit: 'percent',
    factor: 100,
    direction: 'higher',
    disaggregations: ['orgUnit', 'ownership', 'facilityType'],
    legend: higher(60, 80, 101),
    indicatorCode: inCode('RPT_PRIV'),
    aggregate: {
      intent: l(
        'Numerator R{<private-sector data set>.ACTUAL_REPORTS}, denominator R{<private-sector data set>.EXPECTED_REPORTS}, factor 100; read with the ownership group set (Statut) as a dimension, the private groups being for-profit, not-for-profit and faith-based.',
        'Numérateur R{<rapport privé>.ACTUAL_REPORTS}, dénominateur R{<rapport privé>.EXPECTED_REPORTS}, facteur 100 ; lu avec le groupe d’unités Statut comme dimension, le privé étant lucratif, non lucratif et confessionnel.',
      ),
    },
    source: who('WHO malaria package MAL_RPT_COMPLETENESS × ownership group set'),
  },
]

// ---------------------------------------------------------------------------------------------
// Continuum cascade (DESIGN §1, issue 7): each step is the numerator of a catalog indicator.
// ---------------------------------------------------------------------------------------------

const step = (key: string, indicator: string, entryPoint: EntryPoint, label: Label): CascadeStep => ({
  key,
  label,
  indicator,
  side: 'numerator',
  entryPoint,
})

export const CASCADE: CascadeStep[] = [
  step('anc1', 'ANC1', 'prenatal', l('ANC1', 'CPN1')),
  step('anc4', 'ANC4', 'prenatal', l('ANC4', 'CPN4')),
  step('ancFpc', 'ANC_FPC', 'prenatal', l('FP counselled at ANC', 'Counseling PF en CPN')),
  step('facilityDelivery', 'INST_DELIV', 'delivery', l('Facility delivery', 'Accouchement en FS')),
  step('ppfp', 'PPFP_IMM', 'delivery', l('PPFP before discharge', 'PFPP avant la sortie')),
  step('pnc48', 'PNC48_M', 'postnatal', l('PNC within 48 h', 'CPoN 48 h')),
  step('pncD6', 'PNC_D6', 'postnatal', l('PNC day 6', 'CPoN J6')),
  step('pncD42', 'PNC_D42', 'postnatal', l('PNC day 42', 'CPoN J42')),
  step('penta3', 'PENTA3', 'infant', l('Penta 3', 'Penta 3')),
  step('ebf', 'EBF', 'infant', l('Exclusive breastfeeding < 6 months', 'AME jusqu’à 6 mois')),
  step('vitA', 'VITA_6M', 'infant', l('Vitamin A at 6 months', 'Vitamine A à 6 mois')),
]

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

const BY_CODE = new Map<string, IndicatorDef>(CATALOG.map((d) => [d.code, d]))

export function indicatorByCode(code: string): IndicatorDef | undefined {
  return BY_CODE.get(code)
}

/** Every program indicator code of the catalog (numerators then denominators, catalog order). */
export function programIndicatorCodes(): string[] {
  const out: string[] = []
  for (const d of CATALOG) {
    if (!d.programIndicators) continue
    out.push(d.programIndicators.numerator)
    if (d.programIndicators.denominator) out.push(d.programIndicators.denominator)
  }
  return out
}

/** The program indicator definitions (code → rule) the metadata build turns into DHIS2 objects. */
export function programIndicatorRules(): { code: string; indicator: string; side: 'numerator' | 'denominator'; rule: EventRule }[] {
  const out: { code: string; indicator: string; side: 'numerator' | 'denominator'; rule: EventRule }[] = []
  for (const d of CATALOG) {
    if (!d.programIndicators || !d.numerator) continue
    out.push({ code: d.programIndicators.numerator, indicator: d.code, side: 'numerator', rule: d.numerator })
    if (d.programIndicators.denominator && d.denominator) {
      out.push({ code: d.programIndicators.denominator, indicator: d.code, side: 'denominator', rule: d.denominator })
    }
  }
  return out
}

/** Catalog indicators of an entry point, in catalog order. */
export function indicatorsByEntryPoint(entryPoint: EntryPoint): IndicatorDef[] {
  return CATALOG.filter((d) => d.entryPoint === entryPoint)
}
