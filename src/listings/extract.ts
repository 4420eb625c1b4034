/**
 * Finds the runnable listings of an MDX page. A runnable listing is written
 *
 *     <Listing id="lst:conv-by-hand" caption="A convolution by hand and by tf.conv2d.">
 *
 *     ```ts title="conv_by_hand.ts"
 *     …code…
 *     ```
 *
 *     ```text output
 *     …what the code prints…
 *     ```
 *
 *     </Listing>
 *
 * The first code fence (`ts` or `js`) is the code; a `text output` fence is the
 * expected output (required: every listing is a test). The remark plugin
 * (`src/plugins/remark-listings.ts`) and the test that runs every listing both read
 * listings through {@link listingsInTree}, so they agree on what a listing is.
 */
import type { Code, Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import { parseMdx } from '../apparatus/book-index';
import type { ListingLang } from './run';

/** The component's name in MDX. */
const LISTING = 'Listing';
/** A listing id: `lst:` and a slug. */
const LISTING_ID = /^lst:[a-z0-9][a-z0-9-]*$/;

const LANGS: Record<string, ListingLang> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };

export interface ExtractedListing {
  id: string;
  lang: ListingLang;
  code: string;
  /** The expected output (the `text output` fence), exactly. */
  expected: string;
  caption?: string;
  /** 1-based line of `<Listing` in the file. */
  line: number;
}

export interface FoundListing {
  node: MdxJsxFlowElement;
  codeNode: Code;
  outputNode: Code;
  listing: ExtractedListing;
}

/** A mistake in how a listing is written; `line` is the `<Listing` line. */
export class ListingFormatError extends Error {
  line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ListingFormatError';
    this.line = line;
  }
}

function attribute(node: MdxJsxFlowElement, name: string): string | undefined {
  for (const a of node.attributes) {
    if (a.type !== 'mdxJsxAttribute' || a.name !== name) continue;
    if (typeof a.value === 'string') return a.value;
    throw new ListingFormatError(`<Listing> needs ${name}="…" as a plain string`, node.position?.start.line);
  }
  return undefined;
}

/** True for the expected-output fence: ```` ```text output ````. */
function isOutputFence(node: Code): boolean {
  return (node.lang === 'text' || node.lang === 'txt') && /(^|\s)output(\s|$)/.test(node.meta ?? '');
}

/**
 * Every `<Listing>` in a parsed MDX tree, in document order, with its code and
 * expected output. Throws a {@link ListingFormatError} naming the problem (missing
 * id, no code fence, unsupported language, no output fence, a repeated id).
 */
export function listingsInTree(tree: Root): FoundListing[] {
  const found: FoundListing[] = [];
  const ids = new Set<string>();
  visit(tree, 'mdxJsxFlowElement', (element) => {
    if (element.name === LISTING) {
      const line = element.position?.start.line ?? 0;
      const id = attribute(element, 'id');
      if (!id || !LISTING_ID.test(id)) {
        throw new ListingFormatError(
          `<Listing> needs an id="lst:…" (lower-case letters, digits and hyphens), got ${id === undefined ? 'none' : `"${id}"`}`,
          line,
        );
      }
      if (ids.has(id)) throw new ListingFormatError(`listing id "${id}" is used twice on this page`, line);
      ids.add(id);
      const fences = element.children.filter((c): c is Code => c.type === 'code');
      const outputNode = fences.find(isOutputFence);
      const codeNode = fences.find((c) => !isOutputFence(c));
      if (!codeNode) throw new ListingFormatError(`<Listing id="${id}"> has no code fence (\`\`\`ts or \`\`\`js) inside it`, line);
      const lang = LANGS[codeNode.lang ?? ''];
      if (!lang) {
        throw new ListingFormatError(
          `<Listing id="${id}">: its code fence is \`\`\`${codeNode.lang ?? ''}; runnable listings are ts or js (keep other languages as plain fences)`,
          line,
        );
      }
      if (!outputNode) {
        throw new ListingFormatError(
          `<Listing id="${id}"> has no expected output: add a \`\`\`text output fence with what the code prints (it may be empty)`,
          line,
        );
      }
      const caption = attribute(element, 'caption');
      found.push({
        node: element,
        codeNode,
        outputNode,
        listing: { id, lang, code: codeNode.value, expected: outputNode.value, line, ...(caption === undefined ? {} : { caption }) },
      });
      return SKIP; // a listing inside a listing is not one
    }
    return CONTINUE;
  });
  return found;
}

/** Blanks out a leading YAML frontmatter block, keeping the line count. */
function withoutFrontmatter(source: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  return match ? match[0].replace(/[^\n]/g, '') + source.slice(match[0].length) : source;
}

/** The runnable listings of an MDX file's text (see {@link listingsInTree}). */
export function extractListings(source: string): ExtractedListing[] {
  return listingsInTree(parseMdx(withoutFrontmatter(source))).map((f) => f.listing);
}
