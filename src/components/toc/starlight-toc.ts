/**
 * The "On this page" list's highlighting of the section being read, in place of
 * Starlight's own `starlight-toc` script (astro.config.mjs points Starlight's import of
 * it here; Starlight's markup, styles and mobile drop-down stay as they are).
 *
 * Why: Starlight's version, once the page is idle, selects every block of the page with
 * `:has()` selectors and watches each one with an IntersectionObserver. On a chapter of
 * this book (about 13,000 elements, most of them KaTeX's) that took 540 ms of a
 * phone-class CPU, twice (desktop and mobile lists): most of a chapter's blocking time
 * in Lighthouse (docs/benchmarks.md#budgets).
 *
 * This version does the same job with the headings alone: the current heading is the
 * last one above a reading line just under the site header (where Starlight's band
 * begins), found when the reader scrolls, at most once a frame, from the positions of
 * the page's few dozen headings.
 */

const PAGE_TITLE_ID = '_top';

/** A heading of the page with its link in the list. */
interface Entry {
  heading: HTMLElement;
  link: HTMLAnchorElement;
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
      let current: Entry | undefined;
      for (const entry of entries) {
        if (entry.heading.getBoundingClientRect().top > line) break;
        current = entry;
      }
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

  /** The page's headings that the list links to, in document order. */
  private entries(): Entry[] {
    const linkFor = new Map<string, HTMLAnchorElement>();
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
      linkFor.set(decodeURIComponent(link.hash.slice(1)), link);
    }
    const levels = Array.from({ length: 1 + this.maxH - this.minH }, (_, i) => `h${this.minH + i}`);
    const entries: Entry[] = [];
    for (const heading of document.querySelectorAll<HTMLElement>(`main :where(${levels.join()})[id]`)) {
      const link = linkFor.get(heading.id);
      if (link) entries.push({ heading, link });
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

customElements.define('starlight-toc', StarlightTOC);
