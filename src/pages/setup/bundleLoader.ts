/**
 * The metadata package bundled with the app, loaded lazily (its own chunk, not first-load JS).
 * The metadata build writes metadata/dist/dyad-metadata-<version>.json; the newest version wins.
 * '@dyad-metadata' is an alias of the repository's metadata/ folder (vite.extensions.mjs).
 * (Jest maps this module to bundleLoader.node.ts, which reads the same files from disk.)
 */
import { pickNewest, type BundleFile, type MetadataBundle } from './bundle'

const files = import.meta.glob<{ default: MetadataBundle }>('@dyad-metadata/dist/dyad-metadata-*.json')

export const availableBundles = (): BundleFile[] => Object.keys(files).map((path) => ({ path }))

export async function loadBundle(): Promise<MetadataBundle | undefined> {
  const newest = pickNewest(availableBundles())
  if (!newest) return undefined
  const mod = await files[newest.path]()
  return mod.default
}
