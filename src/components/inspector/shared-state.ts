/**
 * Whether the URL carries an inspector state (`state.ts`). On its own, with no words,
 * because the page's widget loader (`registry.ts`) asks it of every page with an
 * inspector before the inspector's code (and its string table) has loaded.
 */

/** Whether `hash` carries an inspector state (a shared link), not a plain `#anchor`. */
export function hasSharedState(hash: string): boolean {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.has('example') || params.has('code') || params.has('input');
}
