/** A browser-test check shared by the chrome and apparatus specs. */
import { expect, type Page } from '@playwright/test';

/**
 * Every stylesheet of the page is linked from its <head>, each once, and Expressive
 * Code's stylesheet is among them and styles the code blocks. A stylesheet linked from
 * the body arrives mid-page and re-lays-out everything above it
 * (src/plugins/hoist-stylesheets.mjs).
 */
export async function expectStylesheetsInHead(page: Page): Promise<void> {
  const sheets = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => ({
      href: (l as HTMLLinkElement).href,
      inHead: l.parentElement === document.head,
    })),
  );
  expect(sheets.filter((s) => !s.inHead)).toEqual([]);
  expect(new Set(sheets.map((s) => s.href)).size).toBe(sheets.length);
  expect(sheets.some((s) => /\/ec\.[\w-]+\.css$/.test(s.href))).toBe(true);
  // Expressive Code's frame style (rounded corners) applies to the code blocks.
  await expect(page.locator('.expressive-code figure.frame').first()).toHaveCSS('border-top-left-radius', /^[1-9]/);
}
