// @ts-check
/**
 * KaTeX writes every formula three times: as HTML (what sighted readers see), as
 * MathML (what screen readers read) and as the TeX source in an <annotation>.
 * Pagefind would index all three. This rehype step marks the HTML rendering and the
 * annotation with `data-pagefind-ignore`, so each formula is indexed once (MathML).
 */

/** @param {any} node @param {(n: any) => void} visit */
function walk(node, visit) {
  visit(node);
  if (Array.isArray(node.children)) for (const child of node.children) walk(child, visit);
}

export function rehypePagefindIgnoreMath() {
  /** @param {any} tree */
  return (tree) => {
    walk(tree, (node) => {
      if (node.type !== 'element') return;
      const cls = node.properties?.className;
      const classes = Array.isArray(cls) ? cls : typeof cls === 'string' ? cls.split(/\s+/) : [];
      if (node.tagName === 'annotation' || classes.includes('katex-html')) {
        node.properties = { ...node.properties, dataPagefindIgnore: '' };
      }
    });
  };
}
