/** src/plugins/html-files.mjs: the one lister of a build's pages. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlFiles } from '../../../src/plugins/html-files.mjs';

const dir = mkdtempSync(join(tmpdir(), 'html-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('htmlFiles', () => {
  it('lists every page with its URL path, leaving out the asset folders', () => {
    for (const path of [
      'index.html',
      '404.html',
      'chapters/pooling/index.html',
      'lab/index.html',
      '_astro/x.html',
      'pagefind/y.html',
      'sw.js',
    ]) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '<p>x</p>');
    }
    expect(htmlFiles(dir)).toEqual([
      { file: join(dir, 'index.html'), path: 'index.html', url: '' },
      { file: join(dir, '404.html'), path: '404.html', url: '404.html' },
      { file: join(dir, 'chapters/pooling/index.html'), path: 'chapters/pooling/index.html', url: 'chapters/pooling/' },
      { file: join(dir, 'lab/index.html'), path: 'lab/index.html', url: 'lab/' },
    ]);
  });
});
