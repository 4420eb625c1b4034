/**
 * Three ways computed numbers can go wrong in MDX, checked over the whole book.
 *
 * Computed numbers never sit inside TeX. MDX does not evaluate `{expression}` inside
 * `$…$` (remark-math takes the math verbatim), so `$b = {nb}$` would print the letters
 * "nb" in the typeset formula instead of the number the library computed. Numbers go
 * outside the math: `$b$ = {nb}`.
 *
 * And no paragraph is cut by its own number: a line that holds nothing but an
 * `{expression}` is a block in MDX, so inside a paragraph it ends the paragraph there
 * ("…the first convolution outputs" / "4096×8×8" / "and the…").
 *
 * And no expression is printed as its own source: MDX does not evaluate `{expression}`
 * inside Markdown backticks, a fenced code block or a quoted attribute
 * (`caption="…{n}…"`), so `` `nn.Linear({n}, 128)` `` shows the reader the letters
 * "{n}". Code with a computed number is written `<code>nn.Linear({n}, 128)</code>`.
 */
import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseMdx } from '../../../src/apparatus/book-index';
import { mdxFiles } from '../../../src/listings/check';

/** Every MDX page of the book with its source and syntax tree, parsed once. */
const pages = mdxFiles('content').map((file) => {
  const source = readFileSync(file, 'utf8');
  return { file, source, tree: parseMdx(source) };
});

/** The names a page's JSX expressions can use: its exports and imports. */
function scriptNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const [, name] of source.matchAll(/^export\s+(?:const|let|function)\s+(\w+)/gm)) names.add(name!);
  for (const [, list] of source.matchAll(/^export\s+const\s+\{([^}]*)\}/gm))
    for (const part of list!.split(',')) names.add(part.split(':').pop()!.trim());
  for (const [, list, single] of source.matchAll(/^import\s+(?:\{([^}]*)\}|(\w+))/gm)) {
    if (single) names.add(single);
    for (const part of (list ?? '').split(','))
      names.add(
        part
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  names.delete('');
  return names;
}

/**
 * The `{…}` groups of a TeX string that read as a JSX expression over one of `names`:
 * a brace not opened by a TeX command or a sub/superscript (`\text{`, `_{`, `^{`),
 * holding a name of two or more letters followed by `.`, `[`, `(` or the closing brace.
 */
function expressionsInTex(tex: string, names: Set<string>): string[] {
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

  it('reads the book', () => expect(pages.length).toBeGreaterThan(8));

  for (const { file, source, tree } of pages) {
    it(file, () => {
      const names = scriptNames(source);
      const found: string[] = [];
      visit(tree, (node) => {
        if (node.type !== 'math' && node.type !== 'inlineMath') return;
        for (const expression of expressionsInTex(node.value, names))
          found.push(`line ${node.position?.start.line}: ${expression} in $${node.value}$`);
      });
      expect(found).toEqual([]);
    });
  }
});

describe('computed numbers stay inside their paragraph', () => {
  /** Lines (1-based) of block-level expressions written straight after a paragraph line. */
  function cutParagraphs(tree: Root): number[] {
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
    expect(cutParagraphs(parseMdx('export const n = 3;\n\nThe layer outputs\n{n}\nmaps.\n'))).toEqual([4]);
    expect(cutParagraphs(parseMdx('export const n = 3;\n\nThe layer outputs\n{n} maps.\n'))).toEqual([]);
  });

  for (const { file, tree } of pages) {
    it(file, () => expect(cutParagraphs(tree)).toEqual([]));
  }
});

/**
 * The `{…}` groups of literal text (code, a quoted attribute) that read as an unevaluated
 * JSX expression over one of `names`: a brace not opened by `${` (a template literal in
 * a listing) and, as the book writes its expressions, not followed by a space (`{ x }`
 * is a listing's object or import), holding, after an optional `(`, a name of the
 * page's script followed by `.`, `[`, `(`, an operator or the closing brace.
 */
function expressionsInLiteral(text: string, names: Set<string>): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(^|[^$\\])\{\(?([A-Za-z_]\w*)\s*([.[(}*+\-/?])/g)) {
    if (names.has(match[2]!)) found.push(match[0].slice(match[1]!.length));
  }
  return found;
}

describe('computed numbers are evaluated, not printed as code', () => {
  it('finds an expression in code or a quoted attribute, and leaves template literals alone (the check itself)', () => {
    const names = new Set(['t4', 'vggC', 'dropP']);
    expect(expressionsInLiteral('nn.Linear({(t4[1] * t4[2])}, 128)', names)).toEqual(['{(t4[']);
    expect(expressionsInLiteral('Linear({vggC}, 1000) and Dropout({dropP})', names)).toEqual(['{vggC}', '{dropP}']);
    expect(expressionsInLiteral("import { vggC } from 'book'; console.log(`${vggC} maps`)", names)).toEqual([]);
    const tree = parseMdx('export const n = 3;\n\nA `Linear({n}, 10)` and <code>Linear({n}, 10)</code>.\n');
    expect(literalExpressions(tree, new Set(['n']))).toEqual(['line 3: {n} in `Linear({n}, 10)`']);
  });

  /** Literal text of a page (inline code, code blocks, text, quoted JSX attributes) showing an expression. */
  function literalExpressions(tree: Root, names: Set<string>): string[] {
    const found: string[] = [];
    visit(tree, (node) => {
      const line = node.position?.start.line;
      const literals: string[] = [];
      if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'text') literals.push(node.value);
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement')
        for (const attribute of node.attributes) if (typeof attribute.value === 'string') literals.push(attribute.value);
      for (const literal of literals)
        for (const expression of expressionsInLiteral(literal, names))
          found.push(
            `line ${line}: ${expression} in ${node.type === 'inlineCode' ? `\`${literal}\`` : JSON.stringify(literal.slice(0, 80))}`,
          );
    });
    return found;
  }

  for (const { file, source, tree } of pages) {
    it(file, () => expect(literalExpressions(tree, scriptNames(source))).toEqual([]));
  }
});
