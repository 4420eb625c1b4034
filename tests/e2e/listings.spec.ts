/**
 * Runnable listings (chapter 1): static fallback, nothing loaded before interaction,
 * run and output, errors at the reader's line, the time limit, Stop, Reset, the
 * sandbox (no document, no network), keyboard use and axe in light and dark.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './axe';

const LAZY = /listing\.client|listing-editor|listing\.worker|listing-plot|sucrase|codemirror/i;

// The first Run downloads the editor, the worker, sucrase and TF.js: generous on a busy machine.
const FIRST_RUN = { timeout: 90_000 };

/** Replaces the code in a listing's editor by typing `lines` (the editor is focused by a click). */
async function typeCode(page: Page, listing: Locator, lines: string[]): Promise<void> {
  await listing.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(line);
  }
}

test.describe('runnable listings', () => {
  let requests: string[];
  test.beforeEach(async ({ page }) => {
    requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('chapters/convolution/');
  });

  test('are static until used: highlighted code, expected output, nothing of the editor or runtime loaded', async ({ page, request }) => {
    const html = await (await request.get('chapters/convolution/')).text();
    expect(html).toContain('id="lst:conv-shapes"');
    expect(html).toMatch(/Listing 1\.1\./);
    const listing = page.locator('[id="lst:conv-shapes"]');
    await expect(listing.locator('.expressive-code')).toBeVisible();
    await expect(listing.locator('[data-output]')).toContainText('→ [1, 64, 9, 9], 36928 parameters');
    // Scroll the whole page: listings load nothing while they are only seen.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(requests.filter((u) => LAZY.test(u))).toEqual([]);
    await expect(listing).not.toHaveAttribute('data-hydrated');
  });

  test('runs a listing on the first click and shows its output', async ({ page }) => {
    const listing = page.locator('[id="lst:conv-by-hand"]');
    const expected = await listing.locator('[data-output]').textContent();
    await listing.getByRole('button', { name: 'Run' }).click();
    await expect(listing.locator('[data-status]')).toContainText(/Ran in/, FIRST_RUN);
    await expect(listing.locator('[data-output-label]')).toHaveText('Output');
    await expect(listing.locator('[data-output]')).toHaveText(expected ?? 'missing');
    await expect(listing.locator('.cm-editor')).toBeVisible();
    await expect(listing.locator('[data-static-code]')).toBeHidden();
    expect(requests.some((u) => /listing\.worker/.test(u))).toBe(true);
  });

  test('Run does not wait for the editor, and still works when the editor cannot load', async ({ page }) => {
    await page.route(/listing-editor/, (route) => route.abort());
    const listing = page.locator('[id="lst:conv-shapes"]');
    const expected = await listing.locator('[data-output]').textContent();
    await listing.getByRole('button', { name: 'Run' }).click();
    await expect(listing.locator('[data-status]')).toContainText(/Ran in/, FIRST_RUN);
    await expect(listing.locator('[data-output]')).toHaveText(expected ?? 'missing');
    await expect(listing.locator('[data-widget-status]')).toContainText('The editor could not load');
    await expect(listing.locator('[data-static-code]')).toBeVisible();
    await expect(listing.locator('.cm-editor')).toHaveCount(0);
  });

  test("shows an error at the line of the reader's code; Esc leaves the editor; Reset restores the code", async ({ page }) => {
    const listing = page.locator('[id="lst:conv-shapes"]');
    const original = await listing.getAttribute('data-code');
    await listing.locator('[data-static-code] pre').click();
    await expect(listing.locator('.cm-editor')).toBeVisible();
    await typeCode(page, listing, ['const a = 1;', 'console.log("a is", a);', '', 'const b = (a as any).missing.length;']);
    await page.keyboard.press('ControlOrMeta+Enter');
    const alert = listing.getByRole('alert');
    await expect(alert).toContainText("TypeError on line 4: Cannot read properties of undefined (reading 'length')", FIRST_RUN);
    await expect(listing.locator('[data-output]')).toHaveText('a is 1');
    await expect(listing.locator('.cm-error-line')).toHaveText('const b = (a as any).missing.length;');
    // Esc moves focus out of the editor, to Run.
    await listing.locator('.cm-content').click();
    await page.keyboard.press('Escape');
    await expect(listing.getByRole('button', { name: 'Run' })).toBeFocused();
    // Stop is disabled when nothing runs, so the next Tab stop is Reset.
    await page.keyboard.press('Tab');
    await expect(listing.getByRole('button', { name: 'Reset' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(listing.locator('.cm-content')).toHaveText((original ?? '').replace(/\n/g, ''));
    expect(await listing.locator('.cm-line').count()).toBe((original ?? '').split('\n').length);
    await expect(alert).toBeHidden();
  });

  test('stops an endless loop after the time limit while the page stays responsive', async ({ page }) => {
    const loop = page.locator('[id="lst:conv-shapes"]');
    // A 12 s limit instead of 10 s (read when the listing starts), so that the check
    // below has time on a slow machine.
    await loop.evaluate((el) => el.setAttribute('data-timeout', '12'));
    await loop.locator('[data-static-code] pre').click();
    await typeCode(page, loop, ['let n = 0;', 'while (true) n++;']);
    await loop.getByRole('button', { name: 'Run' }).click();
    await expect(loop.getByRole('button', { name: 'Stop' })).toBeEnabled();
    // The loop has started (its imports loaded: the time limit counts from here).
    await expect(loop.locator('[data-status]')).toHaveText('Running…', FIRST_RUN);
    // Meanwhile the page still responds: another listing starts and its Reset works
    // while the loop is still running.
    const other = page.locator('[id="lst:conv-by-hand"]');
    await other.getByRole('button', { name: 'Reset' }).click();
    await expect(other.locator('[data-status]')).toContainText('back to the original', FIRST_RUN);
    await expect(loop.locator('[data-status]')).toHaveText('Running…');
    await expect(loop.locator('[data-status]')).toContainText('Stopped after 12 s', FIRST_RUN);
    await expect(loop.getByRole('alert')).toContainText('TimeoutError');
    await expect(loop.getByRole('button', { name: 'Run' })).toBeEnabled();
    // A fresh worker runs the next code.
    await typeCode(page, loop, ['console.log("again");']);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(loop.locator('[data-output]')).toHaveText('again', FIRST_RUN);
  });

  test('Stop ends a run at once', async ({ page }) => {
    const listing = page.locator('[id="lst:conv-shapes"]');
    await listing.locator('[data-static-code] pre').click();
    await typeCode(page, listing, ['while (true) {}']);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(listing.getByRole('button', { name: 'Stop' })).toBeEnabled();
    await listing.getByRole('button', { name: 'Stop' }).click();
    await expect(listing.locator('[data-status]')).toContainText('Stopped by you after');
    await expect(listing.getByRole('button', { name: 'Run' })).toBeFocused();
  });

  test('the sandbox has no document and no network', async ({ page }) => {
    const listing = page.locator('[id="lst:conv-shapes"]');
    await listing.locator('[data-static-code] pre').click();
    await typeCode(page, listing, [
      'console.log(typeof document, typeof window);',
      "try { await self.fetch('https://example.com/a'); } catch (e) { console.log(String(e)); }",
      'try { new self.XMLHttpRequest(); } catch (e) { console.log(String(e)); }',
      "try { self.importScripts('https://example.com/b.js'); } catch (e) { console.log(String(e)); }",
      "await fetch('https://example.com/c');",
    ]);
    await page.keyboard.press('ControlOrMeta+Enter');
    const output = listing.locator('[data-output]');
    await expect(listing.getByRole('alert')).toContainText("Error on line 5: fetch('https://example.com/c') is blocked", FIRST_RUN);
    await expect(output).toContainText('undefined undefined');
    await expect(output).toContainText("Error: fetch('https://example.com/a') is blocked: listings run without network access");
    await expect(output).toContainText('Error: XMLHttpRequest is blocked');
    await expect(output).toContainText('Error: importScripts is blocked');
    expect(requests.filter((u) => u.includes('example.com'))).toEqual([]);
  });

  test('pass axe after a run, in both themes, and fit a phone', async ({ page }) => {
    const listing = page.locator('[id="lst:conv-by-hand"]');
    const include = ['[id="lst:conv-by-hand"]', '[id="lst:conv-shapes"]'];
    await listing.getByRole('button', { name: 'Run' }).click();
    await expect(listing.locator('[data-status]')).toContainText(/Ran in/, FIRST_RUN);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Light: every rule; dark: the rules that depend on the theme.
      const rules = theme === 'dark' ? { rules: ['color-contrast', 'link-in-text-block'] } : {};
      expect(await axeViolations(page, { include, ...rules }), theme).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
      await listing.screenshot({ path: `test-results/screenshots/listing-desktop-${theme}.png` });
    }
    await page.setViewportSize({ width: 375, height: 740 });
    await listing.screenshot({ path: 'test-results/screenshots/listing-mobile-dark.png' });
    const overflow = await listing.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'the listing fits a 375 px screen').toBeLessThanOrEqual(0);
  });
});
