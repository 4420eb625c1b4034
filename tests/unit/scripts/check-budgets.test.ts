/** The budget check (scripts/check-budgets.ts): which measurements pass, which miss, and how it says so. */
import { describe, expect, it } from 'vitest';
import { budgetTable, checkPage, type PageMeasure } from '../../../scripts/check-budgets';
import { headerPolicy, metaPolicy } from '../../../src/plugins/security-headers.mjs';

const KB = 1024;
const good: PageMeasure = {
  page: '/chapters/pooling/',
  jsOnLoadGzip: 4 * KB,
  jsWithIdleGzip: 30 * KB,
  cssGzip: 20 * KB,
  transferBeforeInteractionGzip: 80 * KB,
  lighthouse: { performance: 98, accessibility: 100, cls: 0 },
};

describe('checkPage', () => {
  it('passes a page within every budget, including the exact limits', () => {
    expect(checkPage(good).misses).toEqual([]);
    const atLimits = {
      ...good,
      jsOnLoadGzip: 15 * KB,
      jsWithIdleGzip: 45 * KB,
      lighthouse: { performance: 95, accessibility: 100, cls: 0 },
    };
    expect(checkPage(atLimits).misses).toEqual([]);
  });

  it('names each miss: one byte over a weight budget, one point under a score, any layout shift', () => {
    const bad: PageMeasure = {
      ...good,
      jsOnLoadGzip: 15 * KB + 1,
      jsWithIdleGzip: 45 * KB + 1,
      lighthouse: { performance: 94, accessibility: 99, cls: 0.01, accessibilityFailures: ['color-contrast'] },
    };
    const { misses } = checkPage(bad);
    expect(misses).toHaveLength(5);
    expect(misses[0]).toMatch(/^\/chapters\/pooling\/: JS on load 15\.0 KB > 15\.0 KB/);
    expect(misses.join('\n')).toContain('Lighthouse performance 94 < 95');
    expect(misses.join('\n')).toContain('accessibility 99 < 100 (color-contrast)');
    expect(misses.join('\n')).toContain('cumulative layout shift 0.0100 > 0');
  });

  it('counts a score Lighthouse could not compute (null in the JSON) as a miss', () => {
    const { misses, cells } = checkPage({ ...good, lighthouse: { performance: 97, accessibility: null, cls: 0 } });
    expect(misses).toEqual(['/chapters/pooling/: Lighthouse gave no accessibility score']);
    expect(cells[5]).toEqual({ text: 'no score', ok: false });
  });

  it('does not count missing Lighthouse results as a miss, but shows them as not measured', () => {
    const { table, misses, unmeasured } = budgetTable({ date: 'd', lighthouse: false, pages: [{ ...good, lighthouse: null }] });
    expect(misses).toEqual([]);
    expect(unmeasured).toEqual(['/chapters/pooling/']);
    expect(table.split('\n')[2]).toBe(
      '| /chapters/pooling/ | 4.0 KB ✓ | 30.0 KB ✓ | 20.0 KB | 80.0 KB | not measured | not measured | not measured |',
    );
  });

  it("judges the median run's performance and shows the range of all runs beside it", () => {
    const runs = { ...good, lighthouse: { performance: 94, performanceRuns: [97, 94, 88], accessibility: 100, cls: 0 } };
    const { cells, misses } = checkPage(runs);
    expect(cells[4]).toEqual({ text: '94 (88–97)', ok: false });
    expect(misses).toEqual(['/chapters/pooling/: Lighthouse performance 94 < 95']);
    const one = checkPage({ ...good, lighthouse: { performance: 96, performanceRuns: [96], accessibility: 100, cls: 0 } });
    expect(one.cells[4]).toEqual({ text: '96', ok: true });
  });
});

describe('security headers from the CSP <meta>', () => {
  it('reads the policy out of the HTML and adds frame-ancestors for the header', () => {
    const html = `<head><meta http-equiv="content-security-policy" content="default-src 'self';script-src 'self' 'sha256-abc='; style-src 'self'"></head>`;
    const meta = metaPolicy(html);
    expect(meta).toBe("default-src 'self';script-src 'self' 'sha256-abc='; style-src 'self'");
    expect(headerPolicy(meta ?? '')).toBe("default-src 'self'; script-src 'self' 'sha256-abc='; style-src 'self'; frame-ancestors 'none'");
    expect(metaPolicy('<head></head>')).toBeNull();
  });
});
