/**
 * Jest reporter: writes the run's test counts as JSON to $DYAD_TEST_COUNTS (when set), so
 * scripts/test.ts can add them to the e2e counts and print the closing `N passed, N failed`.
 * A suite that fails to run (syntax error, import error) counts as one failure.
 */
const fs = require('fs')

class CountReporter {
    onRunComplete(_contexts, results) {
        const file = process.env.DYAD_TEST_COUNTS
        if (!file) return
        const brokenSuites = results.testResults.filter((r) => r.testExecError || (r.failureMessage && r.numFailingTests === 0)).length
        const counts = {
            passed: results.numPassedTests,
            failed: results.numFailedTests + brokenSuites,
            suites: results.numTotalTestSuites,
            brokenSuites,
        }
        fs.writeFileSync(file, JSON.stringify(counts))
    }
}

module.exports = CountReporter
