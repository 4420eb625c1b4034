/**
 * Citation metadata for a page's <head>: Highwire Press `citation_*` tags (read by
 * Google Scholar, Zotero and other reference managers) and schema.org JSON-LD
 * (Book for the title page, Chapter with isPartOf for chapters, WebPage otherwise).
 */
import { fullTitle, isoDate, type BookFacts } from './cite-this';

type PageKind = 'book' | 'chapter' | 'page';

export interface PageFacts {
  kind: PageKind;
  title: string;
  description?: string;
  /** Absolute URL of the page. */
  url: string;
  /** Absolute URL of the book (title page). */
  bookUrl: string;
  date: Date;
  /** Chapter number (chapters only). */
  chapter?: number;
  /** Chapters of the book (title page only), for schema.org `hasPart`. */
  parts?: { title: string; url: string; chapter: number }[];
}

const LICENSE_URLS: Record<string, string> = {
  'CC BY-SA 4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
};

/** Highwire dates are YYYY/MM/DD. */
function highwireDate(date: Date): string {
  return isoDate(date).replaceAll('-', '/');
}

export function highwireMeta(book: BookFacts, page: PageFacts): { name: string; content: string }[] {
  const meta: { name: string; content: string }[] = [];
  const add = (name: string, content: string): void => {
    meta.push({ name, content });
  };
  add('citation_title', page.kind === 'book' ? fullTitle(book) : page.title);
  for (const author of book.authors) add('citation_author', author.given ? `${author.family}, ${author.given}` : author.family);
  add('citation_publication_date', highwireDate(page.date));
  if (page.kind !== 'book') {
    add('citation_book_title', fullTitle(book));
    add('citation_inbook_title', fullTitle(book));
  }
  add('citation_public_url', page.url);
  add('citation_language', 'en');
  return meta;
}

function authors(book: BookFacts): object[] {
  return book.authors.map((a) =>
    a.given
      ? { '@type': 'Person', familyName: a.family, givenName: a.given, name: `${a.given} ${a.family}` }
      : { '@type': 'Organization', name: a.family },
  );
}

export function jsonLd(book: BookFacts, page: PageFacts): object {
  const license = LICENSE_URLS[book.license] ?? book.license;
  const theBook = {
    '@type': 'Book',
    name: book.title,
    alternativeHeadline: book.subtitle,
    url: page.bookUrl,
    version: book.version,
    bookEdition: `Version ${book.version}`,
    author: authors(book),
    license,
    inLanguage: 'en',
  };
  const date = isoDate(page.date);
  if (page.kind === 'book') {
    const data: Record<string, unknown> = {
      '@context': 'https://schema.org',
      ...theBook,
      datePublished: date,
    };
    if (page.description) data.description = page.description;
    if (page.parts?.length) {
      data.hasPart = page.parts.map((p) => ({ '@type': 'Chapter', name: p.title, position: p.chapter, url: p.url }));
    }
    return data;
  }
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': page.kind === 'chapter' ? 'Chapter' : 'WebPage',
    name: page.title,
    url: page.url,
    author: authors(book),
    datePublished: date,
    license,
    inLanguage: 'en',
    isPartOf: theBook,
  };
  if (page.kind === 'chapter' && page.chapter !== undefined) data.position = page.chapter;
  if (page.description) data.description = page.description;
  return data;
}

/** JSON for a <script type="application/ld+json"> element: `<` escaped so no `</script>` can occur. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
