/** Day arithmetic on UTC day numbers (days since 1970-01-01), with cached ISO strings. */

const MS_PER_DAY = 86_400_000

export function dayOf(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY)
}

const dateCache = new Map<number, string>()
/** 'YYYY-MM-DD' */
export function isoDate(day: number): string {
  let s = dateCache.get(day)
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
    dateCache.set(day, s)
  }
  return s
}

const dateTimeCache = new Map<number, string>()
/** DHIS2 tracker wire form 'YYYY-MM-DDT00:00:00.000' (no zone). */
export function isoDateTime(day: number): string {
  let s = dateTimeCache.get(day)
  if (s === undefined) {
    s = `${isoDate(day)}T00:00:00.000`
    dateTimeCache.set(day, s)
  }
  return s
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear()
}

/** Monthly period id (yyyyMM) of a day. */
export function monthIdOf(day: number): string {
  return isoDate(day).slice(0, 7).replace('-', '')
}
