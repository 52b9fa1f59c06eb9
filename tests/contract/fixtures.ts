/** Locates ../shared/dhis2-fixtures (beside the repo, as in CI) or $DYAD_FIXTURES. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export const FIXTURES_DIR = process.env.DYAD_FIXTURES ?? path.resolve(__dirname, '../../../shared/dhis2-fixtures')

export const VERSIONS = ['2.40', '2.41', '2.42'] as const

export function listJson(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...listJson(p))
    else if (name.endsWith('.json')) out.push(p)
  }
  return out.sort()
}

export const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'))
