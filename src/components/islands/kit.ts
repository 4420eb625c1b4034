/**
 * The widget kit: the DOM plumbing every island shares, so that no widget keeps its
 * own copy. A widget's markup comes from `Widget.astro` (figure, caption, error and
 * status regions); its `mount(root)` uses these helpers and returns a `Dispose` that
 * removes every listener and frees what the widget holds (docs/architecture.md#widgets).
 */
import { localeOfLang, stringsFor, type Locale, type StringTable } from './i18n';

/** Undoes a mount: removes listeners, stops timers and workers, frees tensors. */
export type Dispose = () => void;

/** What a widget module exports: its mount. */
export type Mount = (root: HTMLElement) => Dispose;

export const kitStrings: StringTable<{
  /** The widget's code failed to load or to start. */
  couldNotStart: (reason: string) => string;
}> = {
  en: {
    couldNotStart: (reason) => `This widget could not start (${reason}). Reload the page to try again.`,
  },
};

/** The edition of the page `el` is on, from the nearest `lang` attribute. */
export function localeOf(el: Element): Locale {
  return localeOfLang(el.closest('[lang]')?.getAttribute('lang'));
}

/** The element matching `selector` inside `root`; a widget whose markup lacks it is a bug, so this throws. */
export function required<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`widget markup is missing ${selector}`);
  return el;
}

/**
 * The widget's id base, which the shell (Widget.astro) puts on its root: the ids the
 * widget renders from it must match those of the build-time markup. Throws when missing.
 */
export function widgetIdBase(root: HTMLElement): string {
  const base = root.dataset['idBase'];
  if (!base) throw new Error('widget markup is missing data-id-base');
  return base;
}

/** The control named `name` in `form`; throws when the markup lacks it. */
export function requiredField<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(form: HTMLFormElement, name: string): T {
  const el = form.elements.namedItem(name);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) throw new Error(`widget form is missing the field ${name}`);
  return el as T;
}

/** A readable message for anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/**
 * Collects what a mount sets up, so that one call undoes it all: event listeners,
 * timers, animation frames and any other clean-up.
 */
export class Scope {
  private readonly undo: (() => void)[] = [];
  private disposed = false;

  /** `target.addEventListener(type, listener)`, removed on dispose. */
  on<K extends keyof HTMLElementEventMap>(
    target: EventTarget,
    type: K,
    listener: (event: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void;
  on(target: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): void;
  on(target: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, listener, options);
    this.undo.push(() => target.removeEventListener(type, listener, options));
  }

  /** `setTimeout`, cleared on dispose. */
  timeout(fn: () => void, ms: number): number {
    const id = window.setTimeout(fn, ms);
    this.undo.push(() => window.clearTimeout(id));
    return id;
  }

  /** Runs `fn` on dispose (last added, first run). */
  add(fn: () => void): void {
    if (this.disposed) fn();
    else this.undo.push(fn);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Undoes everything, once. */
  readonly dispose: Dispose = () => {
    if (this.disposed) return;
    this.disposed = true;
    for (const fn of this.undo.splice(0).reverse()) fn();
  };
}

/** The error and status regions that `Widget.astro` renders in every widget. */
export interface WidgetMessages {
  /**
   * Shows `message` in the error region (`role="alert"`); `stale` marks the widget's
   * output as no longer matching its input; `field` is marked `aria-invalid`.
   */
  error(message: string, options?: { stale?: boolean; field?: Element | null }): void;
  /** Hides the error region and clears every `aria-invalid` mark in the widget. */
  clear(): void;
  /** Whether an error is shown. */
  readonly hasError: boolean;
  /** Puts `text` in the status region (polite); an empty text hides it. */
  status(text: string): void;
}

/** The messages of the widget `root` (its `[data-error]` and `[data-widget-status]`). */
export function widgetMessages(root: HTMLElement): WidgetMessages {
  const errorBox = required<HTMLElement>(root, '[data-error]');
  const statusBox = required<HTMLElement>(root, '[data-widget-status]');
  let shown = false;
  return {
    error(message, options = {}) {
      shown = true;
      errorBox.hidden = false;
      errorBox.textContent = message;
      root.classList.add('has-error');
      root.classList.toggle('is-stale', options.stale ?? false);
      options.field?.setAttribute('aria-invalid', 'true');
    },
    clear() {
      shown = false;
      errorBox.hidden = true;
      errorBox.textContent = '';
      root.classList.remove('has-error', 'is-stale');
      for (const el of root.querySelectorAll('[aria-invalid="true"]')) el.setAttribute('aria-invalid', 'false');
    },
    get hasError() {
      return shown;
    },
    status(text) {
      statusBox.hidden = text === '';
      statusBox.textContent = text;
    },
  };
}

/**
 * Copies `text` to the clipboard; where the Clipboard API is missing or refused
 * (older browsers, no permission), by selecting a hidden text area. Whether it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let ok: boolean;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** A colour as red, green, blue (0–255), or one grey level. */
export type Pixel = readonly [number, number, number] | number;

/**
 * Paints a `width`×`height` image onto `canvas`, pixel `p` (row-major) in the colour
 * `colourAt(p)`: a grey level (0 black … 255 white) or an RGB triple. By default the
 * canvas takes the image's size and the page's CSS scales it; with `fit` the image is
 * drawn at its own size off screen, then scaled to the canvas (`smooth`: interpolated).
 * The one painter of the Lab's digits, the CAM viewer and the dense playground.
 * Returns false where the browser gives no 2-D context.
 */
export function paintPixels(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  colourAt: (p: number) => Pixel,
  options: { fit?: boolean; smooth?: boolean } = {},
): boolean {
  const target = options.fit ? document.createElement('canvas') : canvas;
  if (target.width !== width) target.width = width;
  if (target.height !== height) target.height = height;
  const ctx = target.getContext('2d');
  if (!ctx) return false;
  const image = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    const c = colourAt(p);
    const [r, g, b] = typeof c === 'number' ? [c, c, c] : c;
    image.data[4 * p] = r;
    image.data[4 * p + 1] = g;
    image.data[4 * p + 2] = b;
    image.data[4 * p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  if (options.fit) {
    const out = canvas.getContext('2d');
    if (!out) return false;
    out.imageSmoothingEnabled = options.smooth ?? false;
    out.clearRect(0, 0, canvas.width, canvas.height);
    out.drawImage(target, 0, 0, canvas.width, canvas.height);
  }
  return true;
}

/** Paints the grey-scale image `pixels[offset …]` (0 black … 255 white), `width`×`height`. */
export function paintGrey(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, width: number, height: number, offset = 0): boolean {
  return paintPixels(canvas, width, height, (p) => pixels[offset + p] ?? 0);
}

/** The kit's own strings for the page `el` is on. */
export function kitText(el: Element): (typeof kitStrings)['en'] {
  return stringsFor(kitStrings, localeOf(el));
}
