/** Family planning: methods, CYP factors (as data) and couple-years of protection. */
export * from './methods'
export * from './factors'
export * from './cyp'
