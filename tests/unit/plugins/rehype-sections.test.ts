import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { rehypeSections } from '../../../src/plugins/rehype-sections.mjs';

/** The plugin run over a fragment of HTML, back as HTML. */
function sectioned(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  rehypeSections()(tree);
  return toHtml(tree);
}

describe('rehypeSections', () => {
  it('wraps each <h2> and what follows it, up to the next <h2>, in a section', () => {
    expect(sectioned('<p>a</p><h2 id="x">X</h2><p>b</p><h3>Y</h3><p>c</p><h2 id="z">Z</h2><p>d</p>')).toBe(
      '<p>a</p>' +
        '<section class="book-section"><h2 id="x">X</h2><p>b</p><h3>Y</h3><p>c</p></section>' +
        '<section class="book-section"><h2 id="z">Z</h2><p>d</p></section>',
    );
  });

  it('leaves a page without <h2> as it is', () => {
    expect(sectioned('<p>a</p><h3>b</h3><p>c</p>')).toBe('<p>a</p><h3>b</h3><p>c</p>');
  });

  it("keeps MDX's import and export statements at the top level", () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'h2', properties: {}, children: [] },
        { type: 'mdxjsEsm', value: 'export const a = 1' },
      ],
    };
    rehypeSections()(tree);
    expect(tree.children.map((node) => node.type)).toEqual(['element', 'mdxjsEsm']);
  });
});
