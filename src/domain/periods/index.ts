/** DHIS2 periods: fixed period ids, relative periods, same period last year, FR/EN labels. */
export * from './types'
export * from './fixed'
export * from './relative'
export * from './yoy'
export * from './format'
export { isoDateOf, isoWeeksInYear, isoWeekOf } from './calendar'
