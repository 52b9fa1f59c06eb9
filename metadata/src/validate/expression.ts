/**
 * DHIS2's own expression parser (dhis2/expression-parser, bundled by @dhis2/rule-engine as a
 * Kotlin/JS build), loaded by file path (the package exports only its main entry). The CommonJS
 * build is used so that the validator runs the same in tsx and in Jest.
 *
 * We use it for syntax (including valid `V{}` names and known `d2:` functions per mode) and for
 * rule-variable names; item references are extracted by our own regexes (validate/index.ts),
 * because the parser accepts e.g. `#{abc}` or unquoted UIDs (metadata.md §4 "Gaps").
 */
import { createRequire } from 'node:module'
import path from 'node:path'

export type ExpressionModeName =
  | 'PROGRAM_INDICATOR_EXPRESSION'
  | 'INDICATOR_EXPRESSION'
  | 'VALIDATION_RULE_EXPRESSION'
  | 'PREDICTOR_GENERATOR_EXPRESSION'
  | 'PREDICTOR_SKIP_TEST'
  | 'RULE_ENGINE_CONDITION'
  | 'RULE_ENGINE_ACTION'

interface ParsedJs {
  collectProgramRuleVariableNames(): Iterable<string>
}
interface ParserModule {
  org: { hisp: { dhis: { lib: { expression: { ExpressionMode: Record<string, unknown>; js: { ExpressionJs: new (expr: string, mode: unknown) => ParsedJs } } } } } }
}

let loaded: ParserModule | null = null

function parser(): ParserModule {
  if (loaded) return loaded
  // createRequire: a CommonJS require that works from tsx, Jest and the compiled CLI alike
  const req = createRequire(__filename)
  const main = req.resolve('@dhis2/rule-engine')
  loaded = req(path.join(path.dirname(main), 'expression-parser.js')) as ParserModule
  return loaded
}

export interface ParseResult {
  ok: boolean
  /** First line of the parser's message (with the position). */
  error?: string
  /** Program-rule variable names used (#{x}, A{x}); rule modes only. */
  ruleVariables: string[]
}

const cache = new Map<string, ParseResult>()

/** Parse `expression` in `mode` with DHIS2's parser (results cached by mode + text). */
export function parseExpression(expression: string, mode: ExpressionModeName): ParseResult {
  const key = `${mode}\u0000${expression}`
  const hit = cache.get(key)
  if (hit) return hit
  const lib = parser().org.hisp.dhis.lib.expression
  let result: ParseResult
  try {
    const e = new lib.js.ExpressionJs(expression, lib.ExpressionMode[mode])
    const vars = mode === 'RULE_ENGINE_CONDITION' || mode === 'RULE_ENGINE_ACTION' ? [...e.collectProgramRuleVariableNames()] : []
    result = { ok: true, ruleVariables: vars }
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err)
    const lines = msg.split('\n').map((s) => s.trim()).filter(Boolean)
    const at = lines.find((s) => s.startsWith('at line'))
    result = { ok: false, error: `${lines[0] ?? 'syntax error'}${at ? ` (${at})` : ''}`, ruleVariables: [] }
  }
  cache.set(key, result)
  return result
}

/** Forget parse results (benchmarks measure parsing, not the cache). */
export function clearExpressionCache(): void {
  cache.clear()
}

/** Load DHIS2's parser now (its module load is reported apart from validation time). */
export function loadExpressionParser(): void {
  parser()
}
