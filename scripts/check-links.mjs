// @ts-check
/**
 * Link checker for the built site: every internal link, asset reference and
 * `#fragment` in every HTML page of the build output must resolve.
 *
 *   node scripts/check-links.mjs [DIR]      (DIR: $ASTRO_OUT_DIR or dist/)
 *
 * The site's base path is read from $BASE_PATH (as astro.config.mjs does); the site's
 * origin from the title page's canonical link, so absolute links to the book's own
 * address (canonical, og:url, citations) are checked too. Links to other origins
 * are not followed (the book makes no request to them; they are not fetched here).
 *
 * For each reference (`href` on a/link/area, `src` on script/img/source/iframe/
 * video/audio/track, every URL in `srcset`) it checks that:
 *   - the path lies under the base path,
 *   - a file in DIR serves it (`…/` → `…/index.html`),
 *   - when it has a fragment and points to an HTML page, that page has an element
 *     with that `id` (or an `<a name>`). linkinator does not check fragments; this does.
 * Exit status 0 when all resolve, 1 with a list of "page: link (why)" otherwise.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { htmlFiles } from '../src/plugins/html-files.mjs';
import { parseScriptArgs } from './lib/args.ts';

const args = parseScriptArgs(
  'node scripts/check-links.mjs [DIR]   (DIR: $ASTRO_OUT_DIR or dist/; the base path: $BASE_PATH)',
  {},
  { positionals: 1 },
);
const dir = args.positionals[0] ?? process.env.ASTRO_OUT_DIR ?? 'dist';
const base = process.env.BASE_PATH ?? '/';
const basePath = base.endsWith('/') ? base : `${base}/`;
const LOCAL = 'http://book.invalid';

if (!existsSync(join(dir, 'index.html'))) {
  console.error(`✖ ${dir}/index.html is missing: build the site first (npm run build).`);
  process.exit(1);
}

/** @typedef {{ ids: Set<string>, refs: Array<{ attr: string, value: string }>, canonical: string | null }} PageInfo */

const REF_ATTRS = /** @type {Record<string, string[]>} */ ({
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
});

/** Parses one page: its ids and every URL it references. */
function readPage(/** @type {string} */ file) {
  const tree = fromHtml(readFileSync(join(dir, file), 'utf8'));
  /** @type {PageInfo} */
  const info = { ids: new Set(), refs: [], canonical: null };
  visit(tree, 'element', (node) => {
    const p = node.properties;
    if (typeof p.id === 'string' && p.id) info.ids.add(p.id);
    if (node.tagName === 'a' && typeof p.name === 'string') info.ids.add(p.name);
    const rel = Array.isArray(p.rel) ? p.rel : [];
    if (node.tagName === 'link' && rel.includes('canonical')) info.canonical = String(p.href);
    // Preconnect/dns-prefetch hints name an origin, not a document.
    const hintOnly = node.tagName === 'link' && rel.some((/** @type {unknown} */ r) => r === 'preconnect' || r === 'dns-prefetch');
    for (const attr of REF_ATTRS[node.tagName] ?? []) {
      const key = attr === 'srcset' ? 'srcSet' : attr;
      const value = p[key];
      if (value === undefined || value === null || hintOnly) continue;
      if (attr === 'srcset') {
        const list = Array.isArray(value) ? value.join(',') : String(value);
        for (const candidate of list.split(',')) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) info.refs.push({ attr, value: url });
        }
      } else {
        info.refs.push({ attr, value: String(value) });
      }
    }
  });
  return info;
}

/** The address at which the page in `file` is served, e.g. chapters/x/index.html → /base/chapters/x/. */
function pageUrl(/** @type {string} */ file) {
  const path = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
  return `${LOCAL}${basePath}${path}`;
}

/** The file in DIR that serves `pathname` (already under the base path), or null. */
function fileFor(/** @type {string} */ pathname) {
  let rel = decodeURIComponent(pathname.slice(basePath.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const full = join(dir, rel);
  return existsSync(full) && statSync(full).isFile() ? rel : null;
}

const files = htmlFiles(dir).map((f) => f.path);
/** @type {Map<string, PageInfo>} */
const pages = new Map(files.map((f) => [f, readPage(f)]));
const canonical = pages.get('index.html')?.canonical;
const siteOrigin = canonical ? new URL(canonical).origin : null;

/** @type {string[]} */
const problems = [];
let checked = 0;
for (const [file, info] of pages) {
  const here = pageUrl(file);
  for (const { attr, value } of info.refs) {
    if (/^(mailto|tel|javascript|data|blob):/i.test(value)) continue;
    let url;
    try {
      url = new URL(value, here);
    } catch {
      problems.push(`${file}: ${attr}="${value}" (not a valid URL)`);
      continue;
    }
    if (url.origin !== LOCAL) {
      if (!siteOrigin || url.origin !== siteOrigin) continue; // another site: not followed
      // Starlight gives its 404 page the canonical address /404/, which no host serves:
      // the host sends 404.html for any missing address instead.
      if (file === '404.html' && attr === 'href' && url.pathname === `${basePath}404/`) continue;
    }
    checked++;
    if (!url.pathname.startsWith(basePath)) {
      problems.push(`${file}: ${attr}="${value}" (outside the base path ${basePath})`);
      continue;
    }
    const target = fileFor(url.pathname);
    if (!target) {
      problems.push(`${file}: ${attr}="${value}" (no file serves ${url.pathname})`);
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment && target.endsWith('.html')) {
      const ids = pages.get(target)?.ids;
      // `#_top` is the HTML standard's "top of the document", which needs no element.
      if (fragment !== '_top' && !ids?.has(fragment)) problems.push(`${file}: ${attr}="${value}" (${target} has no id "${fragment}")`);
    }
  }
}

if (problems.length > 0) {
  console.error(`✖ ${problems.length} broken link(s) in ${dir}/ (base ${basePath}):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`✔ links: ${checked} internal references in ${files.length} pages resolve (files and #anchors; base ${basePath}).`);
