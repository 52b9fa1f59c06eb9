/**
 * A tiny hash router (decision 0002): the app runs under /api/apps/dyad/ on DHIS2 and inside a
 * dashboard iframe, so the route and the selection live in the hash: `#/setup?ou=…&pe=…`.
 */
import { useCallback, useEffect, useState } from 'react'

export interface HashLocation {
  path: string
  params: URLSearchParams
}

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, '')
  const q = raw.indexOf('?')
  const pathPart = q >= 0 ? raw.slice(0, q) : raw
  const path = '/' + pathPart.replace(/^\/+/, '').replace(/\/+$/, '')
  return { path, params: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '') }
}

export function formatHash(path: string, params: URLSearchParams): string {
  const qs = params.toString()
  return `#${path}${qs ? `?${qs}` : ''}`
}

export function useHashLocation(): HashLocation {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const on = (): void => setHash(window.location.hash)
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return parseHash(hash)
}

/** Navigate to a path, keeping the current query (the selection) unless `params` replaces it. */
export function navigate(path: string, params?: URLSearchParams, replace = false): void {
  const next = formatHash(path, params ?? parseHash(window.location.hash).params)
  if (next === window.location.hash) return
  if (replace) {
    window.history.replaceState(null, '', next)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else {
    window.location.hash = next
  }
}

/** Update some query parameters of the current location (undefined removes one). */
export function useSetParams(): (changes: Record<string, string | undefined>, replace?: boolean) => void {
  return useCallback((changes, replace = false) => {
    const loc = parseHash(window.location.hash)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) loc.params.delete(k)
      else loc.params.set(k, v)
    }
    navigate(loc.path, loc.params, replace)
  }, [])
}
