/**
 * Keeps the target of a `#fragment` link at the top of the window. The sections of a
 * chapter far from the viewport are not rendered (`content-visibility: auto`, book.css)
 * and stand in at an estimated height; when a link jumps deep into a page, the browser
 * scrolls to the target by those estimates, then renders the sections around it at
 * their real heights, and the target drifts (measured: 256 px above the window). So
 * for a few frames after a jump, the target is scrolled back to where the browser put
 * it, until the sections around it have settled.
 */

/** Frames to keep the target in place after a jump. */
const FRAMES = 6;

function settle(hash: string): void {
  if (hash.length < 2) return;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return;
  }
  let frame = 0;
  const check = (): void => {
    const target = document.getElementById(id);
    if (!target?.closest('.book-section')) return; // nothing around it is estimated
    const wanted = Number.parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    if (Math.abs(target.getBoundingClientRect().top - wanted) > 2) target.scrollIntoView();
    if (++frame < FRAMES) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

addEventListener('hashchange', () => settle(location.hash));
if (location.hash) {
  settle(location.hash);
  // The browser scrolls to the fragment again when the page has loaded.
  addEventListener('load', () => settle(location.hash), { once: true });
}
