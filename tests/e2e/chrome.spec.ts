/** The reading layout: search (its UI loaded on demand), theme switch by keyboard, mobile menu, navigation. */
import { expect, test } from '@playwright/test';
import { expectStylesheetsInHead } from './stylesheets';

test('search finds a word from the preface', async ({ page }) => {
  await page.goto('');
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Search' }).fill('overfitting');
  const result = dialog.locator('.pagefind-ui__result-link').first();
  await expect(result).toBeVisible({ timeout: 15_000 });
  const hit = dialog.locator('.pagefind-ui__result-link', { hasText: 'How to use this book' }).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/chapters\/how-to-use\//);
});

test('search loads its UI only when the reader reaches for it; Ctrl+K opens it with the box focused', async ({ page }) => {
  const uiRequests: string[] = [];
  page.on('request', (r) => {
    if (/ui-core/.test(r.url())) uiRequests.push(r.url());
  });
  await page.goto('glossary/');
  await page.evaluate(() => new Promise((resolve) => window.requestIdleCallback(() => resolve(null), { timeout: 5000 })));
  await page.waitForLoadState('networkidle');
  expect(uiRequests, 'the search UI loaded before the reader asked for it').toEqual([]);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ControlOrMeta+k');
  const box = page.getByRole('dialog').getByRole('textbox', { name: 'Search' });
  await expect(box).toBeFocused({ timeout: 15_000 });
  expect(uiRequests).toHaveLength(1);
  await page.keyboard.insertText('dropout');
  await expect(page.getByRole('dialog').locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });

  // A tap on the Search button of a fresh page: the box is focused once it has rendered.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('notation/');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('dialog').getByRole('textbox', { name: 'Search' })).toBeFocused({ timeout: 15_000 });
});

test('search says so when its UI cannot load', async ({ page }) => {
  await page.route(/ui-core/, (route) => route.abort());
  await page.goto('licenses/');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('dialog')).toContainText('Search could not load', { timeout: 15_000 });
});

test("pages with math preload KaTeX's main fonts, the same files the stylesheet uses, fetched once", async ({ page }) => {
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (/KaTeX_(Main-Regular|Math-Italic)/.test(r.url())) fonts.push(new URL(r.url()).pathname);
  });
  await page.goto('glossary/');
  await page.evaluate(() => document.fonts.ready);
  const preloaded = await page
    .locator('link[rel="preload"][as="font"]')
    .evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
  expect(preloaded).toHaveLength(2);
  expect([...fonts].sort()).toEqual([...preloaded].sort());
  expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.style}`))).toEqual(
    expect.arrayContaining(['KaTeX_Main normal', 'KaTeX_Math italic']),
  );
});

test("every stylesheet is in the head, each once, and code blocks keep Expressive Code's styles", async ({ page }) => {
  await page.goto('chapters/pooling/', { waitUntil: 'domcontentloaded' });
  await expectStylesheetsInHead(page);
});

test('the theme switch works from the keyboard and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('chapters/how-to-use/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const select = page.locator('starlight-theme-select select').first();
  await select.focus();
  await expect(select).toBeFocused();
  // Keyboard only: Auto → Light → Dark with the arrow keys.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the mobile menu opens at a 375 px viewport and lists the chapters', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('chapters/how-to-use/');
  const sidebar = page.locator('#starlight__sidebar');
  await expect(sidebar).toBeHidden();
  const toggle = page.getByRole('button', { name: 'Menu' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(sidebar).toBeVisible();
  await expect(sidebar.getByRole('link', { name: 'How to use this book' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sidebar).toBeHidden();
});

test('chapters link to the next and previous chapter', async ({ page }) => {
  await page.goto('');
  await page.getByRole('link', { name: 'Start reading' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How to use this book');
  await expect(page.locator('.pagination-links a[rel="prev"]')).toHaveCount(1);
});

test('the title page lists the chapters in order', async ({ page }) => {
  await page.goto('');
  const toc = page.getByRole('list', { name: 'Chapters' });
  await expect(toc.getByRole('link').first()).toHaveText(/How to use this book/);
});

/**
 * "On this page" marks the section being read (src/components/toc/starlight-toc.ts,
 * which replaces Starlight's script): the opening, an <h2> section, an <h3> inside one,
 * back up the page, after a jump from the list itself or from a link into the page, and
 * in the mobile drop-down's bar.
 */
test('"On this page" follows the reader through a chapter', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('chapters/fully-connected/');
  const toc = page.locator('starlight-toc');
  const current = toc.locator('a[aria-current="true"]');
  await expect(current).toHaveAttribute('href', '#_top');

  /** Whether the heading `id` is within 200 px of the window's top (under the site header). */
  const headingTop = (id: string): Promise<boolean> =>
    page.locator(`#${id}`).evaluate((h) => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < 200);
  const readHeading = async (id: string): Promise<void> => {
    await page.locator(`#${id}`).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await expect(current).toHaveAttribute('href', `#${id}`);
  };
  await readHeading('parameters-and-multiplyaccumulates');
  await readHeading('checking-the-gradient-numerically'); // an <h3>
  await readHeading('exercises');
  await readHeading('one-neuron'); // back up the page
  // Following a link of the list itself.
  await toc.getByRole('link', { name: /A fully connected layer is a convolution/ }).click();
  await expect(current).toHaveAttribute('href', '#a-fully-connected-layer-is-a-convolution');
  await expect.poll(() => headingTop('a-fully-connected-layer-is-a-convolution'), 'the heading near the top of the window').toBe(true);

  // A link to a section deep in the page lands on its heading.
  await page.goto('about:blank');
  await page.goto('chapters/fully-connected/#summary');
  await expect(current).toHaveAttribute('href', '#summary');
  await expect.poll(() => headingTop('summary'), 'the heading near the top of the window').toBe(true);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.locator('#where-the-parameters-are').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await expect(page.locator('mobile-starlight-toc .display-current')).toHaveText(/Where the parameters are/);
});
