/** Data-quality rules (pure): tracker checks, completeness, aggregate consistency, cross-check. */
export * from './types'
export * from './rules'
export * from './tracker'
export * from './completeness'
export * from './aggregate'
export * from './crosscheck'
