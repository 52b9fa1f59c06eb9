/**
 * Tracker metadata objects generated from the vocabulary: tracked entity type Person (reused by
 * UID), attributes, option sets and options, tracker data elements, the Mother and Infant
 * programs with their stages, stage sections and embedded PSDEs/PTEAs, and the relationship type
 * Mère → Nourrisson.
 */
import { DEFAULT_CATEGORY_COMBO } from './aggregate'
import { fr, l, ref, refTo, sharing, type D2Object, type Json } from './common'
import { uid } from './uid'
import {
  ATTR,
  ATTRIBUTES,
  DATA_ELEMENTS,
  DE,
  OPTION_SETS,
  PERSON_TYPE,
  PROGRAM,
  PROGRAMS,
  RELATIONSHIP_TYPE,
  STAGE,
  STAGES,
  ids,
  type DataElementDef,
  type Label,
} from './vocabulary'

const defaultCombo = ref(DEFAULT_CATEGORY_COMBO)

// ---------------------------------------------------------------------------------------------
// Descriptions (the vocabulary has names and form questions; descriptions say what is recorded)
// ---------------------------------------------------------------------------------------------

function describe(d: DataElementDef): Label {
  const unit = d.unit ? ` (${d.unit})` : ''
  return l(`${d.formName.en}${unit} — recorded by the Dyad package.`, `${d.formName.fr}${unit} — saisi dans le paquet Dyade.`)
}

/** Aggregation in analytics: measurements are averaged, counts summed, booleans counted as 1/0. */
const AVERAGE: string[] = [
  DE.MATERNAL_MUAC_CM, DE.ANC_GEST_AGE_WEEKS, DE.ANC_WEIGHT_KG, DE.ANC_BP_SYSTOLIC, DE.ANC_BP_DIASTOLIC,
  DE.BIRTH_WEIGHT_G, DE.BIRTH_GEST_AGE_WEEKS, DE.INF_WEIGHT_KG, DE.INF_LENGTH_CM, DE.INF_MUAC_CM, DE.INF_WAZ, DE.INF_WLZ,
]
/** Numbers where 0 is a real value stored by DHIS2 (zeroIsSignificant). */
const ZERO_SIGNIFICANT: string[] = [DE.DEL_LIVE_BIRTHS, DE.DEL_STILLBIRTHS, DE.ANC_IPTP_DOSE, DE.INF_WAZ, DE.INF_WLZ]

function aggregationType(d: DataElementDef): string {
  if (AVERAGE.includes(d.code)) return 'AVERAGE'
  if (d.valueType === 'BOOLEAN' || d.valueType === 'TRUE_ONLY') return 'SUM'
  if (d.code === DE.DEL_LIVE_BIRTHS || d.code === DE.DEL_STILLBIRTHS || d.code === DE.ANC_IPTP_DOSE) return 'SUM'
  return 'NONE'
}

// ---------------------------------------------------------------------------------------------
// Person, attributes, option sets, data elements
// ---------------------------------------------------------------------------------------------

export function trackedEntityTypes(): D2Object[] {
  const searchable = [ATTR.ID, ATTR.FIRST_NAME, ATTR.LAST_NAME, ATTR.PHONE]
  return [
    {
      id: PERSON_TYPE.id,
      code: PERSON_TYPE.code,
      name: PERSON_TYPE.name.en,
      shortName: PERSON_TYPE.name.en,
      description: 'Person (shared DHIS2 tracked entity type, UID of the WHO packages).',
      featureType: 'NONE',
      allowAuditLog: false,
      minAttributesRequiredToSearch: 1,
      maxTeiCountToReturn: 0,
      trackedEntityTypeAttributes: [ATTR.ID, ATTR.FIRST_NAME, ATTR.LAST_NAME, ATTR.PHONE].map((a) => ({
        id: uid('trackedEntityTypeAttribute', `${PERSON_TYPE.code}:${a}`),
        trackedEntityAttribute: ref(ids.attribute(a)),
        trackedEntityType: ref(PERSON_TYPE.id),
        displayInList: true,
        mandatory: false,
        searchable: searchable.includes(a),
      })),
      sharing: sharing('dataCapture'),
      translations: fr({
        NAME: PERSON_TYPE.name,
        SHORT_NAME: PERSON_TYPE.name,
        DESCRIPTION: l('', 'Personne (type d’entité suivie partagé de DHIS2, UID des paquets OMS).'),
      }),
    },
  ]
}

/** TextPattern of the generated identifier (unique per server). */
export const ID_PATTERN = '"DY-" + SEQUENTIAL(#########)'

export function trackedEntityAttributes(): D2Object[] {
  return ATTRIBUTES.map((a) => {
    const desc = describe(a)
    const o: D2Object = {
      id: ids.attribute(a.code),
      code: a.code,
      name: a.name.en,
      shortName: a.shortName.en,
      formName: a.formName.en,
      description: desc.en,
      valueType: a.valueType,
      aggregationType: 'NONE',
      unique: a.unique === true,
      generated: a.generated === true,
      orgunitScope: false,
      confidential: false,
      inherit: false,
      skipSynchronization: false,
      displayInListNoProgram: a.code === ATTR.FIRST_NAME || a.code === ATTR.LAST_NAME || a.code === ATTR.ID,
      trigramIndexable: false,
      sharing: sharing('metadata'),
      translations: fr({ NAME: a.name, SHORT_NAME: a.shortName, FORM_NAME: a.formName, DESCRIPTION: desc }),
    }
    if (a.generated) o.pattern = ID_PATTERN
    if (a.optionSet) o.optionSet = ref(ids.optionSet(a.optionSet))
    return o
  })
}

export function optionSets(): D2Object[] {
  return OPTION_SETS.map((s) => ({
    id: ids.optionSet(s.code),
    code: s.code,
    name: s.name.en,
    valueType: s.valueType,
    version: 1,
    options: s.options.map((o) => ref(ids.option(s.code, o.code))),
    sharing: sharing('metadata'),
    translations: fr({ NAME: s.name }),
  }))
}

export function options(): D2Object[] {
  return OPTION_SETS.flatMap((s) =>
    s.options.map((o, i) => ({
      id: ids.option(s.code, o.code),
      code: o.code,
      name: o.name.en,
      sortOrder: i + 1,
      optionSet: ref(ids.optionSet(s.code)),
      translations: fr({ NAME: o.name }),
    })),
  )
}

export function trackerDataElements(): D2Object[] {
  return DATA_ELEMENTS.map((d) => {
    const desc = describe(d)
    const o: D2Object = {
      id: ids.dataElement(d.code),
      code: d.code,
      name: d.name.en,
      shortName: d.shortName.en,
      formName: d.formName.en,
      description: desc.en,
      valueType: d.valueType,
      domainType: 'TRACKER',
      aggregationType: aggregationType(d),
      zeroIsSignificant: ZERO_SIGNIFICANT.includes(d.code),
      categoryCombo: defaultCombo,
      sharing: sharing('metadata'),
      translations: fr({ NAME: d.name, SHORT_NAME: d.shortName, FORM_NAME: d.formName, DESCRIPTION: desc }),
    }
    if (d.optionSet) o.optionSet = ref(ids.optionSet(d.optionSet))
    return o
  })
}

// ---------------------------------------------------------------------------------------------
// Stage sections (form readability); every stage data element is in exactly one section
// ---------------------------------------------------------------------------------------------

interface SectionSpec {
  key: string
  name: Label
  dataElements: string[]
}

export const STAGE_SECTIONS: Record<string, SectionSpec[]> = {
  [STAGE.ANC]: [
    { key: 'CONTACT', name: l('Contact and examination', 'Contact et examen'), dataElements: [DE.ANC_CONTACT_NO, DE.ANC_GEST_AGE_WEEKS, DE.ANC_WEIGHT_KG, DE.ANC_BP_SYSTOLIC, DE.ANC_BP_DIASTOLIC, DE.MATERNAL_MUAC_CM] },
    { key: 'FP', name: l('Family planning', 'Planification familiale (PF)'), dataElements: [DE.FP_COUNSELLED, DE.ANC_FP_METHOD_INTENDED] },
    { key: 'NUTRITION', name: l('Nutrition', 'Nutrition'), dataElements: [DE.MATERNAL_NUTRITION_COUNSELLED, DE.ANC_IFA_GIVEN] },
    { key: 'PREVENTION', name: l('Prevention (malaria, syphilis)', 'Prévention (paludisme, syphilis)'), dataElements: [DE.ANC_IPTP_DOSE, DE.ANC_SYPHILIS_TEST] },
    { key: 'PMTCT', name: l('PMTCT', 'PTME'), dataElements: [DE.HIV_TEST_OFFERED, DE.HIV_TEST_DONE, DE.HIV_RESULT, DE.ARV_GIVEN] },
    { key: 'PAC', name: l('Post-abortion care', 'Soins après avortement (SAA)'), dataElements: [DE.ANC_PAC, DE.ANC_PAC_FP_METHOD] },
  ],
  [STAGE.DELIVERY]: [
    { key: 'DELIVERY', name: l('Delivery', 'Accouchement'), dataElements: [DE.DEL_PLACE, DE.DEL_MODE, DE.DEL_PARTOGRAPH, DE.DEL_UTEROTONIC_1MIN, DE.DEL_AMTSL_FULL, DE.DEL_LIVE_BIRTHS, DE.DEL_STILLBIRTHS] },
    { key: 'PPFP', name: l('Postpartum family planning (before discharge)', 'PF du post-partum (avant la sortie)'), dataElements: [DE.FP_COUNSELLED, DE.FP_METHOD] },
    { key: 'NUTRITION', name: l('Maternal nutrition', 'Nutrition de la mère'), dataElements: [DE.MATERNAL_NUTRITION_COUNSELLED, DE.DEL_MATERNAL_VITA] },
    { key: 'PMTCT', name: l('PMTCT', 'PTME'), dataElements: [DE.HIV_TEST_DONE, DE.HIV_RESULT, DE.ARV_GIVEN] },
  ],
  [STAGE.PNC]: [
    { key: 'CONTACT', name: l('Contact and examination', 'Contact et examen'), dataElements: [DE.PNC_TIMING, DE.PNC_NEWBORN_SEEN, DE.PNC_DANGER_SIGNS, DE.MENTAL_HEALTH_POSITIVE, DE.MATERNAL_MUAC_CM] },
    { key: 'FP', name: l('Family planning', 'Planification familiale (PF)'), dataElements: [DE.FP_COUNSELLED, DE.FP_METHOD] },
    { key: 'NUTRITION', name: l('Nutrition, breastfeeding and hygiene', 'Nutrition, allaitement et hygiène'), dataElements: [DE.MATERNAL_NUTRITION_COUNSELLED, DE.PNC_BF_COUNSELLED, DE.HYGIENE_EDUCATION] },
    { key: 'PMTCT', name: l('PMTCT', 'PTME'), dataElements: [DE.HIV_RESULT, DE.ARV_GIVEN] },
  ],
  [STAGE.BIRTH]: [
    { key: 'BIRTH', name: l('Birth', 'Naissance'), dataElements: [DE.BIRTH_WEIGHT_G, DE.BIRTH_GEST_AGE_WEEKS] },
    { key: 'CARE', name: l('Newborn care', 'Soins du nouveau-né'), dataElements: [DE.BIRTH_ENC, DE.BIRTH_RESUSCITATED, DE.BIRTH_INFECTION_TREATED, DE.BIRTH_BF_1H, DE.KMC] },
    { key: 'PMTCT', name: l('PMTCT', 'PTME'), dataElements: [DE.BIRTH_ARV_PROPHYLAXIS] },
  ],
  [STAGE.INFANT_VISIT]: [
    { key: 'GROWTH', name: l('Growth', 'Croissance'), dataElements: [DE.INF_WEIGHT_KG, DE.INF_LENGTH_CM, DE.INF_MUAC_CM, DE.INF_WAZ, DE.INF_WLZ] },
    { key: 'CARE', name: l('Feeding and care', 'Alimentation et soins'), dataElements: [DE.INF_FEEDING, DE.KMC, DE.HYGIENE_EDUCATION, DE.INF_WELL_BABY, DE.INF_VITA] },
    { key: 'VACCINES', name: l('Immunization', 'Vaccination'), dataElements: [DE.INF_VAC_BCG, DE.INF_VAC_PENTA1, DE.INF_VAC_PENTA2, DE.INF_VAC_PENTA3, DE.INF_VAC_MCV1] },
    { key: 'PMTCT', name: l('PMTCT', 'PTME'), dataElements: [DE.INF_HIV_TEST] },
    { key: 'MOTHER', name: l('Mother (FP, nutrition, mental health)', 'Mère (PF, nutrition, santé mentale)'), dataElements: [DE.FP_COUNSELLED, DE.FP_METHOD, DE.MATERNAL_NUTRITION_COUNSELLED, DE.MATERNAL_MUAC_CM, DE.MENTAL_HEALTH_POSITIVE] },
    {
      key: 'MAMI',
      name: l('MAMI assessment of the mother–infant pair', 'Évaluation MAMI du couple mère-enfant'),
      dataElements: [
        DE.MAMI_OEDEMA, DE.MAMI_DANGER_SIGN, DE.MAMI_WEIGHT_LOSS, DE.MAMI_ATTACHMENT_EFFECTIVE,
        DE.MAMI_RF_PRETERM_LBW, DE.MAMI_RF_TWIN, DE.MAMI_RF_ADOLESCENT_MOTHER, DE.MAMI_RF_MOTHER_ABSENT, DE.MAMI_RF_MOTHER_HIV,
        DE.MAMI_RISK, DE.MAMI_ACTION, DE.MAMI_NEXT_VISIT,
      ],
    },
  ],
}

export const sectionCode = (stage: string, key: string): string => `${stage}_S_${key}`

/** Throws when a stage data element is in no section or in two. */
export function checkSections(): void {
  for (const st of STAGES) {
    const specs = STAGE_SECTIONS[st.code] ?? []
    const seen = new Map<string, string>()
    for (const s of specs) {
      for (const de of s.dataElements) {
        if (!st.dataElements.includes(de)) throw new Error(`section ${s.key} of ${st.code} lists ${de}, which is not in the stage`)
        if (seen.has(de)) throw new Error(`${de} is in sections ${seen.get(de)} and ${s.key} of ${st.code}`)
        seen.set(de, s.key)
      }
    }
    for (const de of st.dataElements) if (!seen.has(de)) throw new Error(`${de} of ${st.code} is in no section`)
  }
}

/** Stage data elements in form order (section order, then order inside the section). */
function formOrder(stage: string): string[] {
  return (STAGE_SECTIONS[stage] ?? []).flatMap((s) => s.dataElements)
}

export function programStageSections(): D2Object[] {
  checkSections()
  return STAGES.flatMap((st) =>
    (STAGE_SECTIONS[st.code] ?? []).map((s, i) => ({
      id: uid('programStageSection', sectionCode(st.code, s.key)),
      code: sectionCode(st.code, s.key),
      name: s.name.en,
      programStage: ref(ids.stage(st.code)),
      sortOrder: i + 1,
      dataElements: s.dataElements.map((d) => ref(ids.dataElement(d))),
      translations: fr({ NAME: s.name }),
    })),
  )
}

// ---------------------------------------------------------------------------------------------
// Programs and stages
// ---------------------------------------------------------------------------------------------

const STAGE_DESCRIPTIONS: Record<string, Label> = {
  [STAGE.ANC]: l('Antenatal care contact (one event per contact).', 'Consultation prénatale (un événement par contact).'),
  [STAGE.DELIVERY]: l('Delivery and immediate postpartum care before discharge.', 'Accouchement et soins du post-partum immédiat avant la sortie.'),
  [STAGE.PNC]: l('Postnatal contact of the mother (48 hours, day 6, day 42, other).', 'Consultation postnatale de la mère (48 heures, J6, J42, autre).'),
  [STAGE.BIRTH]: l('Birth and essential newborn care.', 'Naissance et soins essentiels du nouveau-né.'),
  [STAGE.INFANT_VISIT]: l('Infant visit: growth, feeding, immunization, MAMI assessment, the mother’s FP and nutrition.', 'Suivi du nourrisson : croissance, alimentation, vaccination, évaluation MAMI, PF et nutrition de la mère.'),
}

/** Data elements that may hold a date in the future (appointments). */
const FUTURE_DATE_ALLOWED: string[] = [DE.MAMI_NEXT_VISIT]

export function programStages(): D2Object[] {
  return STAGES.map((st) => {
    const program = PROGRAMS.find((p) => p.code === st.program)
    const sortOrder = (program?.stages.indexOf(st.code) ?? 0) + 1
    const desc = STAGE_DESCRIPTIONS[st.code]
    return {
      id: ids.stage(st.code),
      code: st.code,
      name: st.name.en,
      description: desc.en,
      program: ref(ids.program(st.program)),
      repeatable: st.repeatable,
      sortOrder,
      minDaysFromStart: 0,
      executionDateLabel: st.eventDateLabel.en,
      featureType: 'NONE',
      validationStrategy: 'ON_UPDATE_AND_INSERT',
      autoGenerateEvent: false,
      openAfterEnrollment: false,
      generatedByEnrollmentDate: false,
      blockEntryForm: false,
      remindCompleted: false,
      allowGenerateNextVisit: false,
      hideDueDate: false,
      preGenerateUID: false,
      referral: false,
      displayGenerateEventBox: true,
      enableUserAssignment: false,
      programStageDataElements: formOrder(st.code).map((de, i) => ({
        id: uid('programStageDataElement', `${st.code}:${de}`),
        programStage: ref(ids.stage(st.code)),
        dataElement: ref(ids.dataElement(de)),
        compulsory: false,
        allowProvidedElsewhere: false,
        allowFutureDate: FUTURE_DATE_ALLOWED.includes(de),
        displayInReports: true,
        renderOptionsAsRadio: false,
        skipAnalytics: false,
        skipSynchronization: false,
        sortOrder: i + 1,
      })),
      programStageSections: (STAGE_SECTIONS[st.code] ?? []).map((s) => ref(uid('programStageSection', sectionCode(st.code, s.key)))),
      sharing: sharing('dataCapture'),
      translations: fr({ NAME: st.name, DESCRIPTION: desc, EXECUTION_DATE_LABEL: st.eventDateLabel }),
    }
  })
}

const PROGRAM_DESCRIPTIONS: Record<string, Label> = {
  [PROGRAM.MOTHER]: l(
    'Follow-up of the mother from the first antenatal contact to postnatal care (INSPiRE entry points: antenatal care, delivery, postnatal care), with postpartum family planning, nutrition and PMTCT.',
    'Suivi de la mère de la première CPN aux soins postnatals (portes d’entrée INSPiRE : CPN, accouchement, CPoN), avec PF du post-partum, nutrition et PTME.',
  ),
  [PROGRAM.INFANT]: l(
    'Follow-up of each infant from birth (INSPiRE infant entry point): newborn care, growth, feeding, immunization, MAMI assessment of the mother–infant pair.',
    'Suivi de chaque nourrisson depuis la naissance (porte d’entrée nourrisson INSPiRE) : soins du nouveau-né, croissance, alimentation, vaccination, évaluation MAMI du couple mère-enfant.',
  ),
}

/** Attributes shown in the front-page list and used in search, per program. */
const LISTED: string[] = [ATTR.ID, ATTR.FIRST_NAME, ATTR.LAST_NAME, ATTR.DOB, ATTR.SEX]
const MANDATORY: Record<string, string[]> = {
  [PROGRAM.MOTHER]: [ATTR.FIRST_NAME, ATTR.LAST_NAME],
  [PROGRAM.INFANT]: [ATTR.SEX, ATTR.DOB],
}

export function programs(): D2Object[] {
  return PROGRAMS.map((p) => {
    const desc = PROGRAM_DESCRIPTIONS[p.code]
    return {
      id: ids.program(p.code),
      code: p.code,
      name: p.name.en,
      shortName: p.shortName.en,
      description: desc.en,
      programType: 'WITH_REGISTRATION',
      trackedEntityType: ref(PERSON_TYPE.id),
      categoryCombo: ref(DEFAULT_CATEGORY_COMBO),
      featureType: 'NONE',
      accessLevel: 'PROTECTED',
      displayIncidentDate: true,
      enrollmentDateLabel: p.enrollmentDateLabel.en,
      incidentDateLabel: p.incidentDateLabel.en,
      onlyEnrollOnce: p.code === PROGRAM.INFANT,
      selectEnrollmentDatesInFuture: false,
      selectIncidentDatesInFuture: false,
      ignoreOverdueEvents: false,
      useFirstStageDuringRegistration: false,
      displayFrontPageList: true,
      skipOffline: false,
      expiryDays: 0,
      completeEventsExpiryDays: 0,
      minAttributesRequiredToSearch: 1,
      maxTeiCountToReturn: 0,
      version: 1,
      programTrackedEntityAttributes: p.attributes.map((a, i) => {
        const def = ATTRIBUTES.find((x) => x.code === a)
        return {
          id: uid('programTrackedEntityAttribute', `${p.code}:${a}`),
          program: ref(ids.program(p.code)),
          trackedEntityAttribute: ref(ids.attribute(a)),
          valueType: def?.valueType ?? 'TEXT',
          mandatory: (MANDATORY[p.code] ?? []).includes(a),
          searchable: a === ATTR.ID || a === ATTR.FIRST_NAME || a === ATTR.LAST_NAME || a === ATTR.PHONE,
          displayInList: LISTED.includes(a),
          allowFutureDate: false,
          renderOptionsAsRadio: false,
          sortOrder: i + 1,
        }
      }),
      programStages: p.stages.map((s) => ref(ids.stage(s))),
      sharing: sharing('dataCapture'),
      translations: fr({
        NAME: p.name,
        SHORT_NAME: p.shortName,
        DESCRIPTION: desc,
        ENROLLMENT_DATE_LABEL: p.enrollmentDateLabel,
        INCIDENT_DATE_LABEL: p.incidentDateLabel,
      }),
    }
  })
}

export const RELATIONSHIP_LABELS = {
  name: l('Dyad - Mother → Infant', 'Dyade - Mère → Nourrisson'),
  fromToName: l('Mother of', 'Mère de'),
  toFromName: l('Infant of', 'Nourrisson de'),
  description: l('Links a mother (Mother program) to each of her infants (Infant program).', 'Relie une mère (programme Mère) à chacun de ses nourrissons (programme Nourrisson).'),
}

export function relationshipTypes(): D2Object[] {
  const view: Json = { attributes: [ref(ids.attribute(ATTR.ID)), ref(ids.attribute(ATTR.FIRST_NAME)), ref(ids.attribute(ATTR.LAST_NAME))], dataElements: [] }
  const constraint = (program: string): Json => ({
    relationshipEntity: 'TRACKED_ENTITY_INSTANCE',
    trackedEntityType: ref(PERSON_TYPE.id),
    program: ref(ids.program(program)),
    trackerDataView: view,
  })
  const r = RELATIONSHIP_LABELS
  return [
    {
      id: ids.relationshipType(),
      code: RELATIONSHIP_TYPE,
      name: r.name.en,
      description: r.description.en,
      bidirectional: true,
      referral: false,
      fromToName: r.fromToName.en,
      toFromName: r.toFromName.en,
      fromConstraint: constraint(PROGRAM.MOTHER),
      toConstraint: constraint(PROGRAM.INFANT),
      sharing: sharing('dataCapture'),
      translations: fr({ NAME: r.name, DESCRIPTION: r.description, RELATIONSHIP_FROM_TO_NAME: r.fromToName, RELATIONSHIP_TO_FROM_NAME: r.toFromName }),
    },
  ]
}

export { refTo }
