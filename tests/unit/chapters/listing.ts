/** Reading a chapter's code blocks in its MDX source, for the chapters' unit tests. */

/**
 * The code of the fenced block titled `title` (```python title="model.py"), without
 * its fences and without a final newline; throws when the chapter has no such block.
 */
export function listingIn(mdx: string, title: string, chapter: string): string {
  const open = new RegExp('^```\\w*[^\\n]*\\btitle="' + title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '"[^\\n]*\\n', 'm').exec(mdx);
  if (!open) throw new Error(`no listing titled ${title} in ${chapter}`);
  const body = mdx.slice(open.index + open[0].length);
  const close = body.search(/^```/m);
  if (close < 0) throw new Error(`the listing titled ${title} in ${chapter} is not closed`);
  return body.slice(0, close).replace(/\n$/, '');
}
