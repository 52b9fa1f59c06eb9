/**
 * The data-quality rules: code, section, severity, title and explanation in English and French.
 * The page and the docs list them from here; `PAIR_PROBLEM_RULE` says which rule each problem of
 * the pair linker/parser (src/domain/pairs/problems.ts) feeds, so nothing the domain already
 * detects is detected twice.
 */
import type { Label } from '../../../metadata/src/vocabulary'
import type { ProblemCode } from '../pairs/problems'
import type { QualityCode, QualityGroup, Severity } from './types'

export interface QualityRuleDef {
  code: QualityCode
  group: QualityGroup
  severity: Severity
  title: Label
  explanation: Label
}

const l = (en: string, fr: string): Label => ({ en, fr })

/** Birth weight plausible range (grams), inclusive. */
export const BIRTH_WEIGHT_MIN_G = 500
export const BIRTH_WEIGHT_MAX_G = 6000
/** A first ANC contact more than this many months before the delivery is not the same pregnancy. */
export const ANC_BEFORE_DELIVERY_MAX_MONTHS = 9
/** Two pregnancies of the same mother whose deliveries (or LMPs) are this close are one pregnancy recorded twice. */
export const DUPLICATE_PREGNANCY_DAYS = 30

export const QUALITY_RULES: QualityRuleDef[] = [
  // ------------------------------------------------------------------ linkage
  {
    code: 'INFANT_WITHOUT_MOTHER',
    group: 'linkage',
    severity: 'warning',
    title: l('Infant without a mother', 'Nourrisson sans mère'),
    explanation: l(
      'The infant is enrolled but no mother–infant relationship links it to a mother: the pair’s indicators (PNC, PPFP, MAMI dyad) miss this infant.',
      'Le nourrisson est inscrit mais aucune relation mère–nourrisson ne le lie à une mère : les indicateurs de la paire (CPoN, PFPP, dyade MAMI) ne le comptent pas.',
    ),
  },
  {
    code: 'DELIVERY_WITHOUT_INFANT',
    group: 'linkage',
    severity: 'warning',
    title: l('Delivery without an infant record', 'Accouchement sans dossier de nourrisson'),
    explanation: l(
      'The delivery records live births but fewer infant records are linked to the mother: register the infant(s) and link them.',
      'L’accouchement enregistre des naissances vivantes mais moins de nourrissons sont liés à la mère : inscrire le(s) nourrisson(s) et les lier.',
    ),
  },
  {
    code: 'DUPLICATE_PAIR',
    group: 'linkage',
    severity: 'error',
    title: l('Duplicate pair', 'Paire en double'),
    explanation: l(
      'The same person (same names and date of birth) is registered twice, or the same pregnancy is recorded in two enrollments of one mother: the pair is counted twice.',
      'La même personne (mêmes noms et date de naissance) est enregistrée deux fois, ou la même grossesse figure dans deux inscriptions d’une mère : la paire est comptée deux fois.',
    ),
  },
  {
    code: 'DUPLICATE_RELATIONSHIP',
    group: 'linkage',
    severity: 'warning',
    title: l('Duplicated mother–infant relationship', 'Relation mère–nourrisson en double'),
    explanation: l(
      'The same mother and infant are linked by two relationships; delete the extra one.',
      'La même mère et le même nourrisson sont liés par deux relations ; supprimer celle en trop.',
    ),
  },
  {
    code: 'INFANT_TWO_MOTHERS',
    group: 'linkage',
    severity: 'error',
    title: l('Infant linked to two mothers', 'Nourrisson lié à deux mères'),
    explanation: l(
      'An infant has relationships to two different mothers; Dyad keeps the mother whose delivery matches the date of birth. Delete the wrong relationship.',
      'Un nourrisson a des relations avec deux mères différentes ; Dyade garde celle dont l’accouchement correspond à la date de naissance. Supprimer la mauvaise relation.',
    ),
  },
  {
    code: 'RELATIONSHIP_TO_DELETED',
    group: 'linkage',
    severity: 'error',
    title: l('Relationship to a deleted record', 'Relation vers un dossier supprimé'),
    explanation: l(
      'A mother–infant relationship points to a record that was deleted; the living record has lost its pair.',
      'Une relation mère–nourrisson pointe vers un dossier supprimé ; le dossier restant a perdu sa paire.',
    ),
  },
  {
    code: 'RELATIONSHIP_OUTSIDE_DATA',
    group: 'linkage',
    severity: 'info',
    title: l('Relationship to a record outside the data read', 'Relation vers un dossier hors des données lues'),
    explanation: l(
      'The other record exists but was not read: it is registered outside the selected organisation unit or outside your search scope.',
      'L’autre dossier existe mais n’a pas été lu : il est enregistré hors de l’unité d’organisation choisie ou hors de votre périmètre de recherche.',
    ),
  },
  {
    code: 'RELATIONSHIP_INVALID',
    group: 'linkage',
    severity: 'error',
    title: l('Invalid relationship', 'Relation invalide'),
    explanation: l(
      'A relationship links a record to itself, goes the wrong way (infant → mother, or between two mothers), or forms a cycle.',
      'Une relation lie un dossier à lui-même, va dans le mauvais sens (nourrisson → mère, ou entre deux mères) ou forme un cycle.',
    ),
  },
  {
    code: 'BIRTH_NOT_MATCHING_DELIVERY',
    group: 'linkage',
    severity: 'warning',
    title: l('Birth does not match the delivery', 'Naissance non conforme à l’accouchement'),
    explanation: l(
      'The infant’s date of birth differs from the mother’s delivery date, matches none of her deliveries, or more infants are linked than live births recorded.',
      'La date de naissance du nourrisson diffère de la date d’accouchement, ne correspond à aucun accouchement de la mère, ou plus de nourrissons sont liés que de naissances vivantes enregistrées.',
    ),
  },
  {
    code: 'SEVERAL_DELIVERIES',
    group: 'linkage',
    severity: 'error',
    title: l('Several deliveries or infant enrollments in one record', 'Plusieurs accouchements ou inscriptions dans un dossier'),
    explanation: l(
      'One pregnancy enrollment has several delivery events, or one infant has several Infant enrollments; only the first is used.',
      'Une inscription de grossesse a plusieurs accouchements, ou un nourrisson a plusieurs inscriptions Nourrisson ; seul le premier est utilisé.',
    ),
  },
  // ------------------------------------------------------------------ values
  {
    code: 'Z_SCORE_IMPLAUSIBLE',
    group: 'values',
    severity: 'warning',
    title: l('Implausible growth measurement', 'Mesure de croissance invraisemblable'),
    explanation: l(
      'The weight, length or MUAC gives a z-score outside the WHO plausibility limits (WAZ −6 to +5, LAZ −6 to +6, WLZ −5 to +5, MUAC-for-age −5 to +5): most often a typing error or a wrong unit.',
      'Le poids, la taille ou le PB donne un z-score hors des limites de plausibilité OMS (P/A −6 à +5, T/A −6 à +6, P/T −5 à +5, PB/A −5 à +5) : le plus souvent une erreur de saisie ou d’unité.',
    ),
  },
  {
    code: 'BIRTH_WEIGHT_OUT_OF_RANGE',
    group: 'values',
    severity: 'error',
    title: l('Birth weight out of range', 'Poids de naissance hors limites'),
    explanation: l(
      `A birth weight below ${BIRTH_WEIGHT_MIN_G} g or above ${new Intl.NumberFormat('en').format(BIRTH_WEIGHT_MAX_G)} g is impossible for a live birth (often kilograms typed as grams).`,
      `Un poids de naissance inférieur à ${BIRTH_WEIGHT_MIN_G} g ou supérieur à ${new Intl.NumberFormat('fr').format(BIRTH_WEIGHT_MAX_G)} g est impossible pour une naissance vivante (souvent des kilogrammes saisis comme des grammes).`,
    ),
  },
  {
    code: 'DATE_IN_FUTURE',
    group: 'values',
    severity: 'error',
    title: l('Date in the future', 'Date dans le futur'),
    explanation: l(
      'A contact, an enrollment, a date of birth or a last menstrual period is dated after today (planned visits are not counted here).',
      'Un contact, une inscription, une date de naissance ou des dernières règles est daté après aujourd’hui (les rendez-vous planifiés ne sont pas comptés ici).',
    ),
  },
  {
    code: 'DELIVERY_ANC_DATES',
    group: 'values',
    severity: 'error',
    title: l('Delivery date incoherent with ANC', 'Date d’accouchement incohérente avec les CPN'),
    explanation: l(
      `The delivery is dated before the first ANC contact of the same pregnancy, or more than ${ANC_BEFORE_DELIVERY_MAX_MONTHS} months after it.`,
      `L’accouchement est daté avant la première CPN de la même grossesse, ou plus de ${ANC_BEFORE_DELIVERY_MAX_MONTHS} mois après elle.`,
    ),
  },
  {
    code: 'EVENT_AFTER_COMPLETION',
    group: 'values',
    severity: 'warning',
    title: l('Contact after the enrollment was completed', 'Contact après la clôture de l’inscription'),
    explanation: l(
      'A contact is dated after the date the enrollment was completed: reopen the enrollment or correct the date.',
      'Un contact est daté après la clôture de l’inscription : rouvrir l’inscription ou corriger la date.',
    ),
  },
  {
    code: 'PNC_BEFORE_DELIVERY',
    group: 'values',
    severity: 'warning',
    title: l('Postnatal contact before the delivery', 'CPoN avant l’accouchement'),
    explanation: l('A postnatal contact is dated before the delivery.', 'Une consultation postnatale est datée avant l’accouchement.'),
  },
  {
    code: 'ANC_AFTER_DELIVERY',
    group: 'values',
    severity: 'warning',
    title: l('ANC contact after the delivery', 'CPN après l’accouchement'),
    explanation: l('An antenatal contact is dated after the delivery of the same pregnancy.', 'Une consultation prénatale est datée après l’accouchement de la même grossesse.'),
  },
  {
    code: 'EVENT_BEFORE_INCIDENT',
    group: 'values',
    severity: 'warning',
    title: l('Contact before the LMP or the birth', 'Contact avant les dernières règles ou la naissance'),
    explanation: l(
      'A contact is dated before the last menstrual period (mother) or the date of birth (infant).',
      'Un contact est daté avant la date des dernières règles (mère) ou la date de naissance (nourrisson).',
    ),
  },
  // ------------------------------------------------------------------ unreadable records
  {
    code: 'VALUE_INVALID',
    group: 'records',
    severity: 'warning',
    title: l('Unreadable value', 'Valeur illisible'),
    explanation: l(
      'A value is not of its data element’s type (not yes/no, not a number, not an option of its list): it is read as missing.',
      'Une valeur n’est pas du type de son élément de données (ni oui/non, ni un nombre, ni une option de sa liste) : elle est lue comme manquante.',
    ),
  },
  {
    code: 'DATE_MISSING_OR_INVALID',
    group: 'records',
    severity: 'warning',
    title: l('Missing or invalid date', 'Date manquante ou invalide'),
    explanation: l(
      'A contact has no valid date (it is in no period), or an enrollment has no valid date of last menstrual period or of birth.',
      'Un contact n’a pas de date valide (il n’est dans aucune période), ou une inscription n’a pas de date des dernières règles ou de naissance valide.',
    ),
  },
  {
    code: 'RECORD_UNREADABLE',
    group: 'records',
    severity: 'error',
    title: l('Unreadable or repeated record', 'Dossier illisible ou répété'),
    explanation: l(
      'A record sent by the server has no identifier, no organisation unit, an unknown stage or status, or appears twice: it is skipped or repaired.',
      'Un dossier envoyé par le serveur n’a pas d’identifiant, pas d’unité d’organisation, une étape ou un statut inconnu, ou apparaît deux fois : il est ignoré ou réparé.',
    ),
  },
  // ------------------------------------------------------------------ aggregate
  {
    code: 'AGGREGATE_RULE_VIOLATED',
    group: 'aggregate',
    severity: 'error',
    title: l('Aggregate report inconsistent', 'Rapport agrégé incohérent'),
    explanation: l(
      'A monthly report breaks one of its validation rules (ANC4 ≤ ANC1, PPFP ≤ deliveries, total by method = total by age group).',
      'Un rapport mensuel enfreint une de ses règles de validation (CPN4 ≤ CPN1, PFPP ≤ accouchements, total par méthode = total par tranche d’âge).',
    ),
  },
]

export const RULE_BY_CODE: Record<QualityCode, QualityRuleDef> = Object.fromEntries(QUALITY_RULES.map((r) => [r.code, r])) as Record<QualityCode, QualityRuleDef>

/**
 * Which quality rule each pair/parser problem feeds (null: not a data-quality finding, e.g. a
 * value of a data element outside Dyad). Typed as a total record: a new problem code of the
 * domain fails type-checking here until it is placed.
 */
export const PAIR_PROBLEM_RULE: Record<ProblemCode, QualityCode | null> = {
  PAYLOAD_NOT_A_LIST: 'RECORD_UNREADABLE',
  ENTITY_INVALID: 'RECORD_UNREADABLE',
  ENTITY_MISSING_ID: 'RECORD_UNREADABLE',
  ENTITY_DUPLICATE: 'RECORD_UNREADABLE',
  ENTITY_MISSING_ORG_UNIT: 'RECORD_UNREADABLE',
  ENROLLMENT_INVALID: 'RECORD_UNREADABLE',
  ENROLLMENT_MISSING_ID: 'RECORD_UNREADABLE',
  ENROLLMENT_DUPLICATE: 'RECORD_UNREADABLE',
  ENROLLMENT_UNKNOWN_PROGRAM: null,
  ENROLLMENT_MISSING_INCIDENT_DATE: 'DATE_MISSING_OR_INVALID',
  ENROLLMENT_BAD_DATE: 'DATE_MISSING_OR_INVALID',
  EVENT_INVALID: 'RECORD_UNREADABLE',
  EVENT_MISSING_ID: 'RECORD_UNREADABLE',
  EVENT_DUPLICATE: 'RECORD_UNREADABLE',
  EVENT_UNKNOWN_STAGE: 'RECORD_UNREADABLE',
  EVENT_MISSING_DATE: 'DATE_MISSING_OR_INVALID',
  EVENT_BAD_DATE: 'DATE_MISSING_OR_INVALID',
  EVENT_MISSING_ORG_UNIT: 'RECORD_UNREADABLE',
  EVENT_BAD_STATUS: 'RECORD_UNREADABLE',
  VALUE_INVALID: 'VALUE_INVALID',
  VALUE_UNKNOWN_DATA_ELEMENT: null,
  VALUE_DATA_ELEMENT_NOT_IN_STAGE: 'VALUE_INVALID',
  VALUE_UNKNOWN_OPTION: 'VALUE_INVALID',
  VALUE_NOT_BOOLEAN: 'VALUE_INVALID',
  VALUE_NOT_NUMBER: 'VALUE_INVALID',
  VALUE_NOT_TEXT: null,
  RELATIONSHIP_INVALID: 'RELATIONSHIP_INVALID',
  RELATIONSHIP_UNKNOWN_ENTITY: 'RELATIONSHIP_OUTSIDE_DATA',
  RELATIONSHIP_DELETED_ENTITY: 'RELATIONSHIP_TO_DELETED',
  RELATIONSHIP_DUPLICATE: 'DUPLICATE_RELATIONSHIP',
  RELATIONSHIP_SELF: 'RELATIONSHIP_INVALID',
  RELATIONSHIP_CYCLE: 'RELATIONSHIP_INVALID',
  RELATIONSHIP_WRONG_ROLES: 'RELATIONSHIP_INVALID',
  INFANT_TWO_MOTHERS: 'INFANT_TWO_MOTHERS',
  INFANT_WITHOUT_MOTHER: 'INFANT_WITHOUT_MOTHER',
  INFANT_PREGNANCY_UNMATCHED: 'BIRTH_NOT_MATCHING_DELIVERY',
  DELIVERY_WITHOUT_INFANT: 'DELIVERY_WITHOUT_INFANT',
  INFANTS_MISSING: 'DELIVERY_WITHOUT_INFANT',
  MORE_INFANTS_THAN_LIVE_BIRTHS: 'BIRTH_NOT_MATCHING_DELIVERY',
  SEVERAL_DELIVERIES_IN_ENROLLMENT: 'SEVERAL_DELIVERIES',
  SEVERAL_INFANT_ENROLLMENTS: 'SEVERAL_DELIVERIES',
  PNC_BEFORE_DELIVERY: 'PNC_BEFORE_DELIVERY',
  ANC_AFTER_DELIVERY: 'ANC_AFTER_DELIVERY',
  EVENT_BEFORE_INCIDENT_DATE: 'EVENT_BEFORE_INCIDENT',
  BIRTH_DATE_MISMATCH: 'BIRTH_NOT_MATCHING_DELIVERY',
  RECORD_SKIPPED: 'RECORD_UNREADABLE',
}
