/** src/apparatus/content-paths.ts: the one rule from content file to URL, and the chapter lister. */
import { describe, expect, it } from 'vitest';
import { chapterFiles, chapterSlugOf, pageIdOf, pagePathOf } from '../../../src/apparatus/content-paths';

describe('content paths', () => {
  it('drops the ordering number of a chapter file, and only that', () => {
    expect(chapterSlugOf('04-dense.mdx')).toBe('dense');
    expect(chapterSlugOf('content/chapters/06-global-average-pooling.mdx')).toBe('global-average-pooling');
    expect(chapterSlugOf('content\\chapters\\01-conv-2d.md')).toBe('conv-2d');
    expect(chapterSlugOf('glossary.mdx')).toBe('glossary');
  });

  it('publishes chapters under chapters/, other pages at the root, the title page at the base', () => {
    expect(pageIdOf('chapters/04-dense.mdx')).toBe('chapters/dense');
    expect(pageIdOf('pages/lab.mdx')).toBe('lab');
    expect(pageIdOf('index.mdx')).toBe('index');
    expect(pageIdOf('404.mdx')).toBe('404');
    expect(pagePathOf('chapters/04-dense.mdx')).toBe('chapters/dense/');
    expect(pagePathOf('pages/lab.mdx')).toBe('lab/');
    expect(pagePathOf('index.mdx')).toBe('');
  });

  it('lists the chapters in file-name order, without drafts', () => {
    const files = chapterFiles('content/chapters');
    expect(files[0]).toBe('content/chapters/00-how-to-use.mdx');
    expect(files.map(chapterSlugOf)).toContain('designing-the-head');
    expect(files.every((f) => !/\/_/.test(f))).toBe(true);
    expect([...files].sort()).toEqual(files);
  });
});
