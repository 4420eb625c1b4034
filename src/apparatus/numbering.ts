/**
 * Numbering of a chapter: sections, display equations, figures, tables and exercises.
 *
 * One pure function, {@link numberTree}, walks a chapter's Markdown tree (mdast, as
 * parsed by MDX) in document order and assigns every numbered thing its number
 * ("4.2", "Equation 4.3", "Exercise 4.5") and its anchor. It changes nothing: the
 * remark plugin (`remark-apparatus.ts`) uses its result to rewrite the page, and the
 * book index (`book-index.ts`) uses it on every chapter file to resolve
 * cross-chapter references and to list the exercises. Both therefore agree on every
 * number by construction.
 */
import type { Heading, Node, Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import GithubSlugger from 'github-slugger';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';

/** A display formula (`$$…$$`), as remark-math makes it. */
export interface MathNode extends Node {
  type: 'math';
  value: string;
  data?: Node['data'] & { hChildren?: { children?: { type: string; value?: string }[] }[] };
}

/** Kinds of labelled things and the word used for them in references. */
export const KIND_NAMES = { eq: 'Equation', fig: 'Figure', tab: 'Table', ex: 'Exercise' } as const;
export type LabelKind = keyof typeof KIND_NAMES;

/** A label: `eq:conv-out`, `fig:output-size`, `tab:vgg-params`, `ex:in-features`. */
const LABEL_PATTERN = /^(eq|fig|tab|ex):[a-z0-9][a-z0-9_-]*$/;

/** The exercise component's name in MDX. */
export const EXERCISE = 'Exercise';

interface NumberedItem {
  kind: LabelKind;
  /** The author's label (`eq:conv-out`), if any. */
  label?: string;
  /** The HTML id of the anchor: the label, or `eq-4-3`-style for unlabelled items. */
  id: string;
  /** "4.3". */
  number: string;
  /** Exercises: the title; figures and tables: the caption. */
  title?: string;
  /** Exercises: 1 (easy) to 3 (hard). */
  difficulty?: number;
  /** The node in the tree (equation `math` node or JSX element). */
  node: Node;
}

interface SectionItem {
  /** The heading's id (slug), e.g. `who-it-is-for`. */
  slug: string;
  /** "4.2" for numbered headings (h2, h3 at the top level of a chapter; front matter, chapter 0, has none). */
  number?: string;
  depth: number;
  title: string;
  node: Heading;
}

export interface Numbering {
  chapter: number | undefined;
  items: NumberedItem[];
  byLabel: Map<string, NumberedItem>;
  sections: SectionItem[];
  bySlug: Map<string, SectionItem>;
}

/** Raised for an authoring mistake; `node` gives the position. */
export class ApparatusError extends Error {
  node: Node | undefined;
  constructor(message: string, node?: Node) {
    super(message);
    this.name = 'ApparatusError';
    this.node = node;
  }
}

/** Text of a node, as used for heading slugs (text, code, expressions). */
function textOf(node: Node): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'mdxjsEsm' && node.type !== 'mdxFlowExpression') {
    return node.value;
  }
  if ('children' in node && Array.isArray(node.children)) return (node.children as Node[]).map(textOf).join('');
  return '';
}

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

export function isJsx(node: Node): node is JsxElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

/**
 * A JSX attribute's value: a string for `a="x"`, the source text for `a={x}`,
 * `true` for a bare `a`, undefined when absent.
 */
export function jsxAttribute(node: JsxElement, name: string): string | { expression: string } | true | undefined {
  const attribute = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
  if (!attribute) return undefined;
  if (attribute.value === null || attribute.value === undefined) return true;
  if (typeof attribute.value === 'string') return attribute.value;
  return { expression: attribute.value.value };
}

export function setJsxAttribute(node: JsxElement, name: string, value: string): void {
  const existing = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
  if (existing) existing.value = value;
  else node.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

export function removeJsxAttribute(node: JsxElement, name: string): void {
  node.attributes = node.attributes.filter(
    (a: MdxJsxAttribute | MdxJsxExpressionAttribute) => !(a.type === 'mdxJsxAttribute' && a.name === name),
  );
}

const LABEL_IN_MATH = /\\label\{([^{}]*)\}/g;
const NO_NUMBER_IN_MATH = /\\(?:notag|nonumber)\b/g;
const TAG_IN_MATH = /\\tag\*?\{/;

/** What a display formula asks for: its label, whether it is numbered. */
export function analyseMath(value: string): { labels: string[]; numbered: boolean; hasTag: boolean } {
  const labels = [...value.matchAll(LABEL_IN_MATH)].map((m) => (m[1] ?? '').trim());
  const hasTag = TAG_IN_MATH.test(value);
  NO_NUMBER_IN_MATH.lastIndex = 0;
  const numbered = !hasTag && !NO_NUMBER_IN_MATH.test(value);
  return { labels, numbered, hasTag };
}

/** The formula without `\label{…}`, `\notag`, `\nonumber`. */
export function stripMathLabels(value: string): string {
  return value.replace(LABEL_IN_MATH, '').replace(NO_NUMBER_IN_MATH, '').trim();
}

function parseDifficulty(value: ReturnType<typeof jsxAttribute>): number | undefined {
  if (value === undefined || value === true) return undefined;
  const text = typeof value === 'string' ? value : value.expression;
  const named: Record<string, number> = { easy: 1, medium: 2, hard: 3 };
  const n = named[text.trim().replace(/^['"]|['"]$/g, '')] ?? Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= 3 ? n : Number.NaN;
}

/**
 * Numbers everything in a page. `chapter` is the frontmatter's chapter number, or
 * undefined for a page that is not a chapter (which may not label anything).
 */
export function numberTree(tree: Root, chapter: number | undefined): Numbering {
  const result: Numbering = { chapter, items: [], byLabel: new Map(), sections: [], bySlug: new Map() };
  const slugger = new GithubSlugger();
  const counters = { section: 0, subsection: 0, eq: 0, fig: 0, tab: 0, ex: 0 };
  const isChapter = chapter !== undefined;
  const where = 'only a chapter (a file in content/chapters with a `chapter` number) can';

  const addLabel = (item: NumberedItem): void => {
    if (!item.label) return;
    if (!LABEL_PATTERN.test(item.label)) {
      throw new ApparatusError(
        `malformed label "${item.label}": use ${Object.keys(KIND_NAMES).join('|')}: followed by lowercase letters, digits and hyphens, e.g. "eq:conv-out"`,
        item.node,
      );
    }
    if (!item.label.startsWith(`${item.kind}:`)) {
      throw new ApparatusError(
        `label "${item.label}" is on ${KIND_NAMES[item.kind].toLowerCase()}: its prefix must be "${item.kind}:"`,
        item.node,
      );
    }
    if (result.byLabel.has(item.label)) throw new ApparatusError(`duplicate label "${item.label}"`, item.node);
    result.byLabel.set(item.label, item);
  };

  visit(tree, (node, _index, parent) => {
    if (node.type === 'heading') {
      const heading = node as Heading;
      const title = textOf(heading).trim();
      const slug = slugger.slug(title);
      let number: string | undefined;
      if (isChapter && chapter > 0 && parent?.type === 'root' && (heading.depth === 2 || heading.depth === 3)) {
        if (heading.depth === 2) {
          counters.section += 1;
          counters.subsection = 0;
          number = `${chapter}.${counters.section}`;
        } else {
          counters.subsection += 1;
          number = `${chapter}.${counters.section}.${counters.subsection}`;
        }
      }
      const section: SectionItem = { slug, depth: heading.depth, title, node: heading };
      if (number !== undefined) section.number = number;
      result.sections.push(section);
      result.bySlug.set(slug, section);
      return SKIP; // headings number nothing inside them
    }

    if (node.type === 'math') {
      const math = node as MathNode;
      const { labels, numbered, hasTag } = analyseMath(math.value);
      if (labels.length > 1) throw new ApparatusError(`one display formula has several labels (${labels.join(', ')})`, node);
      const label = labels[0];
      if (label !== undefined && !isChapter) throw new ApparatusError(`${where} number equations; remove \\label{${label}}`, node);
      if (label !== undefined && hasTag)
        throw new ApparatusError(`\\label{${label}} together with \\tag: drop the \\tag, numbers are automatic`, node);
      if (label !== undefined && !numbered) throw new ApparatusError(`\\label{${label}} on an unnumbered formula (\\notag)`, node);
      if (isChapter && numbered) {
        counters.eq += 1;
        const number = `${chapter}.${counters.eq}`;
        const item: NumberedItem = { kind: 'eq', id: label ?? `eq-${chapter}-${counters.eq}`, number, node };
        if (label !== undefined) item.label = label;
        addLabel(item);
        result.items.push(item);
      }
      return;
    }

    if (isJsx(node)) {
      const idValue = jsxAttribute(node, 'id');
      const id = typeof idValue === 'string' ? idValue : undefined;
      if (idValue !== undefined && typeof idValue !== 'string' && (node.name === EXERCISE || node.name === 'Figure')) {
        throw new ApparatusError(`<${node.name}> needs a literal id="…", not an expression`, node);
      }
      if (node.name === EXERCISE) {
        if (!isChapter) throw new ApparatusError(`${where} hold exercises`, node);
        counters.ex += 1;
        const title = jsxAttribute(node, 'title');
        if (typeof title !== 'string' || !title.trim())
          throw new ApparatusError('<Exercise> needs a title="…" (shown in the exercise and in the index of exercises)', node);
        const difficulty = parseDifficulty(jsxAttribute(node, 'difficulty'));
        if (difficulty === undefined || Number.isNaN(difficulty))
          throw new ApparatusError('<Exercise> needs difficulty={1}, {2} or {3} (easy, medium, hard)', node);
        const item: NumberedItem = {
          kind: 'ex',
          id: id ?? `exercise-${chapter}-${counters.ex}`,
          number: `${chapter}.${counters.ex}`,
          title: title.trim(),
          difficulty,
          node,
        };
        if (id !== undefined) item.label = id;
        addLabel(item);
        result.items.push(item);
      } else if (id !== undefined && /^(fig|tab):/.test(id)) {
        if (!isChapter) throw new ApparatusError(`${where} number figures and tables; remove id="${id}" or use another id`, node);
        const kind: LabelKind = id.startsWith('tab:') ? 'tab' : 'fig';
        counters[kind] += 1;
        const caption = jsxAttribute(node, 'caption');
        if (typeof caption !== 'string' || !caption.trim()) {
          throw new ApparatusError(
            `<${node.name ?? 'element'} id="${id}"> needs a caption="…" (a plain string): a numbered ${KIND_NAMES[kind].toLowerCase()} has a caption`,
            node,
          );
        }
        const item: NumberedItem = { kind, label: id, id, number: `${chapter}.${counters[kind]}`, title: caption.trim(), node };
        addLabel(item);
        result.items.push(item);
      } else if (node.name === 'Figure') {
        throw new ApparatusError('<Figure> needs an id="fig:…" (or "tab:…" for a table)', node);
      } else if (id !== undefined && /^(eq|ex):/.test(id)) {
        throw new ApparatusError(
          `id="${id}" on <${node.name ?? 'element'}>: "eq:" labels go in \\label{…} inside $$…$$, "ex:" ids on <Exercise>`,
          node,
        );
      }
    }
    return CONTINUE;
  });
  return result;
}
