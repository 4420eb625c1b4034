/** Highwire citation_* tags and schema.org JSON-LD for a page's head. */
import { describe, expect, it } from 'vitest';
import { book } from '../../../src/book';
import { highwireMeta, jsonLd, jsonLdText, type PageFacts } from '../../../src/apparatus/head';

const date = new Date(Date.UTC(2026, 10, 28));
const chapter: PageFacts = {
  kind: 'chapter',
  title: 'Pooling',
  url: 'https://b.example/chapters/pooling/',
  bookUrl: 'https://b.example/',
  date,
  chapter: 2,
};

describe('head metadata', () => {
  it('gives a chapter its title, the book title, author, date and URL', () => {
    const meta = Object.fromEntries(highwireMeta(book, chapter).map((m) => [m.name, m.content]));
    expect(meta).toMatchObject({
      citation_title: 'Pooling',
      citation_book_title: `${book.title}: ${book.subtitle}`,
      citation_author: 'Fully Connected contributors',
      citation_publication_date: '2026/11/28',
      citation_public_url: 'https://b.example/chapters/pooling/',
    });
  });

  it('describes a chapter as a schema.org Chapter that is part of the Book', () => {
    expect(jsonLd(book, chapter)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Chapter',
      name: 'Pooling',
      position: 2,
      datePublished: '2026-11-28',
      isPartOf: { '@type': 'Book', name: book.title, version: book.version, url: 'https://b.example/' },
    });
  });

  it('describes the title page as the Book, with its chapters', () => {
    const page: PageFacts = {
      kind: 'book',
      title: book.title,
      url: 'https://b.example/',
      bookUrl: 'https://b.example/',
      date,
      parts: [{ title: 'Pooling', url: chapter.url, chapter: 2 }],
    };
    expect(jsonLd(book, page)).toMatchObject({ '@type': 'Book', hasPart: [{ '@type': 'Chapter', name: 'Pooling', position: 2 }] });
    expect(highwireMeta(book, page).find((m) => m.name === 'citation_book_title')).toBeUndefined();
  });

  it('cannot end its script element early', () => {
    expect(jsonLdText({ name: '</script><script>alert(1)</script>' })).not.toContain('<');
  });
});
