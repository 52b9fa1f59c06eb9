/**
 * Property constraints per metadata type and DHIS2 version, read from
 * ../shared/reference/metadata-constraints.json (a subset of /api/schemas: required, unique,
 * length). For 2.42 the file's own advice is followed: 2.41 values plus the 2.42.5.2 delta.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Dhis2Version } from '../model'

export interface PropConstraint {
  req?: boolean
  uniq?: boolean
  len?: number
  min?: number
  max?: number
  enum?: string
}

interface RawFile {
  types: Record<string, { versions: string[]; props: Record<string, PropConstraint | Record<string, PropConstraint | null>> }>
  core_2_42_5_2_delta: Record<string, PropConstraint | string>
  enums: Record<string, string[] | Record<string, string[]>>
}

const CANDIDATES = [resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'metadata-constraints.json'), '/work/shared/reference/metadata-constraints.json']

let raw: RawFile | null | undefined

function load(): RawFile | null {
  if (raw !== undefined) return raw
  const file = CANDIDATES.find((f) => existsSync(f))
  raw = file ? (JSON.parse(readFileSync(file, 'utf8')) as RawFile) : null
  return raw
}

const VERSIONED = new Set(['2.40', '2.41', 'snap42'])

function forVersion(c: PropConstraint | Record<string, PropConstraint | null>, version: Dhis2Version): PropConstraint | null {
  const keys = Object.keys(c)
  if (keys.length && keys.every((k) => VERSIONED.has(k))) {
    const v = c as Record<string, PropConstraint | null>
    return version === '2.40' ? v['2.40'] : v['2.41']
  }
  return c as PropConstraint
}

/** Constraints of one type (schema singular, e.g. dataElement) for a version; {} when unknown. */
export function constraintsOf(singular: string, version: Dhis2Version): Record<string, PropConstraint> {
  const file = load()
  const t = file?.types[singular]
  const out: Record<string, PropConstraint> = {}
  if (!t) return out
  for (const [prop, c] of Object.entries(t.props)) {
    const x = forVersion(c, version)
    if (x) out[prop] = { ...x }
  }
  if (version === '2.42' && file) {
    for (const [key, delta] of Object.entries(file.core_2_42_5_2_delta)) {
      if (typeof delta !== 'object' || key.startsWith('_')) continue
      const [type, prop] = key.split('.')
      if (type === singular) out[prop] = { ...(out[prop] ?? {}), ...delta }
      if (type === 'all BaseNameableObject' && out[prop]) out[prop] = { ...out[prop], max: delta.max }
    }
  }
  return out
}

export function enumValues(name: string, version: Dhis2Version): string[] | undefined {
  const e = load()?.enums[name]
  if (!e || Array.isArray(e)) return e
  return version === '2.40' ? e['2.40'] : (e['2.41'] ?? e['2.40'])
}

export function constraintsAvailable(): boolean {
  return load() !== null
}
