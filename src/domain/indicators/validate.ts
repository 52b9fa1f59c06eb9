/**
 * Self-check of an indicator catalog against the vocabulary: codes, lengths, labels, rule
 * references (stage, data element of that stage, option codes of its option set), operator/value
 * type coherence, legends, cascade and derived references. Returns readable errors (empty = valid).
 * Used by the catalog test and available to the metadata build.
 */
import {
  DATA_ELEMENTS,
  OPTION_SETS,
  PROGRAM,
  STAGES,
  type DataElementDef,
  type Label,
} from '../../../metadata/src/vocabulary'
import type { Condition, Rule } from './rules'
import type { CascadeStep, IndicatorDef } from './types'

const MAX_CODE = 50
const MAX_SHORT = 50
const NUMERIC = new Set(['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE'])

function labelErrors(where: string, label: Label | undefined, max?: number): string[] {
  const out: string[] = []
  if (!label) return [`${where}: missing`]
  for (const lang of ['en', 'fr'] as const) {
    const v = label[lang]
    if (typeof v !== 'string' || v.trim() === '') out.push(`${where}.${lang}: empty`)
    else if (max !== undefined && v.length > max) out.push(`${where}.${lang}: ${v.length} > ${max} characters`)
  }
  return out
}

function conditionErrors(where: string, stageCode: string, c: Condition): string[] {
  const stage = STAGES.find((s) => s.code === stageCode)
  if (!stage) return [`${where}: unknown stage ${stageCode}`]
  if ('ageDays' in c) {
    const out: string[] = []
    if (stage.program !== PROGRAM.INFANT) out.push(`${where}: ageDays on a non-infant stage ${stageCode}`)
    const { min, max } = c.ageDays
    if (min === undefined && max === undefined) out.push(`${where}: ageDays without bounds`)
    if (min !== undefined && (!Number.isInteger(min) || min < 0)) out.push(`${where}: ageDays.min must be a whole number ≥ 0`)
    if (max !== undefined && (!Number.isInteger(max) || max <= 0)) out.push(`${where}: ageDays.max must be a whole number > 0`)
    if (min !== undefined && max !== undefined && min >= max) out.push(`${where}: ageDays.min ≥ max`)
    return out
  }
  const de: DataElementDef | undefined = DATA_ELEMENTS.find((d) => d.code === c.de)
  if (!de) return [`${where}: unknown data element ${c.de}`]
  if (!stage.dataElements.includes(c.de)) return [`${where}: data element ${c.de} is not in stage ${stageCode}`]
  const out: string[] = []
  const optionSet = de.optionSet ? OPTION_SETS.find((o) => o.code === de.optionSet) : undefined
  const optionCodes = optionSet ? new Set(optionSet.options.map((o) => o.code)) : undefined
  switch (c.op) {
    case 'eq':
    case 'ne':
      if (de.valueType === 'BOOLEAN' || de.valueType === 'TRUE_ONLY') {
        if (c.value !== 'true' && c.value !== 'false') out.push(`${where}: BOOLEAN ${c.de} compared with '${c.value}'`)
      } else if (optionCodes) {
        if (!optionCodes.has(c.value)) out.push(`${where}: option '${c.value}' not in ${de.optionSet}`)
      } else if (NUMERIC.has(de.valueType)) {
        out.push(`${where}: text comparison on numeric ${c.de} (use eqNum)`)
      }
      break
    case 'in':
      if (!optionCodes) out.push(`${where}: 'in' on ${c.de} which has no option set`)
      else {
        if (c.values.length === 0) out.push(`${where}: 'in' with no values`)
        for (const v of c.values) if (!optionCodes.has(v)) out.push(`${where}: option '${v}' not in ${de.optionSet}`)
      }
      break
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eqNum':
      if (!NUMERIC.has(de.valueType)) out.push(`${where}: numeric comparison on ${de.valueType} ${c.de}`)
      if (typeof c.value !== 'number' || !Number.isFinite(c.value)) out.push(`${where}: numeric comparison with a non-number`)
      break
    case 'hasValue':
    case 'noValue':
      break
    default:
      out.push(`${where}: unknown operator`)
  }
  return out
}

export function ruleErrors(where: string, rule: Rule | undefined): string[] {
  if (!rule) return [`${where}: missing rule`]
  if (rule.kind !== 'events') return [`${where}: unknown rule kind`]
  const out: string[] = []
  if (!STAGES.some((s) => s.code === rule.stage)) return [`${where}: unknown stage ${rule.stage}`]
  rule.where.forEach((c, i) => out.push(...conditionErrors(`${where}.where[${i}]`, rule.stage, c)))
  return out
}

const condKey = (c: Condition): string => JSON.stringify(c)

/**
 * Codes of percent/ratio indicators whose numerator is not a subset of their denominator by
 * construction (the two sides count different stages); all others must be.
 */
export const CROSS_STAGE_RATIOS = new Set(['PMTCT_TEST', 'PNC48_M', 'PNC48_NB', 'PNC_D6', 'PNC_D42'])

export function validateCatalog(catalog: IndicatorDef[], cascade: CascadeStep[]): string[] {
  const errors: string[] = []
  const codes = new Set<string>()
  const allCodes = new Set<string>()
  const byCode = new Map(catalog.map((d) => [d.code, d]))
  for (const d of catalog) {
    const w = `${d.code}`
    if (!/^[A-Z][A-Z0-9_]*$/.test(d.code)) errors.push(`${w}: code must be upper snake case`)
    if (codes.has(d.code)) errors.push(`${w}: duplicate indicator code`)
    codes.add(d.code)
    errors.push(...labelErrors(`${w}.name`, d.name, 230))
    errors.push(...labelErrors(`${w}.shortName`, d.shortName, MAX_SHORT))
    errors.push(...labelErrors(`${w}.description`, d.description))
    errors.push(...labelErrors(`${w}.numeratorText`, d.numeratorText))
    if (d.unit !== 'count') errors.push(...labelErrors(`${w}.denominatorText`, d.denominatorText))
    if (d.factor !== (d.unit === 'percent' ? 100 : 1)) errors.push(`${w}: factor ${d.factor} does not match unit ${d.unit}`)
    if (d.source.type === 'proposed') errors.push(...labelErrors(`${w}.source.reasoning`, d.source.reasoning))
    if (!d.source.reference) errors.push(`${w}: source reference missing`)
    if (d.deviation) errors.push(...labelErrors(`${w}.deviation`, d.deviation))
    const own = [d.indicatorCode, d.programIndicators?.numerator, d.programIndicators?.denominator].filter((x): x is string => !!x)
    for (const c of own) {
      if (c.length > MAX_CODE) errors.push(`${w}: code ${c} is longer than ${MAX_CODE}`)
      if (allCodes.has(c)) errors.push(`${w}: duplicate metadata code ${c}`)
      allCodes.add(c)
    }
    if (d.kind === 'tracker') {
      if (d.indicatorCode !== `DYAD_IN_${d.code}`) errors.push(`${w}: indicator code must be DYAD_IN_${d.code}`)
      if (d.programIndicators?.numerator !== `DYAD_PI_${d.code}_NUM`) errors.push(`${w}: numerator PI code must be DYAD_PI_${d.code}_NUM`)
      errors.push(...ruleErrors(`${w}.numerator`, d.numerator))
      if (d.unit === 'count') {
        if (d.denominator) errors.push(`${w}: a count has no denominator rule`)
        if (d.programIndicators?.denominator) errors.push(`${w}: a count has no denominator program indicator`)
      } else {
        if (d.programIndicators?.denominator !== `DYAD_PI_${d.code}_DEN`) errors.push(`${w}: denominator PI code must be DYAD_PI_${d.code}_DEN`)
        errors.push(...ruleErrors(`${w}.denominator`, d.denominator))
        if (d.numerator && d.denominator && !CROSS_STAGE_RATIOS.has(d.code)) {
          if (d.numerator.stage !== d.denominator.stage) errors.push(`${w}: numerator and denominator count different stages`)
          const num = new Set(d.numerator.where.map(condKey))
          // A comparison on a data element implies it has a value (missing values fail comparisons).
          const compared = new Set(d.numerator.where.filter((c) => 'de' in c && c.op !== 'noValue').map((c) => ('de' in c ? c.de : '')))
          for (const c of d.denominator.where) {
            if ('de' in c && c.op === 'hasValue' && compared.has(c.de)) continue
            if (!num.has(condKey(c))) errors.push(`${w}: denominator condition ${condKey(c)} missing from the numerator (numerator must be a subset)`)
          }
        }
      }
      if (d.checklist && d.numerator) {
        const des = new Set(d.numerator.where.map((c) => ('de' in c ? c.de : '')))
        for (const item of d.checklist) {
          errors.push(...labelErrors(`${w}.checklist.service`, item.service))
          if (item.dataElement === null) errors.push(...labelErrors(`${w}.checklist.excludedBecause`, item.excludedBecause))
          else if (!des.has(item.dataElement)) errors.push(`${w}: checklist item ${item.dataElement} not in the numerator rule`)
        }
      }
    } else if (d.kind === 'aggregate') {
      if (d.numerator || d.denominator || d.programIndicators) errors.push(`${w}: an aggregate indicator has no tracker rule or program indicator`)
      if (d.indicatorCode !== `DYAD_IN_${d.code}`) errors.push(`${w}: indicator code must be DYAD_IN_${d.code}`)
      errors.push(...labelErrors(`${w}.aggregate.intent`, d.aggregate?.intent))
    } else if (d.kind === 'derived') {
      if (!d.derived) errors.push(`${w}: derived without a source`)
      else {
        const from = byCode.get(d.derived.from)
        if (!from) errors.push(`${w}: derived from unknown ${d.derived.from}`)
        else if (from.kind !== 'tracker') errors.push(`${w}: derived from a non-tracker indicator`)
      }
    } else errors.push(`${w}: unknown kind`)
    if (d.legend) {
      const b = d.legend.bands
      if (b.length === 0) errors.push(`${w}: empty legend`)
      for (let i = 0; i < b.length; i++) {
        if (!(b[i].start < b[i].end)) errors.push(`${w}: legend band ${i} start ≥ end`)
        if (i > 0 && b[i].start !== b[i - 1].end) errors.push(`${w}: legend bands ${i - 1}/${i} have a gap or overlap`)
      }
      if (d.direction === 'none') errors.push(`${w}: legend colours without a direction`)
    }
  }
  const stepKeys = new Set<string>()
  for (const s of cascade) {
    if (stepKeys.has(s.key)) errors.push(`cascade ${s.key}: duplicate key`)
    stepKeys.add(s.key)
    errors.push(...labelErrors(`cascade ${s.key}.label`, s.label, MAX_SHORT))
    const d = byCode.get(s.indicator)
    if (!d) errors.push(`cascade ${s.key}: unknown indicator ${s.indicator}`)
    else if (d.kind !== 'tracker') errors.push(`cascade ${s.key}: ${s.indicator} is not a tracker indicator`)
  }
  return errors
}
