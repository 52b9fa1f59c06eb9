/**
 * DHIS2 metadata import reports (POST /api/metadata), 2.40–2.42. Current servers wrap the report
 * in a WebMessage `{httpStatus, status, response:{responseType:'ImportReport', …}}`; /api/37 and
 * older paths (and the docs) show it unwrapped. Both are accepted.
 */
export type ImportStatus = 'OK' | 'WARNING' | 'ERROR'

export interface ImportStats {
  created: number
  updated: number
  deleted: number
  ignored: number
  total: number
}

export interface ImportErrorReport {
  message: string
  errorCode: string
  mainKlass?: string
  mainId?: string
  errorKlass?: string
  errorProperty?: string
}

export interface ImportObjectReport {
  klass: string
  uid?: string
  index?: number
  displayName?: string
  errorReports: ImportErrorReport[]
}

export interface ImportTypeReport {
  /** Fully qualified class, e.g. org.hisp.dhis.program.Program */
  klass: string
  /** Short type name, e.g. Program */
  type: string
  stats: ImportStats
  objectReports: ImportObjectReport[]
}

export interface ImportReport {
  status: ImportStatus
  stats: ImportStats
  typeReports: ImportTypeReport[]
  /** Every error, flattened, with its type for display. */
  errors: (ImportErrorReport & { type: string; uid?: string; displayName?: string })[]
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

function parseStats(v: unknown): ImportStats {
  const s = isObj(v) ? v : {}
  return { created: num(s.created), updated: num(s.updated), deleted: num(s.deleted), ignored: num(s.ignored), total: num(s.total) }
}

function parseStatus(v: unknown): ImportStatus {
  return v === 'OK' || v === 'WARNING' || v === 'ERROR' ? v : 'ERROR'
}

/** Finds the import report in a response body (wrapped or not); undefined when there is none. */
export function parseImportReport(body: unknown): ImportReport | undefined {
  if (!isObj(body)) return undefined
  const inner = isObj(body.response) && (body.response.responseType === 'ImportReport' || 'typeReports' in body.response) ? body.response : body
  if (!('typeReports' in inner) && !('stats' in inner)) return undefined
  const typeReports: ImportTypeReport[] = (Array.isArray(inner.typeReports) ? inner.typeReports : []).filter(isObj).map((tr) => {
    const klass = str(tr.klass) ?? ''
    return {
      klass,
      type: klass.split('.').pop() ?? klass,
      stats: parseStats(tr.stats),
      objectReports: (Array.isArray(tr.objectReports) ? tr.objectReports : []).filter(isObj).map((or) => ({
        klass: str(or.klass) ?? klass,
        uid: str(or.uid),
        index: typeof or.index === 'number' ? or.index : undefined,
        displayName: str(or.displayName),
        errorReports: (Array.isArray(or.errorReports) ? or.errorReports : []).filter(isObj).map((er) => ({
          message: str(er.message) ?? '',
          errorCode: str(er.errorCode) ?? '',
          mainKlass: str(er.mainKlass),
          mainId: str(er.mainId),
          errorKlass: str(er.errorKlass),
          errorProperty: str(er.errorProperty),
        })),
      })),
    }
  })
  const errors = typeReports.flatMap((tr) =>
    tr.objectReports.flatMap((or) => or.errorReports.map((er) => ({ ...er, type: tr.type, uid: or.uid, displayName: or.displayName }))),
  )
  return { status: parseStatus(inner.status), stats: parseStats(inner.stats), typeReports, errors }
}
