/**
 * A read-only table from DHIS2 UIDs to values, for the loops over data values of the pair engine
 * (the reader's value checks, the indicator engine's value slots).
 *
 * Why not a Map: JSON.parse internalises string values of at most 10 characters, so each of the
 * ~5 million data values of 100 000 pairs carries its own copy of its 11-character data element
 * UID. A Map lookup must hash that copy (and writes the hash into it): about a quarter of the
 * reader's time on a fresh payload. Here the first two characters pick a short bucket and a string
 * comparison confirms the UID: nothing is hashed or written (docs/decisions/0351).
 */
export class UidTable<T> {
  private readonly buckets: ({ uid: string; value: T }[] | undefined)[] = new Array(1 << 14).fill(undefined)

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [uid, value] of entries) {
      const k = bucketOf(uid)
      const b = this.buckets[k]
      const entry = b?.find((e) => e.uid === uid)
      if (entry !== undefined) entry.value = value // as in a Map, the last value of a UID wins
      else if (b === undefined) this.buckets[k] = [{ uid, value }]
      else b.push({ uid, value })
    }
  }

  /** The value of `uid`, undefined when absent (or when `uid` is not a string). */
  get(uid: unknown): T | undefined {
    if (typeof uid !== 'string') return undefined
    const b = this.buckets[bucketOf(uid)]
    if (b === undefined) return undefined
    for (let i = 0; i < b.length; i++) if (b[i].uid === uid) return b[i].value
    return undefined
  }
}

/** 7 bits of each of the first two characters (a missing character counts as 0). */
function bucketOf(uid: string): number {
  return ((uid.charCodeAt(0) & 127) << 7) | (uid.charCodeAt(1) & 127)
}
