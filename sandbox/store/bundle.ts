/**
 * The Dyad metadata package, installed at start through the store's own metadata import (as an
 * administrator would install it on a real server with POST /api/metadata).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importMetadata, parseImportParams } from './metadataImport'
import type { Store } from './store'

function versionKey(name: string): number[] {
  const m = /dyad-metadata-(.+)\.json$/.exec(name)
  return (m?.[1] ?? '').split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : -1))
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d) return d
  }
  return 0
}

/** Newest metadata/dist/dyad-metadata-<version>.json, or undefined. */
export function findBundle(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined
  const files = readdirSync(dir).filter((f) => /^dyad-metadata-.+\.json$/.test(f))
  if (!files.length) return undefined
  files.sort((a, b) => compare(versionKey(a), versionKey(b)))
  return join(dir, files[files.length - 1])
}

/** Import the bundle (atomic); returns a one-line summary, listing errors when it was refused. */
export function installBundle(store: Store, file: string): string {
  const payload = JSON.parse(readFileSync(file, 'utf8')) as unknown
  const result = importMetadata(store, payload, parseImportParams({ importStrategy: 'CREATE_AND_UPDATE', atomicMode: 'ALL' }))
  const stats = result.report.stats as Record<string, number>
  if (result.status === 200) return `metadata bundle ${file}: ${stats.created} created, ${stats.updated} updated`
  const errors: string[] = []
  for (const t of result.report.typeReports as Array<{ objectReports: Array<{ errorReports: Array<{ errorCode: string; message: string }> }> }>) {
    for (const o of t.objectReports) for (const e of o.errorReports) errors.push(`${e.errorCode} ${e.message}`)
  }
  return `metadata bundle ${file} was REFUSED by the import (${errors.length} errors; nothing installed):\n  ${errors.slice(0, 20).join('\n  ')}${errors.length > 20 ? `\n  … ${errors.length - 20} more` : ''}`
}
