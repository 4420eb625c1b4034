/**
 * `npm run bench:docs`: writes the bench tables of docs/benchmarks.md from the results
 * the bench scripts left in bench-results/, so that the documented figures are the
 * measured ones, in the form the scripts print them (scripts/lib/bench-tables.ts).
 *
 * Each table stands between two markers in the Markdown,
 *
 *     <!-- bench:speed … -->
 *     | … the table … |
 *     <!-- /bench:speed -->
 *
 * and is replaced only when its results file is there and complete; otherwise the table
 * in the docs stays as it is, and the script says so. The prose around the tables (what
 * was measured, on which machine, what it means) is written by hand.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetTable, type PagesReport } from './check-budgets';
import { parseScriptArgs } from './lib/args';
import { labTable, pageWeightTable, speedRows, speedTable, type LabResult, type PageWeightRow } from './lib/bench-tables';

export interface Section {
  /** The marker's name: `<!-- bench:NAME -->`. */
  name: string;
  /** The results file in bench-results/. */
  source: string;
  /** The table, or a reason why these results have none. */
  table: (results: Record<string, unknown>) => string | { skip: string };
}

export const SECTIONS: Section[] = [
  {
    name: 'page-weight',
    source: 'bench.json',
    table: (r) =>
      Array.isArray(r.pages) && r.pages.length > 0 ? pageWeightTable(r.pages as PageWeightRow[]) : { skip: 'it lists no pages' },
  },
  {
    name: 'lab',
    source: 'bench.json',
    table: (r) => (Array.isArray(r.lab) && r.lab.length > 0 ? labTable(r.lab as LabResult[]) : { skip: 'it has no Lab runs' }),
  },
  {
    name: 'budgets',
    source: 'pages.json',
    table: (r) => {
      if (r.complete === false) return { skip: 'the run that wrote it did not finish' };
      // The documented table shows Lighthouse's scores: a run without them does not replace it.
      if (r.lighthouse === false) return { skip: 'it was measured without Lighthouse (--no-lighthouse)' };
      const report = r as unknown as PagesReport;
      return Array.isArray(report.pages) && report.pages.length > 0 ? budgetTable(report).table : { skip: 'it lists no pages' };
    },
  },
  {
    name: 'speed',
    source: 'speed.json',
    table: (r) => (speedRows(r).length > 0 ? speedTable(r) : { skip: 'it has no networks' }),
  },
];

/** The day a results file says it was measured: `2026-11-28`. */
function dayOf(results: Record<string, unknown>): string {
  return typeof results.date === 'string' ? results.date.slice(0, 10) : 'undated';
}

/**
 * `doc` with the section `name` (between its markers) replaced by `table`; the begin
 * marker says where the table came from. Throws when the markers are missing or repeated.
 */
export function replaceSection(doc: string, name: string, table: string, from: string): string {
  const begin = new RegExp(`<!-- bench:${name}(?: [^\\n]*?)? -->\\n`, 'g');
  const end = `<!-- /bench:${name} -->`;
  const starts = [...doc.matchAll(begin)];
  if (starts.length !== 1) throw new Error(`docs: ${starts.length === 0 ? 'no' : 'more than one'} "<!-- bench:${name} -->" marker`);
  const start = starts[0]!.index!;
  const stop = doc.indexOf(end, start);
  if (stop < 0) throw new Error(`docs: "<!-- bench:${name} -->" has no "${end}" after it`);
  const marker = `<!-- bench:${name} (written by npm run bench:docs from ${from}) -->\n`;
  return `${doc.slice(0, start)}${marker}${table}\n${doc.slice(stop)}`;
}

/**
 * Writes every section whose results are at hand (`results`: file name → parsed JSON,
 * absent when the file is missing) into `doc`. Returns the new text and, per section,
 * what was done.
 */
export function writeBenchDocs(
  doc: string,
  results: Record<string, Record<string, unknown> | undefined>,
  dir = 'bench-results',
): { doc: string; report: string[] } {
  const report: string[] = [];
  let out = doc;
  for (const section of SECTIONS) {
    const found = results[section.source];
    const table = found ? section.table(found) : { skip: 'there is no such file' };
    if (typeof table !== 'string') {
      report.push(`kept the ${section.name} table as it is: ${dir}/${section.source}: ${table.skip}`);
      continue;
    }
    out = replaceSection(out, section.name, table, `${dir}/${section.source}, ${dayOf(found!)}`);
    report.push(`wrote the ${section.name} table from ${dir}/${section.source} (${dayOf(found!)})`);
  }
  return { doc: out, report };
}

function main(): void {
  const args = parseScriptArgs('npm run bench:docs -- [--results DIR] [--doc FILE]   (after npm run bench, bench:speed)', {
    results: { type: 'string', value: 'DIR', description: 'the results folder', default: 'bench-results' },
    doc: { type: 'string', value: 'FILE', description: 'the Markdown file with the marked tables', default: 'docs/benchmarks.md' },
  });
  const dir = String(args.values.results);
  const file = String(args.values.doc);
  const results = Object.fromEntries(
    [...new Set(SECTIONS.map((s) => s.source))].map((name) => {
      const path = join(dir, name);
      return [name, existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : undefined];
    }),
  );
  const before = readFileSync(file, 'utf8');
  const { doc, report } = writeBenchDocs(before, results, dir);
  for (const line of report) console.log(`  ${line}`);
  if (doc === before) {
    console.log(`${file}: unchanged.`);
    return;
  }
  writeFileSync(file, doc);
  console.log(`${file}: written.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
