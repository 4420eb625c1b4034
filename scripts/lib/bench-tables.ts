/**
 * The bench scripts' tables, from their results in bench-results/: each script prints
 * its table with these, and `npm run bench:docs` (scripts/bench-docs.ts) writes the same
 * tables into docs/benchmarks.md, so the documented figures are what a run measured.
 * The budget table is check-budgets.ts's `budgetTable`.
 */
import type { Summary } from './stats';

/** Bytes as kilobytes with one decimal: `21.8 KB`. */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** A number with thousands separators: `1,521.3`. */
const num = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 4 });

/** The page weights `npm run bench` measured (bench-results/bench.json's `pages`). */
export interface PageWeightRow {
  page: string;
  onLoad: { jsGzip: number; cssGzip: number; totalGzip: number };
  withIdle: { jsGzip: number; totalGzip: number };
}

export function pageWeightTable(pages: readonly PageWeightRow[]): string {
  return [
    '| page | JS on load | JS incl. idle | CSS | total on load | total before interaction |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...pages.map(
      (p) =>
        `| ${p.page} | ${kb(p.onLoad.jsGzip)} | ${kb(p.withIdle.jsGzip)} | ${kb(p.onLoad.cssGzip)} | ${kb(p.onLoad.totalGzip)} | ${kb(p.withIdle.totalGzip)} |`,
    ),
  ].join('\n');
}

/** One Lab training run in Chromium (bench-results/bench.json's `lab`). */
export interface LabResult {
  backend: string;
  head: string;
  trainDigits: number;
  samplesPerSecond: number | null;
  firstPointMs: number | null;
  /** Longest main-thread task while training (after the first plotted point). */
  longestTaskMs: number;
  /** Longest main-thread task between the click and the first plotted point. */
  startupLongestTaskMs?: number;
  error?: string;
}

export function labTable(lab: readonly LabResult[]): string {
  const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)} ms`);
  return [
    '| backend | head | digits | samples/s | click → first point | longest task while training | longest task starting |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...lab.map(
      (r) =>
        `| ${r.backend} | ${r.head} | ${r.trainDigits} | ${r.samplesPerSecond ?? '—'} | ${ms(r.firstPointMs)} | ${ms(r.longestTaskMs)} | ${ms(r.startupLongestTaskMs ?? null)} |${r.error ? ` ${r.error}` : ''}`,
    ),
  ].join('\n');
}

type Stat = Pick<Summary, 'median' | 'min' | 'max'>;

/** One network's results in bench-results/speed.json (`npm run bench:speed`). */
export interface SpeedRow {
  engine: { backend: string; detail: string; samplesPerSecond: Stat; gflops: number; endLoss: number; trainSamples: number };
  convnetjs: { samplesPerSecond: Stat; gflops: number; endLoss: number; trainSamples: number };
  ratio: Stat;
}

/** The networks of a speed report: its entries with both implementations' results. */
export function speedRows(report: Record<string, unknown>): [string, SpeedRow][] {
  return Object.entries(report).filter((entry): entry is [string, SpeedRow] => {
    const value = entry[1] as Partial<SpeedRow> | null;
    return typeof value === 'object' && value !== null && 'engine' in value && 'convnetjs' in value;
  });
}

export function speedTable(report: Record<string, unknown>): string {
  const s = (x: Stat): string => `${num(x.median)} (${num(x.min)}–${num(x.max)})`;
  const digits = (n: number): string => `${num(n)} digits`;
  return [
    '| net | implementation | samples/s median (min–max) | GFLOP/s | end loss | ratio |',
    '| --- | --- | --- | --- | --- | --- |',
    ...speedRows(report).flatMap(([net, r]) => [
      `| ${net} | book engine, ${r.engine.backend}${r.engine.detail ? ` (${r.engine.detail})` : ''} | ${s(r.engine.samplesPerSecond)} | ${r.engine.gflops} | ${r.engine.endLoss} (${digits(r.engine.trainSamples)}) | ${num(r.ratio.median)}× (${num(r.ratio.min)}–${num(r.ratio.max)}) |`,
      `| ${net} | ConvNetJS 0.3 | ${s(r.convnetjs.samplesPerSecond)} | ${r.convnetjs.gflops} | ${r.convnetjs.endLoss} (${digits(r.convnetjs.trainSamples)}) | |`,
    ]),
  ].join('\n');
}
