/** @jest-environment node */
/**
 * The validator: each injected fault in our bundle is caught with the right rule, message and
 * path; a small WHO-style package (as exported from a 2.36 server) raises only its real problems.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { buildBundle } from '../../metadata/src/build'
import { validateMetadata, type Finding } from '../../metadata/src/validate'

type Obj = Record<string, unknown>
const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T
const base = buildBundle() as unknown as Record<string, Obj[]>
const first = (b: Record<string, Obj[]>, col: string, code?: string): Obj => (code ? b[col].find((o) => o.code === code) : b[col][0]) as Obj
const run = (b: unknown) => validateMetadata(b, { version: '2.41', requireLocales: ['fr'], strict: true })
const only = (fs: Finding[]) => fs.map((f) => ({ rule: f.rule, type: f.type, code: f.code, path: f.path, message: f.message }))

describe('validator: injected faults in the Dyad bundle', () => {
  it('starts clean', () => {
    expect(run(base).errors).toEqual([])
  })

  it('bad UID', () => {
    const b = clone(base)
    first(b, 'dataElements', 'DYAD_FP_COUNSELLED').id = '1badUid'
    const errs = run(b).errors
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'uid', type: 'dataElement', code: 'DYAD_FP_COUNSELLED', path: 'id', message: expect.stringContaining('"1badUid" is not a valid DHIS2 UID') }))
    // and the references to the old id are now dangling
    expect(errs.some((e) => e.rule === 'ref' || e.rule === 'expression-ref')).toBe(true)
  })

  it('dangling reference', () => {
    const b = clone(base)
    const stage = first(b, 'programStages', 'DYAD_MOTHER_ANC')
    ;(stage.programStageDataElements as Obj[])[0].dataElement = { id: 'Zzzzzzzzzz1' }
    const errs = only(run(b).errors)
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'ref', type: 'programStage', code: 'DYAD_MOTHER_ANC', path: 'programStageDataElements[0].dataElement', message: expect.stringContaining('dataElement Zzzzzzzzzz1 is not in the file') }))
  })

  it('reference to an object of the wrong type', () => {
    const b = clone(base)
    const de = first(b, 'dataElements', 'DYAD_FP_METHOD')
    de.optionSet = { id: first(b, 'programs').id as string }
    expect(only(run(b).errors)).toContainEqual(expect.objectContaining({ rule: 'ref-type', path: 'optionSet', message: expect.stringContaining('expected optionSet') }))
  })

  it('duplicate code', () => {
    const b = clone(base)
    first(b, 'dataElements', 'DYAD_KMC').code = 'DYAD_FP_COUNSELLED'
    expect(only(run(b).errors)).toContainEqual(expect.objectContaining({ rule: 'unique', type: 'dataElement', path: 'code', message: expect.stringMatching(/^code "DYAD_FP_COUNSELLED" is also used by dataElement/) }))
  })

  it('51-character short name', () => {
    const b = clone(base)
    const pi = first(b, 'programIndicators')
    pi.shortName = 'x'.repeat(51)
    expect(only(run(b).errors)).toContainEqual(expect.objectContaining({ rule: 'length', type: 'programIndicator', code: pi.code, path: 'shortName', message: '"shortName" is 51 characters, more than 50 allowed' }))
  })

  it('broken expression (syntax) and broken items', () => {
    const b = clone(base)
    const pi = first(b, 'programIndicators', 'DYAD_PI_ANC1_NUM')
    pi.filter = `${pi.filter as string} && (`
    const ind = first(b, 'indicators', 'DYAD_IN_ANC1_12W')
    ind.numerator = 'I{Zzzzzzzzzz1}'
    const rule = first(b, 'programRules', 'DYAD_PR_I_ASSIGN_WAZ')
    rule.condition = `${rule.condition as string} && #{no_such_variable} > 0`
    const errs = only(run(b).errors)
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'expression', type: 'programIndicator', code: 'DYAD_PI_ANC1_NUM', path: 'filter', message: expect.stringContaining('does not parse (PROGRAM_INDICATOR_EXPRESSION)') }))
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'expression-ref', type: 'indicator', code: 'DYAD_IN_ANC1_12W', path: 'numerator', message: 'I{Zzzzzzzzzz1}: program indicator Zzzzzzzzzz1 is not in the file' }))
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'expression-ref', type: 'programRule', path: 'condition', message: expect.stringContaining('no program rule variable "no_such_variable"') }))
  })

  it('data element of a PI filter not in the stage, COC outside the data element combo', () => {
    const b = clone(base)
    const pi = first(b, 'programIndicators', 'DYAD_PI_ANC1_NUM')
    const birthWeight = first(b, 'dataElements', 'DYAD_BIRTH_WEIGHT_G').id as string
    pi.filter = `${pi.filter as string} && #{${(pi.filter as string).match(/V\{program_stage_id\} == '([A-Za-z0-9]{11})'/)?.[1]}.${birthWeight}} > 0`
    const cyp = first(b, 'indicators', 'DYAD_IN_CYP_COC')
    cyp.numerator = (cyp.numerator as string).replace(/\.([A-Za-z0-9]{11})\}/, '.HllvX50cXC0}')
    const errs = only(run(b).errors)
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'expression-ref', path: 'filter', message: expect.stringContaining(`data element ${birthWeight} is not in stage`) }))
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'expression-ref', path: 'numerator', message: expect.stringContaining('default category option combo is not in the data element') }))
  })

  it('missing French', () => {
    const b = clone(base)
    const de = first(b, 'dataElements', 'DYAD_KMC')
    de.translations = (de.translations as Obj[]).filter((t) => t.property !== 'SHORT_NAME')
    expect(only(run(b).errors)).toEqual([expect.objectContaining({ rule: 'translation', type: 'dataElement', code: 'DYAD_KMC', path: 'translations', message: 'no "fr" translation of SHORT_NAME' })])
  })

  it('legend overlap and gap', () => {
    const b = clone(base)
    const ls = first(b, 'legendSets')
    const legends = ls.legends as Obj[]
    legends[1].startValue = (legends[0].endValue as number) - 5
    legends[2].startValue = (legends[1].endValue as number) + 1
    const errs = only(run(b).errors)
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'legend', message: expect.stringContaining('overlap') }))
    expect(errs).toContainEqual(expect.objectContaining({ rule: 'legend', message: expect.stringContaining('gap between') }))
  })

  it('option set vs value type', () => {
    const b = clone(base)
    first(b, 'dataElements', 'DYAD_FP_COUNSELLED').optionSet = { id: first(b, 'optionSets').id as string }
    expect(only(run(b).errors)).toContainEqual(expect.objectContaining({ rule: 'option-value-type', code: 'DYAD_FP_COUNSELLED', message: 'valueType BOOLEAN cannot have an option set' }))
  })

  it('objects expected on the server (--expect-on-server) are not dangling', () => {
    const b = clone(base)
    delete (b as Record<string, unknown>).trackedEntityTypes
    const without = run(b).errors
    expect(without.length).toBeGreaterThan(0)
    expect(without.every((e) => e.rule === 'ref' && e.message.startsWith('trackedEntityType MCPQUTHX1Ze is not in the file'))).toBe(true)
    expect(validateMetadata(b, { version: '2.41', requireLocales: ['fr'], strict: true, expectOnServer: ['trackedEntityTypes'] }).errors).toEqual([])
  })

  it('a file that is not metadata', () => {
    expect(validateMetadata([1, 2]).errors[0].rule).toBe('format')
  })
})

describe('validator: WHO-style package exported from DHIS2 2.36', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/who-style.json'), 'utf8')) as unknown
  const r = validateMetadata(pkg, { version: '2.40' })

  it('reports exactly the real problems as errors', () => {
    expect(only(r.errors).map((e) => `${e.type} ${e.path}: ${e.message}`).sort()).toEqual(
      [
        'dashboard dashboardItems[1].chart: chart or visualization tstChartMis is not in the file (dangling reference; declare its type with --expect-on-server if it exists on the server)',
        'programIndicator filter: #{tstStage001.tstDataEl04}: data element tstDataEl04 is not in stage tstStage001\'s programStageDataElements',
        'programRule condition: #{doze}: no program rule variable "doze" in this program',
      ].sort(),
    )
  })

  it('does not raise false errors for what a live server accepted: they are warnings with a reason', () => {
    const w = only(r.warnings)
    expect(w).toContainEqual(expect.objectContaining({ rule: 'ref-inverse', path: 'dataElementGroups[0]' }))
    expect(w).toContainEqual(expect.objectContaining({ rule: 'ref-inverse', path: 'indicatorGroups[0]' }))
    expect(w).toContainEqual(expect.objectContaining({ rule: 'expression-case', path: 'generator.expression' }))
    expect(w).toContainEqual(expect.objectContaining({ rule: 'placeholder', path: 'organisationUnits[0]' }))
    expect(w).toContainEqual(expect.objectContaining({ rule: 'legend', message: 'gap between 50 and 51 (values there get no colour)' }))
    // dimensions (dx/pe/ou), period ids and PRV valueType (2.36 export) are not findings at all
    expect(r.warnings.concat(r.errors).some((f) => /"dx"|"pe"|"202101"|valueType/.test(f.message))).toBe(false)
  })

  it('accepts DHIS2 core syntax the Kotlin parser lacks (PS_EVENTDATE), and explains non-breaking spaces', () => {
    const p = clone(pkg) as Record<string, Obj[]>
    p.programIndicators[0].filter = 'd2:daysBetween(PS_EVENTDATE:tstStage001, V{event_date}) < 30'
    p.programRules[0].condition = '#{dose} == true ||\u00a0#{dose} == false'
    const errs = only(validateMetadata(p, { version: '2.40' }).errors)
    expect(errs.filter((e) => e.type === 'programIndicator' && e.path === 'filter' && e.code === 'TEST_PI_DOSES')).toEqual([])
    expect(errs).toContainEqual(expect.objectContaining({ type: 'programRule', path: 'condition', message: expect.stringContaining('non-breaking space (U+00A0)') }))
    p.programIndicators[0].filter = 'd2:daysBetween(PS_EVENTDATE:tstStageXXX, V{event_date}) < 30'
    expect(only(validateMetadata(p, { version: '2.40' }).errors)).toContainEqual(expect.objectContaining({ path: 'filter', message: 'PS_EVENTDATE:tstStageXXX: program stage tstStageXXX is not in the file' }))
  })

  it('counts the references and expressions it checked', () => {
    expect(r.expressionsParsed).toBe(9) // 2 PIs × (expression, filter), indicator num + den, predictor, 2 rule conditions
    expect(r.referencesChecked).toBeGreaterThan(20)
    expect(r.counts.programIndicators).toBe(2)
  })
})
