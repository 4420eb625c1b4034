/**
 * The "On this page" list's highlighting of the section being read, in place of
 * Starlight's own `starlight-toc` script (astro.config.mjs points Starlight's import of
 * it here; Starlight's markup, styles and mobile drop-down stay as they are).
 *
 * Why: Starlight's version, once the page is idle, selects every block of the page with
 * `:has()` selectors and watches each one with an IntersectionObserver. On a chapter of
 * this book (about 13,000 elements, most of them KaTeX's) that took 540 ms of a
 * phone-class CPU, twice (desktop and mobile lists), and it is most of the page's
 * blocking time in Lighthouse (README: "Budgets").
 *
 * This version does the same job with the headings alone. The current heading is the
 * last one above a reading line just under the site header (where Starlight's band
 * begins). It is found when the reader scrolls, at most once a frame, by reading the
 * positions of the `<h2>` sections (src/plugins/rehype-sections.mjs) and then of the
 * `<h3>`s in the section that holds the line only: sections far from the viewport are
 * not laid out (`content-visibility: auto`), and asking where a heading inside one of
 * them is would force their layout.
 */

const PAGE_TITLE_ID = '_top';

/** A heading with its link in the list, and the box whose top stands for it. */
interface Entry {
  heading: HTMLElement;
  link: HTMLAnchorElement;
  /** The heading's `.book-section` when it opens one, else the heading itself. */
  box: HTMLElement;
  /** The `<h2>` entries' `<h3>`s (those inside their section). */
  children: Entry[];
}

export class StarlightTOC extends HTMLElement {
  private currentLink: HTMLAnchorElement | null = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');
  private readonly minH = Number.parseInt(this.dataset['minH'] ?? '2', 10);
  private readonly maxH = Number.parseInt(this.dataset['maxH'] ?? '3', 10);

  protected set current(link: HTMLAnchorElement) {
    if (link === this.currentLink) return;
    this.currentLink?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.currentLink = link;
  }

  constructor() {
    super();
    const onIdle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1));
    onIdle(() => this.init());
  }

  private init(): void {
    const top = this.querySelector<HTMLAnchorElement>(`a[href="#${PAGE_TITLE_ID}"]`);
    const entries = this.entries();
    let scheduled = false;
    const update = (): void => {
      scheduled = false;
      const line = this.readingLine();
      const above = (entry: Entry): boolean => entry.box.getBoundingClientRect().top <= line;
      const section = lastWhere(entries, above);
      const current = section ? (lastWhere(section.children, above) ?? section) : null;
      const link = current?.link ?? top;
      if (link) this.current = link;
    };
    const schedule = (): void => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(update);
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    update();
  }

  /** The page's headings that the list links to, the `<h3>`s under their `<h2>`. */
  private entries(): Entry[] {
    const linkFor = new Map<string, HTMLAnchorElement>();
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
      linkFor.set(decodeURIComponent(link.hash.slice(1)), link);
    }
    const levels = Array.from({ length: 1 + this.maxH - this.minH }, (_, i) => `h${this.minH + i}`);
    const entries: Entry[] = [];
    for (const heading of document.querySelectorAll<HTMLElement>(`main :where(${levels.join()})[id]`)) {
      const link = linkFor.get(heading.id);
      if (!link) continue;
      // Starlight wraps a heading with its anchor link in a <div>: the section opens with that.
      const section = heading.closest<HTMLElement>('.book-section');
      const opensSection = section?.firstElementChild?.contains(heading) ?? false;
      const entry: Entry = { heading, link, box: opensSection && section ? section : heading, children: [] };
      const outer = entries.at(-1);
      // A deeper heading inside the previous entry's section belongs to it.
      if (outer && outer.box !== outer.heading && outer.box.contains(heading) && heading.tagName > outer.heading.tagName) {
        outer.children.push(entry);
      } else {
        entries.push(entry);
      }
    }
    return entries;
  }

  /** Where reading happens: under the site header and the mobile list's bar, plus 2rem and Starlight's 53 px band. */
  private readingLine(): number {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    const summary = this.querySelector('summary')?.getBoundingClientRect().height ?? 0;
    return header + summary + 32 + 53;
  }
}

/** The last item of `items` (in document order) for which `test` holds, testing from the end. */
function lastWhere<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (test(item)) return item;
  }
  return undefined;
}

customElements.define('starlight-toc', StarlightTOC);
