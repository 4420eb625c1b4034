/**
 * Element ids for a widget's markup, made at build time: unique on their page and the
 * same on every build, so that pages are byte-for-byte reproducible (their precache
 * revisions change only when their content does) and two copies of a widget on one
 * page (the dropout chapter's two Labs, the whole-book print page) do not collide.
 *
 * A counter per page and per base name, as Starlight's Tabs number theirs: the first
 * widget with a base gets the base itself (`pool-explorer`), the next ones `-2`, `-3`, ….
 * The page is identified by the render's `Astro.locals`, one object per page request.
 */
const pages = new WeakMap<object, Map<string, number>>();

/** The id base for the next widget named `base` on the page whose `Astro.locals` is `page`. */
export function widgetId(page: object, base: string): string {
  let counts = pages.get(page);
  if (!counts) {
    counts = new Map();
    pages.set(page, counts);
  }
  const n = (counts.get(base) ?? 0) + 1;
  counts.set(base, n);
  return n === 1 ? base : `${base}-${n}`;
}
