/**
 * Shared shapes and helpers of the metadata build: DHIS2 objects are plain JSON records that
 * always carry `id`; references are `{ id }`; French goes into `translations`.
 */
import { uid, type UidKind } from './uid'
import type { Label } from './vocabulary'

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
export interface D2Object {
  id: string
  [k: string]: Json | undefined
}
export interface Ref {
  id: string
  [k: string]: Json
}

export const ref = (id: string): Ref => ({ id })
export const refTo = (kind: UidKind, code: string): Ref => ({ id: uid(kind, code) })

export type TranslationProperty =
  | 'NAME'
  | 'SHORT_NAME'
  | 'FORM_NAME'
  | 'DESCRIPTION'
  | 'NUMERATOR_DESCRIPTION'
  | 'DENOMINATOR_DESCRIPTION'
  | 'ENROLLMENT_DATE_LABEL'
  | 'INCIDENT_DATE_LABEL'
  | 'EXECUTION_DATE_LABEL'
  | 'RELATIONSHIP_FROM_TO_NAME'
  | 'RELATIONSHIP_TO_FROM_NAME'
  | 'CONTENT'
  | 'INSTRUCTION'

export interface Translation {
  locale: string
  property: TranslationProperty
  value: string
  [k: string]: Json
}

/** French translations of the given labels (sorted by property; empty labels skipped). */
export function fr(props: Partial<Record<TranslationProperty, Label | undefined>>): Translation[] {
  const out: Translation[] = []
  for (const [property, label] of Object.entries(props) as [TranslationProperty, Label | undefined][]) {
    if (!label || !label.fr) continue
    out.push({ locale: 'fr', property, value: label.fr })
  }
  return out.sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : 0))
}

export const l = (en: string, fr: string): Label => ({ en, fr })

/** Truncate to `max` characters (only used for generated names; the validator checks lengths). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

// ---------------------------------------------------------------------------------------------
// User groups and sharing
// ---------------------------------------------------------------------------------------------

export const USER_GROUP = {
  DATA_ENTRY: 'DYAD_UG_DATA_ENTRY',
  ANALYSTS: 'DYAD_UG_ANALYSTS',
  ADMINS: 'DYAD_UG_ADMINS',
} as const

export type SharingProfile = 'metadata' | 'dataCapture' | 'dashboard'

/**
 * DHIS2 sharing (2.36+ `sharing` object): characters 1–2 metadata read/write, 3–4 data read/write.
 * - metadata: everyone can read the definition; analysts read; admins edit;
 * - dataCapture (TET, programs, stages, relationship type, data set): the data-entry group reads and
 *   writes data, analysts read data, admins edit the metadata and read data;
 * - dashboard: everyone can see it, admins edit.
 */
export function sharing(profile: SharingProfile): { [k: string]: Json } {
  const g = (code: string, access: string): [string, Json] => {
    const id = uid('userGroup', code)
    return [id, { id, access }]
  }
  const groups: [string, Json][] =
    profile === 'dataCapture'
      ? [g(USER_GROUP.DATA_ENTRY, 'r-rw----'), g(USER_GROUP.ANALYSTS, 'r-r-----'), g(USER_GROUP.ADMINS, 'rwr-----')]
      : [g(USER_GROUP.DATA_ENTRY, 'r-------'), g(USER_GROUP.ANALYSTS, 'r-------'), g(USER_GROUP.ADMINS, 'rw------')]
  groups.sort((a, b) => (a[0] < b[0] ? -1 : 1))
  return {
    external: false,
    public: 'r-------',
    userGroups: Object.fromEntries(groups),
    users: {},
  }
}
