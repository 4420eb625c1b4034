/**
 * Starlight's search, with the Pagefind UI built when the reader reaches for it
 * instead of on every page load.
 *
 * Starlight's search script (its `Search.astro`) imports `@pagefind/default-ui` once
 * the page is idle and constructs its `PagefindUI` at once: 27 KB of gzipped
 * JavaScript and a Svelte form rendered into the closed search dialog on every page,
 * whether or not the reader searches (docs/benchmarks.md#budgets). astro.config.mjs
 * points that import here. This `PagefindUI` keeps the options and builds the real one
 * on the first sign of intent: the pointer on, or focus in, the Search button, a press
 * or a click of it, or Ctrl/⌘+K (Starlight's shortcut). When the dialog is open by the
 * time the UI has rendered, the search box gets the focus Starlight could not give it.
 */

interface Options {
  /** Where the UI goes: Starlight passes '#starlight__search'. */
  element: string;
  [option: string]: unknown;
}

/**
 * Once Pagefind has rendered its search box into `selector` (it renders after
 * construction), focuses it if the dialog is open by then: Starlight focuses the box
 * when it opens the dialog, which the reader may have done while the UI was loading.
 */
function focusWhenRendered(selector: string, dialog: HTMLDialogElement | null | undefined): void {
  const box = document.querySelector<HTMLElement>(selector);
  if (!box) return;
  const observer = new MutationObserver(() => {
    const input = box.querySelector<HTMLInputElement>('input');
    if (!input) return;
    observer.disconnect();
    if (dialog?.open) input.focus();
  });
  observer.observe(box, { childList: true, subtree: true });
}

/** The intents that start the search UI, on the Search button. */
const BUTTON_EVENTS = ['pointerenter', 'pointerdown', 'focus', 'click'] as const;

export class PagefindUI {
  constructor(options: Options) {
    const host = document.querySelector<HTMLElement>('site-search');
    const button = host?.querySelector<HTMLButtonElement>('button[data-open-modal]');
    const dialog = host?.querySelector<HTMLDialogElement>('dialog');
    let started = false;
    const onKey = (event: KeyboardEvent): void => {
      if ((event.metaKey || event.ctrlKey) && event.key === 'k') start();
    };
    const start = (): void => {
      if (started) return;
      started = true;
      for (const type of BUTTON_EVENTS) button?.removeEventListener(type, start);
      window.removeEventListener('keydown', onKey);
      import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs').then(
        ({ PagefindUI: Real }) => {
          focusWhenRendered(options.element, dialog);
          new Real(options);
        },
        (error: unknown) => {
          const box = document.querySelector<HTMLElement>(options.element);
          if (box)
            box.textContent = `Search could not load (${error instanceof Error ? error.message : String(error)}). Check the connection and reload the page.`;
        },
      );
    };
    if (!button || dialog?.open) {
      start();
      return;
    }
    for (const type of BUTTON_EVENTS) button.addEventListener(type, start);
    window.addEventListener('keydown', onKey);
  }
}
