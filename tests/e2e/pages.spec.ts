/**
 * Every page of the built site, as a reader meets it, in one visit per page:
 *   1. light theme, desktop: it loads with status 200, its math is typeset, every widget
 *      that loads when visible mounts as the page is scrolled through, and axe-core
 *      (WCAG 2.1 A/AA, best practices) finds nothing;
 *   2. the reader's system switches to the dark theme: the page follows, and axe's
 *      colour-contrast rule (the part of axe that depends on the theme) finds nothing;
 *   3. a 375 px phone screen: nothing overflows sideways;
 * and through all of it no console error, CSP violation, failed request or request to
 * another origin.
 *
 * One visit rather than one per theme and screen: loading and scrolling a long chapter
 * costs more than checking it, and this spec runs on every `npm test`.
 * The screenshots (test-results/screenshots/) show the first screen of each state;
 * `npm run screenshots` takes whole pages instead (~8 s each: too slow for every run).
 * The whole-book print page (print/) repeats every chapter on one page, 120,000 px
 * tall: its widgets and colours are the chapters' own, checked on their pages, so there
 * it checks the page-level rules (PRINT_RULES: ids, landmarks, headings) in the light theme.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';
import { builtPages, pageName, scrollThrough, watchCsp, watchPage } from './helpers';

const PRINT = 'print/';
// The print page first: its visit is the longest of this spec, and a long test at the
// end of a run leaves the other worker idle.
const pages = builtPages().sort((a, b) => Number(b === PRINT) - Number(a === PRINT));
const fullPage = process.env.FULL_SCREENSHOTS === '1';

/**
 * What the print page can get wrong that its chapters' pages cannot: it puts seven
 * chapters in one document (ids prefixed per chapter, references rewritten, widgets
 * repeated). axe's page-level and id-reference rules, about 7 s there against 50 s for
 * every rule.
 */
const PRINT_RULES = [
  'landmark-unique',
  'landmark-one-main',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-main-is-top-level',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'region',
  'bypass',
  'document-title',
  'html-has-lang',
  'page-has-heading-one',
  'heading-order',
  'empty-heading',
  'duplicate-id-aria',
  'aria-valid-attr-value',
  'aria-allowed-attr',
  'label',
  'link-name',
  'button-name',
  'image-alt',
];

test('the built site has the title page and the preface', () => {
  expect(pages).toContain('');
  expect(pages).toContain('chapters/how-to-use/');
});

async function screenshot(page: Page, path: string, state: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${pageName(path)}-${state}.png`, fullPage: fullPage && path !== PRINT });
}

for (const path of pages) {
  test(`${path || '/'}: renders cleanly, passes axe in both themes, fits a phone`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const problems = watchPage(page, origin);
    const csp = await watchCsp(page);

    // 1. Light theme, desktop.
    await page.emulateMedia({ colorScheme: 'light' });
    const response = await page.goto(path);
    expect(response?.status(), 'HTTP status').toBe(200);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    // Math: every formula typeset, no KaTeX error, no raw TeX delimiters in the prose.
    expect(await page.locator('.katex-error').count(), 'KaTeX error spans').toBe(0);
    for (const text of await page.locator('.sl-markdown-content').allInnerTexts()) {
      expect(text, 'raw $$ display math').not.toContain('$$');
      expect(text.match(/\$[^$\s][^$]*\\[a-zA-Z]+[^$]*\$/), 'raw $…\\command…$ inline math').toBeNull();
    }

    // Widgets load as they come into view: scroll through the page so that every one of
    // them mounts (none may fail), then check the page as a reader would meet it.
    if (path === PRINT) await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    else await scrollThrough(page);
    await expect(page.locator('[data-hydrated="loading"]'), 'widgets still loading').toHaveCount(0, { timeout: 60_000 });
    await expect(page.locator('[data-hydrated="failed"]'), 'widgets that failed to load').toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page, path === PRINT ? { rules: PRINT_RULES } : {}), 'axe violations (light theme)').toEqual([]);
    await screenshot(page, path, 'desktop-light');

    // 2. The system switches to dark; Starlight's "auto" theme follows it.
    if (path !== PRINT) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(await axeViolations(page, { rules: ['color-contrast', 'link-in-text-block'] }), 'axe colour contrast (dark theme)').toEqual(
        [],
      );
      await screenshot(page, path, 'desktop-dark');
    }

    // 3. A phone.
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow of the whole page at 375 px (px)').toBeLessThanOrEqual(0);
    await screenshot(page, path, 'mobile');

    expect(csp, 'Content-Security-Policy violations').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
    expect(problems.failedRequests, 'failed requests').toEqual([]);
    expect(problems.foreignRequests, 'requests to other origins').toEqual([]);
  });
}
