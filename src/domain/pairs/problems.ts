/**
 * Data problems met while reading tracker data, linking pairs and computing indicators. Each has a
 * stable code (the data-quality page groups by it), a severity, the record ids it concerns (to open
 * the record in Capture) and a message in English and French.
 *
 * Severity: `error` — the record is unusable or the link is wrong (not counted or not linked);
 * `warning` — the record is used but something is likely wrong; `info` — noted, no effect.
 */
import type { Label } from '../../../metadata/src/vocabulary'

export type Severity = 'error' | 'warning' | 'info'

export type ProblemCode =
  // payload and shapes
  | 'PAYLOAD_NOT_A_LIST'
  | 'ENTITY_INVALID'
  | 'ENTITY_MISSING_ID'
  | 'ENTITY_DUPLICATE'
  | 'ENTITY_MISSING_ORG_UNIT'
  | 'ENROLLMENT_INVALID'
  | 'ENROLLMENT_MISSING_ID'
  | 'ENROLLMENT_DUPLICATE'
  | 'ENROLLMENT_UNKNOWN_PROGRAM'
  | 'ENROLLMENT_MISSING_INCIDENT_DATE'
  | 'ENROLLMENT_BAD_DATE'
  | 'EVENT_INVALID'
  | 'EVENT_MISSING_ID'
  | 'EVENT_DUPLICATE'
  | 'EVENT_UNKNOWN_STAGE'
  | 'EVENT_MISSING_DATE'
  | 'EVENT_BAD_DATE'
  | 'EVENT_MISSING_ORG_UNIT'
  | 'EVENT_BAD_STATUS'
  | 'VALUE_INVALID'
  | 'VALUE_UNKNOWN_DATA_ELEMENT'
  | 'VALUE_DATA_ELEMENT_NOT_IN_STAGE'
  | 'VALUE_UNKNOWN_OPTION'
  | 'VALUE_NOT_BOOLEAN'
  | 'VALUE_NOT_NUMBER'
  | 'VALUE_NOT_TEXT'
  | 'RELATIONSHIP_INVALID'
  // linkage
  | 'RELATIONSHIP_UNKNOWN_ENTITY'
  | 'RELATIONSHIP_DELETED_ENTITY'
  | 'RELATIONSHIP_DUPLICATE'
  | 'RELATIONSHIP_SELF'
  | 'RELATIONSHIP_CYCLE'
  | 'RELATIONSHIP_WRONG_ROLES'
  | 'INFANT_TWO_MOTHERS'
  | 'INFANT_WITHOUT_MOTHER'
  | 'INFANT_PREGNANCY_UNMATCHED'
  | 'DELIVERY_WITHOUT_INFANT'
  | 'INFANTS_MISSING'
  | 'MORE_INFANTS_THAN_LIVE_BIRTHS'
  | 'SEVERAL_DELIVERIES_IN_ENROLLMENT'
  | 'SEVERAL_INFANT_ENROLLMENTS'
  | 'PNC_BEFORE_DELIVERY'
  | 'ANC_AFTER_DELIVERY'
  | 'EVENT_BEFORE_INCIDENT_DATE'
  | 'BIRTH_DATE_MISMATCH'
  // engine
  | 'RECORD_SKIPPED'

export interface DataProblem {
  code: ProblemCode
  severity: Severity
  entity?: string
  enrollment?: string
  event?: string
  relationship?: string
  message: Label
}

export interface ProblemRefs {
  entity?: string
  enrollment?: string
  event?: string
  relationship?: string
}

type Template = { severity: Severity; en: (p: Record<string, string>) => string; fr: (p: Record<string, string>) => string }

const T: Record<ProblemCode, Template> = {
  PAYLOAD_NOT_A_LIST: { severity: 'error', en: () => 'The tracker data is not a list of tracked entities; nothing was read.', fr: () => 'Les données tracker ne sont pas une liste d’entités suivies ; rien n’a été lu.' },
  ENTITY_INVALID: { severity: 'error', en: (p) => `Record #${p.index} is not a tracked entity; it was skipped.`, fr: (p) => `L’enregistrement n° ${p.index} n’est pas une entité suivie ; il est ignoré.` },
  ENTITY_MISSING_ID: { severity: 'error', en: (p) => `Tracked entity #${p.index} has no identifier; it was skipped.`, fr: (p) => `L’entité suivie n° ${p.index} n’a pas d’identifiant ; elle est ignorée.` },
  ENTITY_DUPLICATE: { severity: 'warning', en: () => 'The tracked entity appears twice; the second copy was skipped.', fr: () => 'L’entité suivie apparaît deux fois ; la seconde copie est ignorée.' },
  ENTITY_MISSING_ORG_UNIT: { severity: 'warning', en: () => 'The tracked entity has no organisation unit.', fr: () => 'L’entité suivie n’a pas d’unité d’organisation.' },
  ENROLLMENT_INVALID: { severity: 'error', en: () => 'An enrollment is not readable; it was skipped.', fr: () => 'Une inscription est illisible ; elle est ignorée.' },
  ENROLLMENT_MISSING_ID: { severity: 'error', en: () => 'An enrollment has no identifier; it was skipped.', fr: () => 'Une inscription n’a pas d’identifiant ; elle est ignorée.' },
  ENROLLMENT_DUPLICATE: { severity: 'warning', en: () => 'The enrollment appears twice; the second copy was skipped.', fr: () => 'L’inscription apparaît deux fois ; la seconde copie est ignorée.' },
  ENROLLMENT_UNKNOWN_PROGRAM: { severity: 'info', en: (p) => `Enrollment in a program that is not Dyad’s (${p.program}); not used.`, fr: (p) => `Inscription dans un programme hors Dyade (${p.program}) ; non utilisée.` },
  ENROLLMENT_MISSING_INCIDENT_DATE: { severity: 'warning', en: (p) => `The enrollment has no ${p.what}.`, fr: (p) => `L’inscription n’a pas de ${p.whatFr}.` },
  ENROLLMENT_BAD_DATE: { severity: 'warning', en: (p) => `The enrollment’s ${p.field} “${p.value}” is not a valid date; ignored.`, fr: (p) => `La date ${p.field} « ${p.value} » de l’inscription n’est pas valide ; ignorée.` },
  EVENT_INVALID: { severity: 'error', en: () => 'An event is not readable; it was skipped.', fr: () => 'Un événement est illisible ; il est ignoré.' },
  EVENT_MISSING_ID: { severity: 'error', en: () => 'An event has no identifier; it was skipped.', fr: () => 'Un événement n’a pas d’identifiant ; il est ignoré.' },
  EVENT_DUPLICATE: { severity: 'warning', en: () => 'The event appears twice; the second copy was skipped.', fr: () => 'L’événement apparaît deux fois ; la seconde copie est ignorée.' },
  EVENT_UNKNOWN_STAGE: { severity: 'warning', en: (p) => `The event’s stage (${p.stage}) is not a stage of the enrollment’s program; not counted.`, fr: (p) => `L’étape de l’événement (${p.stage}) n’appartient pas au programme de l’inscription ; non compté.` },
  EVENT_MISSING_DATE: { severity: 'warning', en: () => 'The event has no date; it is in no period and not counted.', fr: () => 'L’événement n’a pas de date ; il n’est dans aucune période et n’est pas compté.' },
  EVENT_BAD_DATE: { severity: 'warning', en: (p) => `The event date “${p.value}” is not a valid date; not counted.`, fr: (p) => `La date de l’événement « ${p.value} » n’est pas valide ; non compté.` },
  EVENT_MISSING_ORG_UNIT: { severity: 'warning', en: () => 'The event has no organisation unit; not counted.', fr: () => 'L’événement n’a pas d’unité d’organisation ; non compté.' },
  EVENT_BAD_STATUS: { severity: 'warning', en: (p) => `The event status “${p.value}” is unknown; read as ACTIVE.`, fr: (p) => `Le statut « ${p.value} » de l’événement est inconnu ; lu comme ACTIVE.` },
  VALUE_INVALID: { severity: 'warning', en: () => 'A data value is not readable; it was skipped.', fr: () => 'Une valeur est illisible ; elle est ignorée.' },
  VALUE_UNKNOWN_DATA_ELEMENT: { severity: 'info', en: (p) => `Value of a data element that is not Dyad’s (${p.dataElement}); not used.`, fr: (p) => `Valeur d’un élément de données hors Dyade (${p.dataElement}) ; non utilisée.` },
  VALUE_DATA_ELEMENT_NOT_IN_STAGE: { severity: 'warning', en: (p) => `${p.dataElement} is not a data element of this stage.`, fr: (p) => `${p.dataElement} n’est pas un élément de données de cette étape.` },
  VALUE_UNKNOWN_OPTION: { severity: 'warning', en: (p) => `“${p.value}” is not an option of ${p.dataElement}.`, fr: (p) => `« ${p.value} » n’est pas une option de ${p.dataElement}.` },
  VALUE_NOT_BOOLEAN: { severity: 'warning', en: (p) => `${p.dataElement} = “${p.value}” is not yes/no; read as missing.`, fr: (p) => `${p.dataElement} = « ${p.value} » n’est pas oui/non ; lu comme manquant.` },
  VALUE_NOT_NUMBER: { severity: 'warning', en: (p) => `${p.dataElement} = “${p.value}” is not a number; read as missing.`, fr: (p) => `${p.dataElement} = « ${p.value} » n’est pas un nombre ; lu comme manquant.` },
  VALUE_NOT_TEXT: { severity: 'info', en: (p) => `${p.dataElement} was sent as ${p.type}; read as text “${p.value}”.`, fr: (p) => `${p.dataElement} envoyé comme ${p.type} ; lu comme texte « ${p.value} ».` },
  RELATIONSHIP_INVALID: { severity: 'warning', en: () => 'A relationship is not readable (missing ends or identifier); skipped.', fr: () => 'Une relation est illisible (extrémités ou identifiant manquants) ; ignorée.' },
  RELATIONSHIP_UNKNOWN_ENTITY: { severity: 'error', en: (p) => `The mother–infant relationship points to a record that is not in the data (${p.other}).`, fr: (p) => `La relation mère–nourrisson pointe vers un enregistrement absent des données (${p.other}).` },
  RELATIONSHIP_DELETED_ENTITY: { severity: 'error', en: (p) => `The mother–infant relationship points to a deleted record (${p.other}).`, fr: (p) => `La relation mère–nourrisson pointe vers un enregistrement supprimé (${p.other}).` },
  RELATIONSHIP_DUPLICATE: { severity: 'warning', en: () => 'The same mother and infant are linked by two relationships; counted once.', fr: () => 'La même mère et le même nourrisson sont liés par deux relations ; comptés une fois.' },
  RELATIONSHIP_SELF: { severity: 'error', en: () => 'A relationship links a record to itself.', fr: () => 'Une relation lie un enregistrement à lui-même.' },
  RELATIONSHIP_CYCLE: { severity: 'error', en: () => 'Relationships form a cycle (a person is her own ancestor); the links in the cycle are not used.', fr: () => 'Les relations forment un cycle (une personne est sa propre ascendante) ; ces liens ne sont pas utilisés.' },
  RELATIONSHIP_WRONG_ROLES: { severity: 'error', en: (p) => `The mother–infant relationship goes from a record without a Mother enrollment or to a record without an Infant enrollment (${p.detail}).`, fr: (p) => `La relation mère–nourrisson part d’un enregistrement sans inscription Mère ou mène à un enregistrement sans inscription Nourrisson (${p.detail}).` },
  INFANT_TWO_MOTHERS: { severity: 'error', en: (p) => `The infant is linked to two mothers (${p.mothers}); linked to ${p.kept} only.`, fr: (p) => `Le nourrisson est lié à deux mères (${p.mothers}) ; lié seulement à ${p.kept}.` },
  INFANT_WITHOUT_MOTHER: { severity: 'warning', en: () => 'The infant is not linked to a mother.', fr: () => 'Le nourrisson n’est lié à aucune mère.' },
  INFANT_PREGNANCY_UNMATCHED: { severity: 'warning', en: () => 'The infant’s date of birth matches none of the mother’s deliveries; linked to her closest pregnancy.', fr: () => 'La date de naissance du nourrisson ne correspond à aucun accouchement de la mère ; lié à la grossesse la plus proche.' },
  DELIVERY_WITHOUT_INFANT: { severity: 'warning', en: () => 'The delivery has live births but no infant record is linked.', fr: () => 'L’accouchement a des naissances vivantes mais aucun nourrisson n’est lié.' },
  INFANTS_MISSING: { severity: 'warning', en: (p) => `The delivery records ${p.live} live births but ${p.linked} infant(s) are linked.`, fr: (p) => `L’accouchement enregistre ${p.live} naissances vivantes mais ${p.linked} nourrisson(s) sont liés.` },
  MORE_INFANTS_THAN_LIVE_BIRTHS: { severity: 'error', en: (p) => `${p.linked} infants are linked to a delivery with ${p.live} live birth(s).`, fr: (p) => `${p.linked} nourrissons sont liés à un accouchement avec ${p.live} naissance(s) vivante(s).` },
  SEVERAL_DELIVERIES_IN_ENROLLMENT: { severity: 'error', en: () => 'One pregnancy (enrollment) has several delivery events; the first one is used for the pair.', fr: () => 'Une grossesse (inscription) a plusieurs accouchements ; le premier est utilisé pour la paire.' },
  SEVERAL_INFANT_ENROLLMENTS: { severity: 'warning', en: () => 'The infant has several Infant enrollments; the first one is used for the pair.', fr: () => 'Le nourrisson a plusieurs inscriptions Nourrisson ; la première est utilisée pour la paire.' },
  PNC_BEFORE_DELIVERY: { severity: 'warning', en: () => 'A postnatal contact is dated before the delivery.', fr: () => 'Une CPoN est datée avant l’accouchement.' },
  ANC_AFTER_DELIVERY: { severity: 'warning', en: () => 'An ANC contact is dated after the delivery.', fr: () => 'Une CPN est datée après l’accouchement.' },
  EVENT_BEFORE_INCIDENT_DATE: { severity: 'warning', en: (p) => `The event is dated before the ${p.what}.`, fr: (p) => `L’événement est daté avant la ${p.whatFr}.` },
  BIRTH_DATE_MISMATCH: { severity: 'warning', en: (p) => `The infant’s date of birth (${p.dob}) differs from the mother’s delivery date (${p.delivery}).`, fr: (p) => `La date de naissance du nourrisson (${p.dob}) diffère de la date d’accouchement de la mère (${p.delivery}).` },
  RECORD_SKIPPED: { severity: 'error', en: () => 'A record could not be computed and was skipped.', fr: () => 'Un enregistrement n’a pas pu être calculé et a été ignoré.' },
}

export function problem(code: ProblemCode, refs: ProblemRefs, params: Record<string, string> = {}): DataProblem {
  const t = T[code]
  const out: DataProblem = { code, severity: t.severity, message: { en: t.en(params), fr: t.fr(params) } }
  if (refs.entity !== undefined) out.entity = refs.entity
  if (refs.enrollment !== undefined) out.enrollment = refs.enrollment
  if (refs.event !== undefined) out.event = refs.event
  if (refs.relationship !== undefined) out.relationship = refs.relationship
  return out
}

export const PROBLEM_CODES = Object.keys(T) as ProblemCode[]

/** Severity of a code, without building a problem. */
export function severityOf(code: ProblemCode): Severity {
  return T[code].severity
}

/** Counts per code, for summaries (data-quality page, worker progress). */
export function countByCode(problems: DataProblem[]): Partial<Record<ProblemCode, number>> {
  const out: Partial<Record<ProblemCode, number>> = {}
  for (const p of problems) out[p.code] = (out[p.code] ?? 0) + 1
  return out
}
