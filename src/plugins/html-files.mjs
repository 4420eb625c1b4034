// @ts-check
/**
 * The pages of a build: every HTML file under the output folder (not in `_astro/` or
 * `pagefind/`, which hold assets). The build steps (src/plugins), the link checker, the
 * HTML validator, the browser tests and the benchmarks all list pages with it.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders of a build that hold assets, not pages. */
const ASSET_DIRS = new Set(['_astro', 'pagefind']);

/**
 * @typedef {object} HtmlFile
 * @property {string} file the file's path (`dir` joined with `path`)
 * @property {string} path its path relative to `dir`, with `/`: `chapters/pooling/index.html`
 * @property {string} url the URL path it is served at, relative to the base: `chapters/pooling/`, `` for the title page, `404.html`
 */

/**
 * Every HTML file under `dir`, sorted by URL path.
 * @param {string} dir
 * @returns {HtmlFile[]}
 */
export function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      const path = relative(dir, file).split(sep).join('/');
      const url = path === 'index.html' ? '' : path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
      return { file, path, url };
    })
    .filter(
      ({ path }) =>
        !path
          .split('/')
          .slice(0, -1)
          .some((folder) => ASSET_DIRS.has(folder)),
    )
    .sort((a, b) => a.url.localeCompare(b.url));
}
