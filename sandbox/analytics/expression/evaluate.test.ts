/** @jest-environment node */
import { execFileSync } from 'node:child_process'
import { parse, ExpressionError } from './parser'
import { compileProgramExpression, type EvalEnv, type Row, type RowEvent, type TypeInfo } from './evaluate'

const STAGE = 'stageAAAAAA'
const OTHER = 'stageBBBBBB'
const types: TypeInfo = {
  dataElementValueType: (id) => ({ deNumberAA1: 'NUMBER', deBoolAAAA1: 'BOOLEAN', deTextAAAA1: 'TEXT', deDateAAAA1: 'DATE' } as Record<string, string>)[id],
  attributeValueType: (id) => (id === 'attrAgeAAA1' ? 'INTEGER' : undefined),
  stageExists: (id) => id === STAGE || id === OTHER,
  constant: (id) => (id === 'constTWO001' ? 2 : undefined),
}
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000)
function ev(stage: string, date: string, values: Record<string, string>): RowEvent {
  return { programStage: stage, occurredAt: `${date}T00:00:00.000`, occurredDay: dayOf(date), orgUnit: 'ou', status: 'COMPLETED', value: (de) => values[de] }
}
function row(event: RowEvent | undefined, events: RowEvent[] = event ? [event] : []): Row {
  return {
    event,
    enrollment: {
      enrolledAt: '2025-01-10T00:00:00.000', occurredAt: '2024-11-01T00:00:00.000', enrolledDay: dayOf('2025-01-10'), incidentDay: dayOf('2024-11-01'),
      status: 'ACTIVE', trackedEntity: 'te', orgUnit: 'ou', events, attribute: (id) => (id === 'attrAgeAAA1' ? '17' : undefined),
      relationshipCount: (t) => (t === 'relTypeAAA1' ? 2 : t ? 0 : 3),
    },
  }
}
const env = (type: 'EVENT' | 'ENROLLMENT' = 'EVENT', start = '2025-01-01', end = '2025-03-31'): EvalEnv => ({
  analyticsType: type, periodStart: dayOf(start), periodEnd: dayOf(end), periodStartIso: start, periodEndIso: end, todayIso: '2025-04-15',
})
const e1 = ev(STAGE, '2025-02-10', { deNumberAA1: '7.5', deBoolAAAA1: 'true', deTextAAAA1: 'FACILITY', deDateAAAA1: '2025-01-01' })
const run = (expr: string, r: Row = row(e1), en: EvalEnv = env(), mode: 'expression' | 'filter' = 'expression') =>
  compileProgramExpression(parse(expr), types, { mode, label: 'PI test' })(r, en)

describe('program-indicator expressions', () => {
  it.each([
    ['1 + 2 * 3', 7], ['(1 + 2) * 3', 9], ['7 / 2', 3.5], ['7 % 4', 3], ['2 ^ 3', 8], ['-2 + 5', 3], ['2 ^ 3 ^ 2', 512],
    ['1 < 2', true], ['2 <= 2', true], ['3 > 4', false], ['4 >= 5', false], ['1 == 1', true], ['1 != 1', false],
    ['true && false', false], ['true and true', true], ['false || true', true], ['false or false', false], ['!true', false], ['not false', true],
    ["'a' == 'a'", true], ['"x" != \'y\'', true], ['C{constTWO001} * 3', 6],
  ])('%s', (expr, expected) => expect(run(expr)).toBe(expected))

  it('reads typed values: BOOLEAN as 1/0, numbers, text, dates', () => {
    expect(run(`#{${STAGE}.deBoolAAAA1}`)).toBe(1)
    expect(run(`#{${STAGE}.deNumberAA1} * 2`)).toBe(15)
    expect(run(`#{${STAGE}.deTextAAAA1} == 'FACILITY'`)).toBe(true)
    expect(run(`A{attrAgeAAA1} < 18`)).toBe(true)
  })
  it('replaces missing values by 0 or empty text, except in d2:hasValue', () => {
    const empty = row(ev(STAGE, '2025-02-10', {}))
    expect(run(`#{${STAGE}.deNumberAA1}`, empty)).toBe(0)
    expect(run(`#{${STAGE}.deBoolAAAA1} == 1`, empty)).toBe(false)
    expect(run(`#{${STAGE}.deBoolAAAA1} != 1`, empty)).toBe(true)
    expect(run(`#{${STAGE}.deTextAAAA1} == ''`, empty)).toBe(true)
    expect(run(`d2:hasValue(#{${STAGE}.deNumberAA1})`, empty)).toBe(false)
    expect(run(`d2:hasValue(#{${STAGE}.deNumberAA1})`)).toBe(true)
  })
  it('reads #{stage.de} only from an event of that stage (EVENT) and the latest event up to the period end (ENROLLMENT)', () => {
    const other = ev(OTHER, '2025-02-10', { deNumberAA1: '3' })
    expect(run(`#{${STAGE}.deNumberAA1}`, row(other))).toBe(0)
    const early = ev(STAGE, '2025-01-05', { deNumberAA1: '1' })
    const late = ev(STAGE, '2025-05-05', { deNumberAA1: '9' })
    expect(run(`#{${STAGE}.deNumberAA1}`, row(undefined, [early, late]), env('ENROLLMENT'))).toBe(1)
    expect(run(`#{${STAGE}.deNumberAA1}`, row(undefined, [early, late]), env('ENROLLMENT', '2025-04-01', '2025-06-30'))).toBe(9)
  })
  it('evaluates V{} variables and date functions', () => {
    expect(run('V{event_date}')).toBe('2025-02-10')
    expect(run('V{enrollment_date}')).toBe('2025-01-10')
    expect(run('V{incident_date}')).toBe('2024-11-01')
    expect(run('V{current_date}')).toBe('2025-04-15')
    expect(run('V{analytics_period_start}')).toBe('2025-01-01')
    expect(run('V{analytics_period_end}')).toBe('2025-03-31')
    expect(run('V{event_count}')).toBe(1)
    expect(run(`V{program_stage_id} == '${STAGE}'`)).toBe(true)
    expect(run('d2:daysBetween(V{incident_date}, V{event_date})')).toBe(101)
    expect(run('d2:weeksBetween(V{incident_date}, V{event_date})')).toBe(14)
    expect(run("d2:monthsBetween('2024-11-15', '2025-02-14')")).toBe(2)
    expect(run("d2:yearsBetween('2020-03-01', '2025-02-28')")).toBe(4)
    expect(run(`d2:daysBetween(PS_EVENTDATE:${STAGE}, V{event_date})`)).toBe(0)
    expect(run(`d2:daysBetween(#{${STAGE}.deDateAAAA1}, V{event_date})`)).toBe(40)
  })
  it('evaluates d2: functions', () => {
    expect(run(`d2:condition('#{${STAGE}.deNumberAA1} > 5', 10, 20)`)).toBe(10)
    expect(run('d2:zing(-4)')).toBe(0)
    expect(run('d2:zing(4)')).toBe(4)
    expect(run('d2:oizp(-1)')).toBe(0)
    expect(run('d2:oizp(0)')).toBe(1)
    const evs = [ev(STAGE, '2025-01-05', { deNumberAA1: '1' }), ev(STAGE, '2025-02-05', { deNumberAA1: '6' }), ev(STAGE, '2025-03-05', {})]
    const enr = row(undefined, evs)
    expect(run(`d2:count(#{${STAGE}.deNumberAA1})`, enr, env('ENROLLMENT'))).toBe(2)
    expect(run(`d2:countIfValue(#{${STAGE}.deNumberAA1}, 6)`, enr, env('ENROLLMENT'))).toBe(1)
    expect(run(`d2:countIfCondition(#{${STAGE}.deNumberAA1}, '< 5')`, enr, env('ENROLLMENT'))).toBe(1)
    expect(run(`d2:minValue(#{${STAGE}.deNumberAA1})`, enr, env('ENROLLMENT'))).toBe(1)
    expect(run(`d2:maxValue(#{${STAGE}.deNumberAA1})`, enr, env('ENROLLMENT'))).toBe(6)
    expect(run("d2:relationshipCount('relTypeAAA1')")).toBe(2)
    expect(run('d2:relationshipCount()')).toBe(3)
  })
  it('treats a filter as a boolean', () => {
    expect(run(`#{${STAGE}.deBoolAAAA1}`, row(e1), env(), 'filter')).toBe(true)
    expect(run(`#{${STAGE}.deNumberAA1} > 100`, row(e1), env(), 'filter')).toBe(false)
  })
  it('rejects what it cannot evaluate instead of returning zero', () => {
    expect(() => run('d2:foo(1)')).toThrow(ExpressionError)
    expect(() => run('V{enrolment_date}')).toThrow(/enrolment_date/)
    expect(() => run('V{value_count}')).toThrow(/not supported/)
    expect(() => run('#{abc}')).toThrow(/programStage.dataElement/)
    expect(() => run(`#{${STAGE}.deUnknown01}`)).toThrow(/does not exist/)
    expect(() => run('I{abcdefghijk}')).toThrow(/not allowed/)
    expect(() => run('(1 + 2')).toThrow(ExpressionError)
    expect(() => run('1 +')).toThrow(ExpressionError)
    expect(() => run('x is not null')).toThrow(ExpressionError)
  })
  it('agrees with DHIS2’s own parser on which expressions are syntactically valid', () => {
    // DHIS2's parser is an ES module: run it in a child Node process (tests only).
    const samples = ['V{event_count}', `#{${STAGE}.deBoolAAAA1} == 1 && d2:hasValue(#{${STAGE}.deNumberAA1})`, '(1 + 2', 'd2:daysBetween(V{incident_date}, V{event_date}) < 84', '1 +', "d2:condition('1 > 0', 1, 0)", '!(1 == 2) or false']
    const script = `import { ExpressionJs, ExpressionMode } from ${JSON.stringify(require.resolve('@dhis2/rule-engine/package.json').replace('package.json', 'expression-parser.mjs'))};
      const out = JSON.parse(process.argv[1]).map((s) => { try { new ExpressionJs(s, ExpressionMode.PROGRAM_INDICATOR_EXPRESSION); return true } catch { return false } });
      console.log(JSON.stringify(out))`
    const dhis2 = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(samples)], { encoding: 'utf8' })) as boolean[]
    const ours = samples.map((s) => {
      try {
        parse(s)
        return true
      } catch {
        return false
      }
    })
    expect(ours).toEqual(dhis2)
    expect(dhis2).toContain(false)
  })

})
