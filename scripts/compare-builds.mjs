// @ts-check
/**
 * Reproducible builds: `node scripts/compare-builds.mjs DIR_A DIR_B` compares two
 * builds of the book file by file (the same file names, the same bytes) and exits 1,
 * naming the files, when they differ. `npm test` builds a second time into a temporary
 * folder and compares it with dist/: a page that changes from one build to the next
 * gets a new precache revision, so every deploy would tell readers "a new version of
 * the book is available" and download it again although nothing changed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScriptArgs } from './lib/args.ts';

/**
 * Relative path → SHA-256 of every file under `dir`.
 * @param {string} dir
 */
function digests(dir) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length + 1), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

/**
 * The differences between two builds, in words: files only in one, and files whose
 * bytes differ. Empty when the builds are identical.
 * @param {string} a
 * @param {string} b
 * @returns {string[]}
 */
export function compareBuilds(a, b) {
  const left = digests(a);
  const right = digests(b);
  const problems = [];
  for (const [path, hash] of left) {
    if (!right.has(path)) problems.push(`only in ${a}: ${path}`);
    else if (right.get(path) !== hash) problems.push(`differs: ${path}`);
  }
  for (const path of right.keys()) if (!left.has(path)) problems.push(`only in ${b}: ${path}`);
  return problems.sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseScriptArgs('node scripts/compare-builds.mjs DIR_A DIR_B', {}, { positionals: 2 });
  const a = args.positionals[0] ?? args.fail('two build folders are needed');
  const b = args.positionals[1] ?? args.fail('two build folders are needed');
  const problems = compareBuilds(a, b);
  if (problems.length > 0) {
    console.error(`✖ the two builds differ in ${problems.length} file(s):\n  ${problems.slice(0, 40).join('\n  ')}`);
    process.exit(1);
  }
  console.log(`✔ reproducible: ${digests(a).size} files of ${a} and ${b} are identical.`);
}
