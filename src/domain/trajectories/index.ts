export * from './profiles'
export * from './classify'
