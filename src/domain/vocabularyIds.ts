/**
 * The vocabulary resolved to UIDs once, for the parser, the linker and the engine: programs,
 * stages (with their program and data elements), data elements (value type, option codes) and the
 * mother → infant relationship type. All UIDs come from metadata/src (ids.*), never literals.
 */
import {
  DATA_ELEMENTS,
  DE,
  OPTION_SETS,
  PROGRAM,
  STAGE,
  STAGES,
  ids,
  type ValueType,
} from '../../metadata/src/vocabulary'

export type StageKey = 'anc' | 'delivery' | 'pnc' | 'birth' | 'infantVisit'

export interface StageInfo {
  uid: string
  code: string
  key: StageKey
  programUid: string
  dataElementUids: Set<string>
  /** The stage's data elements by UID (one lookup answers "in stage?" and "what type?"). */
  dataElementInfo: Map<string, DataElementInfo>
}

export interface DataElementInfo {
  uid: string
  code: string
  valueType: ValueType
  /** Option codes when the data element has an option set. */
  options?: Set<string>
}

export interface VocabularyIds {
  motherProgram: string
  infantProgram: string
  relationshipType: string
  stages: Map<string, StageInfo>
  /** Stage of a UID by direct comparison with the five stage UIDs (no hashing on hot paths). */
  stageOf: (uid: unknown) => StageInfo | undefined
  stageByCode: Map<string, StageInfo>
  dataElements: Map<string, DataElementInfo>
  dataElementByCode: Map<string, DataElementInfo>
  /** Delivery data elements used by the linker. */
  de: { liveBirths: string; stillbirths: string; deliveryPlace: string }
}

const STAGE_KEYS: Record<string, StageKey> = {
  [STAGE.ANC]: 'anc',
  [STAGE.DELIVERY]: 'delivery',
  [STAGE.PNC]: 'pnc',
  [STAGE.BIRTH]: 'birth',
  [STAGE.INFANT_VISIT]: 'infantVisit',
}

let cached: VocabularyIds | undefined

export function resolveVocabulary(): VocabularyIds {
  if (cached) return cached
  const stages = new Map<string, StageInfo>()
  const stageByCode = new Map<string, StageInfo>()
  for (const s of STAGES) {
    const info: StageInfo = {
      uid: ids.stage(s.code),
      code: s.code,
      key: STAGE_KEYS[s.code],
      programUid: ids.program(s.program),
      dataElementUids: new Set(s.dataElements.map((d) => ids.dataElement(d))),
      dataElementInfo: new Map(),
    }
    stages.set(info.uid, info)
    stageByCode.set(s.code, info)
  }
  const dataElements = new Map<string, DataElementInfo>()
  const dataElementByCode = new Map<string, DataElementInfo>()
  for (const d of DATA_ELEMENTS) {
    const os = d.optionSet ? OPTION_SETS.find((o) => o.code === d.optionSet) : undefined
    const info: DataElementInfo = {
      uid: ids.dataElement(d.code),
      code: d.code,
      valueType: d.valueType,
      ...(os ? { options: new Set(os.options.map((o) => o.code)) } : {}),
    }
    dataElements.set(info.uid, info)
    dataElementByCode.set(d.code, info)
  }
  for (const st of stages.values()) for (const uid of st.dataElementUids) st.dataElementInfo.set(uid, dataElements.get(uid)!)
  const list = [...stages.values()]
  const [s0, s1, s2, s3, s4] = list
  const stageOf = (uid: unknown): StageInfo | undefined =>
    uid === s0.uid ? s0 : uid === s1.uid ? s1 : uid === s2.uid ? s2 : uid === s3.uid ? s3 : uid === s4.uid ? s4 : undefined
  cached = {
    motherProgram: ids.program(PROGRAM.MOTHER),
    infantProgram: ids.program(PROGRAM.INFANT),
    relationshipType: ids.relationshipType(),
    stages,
    stageOf,
    stageByCode,
    dataElements,
    dataElementByCode,
    de: {
      liveBirths: ids.dataElement(DE.DEL_LIVE_BIRTHS),
      stillbirths: ids.dataElement(DE.DEL_STILLBIRTHS),
      deliveryPlace: ids.dataElement(DE.DEL_PLACE),
    },
  }
  return cached
}
