/** Extraction of runnable listings from MDX. */
import { describe, expect, it } from 'vitest';
import { extractListings } from '../../../src/listings/extract';

const page = (body: string): string => `---\ntitle: T\nreferences: [a]\n---\n\nSome text with $x^{2}$.\n\n${body}\n`;

describe('extractListings', () => {
  it('reads id, language, caption, code, expected output and the line', () => {
    const [listing, ...rest] = extractListings(
      page(
        '<Listing id="lst:a" caption="Cap.">\n\n```ts title="a.ts"\nconst a: number = 1;\nconsole.log(a);\n```\n\n```text output\n1\n```\n\n</Listing>',
      ),
    );
    expect(rest).toHaveLength(0);
    expect(listing).toEqual({
      id: 'lst:a',
      lang: 'ts',
      caption: 'Cap.',
      code: 'const a: number = 1;\nconsole.log(a);',
      expected: '1',
      line: 8,
    });
  });

  it('accepts js and javascript fences and an empty output fence', () => {
    const found = extractListings(
      page(
        '<Listing id="lst:b">\n\n```javascript\nlet b;\n```\n\n```text output\n```\n\n</Listing>\n\n<Listing id="lst:c">\n\n```js\nlet c;\n```\n\n```text output\n\n```\n\n</Listing>',
      ),
    );
    expect(found.map((l) => [l.id, l.lang, l.expected])).toEqual([
      ['lst:b', 'js', ''],
      ['lst:c', 'js', ''],
    ]);
  });

  it('ignores ordinary code fences', () => {
    expect(extractListings(page('```ts\nconst x = 1;\n```'))).toEqual([]);
  });

  it.each([
    ['<Listing caption="x">\n\n```ts\n1\n```\n\n```text output\n```\n\n</Listing>', /needs an id="lst:…".*got none/],
    ['<Listing id="fig:x">\n\n```ts\n1\n```\n\n```text output\n```\n\n</Listing>', /got "fig:x"/],
    ['<Listing id="lst:x">\n\n```text output\n```\n\n</Listing>', /lst:x"> has no code fence/],
    ['<Listing id="lst:x">\n\n```python\n1\n```\n\n```text output\n```\n\n</Listing>', /```python; runnable listings are ts or js/],
    ['<Listing id="lst:x">\n\n```ts\n1\n```\n\n</Listing>', /has no expected output/],
    [
      '<Listing id="lst:x">\n\n```ts\n1\n```\n\n```text output\n```\n\n</Listing>\n\n<Listing id="lst:x">\n\n```ts\n1\n```\n\n```text output\n```\n\n</Listing>',
      /used twice/,
    ],
  ])('rejects a badly written listing: %#', (body, message) => {
    expect(() => extractListings(page(body))).toThrow(message);
  });
});
