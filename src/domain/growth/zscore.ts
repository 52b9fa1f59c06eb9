/**
 * WHO Child Growth Standards z-scores, computed exactly as WHO Anthro (R package `anthro` 1.1.0,
 * github.com/WorldHealthOrganization/anthro): LMS by day of age, restricted ("adjusted") z-scores
 * beyond ±3 SD for weight-for-age, weight-for-length and MUAC-for-age, ±0.7 cm length/height
 * correction, linear interpolation of L, M and S between the 0.1 cm rows of weight-for-length.
 * Only WHO's published numbers are used (see `tables.data.ts`); the algorithm is written from the
 * WHO methods report (WHO 2006, chapter 7) and Anthro's documented behaviour.
 *
 * Hot path: no allocation, flat Float64Array lookups.
 */
import { sdLine, TABLES } from './tables'

export type GrowthIndicator = 'wfa' | 'lfa' | 'wfl' | 'mfa'
export type GrowthSex = 'M' | 'F'
export type LengthPosition = 'lying' | 'standing'

export interface ZScoreOptions {
  /** How length/height was measured (lfa and wfl). Unknown = taken as the position the standard expects. */
  measured?: LengthPosition
  /** Length or height in cm, for weight-for-length (the measurement is then the weight in kg). */
  lengthCm?: number
  /** Bilateral pitting oedema: WHO Anthro computes no weight-based z-score (wfa, wfl) then. */
  oedema?: boolean
}

/** Cite this wherever a z-score is shown. */
export const GROWTH_STANDARD_CITATION = 'WHO Child Growth Standards, WHO 2006'

/** Days per month used by WHO Anthro to convert between months and days. */
export const DAYS_PER_MONTH = 30.4375
/** Largest age (rounded days) WHO Anthro accepts; z-scores also need age < 60 months (1826.25 d). */
export const MAX_AGE_DAYS = 1856
/** First day with a MUAC-for-age standard (3 months). */
export const MFA_MIN_AGE_DAYS = 91
/** Recumbent length is the standard below this age (days); standing height from it on. */
export const STANDING_FROM_DAYS = 731
/** Correction (cm) between recumbent length and standing height. */
export const LENGTH_HEIGHT_CORRECTION_CM = 0.7
/** Weight-for-length range (cm) of the standard. */
export const WFL_MIN_CM = 45
export const WFL_MAX_CM = 110

const WFA = TABLES.wfa.lms
const WFA_SD = TABLES.wfa.sd
const WFA_COUNT = TABLES.wfa.count
const WFA_END = TABLES.wfa.end
const LFA = TABLES.lfa.lms
const LFA_COUNT = TABLES.lfa.count
const LFA_END = TABLES.lfa.end
const MFA = TABLES.mfa.lms
const MFA_SD = TABLES.mfa.sd
const MFA_START = TABLES.mfa.start
const MFA_COUNT = TABLES.mfa.count
const MFA_END = TABLES.mfa.end
const WFL = TABLES.wfl.lms
const WFL_START = TABLES.wfl.start // mm
const WFL_COUNT = TABLES.wfl.count

/** Age in whole days as WHO Anthro: .5 and above rounds up. NaN for negative or non-finite ages. */
export function roundAgeDays(ageDays: number): number {
  if (!(ageDays >= 0) || ageDays === Infinity) return NaN
  const f = Math.floor(ageDays)
  return ageDays - f >= 0.5 ? f + 1 : f
}

/** Age in whole days from an age in months (× 30.4375, .5 up), as WHO Anthro. */
export function monthsToDays(months: number): number {
  return roundAgeDays(months * DAYS_PER_MONTH)
}

/**
 * WHO Anthro 1.1.0 considers a standing measurement before 9 months (age in months < 9) an error of
 * position: it is not corrected (`c9mo_flag`). Use this to warn the user.
 */
export function isStandingUnder9Months(ageDays: number, measured: LengthPosition | undefined): boolean {
  return measured === 'standing' && ageDays >= 0 && ageDays / DAYS_PER_MONTH < 9
}

/**
 * Length/height converted to what the standard expects at this age: +0.7 cm for a standing height
 * before 731 days (except before 9 months, see `isStandingUnder9Months`), −0.7 cm for a recumbent
 * length from 731 days on.
 */
export function adjustedLengthCm(ageDays: number, measured: LengthPosition | undefined, lengthCm: number): number {
  if (measured === undefined) return lengthCm
  const d = roundAgeDays(ageDays)
  if (measured === 'standing') {
    if (d < STANDING_FROM_DAYS && !(ageDays / DAYS_PER_MONTH < 9)) return lengthCm + LENGTH_HEIGHT_CORRECTION_CM
    return lengthCm
  }
  if (d >= STANDING_FROM_DAYS) return lengthCm - LENGTH_HEIGHT_CORRECTION_CM
  return lengthCm
}

/*
 * (y/M)^L is computed as exp(L·ln(y/M)): within 1 ulp of Math.pow on these ranges (checked in the
 * tests against the textbook formula) and ~3× faster in V8.
 */
function plainZ(y: number, l: number, m: number, s: number): number {
  const r = Math.log(y / m)
  return l === 0 ? r / s : (Math.exp(l * r) - 1) / (l * s)
}

/** Restricted z (WHO 2006 ch. 7): beyond ±3 SD, distances are measured in units of the 2–3 SD gap. */
function restrictedZ(y: number, l: number, m: number, s: number): number {
  const z = plainZ(y, l, m, s)
  if (z > 3) {
    const sd3 = sdLine(3, l, m, s)
    return 3 + (y - sd3) / (sd3 - sdLine(2, l, m, s))
  }
  if (z < -3) {
    const sd3 = sdLine(-3, l, m, s)
    return -3 + (y - sd3) / (sdLine(-2, l, m, s) - sd3)
  }
  return z
}

/**
 * Restricted z of a table row, with the row's precomputed SD lines: beyond ±3 SD (y above the
 * +3 SD line or below the −3 SD line, i.e. plain z > 3 or < −3) no power is needed.
 */
function restrictedRowZ(y: number, lms: Float64Array, i: number, sd: Float64Array, j: number): number {
  const sd3n = sd[j]
  if (y < sd3n) return -3 + (y - sd3n) / (sd[j + 1] - sd3n)
  const sd3p = sd[j + 3]
  if (y > sd3p) return 3 + (y - sd3p) / (sd3p - sd[j + 2])
  const l = lms[i]
  const m = lms[i + 1]
  const r = Math.log(y / m)
  const z = l === 0 ? r / lms[i + 2] : (Math.exp(l * r) - 1) / (l * lms[i + 2])
  // at the ±3 boundary rounding may put z a hair past 3: same value either way (continuous)
  return z
}

function result(z: number): number | null {
  return z === z && z !== Infinity && z !== -Infinity ? z : null
}

/**
 * WHO z-score of a measurement, unrounded (WHO Anthro reports it to 2 decimals: `roundZ`).
 *
 * - `wfa` weight-for-age (kg), `lfa` length/height-for-age (cm), `mfa` MUAC-for-age (cm),
 *   `wfl` weight-for-length: `measurement` is the weight (kg), `options.lengthCm` the length.
 * - `ageDays` may be fractional; it is rounded to whole days (.5 up). Z-scores exist for ages
 *   0–1826 days (age < 60 months, as WHO Anthro), MUAC-for-age from 91 days.
 * - Returns `null` where the standard has no value: non-finite or non-positive input, unknown sex,
 *   age outside the standard, MUAC-for-age under 91 days, weight-for-length when the (corrected)
 *   length is outside 45–110 cm or the child is 731 days or older (the weight-for-height standard,
 *   65–120 cm, is not bundled: Dyad's growth pages are for infants), weight-based scores with oedema.
 */
export function zScore(
  kind: GrowthIndicator,
  sex: GrowthSex,
  ageDays: number,
  measurement: number,
  options?: ZScoreOptions,
): number | null {
  const x = sex === 'M' ? 0 : sex === 'F' ? 1 : -1
  if (x < 0) return null
  if (!(measurement > 0) || measurement === Infinity) return null
  // age < 60 months (unrounded), as anthro's valid_age; rounded age must have a table row
  if (!(ageDays >= 0) || !(ageDays / DAYS_PER_MONTH < 60)) return null
  const f = Math.floor(ageDays)
  const d = ageDays - f >= 0.5 ? f + 1 : f
  let i: number
  switch (kind) {
    case 'wfa':
      if (d > WFA_END || (options !== undefined && options.oedema === true)) return null
      i = x * WFA_COUNT + d
      return result(restrictedRowZ(measurement, WFA, i * 3, WFA_SD, i * 4))
    case 'lfa': {
      if (d > LFA_END) return null
      const y = options !== undefined && options.measured !== undefined
        ? adjustedLengthCm(ageDays, options.measured, measurement)
        : measurement
      i = (x * LFA_COUNT + d) * 3
      const l = LFA[i]
      // every length-for-age row has L = 1: z = (y/M − 1)/S without a power
      return result(l === 1 ? (y / LFA[i + 1] - 1) / LFA[i + 2] : plainZ(y, l, LFA[i + 1], LFA[i + 2]))
    }
    case 'mfa':
      if (d < MFA_START || d > MFA_END) return null
      i = x * MFA_COUNT + d - MFA_START
      return result(restrictedRowZ(measurement, MFA, i * 3, MFA_SD, i * 4))
    case 'wfl': {
      if (options === undefined || options.oedema === true || d >= STANDING_FROM_DAYS) return null
      const raw = options.lengthCm
      if (raw === undefined || !(raw > 0) || raw === Infinity) return null
      const len = options.measured !== undefined ? adjustedLengthCm(ageDays, options.measured, raw) : raw
      if (!(len >= WFL_MIN_CM && len <= WFL_MAX_CM)) return null
      // as anthro: lower row trunc(len·10)/10, weight (len − lower)/0.1, L, M and S interpolated
      const mm = Math.trunc(len * 10)
      const frac = (len - mm / 10) / 0.1
      i = (x * WFL_COUNT + mm - WFL_START) * 3
      let l = WFL[i]
      let m = WFL[i + 1]
      let s = WFL[i + 2]
      if (frac > 0 && mm - WFL_START + 1 < WFL_COUNT) {
        l += frac * (WFL[i + 3] - l)
        m += frac * (WFL[i + 4] - m)
        s += frac * (WFL[i + 5] - s)
      }
      return result(restrictedZ(measurement, l, m, s))
    }
    default:
      return null
  }
}

/** Z-score to 2 decimals (half away from zero), as WHO Anthro reports it. */
export function roundZ(z: number): number
export function roundZ(z: number | null): number | null
export function roundZ(z: number | null): number | null {
  if (z === null || !Number.isFinite(z)) return null
  const r = Math.round(Math.abs(z) * 100 + 1e-9) / 100
  return z < 0 ? -r : r
}

/**
 * Implausible z-score flags of WHO Anthro (`fwei`, `flen`, `fwfl`, `fac`), applied as Anthro does to
 * the z-score rounded to 2 decimals: WAZ < −6 or > 5; LAZ |z| > 6; WLZ |z| > 5; MUAC-for-age |z| > 5.
 * A missing z is not flagged.
 */
export function isImplausible(kind: GrowthIndicator, z: number | null): boolean {
  const r = roundZ(z)
  if (r === null) return false
  switch (kind) {
    case 'wfa':
      return r < -6 || r > 5
    case 'lfa':
      return Math.abs(r) > 6
    case 'wfl':
    case 'mfa':
      return Math.abs(r) > 5
    default:
      return false
  }
}

/** The measurement at a given z (SD line), e.g. the −2 SD weight for age: inverse of `zScore`. */
export function measurementAtZ(
  kind: Exclude<GrowthIndicator, 'wfl'>,
  sex: GrowthSex,
  ageDays: number,
  z: number,
): number | null {
  const x = sex === 'M' ? 0 : sex === 'F' ? 1 : -1
  const d = roundAgeDays(ageDays)
  if (x < 0 || !(d >= 0) || !Number.isFinite(z)) return null
  const t = TABLES[kind]
  if (d < t.start || d > t.end) return null
  const i = (x * t.count + d - t.start) * 3
  const l = t.lms[i], m = t.lms[i + 1], s = t.lms[i + 2]
  if (kind === 'lfa' || Math.abs(z) <= 3) return sdLine(z, l, m, s)
  // restricted beyond ±3: linear in the 2–3 SD gap
  if (z > 3) {
    const sd3 = sdLine(3, l, m, s)
    return sd3 + (z - 3) * (sd3 - sdLine(2, l, m, s))
  }
  const sd3 = sdLine(-3, l, m, s)
  return sd3 + (z + 3) * (sdLine(-2, l, m, s) - sd3)
}
