// @ts-check
/**
 * Astro integration: every stylesheet of a built page in its <head>, each once.
 *
 * Expressive Code (Starlight's code blocks) links its stylesheet and script from the
 * first code block of each rendered Markdown entry, deep in the <body>. A stylesheet
 * that arrives mid-page makes the browser restyle and re-lay-out everything parsed so
 * far and re-register the page's web fonts; on the whole-book page, which renders eight
 * entries, the eight links made the fonts load twice and moved the text by 4 px (a
 * layout shift of 0.003 in Lighthouse) six seconds after the first paint. Components
 * used more than once on the whole-book page also repeated their stylesheets in the
 * head (the listings' seven times).
 *
 * After the build this step moves Expressive Code's stylesheet and script to the end of
 * the <head>, where they come after every other stylesheet just as they did in the
 * body, and keeps only the last copy of a repeated stylesheet link (the same tag, so a
 * copy with another `media` stays) or head <style> element.
 * Neither changes which rule wins: a later identical copy already overrode the earlier
 * one, and nothing in the body came after Expressive Code's stylesheet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './html-files.mjs';

const EC_STYLESHEET = /<link rel="stylesheet" href="[^"]*\/ec\.[\w-]+\.css"\s*\/?>/g;
const EC_SCRIPT = /<script type="module" src="[^"]*\/ec\.[\w-]+\.js"><\/script>/g;
const STYLESHEET_LINK = /<link rel="stylesheet" [^>]*>/g;
const STYLE_ELEMENT = /<style[^>]*>[\s\S]*?<\/style>/g;

/** `html` with every match of `pattern` whose key repeats later removed (the last copy stays). */
function keepLast(/** @type {string} */ html, /** @type {RegExp} */ pattern, /** @type {(m: RegExpMatchArray) => string} */ key) {
  const matches = [...html.matchAll(pattern)];
  const last = new Map(matches.map((m) => [key(m), m.index]));
  let out = '';
  let from = 0;
  for (const m of matches) {
    if (last.get(key(m)) === m.index) continue;
    out += html.slice(from, m.index);
    from = (m.index ?? 0) + m[0].length;
  }
  return out + html.slice(from);
}

/**
 * A built page with Expressive Code's stylesheet and script moved to the end of its
 * <head> (one of each) and no repeated stylesheet link or head <style>. A page without
 * a <head> or without code blocks keeps its assets where they are.
 */
export function hoistStylesheets(/** @type {string} */ html) {
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0) return html;
  const assets = [...new Set([...(html.match(EC_STYLESHEET) ?? []), ...(html.match(EC_SCRIPT) ?? [])])];
  let out = html;
  if (assets.length > 0) {
    out = out.replace(EC_STYLESHEET, '').replace(EC_SCRIPT, '');
    const at = out.indexOf('</head>');
    out = `${out.slice(0, at)}${assets.join('')}${out.slice(at)}`;
  }
  out = keepLast(out, STYLESHEET_LINK, (m) => m[0]);
  const head = out.indexOf('</head>');
  return keepLast(out.slice(0, head), STYLE_ELEMENT, (m) => m[0]) + out.slice(head);
}

/** @returns {import('astro').AstroIntegration} */
export function hoistStylesheetsIntegration() {
  return {
    name: 'fully-connected:hoist-stylesheets',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        let changed = 0;
        for (const { file: path } of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(path, 'utf8');
          const updated = hoistStylesheets(html);
          if (updated !== html) {
            writeFileSync(path, updated);
            changed++;
          }
        }
        logger.info(`stylesheets in the <head>, each once: ${changed} pages changed`);
      },
    },
  };
}
