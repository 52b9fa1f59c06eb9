/** Metadata package helpers for the Setup page: versions, contents, authorities needed to install. */
export interface PackageHeader {
  name: string
  version: string
  [key: string]: unknown
}

export type MetadataBundle = { package: PackageHeader } & Record<string, unknown>

export interface BundleFile {
  path: string
}

/** Parses "1.2.3" (pre-release suffix ignored for ordering). */
export function semverParts(v: string): [number, number, number] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(v)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0]
}

export function compareSemver(a: string, b: string): number {
  const x = semverParts(a)
  const y = semverParts(b)
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i]
  return 0
}

export const versionOfFile = (p: string): string => /dyad-metadata-(.+)\.json$/.exec(p)?.[1] ?? '0.0.0'

export function pickNewest(files: BundleFile[]): BundleFile | undefined {
  return [...files].sort((a, b) => compareSemver(versionOfFile(b.path), versionOfFile(a.path)))[0]
}

/** Objects per collection in a bundle (the `package` header excluded). */
export function bundleCounts(bundle: MetadataBundle): { collection: string; count: number }[] {
  return Object.entries(bundle)
    .filter(([k, v]) => k !== 'package' && Array.isArray(v))
    .map(([collection, v]) => ({ collection, count: (v as unknown[]).length }))
}

/**
 * Authority to create public objects of each type (DHIS2 checks them per object on import; a user
 * with ALL has them all). Types not listed here are checked by the server during the dry run.
 */
export const ADD_AUTHORITY: Record<string, string> = {
  programs: 'F_PROGRAM_PUBLIC_ADD',
  programStages: 'F_PROGRAMSTAGE_ADD',
  trackedEntityAttributes: 'F_TRACKED_ENTITY_ATTRIBUTE_PUBLIC_ADD',
  dataElements: 'F_DATAELEMENT_PUBLIC_ADD',
  optionSets: 'F_OPTIONSET_PUBLIC_ADD',
  programIndicators: 'F_PROGRAM_INDICATOR_PUBLIC_ADD',
  indicators: 'F_INDICATOR_PUBLIC_ADD',
  indicatorTypes: 'F_INDICATORTYPE_ADD',
  dataSets: 'F_DATASET_PUBLIC_ADD',
  programRules: 'F_PROGRAM_RULE_ADD',
  relationshipTypes: 'F_RELATIONSHIPTYPE_PUBLIC_ADD',
  organisationUnitGroupSets: 'F_ORGUNITGROUPSET_PUBLIC_ADD',
  organisationUnitGroups: 'F_ORGUNITGROUP_PUBLIC_ADD',
  legendSets: 'F_LEGEND_SET_PUBLIC_ADD',
  userRoles: 'F_USERROLE_PUBLIC_ADD',
  categories: 'F_CATEGORY_PUBLIC_ADD',
  categoryOptions: 'F_CATEGORY_OPTION_PUBLIC_ADD',
  categoryCombos: 'F_CATEGORY_COMBO_PUBLIC_ADD',
  constants: 'F_CONSTANT_ADD',
}

export function neededAuthorities(bundle: MetadataBundle): string[] {
  return Array.from(new Set(bundleCounts(bundle).map((c) => ADD_AUTHORITY[c.collection]).filter((a): a is string => Boolean(a)))).sort()
}

/** What the dataStore key dyad/package records after an install. */
export interface InstalledPackage {
  name: string
  version: string
  installedAt: string
  installedBy: string
}
