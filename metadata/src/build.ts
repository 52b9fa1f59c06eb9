/**
 * Assemble the Dyad metadata bundle: every collection generated from the typed source, a
 * `package` header, UID collision check over every object (top-level and embedded), stable key
 * order and sorted collections, so that a rebuild is byte-identical.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { dashboards, userGroups, userRoles } from './access'
import {
  aggregateDataElements,
  aggregateIndicatorSpecs,
  categories,
  categoryCombos,
  categoryOptionCombosObjects,
  categoryOptions,
  dataSets,
  organisationUnitGroupSets,
  organisationUnitGroups,
  sections,
  validationRules,
} from './aggregateObjects'
import type { D2Object, Json } from './common'
import { catalogLegendSources, indicatorTypes, indicatorsFrom, legendSetsFrom, programIndicators, trackerIndicatorSpecs } from './indicators'
import { constants, programRuleActions, programRuleVariables, programRules } from './programRules'
import {
  optionSets,
  options,
  programStageSections,
  programStages,
  programs,
  relationshipTypes,
  trackedEntityAttributes,
  trackedEntityTypes,
  trackerDataElements,
} from './tracker'

export const ROOT = path.resolve(__dirname, '../..')
export const DIST = path.join(ROOT, 'metadata/dist')

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }
  if (!pkg.version) throw new Error('package.json has no version')
  return pkg.version
}

export interface PackageHeader {
  [k: string]: Json
  name: string
  code: string
  version: string
  description: string
  type: string
  minDHIS2Version: string
  DHIS2Version: string
  locale: string
  locales: string[]
}

export type Bundle = { package: PackageHeader } & Record<string, D2Object[] | PackageHeader>

export function header(version: string): PackageHeader {
  return {
    name: `DYAD_TRK_AGG_V${version}_DHIS2.40`,
    code: 'DYAD',
    version,
    description:
      'Dyad / Dyade: integrated care of the mother–infant pair (INSPiRE: PPFP, MNCH, nutrition, MAMI) — tracker programs Mother and Infant linked by a relationship, program indicators of the Dyad catalog, private-sector monthly FP/MNCH report. EN + FR.',
    type: 'TRK+AGG',
    minDHIS2Version: '2.40',
    DHIS2Version: '2.40',
    locale: 'en',
    locales: ['en', 'fr'],
  }
}

/** Every collection of the bundle (unsorted). */
export function collections(): Record<string, D2Object[]> {
  const legendSources = catalogLegendSources()
  return {
    trackedEntityTypes: trackedEntityTypes(),
    trackedEntityAttributes: trackedEntityAttributes(),
    optionSets: optionSets(),
    options: options(),
    dataElements: [...trackerDataElements(), ...aggregateDataElements()],
    programs: programs(),
    programStages: programStages(),
    programStageSections: programStageSections(),
    relationshipTypes: relationshipTypes(),
    constants: constants(),
    programRuleVariables: programRuleVariables(),
    programRules: programRules(),
    programRuleActions: programRuleActions(),
    programIndicators: programIndicators(),
    indicatorTypes: indicatorTypes(),
    indicators: indicatorsFrom([...trackerIndicatorSpecs(), ...aggregateIndicatorSpecs()]),
    legendSets: legendSetsFrom(legendSources),
    categoryOptions: categoryOptions(),
    categories: categories(),
    categoryCombos: categoryCombos(),
    categoryOptionCombos: categoryOptionCombosObjects(),
    dataSets: dataSets(),
    sections: sections(),
    validationRules: validationRules(),
    organisationUnitGroups: organisationUnitGroups(),
    organisationUnitGroupSets: organisationUnitGroupSets(),
    userGroups: userGroups(),
    userRoles: userRoles(),
    dashboards: dashboards(),
  }
}

/** Objects that carry an id anywhere in the value (top-level and embedded), with their path. */
function* objectsWithId(value: Json | undefined, where: string): Generator<{ id: string; code?: string; path: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* objectsWithId(value[i], `${where}[${i}]`)
    return
  }
  if (value === null || typeof value !== 'object') return
  const keys = Object.keys(value)
  const isRef = keys.length === 1 && keys[0] === 'id'
  if (typeof value.id === 'string' && !isRef && !where.endsWith('.sharing') && !/\.userGroups\.[^.]+$/.test(where)) {
    yield { id: value.id, ...(typeof value.code === 'string' ? { code: value.code } : {}), path: where }
  }
  for (const k of keys) {
    if (k === 'sharing') continue
    yield* objectsWithId(value[k], `${where}.${k}`)
  }
}

export class UidCollisionError extends Error {}

/** Throws on any UID used by two different objects (the hash would then have collided). */
export function checkCollisions(cols: Record<string, D2Object[]>): void {
  const seen = new Map<string, string>()
  const problems: string[] = []
  for (const [name, list] of Object.entries(cols)) {
    for (let i = 0; i < list.length; i++) {
      for (const o of objectsWithId(list[i] as Json, `${name}[${i}]`)) {
        const prev = seen.get(o.id)
        if (prev !== undefined) problems.push(`UID ${o.id} is used by ${prev} and ${o.path}${o.code ? ` (${o.code})` : ''}`)
        else seen.set(o.id, `${o.path}${o.code ? ` (${o.code})` : ''}`)
      }
    }
  }
  if (problems.length) throw new UidCollisionError(`UID collision(s):\n  ${problems.join('\n  ')}`)
}

/** Deep copy with object keys in lexical order (arrays keep their order). */
export function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v === null || typeof v !== 'object') return v
  const out: { [k: string]: Json } = {}
  for (const k of Object.keys(v).sort()) {
    const x = v[k]
    if (x !== undefined) out[k] = sortKeys(x)
  }
  return out
}

export function buildBundle(version = packageVersion()): Bundle {
  const cols = collections()
  checkCollisions(cols)
  const out: Record<string, Json> = { package: header(version) }
  for (const name of Object.keys(cols).sort()) {
    const list = [...cols[name]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    out[name] = list as unknown as Json
  }
  return sortKeys(out) as unknown as Bundle
}

export function serialize(bundle: Bundle): string {
  return `${JSON.stringify(bundle, null, 1)}\n`
}

export function bundleFileName(version: string): string {
  return `dyad-metadata-${version}.json`
}

/** Build and write metadata/dist/dyad-metadata-<version>.json; returns the path and object counts. */
export function writeBundle(dir = DIST): { file: string; counts: Record<string, number>; bytes: number } {
  const version = packageVersion()
  const bundle = buildBundle(version)
  const text = serialize(bundle)
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, bundleFileName(version))
  writeFileSync(file, text)
  return { file, counts: countObjects(bundle), bytes: Buffer.byteLength(text) }
}

export function countObjects(bundle: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const [k, v] of Object.entries(bundle)) if (Array.isArray(v)) counts[k] = v.length
  return counts
}
