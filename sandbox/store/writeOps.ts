/**
 * Replay of tracker, data value and registration writes (the import modules register here).
 */
import type { Store } from './store'
import type { WriteEntry } from './types'

type Replayer = (store: Store, entry: WriteEntry) => void
const replayers = new Map<string, Replayer>()

export function registerReplayer(op: WriteEntry['op'], fn: Replayer): void {
  replayers.set(op, fn)
}

export function replayWrite(store: Store, entry: WriteEntry): void {
  const fn = replayers.get(entry.op)
  if (!fn) throw new Error(`no replayer for write-log operation '${entry.op}'`)
  fn(store, entry)
}
