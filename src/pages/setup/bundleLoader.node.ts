/** Jest stand-in for bundleLoader.ts (import.meta.glob is Vite-only): reads metadata/dist from disk. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pickNewest, type BundleFile, type MetadataBundle } from './bundle'

const dir = path.resolve(__dirname, '../../../metadata/dist')

export const availableBundles = (): BundleFile[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /^dyad-metadata-.+\.json$/.test(f)).map((f) => ({ path: path.join(dir, f) })) : []

export async function loadBundle(): Promise<MetadataBundle | undefined> {
  const newest = pickNewest(availableBundles())
  return newest ? (JSON.parse(readFileSync(newest.path, 'utf8')) as MetadataBundle) : undefined
}
