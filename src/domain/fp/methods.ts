/**
 * Contraceptive methods of Dyad, keyed by the vocabulary's `FP_METHOD` codes. Names come from the
 * vocabulary's option set (single source of the FR/EN labels); this file adds the clinical class and
 * whether the method is "modern".
 */
import { FP_METHOD, OS, optionSetByCode, type FpMethodCode, type Label } from '../../../metadata/src/vocabulary'

export type FpMethodClass = 'short-acting' | 'long-acting-reversible' | 'permanent' | 'traditional-natural'

export interface FpMethod {
  code: FpMethodCode
  name: Label
  class: FpMethodClass
  /**
   * Modern method per the WHO / FP2030 definition (Hubacher & Trussell 2015): every product or
   * medical procedure, plus LAM and the Standard Days Method. No traditional method (withdrawal,
   * periodic abstinence) is in the Dyad option set.
   */
  modern: boolean
  /** Post-partum specific insertion (counts as the same product for CYP). */
  postpartum?: boolean
}

export const FP_METHOD_CLASS_LABELS: Readonly<Record<FpMethodClass, Label>> = {
  'short-acting': { en: 'Short-acting methods', fr: 'Méthodes de courte durée d’action' },
  'long-acting-reversible': { en: 'Long-acting reversible methods', fr: 'Méthodes réversibles de longue durée d’action' },
  permanent: { en: 'Permanent methods', fr: 'Méthodes permanentes' },
  'traditional-natural': { en: 'Natural methods (LAM, Standard Days)', fr: 'Méthodes naturelles (MAMA, jours fixes)' },
}

const CLASS: Readonly<Record<FpMethodCode, FpMethodClass>> = {
  IUD_POSTPLACENTAL: 'long-acting-reversible',
  IUD_POSTCAESAREAN: 'long-acting-reversible',
  IUD_CU: 'long-acting-reversible',
  IUD_LNG: 'long-acting-reversible',
  IMPLANT_3Y: 'long-acting-reversible',
  IMPLANT_5Y: 'long-acting-reversible',
  IMPLANT_LEVOPLANT: 'long-acting-reversible',
  TUBAL_LIGATION: 'permanent',
  VASECTOMY: 'permanent',
  LAM: 'traditional-natural',
  POP: 'short-acting',
  COC: 'short-acting',
  INJ_DMPA_IM: 'short-acting',
  INJ_DMPA_SC: 'short-acting',
  INJ_NETEN: 'short-acting',
  INJ_CYCLOFEM: 'short-acting',
  CONDOM_MALE: 'short-acting',
  CONDOM_FEMALE: 'short-acting',
  ECP: 'short-acting',
  SDM: 'traditional-natural',
}

function buildMethods(): FpMethod[] {
  const os = optionSetByCode(OS.FP_METHOD)
  const names = new Map((os?.options ?? []).map((o) => [o.code, o.name]))
  return (Object.values(FP_METHOD) as FpMethodCode[]).map((code) => ({
    code,
    name: names.get(code) ?? { en: code, fr: code },
    class: CLASS[code],
    modern: true,
    ...(code === 'IUD_POSTPLACENTAL' || code === 'IUD_POSTCAESAREAN' ? { postpartum: true } : {}),
  }))
}

/** Every method, in the option set's order. */
export const FP_METHODS: readonly FpMethod[] = buildMethods()

const BY_CODE = new Map<string, FpMethod>(FP_METHODS.map((m) => [m.code, m]))

export function fpMethod(code: string): FpMethod | undefined {
  return BY_CODE.get(code)
}

export function isFpMethodCode(code: unknown): code is FpMethodCode {
  return typeof code === 'string' && BY_CODE.has(code)
}
