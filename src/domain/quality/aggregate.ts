/**
 * Consistency of the aggregate monthly report: the data set's own validation rules (ANC4 ≤ ANC1,
 * PPFP ≤ deliveries, Σ by method = Σ by age…) evaluated over its data values, per org unit,
 * period and attribute option combo, as DHIS2 validation does — plus the mapping of DHIS2's own
 * validation-rule analysis results (when the server provides them) to the same finding.
 *
 * The rules are read from the server (so the app checks what the package installed, not a copy);
 * this evaluator supports the expressions such rules use: sums of `#{dataElement}` (all category
 * option combos), `#{dataElement.categoryOptionCombo}` and `#{dataElement.*}`, and numeric
 * constants. A rule with any other expression is reported as not evaluated here (DHIS2's own
 * analysis then is the reference), never guessed.
 */
import type { Label } from '../../../metadata/src/vocabulary'
import { formatPeriod } from '../periods/format'
import { RULE_BY_CODE } from './rules'
import type { CheckScope, QualityFinding, QualityRecord } from './types'

export interface ValidationRuleSide {
  expression: string
  /** DHIS2 default: SKIP_IF_ALL_VALUES_MISSING. */
  missingValueStrategy?: 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP' | string
  description?: string
}

export interface ValidationRuleDef {
  id: string
  code?: string
  name: string
  displayName?: string
  /** equal_to, not_equal_to, greater_than, greater_than_or_equal_to, less_than, less_than_or_equal_to, compulsory_pair, exclusive_pair */
  operator: string
  leftSide: ValidationRuleSide
  rightSide: ValidationRuleSide
  importance?: string
}

export interface AggregateValue {
  dataElement: string
  period: string
  orgUnit: string
  categoryOptionCombo?: string
  attributeOptionCombo?: string
  value: string
}

export interface Term {
  dataElement: string
  /** undefined: every category option combo. */
  categoryOptionCombo?: string
}

export interface SumExpression {
  terms: Term[]
  constant: number
}

/** `#{a} + #{b.c} + 2` → terms and constant; null for anything else. */
export function parseSumExpression(expression: string): SumExpression | null {
  if (typeof expression !== 'string') return null
  const parts = expression.split('+').map((p) => p.trim())
  const terms: Term[] = []
  let constant = 0
  for (const p of parts) {
    const m = /^#\{([A-Za-z0-9]{11})(?:\.([A-Za-z0-9]{11}|\*))?\}$/.exec(p)
    if (m) {
      terms.push({ dataElement: m[1], ...(m[2] && m[2] !== '*' ? { categoryOptionCombo: m[2] } : {}) })
    } else if (/^\d+(\.\d+)?$/.test(p)) {
      constant += Number(p)
    } else return null
  }
  return terms.length > 0 || constant !== 0 ? { terms, constant } : null
}

const OPERATORS: Record<string, { symbol: string; test: (a: number, b: number) => boolean }> = {
  equal_to: { symbol: '=', test: (a, b) => Math.abs(a - b) < 1e-9 },
  not_equal_to: { symbol: '≠', test: (a, b) => Math.abs(a - b) >= 1e-9 },
  greater_than: { symbol: '>', test: (a, b) => a > b },
  greater_than_or_equal_to: { symbol: '≥', test: (a, b) => a >= b },
  less_than: { symbol: '<', test: (a, b) => a < b },
  less_than_or_equal_to: { symbol: '≤', test: (a, b) => a <= b },
}

export interface RuleSummary {
  id: string
  code?: string
  name: string
  /** Org unit × period × attribute option combo cells evaluated (not skipped). */
  checked: number
  violated: number
  /** Why the rule was not evaluated here (expression or operator this evaluator does not support). */
  notEvaluated?: Label
}

export interface AggregateCheck {
  rules: RuleSummary[]
  finding: QualityFinding
}

/** Start date (ISO) of a monthly (YYYYMM), quarterly (YYYYQn) or yearly (YYYY) period id. */
export function periodStart(id: string): string | undefined {
  let m = /^(\d{4})(\d{2})$/.exec(id)
  if (m) return `${m[1]}-${m[2]}-01`
  m = /^(\d{4})Q([1-4])$/.exec(id)
  if (m) return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`
  m = /^(\d{4})$/.exec(id)
  if (m) return `${m[1]}-01-01`
  return undefined
}

function emptyFinding(): QualityFinding {
  const r = RULE_BY_CODE.AGGREGATE_RULE_VIOLATED
  return { code: r.code, group: r.group, severity: r.severity, title: r.title, explanation: r.explanation, count: 0, records: [] }
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2))
/** A period id as each language names it ("October 2026" / "octobre 2026"); the id when unknown. */
const periodLabel = (id: string): Label => {
  const safe = (locale: 'en' | 'fr'): string => {
    try {
      return formatPeriod(id, locale) || id
    } catch {
      return id
    }
  }
  return { en: safe('en'), fr: safe('fr') }
}

/**
 * Evaluates `rules` over `values` (the data set's values for the org units and periods of the
 * check). Values that are not numbers are ignored, as DHIS2 does for numeric expressions.
 */
export function checkAggregateRules(rules: ValidationRuleDef[], values: AggregateValue[], scope: CheckScope = {}): AggregateCheck {
  const cap = scope.maxRecords ?? 500
  const finding = emptyFinding()
  // cell key → (de → (coc → number))
  const cells = new Map<string, { orgUnit: string; period: string; aoc: string; values: Map<string, Map<string, number>> }>()
  for (const dv of Array.isArray(values) ? values : []) {
    if (!dv || typeof dv.dataElement !== 'string' || typeof dv.orgUnit !== 'string' || typeof dv.period !== 'string') continue
    const n = Number(dv.value)
    if (typeof dv.value !== 'string' || dv.value.trim() === '' || !Number.isFinite(n)) continue
    if (scope.inScope && !scope.inScope(dv.orgUnit)) continue
    const aoc = dv.attributeOptionCombo ?? ''
    const key = `${dv.orgUnit}|${dv.period}|${aoc}`
    let cell = cells.get(key)
    if (!cell) cells.set(key, (cell = { orgUnit: dv.orgUnit, period: dv.period, aoc, values: new Map() }))
    let byCoc = cell.values.get(dv.dataElement)
    if (!byCoc) cell.values.set(dv.dataElement, (byCoc = new Map()))
    const coc = dv.categoryOptionCombo ?? ''
    byCoc.set(coc, (byCoc.get(coc) ?? 0) + n)
  }

  const side = (expr: SumExpression, cellValues: Map<string, Map<string, number>>): { sum: number; present: number; missing: number } => {
    let sum = expr.constant
    let present = 0
    let missing = 0
    for (const t of expr.terms) {
      const byCoc = cellValues.get(t.dataElement)
      let found = false
      if (byCoc) {
        if (t.categoryOptionCombo === undefined) {
          for (const x of byCoc.values()) {
            sum += x
            found = true
          }
        } else if (byCoc.has(t.categoryOptionCombo)) {
          sum += byCoc.get(t.categoryOptionCombo)!
          found = true
        }
      }
      if (found) present++
      else missing++
    }
    return { sum, present, missing }
  }
  const skip = (strategy: string | undefined, s: { present: number; missing: number }): boolean => {
    if (strategy === 'NEVER_SKIP') return false
    if (strategy === 'SKIP_IF_ANY_VALUE_MISSING') return s.missing > 0
    return s.present === 0 && s.missing > 0 // SKIP_IF_ALL_VALUES_MISSING (default)
  }

  const summaries: RuleSummary[] = []
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!rule || typeof rule.id !== 'string') continue
    const name = rule.displayName ?? rule.name ?? rule.id
    const summary: RuleSummary = { id: rule.id, ...(rule.code ? { code: rule.code } : {}), name, checked: 0, violated: 0 }
    summaries.push(summary)
    const left = parseSumExpression(rule.leftSide?.expression)
    const right = parseSumExpression(rule.rightSide?.expression)
    const op = OPERATORS[rule.operator]
    if (!left || !right || !op) {
      summary.notEvaluated = {
        en: 'This rule’s expression is not a sum of data values; see DHIS2’s own validation results.',
        fr: 'L’expression de cette règle n’est pas une somme de valeurs ; voir les résultats de validation de DHIS2.',
      }
      continue
    }
    for (const cell of cells.values()) {
      const a = side(left, cell.values)
      const b = side(right, cell.values)
      if (skip(rule.leftSide?.missingValueStrategy, a) || skip(rule.rightSide?.missingValueStrategy, b)) continue
      if (a.present === 0 && b.present === 0) continue // nothing reported for this rule in the cell
      summary.checked++
      if (op.test(a.sum, b.sum)) continue
      summary.violated++
      const pl = periodLabel(cell.period)
      const rec: QualityRecord = {
        orgUnit: cell.orgUnit,
        period: cell.period,
        detail: {
          en: `${name} (${pl.en}): ${fmt(a.sum)} ${op.symbol} ${fmt(b.sum)} is false.`,
          fr: `${name} (${pl.fr}) : ${fmt(a.sum)} ${op.symbol} ${fmt(b.sum)} est faux.`,
        },
      }
      const start = periodStart(cell.period)
      if (start) rec.date = start
      finding.count++
      if (finding.records.length < cap) finding.records.push(rec)
    }
  }
  return { rules: summaries, finding }
}

/** One violation from DHIS2's validation-rule analysis (`/api/dataAnalysis/validationRules`). */
export interface ServerViolation {
  validationRuleId: string
  validationRuleDescription?: string
  organisationUnitId: string
  organisationUnitDisplayName?: string
  periodId: string
  leftSideValue?: number | null
  rightSideValue?: number | null
  operator?: string
  importance?: string
}

/** DHIS2's violations as the aggregate finding (the server is the reference when it answers). */
export function serverViolationsFinding(violations: ServerViolation[], maxRecords = 500): QualityFinding {
  const finding = emptyFinding()
  for (const v of Array.isArray(violations) ? violations : []) {
    if (!v || typeof v.validationRuleId !== 'string') continue
    const name = v.validationRuleDescription || v.validationRuleId
    const lhs = typeof v.leftSideValue === 'number' ? fmt(v.leftSideValue) : '—'
    const rhs = typeof v.rightSideValue === 'number' ? fmt(v.rightSideValue) : '—'
    const op = v.operator ?? ''
    const pl = periodLabel(String(v.periodId))
    const rec: QualityRecord = {
      orgUnit: v.organisationUnitId,
      period: String(v.periodId),
      detail: { en: `${name} (${pl.en}): ${lhs} ${op} ${rhs} is false.`, fr: `${name} (${pl.fr}) : ${lhs} ${op} ${rhs} est faux.` },
    }
    const start = periodStart(String(v.periodId))
    if (start) rec.date = start
    finding.count++
    if (finding.records.length < maxRecords) finding.records.push(rec)
  }
  return finding
}
