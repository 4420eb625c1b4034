/**
 * Editing built pages by their syntax tree (src/plugins/html-source.mjs) and the two build
 * steps that do it: the CSP hashes (security-headers.mjs) and the hoisted stylesheets
 * (hoist-stylesheets.mjs; its own tests are in hoist-stylesheets.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, attributeRange, closingTagStart, eachElement, parsePage, sourceRange } from '../../../src/plugins/html-source.mjs';
import { completePolicy, policyFacts, sha256Source } from '../../../src/plugins/security-headers.mjs';
import { hoistStylesheets } from '../../../src/plugins/hoist-stylesheets.mjs';

const META = `<meta http-equiv="content-security-policy" content="script-src 'self'; style-src &#39;self&#39;">`;

describe('html-source', () => {
  it('finds elements, tags and attributes where they are in the source, template contents included', () => {
    const html = `<!doctype html><html><head>${META}</head><body><template><style>.t{}</style></template></body></html>`;
    const seen: string[] = [];
    eachElement(parsePage(html), (element, ancestors) => {
      const range = sourceRange(element);
      if (element.tagName === 'style') seen.push(`${ancestors.map((a) => a.tagName).join('>')} ${html.slice(range!.start, range!.end)}`);
      if (element.tagName === 'head') seen.push(html.slice(closingTagStart(element)!));
      if (element.tagName === 'meta') {
        const at = attributeRange(element, 'content')!;
        seen.push(html.slice(at.start, at.end));
      }
    });
    expect(seen).toEqual([
      '</head><body><template><style>.t{}</style></template></body></html>',
      `content="script-src 'self'; style-src &#39;self&#39;"`,
      'html>body>template <style>.t{}</style>',
    ]);
  });

  it('applies edits to the original text and leaves every other byte alone', () => {
    const html = '<P CLASS=x>a<BR>b</P>';
    expect(applyEdits(html, [])).toBe(html);
    expect(
      applyEdits(html, [
        { start: 12, end: 16, text: '' },
        { start: 0, end: 0, text: '<!-- -->' },
        { start: 21, end: 21, text: '!' },
      ]),
    ).toBe('<!-- --><P CLASS=x>ab</P>!');
    expect(() =>
      applyEdits(html, [
        { start: 0, end: 5, text: '' },
        { start: 3, end: 4, text: '' },
      ]),
    ).toThrow('overlapping');
  });
});

describe('security-headers: what a page policy depends on', () => {
  it('reads the policy as the parser decodes it, and the inline scripts and styles that need a hash', () => {
    const html =
      `<html><head>${META}<script>a()</script><script type="application/ld+json">{}</script><script src="/x.js"></script>` +
      `<style>.a{}</style></head><body><script type="module">b()</script><p>"<script>not code</script>" as text: &lt;script&gt;</p>` +
      `<svg><style>.c{}</style></svg></body></html>`;
    const facts = policyFacts(html);
    expect(facts.meta?.policy).toBe("script-src 'self'; style-src 'self'");
    expect(facts.scripts).toEqual(['a()', 'b()', 'not code']);
    expect(facts.styles).toEqual(['.a{}', '.c{}']);
    expect(completePolicy(facts.meta!.policy, facts)).toBe(
      `script-src 'self' ${['a()', 'b()', 'not code'].map(sha256Source).join(' ')}; style-src 'self' ${sha256Source('.a{}')} ${sha256Source('.c{}')}`,
    );
    expect(policyFacts('<p>no policy</p>').meta).toBeNull();
  });
});

describe('hoist-stylesheets reads tags, not text that looks like them', () => {
  it('leaves a stylesheet link written inside a script or a code sample where it is', () => {
    const ec = '<link rel="stylesheet" href="/_astro/ec.abc12.css"/>';
    const html =
      `<html><head><script>const s = '${ec}';</script></head>` +
      `<body><pre><code>&lt;link rel="stylesheet" href="/_astro/ec.abc12.css"/&gt;</code></pre><div>${ec}<pre>x</pre></div></body></html>`;
    const out = hoistStylesheets(html);
    expect(out).toBe(
      `<html><head><script>const s = '${ec}';</script>${ec}</head>` +
        `<body><pre><code>&lt;link rel="stylesheet" href="/_astro/ec.abc12.css"/&gt;</code></pre><div><pre>x</pre></div></body></html>`,
    );
  });
});
