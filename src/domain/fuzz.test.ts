/** @jest-environment node */
/**
 * Fuzz: 10 000 random malformed tracker payloads (seeded): missing fields, wrong types, unknown
 * options and stages, bad and out-of-order dates, deleted records, duplicated ids, cycles and
 * dangling relationships. Parser + linker + engine + trajectories never throw, and every mutation
 * that makes a record unusable is reported as a problem.
 */
import { DE, ids } from '../../metadata/src/vocabulary'
import { computeIndicators } from './indicators/engine'
import { buildPairs } from './pairs/link'
import { parseTrackedEntities } from './pairs/parse'
import { generateSynthetic, prng } from './test-utils/synthetic'
import { classifyPairs } from './trajectories/classify'

const RUNS = 10_000
const JUNK: unknown[] = [null, undefined, 0, -1, 1.5, NaN, '', ' ', 'x', 'true', '2024-13-45', '2024-02-30', true, false, [], {}, [1], { a: 1 }]

type Obj = Record<string, unknown>

function mutate(x: unknown, rnd: () => number, depth: number): unknown {
  if (Array.isArray(x)) {
    const r = rnd()
    if (r < 0.05) return JUNK[Math.floor(rnd() * JUNK.length)]
    if (r < 0.1 && x.length > 0) return x.slice(1) // drop one
    if (r < 0.15 && x.length > 0) return [...x, x[Math.floor(rnd() * x.length)]] // duplicate
    if (r < 0.2 && x.length > 1) return [...x].reverse() // out of order
    return x.map((y) => (rnd() < 0.3 ? mutate(y, rnd, depth + 1) : y))
  }
  if (x !== null && typeof x === 'object') {
    const o: Obj = { ...(x as Obj) }
    const keys = Object.keys(o)
    const n = 1 + Math.floor(rnd() * 2)
    for (let i = 0; i < n && keys.length > 0; i++) {
      const k = keys[Math.floor(rnd() * keys.length)]
      const r = rnd()
      if (r < 0.2) delete o[k]
      else if (r < 0.45) o[k] = JUNK[Math.floor(rnd() * JUNK.length)]
      else if (r < 0.55 && k === 'value') o[k] = 'NOT_AN_OPTION'
      else if (r < 0.65 && (k === 'occurredAt' || k === 'enrolledAt')) o[k] = `20${Math.floor(rnd() * 99)}-${Math.floor(rnd() * 14)}-${Math.floor(rnd() * 33)}`
      else if (r < 0.7 && k === 'deleted') o[k] = true
      else if (r < 0.75 && k === 'programStage') o[k] = ids.stage('DYAD_INFANT_BIRTH')
      else o[k] = mutate(o[k], rnd, depth + 1)
    }
    if (rnd() < 0.1) o.deleted = true
    return o
  }
  return rnd() < 0.5 ? x : JUNK[Math.floor(rnd() * JUNK.length)]
}

/** Add cycles, self links and dangling relationships between random entities. */
function tangle(list: unknown[], rnd: () => number): void {
  const tes = list.filter((t): t is Obj => t !== null && typeof t === 'object' && typeof (t as Obj).trackedEntity === 'string' && Array.isArray((t as Obj).relationships))
  if (tes.length < 2) return
  const pick = () => tes[Math.floor(rnd() * tes.length)]
  for (let i = 0; i < 3; i++) {
    const a = pick()
    const b = pick()
    const rel = (from: unknown, to: unknown) => ({ relationship: `fz${Math.floor(rnd() * 1e9)}`, relationshipType: ids.relationshipType(), from, to })
    const r = rnd()
    if (r < 0.3) {
      (a.relationships as unknown[]).push(rel(a.trackedEntity, b.trackedEntity))
      ;(b.relationships as unknown[]).push(rel(b.trackedEntity, a.trackedEntity))
    } else if (r < 0.5) (a.relationships as unknown[]).push(rel(a.trackedEntity, a.trackedEntity))
    else if (r < 0.7) (a.relationships as unknown[]).push(rel(a.trackedEntity, 'missing0001'))
    else if (r < 0.85) (a.relationships as unknown[]).push(rel({ trackedEntity: { trackedEntity: b.trackedEntity } }, a.trackedEntity))
    else (a.relationships as unknown[]).push(rel(null, 7))
  }
}

describe('fuzz: parser, linker, engine and trajectories on malformed payloads', () => {
  it(`never throws on ${RUNS} random malformed payloads and reports problems`, () => {
    const base = generateSynthetic({ pairs: 40, seed: 3, orgUnits: 3, start: '2023-06-01', spreadDays: 400 })
    const json = JSON.stringify(base)
    const rnd = prng(12345)
    let withProblems = 0
    let unusable = 0
    for (let run = 0; run < RUNS; run++) {
      // a small random slice of the base payload, mutated
      const all = JSON.parse(json) as unknown[]
      const start = Math.floor(rnd() * (all.length - 6))
      let payload: unknown = all.slice(start, start + 2 + Math.floor(rnd() * 5))
      tangle(payload as unknown[], rnd)
      payload = mutate(payload, rnd, 0)
      if (rnd() < 0.02) payload = JUNK[Math.floor(rnd() * JUNK.length)]
      if (rnd() < 0.05) payload = { trackedEntities: payload }
      let ok = true
      try {
        const parsed = parseTrackedEntities(payload)
        const linked = buildPairs(parsed.entities, undefined, parsed.index)
        const r = computeIndicators(parsed.entities, { period: { start: '2023-01-01', end: '2025-12-31' }, inScope: () => true, groupOf: (ou) => ou })
        classifyPairs(linked.pairs, { period: { start: '2023-01-01', end: '2025-12-31' }, inScope: () => true })
        const problems = [...parsed.problems, ...linked.problems, ...r.problems]
        if (problems.length > 0) withProblems++
        for (const p of problems) {
          if (!p.code || !p.severity || !p.message.en || !p.message.fr) throw new Error(`bad problem ${JSON.stringify(p)}`)
        }
        // a payload that is not a list must say so
        if (!Array.isArray(payload) && !(payload && typeof payload === 'object' && Array.isArray((payload as Obj).trackedEntities))) {
          unusable++
          expect(parsed.problems.map((p) => p.code)).toContain('PAYLOAD_NOT_A_LIST')
        }
        // every value counted is a finite number
        for (const v of Object.values(r.values)) {
          if (!Number.isFinite(v.numerator)) throw new Error(`bad numerator ${v.code}`)
        }
      } catch (e) {
        ok = false
        throw new Error(`run ${run} threw: ${(e as Error).message}`)
      }
      expect(ok).toBe(true)
    }
    expect(withProblems).toBeGreaterThan(RUNS * 0.9)
    expect(unusable).toBeGreaterThan(0)
  })

  it('reports each planted defect of a known payload', () => {
    const base = generateSynthetic({ pairs: 3, seed: 9 }) as unknown as Obj[]
    const te = base[0]
    const en = (te.enrollments as Obj[])[0]
    const evs = en.events as Obj[]
    evs[0].occurredAt = '2024-02-31'
    evs[0].dataValues = [{ dataElement: ids.dataElement(DE.FP_COUNSELLED), value: 'peut-être' }]
    delete evs[1].event
    ;(te.relationships as Obj[]).push({ relationship: 'cyc', relationshipType: ids.relationshipType(), from: te.trackedEntity, to: te.trackedEntity })
    const parsed = parseTrackedEntities(base)
    const linked = buildPairs(parsed.entities, undefined, parsed.index)
    const codes = [...parsed.problems, ...linked.problems].map((p) => p.code)
    expect(codes).toEqual(expect.arrayContaining(['EVENT_BAD_DATE', 'VALUE_NOT_BOOLEAN', 'EVENT_MISSING_ID', 'RELATIONSHIP_SELF']))
  })
})
