/** Test helper: runs a page through the same remark/rehype steps as the book, to HTML. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import type { Root as Hast, Element, ElementContent, Properties } from 'hast';
import type { Root as Mdast, Nodes } from 'mdast';
import { VFile } from 'vfile';
import remarkApparatus, { type ApparatusOptions } from '../../../src/apparatus/remark-apparatus';

export const FIXTURES = fileURLToPath(new URL('./fixtures/content', import.meta.url));

const baseOptions: ApparatusOptions = {
  contentDir: FIXTURES,
  chaptersDir: join(FIXTURES, 'chapters'),
  bibliography: resolve('content/references.bib'),
  base: '/',
  site: 'https://book.example',
  components: false,
};

const MDX_TYPES = ['mdxjsEsm', 'mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression'] as Nodes['type'][];

interface JsxHast {
  type: string;
  name?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: string | { value: string } | null }[];
  children?: JsxHast[];
}

/** Turns MDX's JSX nodes into `<x-name attr="…">` elements, so HTML shows what a component receives. */
function rehypeJsxAsElements() {
  const convert = (nodes: JsxHast[]): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type === 'mdxjsEsm') return [];
      if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') return [{ type: 'text', value: `{${node.value ?? ''}}` }];
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        const properties: Properties = {};
        for (const a of node.attributes ?? []) {
          if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
          properties[`data-attr-${a.name.toLowerCase()}`] =
            a.value === null || a.value === undefined ? '' : typeof a.value === 'string' ? a.value : `{${a.value.value}}`;
        }
        return [
          { type: 'element', tagName: `x-${(node.name ?? 'fragment').toLowerCase()}`, properties, children: convert(node.children ?? []) },
        ];
      }
      if ('children' in node && node.children) (node as unknown as Element).children = convert(node.children);
      return [node as unknown as ElementContent];
    });
  return (tree: Hast) => {
    tree.children = convert(tree.children as unknown as JsxHast[]) as Hast['children'];
  };
}

export interface RenderOptions {
  /** Path relative to the fixtures' content/ folder. */
  file?: string;
  frontmatter?: Record<string, unknown>;
  options?: Partial<ApparatusOptions>;
}

/** The page as HTML (KaTeX rendered, JSX as x-elements). */
export async function render(
  source: string,
  { file = 'chapters/04-test.mdx', frontmatter = { chapter: 4, references: [] }, options = {} }: RenderOptions = {},
): Promise<string> {
  const vfile = new VFile({ value: source, path: join(FIXTURES, file), data: { astro: { frontmatter } } });
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkApparatus, { ...baseOptions, ...options })
    .use(remarkRehype, { passThrough: MDX_TYPES })
    .use(rehypeKatex, { output: 'html', strict: 'error' })
    .use(rehypeJsxAsElements)
    .use(rehypeStringify);
  return String(await processor.process(vfile));
}

/** The page's mdast after the plugin (to look at injected imports). */
export async function transform(
  source: string,
  { file = 'chapters/04-test.mdx', frontmatter = { chapter: 4, references: [] }, options = {} }: RenderOptions = {},
): Promise<Mdast> {
  const vfile = new VFile({ value: source, path: join(FIXTURES, file), data: { astro: { frontmatter } } });
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkMath)
    .use(remarkApparatus, { ...baseOptions, ...options });
  return (await processor.run(processor.parse(vfile), vfile)) as Mdast;
}
