/**
 * The book's island convention: a widget's markup is static HTML rendered at
 * build time (and readable without JavaScript); its interactive code is a separate
 * module that is only downloaded when the reader needs it.
 *
 * - `whenVisible` loads light widgets as they scroll into view.
 * - `onFirstInteraction` loads heavy widgets (TensorFlow.js, editors), and the tool
 *   pages' widgets whose build-time rendering is already complete (the model
 *   inspector, the Lab), only when the reader focuses, clicks or types inside them.
 *
 * Each loader runs at most once per element and marks it `data-hydrated` after; the
 * `Dispose` its mount returns is kept, and `disposeWidget` calls it.
 * Which widget loads which way is listed in `registry.ts`.
 */
import { errorMessage, kitText, type Dispose, type Mount } from './kit';

/** Loads a widget's code; it gets the element being hydrated (most loaders ignore it). */
export type Loader = (root: HTMLElement) => Promise<{ mount: Mount }>;

const mounted = new WeakMap<HTMLElement, Dispose>();
const loaders = new WeakMap<HTMLElement, Loader>();

/**
 * Undoes the mount of the widget `root` (listeners, timers, workers, tensors); it can
 * then be mounted again.
 */
function disposeWidget(root: HTMLElement): void {
  mounted.get(root)?.();
  mounted.delete(root);
  delete root.dataset['hydrated'];
}

/**
 * Lets a page script (or a browser test, tests/e2e/widget-lifecycle.spec.ts) undo a
 * widget's mount and mount it again, by dispatching `widget:dispose` or `widget:mount`
 * on its root. Called once per page, by `startWidgets`.
 */
export function listenForLifecycleEvents(): void {
  document.addEventListener('widget:dispose', (event) => {
    if (event.target instanceof HTMLElement) disposeWidget(event.target);
  });
  document.addEventListener('widget:mount', (event) => {
    const root = event.target instanceof HTMLElement ? event.target : null;
    const load = root && loaders.get(root);
    if (root && load) void hydrate(root, load);
  });
}

async function hydrate(root: HTMLElement, load: Loader): Promise<void> {
  if (root.dataset['hydrated'] !== undefined) return;
  loaders.set(root, load);
  root.dataset['hydrated'] = 'loading';
  try {
    const { mount } = await load(root);
    mounted.set(root, mount(root));
    root.dataset['hydrated'] = 'true';
  } catch (error) {
    root.dataset['hydrated'] = 'failed';
    const status = root.querySelector<HTMLElement>('[data-widget-status]');
    if (status) {
      status.hidden = false;
      status.textContent = kitText(root).couldNotStart(errorMessage(error));
    }
    console.warn('widget failed to load', error);
  }
}

/** Hydrates every element matching `selector` when it comes within 200 px of the viewport. */
export function whenVisible(selector: string, load: Loader): void {
  observeVisible([...document.querySelectorAll<HTMLElement>(selector)], load);
}

/** Hydrates each of `roots` when it comes within 200 px of the viewport. */
function observeVisible(roots: HTMLElement[], load: Loader): void {
  if (!('IntersectionObserver' in window)) {
    for (const root of roots) void hydrate(root, load);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void hydrate(entry.target as HTMLElement, load);
      }
    },
    { rootMargin: '200px' },
  );
  for (const root of roots) observer.observe(root);
}

/** Options of {@link onFirstInteraction}. */
export interface InteractionOptions {
  /**
   * Whether `root` must start as soon as it is visible instead: a shared link whose
   * URL carries the widget's state has to show that state without a click.
   */
  startWhenVisible?: (root: HTMLElement) => boolean;
  /**
   * Clicks a button clicked while the code was loading once more after mount, so the
   * reader's first click (the one that started the loading) is not lost.
   */
  replayClicks?: boolean;
}

/** Hydrates an element matching `selector` the first time the reader interacts with it. */
export function onFirstInteraction(selector: string, load: Loader, options: InteractionOptions = {}): void {
  const eager: HTMLElement[] = [];
  for (const root of document.querySelectorAll<HTMLElement>(selector)) {
    if (options.startWhenVisible?.(root)) {
      eager.push(root);
      continue;
    }
    let clicked: HTMLButtonElement | null = null;
    const remember = (event: Event): void => {
      clicked = (event.target as Element).closest('button');
    };
    if (options.replayClicks) root.addEventListener('click', remember);
    const start = (): void => {
      for (const type of ['pointerdown', 'focusin', 'keydown'] as const) root.removeEventListener(type, start);
      void hydrate(root, load).then(() => {
        root.removeEventListener('click', remember);
        const button = clicked as HTMLButtonElement | null;
        if (button && !button.disabled && root.dataset['hydrated'] === 'true') button.click();
      });
    };
    for (const type of ['pointerdown', 'focusin', 'keydown'] as const) root.addEventListener(type, start);
  }
  if (eager.length > 0) observeVisible(eager, load);
}
