/**
 * Jest configuration, merged by `d2-app-scripts test` over its defaults (babel transform, jsdom).
 * Unit tests sit next to their code under src/, metadata/ and sandbox/; tests/ holds the contract,
 * metadata, cross-check and i18n suites (tests/e2e runs in a browser, outside jest). Node-side
 * suites declare `@jest-environment node` in their docblock. Run with TZ=Etc/UTC (npm test does).
 */
const path = require('path')

// moduleNameMapper replaces app-scripts' default one, so its mocks are listed again here.
const appScriptsConfig = (file) => path.join(__dirname, 'node_modules/@dhis2/cli-app-scripts/config', file)

module.exports = {
    roots: ['<rootDir>/src', '<rootDir>/metadata', '<rootDir>/sandbox', '<rootDir>/tests'],
    testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    testPathIgnorePatterns: ['/node_modules/', '/build/', '/.d2/', '/metadata/dist/', '/tests/e2e/'],
    // import.meta.glob is Vite-only: tests read the same metadata bundles from disk.
    moduleNameMapper: {
        '^(.*)/bundleLoader$': '$1/bundleLoader.node',
        // jest 27 ignores package "exports": point date-fns subpaths (ESM .js) at their CJS twins.
        '^date-fns/locale$': '<rootDir>/node_modules/date-fns/locale.cjs',
        '^date-fns/locale/(.*)$': '<rootDir>/node_modules/date-fns/locale/$1.cjs',
        '\\.(css|less)$': appScriptsConfig('jest.identity.mock.js'),
        '\\.(jpg|jpeg|png|gif|svg|woff|woff2)$': appScriptsConfig('jest.file.mock.js'),
        '^styled-jsx/(css|macro)$': appScriptsConfig('jest.styled-jsx-css.mock.js'),
    },
    setupFilesAfterEnv: ['<rootDir>/src/test-utils/setupTests.ts'],
    // The count reporter writes {passed, failed} to $DYAD_TEST_COUNTS for scripts/test.ts.
    reporters: ['default', '<rootDir>/tests/count-reporter.js'],
    // Component tests render whole pages; on CI's 2 cores with parallel workers 5 s is too tight.
    testTimeout: 30000,
    verbose: false,
}
