import { describe, expect, it } from 'vitest';
import { hoistStylesheets } from '../../../src/plugins/hoist-stylesheets.mjs';

const EC_CSS = '<link rel="stylesheet" href="/_astro/ec.w36nc.css"/>';
const EC_JS = '<script type="module" src="/_astro/ec.0vx5m.js"></script>';
const BOOK_CSS = '<link rel="stylesheet" href="/_astro/book.css">';
const LISTING_CSS = '<link rel="stylesheet" href="/_astro/Listing.css">';

/** A page as Astro writes it: head stylesheets, then code blocks that each link Expressive Code's assets. */
function page(head: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}
const codeBlock = (text: string): string => `<div class="expressive-code">${EC_CSS}${EC_JS}<pre>${text}</pre></div>`;

describe('hoistStylesheets', () => {
  it("moves Expressive Code's stylesheet and script from every code block to the end of the head, once each", () => {
    const out = hoistStylesheets(page(BOOK_CSS, `<p>a</p>${codeBlock('one')}<p>b</p>${codeBlock('two')}`));
    const [head, body] = out.split('</head>') as [string, string];
    expect(head.endsWith(`${BOOK_CSS}${EC_CSS}${EC_JS}`)).toBe(true);
    expect(head.split(EC_CSS)).toHaveLength(2);
    expect(head.split(EC_JS)).toHaveLength(2);
    expect(body).not.toContain('ec.w36nc.css');
    expect(body).not.toContain('ec.0vx5m.js');
    expect(body).toContain('<div class="expressive-code"><pre>one</pre></div><p>b</p><div class="expressive-code"><pre>two</pre></div>');
  });

  it('keeps the last copy of a repeated stylesheet link and leaves the others in order', () => {
    const out = hoistStylesheets(
      page(`${LISTING_CSS}${BOOK_CSS}${LISTING_CSS}<link rel="stylesheet" href="/_astro/print.css">`, '<p>x</p>'),
    );
    expect(out).toContain(`<head><meta charset="utf-8">${BOOK_CSS}${LISTING_CSS}<link rel="stylesheet" href="/_astro/print.css"></head>`);
  });

  it('keeps a link to the same stylesheet for another medium', () => {
    const print = '<link rel="stylesheet" href="/_astro/book.css" media="print">';
    const html = page(`${BOOK_CSS}${print}`, '<p>x</p>');
    expect(hoistStylesheets(html)).toBe(html);
  });

  it('keeps the last copy of a repeated <style> in the head and every distinct one', () => {
    const a = '<style>.a{color:red}</style>';
    const b = '<style>.b{color:blue}</style>';
    const out = hoistStylesheets(page(`${a}${b}${a}`, `<svg>${a}</svg>`));
    expect(out).toContain(`<head><meta charset="utf-8">${b}${a}</head>`);
    // <style> elements in the body (an SVG's own) are left alone.
    expect(out).toContain(`<svg>${a}</svg>`);
  });

  it('leaves a page without code blocks or repeats, or without a head, as it is, and is idempotent', () => {
    const plain = page(BOOK_CSS, '<p>no code</p>');
    expect(hoistStylesheets(plain)).toBe(plain);
    const fragment = `<p>${EC_CSS}</p>`;
    expect(hoistStylesheets(fragment)).toBe(fragment);
    const once = hoistStylesheets(page(BOOK_CSS, codeBlock('x')));
    expect(hoistStylesheets(once)).toBe(once);
  });

  it('finds the assets under a base path', () => {
    const css = '<link rel="stylesheet" href="/fully-connected/_astro/ec.abc12.css"/>';
    const out = hoistStylesheets(page('', `<div>${css}<pre>x</pre></div>`));
    expect(out).toContain(`${css}</head>`);
    expect(out).toContain('<div><pre>x</pre></div>');
  });
});
