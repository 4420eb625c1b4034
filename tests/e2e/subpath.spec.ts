/**
 * The site under its base path. `npm test` builds the book a second time with
 * BASE_PATH=/fully-connected/ and runs this spec against that build (scripts/test-all.mjs,
 * step "sub-path"); in the ordinary run the base path is "/", and the same checks hold.
 *
 * Every page, style, script, font, wasm, data file and search request must stay under
 * the base path: a link written as "/chapters/…" would work at the root of a domain and
 * break under a sub-path.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './helpers';

const BASE = process.env.BASE_PATH ?? '/';

/** Requests of `page` that leave the base path (on the site's own origin). */
function outsideBase(page: Page, origin: string): string[] {
  const outside: string[] = [];
  page.on('request', (req) => {
    if (/^(blob|data):/.test(req.url())) return; // in-memory (wasm threads' workers), not the server
    const url = new URL(req.url());
    if (url.origin === origin && !url.pathname.startsWith(BASE)) outside.push(url.pathname);
  });
  return outside;
}

test(`pages, styles, math fonts and search work under ${BASE}`, async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const problems = watchPage(page, origin);
  const outside = outsideBase(page, origin);

  await page.goto('');
  expect(new URL(page.url()).pathname).toBe(BASE);
  // Following a link of the title page's contents stays under the base path.
  await page.locator('main a[href$="chapters/pooling/"]').first().click();
  await expect(page).toHaveURL(new RegExp(`${BASE}chapters/pooling/$`));
  await page.waitForLoadState('load');
  // The stylesheet applied: Starlight's layout shows its sidebar on a desktop screen.
  await expect(page.locator('#starlight__sidebar')).toBeVisible();
  expect(await page.locator('.katex .katex-mathml math').count()).toBeGreaterThan(0);
  expect(await page.evaluate(async () => (await document.fonts.load('16px KaTeX_Main')).length)).toBeGreaterThan(0);

  // Search: Pagefind's index is fetched from under the base path, and its results link there.
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.locator('#starlight__search input').fill('dropout');
  const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
  await expect(result).toBeVisible({ timeout: 30_000 });
  expect(new URL((await result.getAttribute('href'))!, page.url()).pathname.startsWith(BASE)).toBe(true);
  await page.keyboard.press('Escape');

  expect(outside, 'requests outside the base path').toEqual([]);
  expect(problems.failedRequests, 'failed requests').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
});

test(`a widget and the Lab's digits load under ${BASE}`, async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  const problems = watchPage(page, origin);
  const outside = outsideBase(page, origin);

  await page.goto('chapters/pooling/');
  const explorer = page.locator('[data-widget="pool-explorer"]');
  await explorer.scrollIntoViewIfNeeded();
  await expect(explorer).toHaveAttribute('data-hydrated', 'true');

  await page.goto('lab/?head=gap&n=400&epochs=1&batch=20');
  const lab = page.locator('[data-widget="lab"]');
  await lab.scrollIntoViewIfNeeded();
  // The digits are fetched by the training worker (whose requests the page's events do
  // not show); the server answers 404 outside the base path, so a finished run means
  // they came from `${BASE}data/mnist-10k.bin.gz`.
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 180_000 });

  expect(outside, 'requests outside the base path').toEqual([]);
  expect(problems.failedRequests, 'failed requests').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
});
