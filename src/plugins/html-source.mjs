// @ts-check
/**
 * Editing built pages without regular expressions. A page is parsed by
 * hast-util-from-html (parse5, the HTML standard's own parsing rules) with the source
 * position of every element, its tags and its attributes; the build steps find what
 * they change in that tree and edit the original text at those positions. Every byte
 * they do not change stays exactly as Astro wrote it, so a step changes nothing but
 * what it means to, and a page it has nothing to do for comes out identical.
 */
import { fromHtml } from 'hast-util-from-html';
import { visitParents } from 'unist-util-visit-parents';

/** @typedef {import('hast').Root} Root */
/** @typedef {import('hast').Element} Element */
/** @typedef {{ start: number, end: number, text: string }} Edit */

/**
 * A page's syntax tree, with positions (`verbose`: the opening and closing tags' and
 * each attribute's too).
 * @param {string} html
 * @returns {Root}
 */
export function parsePage(html) {
  return fromHtml(html, { verbose: true });
}

/**
 * Calls `visitor` with every element of `tree` in document order and its ancestors,
 * the contents of `<template>` elements included (the parser keeps those apart).
 * @param {Root} tree
 * @param {(element: Element, ancestors: Element[]) => void} visitor
 */
export function eachElement(tree, visitor) {
  /** @param {Root} root @param {Element[]} outer */
  const walk = (root, outer) =>
    visitParents(root, 'element', (element, ancestors) => {
      const within = [...outer, ...ancestors.filter((a) => a.type === 'element')];
      visitor(element, within);
      if (element.tagName === 'template' && element.content) walk(element.content, [...within, element]);
    });
  walk(tree, []);
}

/**
 * Where an element is in the source: `[start, end)` from its opening tag to the end of
 * its closing tag (or of its only tag), or null when the parser implied it.
 * @param {Element} element
 * @returns {{ start: number, end: number } | null}
 */
export function sourceRange(element) {
  const start = element.position?.start.offset;
  const end = element.position?.end.offset;
  return start === undefined || end === undefined ? null : { start, end };
}

/**
 * Where an element's closing tag starts (`</head>`), or null when it has none in the source.
 * @param {Element} element
 * @returns {number | null}
 */
export function closingTagStart(element) {
  return element.data?.position?.closing?.start.offset ?? null;
}

/**
 * Where an attribute is in the source (`name="value"`), or null when it has none.
 * @param {Element} element
 * @param {string} property the attribute's hast property name, e.g. `content`, `httpEquiv`
 * @returns {{ start: number, end: number } | null}
 */
export function attributeRange(element, property) {
  const at = element.data?.position?.properties?.[property];
  const start = at?.start.offset;
  const end = at?.end.offset;
  return start === undefined || end === undefined ? null : { start, end };
}

/**
 * The tokens of a space-separated attribute, lower-cased (`rel`, `http-equiv`, `class`).
 * @param {Element} element
 * @param {string} property
 * @returns {string[]}
 */
export function tokens(element, property) {
  const value = element.properties[property];
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : String(value).split(/\s+/)).map((t) => String(t).toLowerCase()).filter((t) => t !== '');
}

/**
 * `html` with each edit's `[start, end)` replaced by its text (an empty range inserts
 * it). Edits must not overlap; several insertions at one place keep their order.
 * @param {string} html
 * @param {Edit[]} edits
 */
export function applyEdits(html, edits) {
  const sorted = edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let from = 0;
  for (const edit of sorted) {
    if (edit.start < from) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += html.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + html.slice(from);
}
