/** CITATION.cff: valid CFF 1.2.0 (the keys and types the schema allows) and in step with package.json. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import pkg from '../../../package.json';
import { book } from '../../../src/book';

const cff = parse(readFileSync('CITATION.cff', 'utf8')) as Record<string, unknown>;

/** Top-level keys of the CFF 1.2.0 schema. */
const CFF_KEYS = [
  'abstract',
  'authors',
  'cff-version',
  'commit',
  'contact',
  'date-released',
  'doi',
  'identifiers',
  'keywords',
  'license',
  'license-url',
  'message',
  'preferred-citation',
  'references',
  'repository',
  'repository-artifact',
  'repository-code',
  'title',
  'type',
  'url',
  'version',
];

describe('CITATION.cff', () => {
  it('has the required keys of CFF 1.2.0 and no others', () => {
    expect(cff['cff-version']).toBe('1.2.0');
    for (const key of ['message', 'title', 'authors']) expect(cff[key], key).toBeTruthy();
    expect(Object.keys(cff).filter((k) => !CFF_KEYS.includes(k))).toEqual([]);
    expect(['software', 'dataset']).toContain(cff.type);
  });

  it('has well-formed values', () => {
    expect(String(cff['date-released'])).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(cff.license).toEqual(['MIT', 'CC-BY-SA-4.0']);
    for (const author of cff.authors as Record<string, unknown>[]) expect(author.name ?? author['family-names']).toBeTruthy();
    const preferred = cff['preferred-citation'] as Record<string, unknown>;
    expect(preferred).toMatchObject({ type: 'book', title: cff.title });
    expect(Number.isInteger(preferred.year)).toBe(true);
  });

  it('matches package.json and the book', () => {
    expect(String(cff.version)).toBe(pkg.version);
    expect(String((cff['preferred-citation'] as Record<string, unknown>).version)).toBe(pkg.version);
    expect(cff.title).toBe(`${book.title}: ${book.subtitle}`);
    expect((cff.authors as { name: string }[]).map((a) => a.name)).toEqual(book.authors.map((a) => a.family));
  });
});
