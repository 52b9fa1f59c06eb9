/**
 * Vite extensions for the App Platform build (d2.config.js `viteConfigExtensions`).
 * The platform copies src/ into .d2/shell/src/D2App before building, so relative imports that
 * leave src/ (src/domain → metadata/src/vocabulary, the Setup page's lazy metadata bundle) would
 * resolve inside .d2/shell. These aliases point them back at the repository's metadata/ folder.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(fileURLToPath(import.meta.url))
const metadataDir = path.join(root, 'metadata')

export default {
  resolve: {
    alias: [
      // '../../metadata/src/vocabulary' (any depth) from code under src/
      { find: /^(?:\.\.\/)+metadata\//, replacement: `${metadataDir}/` },
      // used by import.meta.glob in src/pages/setup/bundleLoader.ts
      { find: '@dyad-metadata', replacement: metadataDir },
    ],
  },
  server: { fs: { allow: [root] } },
}
