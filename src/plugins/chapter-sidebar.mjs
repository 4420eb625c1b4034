// @ts-check
/**
 * Builds the "Chapters" part of the sidebar from the files in content/chapters:
 * one numbered link per chapter ("4. The fully connected layer"), in chapter order.
 * The frontmatter is validated properly by the content collection schema
 * (src/content.config.ts); here we only read `title` and `chapter`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';

/** The URL slug of a chapter file: `04-dense.mdx` → `dense`. */
export function chapterSlug(/** @type {string} */ file) {
  return file.replace(/\.mdx?$/, '').replace(/^\d+-/, '');
}

/** @param {string} dir */
export function chapterSidebar(dir) {
  const files = readdirSync(dir).filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'));
  return files
    .map((file) => {
      const { frontmatter } = parseFrontmatter(readFileSync(join(dir, file), 'utf8'));
      const n = Number(frontmatter.chapter);
      const title = String(frontmatter.title ?? file);
      return { n, label: n > 0 ? `${n}. ${title}` : title, link: `/chapters/${chapterSlug(file)}/` };
    })
    .sort((a, b) => a.n - b.n)
    .map(({ label, link }) => ({ label, link }));
}
