/**
 * Runs `task` after the page has loaded and the browser is idle (or after 3 s of
 * load at most), so that optional work never competes with the page's own loading.
 */
export function afterLoadIdle(task: () => void): void {
  const idle = (): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: 3000 });
    else setTimeout(task, 1000);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
