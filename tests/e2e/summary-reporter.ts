/**
 * Prints one plain closing line, "browser tests: N passed, N failed", so that a
 * reader of the CI log (or a tool) can see how many browser tests really ran.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(_test: TestCase, result: TestResult): void {
    if (result.status === 'passed') this.passed += 1;
    else if (result.status === 'skipped') this.skipped += 1;
    else this.failed += 1;
  }

  onEnd(_result: FullResult): void {
    const skipped = this.skipped > 0 ? `, ${this.skipped} skipped` : '';
    console.log(`\nbrowser tests: ${this.passed} passed, ${this.failed} failed${skipped}`);
    if (this.passed + this.failed === 0) {
      console.error('No browser test ran: this counts as a failure.');
      process.exitCode = 1;
    }
  }
}
