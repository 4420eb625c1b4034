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
 * one, and nothing in the body came after Expressive Code's stylesheet. The page is read
 * by the HTML parser and edited in place (src/plugins/html-source.mjs), so text that only
 * looks like a tag (in a script, in a code sample) is left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './html-files.mjs';
import { applyEdits, closingTagStart, eachElement, parsePage, sourceRange, tokens } from './html-source.mjs';

/** Expressive Code's stylesheet and script, by the file name Vite gives them. */
const EC_STYLESHEET = /\/ec\.[\w-]+\.css$/;
const EC_SCRIPT = /\/ec\.[\w-]+\.js$/;

/** @typedef {import('./html-source.mjs').Edit} Edit */

/** Edits that remove each of `found` (elements, with their source text) that comes again later: the last copy stays. */
function keepLast(/** @type {Edit[]} */ found) {
  const last = new Map(found.map((f) => [f.text, f.start]));
  return found.filter((f) => last.get(f.text) !== f.start).map((f) => ({ ...f, text: '' }));
}

/**
 * A built page with Expressive Code's stylesheet and script moved to the end of its
 * <head> (one of each) and no repeated stylesheet link or head <style>. A page without
 * a <head> or without code blocks keeps its assets where they are.
 */
export function hoistStylesheets(/** @type {string} */ html) {
  /** @type {number | null} */
  let headEnd = null;
  /** @type {Record<'ecStylesheets' | 'ecScripts' | 'stylesheets' | 'headStyles', Edit[]>} */
  const found = { ecStylesheets: [], ecScripts: [], stylesheets: [], headStyles: [] };
  eachElement(parsePage(html), (element, ancestors) => {
    if (element.tagName === 'head' && headEnd === null) headEnd = closingTagStart(element);
    const range = sourceRange(element);
    if (!range) return;
    const it = { ...range, text: html.slice(range.start, range.end) };
    const { href, src, type } = element.properties;
    if (element.tagName === 'link' && tokens(element, 'rel').includes('stylesheet')) {
      found[EC_STYLESHEET.test(String(href)) ? 'ecStylesheets' : 'stylesheets'].push(it);
    } else if (element.tagName === 'script' && type === 'module' && EC_SCRIPT.test(String(src))) {
      found.ecScripts.push(it);
    } else if (element.tagName === 'style' && ancestors.some((a) => a.tagName === 'head')) {
      found.headStyles.push(it);
    }
  });
  if (headEnd === null) return html;
  const ec = [...found.ecStylesheets, ...found.ecScripts];
  const assets = [...new Set(ec.map((f) => f.text))].join('');
  return applyEdits(html, [
    ...keepLast(found.stylesheets),
    ...keepLast(found.headStyles),
    ...ec.map((f) => ({ ...f, text: '' })),
    ...(assets ? [{ start: headEnd, end: headEnd, text: assets }] : []),
  ]);
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
