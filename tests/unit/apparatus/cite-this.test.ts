/** "Cite this": CSL-JSON, BibTeX and APA for a chapter and for the book; BibTeX round-trips through citation-js. */
import { describe, expect, it } from 'vitest';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { book } from '../../../src/book';
import { bibtexEscape, bookCsl, chapterCsl, citationFormats, compactJson, latestDate, toBibtex } from '../../../src/apparatus/cite-this';
import pkg from '../../../package.json';

const date = new Date(Date.UTC(2026, 10, 28));
const chapter = chapterCsl(
  book,
  { title: 'The fully connected layer', chapter: 4, slug: 'dense' },
  'https://book.example/chapters/dense/',
  date,
);
const whole = bookCsl(book, 'https://book.example/', date);

/** Parses BibTeX back with citation-js. */
function parse(bibtex: string): Record<string, unknown> {
  const data = new Cite(bibtex, { forceType: '@biblatex/text' }).data;
  expect(data).toHaveLength(1);
  return data[0] as Record<string, unknown>;
}

describe('cite this chapter / this book', () => {
  it('carries the version from package.json, the date and the URL', () => {
    expect(chapter).toMatchObject({
      type: 'chapter',
      version: pkg.version,
      URL: 'https://book.example/chapters/dense/',
      'chapter-number': '4',
      issued: { 'date-parts': [[2026, 11, 28]] },
    });
    expect(whole).toMatchObject({ type: 'book', version: pkg.version, URL: 'https://book.example/' });
    expect(
      chapterCsl(book, { title: 'How to use this book', chapter: 0, slug: 'how-to-use' }, 'u', date)['chapter-number'],
    ).toBeUndefined();
  });

  it('writes BibTeX that parses back, through citation-js, to the same chapter', () => {
    const bibtex = toBibtex(chapter, book.title);
    expect(bibtex).toMatch(/^@incollection\{fullyconnected2026-dense,\n/);
    const back = parse(bibtex);
    expect(back).toMatchObject({
      type: 'chapter',
      title: 'The fully connected layer',
      'container-title': `${book.title}: ${book.subtitle}`,
      'chapter-number': '4',
      URL: 'https://book.example/chapters/dense/',
      issued: { 'date-parts': [[2026, 11, 28]] },
      note: `Version ${pkg.version}`,
    });
    expect(back.author).toEqual([{ family: 'Fully Connected contributors' }]);
  });

  it('writes BibTeX that parses back to the same book', () => {
    const back = parse(toBibtex(whole, book.title));
    expect(back).toMatchObject({
      type: 'book',
      title: `${book.title}: ${book.subtitle}`,
      URL: 'https://book.example/',
      note: `Version ${pkg.version}`,
      issued: { 'date-parts': [[2026, 11, 28]] },
    });
  });

  it('formats APA with the version, and CSL-JSON that parses', () => {
    const formats = citationFormats(chapter, book);
    expect(formats.apa).toBe(
      `Fully Connected contributors. (2026). The fully connected layer. In ${book.title}: ${book.subtitle} (Version ${pkg.version}, Chapter 4). https://book.example/chapters/dense/`,
    );
    expect(citationFormats(whole, book).apa).toBe(
      `Fully Connected contributors. (2026). ${book.title}: ${book.subtitle} (Version ${pkg.version}). https://book.example/`,
    );
    expect(formats.apaHtml).toContain(`<i>${book.title}: ${book.subtitle}</i>`);
    expect(JSON.parse(formats.cslJson)).toEqual([chapter]);
    expect(formats.cslJson).toContain('"date-parts": [[2026, 11, 28]]');
    expect(new Cite(JSON.parse(formats.cslJson)).data[0]).toMatchObject({ title: 'The fully connected layer', version: pkg.version });
  });

  it('escapes BibTeX specials and keeps small JSON arrays on one line', () => {
    expect(bibtexEscape('50% of A & B_1 {x}')).toBe('50\\% of A \\& B\\_1 \\{x\\}');
    expect(compactJson({ a: [1, 2], b: [{ c: 1 }] })).toBe('{\n  "a": [1, 2],\n  "b": [\n    {\n      "c": 1\n    }\n  ]\n}');
  });

  it('dates the book by its most recently reviewed chapter', () => {
    expect(
      latestDate([new Date('2026-01-01'), undefined, new Date('2026-11-28')])
        .toISOString()
        .slice(0, 10),
    ).toBe('2026-11-28');
  });
});
