/**
 * Completeness of key data elements per stage: of the contacts of a stage in the period and scope
 * (counted exactly as the pair engine counts events: not deleted, status ACTIVE or COMPLETED,
 * event date in the period, event org unit in scope), how many have a value for each key data
 * element — e.g. the share of ANC contacts where FP counselling (yes or no) was recorded.
 */
import type { Label } from '../../../metadata/src/vocabulary'
import { DATA_ELEMENTS, DE, STAGE, STAGES, ids } from '../../../metadata/src/vocabulary'
import { dayNumber, isoOfDay } from '../dates'
import type { TrackedEntity } from '../tracker'
import { resolveVocabulary, type VocabularyIds } from '../vocabularyIds'
import type { CheckScope, QualityRecord } from './types'

/** The key data elements checked per stage (codes of metadata/src/vocabulary). */
export const KEY_DATA_ELEMENTS: { stage: string; dataElements: string[] }[] = [
  { stage: STAGE.ANC, dataElements: [DE.ANC_CONTACT_NO, DE.ANC_GEST_AGE_WEEKS, DE.FP_COUNSELLED, DE.HIV_TEST_DONE, DE.MATERNAL_MUAC_CM] },
  { stage: STAGE.DELIVERY, dataElements: [DE.DEL_PLACE, DE.DEL_LIVE_BIRTHS, DE.DEL_AMTSL_FULL, DE.FP_COUNSELLED, DE.FP_METHOD] },
  { stage: STAGE.PNC, dataElements: [DE.PNC_TIMING, DE.FP_COUNSELLED, DE.PNC_NEWBORN_SEEN] },
  { stage: STAGE.BIRTH, dataElements: [DE.BIRTH_WEIGHT_G, DE.BIRTH_BF_1H, DE.BIRTH_ENC] },
  { stage: STAGE.INFANT_VISIT, dataElements: [DE.INF_WEIGHT_KG, DE.INF_FEEDING, DE.FP_COUNSELLED] },
]

export interface CompletenessItem {
  dataElement: string
  name: Label
  /** Contacts with a value. */
  recorded: number
  /** recorded / contacts × 100; null when the stage has no contact. */
  percent: number | null
  /** Contacts without a value (capped by maxRecords). */
  missing: QualityRecord[]
}

export interface StageCompleteness {
  stage: string
  name: Label
  /** Contacts of the stage in the period and scope. */
  contacts: number
  items: CompletenessItem[]
}

export function computeCompleteness(
  entities: TrackedEntity[],
  scope: CheckScope & { period: { start: string; end: string } },
  spec: { stage: string; dataElements: string[] }[] = KEY_DATA_ELEMENTS,
  vocabulary: VocabularyIds = resolveVocabulary(),
): StageCompleteness[] {
  const cap = scope.maxRecords ?? 500
  const start = dayNumber(scope.period.start)
  const end = dayNumber(scope.period.end)
  const out: StageCompleteness[] = []
  const byStage = new Map<string, { st: StageCompleteness; uids: string[] }>()
  for (const s of spec) {
    const def = STAGES.find((x) => x.code === s.stage)
    if (!def) continue
    const st: StageCompleteness = {
      stage: s.stage,
      name: def.name,
      contacts: 0,
      items: s.dataElements.map((code) => ({ dataElement: code, name: DATA_ELEMENTS.find((d) => d.code === code)?.shortName ?? { en: code, fr: code }, recorded: 0, percent: null, missing: [] })),
    }
    out.push(st)
    byStage.set(ids.stage(s.stage), { st, uids: s.dataElements.map((c) => ids.dataElement(c)) })
  }
  if (Number.isNaN(start) || Number.isNaN(end)) return out
  const scopeCache = new Map<string, boolean>()
  for (const te of Array.isArray(entities) ? entities : []) {
    if (!te || te.deleted === true) continue
    for (const en of Array.isArray(te.enrollments) ? te.enrollments : []) {
      if (!en || en.deleted === true) continue
      for (const ev of Array.isArray(en.events) ? en.events : []) {
        if (!ev || ev.deleted === true || (ev.status !== 'ACTIVE' && ev.status !== 'COMPLETED')) continue
        const entry = byStage.get(ev.programStage)
        if (!entry) continue
        const stage = vocabulary.stageOf(ev.programStage)
        if (!stage || stage.programUid !== en.program) continue
        const day = dayNumber(ev.occurredAt)
        if (Number.isNaN(day) || day < start || day > end) continue
        if (scope.inScope) {
          const ou = ev.orgUnit
          let ok = scopeCache.get(ou)
          if (ok === undefined) scopeCache.set(ou, (ok = typeof ou === 'string' && scope.inScope(ou)))
          if (!ok) continue
        }
        entry.st.contacts++
        const dvs = Array.isArray(ev.dataValues) ? ev.dataValues : []
        entry.uids.forEach((uid, i) => {
          const item = entry.st.items[i]
          const has = dvs.some((dv) => dv && dv.dataElement === uid && typeof dv.value === 'string' && dv.value !== '')
          if (has) item.recorded++
          else if (item.missing.length < cap) {
            item.missing.push({
              entity: te.trackedEntity,
              enrollment: en.enrollment,
              event: ev.event,
              program: en.program,
              orgUnit: ev.orgUnit,
              date: isoOfDay(day),
              detail: { en: `${item.name.en} not recorded.`, fr: `${item.name.fr} non renseigné.` },
            })
          }
        })
      }
    }
  }
  for (const st of out) for (const item of st.items) item.percent = st.contacts === 0 ? null : (item.recorded / st.contacts) * 100
  return out
}
