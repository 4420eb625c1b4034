/**
 * The book's bibliography (content/references.bib), formatted by citation-js with
 * the APA CSL style that ships inside @citation-js/plugin-csl (nothing is fetched).
 *
 * In-text citations are author–year ("Lin et al., 2014"); reference lists are APA
 * entries in alphabetical order. Citations and the list of one page are formatted by
 * one CSL engine over the same set of works, so year suffixes ("2016a") agree.
 */
import { readFileSync, statSync } from 'node:fs';
import { Cite, type CslItem } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

export const CITATION_STYLE = 'apa';

/** One cited work in a citation, e.g. `[@lin2014nin, p. 3]` or `[-@lin2014nin]`. */
export interface CiteItem {
  key: string;
  /** `3` in "p. 3". */
  locator?: string;
  /** CSL locator label: page, section, chapter, figure, table, equation. */
  label?: string;
  /** `-@key`: the year only ("Lin et al. (2014)" written as "Lin et al. [-@lin2014nin]"). */
  suppressAuthor?: boolean;
}

/** A formatted reference-list entry. */
export interface FormattedEntry {
  key: string;
  /** APA entry as HTML (italics as <i>). */
  html: string;
  /** The same as plain text (tooltips). */
  text: string;
}

const LOCATOR_LABELS: [RegExp, string][] = [
  [/^(?:pp?\.|pages?)\s*/i, 'page'],
  [/^(?:§|sec(?:t)?\.|sections?)\s*/i, 'section'],
  [/^(?:ch(?:ap)?\.|chapters?)\s*/i, 'chapter'],
  [/^(?:fig(?:s)?\.|figures?)\s*/i, 'figure'],
  [/^(?:tab\.|tables?)\s*/i, 'table'],
  [/^(?:eqs?\.|equations?)\s*/i, 'equation'],
];

/** "p. 3" → { locator: '3', label: 'page' }; a bare "3" is a page. */
export function parseLocator(text: string): { locator: string; label: string } {
  const trimmed = text.trim();
  for (const [pattern, label] of LOCATOR_LABELS) {
    if (pattern.test(trimmed)) return { locator: trimmed.replace(pattern, '').trim(), label };
  }
  return { locator: trimmed, label: 'page' };
}

/** A citation key as allowed in the frontmatter's `references` list. */
const KEY_PATTERN = /^[a-z][a-z0-9_:-]*$/;

/**
 * Parses the inside of `[…]` as a citation: `@a`, `@a; @b`, `@a, p. 3`, `-@a`.
 * Returns undefined when the text is not a citation at all.
 */
export function parseCitation(inner: string): CiteItem[] | undefined {
  const parts = inner.split(';').map((p) => p.trim());
  if (parts.length === 0 || !parts.every((p) => /^-?@/.test(p))) return undefined;
  return parts.map((part) => {
    const match = /^(-?)@([^\s,;\]]+)\s*(?:,\s*(.*))?$/.exec(part);
    if (!match) return { key: part.replace(/^-?@/, '') };
    const item: CiteItem = { key: match[2] ?? '' };
    if (match[1]) item.suppressAuthor = true;
    if (match[3]?.trim()) Object.assign(item, parseLocator(match[3]));
    return item;
  });
}

/** Finds `[@…]` citations in a string: the matched text, its offset and items. */
export function findCitations(text: string): { start: number; end: number; items: CiteItem[] }[] {
  const found: { start: number; end: number; items: CiteItem[] }[] = [];
  for (const match of text.matchAll(/\[(-?@[^[\]]+)\]/g)) {
    const items = parseCitation(match[1] ?? '');
    if (items) found.push({ start: match.index, end: match.index + match[0].length, items });
  }
  return found;
}

export class Bibliography {
  readonly items: Map<string, CslItem>;
  private engines = new Map<string, Cite>();

  constructor(items: CslItem[]) {
    this.items = new Map();
    for (const item of items) {
      const key = String(item['citation-key'] ?? item.id);
      if (!KEY_PATTERN.test(key)) throw new Error(`bibliography key "${key}" must match ${KEY_PATTERN} (lowercase, like lin2014nin)`);
      if (this.items.has(key)) throw new Error(`bibliography key "${key}" appears twice`);
      this.items.set(key, { ...item, id: key });
    }
  }

  /** Parses BibTeX/BibLaTeX text. */
  static fromBibtex(text: string): Bibliography {
    const data = new Cite(text, { forceType: '@biblatex/text' }).data.map(({ _graph: _ignored, ...item }) => item as CslItem);
    return new Bibliography(data);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  get keys(): string[] {
    return [...this.items.keys()];
  }

  /** A CSL engine over exactly these works (cached by key set). */
  private engine(keys: string[]): Cite {
    const scope = [...new Set(keys)].sort();
    const id = scope.join(' ');
    let cite = this.engines.get(id);
    if (!cite) {
      cite = new Cite(
        scope.map((k) => {
          const item = this.items.get(k);
          if (!item) throw new Error(`unknown bibliography key "${k}"`);
          return item;
        }),
      );
      this.engines.set(id, cite);
    }
    return cite;
  }

  /**
   * One work cited in the author–year style, without the parentheses:
   * "Lin et al., 2014", "Lin et al., 2014, p. 3", or "2014" with suppressAuthor.
   * `scope` is every key cited on the page (for consistent disambiguation).
   */
  citation(item: CiteItem, scope: string[]): string {
    const entry: Record<string, unknown> = { id: item.key };
    if (item.locator) {
      entry.locator = item.locator;
      entry.label = item.label ?? 'page';
    }
    if (item.suppressAuthor) entry['suppress-author'] = true;
    const text = String(this.engine(scope).format('citation', { template: CITATION_STYLE, lang: 'en-US', entry: [entry] })).trim();
    return text.replace(/^\(/, '').replace(/\)$/, '');
  }

  /** The reference list of these works, in the style's order (alphabetical for APA). */
  entries(keys: string[]): FormattedEntry[] {
    const cite = this.engine(keys);
    const wanted = new Set(keys);
    const options = { template: CITATION_STYLE, lang: 'en-US', asEntryArray: true };
    const html = cite.format('bibliography', { ...options, format: 'html' }) as [string, string][];
    const text = new Map(cite.format('bibliography', { ...options, format: 'text' }) as [string, string][]);
    return html
      .filter(([key]) => wanted.has(key))
      .map(([key, entryHtml]) => ({
        key,
        html: entryHtml
          .trim()
          .replace(/^<div[^>]*>/, '')
          .replace(/<\/div>$/, ''),
        text: (text.get(key) ?? '').trim(),
      }));
  }
}

const loaded = new Map<string, { stamp: string; bibliography: Bibliography }>();

/** Loads and parses a .bib file (again only when it changed). Errors name the file. */
export function loadBibliography(path: string): Bibliography {
  const { mtimeMs, size } = statSync(path);
  const stamp = `${mtimeMs}:${size}`;
  const cached = loaded.get(path);
  if (cached?.stamp === stamp) return cached.bibliography;
  let bibliography: Bibliography;
  try {
    bibliography = Bibliography.fromBibtex(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  loaded.set(path, { stamp, bibliography });
  return bibliography;
}
