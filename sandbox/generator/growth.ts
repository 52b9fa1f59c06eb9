/**
 * WHO 2006 growth standards (LMS) from ../shared/who-growth, used by the generator to turn an
 * infant's z-score trajectory into plausible weights, lengths and MUAC, and to store the WAZ/WLZ
 * a DHIS2 program rule would have computed. Node-only (reads the CSV files once).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Lms {
  l: number
  m: number
  s: number
}

/** The shared folder beside the repository (repo/../shared). */
export const SHARED_DIR = join(__dirname, '..', '..', '..', 'shared')

const TABLES = { wfa: 'wfa_lms_by_day.csv', lfa: 'lfa_lms_by_day.csv', wfl: 'wfl_lms_by_length.csv', muac: 'muac_lms_by_day.csv' } as const

/** The WHO tables the generator reads: inputs of the seed cache key (sandbox/store/seed.ts). */
export const GROWTH_TABLE_FILES: string[] = Object.values(TABLES).map((f) => join(SHARED_DIR, 'who-growth', f))

function load(file: string, keyColumn: number): Map<number, Lms>[] {
  const text = readFileSync(join(SHARED_DIR, 'who-growth', file), 'utf8')
  const bySex: Map<number, Lms>[] = [new Map(), new Map()]
  const lines = text.split('\n')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const c = line.split(',')
    const sex = Number(c[0])
    const key = Math.round(Number(c[keyColumn]) * 10)
    bySex[sex - 1].set(key, { l: Number(c[2]), m: Number(c[3]), s: Number(c[4]) })
  }
  return bySex
}

let tables: { wfa: Map<number, Lms>[]; lfa: Map<number, Lms>[]; wfl: Map<number, Lms>[]; muac: Map<number, Lms>[] } | null = null

function get() {
  if (!tables) {
    tables = {
      wfa: load(TABLES.wfa, 1),
      lfa: load(TABLES.lfa, 1),
      wfl: load(TABLES.wfl, 1),
      muac: load(TABLES.muac, 1),
    }
  }
  return tables
}

/** Measurement at z (LMS inverse). */
export function valueAt(lms: Lms, z: number): number {
  if (lms.l === 0) return lms.m * Math.exp(lms.s * z)
  return lms.m * Math.pow(1 + lms.l * lms.s * z, 1 / lms.l)
}

function sd(lms: Lms, k: number): number {
  return valueAt(lms, k)
}

/** WHO z-score with the ±3 restriction used for weight-based indices. */
export function zOf(lms: Lms, y: number, restricted: boolean): number {
  const z = lms.l === 0 ? Math.log(y / lms.m) / lms.s : (Math.pow(y / lms.m, lms.l) - 1) / (lms.l * lms.s)
  if (!restricted) return z
  if (z > 3) {
    const s3 = sd(lms, 3)
    return 3 + (y - s3) / (s3 - sd(lms, 2))
  }
  if (z < -3) {
    const s3 = sd(lms, -3)
    return -3 + (y - s3) / (sd(lms, -2) - s3)
  }
  return z
}

/** sex: 1 male, 2 female. */
export function wfa(sex: 1 | 2, ageDays: number): Lms | undefined {
  return get().wfa[sex - 1].get(Math.round(ageDays) * 10)
}
export function lfa(sex: 1 | 2, ageDays: number): Lms | undefined {
  return get().lfa[sex - 1].get(Math.round(ageDays) * 10)
}
export function muacForAge(sex: 1 | 2, ageDays: number): Lms | undefined {
  return get().muac[sex - 1].get(Math.round(ageDays) * 10)
}
/** Weight-for-length at the nearest 0.1 cm (45–110 cm). */
export function wfl(sex: 1 | 2, lengthCm: number): Lms | undefined {
  return get().wfl[sex - 1].get(Math.round(lengthCm * 10))
}
