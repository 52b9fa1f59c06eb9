/**
 * What the sandbox knows about DHIS2 metadata types: collection name, Java class (for import
 * reports), import order (dependencies first) and which nested properties are embedded objects
 * rather than references.
 */

export interface TypeInfo {
  collection: string
  /** Simple class name, e.g. DataElement. */
  name: string
  klass: string
  /** Schema singular (the key in metadata-constraints.json `types`). */
  singular: string
}

const T = (collection: string, name: string, pkg: string): TypeInfo => ({
  collection,
  name,
  klass: `org.hisp.dhis.${pkg}.${name}`,
  singular: name.charAt(0).toLowerCase() + name.slice(1),
})

/** Import order: an object's references come before it where the graph allows. */
export const TYPES: TypeInfo[] = [
  T('attributes', 'Attribute', 'attribute'),
  T('organisationUnitLevels', 'OrganisationUnitLevel', 'organisationunit'),
  T('organisationUnits', 'OrganisationUnit', 'organisationunit'),
  T('organisationUnitGroups', 'OrganisationUnitGroup', 'organisationunit'),
  T('organisationUnitGroupSets', 'OrganisationUnitGroupSet', 'organisationunit'),
  T('categoryOptions', 'CategoryOption', 'category'),
  T('categories', 'Category', 'category'),
  T('categoryCombos', 'CategoryCombo', 'category'),
  T('categoryOptionCombos', 'CategoryOptionCombo', 'category'),
  T('categoryOptionGroups', 'CategoryOptionGroup', 'category'),
  T('categoryOptionGroupSets', 'CategoryOptionGroupSet', 'category'),
  T('optionSets', 'OptionSet', 'option'),
  T('options', 'Option', 'option'),
  T('optionGroups', 'OptionGroup', 'option'),
  T('legendSets', 'LegendSet', 'legend'),
  T('constants', 'Constant', 'constant'),
  T('indicatorTypes', 'IndicatorType', 'indicator'),
  T('trackedEntityAttributes', 'TrackedEntityAttribute', 'trackedentity'),
  T('trackedEntityTypes', 'TrackedEntityType', 'trackedentity'),
  T('dataElements', 'DataElement', 'dataelement'),
  T('dataElementGroups', 'DataElementGroup', 'dataelement'),
  T('dataElementGroupSets', 'DataElementGroupSet', 'dataelement'),
  T('dataSets', 'DataSet', 'dataset'),
  T('sections', 'Section', 'dataset'),
  T('programs', 'Program', 'program'),
  T('programStages', 'ProgramStage', 'program'),
  T('programStageSections', 'ProgramStageSection', 'program'),
  T('programIndicators', 'ProgramIndicator', 'program'),
  T('programIndicatorGroups', 'ProgramIndicatorGroup', 'program'),
  T('programRuleVariables', 'ProgramRuleVariable', 'programrule'),
  T('programRules', 'ProgramRule', 'programrule'),
  T('programRuleActions', 'ProgramRuleAction', 'programrule'),
  T('relationshipTypes', 'RelationshipType', 'relationship'),
  T('indicators', 'Indicator', 'indicator'),
  T('indicatorGroups', 'IndicatorGroup', 'indicator'),
  T('indicatorGroupSets', 'IndicatorGroupSet', 'indicator'),
  T('validationRules', 'ValidationRule', 'validation'),
  T('predictors', 'Predictor', 'predictor'),
  T('userRoles', 'UserRole', 'user'),
  T('userGroups', 'UserGroup', 'user'),
  T('users', 'User', 'user'),
  T('visualizations', 'Visualization', 'visualization'),
  T('eventVisualizations', 'EventVisualization', 'eventvisualization'),
  T('maps', 'Map', 'mapping'),
  T('dashboards', 'Dashboard', 'dashboard'),
]

const BY_COLLECTION = new Map(TYPES.map((t) => [t.collection, t]))

/** Type info for a collection; unknown collections get a generic entry (DHIS2 has many more). */
export function typeOf(collection: string): TypeInfo {
  const t = BY_COLLECTION.get(collection)
  if (t) return t
  const singular = collection.endsWith('ies') ? `${collection.slice(0, -3)}y` : collection.replace(/s$/, '')
  const name = singular.charAt(0).toUpperCase() + singular.slice(1)
  return { collection, name, klass: `org.hisp.dhis.${name.toLowerCase()}.${name}`, singular }
}

export function isKnownCollection(collection: string): boolean {
  return BY_COLLECTION.has(collection)
}

export function importRank(collection: string): number {
  const i = TYPES.findIndex((t) => t.collection === collection)
  return i < 0 ? TYPES.length : i
}

/**
 * Nested properties that hold embedded objects (owned by the parent, possibly with their own
 * id), not references to other metadata. Their own nested references are still checked.
 */
export const EMBEDDED = new Set([
  'programStageDataElements',
  'programTrackedEntityAttributes',
  'trackedEntityTypeAttributes',
  'dataSetElements',
  'dataInputPeriods',
  'analyticsPeriodBoundaries',
  'legends',
  'translations',
  'attributeValues',
  'sharing',
  'style',
  'access',
  'fromConstraint',
  'toConstraint',
  'trackerDataView',
  'dashboardItems',
  'columns',
  'rows',
  'filters',
  'items',
  'numeratorDescription',
  'geometry',
  'notificationTemplates',
  'programSections',
  'user',
  'createdBy',
  'lastUpdatedBy',
])

/** Properties holding references that DHIS2 does not validate on import (users, sharing). */
export const UNCHECKED_REFS = new Set(['user', 'createdBy', 'lastUpdatedBy', 'users', 'userGroups', 'managedGroups', 'owner'])
