/** The book index: numbering across chapter files, and the real chapters. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, indexChapterSource, loadBookIndex } from '../../../src/apparatus/book-index';
import { chapterSlugOf } from '../../../src/apparatus/content-paths';
import { numberTree } from '../../../src/apparatus/numbering';
import { parseMdx } from '../../../src/apparatus/book-index';
import { FIXTURES } from './render';

describe('book index', () => {
  it('numbers every labelled thing of every chapter', () => {
    const index = loadBookIndex(join(FIXTURES, 'chapters'));
    expect(index.chapters.map((c) => [c.slug, c.chapter])).toEqual([
      ['alpha', 1],
      ['beta', 2],
    ]);
    const number = (label: string) => index.labels.get(label)?.label.number;
    expect(number('eq:alpha-one')).toBe('1.1');
    expect(number('fig:alpha-figure')).toBe('1.1');
    expect(number('ex:alpha-ex')).toBe('1.1');
    expect(number('eq:beta-one')).toBe('2.1');
    expect(number('tab:beta-table')).toBe('2.1');
    const alpha = index.bySlug.get('alpha');
    expect(alpha?.sections.map((s) => [s.slug, s.number])).toEqual([
      ['first-section', '1.1'],
      ['a-subsection', '1.1.1'],
      ['second-section', '1.2'],
    ]);
    expect(index.bySlug.get('beta')?.exercises).toEqual([{ id: 'exercise-2-1', number: '2.1', title: 'Unlabelled', difficulty: 3 }]);
  });

  it('counts equations like the page does: \\notag formulas get no number', () => {
    const tree = parseMdx('$$\na\n$$\n\n$$\nb \\notag\n$$\n\n$$\nc\n\\label{eq:c}\n$$\n');
    expect(numberTree(tree, 3).byLabel.get('eq:c')?.number).toBe('3.2');
  });

  it('fails on a label defined in two chapters, naming both files', () => {
    const a = indexChapterSource('---\nchapter: 1\ntitle: A\n---\n$$\nx \\label{eq:same}\n$$\n', 'a.mdx');
    const b = indexChapterSource('---\nchapter: 2\ntitle: B\n---\n$$\ny \\label{eq:same}\n$$\n', 'b.mdx');
    expect(() => buildIndex([a, b])).toThrow('label "eq:same" is defined twice: in a.mdx and in b.mdx');
  });

  it('names the file and line of an authoring mistake', () => {
    expect(() =>
      indexChapterSource('---\nchapter: 1\n---\n\n<Exercise difficulty={1}>x</Exercise>\n', 'content/chapters/01-x.mdx'),
    ).toThrow(/^content\/chapters\/01-x\.mdx:5: <Exercise> needs a title/);
  });

  it('reads the real chapters', () => {
    const index = loadBookIndex('content/chapters');
    const preface = index.bySlug.get('how-to-use');
    expect(preface?.chapter).toBe(0);
    expect(preface?.labels.map((l) => `${l.label} ${l.number}`)).toEqual(
      expect.arrayContaining(['eq:conv-out 0.1', 'fig:output-size 0.1', 'ex:in-features 0.1']),
    );
    expect(chapterSlugOf('content/chapters/04-dense.mdx')).toBe('dense');
  });
});
