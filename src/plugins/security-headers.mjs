// @ts-check
/**
 * Astro integration: writes the deploy headers file `_headers` (Netlify, Cloudflare
 * Pages) into the build.
 *
 * `public/_headers` holds the rules that do not depend on the pages (cross-origin
 * isolation, nosniff, caching, content types, the training worker's policy); Astro
 * copies it into the build. After the build, this step appends one rule per page
 * that sends the page's own Content-Security-Policy as an HTTP header: the policy
 * Astro put in the page's <meta http-equiv="content-security-policy"> (with the
 * hashes of that page's inline scripts and styles), plus the directives a <meta>
 * policy cannot carry (`frame-ancestors`). One policy per page, never a second
 * policy on the same response, so the header and the meta tag say the same thing.
 *
 * Astro's `security.csp` hashes the scripts and styles it bundles, but not
 * `is:inline` scripts (Starlight's theme and search-shortcut scripts are) nor some
 * component styles rendered inside Markdown content. So first, for every page, this
 * step hashes each inline executable <script> and each <style> of the built HTML and
 * adds any hash the page's <meta> policy lacks (`completePolicy`), reading the page as
 * the HTML parser does (src/plugins/html-source.mjs). Nothing is allowed
 * by a blanket 'unsafe-inline'.
 */
import { escapeHtml } from '../components/islands/html.ts';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './html-files.mjs';
import { applyEdits, attributeRange, eachElement, parsePage, tokens } from './html-source.mjs';

/** Directives that only work in an HTTP header (ignored in a <meta> policy). */
const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"];

/** Script types that are data, not code: no policy applies to them. */
const DATA_SCRIPT_TYPES = new Set(['application/json', 'application/ld+json']);

/**
 * @typedef {object} PolicyFacts
 * @property {{ policy: string, range: { start: number, end: number } } | null} meta
 *   the page's CSP <meta>: its policy, and where its `content="…"` attribute is in the source
 * @property {string[]} scripts the texts of its inline executable scripts (not JSON data, not `src=`)
 * @property {string[]} styles the texts of its <style> elements
 */

/**
 * What a page's policy depends on, read from its syntax tree.
 * @param {string} html
 * @returns {PolicyFacts}
 */
export function policyFacts(html) {
  /** @type {PolicyFacts} */
  const facts = { meta: null, scripts: [], styles: [] };
  /** @param {import('hast').Element} element */
  const text = (element) => element.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  eachElement(parsePage(html), (element) => {
    const { content, src, type } = element.properties;
    if (element.tagName === 'meta' && facts.meta === null && tokens(element, 'httpEquiv').join(' ') === 'content-security-policy') {
      const range = attributeRange(element, 'content');
      if (range && typeof content === 'string') facts.meta = { policy: content, range };
    } else if (element.tagName === 'script' && src === undefined && !DATA_SCRIPT_TYPES.has(String(type ?? '').toLowerCase())) {
      facts.scripts.push(text(element));
    } else if (element.tagName === 'style') {
      facts.styles.push(text(element));
    }
  });
  return facts;
}

/** The content of a page's CSP <meta>, or null when it has none. */
export function metaPolicy(/** @type {string} */ html) {
  return policyFacts(html).meta?.policy ?? null;
}

/** The CSP source for an inline script or style: `'sha256-<base64 digest of its UTF-8 text>'`. */
export function sha256Source(/** @type {string} */ text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * A page's policy with a hash for every inline script and style in it: adds the
 * missing hashes to `script-src-elem` (or `script-src` when the policy has no
 * `-elem` directive) and to `style-src-elem` (or `style-src`).
 */
export function completePolicy(/** @type {string} */ policy, /** @type {{ scripts: string[], styles: string[] }} */ { scripts, styles }) {
  const directives = policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter((d) => d !== '');
  /** @param {string[]} names @param {string[]} texts */
  const addHashes = (names, texts) => {
    const index = names.map((n) => directives.findIndex((d) => d.split(' ')[0] === n)).find((i) => i >= 0);
    if (index === undefined || texts.length === 0) return;
    const current = directives[index] ?? '';
    const missing = [...new Set(texts.map(sha256Source))].filter((h) => !current.split(' ').includes(h));
    if (missing.length > 0) directives[index] = `${current} ${missing.join(' ')}`;
  };
  addHashes(['script-src-elem', 'script-src'], scripts);
  addHashes(['style-src-elem', 'style-src'], styles);
  return directives.join('; ');
}

/** The header value for a page: its meta policy, normalised to `a; b; c`, plus header-only directives. */
export function headerPolicy(/** @type {string} */ meta) {
  const directives = meta
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter((d) => d !== '');
  return [...directives, ...HEADER_ONLY_DIRECTIVES].join('; ');
}

/** @returns {import('astro').AstroIntegration} */
export function securityHeaders() {
  let base = '/';
  /** @type {URL | undefined} */
  let publicDir;
  return {
    name: 'fully-connected:security-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        publicDir = config.publicDir;
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        // Start from public/_headers each time (the hook may run more than once).
        const source = publicDir ? join(fileURLToPath(publicDir), '_headers') : '';
        const staticRules = source && existsSync(source) ? readFileSync(source, 'utf8') : '';
        const lines = ['', '# Per-page Content-Security-Policy (written by src/plugins/security-headers.mjs).'];
        let pages = 0;
        for (const { file: path, path: relPath, url: urlPath } of htmlFiles(outDir)) {
          const html = readFileSync(path, 'utf8');
          const facts = policyFacts(html);
          if (facts.meta === null) {
            logger.warn(`${relPath} has no Content-Security-Policy <meta>; no header written for it`);
            continue;
          }
          const complete = completePolicy(facts.meta.policy, facts);
          if (complete !== facts.meta.policy) {
            const content = `content="${escapeHtml(complete)}"`;
            writeFileSync(path, applyEdits(html, [{ ...facts.meta.range, text: content }]));
          }
          const policy = headerPolicy(complete);
          const paths = urlPath.endsWith('.html') ? [`${base}${urlPath}`] : [`${base}${urlPath}`, `${base}${urlPath}index.html`];
          for (const p of paths) lines.push(p, `  Content-Security-Policy: ${policy}`);
          pages++;
        }
        writeFileSync(join(outDir, '_headers'), `${staticRules}${lines.join('\n')}\n`);
        logger.info(`_headers: Content-Security-Policy for ${pages} pages`);
      },
    },
  };
}
