/**
 * Program indicators, indicators, indicator types and legend sets generated from the indicator
 * catalog (src/domain/indicators/catalog.ts): one definition drives the pair engine and DHIS2.
 *
 * Rule → program indicator (rules.ts explains the semantics): analyticsType EVENT, expression
 * `V{event_count}`, period boundaries AFTER_START / BEFORE_END of the reporting period on the event
 * date, and a filter made of: the stage (`V{program_stage_id} == '<stage>'`), the event status
 * (ACTIVE or COMPLETED), and each condition guarded by `d2:hasValue` (DHIS2 replaces nulls in PI
 * filters, so an unguarded `!= 1` or `< 2500` would count missing values).
 */
import { CATALOG } from '../../src/domain/indicators/catalog'
import type { Condition, EventRule } from '../../src/domain/indicators/rules'
import type { IndicatorDef, LegendBand } from '../../src/domain/indicators/types'
import { TRAFFIC_LIGHT } from '../../src/domain/legends'
import { fr, l, ref, sharing, type D2Object, type Json } from './common'
import { uid } from './uid'
import { DATA_ELEMENTS, STAGES, ids, type Label } from './vocabulary'

// ---------------------------------------------------------------------------------------------
// Rule → filter
// ---------------------------------------------------------------------------------------------

const STATUS = `(V{event_status} == 'ACTIVE' || V{event_status} == 'COMPLETED')`
const AGE_DAYS = 'd2:daysBetween(V{incident_date}, V{event_date})'

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

function conditionFilter(stageId: string, c: Condition): string {
  if ('ageDays' in c) {
    const parts: string[] = []
    if (c.ageDays.min !== undefined) parts.push(`${AGE_DAYS} >= ${c.ageDays.min}`)
    if (c.ageDays.max !== undefined) parts.push(`${AGE_DAYS} < ${c.ageDays.max}`)
    if (parts.length === 0) throw new Error('ageDays condition without min or max')
    return `(${parts.join(' && ')})`
  }
  const def = DATA_ELEMENTS.find((d) => d.code === c.de)
  if (!def) throw new Error(`rule condition on unknown data element ${c.de}`)
  const item = `#{${stageId}.${ids.dataElement(c.de)}}`
  const has = `d2:hasValue(${item})`
  const bool = def.valueType === 'BOOLEAN' || def.valueType === 'TRUE_ONLY'
  const numeric = ['NUMBER', 'INTEGER', 'INTEGER_POSITIVE', 'INTEGER_ZERO_OR_POSITIVE'].includes(def.valueType)
  const literal = (v: string): string => {
    if (bool) {
      if (v !== 'true' && v !== 'false') throw new Error(`BOOLEAN ${c.de} compared with '${v}'`)
      return v === 'true' ? '1' : '0'
    }
    if (numeric) {
      if (!/^-?\d+(\.\d+)?$/.test(v)) throw new Error(`numeric ${c.de} compared with '${v}'`)
      return v
    }
    return quote(v)
  }
  switch (c.op) {
    case 'hasValue':
      return has
    case 'noValue':
      return `!${has}`
    case 'eq':
      return `(${has} && ${item} == ${literal(c.value)})`
    case 'ne':
      return `(${has} && ${item} != ${literal(c.value)})`
    case 'in':
      if (c.values.length === 0) throw new Error(`empty 'in' on ${c.de}`)
      return `(${has} && (${c.values.map((v) => `${item} == ${literal(v)}`).join(' || ')}))`
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eqNum': {
      if (!numeric) throw new Error(`numeric comparison on ${def.valueType} data element ${c.de}`)
      const op = { lt: '<', le: '<=', gt: '>', ge: '>=', eqNum: '==' }[c.op]
      return `(${has} && ${item} ${op} ${c.value})`
    }
  }
}

/** The DHIS2 program-indicator filter of an `events` rule. */
export function ruleFilter(rule: EventRule): string {
  const stage = STAGES.find((s) => s.code === rule.stage)
  if (!stage) throw new Error(`rule on unknown stage ${rule.stage}`)
  const stageId = ids.stage(stage.code)
  return [`V{program_stage_id} == '${stageId}'`, STATUS, ...rule.where.map((c) => conditionFilter(stageId, c))].join(' && ')
}

export function ruleProgram(rule: EventRule): string {
  const stage = STAGES.find((s) => s.code === rule.stage)
  if (!stage) throw new Error(`rule on unknown stage ${rule.stage}`)
  return stage.program
}

// ---------------------------------------------------------------------------------------------
// Program indicators
// ---------------------------------------------------------------------------------------------

const SIDE: Record<'numerator' | 'denominator', Label> = {
  numerator: l('numerator', 'numérateur'),
  denominator: l('denominator', 'dénominateur'),
}

function shortPiName(d: IndicatorDef, side: 'numerator' | 'denominator', lang: 'en' | 'fr'): string {
  const tag = side === 'numerator' ? (lang === 'en' ? ' (num)' : ' (num)') : lang === 'en' ? ' (den)' : ' (dén)'
  const base = d.shortName[lang]
  const max = 50 - tag.length
  return (base.length > max ? `${base.slice(0, max - 1)}…` : base) + tag
}

export function programIndicators(): D2Object[] {
  const out: D2Object[] = []
  for (const d of CATALOG) {
    if (d.kind !== 'tracker' || !d.programIndicators || !d.numerator) continue
    const sides: ['numerator' | 'denominator', string, EventRule, Label][] = [['numerator', d.programIndicators.numerator, d.numerator, d.numeratorText]]
    if (d.programIndicators.denominator && d.denominator && d.denominatorText) {
      sides.push(['denominator', d.programIndicators.denominator, d.denominator, d.denominatorText])
    }
    for (const [side, code, rule, text] of sides) {
      const name = l(`Dyad PI - ${d.name.en} - ${SIDE[side].en}`, `Dyade IP - ${d.name.fr} - ${SIDE[side].fr}`)
      const shortName = l(shortPiName(d, side, 'en'), shortPiName(d, side, 'fr'))
      const description = l(`${text.en}. Counts events (event date in the period).`, `${text.fr}. Compte les événements (date de l’événement dans la période).`)
      out.push({
        id: uid('programIndicator', code),
        code,
        name: name.en,
        shortName: shortName.en,
        description: description.en,
        program: ref(ids.program(ruleProgram(rule))),
        analyticsType: 'EVENT',
        expression: 'V{event_count}',
        filter: ruleFilter(rule),
        aggregationType: 'COUNT',
        decimals: 0,
        displayInForm: false,
        analyticsPeriodBoundaries: [
          { id: uid('analyticsPeriodBoundary', `${code}:START`), boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'AFTER_START_OF_REPORTING_PERIOD' },
          { id: uid('analyticsPeriodBoundary', `${code}:END`), boundaryTarget: 'EVENT_DATE', analyticsPeriodBoundaryType: 'BEFORE_END_OF_REPORTING_PERIOD' },
        ],
        legendSets: d.legend && d.unit === 'count' ? [ref(uid('legendSet', `DYAD_LS_${d.code}`))] : [],
        sharing: sharing('metadata'),
        translations: fr({ NAME: name, SHORT_NAME: shortName, DESCRIPTION: description }),
      })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Indicator types, legend sets
// ---------------------------------------------------------------------------------------------

export const INDICATOR_TYPE = {
  PERCENT: 'DYAD_IT_PERCENT',
  NUMBER: 'DYAD_IT_NUMBER',
} as const

export function indicatorTypes(): D2Object[] {
  const it = (code: string, name: Label, factor: number): D2Object => ({
    id: uid('indicatorType', code),
    code,
    name: name.en,
    factor,
    number: factor === 1,
    translations: fr({ NAME: name }),
  })
  return [it(INDICATOR_TYPE.PERCENT, l('Dyad - Percentage', 'Dyade - Pourcentage'), 100), it(INDICATOR_TYPE.NUMBER, l('Dyad - Number (factor 1)', 'Dyade - Nombre (facteur 1)'), 1)]
}

const COLOR_KEY = { red: 'RED', yellow: 'AMBER', green: 'GREEN' } as const

export interface LegendSource {
  code: string
  name: Label
  bands: LegendBand[]
}

export function legendSetsFrom(sources: LegendSource[]): D2Object[] {
  return sources.map((s) => {
    const bands = [...s.bands].sort((a, b) => a.start - b.start)
    for (let i = 1; i < bands.length; i++) {
      if (bands[i].start !== bands[i - 1].end) throw new Error(`legend of ${s.code}: gap or overlap between ${bands[i - 1].end} and ${bands[i].start}`)
    }
    const setCode = `DYAD_LS_${s.code}`
    const name = l(`Dyad - ${s.name.en}`, `Dyade - ${s.name.fr}`)
    return {
      id: uid('legendSet', setCode),
      code: setCode,
      name: name.en,
      symbolizer: 'color',
      legends: bands.map((b, i): Json => {
        const t = TRAFFIC_LIGHT[COLOR_KEY[b.color]]
        const lname = l(`${t.name.en} (${b.start}–${b.end})`, `${t.name.fr} (${b.start}–${b.end})`)
        return {
          id: uid('legend', `${setCode}_${i + 1}`),
          code: `${setCode}_${i + 1}`,
          name: lname.en,
          startValue: b.start,
          endValue: b.end,
          color: t.color,
          translations: fr({ NAME: lname }) as unknown as Json,
        }
      }),
      sharing: sharing('metadata'),
      translations: fr({ NAME: name }),
    }
  })
}

export function catalogLegendSources(): LegendSource[] {
  return CATALOG.filter((d) => d.legend && d.indicatorCode).map((d) => ({ code: d.code, name: d.name, bands: d.legend?.bands ?? [] }))
}

// ---------------------------------------------------------------------------------------------
// Indicators (tracker: I{num}/I{den}); aggregate formulas come from aggregateObjects.ts
// ---------------------------------------------------------------------------------------------

export interface IndicatorSpec {
  code: string
  name: Label
  shortName: Label
  description: Label
  numerator: string
  numeratorDescription: Label
  denominator: string
  denominatorDescription: Label
  percent: boolean
  legendSet?: string
}

export function indicatorsFrom(specs: IndicatorSpec[]): D2Object[] {
  return specs.map((s) => ({
    id: uid('indicator', s.code),
    code: s.code,
    name: s.name.en,
    shortName: s.shortName.en,
    description: s.description.en,
    indicatorType: ref(uid('indicatorType', s.percent ? INDICATOR_TYPE.PERCENT : INDICATOR_TYPE.NUMBER)),
    numerator: s.numerator,
    numeratorDescription: s.numeratorDescription.en,
    denominator: s.denominator,
    denominatorDescription: s.denominatorDescription.en,
    annualized: false,
    decimals: s.percent ? 1 : 0,
    legendSets: s.legendSet ? [ref(uid('legendSet', s.legendSet))] : [],
    sharing: sharing('metadata'),
    translations: fr({
      NAME: s.name,
      SHORT_NAME: s.shortName,
      DESCRIPTION: s.description,
      NUMERATOR_DESCRIPTION: s.numeratorDescription,
      DENOMINATOR_DESCRIPTION: s.denominatorDescription,
    }),
  }))
}

const ONE = l('1', '1')

export function trackerIndicatorSpecs(): IndicatorSpec[] {
  const out: IndicatorSpec[] = []
  for (const d of CATALOG) {
    if (d.kind !== 'tracker' || !d.programIndicators || !d.indicatorCode) continue
    const num = `I{${uid('programIndicator', d.programIndicators.numerator)}}`
    const den = d.programIndicators.denominator ? `I{${uid('programIndicator', d.programIndicators.denominator)}}` : '1'
    out.push({
      code: d.indicatorCode,
      name: l(`Dyad - ${d.name.en}`, `Dyade - ${d.name.fr}`),
      shortName: d.shortName,
      description: d.description,
      numerator: num,
      numeratorDescription: d.numeratorText,
      denominator: den,
      denominatorDescription: d.denominatorText ?? ONE,
      percent: d.unit === 'percent',
      ...(d.legend ? { legendSet: `DYAD_LS_${d.code}` } : {}),
    })
  }
  return out
}
