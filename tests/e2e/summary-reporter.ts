/**
 * Prints the ten slowest tests (so that a slow CI run says where its time went) and
 * one plain closing line, "browser tests: N passed, N failed", so that a reader of
 * the CI log (or a tool) can see how many browser tests really ran.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private durations: Array<[title: string, ms: number]> = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    this.durations.push([`${test.location.file.split('/').pop() ?? ''} › ${test.title}`, result.duration]);
    if (result.status === 'passed') this.passed += 1;
    else if (result.status === 'skipped') this.skipped += 1;
    else this.failed += 1;
  }

  onEnd(_result: FullResult): void {
    const slowest = [...this.durations].sort((a, b) => b[1] - a[1]).slice(0, 10);
    const total = this.durations.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`\nslowest browser tests (of ${(total / 1000).toFixed(0)} test-seconds in all):`);
    for (const [title, ms] of slowest) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${title}`);
    const skipped = this.skipped > 0 ? `, ${this.skipped} skipped` : '';
    console.log(`\nbrowser tests: ${this.passed} passed, ${this.failed} failed${skipped}`);
    if (this.passed + this.failed === 0) {
      console.error('No browser test ran: this counts as a failure.');
      process.exitCode = 1;
    }
  }
}
