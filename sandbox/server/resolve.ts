/**
 * The metadata resolver for `fields=` and `filter=`: virtual properties DHIS2 computes
 * (displayName and friends from translations in the user's locale, org-unit children, ancestors,
 * groups, leaf, href) and reference expansion through the store's global id index.
 */
import type { Store } from '../store/store'
import type { Resolver } from './fields'

type Obj = Record<string, unknown>

const TRANSLATED: Record<string, [string, string]> = {
  displayName: ['NAME', 'name'],
  displayShortName: ['SHORT_NAME', 'shortName'],
  displayDescription: ['DESCRIPTION', 'description'],
  displayFormName: ['FORM_NAME', 'formName'],
  displayNumeratorDescription: ['NUMERATOR_DESCRIPTION', 'numeratorDescription'],
  displayDenominatorDescription: ['DENOMINATOR_DESCRIPTION', 'denominatorDescription'],
  displayEnrollmentDateLabel: ['ENROLLMENT_DATE_LABEL', 'enrollmentDateLabel'],
  displayIncidentDateLabel: ['INCIDENT_DATE_LABEL', 'incidentDateLabel'],
  displayExecutionDateLabel: ['EXECUTION_DATE_LABEL', 'executionDateLabel'],
  displayFromToName: ['RELATIONSHIP_FROM_TO_NAME', 'fromToName'],
  displayToFromName: ['RELATIONSHIP_TO_FROM_NAME', 'toFromName'],
}

export function translated(obj: Obj, locale: string, translationProperty: string, prop: string): unknown {
  const list = obj.translations as Array<{ locale?: string; property?: string; value?: string }> | undefined
  if (Array.isArray(list)) {
    const lang = locale.split(/[_-]/)[0]
    const hit = list.find((t) => t.property === translationProperty && t.locale === locale) ?? list.find((t) => t.property === translationProperty && t.locale?.split(/[_-]/)[0] === lang)
    if (hit?.value) return hit.value
  }
  const base = obj[prop]
  if (base === undefined && prop === 'formName') return obj.name
  if (base === undefined && prop === 'shortName') return undefined
  return base
}

export function metadataResolver(store: Store, locale: string, baseUrl: string): Resolver {
  const collectionOf = (obj: Obj) => (typeof obj.id === 'string' ? store.byId.get(obj.id)?.collection : undefined)
  return {
    allProps(obj) {
      const keys = Object.keys(obj).filter((k) => k !== 'translations' || true)
      const c = collectionOf(obj)
      if (c) {
        if ('name' in obj) keys.push('displayName')
        if ('shortName' in obj) keys.push('displayShortName')
        if ('description' in obj) keys.push('displayDescription')
        if ('formName' in obj || c === 'dataElements' || c === 'trackedEntityAttributes') keys.push('displayFormName')
        if (c === 'organisationUnits') keys.push('children', 'ancestors', 'organisationUnitGroups', 'leaf')
        keys.push('href')
      }
      return keys
    },
    get(obj, prop) {
      const t = TRANSLATED[prop]
      if (t) return translated(obj, locale, t[0], t[1])
      const c = collectionOf(obj)
      if (prop === 'href' && c) return `${baseUrl}/api/${c}/${String(obj.id)}`
      if (c === 'organisationUnits') {
        const id = String(obj.id)
        switch (prop) {
          case 'children':
            return store.childrenOf(id).map((x) => ({ id: x }))
          case 'leaf':
            return store.childrenOf(id).length === 0
          case 'ancestors':
            return String(obj.path ?? '').split('/').filter((x) => x && x !== id).map((x) => ({ id: x }))
          case 'organisationUnitGroups':
            return obj.organisationUnitGroups ?? store.groupsOf(id).map((x) => ({ id: x }))
          case 'childCount':
            return store.childrenOf(id).length
        }
      }
      if (c === 'organisationUnitGroupSets' && prop === 'items') return obj.organisationUnitGroups
      if (c === 'organisationUnitGroups' && prop === 'groupSets') {
        return [...store.collection('organisationUnitGroupSets').values()].filter((s) => ((s.organisationUnitGroups as Obj[]) ?? []).some((g) => g.id === obj.id)).map((s) => ({ id: s.id }))
      }
      return obj[prop]
    },
    expand(ref) {
      return typeof ref.id === 'string' ? store.byId.get(ref.id)?.obj : undefined
    },
  }
}
