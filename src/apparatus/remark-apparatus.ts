/**
 * remark-apparatus: the textbook apparatus at build time, for every page in content/.
 *
 * - numbers sections (4.2), display equations (4.3, via KaTeX's \tag), figures and
 *   tables (Figure 4.1) and exercises (Exercise 4.5), per chapter, and gives each an
 *   anchor with a copy-link control;
 * - resolves cross-references `[](#eq:label)` — in the page or in any other chapter,
 *   through the book index — to numbered links ("Equation 4.3");
 * - turns `[@key]` citations into author–year links with a preview of the full
 *   reference (citation-js, APA), and appends the page's reference list;
 * - fails the build, naming the file, for an unknown label or citation key, a
 *   citation missing from the chapter's frontmatter `references`, or a malformed
 *   exercise or figure.
 *
 * Runs after remark-math (so `$$…$$` are `math` nodes) and before rehype-katex.
 * See docs/authoring.md#citations-numbering-and-exercises for the authoring syntax.
 */
import { relative, sep } from 'node:path';
import type { Heading, Link, Node, Parent, Root, RootContent, Text } from 'mdast';
import type { Element, ElementContent, Properties } from 'hast';
import { h, s } from 'hastscript';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { LINK_ICON_PATH } from './anchor';
import { loadBookIndex, type BookIndex } from './book-index';
import { pagePathOf } from './content-paths';
import { findCitations, loadBibliography, type CiteItem } from './bibliography';
import {
  ApparatusError,
  EXERCISE,
  KIND_NAMES,
  analyseMath,
  isJsx,
  jsxAttribute,
  numberTree,
  removeJsxAttribute,
  setJsxAttribute,
  stripMathLabels,
  type JsxElement,
  type MathNode,
  type Numbering,
} from './numbering';

export interface ApparatusOptions {
  /** Absolute path of content/ (pages outside it are left alone). */
  contentDir: string;
  /** Absolute path of content/chapters. */
  chaptersDir: string;
  /** Absolute path of the BibTeX file. */
  bibliography: string;
  /** The site's base path, e.g. '/' or '/fully-connected/'. */
  base?: string;
  /** The site's origin, e.g. 'https://fully-connected.example.org' (for printed links). */
  site?: string;
  /**
   * Absolute path of src/components/apparatus: the plugin imports Exercise, Hint,
   * Solution and Figure from there when a page uses them without importing them,
   * and adds the small client script where a page needs it. `false` turns this off
   * (unit tests).
   */
  components?: string | false;
}

/** The copy-link control of a numbered thing. */
function anchorLink(id: string, label: string): Element {
  return h('a', { className: ['apparatus-anchor'], href: `#${id}`, dataCopyLink: '' }, [
    s('svg', { ariaHidden: 'true', width: 16, height: 16, viewBox: '0 0 24 24', fill: 'currentColor', focusable: 'false' }, [
      s('path', { d: LINK_ICON_PATH }),
    ]),
    h('span', { className: ['visually-hidden'], dataPagefindIgnore: '' }, `Link to ${label}`),
  ]);
}

interface HastCarrier {
  type: string;
  data: { hName: string; hProperties?: Properties; hChildren?: ElementContent[] };
  children?: RootContent[];
}

/** An mdast node that becomes the given hast element. */
function fromHast(element: Element): RootContent {
  const node: HastCarrier = {
    type: 'apparatusHtml',
    data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children },
  };
  return node as unknown as RootContent;
}

/** An mdast node that becomes an element wrapping mdast children. */
function wrapper(tagName: string, properties: Properties, children: RootContent[]): RootContent {
  const node: HastCarrier = { type: 'apparatusWrapper', data: { hName: tagName, hProperties: properties }, children };
  return node as unknown as RootContent;
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

function replaceNode(parent: Parent, node: Node, replacement: RootContent[]): void {
  const index = parent.children.indexOf(node as RootContent);
  if (index >= 0) parent.children.splice(index, 1, ...replacement);
}

/** Linkifies bare URLs in hast text (reference entries print DOIs and URLs). */
function linkify(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      let last = 0;
      for (const match of node.value.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;)]/g)) {
        if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) });
        out.push(h('a', { href: match[0], className: ['reference-url'] }, match[0]));
        last = match.index + match[0].length;
      }
      if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
    } else if (node.type === 'element') {
      out.push({ ...node, children: linkify(node.children) });
    } else {
      out.push(node);
    }
  }
  return out;
}

/** Names declared by the page's own imports and exports. */
function declaredNames(tree: Root): Set<string> {
  const names = new Set<string>();
  for (const node of tree.children) {
    if (node.type !== 'mdxjsEsm') continue;
    const body = (node.data?.estree?.body ?? []) as unknown as {
      type: string;
      specifiers?: { local: { name: string } }[];
      declaration?: unknown;
      declarations?: { id: { name?: string } }[];
    }[];
    for (const statement of body) {
      for (const spec of statement.specifiers ?? []) names.add(spec.local.name);
      const declaration = (statement.declaration ?? statement) as { declarations?: { id: { name?: string } }[]; id?: { name?: string } };
      for (const d of declaration.declarations ?? []) if (d.id.name) names.add(d.id.name);
      if (declaration.id?.name) names.add(declaration.id.name);
    }
  }
  return names;
}

function importNode(name: string, source: string): RootContent {
  const literal = JSON.stringify(source);
  return {
    type: 'mdxjsEsm',
    value: `import ${name} from ${literal};`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
            source: { type: 'Literal', value: source, raw: literal },
            attributes: [],
          },
        ],
      },
    },
  } as unknown as RootContent;
}

const AUTO_COMPONENTS = [EXERCISE, 'Hint', 'Solution', 'Figure'];
const SCRIPT_COMPONENT = 'ApparatusScript';

export default function remarkApparatus(options: ApparatusOptions) {
  const base = withSlash(options.base ?? '/');
  const site = (options.site ?? '').replace(/\/$/, '');

  return function transformer(tree: Root, file: VFile): void {
    if (!file.path) return;
    const relToContent = relative(options.contentDir, file.path);
    if (relToContent.startsWith('..') || relToContent === '') return;
    const fileName = relative(process.cwd(), file.path).split(sep).join('/');
    const fail = (message: string, node?: Node): never => {
      const line = node?.position?.start.line;
      throw new Error(`${fileName}${line ? `:${line}` : ''}: ${message}`);
    };

    const frontmatter = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter ?? {}) as Record<
      string,
      unknown
    >;
    const inChapters = !relative(options.chaptersDir, file.path).startsWith('..');
    const chapter = inChapters && typeof frontmatter.chapter === 'number' ? frontmatter.chapter : undefined;
    const pagePath = pagePathOf(relToContent);
    const chapterHref = (slug: string): string => `${base}chapters/${slug}/`;
    const idPrefix = chapter !== undefined ? String(chapter) : pagePath.replace(/\/$/, '').replace(/[^a-z0-9-]/gi, '-') || 'index';

    let numbering: Numbering;
    try {
      numbering = numberTree(tree, chapter);
    } catch (error) {
      if (error instanceof ApparatusError) fail(error.message, error.node);
      throw error;
    }

    // The book index: only needed when the page refers outside itself.
    let index: BookIndex | undefined;
    const bookIndex = (): BookIndex => {
      if (!index) {
        try {
          index = loadBookIndex(options.chaptersDir);
        } catch (error) {
          fail(`while indexing the other chapters: ${(error as Error).message}`);
        }
      }
      return index as BookIndex;
    };
    if (chapter !== undefined) {
      for (const label of numbering.byLabel.keys()) {
        const other = bookIndex().labels.get(label);
        if (other && other.chapter.file !== fileName)
          fail(`label "${label}" is also defined in ${other.chapter.file}`, numbering.byLabel.get(label)?.node);
      }
    }

    let needsScript = false;
    const used = new Set<string>();

    // 1. Headings: stable ids, and the section number in front of the text.
    for (const section of numbering.sections) {
      const heading: Heading = section.node;
      heading.data = {
        ...heading.data,
        hProperties: { ...(heading.data as { hProperties?: Properties } | undefined)?.hProperties, id: section.slug },
      } as Heading['data'];
      if (section.number) {
        heading.children.unshift(fromHast(h('span', { className: ['section-number'] }, section.number)) as never, {
          type: 'text',
          value: ' ',
        });
      }
    }

    // 2. Numbered things, and the heading level of each exercise.
    const parents = new Map<Node, Parent>();
    const exerciseLevel = new Map<Node, number>();
    let lastDepth = 1;
    visitParents(tree, (node, ancestors) => {
      const parent = ancestors.at(-1);
      if (parent) parents.set(node, parent);
      if (node.type === 'heading' && parent?.type === 'root') lastDepth = (node as Heading).depth;
      if (isJsx(node)) {
        if (node.name) used.add(node.name);
        if (node.name === EXERCISE) exerciseLevel.set(node, Math.min(6, lastDepth + 1));
        if ((node.name === 'Hint' || node.name === 'Solution') && !ancestors.some((a) => isJsx(a) && a.name === EXERCISE)) {
          fail(`<${node.name}> belongs inside an <Exercise>`, node);
        }
      }
      if (node.type === 'math') {
        // Unnumbered formulas too: KaTeX does not know \notag outside environments.
        const math = node as MathNode;
        const { labels, numbered } = analyseMath(math.value);
        if (labels.length || !numbered) setMath(math, stripMathLabels(math.value));
      }
    });

    for (const item of numbering.items) {
      const name = `${KIND_NAMES[item.kind]} ${item.number}`;
      const parent = parents.get(item.node);
      if (item.kind === 'eq') {
        const math = item.node as MathNode;
        setMath(math, `${stripMathLabels(math.value)}\n\\tag{${item.number}}`);
        if (parent)
          replaceNode(parent, math, [
            wrapper('div', { className: ['equation'], id: item.id }, [math as unknown as RootContent, fromHast(anchorLink(item.id, name))]),
          ]);
        needsScript = true;
      } else if (item.kind === 'ex') {
        const element = item.node as JsxElement;
        setJsxAttribute(element, 'number', item.number);
        setJsxAttribute(element, 'id', item.id);
        setJsxAttribute(element, 'level', String(exerciseLevel.get(element) ?? 3));
      } else {
        const element = item.node as JsxElement;
        if (element.name === 'Figure') {
          setJsxAttribute(element, 'number', item.number);
          setJsxAttribute(element, 'kind', item.kind === 'tab' ? 'table' : 'figure');
          // A Markdown table scrolls sideways when it is wider than the column (on a
          // phone, or with wider fonts): keyboard users must be able to reach and
          // scroll it, so it is a tab stop, named by its number (axe:
          // scrollable-region-focusable).
          if (item.kind === 'tab') {
            for (const child of element.children) {
              if (child.type !== 'table') continue;
              child.data = { ...child.data, hProperties: { ...child.data?.hProperties, tabIndex: 0, ariaLabel: name } };
            }
          }
        } else {
          // A widget labelled directly: number its caption, anchor a wrapper.
          if (element.type !== 'mdxJsxFlowElement')
            fail(`<${element.name ?? 'element'} id="${item.id}"> must stand in its own paragraph to be numbered`, element);
          setJsxAttribute(element, 'caption', `${name} — ${item.title ?? ''}`);
          setJsxAttribute(element, 'figureName', name);
          removeJsxAttribute(element, 'id');
          const printed = `${site}${base}${pagePath}#${item.id}`;
          const note = h('p', { className: ['print-only', 'widget-print-note'] }, `Interactive figure: ${printed}`);
          if (parent) {
            replaceNode(parent, element, [
              wrapper('div', { className: ['numbered-widget'], id: item.id }, [
                element as RootContent,
                fromHast(anchorLink(item.id, name)),
                fromHast(note),
              ]),
            ]);
          }
          needsScript = true;
        }
      }
    }

    // Hints and solutions say which exercise they belong to (for screen readers).
    visitParents(tree, (node, ancestors) => {
      if (!isJsx(node) || (node.name !== 'Hint' && node.name !== 'Solution')) return;
      const exercise = [...ancestors].reverse().find((a): a is JsxElement => isJsx(a) && a.name === EXERCISE);
      const number = exercise ? jsxAttribute(exercise, 'number') : undefined;
      if (typeof number === 'string') setJsxAttribute(node, 'exercise', number);
    });

    // 3. Cross-references: [](#eq:label), [](#sec:slug), [](#sec:chapter/slug), [](#ch:slug).
    const resolve = (fragment: string, node: Node): { href: string; text: string } => {
      const colon = fragment.indexOf(':');
      const prefix = fragment.slice(0, colon);
      const rest = fragment.slice(colon + 1);
      if (prefix === 'ch') {
        const target = bookIndex().bySlug.get(rest);
        if (!target)
          return fail(`unknown chapter "${fragment}" (known: ${[...bookIndex().bySlug.keys()].map((k) => `ch:${k}`).join(', ')})`, node);
        return { href: chapterHref(target.slug), text: target.chapter > 0 ? `Chapter ${target.chapter}` : target.title };
      }
      if (prefix === 'sec') {
        const slash = rest.indexOf('/');
        if (slash < 0) {
          const section = numbering.bySlug.get(rest);
          if (!section) return fail(`unknown label "${fragment}": no heading with the id "${rest}" in this page`, node);
          return { href: `#${section.slug}`, text: section.number ? `Section ${section.number}` : `“${section.title}”` };
        }
        const target = bookIndex().bySlug.get(rest.slice(0, slash));
        if (!target) return fail(`unknown label "${fragment}": no chapter "${rest.slice(0, slash)}"`, node);
        const section = target.sections.find((x) => x.slug === rest.slice(slash + 1));
        if (!section) return fail(`unknown label "${fragment}": no heading with the id "${rest.slice(slash + 1)}" in ${target.file}`, node);
        return {
          href: `${chapterHref(target.slug)}#${section.slug}`,
          text: section.number ? `Section ${section.number}` : `“${section.title}”`,
        };
      }
      const local = numbering.byLabel.get(fragment);
      if (local) return { href: `#${local.id}`, text: `${KIND_NAMES[local.kind]} ${local.number}` };
      const found = bookIndex().labels.get(fragment);
      if (!found || found.chapter.file === fileName) return fail(`unknown label "${fragment}"`, node);
      return {
        href: `${chapterHref(found.chapter.slug)}#${found.label.id}`,
        text: `${KIND_NAMES[found.label.kind]} ${found.label.number}`,
      };
    };

    visit(tree, 'link', (link) => {
      const match = /^#((?:eq|fig|tab|ex|sec|ch):.*)$/.exec(link.url);
      if (!match?.[1]) return;
      const { href, text } = resolve(decodeURIComponent(match[1]), link);
      link.url = href;
      if (
        link.children.length === 0 ||
        (link.children.length === 1 && link.children[0]?.type === 'text' && !link.children[0].value.trim())
      ) {
        link.children = [{ type: 'text', value: text }];
      }
      const data = (link.data ?? {}) as { hProperties?: Properties };
      link.data = { ...data, hProperties: { ...data.hProperties, className: ['xref'] } } as Link['data'];
    });

    // 4. Citations.
    const bibliography = loadBibliography(options.bibliography);
    const found: { node: Text; parent: Parent; spans: ReturnType<typeof findCitations> }[] = [];
    visitParents(tree, 'text', (node, ancestors) => {
      const parent = ancestors.at(-1);
      if (!parent || ancestors.some((a) => a.type === 'link')) return;
      const spans = findCitations(node.value);
      if (spans.length) found.push({ node, parent, spans });
    });
    const cited: string[] = [];
    for (const { node, spans } of found) {
      for (const span of spans) {
        for (const item of span.items) {
          if (!bibliography.has(item.key))
            fail(`unknown citation key "${item.key}" (not in ${relative(process.cwd(), options.bibliography)})`, node);
          if (!cited.includes(item.key)) cited.push(item.key);
        }
      }
    }
    const listed = Array.isArray(frontmatter.references) ? frontmatter.references.map(String) : [];
    for (const key of listed) {
      if (!bibliography.has(key))
        fail(`frontmatter \`references\` lists "${key}", which is not in ${relative(process.cwd(), options.bibliography)}`);
    }
    if (chapter !== undefined) {
      const missing = cited.filter((k) => !listed.includes(k));
      if (missing.length)
        fail(
          `cites ${missing.map((k) => `"${k}"`).join(', ')} but the frontmatter \`references\` does not list ${missing.length > 1 ? 'them' : 'it'}: add ${missing.length > 1 ? 'them' : 'it'} to \`references: [${[...listed, ...missing].join(', ')}]\``,
        );
    }
    const scope = [...new Set([...cited, ...listed])];
    const entries = scope.length ? bibliography.entries(scope) : [];
    const entryText = new Map(entries.map((e) => [e.key, e.text]));
    let tipCount = 0;
    const citationElement = (items: CiteItem[]): Element => {
      const parts: ElementContent[] = [{ type: 'text', value: '(' }];
      items.forEach((item, i) => {
        if (i > 0) parts.push({ type: 'text', value: '; ' });
        tipCount += 1;
        const tipId = `cite-${idPrefix}-${tipCount}`;
        parts.push(
          h('span', { className: ['cite'] }, [
            h(
              'a',
              { className: ['cite-link'], href: `#ref-${idPrefix}-${item.key}`, ariaDescribedBy: tipId },
              bibliography.citation(item, scope),
            ),
            h('span', { className: ['cite-tip'], role: 'tooltip', id: tipId, dataPagefindIgnore: '' }, entryText.get(item.key) ?? item.key),
          ]),
        );
      });
      parts.push({ type: 'text', value: ')' });
      return h('span', { className: ['citation'] }, parts);
    };
    for (const { node, parent, spans } of found) {
      const replacement: RootContent[] = [];
      let last = 0;
      for (const span of spans) {
        if (span.start > last) replacement.push({ type: 'text', value: node.value.slice(last, span.start) });
        replacement.push(fromHast(citationElement(span.items)));
        last = span.end;
      }
      if (last < node.value.length) replacement.push({ type: 'text', value: node.value.slice(last) });
      replaceNode(parent, node, replacement);
    }
    if (found.length) needsScript = true;

    // 5. The reference list, at the end of the page.
    if (entries.length) {
      let id = 'references';
      for (let n = 1; numbering.bySlug.has(id); n += 1) id = `references-${n}`;
      tree.children.push({
        type: 'heading',
        depth: 2,
        children: [{ type: 'text', value: 'References' }],
        data: { hProperties: { id } },
      } as Heading);
      const items = entries.map((entry) => {
        const parsed = fromHtml(entry.html, { fragment: true }).children as ElementContent[];
        return h('li', { id: `ref-${idPrefix}-${entry.key}`, className: ['reference'] }, linkify(parsed));
      });
      tree.children.push(fromHast(h('ul', { className: ['references'], dataPagefindIgnore: '' }, items)));
    }

    // 6. Components the page uses without importing them, and the client script.
    if (options.components) {
      const declared = declaredNames(tree);
      const imports: RootContent[] = [];
      for (const name of AUTO_COMPONENTS) {
        if (used.has(name) && !declared.has(name)) imports.push(importNode(name, `${options.components}/${name}.astro`));
      }
      if (needsScript && !declared.has(SCRIPT_COMPONENT)) {
        imports.push(importNode(SCRIPT_COMPONENT, `${options.components}/${SCRIPT_COMPONENT}.astro`));
        tree.children.push({ type: 'mdxJsxFlowElement', name: SCRIPT_COMPONENT, attributes: [], children: [] } as unknown as RootContent);
      }
      tree.children.unshift(...imports);
    }
  };
}

/** Sets a display formula's TeX, in the node and in the hast that remark-math prepared. */
function setMath(math: MathNode, value: string): void {
  math.value = value;
  const code = math.data?.hChildren?.[0];
  const text = code?.children?.[0];
  if (text && text.type === 'text') text.value = value;
}
