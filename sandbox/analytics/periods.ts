/**
 * DHIS2 period identifiers (fixed and relative) → day ranges and names, as analytics resolves
 * them. Day numbers are UTC days since 1970-01-01; ranges are inclusive.
 */

export interface Period {
  id: string
  type: string
  start: number
  end: number
  name: string
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const d = (y: number, m: number, day: number): number => Math.floor(Date.UTC(y, m - 1, day) / 86_400_000)
const endOfMonth = (y: number, m: number): number => d(y, m + 1, 1) - 1
export const isoOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10)
export const dayOfIso = (iso: string): number => d(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))

function month(y: number, m: number): Period {
  return { id: `${y}${String(m).padStart(2, '0')}`, type: 'Monthly', start: d(y, m, 1), end: endOfMonth(y, m), name: `${MONTHS[m - 1]} ${y}` }
}
function quarter(y: number, q: number): Period {
  const m = (q - 1) * 3 + 1
  return { id: `${y}Q${q}`, type: 'Quarterly', start: d(y, m, 1), end: endOfMonth(y, m + 2), name: `${MONTHS[m - 1]} - ${MONTHS[m + 1]} ${y}` }
}
function year(y: number): Period {
  return { id: String(y), type: 'Yearly', start: d(y, 1, 1), end: d(y, 12, 31), name: String(y) }
}
function biMonth(y: number, b: number): Period {
  const m = (b - 1) * 2 + 1
  return { id: `${y}${String(b).padStart(2, '0')}B`, type: 'BiMonthly', start: d(y, m, 1), end: endOfMonth(y, m + 1), name: `${MONTHS[m - 1]} - ${MONTHS[m]} ${y}` }
}
function sixMonth(y: number, s: number): Period {
  const m = s === 1 ? 1 : 7
  return { id: `${y}S${s}`, type: 'SixMonthly', start: d(y, m, 1), end: endOfMonth(y, m + 5), name: `${MONTHS[m - 1]} - ${MONTHS[m + 4]} ${y}` }
}
function day(n: number): Period {
  const iso = isoOfDay(n)
  return { id: iso.replace(/-/g, ''), type: 'Daily', start: n, end: n, name: iso }
}
/** ISO week: Monday start; week 1 contains the year's first Thursday. */
function isoWeekStart(y: number, w: number): number {
  const jan4 = d(y, 1, 4)
  const dow = (new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7 // 0 = Monday
  return jan4 - dow + (w - 1) * 7
}
function week(y: number, w: number): Period {
  const start = isoWeekStart(y, w)
  return { id: `${y}W${w}`, type: 'Weekly', start, end: start + 6, name: `Week ${w} ${isoOfDay(start)} - ${isoOfDay(start + 6)}` }
}
function weekOf(n: number): Period {
  const dow = (new Date(n * 86_400_000).getUTCDay() + 6) % 7
  const thursday = n - dow + 3
  const y = new Date(thursday * 86_400_000).getUTCFullYear()
  const w = Math.floor((thursday - d(y, 1, 1)) / 7) + 1
  return week(y, w)
}
const FINANCIAL: Record<string, number> = { April: 4, July: 7, Oct: 10, Nov: 11 }
function financial(y: number, key: string): Period {
  const m = FINANCIAL[key]
  return { id: `${y}${key}`, type: `Financial${key}`, start: d(y, m, 1), end: d(y + 1, m, 1) - 1, name: `${MONTHS[m - 1]} ${y} - ${MONTHS[(m + 10) % 12]} ${y + 1}` }
}

/** Parse a fixed period id; undefined when not a period. */
export function parsePeriod(id: string): Period | undefined {
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})$/.exec(id))) return year(Number(m[1]))
  if ((m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id))) return month(Number(m[1]), Number(m[2]))
  if ((m = /^(\d{4})Q([1-4])$/.exec(id))) return quarter(Number(m[1]), Number(m[2]))
  if ((m = /^(\d{4})S([12])$/.exec(id))) return sixMonth(Number(m[1]), Number(m[2]))
  if ((m = /^(\d{4})(0[1-6])B$/.exec(id))) return biMonth(Number(m[1]), Number(m[2]))
  if ((m = /^(\d{4})W([1-9]|[1-4]\d|5[0-3])$/.exec(id))) {
    const p = week(Number(m[1]), Number(m[2]))
    return weekOf(p.start).id === id ? p : undefined
  }
  if ((m = /^(\d{4})(0[1-9]|1[0-2])([0-2]\d|3[01])$/.exec(id))) {
    const n = d(Number(m[1]), Number(m[2]), Number(m[3]))
    return isoOfDay(n).replace(/-/g, '') === id ? day(n) : undefined
  }
  if ((m = /^(\d{4})(April|July|Oct|Nov)$/.exec(id))) return financial(Number(m[1]), m[2])
  return undefined
}

const RELATIVE_NAMES: Record<string, string> = {
  TODAY: 'Today', YESTERDAY: 'Yesterday', LAST_7_DAYS: 'Last 7 days', LAST_14_DAYS: 'Last 14 days', LAST_30_DAYS: 'Last 30 days',
  THIS_WEEK: 'This week', LAST_WEEK: 'Last week', LAST_4_WEEKS: 'Last 4 weeks', LAST_12_WEEKS: 'Last 12 weeks', LAST_52_WEEKS: 'Last 52 weeks',
  THIS_MONTH: 'This month', LAST_MONTH: 'Last month', LAST_3_MONTHS: 'Last 3 months', LAST_6_MONTHS: 'Last 6 months', LAST_12_MONTHS: 'Last 12 months',
  MONTHS_THIS_YEAR: 'Months this year', MONTHS_LAST_YEAR: 'Months last year',
  THIS_BIMONTH: 'This bi-month', LAST_BIMONTH: 'Last bi-month', LAST_6_BIMONTHS: 'Last 6 bi-months', BIMONTHS_THIS_YEAR: 'Bi-months this year',
  THIS_QUARTER: 'This quarter', LAST_QUARTER: 'Last quarter', LAST_4_QUARTERS: 'Last 4 quarters', QUARTERS_THIS_YEAR: 'Quarters this year', QUARTERS_LAST_YEAR: 'Quarters last year',
  THIS_SIX_MONTH: 'This six-month', LAST_SIX_MONTH: 'Last six-month', LAST_2_SIXMONTHS: 'Last 2 six-month',
  THIS_YEAR: 'This year', LAST_YEAR: 'Last year', LAST_5_YEARS: 'Last 5 years', LAST_10_YEARS: 'Last 10 years',
}

export function isRelativePeriod(id: string): boolean {
  return id in RELATIVE_NAMES
}
export function relativePeriodName(id: string): string | undefined {
  return RELATIVE_NAMES[id]
}

/** Resolve a relative period against `ref` (day number of "today" or relativePeriodDate). */
export function resolveRelative(id: string, ref: number): Period[] | undefined {
  const iso = isoOfDay(ref)
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  const months = (count: number, endOffset: number): Period[] => {
    const out: Period[] = []
    for (let k = count - 1 + endOffset; k >= endOffset; k--) {
      let mm = m - k
      let yy = y
      while (mm < 1) {
        mm += 12
        yy--
      }
      out.push(month(yy, mm))
    }
    return out
  }
  const q = Math.floor((m - 1) / 3) + 1
  const quarters = (count: number, endOffset: number): Period[] => {
    const out: Period[] = []
    for (let k = count - 1 + endOffset; k >= endOffset; k--) {
      let qq = q - k
      let yy = y
      while (qq < 1) {
        qq += 4
        yy--
      }
      out.push(quarter(yy, qq))
    }
    return out
  }
  const b = Math.floor((m - 1) / 2) + 1
  const biMonths = (count: number, endOffset: number): Period[] => {
    const out: Period[] = []
    for (let k = count - 1 + endOffset; k >= endOffset; k--) {
      let bb = b - k
      let yy = y
      while (bb < 1) {
        bb += 6
        yy--
      }
      out.push(biMonth(yy, bb))
    }
    return out
  }
  const s = m <= 6 ? 1 : 2
  const weeks = (count: number, endOffset: number): Period[] => {
    const out: Period[] = []
    for (let k = count - 1 + endOffset; k >= endOffset; k--) out.push(weekOf(ref - k * 7))
    return out
  }
  const days = (count: number, endOffset: number): Period[] => {
    const out: Period[] = []
    for (let k = count - 1 + endOffset; k >= endOffset; k--) out.push(day(ref - k))
    return out
  }
  switch (id) {
    case 'TODAY': return days(1, 0)
    case 'YESTERDAY': return days(1, 1)
    case 'LAST_7_DAYS': return days(7, 1)
    case 'LAST_14_DAYS': return days(14, 1)
    case 'LAST_30_DAYS': return days(30, 1)
    case 'THIS_WEEK': return weeks(1, 0)
    case 'LAST_WEEK': return weeks(1, 1)
    case 'LAST_4_WEEKS': return weeks(4, 1)
    case 'LAST_12_WEEKS': return weeks(12, 1)
    case 'LAST_52_WEEKS': return weeks(52, 1)
    case 'THIS_MONTH': return months(1, 0)
    case 'LAST_MONTH': return months(1, 1)
    case 'LAST_3_MONTHS': return months(3, 1)
    case 'LAST_6_MONTHS': return months(6, 1)
    case 'LAST_12_MONTHS': return months(12, 1)
    case 'MONTHS_THIS_YEAR': return Array.from({ length: 12 }, (_, i) => month(y, i + 1))
    case 'MONTHS_LAST_YEAR': return Array.from({ length: 12 }, (_, i) => month(y - 1, i + 1))
    case 'THIS_BIMONTH': return biMonths(1, 0)
    case 'LAST_BIMONTH': return biMonths(1, 1)
    case 'LAST_6_BIMONTHS': return biMonths(6, 1)
    case 'BIMONTHS_THIS_YEAR': return Array.from({ length: 6 }, (_, i) => biMonth(y, i + 1))
    case 'THIS_QUARTER': return quarters(1, 0)
    case 'LAST_QUARTER': return quarters(1, 1)
    case 'LAST_4_QUARTERS': return quarters(4, 1)
    case 'QUARTERS_THIS_YEAR': return [1, 2, 3, 4].map((k) => quarter(y, k))
    case 'QUARTERS_LAST_YEAR': return [1, 2, 3, 4].map((k) => quarter(y - 1, k))
    case 'THIS_SIX_MONTH': return [sixMonth(y, s)]
    case 'LAST_SIX_MONTH': return [s === 1 ? sixMonth(y - 1, 2) : sixMonth(y, 1)]
    case 'LAST_2_SIXMONTHS': return s === 1 ? [sixMonth(y - 1, 1), sixMonth(y - 1, 2)] : [sixMonth(y - 1, 2), sixMonth(y, 1)]
    case 'THIS_YEAR': return [year(y)]
    case 'LAST_YEAR': return [year(y - 1)]
    case 'LAST_5_YEARS': return [5, 4, 3, 2, 1].map((k) => year(y - k))
    case 'LAST_10_YEARS': return [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((k) => year(y - k))
  }
  return undefined
}

/** Add `n` periods of a DHIS2 period type to a day (for boundary offsets). */
export function addPeriods(dayNumber: number, n: number, periodType: string | undefined): number {
  if (!n) return dayNumber
  const iso = isoOfDay(dayNumber)
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  const dd = Number(iso.slice(8, 10))
  const addMonths = (k: number) => {
    const total = y * 12 + (m - 1) + k
    const ny = Math.floor(total / 12)
    const nm = (total % 12) + 1
    return d(ny, nm, Math.min(dd, new Date(Date.UTC(ny, nm, 0)).getUTCDate()))
  }
  switch (periodType) {
    case 'Daily': return dayNumber + n
    case 'Weekly': return dayNumber + 7 * n
    case 'BiWeekly': return dayNumber + 14 * n
    case 'Monthly': return addMonths(n)
    case 'BiMonthly': return addMonths(2 * n)
    case 'Quarterly': return addMonths(3 * n)
    case 'SixMonthly': return addMonths(6 * n)
    case 'Yearly':
    case 'FinancialApril':
    case 'FinancialJuly':
    case 'FinancialOct':
    case 'FinancialNov':
      return addMonths(12 * n)
    default: return addMonths(n)
  }
}
