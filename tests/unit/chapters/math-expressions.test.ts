/**
 * Two ways computed numbers can go wrong in MDX, checked over the whole book.
 *
 * Computed numbers never sit inside TeX. MDX does not evaluate `{expression}` inside
 * `$…$` (remark-math takes the math verbatim), so `$b = {nb}$` would print the letters
 * "nb" in the typeset formula instead of the number the library computed. Numbers go
 * outside the math: `$b$ = {nb}`.
 *
 * And no paragraph is cut by its own number: a line that holds nothing but an
 * `{expression}` is a block in MDX, so inside a paragraph it ends the paragraph there
 * ("…the first convolution outputs" / "4096×8×8" / "and the…").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

const contentDir = new URL('../../../content/', import.meta.url).pathname;

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? mdxFiles(join(dir, e.name)) : e.name.endsWith('.mdx') ? [join(dir, e.name)] : [],
  );
}

/** The names a page's JSX expressions can use: its exports and imports. */
export function scriptNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const [, name] of source.matchAll(/^export\s+(?:const|let|function)\s+(\w+)/gm)) names.add(name!);
  for (const [, list] of source.matchAll(/^export\s+const\s+\{([^}]*)\}/gm))
    for (const part of list!.split(',')) names.add(part.split(':').pop()!.trim());
  for (const [, list, single] of source.matchAll(/^import\s+(?:\{([^}]*)\}|(\w+))/gm)) {
    if (single) names.add(single);
    for (const part of (list ?? '').split(',')) names.add(part.split(/\s+as\s+/).pop()!.trim());
  }
  names.delete('');
  return names;
}

/**
 * The `{…}` groups of a TeX string that read as a JSX expression over one of `names`:
 * a brace not opened by a TeX command or a sub/superscript (`\text{`, `_{`, `^{`),
 * holding a name of two or more letters followed by `.`, `[`, `(` or the closing brace.
 */
export function expressionsInTex(tex: string, names: Set<string>): string[] {
  const found: string[] = [];
  for (const match of tex.matchAll(/(^|[^A-Za-z_^\\])\{\s*([A-Za-z_]\w+)\s*([.[(}])/g)) {
    if (names.has(match[2]!)) found.push(match[0].slice(match[1]!.length));
  }
  return found;
}

describe('computed numbers stay outside the math', () => {
  it('finds an expression in TeX and leaves TeX groups alone (the check itself)', () => {
    const names = new Set(['nb', 'nx', 'softmax']);
    expect(expressionsInTex("x = ({nx.join(', ')}), b = {nb}", names)).toEqual(['{nx.', '{nb}']);
    expect(expressionsInTex('\\operatorname{softmax}(z)_j = e^{nb} + w_{nb}', names)).toEqual([]);
  });

  const files = mdxFiles(contentDir);
  it('reads the book', () => expect(files.length).toBeGreaterThan(8));

  for (const file of files) {
    it(file.slice(contentDir.length), () => {
      const source = readFileSync(file, 'utf8');
      const names = scriptNames(source);
      const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source);
      const found: string[] = [];
      visit(tree, (node) => {
        if (node.type !== 'math' && node.type !== 'inlineMath') return;
        const value = (node as { value: string }).value;
        for (const expression of expressionsInTex(value, names)) found.push(`line ${node.position?.start.line}: ${expression} in $${value}$`);
      });
      expect(found).toEqual([]);
    });
  }
});

describe('computed numbers stay inside their paragraph', () => {
  /** Lines (1-based) of block-level expressions written straight after a paragraph line. */
  function cutParagraphs(source: string): number[] {
    const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source);
    const lines: number[] = [];
    visit(tree, (node, index, parent) => {
      if (node.type !== 'mdxFlowExpression' || index === undefined || !parent) return;
      const before = parent.children[index - 1];
      // A paragraph of prose (not a run of inline JSX such as a table row's cells).
      const prose = before?.type === 'paragraph' && before.children.some((c) => c.type === 'text' && /\p{L}/u.test(c.value));
      if (prose && node.position && before.position && node.position.start.line === before.position.end.line + 1) {
        lines.push(node.position.start.line);
      }
    });
    return lines;
  }

  it('finds an expression on a line of its own inside a paragraph (the check itself)', () => {
    expect(cutParagraphs('export const n = 3;\n\nThe layer outputs\n{n}\nmaps.\n')).toEqual([4]);
    expect(cutParagraphs('export const n = 3;\n\nThe layer outputs\n{n} maps.\n')).toEqual([]);
  });

  for (const file of mdxFiles(contentDir)) {
    it(file.slice(contentDir.length), () => {
      expect(cutParagraphs(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
