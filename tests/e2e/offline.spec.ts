/**
 * Offline reading (scripts/build-sw.mjs, src/components/offline/): after one visit the
 * service worker controls the page; offline, another chapter loads with its math and
 * widget, search answers, and the Lab trains on its digits with TensorFlow.js's wasm.
 * A new deploy (a changed sw.js) brings up the "new version" prompt, and Reload swaps it in.
 *
 * The other specs block service workers (playwright.config.ts); these allow them.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'allow' });

const OUT_DIR = process.env.ASTRO_OUT_DIR ?? 'dist';

/** Waits until the service worker has precached the book and controls `page`. */
async function waitForControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'registered');
}

test('after one visit the book keeps working offline: pages, math, widgets, search, the Lab', async ({ page, context }) => {
  // Precaching the book and training on a loaded 2-core machine take minutes.
  test.setTimeout(360_000);
  await page.goto('chapters/how-to-use/');
  await waitForControl(page);

  await context.setOffline(true);
  // Really offline: a file the book does not have cannot be fetched.
  const probe = await page.evaluate(async () => {
    try {
      await fetch(`/not-in-the-book-${Date.now()}.txt`);
      return 'fetched';
    } catch {
      return 'failed';
    }
  });
  expect(probe).toBe('failed');

  // Another chapter: its text, its math (HTML + MathML), the KaTeX font, and its widget.
  const response = await page.goto('chapters/pooling/');
  expect(response?.fromServiceWorker(), 'served by the service worker').toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pooling');
  expect(await page.locator('.katex .katex-mathml math').count()).toBeGreaterThan(0);
  expect(await page.evaluate(async () => (await document.fonts.load('16px KaTeX_Main')).length)).toBeGreaterThan(0);
  const explorer = page.locator('[data-widget="pool-explorer"]');
  await explorer.scrollIntoViewIfNeeded();
  await expect(explorer).toHaveAttribute('data-hydrated', 'true');

  // Search (Pagefind's index and wasm come from the cache too).
  await page.getByRole('button', { name: 'Search' }).first().click();
  const search = page.locator('#starlight__search input');
  await search.fill('dropout');
  await expect(page.locator('#starlight__search .pagefind-ui__result').first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');

  // The Lab: TensorFlow.js, its wasm and the MNIST digits, all from the cache.
  await page.goto('lab/?head=gap&n=400&epochs=1&batch=20');
  const lab = page.locator('[data-widget="lab"]');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab).toHaveAttribute('data-hydrated', 'true');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 180_000 });
  await expect(lab.locator('[data-table-body] tr')).toHaveCount(1);
  await expect(lab.getByRole('alert')).toBeHidden();
});

test('a new deploy shows "A new version of the book is available", and Reload switches to it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('');
  await waitForControl(page);
  const prompt = page.locator('[data-sw-update]');
  await expect(prompt).toBeHidden();

  // "Deploy" a new version: the server now sends a different sw.js (restored afterwards).
  const swPath = `${OUT_DIR}/sw.js`;
  const original = readFileSync(swPath, 'utf8');
  try {
    appendFileSync(swPath, `\n// a new deploy ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(prompt).toBeVisible({ timeout: 60_000 });
    await expect(prompt.getByRole('status')).toHaveText('A new version of the book is available.');
    const reload = prompt.getByRole('button', { name: 'Reload' });
    await reload.focus();
    await expect(reload).toBeFocused();
    const oldController = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.keyboard.press('Enter')]);
    await waitForControl(page);
    await expect(page.locator('[data-sw-update]')).toBeHidden();
    // The page is now controlled by the new worker (same URL, new registration state).
    const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null);
    expect(waiting, 'no worker left waiting').toBeNull();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(oldController);
  } finally {
    writeFileSync(swPath, original);
  }
});
