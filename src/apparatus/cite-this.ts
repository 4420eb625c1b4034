/**
 * "Cite this": the book and each chapter as CSL-JSON, BibTeX and APA, with the
 * version (package.json, through src/book.ts), the date and the URL.
 *
 * CSL-JSON is the source; APA is formatted from it by citation-js; BibTeX is written
 * here (citation-js's own BibTeX output mangles corporate authors and dates) and
 * the unit tests check that it parses back, through citation-js, to the same work.
 */
import { Cite, type CslItem, type CslName } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { CITATION_STYLE } from './bibliography';

export interface BookFacts {
  title: string;
  subtitle: string;
  version: string;
  authors: readonly { family: string; given: string }[];
  year: number;
  license: string;
}

export interface ChapterFacts {
  title: string;
  /** 0 for the preface. */
  chapter: number;
  /** URL slug: `how-to-use`. */
  slug: string;
}

export interface CitationFormats {
  apa: string;
  apaHtml: string;
  bibtex: string;
  cslJson: string;
}

export function fullTitle(book: BookFacts): string {
  return `${book.title}: ${book.subtitle}`;
}

function cslAuthors(book: BookFacts): CslName[] {
  return book.authors.map((a) => (a.given ? { family: a.family, given: a.given } : { literal: a.family }));
}

function dateParts(date: Date): number[] {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** ISO date `YYYY-MM-DD` (UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function bookKey(book: BookFacts): string {
  return `${book.title.toLowerCase().replace(/[^a-z0-9]+/g, '')}${book.year}`;
}

/** The whole book as CSL-JSON. */
export function bookCsl(book: BookFacts, url: string, date: Date): CslItem {
  return {
    id: bookKey(book),
    type: 'book',
    title: fullTitle(book),
    author: cslAuthors(book),
    issued: { 'date-parts': [dateParts(date)] },
    version: book.version,
    URL: url,
    license: book.license,
  };
}

/** One chapter as CSL-JSON. */
export function chapterCsl(book: BookFacts, chapter: ChapterFacts, url: string, date: Date): CslItem {
  const item: CslItem = {
    id: `${bookKey(book)}-${chapter.slug}`,
    type: 'chapter',
    title: chapter.title,
    'container-title': fullTitle(book),
    author: cslAuthors(book),
    issued: { 'date-parts': [dateParts(date)] },
    version: book.version,
    URL: url,
    license: book.license,
  };
  if (chapter.chapter > 0) item['chapter-number'] = String(chapter.chapter);
  return item;
}

/** Escapes BibTeX's special characters in a field value. */
export function bibtexEscape(value: string): string {
  return value
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([&%$#_])/g, '\\$1')
    .replace(/[{}]/g, '\\$&');
}

function bibtexNames(names: CslName[] | undefined): string {
  return (names ?? [])
    .map((n) => (n.literal ? `{${bibtexEscape(n.literal)}}` : `${bibtexEscape(n.family ?? '')}, ${bibtexEscape(n.given ?? '')}`))
    .join(' and ');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * BibTeX for the book (`@book`) or a chapter (`@incollection`, which classic BibTeX
 * and BibLaTeX both read as a titled part of a book). `protect` is a phrase whose
 * capitals BibTeX styles must keep (the book's name).
 */
export function toBibtex(item: CslItem, protect?: string): string {
  const [year, month, day] = item.issued?.['date-parts'][0] ?? [];
  const title = (text: string): string => {
    const escaped = bibtexEscape(text);
    return protect ? escaped.replace(bibtexEscape(protect), `{${bibtexEscape(protect)}}`) : escaped;
  };
  const fields: [string, string][] = [];
  const isChapter = item.type === 'chapter';
  fields.push(['title', `{${title(String(item.title ?? ''))}}`]);
  if (isChapter) fields.push(['booktitle', `{${title(String(item['container-title'] ?? ''))}}`]);
  if (isChapter && item['chapter-number']) fields.push(['chapter', `{${String(item['chapter-number'])}}`]);
  fields.push(['author', `{${bibtexNames(item.author)}}`]);
  if (year) fields.push(['year', `{${year}}`]);
  if (month) fields.push(['month', MONTHS[month - 1] ?? String(month)]);
  if (year && month && day) fields.push(['date', `{${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}}`]);
  if (item.version) fields.push(['note', `{Version ${bibtexEscape(String(item.version))}}`]);
  if (item.URL) fields.push(['url', `{${item.URL}}`]);
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join(',\n');
  return `@${isChapter ? 'incollection' : 'book'}{${item.id},\n${body}\n}`;
}

/**
 * APA (7th edition, through the CSL style): the CSL style prints a `book` that has a
 * `version` as software, so for the book the version goes in as an edition.
 */
function apaInput(item: CslItem): CslItem {
  if (item.type !== 'book' || !item.version) return item;
  const { version, ...rest } = item;
  return { ...rest, edition: `Version ${String(version)}` };
}

function toApa(item: CslItem, format: 'text' | 'html' = 'text'): string {
  const out = String(new Cite(apaInput(item)).format('bibliography', { template: CITATION_STYLE, lang: 'en-US', format })).trim();
  return format === 'html' ? out.replace(/^<div class="csl-bib-body">\s*<div[^>]*>/, '').replace(/<\/div>\s*<\/div>$/, '') : out;
}

export function citationFormats(item: CslItem, book: BookFacts): CitationFormats {
  return {
    apa: toApa(item, 'text'),
    apaHtml: toApa(item, 'html'),
    bibtex: toBibtex(item, book.title),
    cslJson: compactJson([item]),
  };
}

/** Pretty JSON with arrays of numbers (dates) kept on one line. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[[\s\d,[\]]*\]/g, (match) =>
    /^[\s\d,[\]]+$/.test(match) ? match.replace(/\s+/g, '').replace(/,/g, ', ') : match,
  );
}

/** The latest of some dates (the book's date is that of its most recently reviewed chapter). */
export function latestDate(dates: (Date | undefined)[]): Date {
  const valid = dates.filter((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()));
  return valid.length ? new Date(Math.max(...valid.map((d) => d.getTime()))) : new Date(Date.UTC(1970, 0, 1));
}
