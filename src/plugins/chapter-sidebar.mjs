// @ts-check
/**
 * Builds the "Chapters" part of the sidebar from the files in content/chapters:
 * one numbered link per chapter ("4. The fully connected layer"), in chapter order.
 * The frontmatter is validated properly by the content collection schema
 * (src/content.config.ts); here we only read `title` and `chapter`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { chapterFiles, chapterSlugOf } from '../apparatus/content-paths.ts';

/** @param {string} dir */
export function chapterSidebar(dir) {
  return chapterFiles(dir)
    .map((file) => {
      const { frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'));
      const n = Number(frontmatter.chapter);
      const title = String(frontmatter.title ?? basename(file));
      return { n, label: n > 0 ? `${n}. ${title}` : title, link: `/chapters/${chapterSlugOf(file)}/` };
    })
    .sort((a, b) => a.n - b.n)
    .map(({ label, link }) => ({ label, link }));
}
