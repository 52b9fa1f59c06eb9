/**
 * The append-only write log: one JSON line per accepted write. On start the store replays it on
 * top of the seed, so writes survive restarts; `npm run sandbox:reset` deletes it.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { WriteEntry } from './types'

export class WriteLog {
  constructor(readonly file: string | undefined) {
    if (file) mkdirSync(dirname(file), { recursive: true })
  }

  append(entry: WriteEntry): void {
    if (!this.file) return
    appendFileSync(this.file, JSON.stringify(entry) + '\n', 'utf8')
  }

  /** Entries in write order. A torn last line (crash during a write) is reported and skipped. */
  read(onError: (msg: string) => void): WriteEntry[] {
    if (!this.file || !existsSync(this.file)) return []
    const out: WriteEntry[] = []
    const lines = readFileSync(this.file, 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (!line.trim()) return
      try {
        out.push(JSON.parse(line) as WriteEntry)
      } catch {
        onError(`write log ${this.file}: line ${i + 1} is not valid JSON and was skipped`)
      }
    })
    return out
  }
}

/** Log file for one seed and scale (writes made on another scale would not apply cleanly). */
export function writeLogFile(dataDir: string, seed: number, pairs: number): string {
  return join(dataDir, `writes-s${seed}-p${pairs}.jsonl`)
}

/** Delete every write log in the data folder (the seed cache is kept). Returns the files removed. */
export function resetWrites(dataDir: string): string[] {
  if (!existsSync(dataDir)) return []
  const removed: string[] = []
  for (const f of readdirSync(dataDir)) {
    if (/^writes-.*\.jsonl$/.test(f)) {
      unlinkSync(join(dataDir, f))
      removed.push(f)
    }
  }
  return removed
}
