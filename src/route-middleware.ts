/**
 * Starlight route middleware: on a chapter page, the sidebar lists the chapter's
 * sections under its link ("4.1 One neuron", "4.2 A layer as y = Wx + b", …), so the
 * sidebar shows chapters *and* the sections of the one being read. The headings
 * carry their numbers already (the numbering step in src/apparatus adds them).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

type Entry = App.Locals['starlightRoute']['sidebar'][number];

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if ((route.entry.data as { chapter?: number }).chapter === undefined) return;
  const sections = route.headings.filter((h) => h.depth === 2);
  if (sections.length === 0) return;

  const withSections = (entries: Entry[]): Entry[] =>
    entries.flatMap((entry): Entry[] => {
      if (entry.type === 'group') return [{ ...entry, entries: withSections(entry.entries) }];
      if (!entry.isCurrent) return [entry];
      const links: Entry[] = sections.map((h) => ({
        type: 'link',
        label: h.text,
        href: `#${h.slug}`,
        isCurrent: false,
        badge: undefined,
        attrs: { 'data-section': '' },
      }));
      return [entry, ...links];
    });
  route.sidebar = withSections(route.sidebar);
});
