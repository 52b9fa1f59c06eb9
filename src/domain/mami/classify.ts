/**
 * MAMI dyad risk classification (MAMI Care Pathway: infant clinical status, infant nutritional
 * status, feeding, maternal mental health and nutrition, risk factors → one class for the
 * mother–infant pair). Rules (decision 0303; thresholds are data, `DEFAULT_MAMI_THRESHOLDS`):
 *
 * HIGH (refer for inpatient care)
 * - bilateral pitting oedema; any young-infant danger sign;
 * - severe anthropometry (WAZ < wazSevere, WLZ < wlzSevere, or MUAC < muacCm from muacMinAgeDays)
 *   with a complication: recent weight loss / faltering, ineffective attachment or suckling, or an
 *   infant who is not breastfed (WHO 2013 inpatient criteria).
 * MODERATE (enrol in outpatient MAMI support until 6 months)
 * - severe anthropometry without complication; WAZ < wazModerate; WLZ < wlzModerate;
 * - weight loss / faltering; ineffective attachment or suckling; not exclusively breastfed;
 * - mother at risk: maternal MUAC < maternalMuacCm or a positive mental-health screen;
 * - mother absent or deceased; at least `riskFactorsForModerate` risk factors.
 * LOW (usual care) otherwise.
 *
 * Missing or implausible measurements never crash the classification: they are reported as INFO
 * reasons and `complete` is false. Never throws.
 */
import { isImplausible, zScore, type GrowthSex, type LengthPosition } from '../growth'
import { DEFAULT_MAMI_THRESHOLDS, resolveMamiThresholds, type MamiLevel, type MamiThresholds } from './thresholds'

export interface MamiAssessment {
  infant: {
    sex: GrowthSex | string | null | undefined
    /** age in days at the assessment */
    ageDays: number | null | undefined
    weightKg?: number | null
    lengthCm?: number | null
    lengthMeasured?: LengthPosition
    muacCm?: number | null
    oedema?: boolean | null
    dangerSign?: boolean | null
    /** recent weight loss or failure to gain weight */
    weightLoss?: boolean | null
    /** attachment and suckling observed effective */
    attachmentEffective?: boolean | null
    /** vocabulary FEEDING option code */
    feeding?: 'EXCLUSIVE_BF' | 'PARTIAL_BF' | 'NOT_BF' | string | null
  }
  mother?: {
    muacCm?: number | null
    mentalHealthPositive?: boolean | null
  }
  riskFactors?: {
    pretermOrLbw?: boolean | null
    twin?: boolean | null
    adolescentMother?: boolean | null
    motherAbsent?: boolean | null
    motherHiv?: boolean | null
  }
}

export type MamiReasonCode =
  | 'OEDEMA'
  | 'DANGER_SIGN'
  | 'SEVERE_ANTHRO_COMPLICATED'
  | 'WAZ_SEVERE'
  | 'WAZ_MODERATE'
  | 'WLZ_SEVERE'
  | 'WLZ_MODERATE'
  | 'MUAC_LOW'
  | 'WEIGHT_LOSS'
  | 'INEFFECTIVE_ATTACHMENT'
  | 'NOT_BREASTFED'
  | 'NOT_EXCLUSIVELY_BREASTFED'
  | 'MATERNAL_MUAC_LOW'
  | 'MATERNAL_MENTAL_HEALTH'
  | 'MOTHER_ABSENT'
  | 'RISK_FACTORS'
  | 'AGE_NOT_ELIGIBLE'
  | 'AGE_MISSING'
  | 'SEX_MISSING'
  | 'WEIGHT_MISSING'
  | 'WAZ_IMPLAUSIBLE'
  | 'WLZ_IMPLAUSIBLE'
  | 'WLZ_NOT_APPLICABLE'
  | 'MUAC_TOO_YOUNG'

export interface MamiReason {
  code: MamiReasonCode
  /** the class this reason leads to; INFO = data note, no effect on the class */
  level: MamiLevel | 'INFO'
  en: string
  fr: string
}

export type MamiActionCode = 'REFERRED_INPATIENT' | 'ENROLLED_OUTPATIENT' | 'USUAL_CARE'

export interface MamiClassification {
  /** class from the infant's own criteria (clinical, anthropometry, feeding, risk factors) */
  infantRisk: MamiLevel
  motherAtRisk: boolean
  riskClass: MamiLevel
  /** vocabulary MAMI_ACTION option code */
  action: MamiActionCode
  actionLabel: { en: string; fr: string }
  reasons: MamiReason[]
  /** z-scores used (unrounded), null where not computable */
  waz: number | null
  wlz: number | null
  /** infant under the MAMI age limit */
  eligible: boolean
  /** every measurement needed was present and plausible */
  complete: boolean
}

const ACTIONS: Record<MamiLevel, { code: MamiActionCode; en: string; fr: string }> = {
  HIGH: { code: 'REFERRED_INPATIENT', en: 'Refer for inpatient care', fr: 'Référer pour une prise en charge hospitalière' },
  MODERATE: {
    code: 'ENROLLED_OUTPATIENT',
    en: 'Enrol in outpatient MAMI support until 6 months, then reassess',
    fr: 'Inscrire au suivi MAMI ambulatoire jusqu’à 6 mois, puis réévaluer',
  },
  LOW: { code: 'USUAL_CARE', en: 'Usual care', fr: 'Soins habituels' },
}

const RANK: Record<MamiLevel, number> = { LOW: 0, MODERATE: 1, HIGH: 2 }
const maxLevel = (a: MamiLevel, b: MamiLevel): MamiLevel => (RANK[a] >= RANK[b] ? a : b)

function num(v: number, loc: 'en' | 'fr', digits = 2): string {
  let s = (Math.round(Math.abs(v) * 10 ** digits) / 10 ** digits).toFixed(digits)
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '')
  const t = loc === 'fr' ? s.replace('.', ',') : s
  return v < 0 && t !== '0' ? `−${t}` : t
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export function classifyDyad(
  assessment: MamiAssessment | null | undefined,
  thresholdsInput: Partial<MamiThresholds> = DEFAULT_MAMI_THRESHOLDS,
): MamiClassification {
  const t = thresholdsInput === DEFAULT_MAMI_THRESHOLDS ? DEFAULT_MAMI_THRESHOLDS : resolveMamiThresholds(thresholdsInput).thresholds
  const reasons: MamiReason[] = []
  const add = (code: MamiReasonCode, level: MamiLevel | 'INFO', en: string, fr: string) => reasons.push({ code, level, en, fr })
  const a = assessment && typeof assessment === 'object' ? assessment : ({ infant: {} } as MamiAssessment)
  const inf = (a.infant && typeof a.infant === 'object' ? a.infant : {}) as MamiAssessment['infant']
  const mom = (a.mother && typeof a.mother === 'object' ? a.mother : {}) as NonNullable<MamiAssessment['mother']>
  const rf = (a.riskFactors && typeof a.riskFactors === 'object' ? a.riskFactors : {}) as NonNullable<MamiAssessment['riskFactors']>
  let complete = true

  const sex: GrowthSex | null = inf.sex === 'M' || inf.sex === 'F' ? inf.sex : null
  const age = finite(inf.ageDays) && inf.ageDays >= 0 ? inf.ageDays : null
  if (sex === null) {
    complete = false
    add('SEX_MISSING', 'INFO', 'Sex not recorded: no z-scores', 'Sexe non renseigné : pas d’indices z')
  }
  if (age === null) {
    complete = false
    add('AGE_MISSING', 'INFO', 'Age not known: no age-based z-scores', 'Âge inconnu : pas d’indices selon l’âge')
  }
  const eligible = age !== null && age <= t.maxAgeDays
  if (age !== null && !eligible) {
    add(
      'AGE_NOT_ELIGIBLE',
      'INFO',
      `Infant is ${Math.floor(age)} days old: over the MAMI age limit (${t.maxAgeDays} days); refer to services for 6–59 months`,
      `Nourrisson de ${Math.floor(age)} jours : au-delà de l’âge MAMI (${t.maxAgeDays} jours) ; orienter vers les services 6–59 mois`,
    )
  }

  // --- clinical
  let infant: MamiLevel = 'LOW'
  if (inf.oedema === true) {
    infant = 'HIGH'
    add('OEDEMA', 'HIGH', 'Bilateral pitting oedema', 'Œdèmes bilatéraux prenant le godet')
  }
  if (inf.dangerSign === true) {
    infant = 'HIGH'
    add('DANGER_SIGN', 'HIGH', 'Young-infant danger sign', 'Signe de danger du jeune nourrisson')
  }

  // --- anthropometry
  let waz: number | null = null
  let wlz: number | null = null
  const weight = finite(inf.weightKg) && inf.weightKg > 0 ? inf.weightKg : null
  if (weight === null) {
    complete = false
    add('WEIGHT_MISSING', 'INFO', 'Weight not recorded: no WAZ', 'Poids non renseigné : pas d’IPA')
  }
  if (sex !== null && age !== null && weight !== null && inf.oedema !== true) {
    const z = zScore('wfa', sex, age, weight)
    if (z !== null && isImplausible('wfa', z)) {
      complete = false
      add('WAZ_IMPLAUSIBLE', 'INFO', `WAZ ${num(z, 'en')} is implausible: check weight and age`, `IPA ${num(z, 'fr')} invraisemblable : vérifier le poids et l’âge`)
    } else waz = z
  }
  const length = finite(inf.lengthCm) && inf.lengthCm > 0 ? inf.lengthCm : null
  if (sex !== null && age !== null && weight !== null && length !== null && inf.oedema !== true) {
    const z = zScore('wfl', sex, age, weight, { lengthCm: length, measured: inf.lengthMeasured })
    if (z === null) {
      add('WLZ_NOT_APPLICABLE', 'INFO', `No WLZ for a length of ${num(length, 'en', 1)} cm (standard: 45–110 cm)`, `Pas d’IPT pour une taille de ${num(length, 'fr', 1)} cm (norme : 45–110 cm)`)
    } else if (isImplausible('wfl', z)) {
      complete = false
      add('WLZ_IMPLAUSIBLE', 'INFO', `WLZ ${num(z, 'en')} is implausible: check weight and length`, `IPT ${num(z, 'fr')} invraisemblable : vérifier le poids et la taille`)
    } else wlz = z
  }
  const muac = finite(inf.muacCm) && inf.muacCm > 0 ? inf.muacCm : null
  let muacLow = false
  if (muac !== null && age !== null) {
    if (age < t.muacMinAgeDays) {
      add('MUAC_TOO_YOUNG', 'INFO', `MUAC not used before ${t.muacMinAgeDays} days`, `PB non utilisé avant ${t.muacMinAgeDays} jours`)
    } else if (muac < t.muacCm) muacLow = true
  }

  const severe: { code: MamiReasonCode; en: string; fr: string }[] = []
  if (waz !== null && waz < t.wazSevere) {
    severe.push({ code: 'WAZ_SEVERE', en: `WAZ ${num(waz, 'en')} < ${num(t.wazSevere, 'en')}`, fr: `IPA ${num(waz, 'fr')} < ${num(t.wazSevere, 'fr')}` })
  }
  if (wlz !== null && wlz < t.wlzSevere) {
    severe.push({ code: 'WLZ_SEVERE', en: `WLZ ${num(wlz, 'en')} < ${num(t.wlzSevere, 'en')}`, fr: `IPT ${num(wlz, 'fr')} < ${num(t.wlzSevere, 'fr')}` })
  }
  if (muacLow && muac !== null) {
    severe.push({ code: 'MUAC_LOW', en: `MUAC ${num(muac, 'en', 1)} cm < ${num(t.muacCm, 'en', 1)} cm`, fr: `PB ${num(muac, 'fr', 1)} cm < ${num(t.muacCm, 'fr', 1)} cm` })
  }

  // --- feeding and growth
  const weightLoss = inf.weightLoss === true
  const ineffective = inf.attachmentEffective === false
  const notBreastfed = inf.feeding === 'NOT_BF'
  const complicated = weightLoss || ineffective || notBreastfed

  if (severe.length > 0) {
    const level: MamiLevel = complicated ? 'HIGH' : 'MODERATE'
    infant = maxLevel(infant, level)
    for (const s of severe) add(s.code, level, s.en, s.fr)
    if (complicated) {
      add(
        'SEVERE_ANTHRO_COMPLICATED',
        'HIGH',
        'Severe anthropometry with weight loss or a feeding problem',
        'Anthropométrie sévère avec perte de poids ou problème d’alimentation',
      )
    }
  }
  if (waz !== null && waz >= t.wazSevere && waz < t.wazModerate) {
    infant = maxLevel(infant, 'MODERATE')
    add('WAZ_MODERATE', 'MODERATE', `WAZ ${num(waz, 'en')} < ${num(t.wazModerate, 'en')}`, `IPA ${num(waz, 'fr')} < ${num(t.wazModerate, 'fr')}`)
  }
  if (wlz !== null && wlz >= t.wlzSevere && wlz < t.wlzModerate) {
    infant = maxLevel(infant, 'MODERATE')
    add('WLZ_MODERATE', 'MODERATE', `WLZ ${num(wlz, 'en')} < ${num(t.wlzModerate, 'en')}`, `IPT ${num(wlz, 'fr')} < ${num(t.wlzModerate, 'fr')}`)
  }
  if (weightLoss) {
    infant = maxLevel(infant, 'MODERATE')
    add('WEIGHT_LOSS', 'MODERATE', 'Recent weight loss or failure to gain weight', 'Perte de poids récente ou absence de prise de poids')
  }
  if (ineffective) {
    infant = maxLevel(infant, 'MODERATE')
    add('INEFFECTIVE_ATTACHMENT', 'MODERATE', 'Ineffective attachment or suckling', 'Prise du sein ou succion inefficace')
  }
  if (notBreastfed) {
    infant = maxLevel(infant, 'MODERATE')
    add('NOT_BREASTFED', 'MODERATE', 'Infant not breastfed', 'Nourrisson non allaité')
  } else if (inf.feeding === 'PARTIAL_BF') {
    infant = maxLevel(infant, 'MODERATE')
    add('NOT_EXCLUSIVELY_BREASTFED', 'MODERATE', 'Not exclusively breastfed', 'Allaitement non exclusif')
  }

  // --- risk factors
  const factors: [boolean | null | undefined, string, string][] = [
    [rf.pretermOrLbw, 'preterm or low birth weight', 'prématuré ou faible poids de naissance'],
    [rf.twin, 'twin or multiple birth', 'jumeau ou naissance multiple'],
    [rf.adolescentMother, 'adolescent mother', 'mère adolescente'],
    [rf.motherAbsent, 'mother absent or deceased', 'mère absente ou décédée'],
    [rf.motherHiv, 'mother living with HIV', 'mère vivant avec le VIH'],
  ]
  const present = factors.filter((f) => f[0] === true)
  if (rf.motherAbsent === true) {
    infant = maxLevel(infant, 'MODERATE')
    add('MOTHER_ABSENT', 'MODERATE', 'Mother absent or deceased', 'Mère absente ou décédée')
  }
  if (present.length > 0) {
    const level: MamiLevel = present.length >= t.riskFactorsForModerate ? 'MODERATE' : 'LOW'
    infant = maxLevel(infant, level)
    add(
      'RISK_FACTORS',
      level,
      `Risk factors: ${present.map((f) => f[1]).join(', ')}`,
      `Facteurs de risque : ${present.map((f) => f[2]).join(', ')}`,
    )
  }

  // --- mother
  let motherAtRisk = false
  if (finite(mom.muacCm) && mom.muacCm > 0 && mom.muacCm < t.maternalMuacCm) {
    motherAtRisk = true
    add(
      'MATERNAL_MUAC_LOW',
      'MODERATE',
      `Mother's MUAC ${num(mom.muacCm, 'en', 1)} cm < ${num(t.maternalMuacCm, 'en', 1)} cm`,
      `PB de la mère ${num(mom.muacCm, 'fr', 1)} cm < ${num(t.maternalMuacCm, 'fr', 1)} cm`,
    )
  }
  if (mom.mentalHealthPositive === true) {
    motherAtRisk = true
    add('MATERNAL_MENTAL_HEALTH', 'MODERATE', 'Positive maternal mental-health screen', 'Dépistage de la santé mentale maternelle positif')
  }

  const riskClass = motherAtRisk ? maxLevel(infant, 'MODERATE') : infant
  const act = ACTIONS[riskClass]
  return {
    infantRisk: infant,
    motherAtRisk,
    riskClass,
    action: act.code,
    actionLabel: { en: act.en, fr: act.fr },
    reasons,
    waz,
    wlz,
    eligible,
    complete,
  }
}
