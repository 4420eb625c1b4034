/**
 * Registers the book's service worker (`<base>sw.js`, written by scripts/build-sw.mjs)
 * with workbox-window, and shows the update prompt of OfflineSupport.astro when a new
 * version of the book has been deployed and its worker is waiting.
 *
 * Loaded by OfflineSupport.astro once the page is idle, in production builds only.
 * Reload asks the waiting worker to take over (workbox's SKIP_WAITING message); the
 * page reloads when it controls the page, so every file comes from the new version.
 */
import { Workbox } from 'workbox-window';

/** The prompt's text when a new version is waiting. */
const UPDATE_TEXT = 'A new version of the book is available.';

export async function register(root: HTMLElement | null): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  const wb = new Workbox(`${base}sw.js`, { scope: base });

  const showPrompt = (): void => {
    if (!root) return;
    const reload = root.querySelector<HTMLButtonElement>('[data-sw-reload]');
    const later = root.querySelector<HTMLButtonElement>('[data-sw-later]');
    const text = root.querySelector<HTMLElement>('[data-sw-text]');
    if (!reload || !later || !text) return;
    root.hidden = false;
    text.textContent = UPDATE_TEXT;
    reload.onclick = () => {
      reload.disabled = true;
      // Once the new worker controls the page, load the page again from it.
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    };
    later.onclick = () => {
      root.hidden = true;
      text.textContent = '';
    };
  };

  // A new worker installed while an older one controls the page: a new version.
  wb.addEventListener('waiting', showPrompt);
  try {
    await wb.register();
    document.documentElement.dataset['offline'] = 'registered';
  } catch (error) {
    // Not fatal: the book works online without it (e.g. a private window that forbids workers).
    document.documentElement.dataset['offline'] = 'unavailable';
    console.info('The book will not be available offline:', error instanceof Error ? error.message : error);
  }
}
