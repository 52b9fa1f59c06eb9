/**
 * The cross-check: for one org unit and period, every catalog tracker indicator computed by the
 * app's pair engine (from tracker records) next to DHIS2 analytics (the package's program
 * indicators), with each difference explained by its likely causes:
 *  - analytics tables older than the last data change (`lastAnalyticsTableSuccess` of
 *    /api/system/info vs the newest `updatedAt` of the tracker data read);
 *  - records outside the data the app could read (registered elsewhere, outside the user's search
 *    scope) — analytics counts events by their org unit, whoever owns the record;
 *  - a program indicator on the server whose definition differs from the catalog rule
 *    (structural comparison of its expression, filter and boundaries with the rule);
 *  - a program indicator missing on the server; records the app could not count (no date,
 *    unreadable values).
 */
import type { Label } from '../../../metadata/src/vocabulary'
import { CATALOG } from '../indicators/catalog'
import type { Condition, EventRule } from '../indicators/rules'
import type { IndicatorDef } from '../indicators/types'
import { resolveVocabulary, type VocabularyIds } from '../vocabularyIds'

export interface ServerProgramIndicator {
  id: string
  code?: string
  analyticsType?: string
  expression?: string
  filter?: string
  programStage?: { id?: string } | null
  analyticsPeriodBoundaries?: { boundaryTarget?: string; analyticsPeriodBoundaryType?: string }[]
}

const l = (en: string, fr: string): Label => ({ en, fr })
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const compact = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '')

/**
 * Differences between a catalog rule and a server program indicator (empty: same meaning as far
 * as a structural comparison can tell). Checks: EVENT analytics type, `V{event_count}`, the rule's
 * stage restriction, the status restriction (ACTIVE/COMPLETED), the data elements referenced (no
 * more, no fewer), each condition's operator and value, the age window, and event-date boundaries.
 */
export function compareProgramIndicator(rule: EventRule, pi: ServerProgramIndicator, v: VocabularyIds = resolveVocabulary()): Label[] {
  const diffs: Label[] = []
  const stage = v.stageByCode.get(rule.stage)
  if (!stage) return [l(`The catalog rule names an unknown stage ${rule.stage}.`, `La règle du catalogue nomme une étape inconnue ${rule.stage}.`)]
  if ((pi.analyticsType ?? 'EVENT') !== 'EVENT') diffs.push(l(`Analytics type is ${pi.analyticsType}, not EVENT.`, `Le type d’analyse est ${pi.analyticsType}, pas EVENT.`))
  if (compact(pi.expression) !== 'V{event_count}') diffs.push(l(`Expression is “${pi.expression ?? ''}”, not V{event_count}.`, `L’expression est « ${pi.expression ?? ''} », pas V{event_count}.`))
  const filter = pi.filter ?? ''
  const f = compact(filter)
  // stage restriction
  const stageLiteral = new RegExp(`['"]${escape(stage.uid)}['"]`)
  if (!stageLiteral.test(filter) && pi.programStage?.id !== stage.uid) {
    diffs.push(l(`The filter does not restrict events to the stage ${stage.code}.`, `Le filtre ne limite pas les événements à l’étape ${stage.code}.`))
  }
  if (!f.includes('V{event_status}')) diffs.push(l('The filter does not exclude scheduled or skipped events (V{event_status}).', 'Le filtre n’exclut pas les événements planifiés ou sautés (V{event_status}).'))
  // data elements referenced
  const refs = new Set<string>()
  for (const m of filter.matchAll(/#\{\s*([A-Za-z0-9]{11})\s*\.\s*([A-Za-z0-9]{11})\s*\}/g)) {
    if (m[1] !== stage.uid) diffs.push(l(`The filter reads a data element of another stage (${m[1]}).`, `Le filtre lit un élément d’une autre étape (${m[1]}).`))
    refs.add(m[2])
  }
  const wanted = new Set<string>()
  for (const c of rule.where) {
    if ('ageDays' in c) {
      if (!f.includes('d2:daysBetween')) diffs.push(l('The age window is missing (d2:daysBetween).', 'La fenêtre d’âge manque (d2:daysBetween).'))
      for (const n of [c.ageDays.min, c.ageDays.max]) {
        if (n !== undefined && !new RegExp(`(^|[^0-9.])${n}([^0-9.]|$)`).test(f)) diffs.push(l(`The age limit ${n} days is missing.`, `La limite d’âge ${n} jours manque.`))
      }
      continue
    }
    const de = v.dataElementByCode.get(c.de)
    if (!de) {
      diffs.push(l(`The catalog rule names an unknown data element ${c.de}.`, `La règle du catalogue nomme un élément inconnu ${c.de}.`))
      continue
    }
    wanted.add(de.uid)
    const ref = `#{${stage.uid}.${de.uid}}`
    if (!f.includes(ref)) {
      diffs.push(l(`The condition on ${c.de} is missing.`, `La condition sur ${c.de} manque.`))
      continue
    }
    const miss = conditionMissing(c, ref, f, de.valueType)
    if (miss) diffs.push(miss)
  }
  for (const r of refs) {
    if (!wanted.has(r)) {
      const code = v.dataElements.get(r)?.code ?? r
      diffs.push(l(`The filter has a condition on ${code} that the catalog rule does not have.`, `Le filtre a une condition sur ${code} absente de la règle du catalogue.`))
    }
  }
  for (const b of pi.analyticsPeriodBoundaries ?? []) {
    if (b && b.boundaryTarget && b.boundaryTarget !== 'EVENT_DATE') {
      diffs.push(l(`A period boundary is on ${b.boundaryTarget}, not the event date.`, `Une borne de période porte sur ${b.boundaryTarget}, pas sur la date de l’événement.`))
    }
  }
  return diffs
}

function conditionMissing(c: Exclude<Condition, { ageDays: unknown }>, ref: string, f: string, valueType: string): Label | null {
  const r = escape(ref)
  const has = (re: string): boolean => new RegExp(re).test(f)
  const lit = (x: string): string => `['"]${escape(x)}['"]`
  const bool = valueType === 'BOOLEAN' || valueType === 'TRUE_ONLY'
  const opText: Record<string, string> = { lt: '<', le: '<=', gt: '>', ge: '>=', eqNum: '==' }
  let ok = true
  switch (c.op) {
    case 'hasValue':
      ok = has(`(?<!!)d2:hasValue\\(${r}\\)`)
      break
    case 'noValue':
      ok = has(`!d2:hasValue\\(${r}\\)`)
      break
    case 'eq':
    case 'ne': {
      const op = c.op === 'eq' ? '==' : '!='
      if (bool) {
        const want = c.value === 'true' ? '(1|true)' : '(0|false)'
        ok = has(`${r}${op}${want}(?![0-9])`)
      } else ok = has(`${r}${op}${lit(c.value)}`) || has(`${r}${op}${escape(c.value)}(?![0-9.])`)
      break
    }
    case 'in':
      ok = c.values.every((x) => has(`${r}==${lit(x)}`))
      break
    default: {
      const op = opText[c.op]
      ok = has(`${r}${escape(op)}${escape(String(c.value))}(?![0-9.])`)
    }
  }
  if (ok) return null
  const what = 'value' in c ? `${c.op} ${c.value}` : 'values' in c ? `in ${c.values.join(', ')}` : c.op
  return l(`The condition ${c.de} ${what} is not in the filter.`, `La condition ${c.de} ${what} n’est pas dans le filtre.`)
}

// ---------------------------------------------------------------------------------------------

export type CauseCode = 'PI_MISSING' | 'DEFINITION_DIFFERS' | 'STALE_ANALYTICS' | 'OUTSIDE_SCOPE' | 'DATA_PROBLEMS' | 'UNEXPLAINED'

export interface Cause {
  code: CauseCode
  text: Label
}

export interface SideValues {
  numerator: number
  denominator: number | null
  value: number | null
}

export interface CrossCheckRow {
  code: string
  name: Label
  unit: IndicatorDef['unit']
  engine: SideValues
  /** null when a program indicator of the indicator is missing on the server. */
  analytics: SideValues | null
  status: 'match' | 'differs' | 'missing'
  causes: Cause[]
  definitionDifferences: Label[]
}

export interface CrossCheckInput {
  /** Pair engine counts per program-indicator code (EngineResult.programIndicators). */
  engine: Record<string, number>
  /** Analytics value per program-indicator code, for the PIs on the server (no row = 0). */
  analytics: Record<string, number | undefined>
  /** The server's program indicators by code (undefined: not on the server). */
  serverPIs: Record<string, ServerProgramIndicator | undefined>
  freshness?: { lastAnalyticsTableSuccess?: string | null; newestDataUpdate?: string | null }
  scope?: {
    /** The selected org unit is not inside the user's tracker search org units. */
    outsideSearchScope?: boolean
    /** Relationships to records that were not read (RELATIONSHIP_UNKNOWN_ENTITY). */
    relationshipsOutsideData?: number
  }
  /** Events the app could not count (missing/invalid date or org unit, unreadable values). */
  countingProblems?: number
  catalog?: IndicatorDef[]
  vocabulary?: VocabularyIds
}

export interface CrossCheckResult {
  rows: CrossCheckRow[]
  summary: { match: number; differs: number; missing: number }
  /** Analytics tables were last built before the newest tracker change (or the server does not say). */
  staleAnalytics: boolean | null
}

function valueOf(d: IndicatorDef, num: number, den: number | null): SideValues {
  if (d.unit === 'count' || den === null) return { numerator: num, denominator: null, value: num }
  return { numerator: num, denominator: den, value: den === 0 ? null : d.unit === 'percent' ? (num / den) * 100 : num / den }
}

/** Compare ISO timestamps without zone by their text (same format), else by Date parsing. */
function before(a: string, b: string): boolean {
  const ta = Date.parse(a.length <= 23 && !/[zZ+]/.test(a.slice(10)) ? `${a}Z` : a)
  const tb = Date.parse(b.length <= 23 && !/[zZ+]/.test(b.slice(10)) ? `${b}Z` : b)
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b
  return ta < tb
}

export function crossCheck(input: CrossCheckInput): CrossCheckResult {
  const catalog = (input.catalog ?? CATALOG).filter((d) => d.kind === 'tracker' && d.numerator && d.programIndicators)
  const v = input.vocabulary ?? resolveVocabulary()
  const fr = input.freshness
  let staleAnalytics: boolean | null = null
  if (fr?.newestDataUpdate) staleAnalytics = fr.lastAnalyticsTableSuccess ? before(fr.lastAnalyticsTableSuccess, fr.newestDataUpdate) : null
  const rows: CrossCheckRow[] = []
  const summary = { match: 0, differs: 0, missing: 0 }
  for (const d of catalog) {
    const pis = d.programIndicators!
    const sides: { code: string; rule: EventRule }[] = [{ code: pis.numerator, rule: d.numerator! }]
    if (pis.denominator && d.denominator) sides.push({ code: pis.denominator, rule: d.denominator })
    const engineNum = input.engine[pis.numerator] ?? 0
    const engineDen = sides.length > 1 ? input.engine[pis.denominator!] ?? 0 : null
    const engine = valueOf(d, engineNum, engineDen)
    const definitionDifferences: Label[] = []
    let missing = false
    for (const s of sides) {
      const pi = input.serverPIs[s.code]
      if (!pi) {
        missing = true
        continue
      }
      for (const diff of compareProgramIndicator(s.rule, pi, v)) definitionDifferences.push(l(`${s.code}: ${diff.en}`, `${s.code} : ${diff.fr}`))
    }
    const causes: Cause[] = []
    let analytics: SideValues | null = null
    let status: CrossCheckRow['status']
    if (missing) {
      status = 'missing'
      causes.push({
        code: 'PI_MISSING',
        text: l('The program indicator is not on the server: install or upgrade the Dyad package (Setup page).', 'L’indicateur de programme n’est pas sur le serveur : installer ou mettre à jour le paquet Dyade (page Configuration).'),
      })
    } else {
      const aNum = input.analytics[pis.numerator] ?? 0
      const aDen = sides.length > 1 ? input.analytics[pis.denominator!] ?? 0 : null
      analytics = valueOf(d, aNum, aDen)
      const same = aNum === engineNum && aDen === engineDen
      status = same ? 'match' : 'differs'
      if (!same) {
        if (definitionDifferences.length > 0) {
          causes.push({ code: 'DEFINITION_DIFFERS', text: l('The server’s program indicator does not compute what the catalog says (see the differences).', 'L’indicateur de programme du serveur ne calcule pas ce que dit le catalogue (voir les différences).') })
        }
        if (staleAnalytics !== false) {
          causes.push({
            code: 'STALE_ANALYTICS',
            text: staleAnalytics
              ? l('The analytics tables were built before the last change to the data: run analytics (Data Administration) and re-check.', 'Les tables d’analyse ont été générées avant la dernière modification des données : lancer l’analyse (Administration des données) puis revérifier.')
              : l('The server does not say when the analytics tables were last built; they may be older than the data.', 'Le serveur n’indique pas quand les tables d’analyse ont été générées ; elles peuvent être plus anciennes que les données.'),
          })
        }
        const analyticsMore = aNum > engineNum || (aDen !== null && engineDen !== null && aDen > engineDen)
        if (analyticsMore || input.scope?.outsideSearchScope || (input.scope?.relationshipsOutsideData ?? 0) > 0) {
          causes.push({
            code: 'OUTSIDE_SCOPE',
            text: l(
              'Analytics counts events done in this organisation unit on records registered elsewhere or outside your search scope, which the app cannot read.',
              'L’analyse compte les événements faits dans cette unité sur des dossiers enregistrés ailleurs ou hors de votre périmètre de recherche, que l’application ne peut pas lire.',
            ),
          })
        }
        if ((input.countingProblems ?? 0) > 0) {
          causes.push({ code: 'DATA_PROBLEMS', text: l('Some records could not be counted by the app (no valid date, unreadable values): see the problems above.', 'Certains dossiers n’ont pas pu être comptés par l’application (date invalide, valeurs illisibles) : voir les problèmes ci-dessus.') })
        }
        if (causes.length === 0) {
          causes.push({ code: 'UNEXPLAINED', text: l('No known cause: please report this difference with the indicator, org unit and period.', 'Aucune cause connue : merci de signaler cette différence avec l’indicateur, l’unité et la période.') })
        }
      } else if (definitionDifferences.length > 0) {
        // same numbers today, but the definitions differ: it will not stay so
        causes.push({ code: 'DEFINITION_DIFFERS', text: l('Same values for this period, but the server’s definition differs from the catalog.', 'Mêmes valeurs sur cette période, mais la définition du serveur diffère du catalogue.') })
      }
    }
    summary[status]++
    rows.push({ code: d.code, name: d.name, unit: d.unit, engine, analytics, status, causes, definitionDifferences })
  }
  return { rows, summary, staleAnalytics }
}
