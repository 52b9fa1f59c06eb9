/** DHIS2 server version parsing (`/api/system/info` `version`: 2.40.4.1, 2.41-SNAPSHOT, 2.42.0…). */
export interface ServerVersion {
  major: number
  minor: number
  patch: number
  full: string
  snapshot: boolean
}

/** The three tracker API dialects Dyad speaks; newer servers use the newest one. */
export type TrackerDialect = '2.40' | '2.41' | '2.42'

export function parseServerVersion(v: unknown): ServerVersion | undefined {
  if (typeof v !== 'string') return undefined
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(-SNAPSHOT)?/i.exec(v.trim())
  if (!m) return undefined
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] ? Number(m[3]) : 0, full: v.trim(), snapshot: Boolean(m[5]) }
}

export function trackerDialect(v: ServerVersion): TrackerDialect {
  if (v.major === 2 && v.minor <= 40) return '2.40'
  if (v.major === 2 && v.minor === 41) return '2.41'
  return '2.42'
}

export const MIN_SUPPORTED_MINOR = 40
export const isSupported = (v: ServerVersion): boolean => v.major > 2 || v.minor >= MIN_SUPPORTED_MINOR
