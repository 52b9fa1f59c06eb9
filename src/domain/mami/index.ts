/** MAMI: dyad risk classification of infants under 6 months and their mothers (imports the growth tables: load lazily). */
export * from './thresholds'
export * from './classify'
