// Prints the plain `N passed, N failed` line CI looks for, and keeps it in a file so
// .ci/run can print it last, after anything global teardown writes.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed`;
    writeFileSync(
      join(__dirname, '..', '..', '.jest-results.json'),
      JSON.stringify({ line, success: results.success }),
    );
    console.log(line);
  }
}

module.exports = SummaryReporter;
