/**
 * Value validation by DHIS2 value type and option set (shared by tracker and aggregate import).
 * Returns a reason when the value is invalid, null when it is valid.
 */
import type { Store } from './store'

const INT = /^[-+]?\d+$/
const NUM = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/

function validDate(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10)
}

export function valueTypeError(valueType: string | undefined, value: string): string | null {
  switch (valueType) {
    case undefined:
    case 'TEXT':
      return value.length > 50000 ? 'value_length_greater_than_max_length' : null
    case 'LONG_TEXT':
    case 'MULTI_TEXT':
    case 'LETTER':
    case 'USERNAME':
    case 'URL':
    case 'FILE_RESOURCE':
    case 'IMAGE':
    case 'GEOJSON':
    case 'REFERENCE':
      return null
    case 'INTEGER':
      return INT.test(value) ? null : 'value_not_integer'
    case 'INTEGER_POSITIVE':
      return INT.test(value) && Number(value) > 0 ? null : 'value_not_positive_integer'
    case 'INTEGER_NEGATIVE':
      return INT.test(value) && Number(value) < 0 ? null : 'value_not_negative_integer'
    case 'INTEGER_ZERO_OR_POSITIVE':
      return INT.test(value) && Number(value) >= 0 ? null : 'value_not_zero_or_positive_integer'
    case 'NUMBER':
      return NUM.test(value) ? null : 'value_not_numeric'
    case 'PERCENTAGE':
      return NUM.test(value) && Number(value) >= 0 && Number(value) <= 100 ? null : 'value_not_percentage'
    case 'UNIT_INTERVAL':
      return NUM.test(value) && Number(value) >= 0 && Number(value) <= 1 ? null : 'value_not_unit_interval'
    case 'BOOLEAN':
      return /^(true|false|1|0)$/i.test(value) ? null : 'value_not_bool'
    case 'TRUE_ONLY':
      return /^(true|1)$/i.test(value) ? null : 'value_not_true_only'
    case 'DATE':
    case 'AGE':
      return (DATE.test(value) || DATETIME.test(value)) && validDate(value) ? null : 'value_not_valid_date'
    case 'DATETIME':
      return DATETIME.test(value) && validDate(value) ? null : 'value_not_valid_datetime'
    case 'TIME':
      return /^\d{2}:\d{2}(:\d{2})?$/.test(value) ? null : 'value_not_valid_time'
    case 'EMAIL':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? null : 'value_not_valid_email'
    case 'PHONE_NUMBER':
      return /^[+0-9 ()-]{3,50}$/.test(value) ? null : 'value_not_valid_phone_number'
    case 'COORDINATE':
      return /^\[\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*\]$/.test(value) ? null : 'value_not_coordinate'
    case 'ORGANISATION_UNIT':
      return /^[a-zA-Z][a-zA-Z0-9]{10}$/.test(value) ? null : 'value_not_valid_organisation_unit'
    default:
      return null
  }
}

/** Option codes of an option set (options listed on the set or pointing to it). */
export function optionCodes(store: Store, optionSetId: string): Set<string> | null {
  const os = store.get('optionSets', optionSetId)
  if (!os) return null
  const codes = new Set<string>()
  const listed = new Set(((os.options as Array<{ id: string }>) ?? []).map((o) => o.id))
  for (const o of store.collection('options').values()) {
    if (listed.has(o.id) || (o.optionSet as { id?: string } | undefined)?.id === optionSetId) {
      if (typeof o.code === 'string') codes.add(o.code)
    }
  }
  return codes
}

/** Error text for a value of a data element or attribute (value type, then option set). */
export function checkValue(store: Store, meta: Record<string, unknown>, value: string): string | null {
  const vt = valueTypeError(meta.valueType as string | undefined, value)
  if (vt) return vt
  const osId = (meta.optionSet as { id?: string } | undefined)?.id
  if (osId) {
    const codes = optionCodes(store, osId)
    if (codes && codes.size && !(meta.valueType === 'MULTI_TEXT' ? value.split(',').every((v) => codes.has(v)) : codes.has(value))) return `value_not_valid_option (option set ${osId})`
  }
  return null
}
