// @ts-check
/**
 * KaTeX writes every formula three times: as HTML (what sighted readers see), as
 * MathML (what screen readers read) and as the TeX source in an <annotation>.
 * Pagefind would index all three. This rehype step marks the HTML rendering and the
 * annotation with `data-pagefind-ignore`, so each formula is indexed once (MathML).
 */
import { visit } from 'unist-util-visit';

export function rehypePagefindIgnoreMath() {
  /** @param {import('hast').Root} tree */
  return (tree) => {
    visit(tree, 'element', (node) => {
      const cls = node.properties?.className;
      const classes = Array.isArray(cls) ? cls : String(cls ?? '').split(/\s+/);
      if (node.tagName === 'annotation' || classes.includes('katex-html')) {
        node.properties = { ...node.properties, dataPagefindIgnore: '' };
      }
    });
  };
}
