/**
 * Jest configuration, merged by `d2-app-scripts test` over its defaults (babel transform, jsdom).
 * Unit tests sit next to their code under src/, metadata/ and sandbox/; tests/ holds the contract,
 * metadata, cross-check and end-to-end suites. Node-side suites declare
 * `@jest-environment node` in their docblock.
 */
module.exports = {
    roots: ['<rootDir>/src', '<rootDir>/metadata', '<rootDir>/sandbox', '<rootDir>/tests'],
    testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '/build/', '/.d2/', '/metadata/dist/'],
    verbose: false,
}
