/**
 * MAMI dyad risk thresholds, as data (stored in the Dyad settings and in program-rule constants,
 * never literals in the rules). Defaults are a proposal built from the sources in
 * `reference/domain.md` §4 and decision 0303: **to be confirmed nationally** against the MAMI Care
 * Pathway Package v3 (2021) assessment form and each country's protocol.
 */
import type { Label } from '../../../metadata/src/vocabulary'

export type MamiLevel = 'HIGH' | 'MODERATE' | 'LOW'

export interface MamiThresholds {
  version: number
  status: 'to-be-confirmed-nationally' | 'confirmed'
  /** Infants are eligible below 6 months: age in days ≤ this (6 × 30.4375 = 182.6 d). */
  maxAgeDays: number
  /** WAZ below this: severe anthropometry (high risk if complicated, else moderate). */
  wazSevere: number
  /** WAZ below this: at risk (moderate). */
  wazModerate: number
  /** WLZ (length 45–110 cm) below this: severe anthropometry. */
  wlzSevere: number
  /** WLZ below this: at risk (moderate). */
  wlzModerate: number
  /** MUAC is used from this age (days; 6 weeks). */
  muacMinAgeDays: number
  /** Absolute infant MUAC (cm) below this: severe anthropometry. */
  muacCm: number
  /** Maternal MUAC (cm) below this: mother at nutritional risk. */
  maternalMuacCm: number
  /** Number of dyad risk factors (preterm/LBW, twin, adolescent mother, mother absent, mother with HIV) that alone make the dyad moderate risk. */
  riskFactorsForModerate: number
  /** Source of each value, shown next to the settings. */
  sources: Readonly<Record<string, Label>>
}

export const DEFAULT_MAMI_THRESHOLDS: MamiThresholds = {
  version: 1,
  status: 'to-be-confirmed-nationally',
  maxAgeDays: 182,
  wazSevere: -3,
  wazModerate: -2,
  wlzSevere: -3,
  wlzModerate: -2,
  muacMinAgeDays: 42,
  muacCm: 11,
  maternalMuacCm: 23,
  riskFactorsForModerate: 2,
  sources: {
    wazModerate: {
      en: 'WAZ < −2: MAMI Global Network favours weight-for-age for infants < 6 months (FEX 57; en-net). To be confirmed nationally.',
      fr: 'IPA < −2 : le réseau MAMI privilégie le poids-pour-âge avant 6 mois (FEX 57 ; en-net). À confirmer au niveau national.',
    },
    wazSevere: {
      en: 'WAZ < −3: severe underweight; high risk only with a complication (weight loss, ineffective feeding). Proposal, to be confirmed nationally.',
      fr: 'IPA < −3 : insuffisance pondérale sévère ; risque élevé seulement avec une complication (perte de poids, alimentation inefficace). Proposition, à confirmer au niveau national.',
    },
    wlzSevere: {
      en: 'WLZ < −3 (length ≥ 45 cm): WHO 2013 definition of severe acute malnutrition under 6 months.',
      fr: 'IPT < −3 (taille ≥ 45 cm) : définition OMS 2013 de la malnutrition aiguë sévère avant 6 mois.',
    },
    wlzModerate: {
      en: 'WLZ < −2: wasting. To be confirmed nationally.',
      fr: 'IPT < −2 : émaciation. À confirmer au niveau national.',
    },
    muacCm: {
      en: 'MUAC < 11.0 cm from 6 weeks predicts death (Mwangome 2013); no MUAC-for-age standard exists before 3 months. To be confirmed nationally.',
      fr: 'PB < 11,0 cm à partir de 6 semaines prédit le décès (Mwangome 2013) ; pas de norme PB-pour-âge avant 3 mois. À confirmer au niveau national.',
    },
    maternalMuacCm: {
      en: 'Maternal MUAC < 23 cm: common cut-off of West African protocols for pregnant and lactating women (some use < 21 cm for severe). To be confirmed nationally.',
      fr: 'PB maternel < 23 cm : seuil courant des protocoles ouest-africains pour les femmes enceintes et allaitantes (certains utilisent < 21 cm pour la forme sévère). À confirmer au niveau national.',
    },
    riskFactorsForModerate: {
      en: 'Two or more dyad risk factors without another criterion: enrol for support. Proposal, to be confirmed nationally.',
      fr: 'Deux facteurs de risque ou plus sans autre critère : inscrire au suivi. Proposition, à confirmer au niveau national.',
    },
    maxAgeDays: {
      en: 'MAMI covers infants under 6 months (MAMI Care Pathway v3, 2021).',
      fr: 'La PCIMA-MAMI concerne les nourrissons de moins de 6 mois (parcours de soins MAMI v3, 2021).',
    },
  },
}

export interface MamiThresholdProblem {
  field: keyof MamiThresholds
  value: unknown
  reason: 'not-a-number' | 'out-of-range' | 'severe-above-moderate'
}

const NUMERIC: [keyof MamiThresholds, number, number][] = [
  ['maxAgeDays', 1, 1826],
  ['wazSevere', -6, 0],
  ['wazModerate', -6, 0],
  ['wlzSevere', -5, 0],
  ['wlzModerate', -5, 0],
  ['muacMinAgeDays', 0, 1826],
  ['muacCm', 5, 20],
  ['maternalMuacCm', 10, 40],
  ['riskFactorsForModerate', 1, 10],
]

/**
 * Thresholds from settings: each invalid value falls back to the default and is reported.
 * Never throws.
 */
export function resolveMamiThresholds(input: Partial<MamiThresholds> | null | undefined): {
  thresholds: MamiThresholds
  problems: MamiThresholdProblem[]
} {
  const problems: MamiThresholdProblem[] = []
  const out: MamiThresholds = { ...DEFAULT_MAMI_THRESHOLDS }
  const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  for (const [field, min, max] of NUMERIC) {
    if (!(field in src) || src[field] === undefined) continue
    const v = src[field]
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ field, value: v, reason: 'not-a-number' })
    else if (v < min || v > max) problems.push({ field, value: v, reason: 'out-of-range' })
    else (out as unknown as Record<string, number>)[field] = v
  }
  if (src.status === 'confirmed' || src.status === 'to-be-confirmed-nationally') out.status = src.status
  if (typeof src.version === 'number' && Number.isFinite(src.version)) out.version = src.version
  if (out.wazSevere > out.wazModerate) {
    problems.push({ field: 'wazSevere', value: out.wazSevere, reason: 'severe-above-moderate' })
    out.wazSevere = DEFAULT_MAMI_THRESHOLDS.wazSevere
    out.wazModerate = DEFAULT_MAMI_THRESHOLDS.wazModerate
  }
  if (out.wlzSevere > out.wlzModerate) {
    problems.push({ field: 'wlzSevere', value: out.wlzSevere, reason: 'severe-above-moderate' })
    out.wlzSevere = DEFAULT_MAMI_THRESHOLDS.wlzSevere
    out.wlzModerate = DEFAULT_MAMI_THRESHOLDS.wlzModerate
  }
  return { thresholds: out, problems }
}
