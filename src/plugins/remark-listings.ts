/**
 * Remark step for runnable listings (`<Listing>`, see `src/listings/extract.ts`).
 * For each listing on a page it
 *  - passes the code, its language and the expected output to the component as
 *    props (`code`, `lang`, `expected`), so the browser can run and reset it;
 *  - removes the ```` ```text output ```` fence from the children (the component
 *    shows the expected output itself, as the listing's static output);
 *  - numbers it per chapter: `number="3.2"` for the second listing of chapter 3.
 * The code fence stays a child, so Expressive Code highlights it at build time.
 * A badly written listing stops the build with the file, line and what to fix.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { relative } from 'node:path';
import { ListingFormatError, listingsInTree } from '../listings/extract';

export default function remarkListings() {
  return function transformer(tree: Root, file: VFile): void {
    let found;
    try {
      found = listingsInTree(tree);
    } catch (error) {
      if (error instanceof ListingFormatError) {
        const where = file.path ? relative(process.cwd(), file.path) : 'an MDX page';
        throw new Error(`${where}${error.line ? `:${error.line}` : ''}: ${error.message}`, { cause: error });
      }
      throw error;
    }
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter ?? {};
    const chapter = typeof frontmatter['chapter'] === 'number' && frontmatter['chapter'] > 0 ? frontmatter['chapter'] : undefined;
    found.forEach(({ node, outputNode, listing }, index) => {
      node.children = node.children.filter((child) => child !== outputNode);
      const props: Record<string, string> = { code: listing.code, lang: listing.lang, expected: listing.expected };
      if (chapter !== undefined) props['number'] = `${chapter}.${index + 1}`;
      for (const [name, value] of Object.entries(props)) {
        node.attributes = node.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === name));
        node.attributes.push({ type: 'mdxJsxAttribute', name, value });
      }
    });
  };
}
