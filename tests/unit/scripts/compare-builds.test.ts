/** scripts/compare-builds.mjs: two builds are the same files with the same bytes, or the differences are named. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareBuilds } from '../../../scripts/compare-builds.mjs';

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'build-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('compareBuilds', () => {
  it('finds nothing between identical builds, nested folders included', () => {
    const files = { 'index.html': '<p>a</p>', 'chapters/pooling/index.html': '<p>b</p>' };
    expect(compareBuilds(build(files), build(files))).toEqual([]);
  });

  it('names a file whose bytes differ, and files present in one build only', () => {
    const a = build({ 'index.html': '<p id="output-size-x1">', 'sw.js': '1', 'old.txt': '' });
    const b = build({ 'index.html': '<p id="output-size-k9">', 'sw.js': '1', 'new.txt': '' });
    expect(compareBuilds(a, b)).toEqual([`differs: index.html`, `only in ${a}: old.txt`, `only in ${b}: new.txt`].sort());
  });
});
