/**
 * Where each content file is published, and which files are chapters: the one home
 * of the rule `content/chapters/NN-slug.mdx` → `/chapters/slug/` (the number orders
 * the files, the URL leaves it out). The content collections, the sidebar, the book
 * index and the apparatus all ask here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The URL slug of a chapter file: `04-dense.mdx` (or a path ending in it) → `dense`. */
export function chapterSlugOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.mdx?$/, '').replace(/^\d+-/, '');
}

/** The chapter files of `dir` (`NN-slug.mdx`; not those starting with `_`), as paths, in file-name order. */
export function chapterFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * A content file's page id, from its path relative to content/: `chapters/04-dense.mdx`
 * → `chapters/dense`, `pages/lab.mdx` → `lab`, `index.mdx` → `index`.
 */
export function pageIdOf(relToContent: string): string {
  const path = relToContent
    .split(/[\\/]/)
    .join('/')
    .replace(/\.mdx?$/, '');
  if (path.startsWith('pages/')) return path.slice('pages/'.length);
  if (path.startsWith('chapters/')) return `chapters/${chapterSlugOf(path)}`;
  return path;
}

/** Where a content file is published, relative to the base: `chapters/04-dense.mdx` → `chapters/dense/`, `index.mdx` → ``. */
export function pagePathOf(relToContent: string): string {
  const id = pageIdOf(relToContent);
  return id === 'index' ? '' : `${id}/`;
}
