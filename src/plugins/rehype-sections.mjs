// @ts-check
/**
 * Wraps each second-level section of a chapter — an <h2> and everything after it up to
 * the next <h2> — in `<section class="book-section">`, so that book.css can give the
 * sections `content-visibility: auto`: the browser then skips style, layout and paint
 * of the sections far from the viewport. A chapter holds about 13,000 elements (two
 * thirds of them KaTeX's rendering of the formulas); laying them all out before the
 * first paint cost a phone-class CPU seconds (README: "Budgets").
 *
 * The sections are unnamed, so they stay plain containers, not landmarks. What comes
 * before the first <h2> (the chapter's opening) and MDX's import/export statements
 * stay where they are. Not a library: the published sectioning plugins name every
 * section (`aria-labelledby`), which turns each into a landmark region.
 */

/** @param {any} node */
const isH2 = (node) => node.type === 'element' && node.tagName === 'h2';

export function rehypeSections() {
  /** @param {any} tree */
  return (tree) => {
    /** @type {any[]} */
    const children = [];
    /** @type {any} */
    let section = null;
    for (const node of tree.children) {
      if (node.type === 'mdxjsEsm') {
        children.push(node);
      } else if (isH2(node)) {
        section = { type: 'element', tagName: 'section', properties: { className: ['book-section'] }, children: [node] };
        children.push(section);
      } else if (section) {
        section.children.push(node);
      } else {
        children.push(node);
      }
    }
    tree.children = children;
  };
}
