/**
 * `npm run bench:check`: compares bench-results/pages.json (written by `npm run bench`)
 * with the book's performance budgets, prints a markdown table (✓ within budget,
 * ✗ a miss), and exits 1 on any miss, 2 when the measurements are missing.
 *
 * Budgets, on every page:
 * - JavaScript executed on load ≤ 15 KB gzipped, and ≤ 45 KB including what loads
 *   while the reader is idle (the service-worker registration, the search button's
 *   loader). TensorFlow.js, Chart.js, editors and the search UI itself load only
 *   when a reader starts a widget or a search, so they are in neither.
 * - Lighthouse (mobile): performance ≥ 95, accessibility 100, cumulative layout shift 0,
 *   for the median of the runs (`npm run bench` makes 3 per page); the performance
 *   cell shows the range of the runs' scores beside the median run's.
 *
 * Without Lighthouse results (`npm run bench -- --no-lighthouse`) the Lighthouse columns
 * read "not measured" and only the weights are checked; `--require-lighthouse` turns
 * missing Lighthouse results into a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseScriptArgs } from './lib/args';
import { kb } from './lib/bench-tables';

export const KB = 1024;

export const BUDGETS = {
  jsOnLoadGzip: 15 * KB,
  jsWithIdleGzip: 45 * KB,
  performance: 95,
  accessibility: 100,
  cls: 0,
} as const;

export interface PageMeasure {
  page: string;
  jsOnLoadGzip: number;
  jsWithIdleGzip: number;
  cssGzip: number;
  transferBeforeInteractionGzip: number;
  lighthouse: {
    /** Of the median run, when several were made. */
    performance: number | null;
    /** Every run's performance score (the table shows their range). */
    performanceRuns?: number[];
    accessibility: number | null;
    cls: number | null;
    accessibilityFailures?: string[];
    error?: string;
  } | null;
}

export interface PagesReport {
  date: string;
  machine?: { cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[]; firstTouchMicrosPerPage?: number };
  lighthouse: boolean;
  pages: PageMeasure[];
}

/** One cell of the table and whether it is within its budget (null: not measured). */
interface Cell {
  text: string;
  ok: boolean | null;
}

/** ` (min–max)` of several runs' scores; nothing for one run. */
const range = (runs: number[] | undefined): string => (runs && runs.length > 1 ? ` (${Math.min(...runs)}–${Math.max(...runs)})` : '');

/** Checks one page against the budgets: the table cells and the misses, in words. */
export function checkPage(p: PageMeasure): { cells: Cell[]; misses: string[] } {
  const misses: string[] = [];
  const cell = (text: string, ok: boolean | null, miss: string): Cell => {
    if (ok === false) misses.push(`${p.page}: ${miss}`);
    return { text, ok };
  };
  const lh = p.lighthouse;
  const cells = [
    cell(kb(p.jsOnLoadGzip), p.jsOnLoadGzip <= BUDGETS.jsOnLoadGzip, `JS on load ${kb(p.jsOnLoadGzip)} > ${kb(BUDGETS.jsOnLoadGzip)}`),
    cell(
      kb(p.jsWithIdleGzip),
      p.jsWithIdleGzip <= BUDGETS.jsWithIdleGzip,
      `JS incl. idle ${kb(p.jsWithIdleGzip)} > ${kb(BUDGETS.jsWithIdleGzip)}`,
    ),
    { text: kb(p.cssGzip), ok: null },
    { text: kb(p.transferBeforeInteractionGzip), ok: null },
  ];
  if (lh === null) {
    cells.push({ text: 'not measured', ok: null }, { text: 'not measured', ok: null }, { text: 'not measured', ok: null });
  } else {
    // A score Lighthouse could not compute is written as null (JSON has no NaN): a miss.
    const scored = (v: number | null): v is number => typeof v === 'number' && Number.isFinite(v);
    cells.push(
      scored(lh.performance)
        ? cell(
            `${lh.performance}${range(lh.performanceRuns)}`,
            lh.performance >= BUDGETS.performance,
            `Lighthouse performance ${lh.performance} < ${BUDGETS.performance}`,
          )
        : cell('no score', false, 'Lighthouse gave no performance score'),
      scored(lh.accessibility)
        ? cell(
            String(lh.accessibility),
            lh.accessibility >= BUDGETS.accessibility,
            `Lighthouse accessibility ${lh.accessibility} < ${BUDGETS.accessibility} (${(lh.accessibilityFailures ?? []).join(', ')})`,
          )
        : cell('no score', false, 'Lighthouse gave no accessibility score'),
      scored(lh.cls)
        ? cell(lh.cls.toFixed(3), lh.cls <= BUDGETS.cls, `cumulative layout shift ${lh.cls.toFixed(4)} > ${BUDGETS.cls}`)
        : cell('no value', false, 'Lighthouse gave no cumulative layout shift'),
    );
  }
  return { cells, misses };
}

/** The markdown table of every page against the budgets. */
export function budgetTable(report: PagesReport): { table: string; misses: string[]; unmeasured: string[] } {
  const mark = (c: Cell): string => (c.ok === null ? c.text : `${c.text} ${c.ok ? '✓' : '✗'}`);
  const lines = [
    '| page | JS on load (≤ 15 KB) | JS incl. idle (≤ 45 KB) | CSS | transfer before interaction | performance (≥ 95) | accessibility (100) | CLS (0) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const misses: string[] = [];
  const unmeasured: string[] = [];
  for (const p of report.pages) {
    const checked = checkPage(p);
    misses.push(...checked.misses);
    if (p.lighthouse === null) unmeasured.push(p.page);
    lines.push(`| ${p.page} | ${checked.cells.map(mark).join(' | ')} |`);
  }
  return { table: lines.join('\n'), misses, unmeasured };
}

function main(): void {
  // The measurements: bench-results/pages.json, or a file named on the command line.
  const args = parseScriptArgs(
    'npm run bench:check -- [FILE] [--require-lighthouse]   (FILE: default bench-results/pages.json)',
    {
      'require-lighthouse': { type: 'boolean', description: 'exit 1 when a page has no Lighthouse measurement' },
    },
    { positionals: 1 },
  );
  const file = args.positionals[0] ?? 'bench-results/pages.json';
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build && npm run bench -- --pages-only\` first.`);
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as PagesReport;
  if (!Array.isArray(report.pages) || report.pages.length === 0) {
    console.error(`${file} lists no pages: rerun \`npm run bench\`.`);
    process.exit(2);
  }
  const { table, misses, unmeasured } = budgetTable(report);
  const load = report.machine
    ? ` Load average (1 min) before/after: ${report.machine.loadAverageBefore[0]?.toFixed(2)} / ${report.machine.loadAverageAfter[0]?.toFixed(2)} on ${report.machine.cpus} CPUs.`
    : '';
  const faults = report.machine?.firstTouchMicrosPerPage;
  const memory =
    faults === undefined
      ? ''
      : ` First touch of a fresh 4 KiB memory page: ${faults} µs (about 1 µs or less on ordinary hardware; see docs/benchmarks.md).`;
  console.log(`Budgets, measured ${report.date}.${load}${memory}\n`);
  console.log(table);
  if (unmeasured.length > 0) {
    console.log(`\nLighthouse not measured on ${unmeasured.length} page(s) (run \`npm run bench\` without --no-lighthouse).`);
    if (args.values['require-lighthouse'] === true) process.exit(1);
  }
  if (misses.length > 0) {
    console.log(`\n${misses.length} budget miss(es):`);
    for (const m of misses) console.log(`- ${m}`);
    process.exit(1);
  }
  console.log('\nEvery measured page is within its budgets.');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
