/** scripts/bench-docs.ts: the bench tables of docs/benchmarks.md, written from bench-results/. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceSection, SECTIONS, writeBenchDocs } from '../../../scripts/bench-docs';
import { speedTable } from '../../../scripts/lib/bench-tables';

const DOC = 'before\n\n<!-- bench:speed -->\n| old | table |\n<!-- /bench:speed -->\n\nafter\n';

const stat = (median: number, min: number, max: number) => ({ median, min, max, runs: [min, median, max] });
const speed = {
  date: '2026-12-01T10:00:00.000Z',
  linear: {
    engine: {
      backend: 'wasm',
      detail: 'SIMD, 1 thread',
      samplesPerSecond: stat(1521.3, 1469, 1548),
      gflops: 7.18,
      endLoss: 0.088,
      trainSamples: 8000,
    },
    convnetjs: { samplesPerSecond: stat(97.5, 85.5, 115.8), gflops: 0.46, endLoss: 1.227, trainSamples: 1000 },
    ratio: stat(15.6, 12.7, 18.1),
  },
  machine: { cpu: 'x' },
};

describe('replaceSection', () => {
  it('replaces what stands between the markers, says where it came from, and touches nothing else', () => {
    const out = replaceSection(DOC, 'speed', '| new |', 'bench-results/speed.json, 2026-12-01');
    expect(out).toBe(
      'before\n\n<!-- bench:speed (written by npm run bench:docs from bench-results/speed.json, 2026-12-01) -->\n| new |\n<!-- /bench:speed -->\n\nafter\n',
    );
    expect(replaceSection(out, 'speed', '| new |', 'bench-results/speed.json, 2026-12-01')).toBe(out);
  });

  it('refuses a doc without the markers, or with a section twice', () => {
    expect(() => replaceSection('no markers', 'speed', '| x |', 'f')).toThrow('no "<!-- bench:speed -->" marker');
    expect(() => replaceSection('<!-- bench:speed -->\nx\n', 'speed', '| x |', 'f')).toThrow('has no "<!-- /bench:speed -->"');
    expect(() => replaceSection(`${DOC}${DOC}`, 'speed', '| x |', 'f')).toThrow('more than one');
  });
});

describe('writeBenchDocs', () => {
  const docs = readFileSync('docs/benchmarks.md', 'utf8');

  it('finds every table of docs/benchmarks.md between its markers', () => {
    for (const { name } of SECTIONS) {
      expect(docs.match(new RegExp(`<!-- bench:${name}[ -]`, 'g')), name).toHaveLength(1);
      expect(docs.indexOf(`<!-- /bench:${name} -->`), name).toBeGreaterThan(docs.indexOf(`<!-- bench:${name}`));
    }
  });

  it('leaves every table as it is, and says so, when there are no results', () => {
    const { doc, report } = writeBenchDocs(docs, {});
    expect(doc).toBe(docs);
    expect(report).toHaveLength(SECTIONS.length);
    expect(report.every((line) => line.startsWith('kept the '))).toBe(true);
  });

  it('writes the table of the results at hand, as the bench script prints it, and only that one', () => {
    const { doc, report } = writeBenchDocs(docs, { 'speed.json': speed, 'pages.json': { date: 'd', complete: false, pages: [] } });
    expect(report).toContain('wrote the speed table from bench-results/speed.json (2026-12-01)');
    expect(report).toContain('kept the budgets table as it is: bench-results/pages.json: the run that wrote it did not finish');
    expect(doc).toContain(
      `(written by npm run bench:docs from bench-results/speed.json, 2026-12-01) -->\n${speedTable(speed)}\n<!-- /bench:speed -->`,
    );
    expect(speedTable(speed).split('\n')[2]).toBe(
      '| linear | book engine, wasm (SIMD, 1 thread) | 1,521.3 (1,469–1,548) | 7.18 | 0.088 (8,000 digits) | 15.6× (12.7–18.1) |',
    );
    // Everything outside the speed table is unchanged.
    const outside = (text: string): string => text.replace(/<!-- bench:speed[\s\S]*?<!-- \/bench:speed -->/, '');
    expect(outside(doc)).toBe(outside(docs));
  });

  it('writes the page-weight, Lab and budget tables from bench.json and pages.json', () => {
    const page = {
      page: '/lab/',
      onLoad: { jsGzip: 3379, cssGzip: 22630, totalGzip: 40000 },
      withIdle: { jsGzip: 6554, totalGzip: 41574 },
    };
    const lab = {
      backend: 'wasm',
      head: 'fc',
      trainDigits: 1280,
      samplesPerSecond: 806,
      firstPointMs: 1490.4,
      longestTaskMs: 0,
      startupLongestTaskMs: 62,
    };
    const lighthouse = { performance: 96, performanceRuns: [95, 96, 99], accessibility: 100, cls: 0 };
    const measure = {
      page: '/lab/',
      jsOnLoadGzip: 3379,
      jsWithIdleGzip: 6554,
      cssGzip: 22630,
      transferBeforeInteractionGzip: 41574,
      lighthouse,
    };
    const { doc } = writeBenchDocs(docs, {
      'bench.json': { date: '2026-12-02T00:00:00Z', pages: [page], lab: [lab] },
      'pages.json': { date: '2026-12-02T00:00:00Z', complete: true, lighthouse: true, pages: [measure] },
    });
    expect(doc).toContain('| /lab/ | 3.3 KB | 6.4 KB | 22.1 KB | 39.1 KB | 40.6 KB |');
    expect(doc).toContain('| wasm | fc | 1280 | 806 | 1490 ms | 0 ms | 62 ms |');
    expect(doc).toContain('| /lab/ | 3.3 KB ✓ | 6.4 KB ✓ | 22.1 KB | 40.6 KB | 96 (95–99) ✓ | 100 ✓ | 0.000 ✓ |');
  });

  it('keeps the budget table, with its Lighthouse scores, after a run without Lighthouse', () => {
    const measure = { page: '/lab/', jsOnLoadGzip: 1, jsWithIdleGzip: 1, cssGzip: 1, transferBeforeInteractionGzip: 1, lighthouse: null };
    const { doc, report } = writeBenchDocs(docs, { 'pages.json': { date: 'd', complete: true, lighthouse: false, pages: [measure] } });
    expect(doc).toBe(docs);
    expect(report).toContain(
      'kept the budgets table as it is: bench-results/pages.json: it was measured without Lighthouse (--no-lighthouse)',
    );
  });
});
