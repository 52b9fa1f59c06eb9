/** The part of Vite's ImportMeta the app uses (lazy glob imports of generated bundles). */
interface ImportMeta {
  glob<T = unknown>(pattern: string | string[], options?: { import?: string; eager?: false }): Record<string, () => Promise<T>>
}
