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
 * adds any hash the page's <meta> policy lacks (`completePolicy`). Nothing is allowed
 * by a blanket 'unsafe-inline'.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './html-files.mjs';

/** Directives that only work in an HTTP header (ignored in a <meta> policy). */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"];

/** The content of a page's CSP <meta>, or null when it has none. */
export function metaPolicy(/** @type {string} */ html) {
  const match = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
  if (!match || match[1] === undefined) return null;
  return match[1].replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** The CSP source for an inline script or style: `'sha256-<base64 digest of its UTF-8 text>'`. */
export function sha256Source(/** @type {string} */ text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The texts of a page's inline executable scripts (not JSON data, not `src=`) and of its <style> elements. */
export function inlineCode(/** @type {string} */ html) {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attrs]) => !/type=["']?application\/(ld\+)?json/i.test(attrs ?? ''))
    .map(([, , body]) => body ?? '');
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map(([, body]) => body ?? '');
  return { scripts, styles };
}

/**
 * A page's policy with a hash for every inline script and style in it: adds the
 * missing hashes to `script-src-elem` (or `script-src` when the policy has no
 * `-elem` directive) and to `style-src-elem` (or `style-src`).
 */
export function completePolicy(/** @type {string} */ policy, /** @type {string} */ html) {
  const directives = policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter((d) => d !== '');
  const { scripts, styles } = inlineCode(html);
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
          const meta = metaPolicy(html);
          if (meta === null) {
            logger.warn(`${relPath} has no Content-Security-Policy <meta>; no header written for it`);
            continue;
          }
          const complete = completePolicy(meta, html);
          if (complete !== meta) {
            const updated = html.replace(
              /(<meta http-equiv="content-security-policy" content=")[^"]*(")/i,
              (_, open, close) => `${open}${complete.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}${close}`,
            );
            writeFileSync(path, updated);
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
