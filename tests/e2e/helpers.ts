/** Shared helpers for the browser tests. */
import type { Page } from '@playwright/test';
import { htmlFiles } from '../../src/plugins/html-files.mjs';

/** Every page of the built site, as a path relative to the base URL ('' for the title page). */
export function builtPages(dir = 'dist'): string[] {
  return htmlFiles(dir)
    .filter((f) => f.path === 'index.html' || f.path.endsWith('/index.html'))
    .map((f) => f.url)
    .sort();
}

/** A file-system-safe name for a page path. */
export function pageName(path: string): string {
  return path === '' ? 'title-page' : path.replace(/\/$/, '').replaceAll('/', '_');
}

export interface PageProblems {
  consoleErrors: string[];
  readonly failedRequests: string[];
  foreignRequests: string[];
}

/**
 * Records console errors, uncaught exceptions, failed or 4xx/5xx requests, and any
 * request that leaves the site's own origin.
 *
 * A request that Chromium aborted (`net::ERR_ABORTED`) for a URL that the page then
 * loaded after all is not counted: the browser cancelled a request and fetched the URL
 * again (it happened once in CI, when Astro's hover prefetch, since turned off in
 * astro.config.mjs, was aborted by the click's navigation, with the page arriving
 * intact). An aborted URL that never loads still counts, as does every other failure.
 */
export function watchPage(page: Page, origin: string): PageProblems {
  const failures: { url: string; text: string; aborted: boolean }[] = [];
  const loaded = new Set<string>();
  const problems: PageProblems = {
    consoleErrors: [],
    get failedRequests() {
      return failures.filter((f) => !(f.aborted && loaded.has(f.url))).map((f) => f.text);
    },
    foreignRequests: [],
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? 'failed';
    failures.push({
      url: req.url(),
      text: `${req.url()} (${error})`,
      aborted: error === 'net::ERR_ABORTED',
    });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) failures.push({ url: res.url(), text: `${res.url()} (HTTP ${res.status()})`, aborted: false });
    else loaded.add(res.url());
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.foreignRequests.push(url);
  });
  return problems;
}

/**
 * Records Content-Security-Policy violations in a page: the DOM's
 * `securitypolicyviolation` events and Chromium's console messages about the policy.
 * The browser tests are served with the build's `_headers` (scripts/serve.ts), so the
 * pages run under the policy a deployment sends.
 */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`,
      );
    });
  });
  page.on('console', (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  return violations;
}

/**
 * Scrolls to the end of the page in steps, so that every widget that loads when visible
 * loads: a step is a screenful plus the 2 × 200 px margin within which `whenVisible`
 * (src/components/islands/when-needed.ts) starts loading.
 */
export async function scrollThrough(page: Page): Promise<void> {
  const { height, step } = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, step: window.innerHeight + 400 }));
  for (let y = 0; y <= height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    // Two frames: the IntersectionObserver reports after the scroll has been painted.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}
