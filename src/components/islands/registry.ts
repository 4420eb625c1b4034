/**
 * Every widget of the book, by name, and when its code loads (the island convention
 * of `when-needed.ts`). `Widget.astro` puts `data-widget="NAME"` on each widget's
 * figure and runs `startWidgets` once per page; each module below is a separate chunk,
 * downloaded only when a widget of its name needs it.
 */
import { listenForLifecycleEvents, onFirstInteraction, whenVisible, type InteractionOptions, type Loader } from './when-needed';
import { hasSharedState } from '../inspector/shared-state';
import { startEarly } from '../listing/sandbox';

type Entry =
  | {
      load: Loader;
      /** `visible`: light widgets, as they scroll into view; `interaction`: heavy ones, on first use. */
      when: 'visible' | 'interaction';
      options?: InteractionOptions;
    }
  /** A figure drawn completely at build time: the shell's markup, no code. */
  | { when: 'never' };

export const widgets = {
  'output-size': { when: 'visible', load: () => import('../output-size/output-size.client') },
  'pool-explorer': { when: 'visible', load: () => import('../pool-explorer/pool-explorer.client') },
  'conv-explorer': { when: 'visible', load: () => import('../conv-explorer/conv-explorer.client') },
  'flatten-visualiser': { when: 'visible', load: () => import('../flatten-visualiser/flatten-visualiser.client') },
  'dense-playground': { when: 'visible', load: () => import('../dense-playground/dense-playground.client') },
  'dropout-masks': { when: 'visible', load: () => import('../dropout-masks/dropout-masks.client') },
  'cam-viewer': { when: 'visible', load: () => import('../cam-viewer/cam-viewer.client') },
  'heads-chart': { when: 'visible', load: () => import('../figures/heads-chart.client') },
  'param-share': { when: 'never' },
  // The build-time rendering is the default example, complete: the code (about 25 KB)
  // loads when the reader first uses the widget, or at once for a shared link (#…),
  // which only the page's first inspector reads.
  inspector: {
    when: 'interaction',
    load: () => import('../inspector/inspector.client'),
    options: {
      startWhenVisible: (root) => root === document.querySelector('[data-widget="inspector"]') && hasSharedState(location.hash),
      replayClicks: true,
    },
  },
  // The form is complete as built (the default settings and their parameter count): the
  // code loads when the reader first uses the Lab (a click on Train is kept and done
  // after), or at once for a shared experiment's link (?head=…), which only a Lab that
  // owns the page's address reads.
  lab: {
    when: 'interaction',
    load: () => import('../lab/lab.client'),
    options: { startWhenVisible: (root) => root.dataset['ownsUrl'] !== 'false' && location.search.length > 1, replayClicks: true },
  },
  // A click on Run (or Reset) made while the editor loads is done after mount (replayClicks).
  listing: {
    when: 'interaction',
    load: (root) => {
      // The sandbox worker starts now, beside the downloads of the runner and the
      // editor (sandbox.ts). The runner is small and mounts first: a Run does not wait
      // for CodeMirror.
      startEarly(root, root.dataset['code'] ?? '', root.dataset['lang'] === 'js' ? 'js' : 'ts');
      const editor = import('../listing/listing-editor');
      editor.catch(() => {}); // a failure is reported by mount, which may attach later
      return import('../listing/listing.client').then(({ mount }) => ({ mount: (el: HTMLElement) => mount(el, editor) }));
    },
    options: { replayClicks: true },
  },
} satisfies Record<string, Entry>;

export type WidgetName = keyof typeof widgets;

let started = false;

/** Starts the loaders of every widget on the page (once, however many widgets call it). */
export function startWidgets(): void {
  if (started) return;
  started = true;
  listenForLifecycleEvents();
  for (const [name, entry] of Object.entries(widgets) as [WidgetName, Entry][]) {
    const selector = `[data-widget="${name}"]`;
    if (entry.when === 'never' || !document.querySelector(selector)) continue;
    if (entry.when === 'visible') whenVisible(selector, entry.load);
    else onFirstInteraction(selector, entry.load, entry.options);
  }
}
