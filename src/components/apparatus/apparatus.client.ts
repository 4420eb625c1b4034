/**
 * Progressive enhancement for the textbook apparatus. Without it everything still
 * works: the citation texts are visible and selectable, anchors are plain links,
 * citation previews open on hover and focus through CSS.
 *
 * - `<button data-copy="ID" hidden>`: shown, and copies the text of #ID.
 * - `<a data-copy-link href="#id">`: following the link also copies its full URL.
 * - Escape closes an open citation preview (WCAG 1.4.13: dismissible).
 */
import { copyText } from '../islands/kit';

let liveRegion: HTMLElement | undefined;

/** A polite live region for "Copied" messages. */
function announce(message: string): void {
  if (!liveRegion) {
    liveRegion = document.createElement('div');
    liveRegion.className = 'visually-hidden';
    liveRegion.setAttribute('role', 'status');
    document.body.append(liveRegion);
  }
  const region = liveRegion;
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

function setUpCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    if (button.dataset.ready) continue;
    button.dataset.ready = 'true';
    button.hidden = false;
    button.addEventListener('click', async () => {
      const target = document.getElementById(button.dataset.copy ?? '');
      if (!target) return;
      const ok = await copyText((target.textContent ?? '').trim());
      const label = button.querySelector<HTMLElement>('[data-copy-label]');
      if (label) {
        label.textContent = ok ? 'Copied' : 'Copy failed';
        window.setTimeout(() => (label.textContent = 'Copy'), 2000);
      }
      announce(ok ? 'Copied to the clipboard' : 'Could not copy: select the text and copy it');
    });
  }
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[data-copy-link]');
  if (!link) return;
  const url = new URL(link.getAttribute('href') ?? '', window.location.href).href;
  void copyText(url).then((ok) => {
    if (ok) announce('Link copied to the clipboard');
  });
});

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  for (const cite of document.querySelectorAll('.cite')) {
    if (cite.matches(':hover, :focus-within')) cite.classList.add('cite-dismissed');
  }
});
for (const type of ['focusout', 'mouseleave'] as const) {
  document.addEventListener(
    type,
    (event) => {
      const target = event.target as Element | null;
      if (target?.classList?.contains('cite')) target.classList.remove('cite-dismissed');
      else target?.closest?.('.cite')?.classList.remove('cite-dismissed');
    },
    true,
  );
}

setUpCopyButtons();

export {};
