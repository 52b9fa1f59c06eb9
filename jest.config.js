/**
 * Jest configuration, merged by `d2-app-scripts test` over its defaults (babel transform, jsdom).
 * Unit tests sit next to their code under src/, metadata/ and sandbox/; tests/ holds the contract,
 * metadata, cross-check and i18n suites (tests/e2e runs in a browser, outside jest). Node-side
 * suites declare `@jest-environment node` in their docblock. Run with TZ=Etc/UTC (npm test does).
 */
module.exports = {
    roots: ['<rootDir>/src', '<rootDir>/metadata', '<rootDir>/sandbox', '<rootDir>/tests'],
    testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '/build/', '/.d2/', '/metadata/dist/', '/tests/e2e/'],
    setupFilesAfterEnv: ['<rootDir>/src/test-utils/setupTests.ts'],
    // The count reporter writes {passed, failed} to $DYAD_TEST_COUNTS for scripts/test.ts.
    reporters: ['default', '<rootDir>/tests/count-reporter.js'],
    verbose: false,
}
