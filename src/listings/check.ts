/**
 * Listings as tests: runs a listing in Node with the same runtime as the browser
 * (`run.ts`) and compares its output with the expected output written in the MDX.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractListings, type ExtractedListing } from './extract';
import { describeError, outputText, runListing } from './run';

/** Trailing spaces and the final newline do not count; everything else does. */
export function normaliseOutput(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

/**
 * Runs one listing and returns why it fails, or undefined when it passes. The
 * message starts with `file:line lst:id`, so a failing test names the listing.
 */
export async function checkListing(file: string, listing: ExtractedListing): Promise<string | undefined> {
  const where = `${file}:${listing.line} ${listing.id}`;
  const result = await runListing(listing.code, listing.lang);
  if (result.error) return `${where} throws: ${describeError(result.error)}`;
  const actual = normaliseOutput(outputText(result));
  const expected = normaliseOutput(listing.expected);
  if (actual !== expected) {
    return `${where}: the output changed. Update its \`\`\`text output fence if the new output is right.\n--- expected\n${expected}\n--- actual\n${actual}`;
  }
  if (result.tensorsLeft > 0) return `${where} leaves ${result.tensorsLeft} tensor(s) allocated after the run`;
  return undefined;
}

/** Every `.mdx` file under `dir`, as paths relative to `cwd`, sorted. */
export function mdxFiles(dir: string, cwd = process.cwd()): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mdx'))
    .map((entry) => relative(cwd, join(entry.parentPath, entry.name)))
    .sort();
}

/** The listings of each file (files without listings are left out). */
export function listingsOfFiles(files: readonly string[]): { file: string; listings: ExtractedListing[] }[] {
  return files
    .map((file) => ({ file, listings: extractListings(readFileSync(file, 'utf8')) }))
    .filter((entry) => entry.listings.length > 0);
}
