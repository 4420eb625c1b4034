/**
 * Every page of the built site, in light and dark themes, desktop and mobile:
 * it loads, its math is rendered, nothing fails, axe finds nothing, and a
 * full-page screenshot is saved under test-results/screenshots/ for a person to look at.
 */
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages, pageName, watchPage } from './helpers';

const pages = builtPages();

test('the built site has the title page and the preface', () => {
  expect(pages).toContain('');
  expect(pages).toContain('chapters/how-to-use/');
});

for (const path of pages) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${path || '/'} (${theme}) renders cleanly and passes axe`, async ({ page, baseURL }) => {
      const origin = new URL(baseURL!).origin;
      const problems = watchPage(page, origin);
      await page.emulateMedia({ colorScheme: theme });
      const response = await page.goto(path);
      expect(response?.status(), 'HTTP status').toBe(200);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

      // Math: every formula typeset, no KaTeX error, no raw TeX delimiters in the prose.
      expect(await page.locator('.katex-error').count(), 'KaTeX error spans').toBe(0);
      const prose = await page.locator('.sl-markdown-content').allInnerTexts();
      for (const text of prose) {
        expect(text, 'raw $$ display math').not.toContain('$$');
        expect(text.match(/\$[^$\s][^$]*\\[a-zA-Z]+[^$]*\$/), 'raw $…\\command…$ inline math').toBeNull();
      }

      // Widgets hydrate when scrolled to; load them all before checking.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const violations = axe.violations.map(
        (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
      );
      expect(violations, 'axe violations').toEqual([]);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/screenshots/${pageName(path)}-desktop-${theme}.png`, fullPage: true });
      expect(problems.consoleErrors, 'console errors').toEqual([]);
      expect(problems.failedRequests, 'failed requests').toEqual([]);
      expect(problems.foreignRequests, 'requests to other origins').toEqual([]);
    });
  }

  test(`${path || '/'} (mobile) fits a 375 px screen`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(path);
    await page.screenshot({ path: `test-results/screenshots/${pageName(path)}-mobile.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow of the whole page (px)').toBeLessThanOrEqual(0);
  });
}
