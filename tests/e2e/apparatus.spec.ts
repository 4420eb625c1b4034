/**
 * The textbook apparatus in the built site: cross-references, citation previews,
 * copy buttons, print styles, the index of exercises, the whole-book page and the
 * citation metadata in every page's head.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { builtPages } from './helpers';
import { expectStylesheetsInHead } from './stylesheets';

const PREFACE = 'chapters/how-to-use/';
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const pages = builtPages();
const chapterPages = pages.filter((p) => p.startsWith('chapters/'));

/** Meta tags and JSON-LD of a built page, read from its HTML. */
/**
 * The citation metadata, JSON-LD and title of a built page: its HTML is fetched and
 * parsed by the browser's DOMParser (no rendering, no scripts), which is all the
 * <head> needs and ~20 times quicker than loading each page.
 */
async function headOf(
  page: Page,
  request: APIRequestContext,
  path: string,
): Promise<{ meta: Record<string, string[]>; ld: Record<string, unknown>; h1: string }> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  const { meta, ldText, h1 } = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const out: Record<string, string[]> = {};
    for (const m of doc.head.querySelectorAll<HTMLMetaElement>('meta[name^="citation_"]')) (out[m.name] ??= []).push(m.content);
    return {
      meta: out,
      ldText: doc.head.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}',
      h1: doc.querySelector('h1')?.textContent?.trim() ?? '',
    };
  }, html);
  return { meta, ld: JSON.parse(ldText) as Record<string, unknown>, h1 };
}

test('a cross-reference link lands on its target', async ({ page }) => {
  await page.goto(PREFACE);
  const link = page.locator('a.xref[href="#eq:conv-out"]').first();
  await expect(link).toHaveText('Equation 0.1');
  await link.click();
  await expect(page).toHaveURL(/#eq:conv-out$/);
  const target = page.locator('[id="eq:conv-out"]');
  await expect(target).toBeInViewport();
  await expect(target.locator('.tag')).toHaveText('(0.1)');

  const figure = page.locator('a.xref[href="#fig:output-size"]').first();
  await expect(figure).toHaveText('Figure 0.1');
  await figure.click();
  await expect(page.locator('[id="fig:output-size"]')).toBeInViewport();
  await expect(page.locator('[id="fig:output-size"] figcaption')).toContainText('Figure 0.1 — ');
});

test('a cross-reference from another page lands in the chapter', async ({ page }) => {
  await page.goto('glossary/');
  const link = page.locator(`a.xref[href*="${PREFACE}#"]`).first();
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${PREFACE}#`));
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
});

test('the citation preview opens on keyboard focus and hover, and Escape closes it', async ({ page }) => {
  await page.goto(PREFACE);
  const cite = page.locator('.cite').first();
  const link = cite.locator('a.cite-link');
  const tip = cite.locator('[role="tooltip"]');
  await expect(tip).toBeHidden();
  await expect(link).toHaveAccessibleDescription(/Simonyan, K\., & Zisserman, A\. \(2015\)/);

  // Keyboard: start from the paragraph, Tab to the citation.
  const paragraph = page.locator('p', { has: link });
  await paragraph.click({ position: { x: 2, y: 2 } });
  await expect(tip).toBeHidden();
  for (let i = 0; i < 5 && !(await link.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Very Deep Convolutional Networks');
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(tip).toBeVisible();

  // Hover.
  await page.keyboard.press('Shift+Tab');
  await expect(tip).toBeHidden();
  await link.hover();
  await expect(tip).toBeVisible();

  // The link goes to the chapter's reference list.
  await link.click();
  await expect(page.locator('[id="ref-0-simonyan2015vgg"]')).toBeInViewport();
  await expect(page.locator('[id="ref-0-simonyan2015vgg"]')).toContainText('Simonyan, K., & Zisserman, A. (2015).');
});

test('the copy buttons copy the citation texts, and anchors copy their link', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto(PREFACE);
  const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

  for (const id of ['cite-chapter-apa', 'cite-chapter-bibtex', 'cite-chapter-csl', 'cite-book-apa', 'cite-book-bibtex', 'cite-book-csl']) {
    const button = page.locator(`button[data-copy="${id}"]`);
    const details = page.locator('details', { has: button });
    if ((await details.count()) > 0) await details.locator('summary').click();
    await expect(button).toBeVisible();
    await button.click();
    await expect(button).toContainText('Copied');
    const expected = ((await page.locator(`[id="${id}"]`).textContent()) ?? '').trim();
    expect(await clipboard()).toBe(expected);
  }
  const bibtex = ((await page.locator('#cite-chapter-bibtex').textContent()) ?? '').trim();
  expect(bibtex).toMatch(/^@incollection\{/);
  expect(bibtex).toContain(`note      = {Version ${pkg.version}}`);
  expect(JSON.parse((await page.locator('#cite-book-csl').textContent()) ?? '')[0]).toMatchObject({ type: 'book', version: pkg.version });
  expect(await clipboard()).toContain(`"version": "${pkg.version}"`);

  await page.locator('[id="eq:conv-out"] a.apparatus-anchor').click();
  await expect(page).toHaveURL(/#eq:conv-out$/);
  await expect.poll(clipboard).toBe(new URL(`${PREFACE}#eq:conv-out`, baseURL).href);
});

test('without JavaScript the citation texts are there and no copy button shows', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto(PREFACE);
  await expect(page.locator('#cite-chapter-apa')).toContainText('How to use this book');
  await expect(page.locator('button[data-copy]').first()).toBeHidden();
  await page.locator('summary', { hasText: 'BibTeX' }).first().click();
  await expect(page.locator('#cite-chapter-bibtex')).toBeVisible();
  await context.close();
});

test('print hides the chrome and keeps numbers, links and static figures', async ({ page }) => {
  await page.goto(PREFACE);
  await page.emulateMedia({ media: 'print' });
  for (const selector of [
    'header.header',
    'nav.sidebar',
    '.right-sidebar-container',
    '.pagination-links',
    '.apparatus-anchor',
    '.sl-anchor-link',
    '.widget-controls',
    'button[data-copy]',
    '.exercise-solution',
  ]) {
    const all = page.locator(selector);
    for (let i = 0; i < (await all.count()); i += 1) await expect(all.nth(i), selector).toBeHidden();
  }
  await expect(page.locator('[id="eq:conv-out"] .tag')).toBeVisible();
  await expect(page.locator('[id="fig:output-size"] figcaption')).toBeVisible();
  await expect(page.locator('[id="fig:output-size"] .widget-print-note')).toBeVisible();
  await expect(page.locator('[id="fig:output-size"] .widget-print-note')).toContainText(`${PREFACE}#fig:output-size`);
  await expect(page.locator('.exercise').first()).toBeVisible();
  // External links print their address; citations and cross-references do not.
  const after = (selector: string): Promise<string> =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => getComputedStyle(el, '::after').content);
  expect(await after('.references a.reference-url')).toBe('none');
  expect(await after('a.xref')).toBe('none');
  expect(await after('a.cite-link')).toBe('none');
  await page.screenshot({ path: 'test-results/screenshots/apparatus-preface-print.png', fullPage: true });
});

test('a page printed from the dark theme prints in the light theme, and the screen returns to dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(PREFACE);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Records the theme the page has while it is being printed (Chromium fires beforeprint for page.pdf()).
  await page.evaluate(() =>
    addEventListener('beforeprint', () => document.body.setAttribute('data-printed-theme', document.documentElement.dataset.theme ?? '')),
  );
  await page.pdf();
  await expect(page.locator('body')).toHaveAttribute('data-printed-theme', 'light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the index of exercises lists every exercise with the number the chapter shows', async ({ page }) => {
  await page.goto('exercises/');
  const links = page.locator('.exercise-index-list a');
  expect(await links.count()).toBeGreaterThanOrEqual(2);
  const first = links.first();
  const number = ((await first.locator('.exercise-number').textContent()) ?? '').trim();
  expect(number).toMatch(/^Exercise \d+\.\d+$/);
  await first.click();
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const exercise = page.locator(`[id="${id}"]`);
  await expect(exercise).toBeInViewport();
  await expect(exercise.locator('.exercise-number')).toHaveText(number);
  // Hint and solution are closed disclosures that open by keyboard.
  const summary = exercise.locator('.exercise-solution summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(exercise.locator('.exercise-solution')).toHaveAttribute('open', '');
});

test('the whole-book page holds every chapter in order and prints without chrome', async ({ page }) => {
  await page.goto('print/');
  const titles = await page.locator('.print-chapter-title').allTextContents();
  expect(titles.length).toBe(chapterPages.length);
  expect(titles[0]).toContain('How to use this book');
  await expect(page.locator('[id="how-to-use--eq:conv-out"] .tag')).toHaveText('(0.1)');
  // Eight chapters' code blocks, one stylesheet: no stylesheet arrives mid-page.
  await expectStylesheetsInHead(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav.sidebar')).toBeHidden();
  await expect(page.locator('header.header')).toBeHidden();
});

test('every chapter has citation metadata and JSON-LD in its head', async ({ page, request }) => {
  expect(chapterPages.length).toBeGreaterThan(0);
  for (const path of chapterPages) {
    const { meta, ld, h1 } = await headOf(page, request, path);
    expect(meta.citation_title, path).toEqual([h1]);
    expect(meta.citation_author?.length, path).toBeGreaterThan(0);
    expect(meta.citation_publication_date?.[0], path).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    expect(meta.citation_book_title?.[0], path).toMatch(/^Fully Connected: /);
    expect(meta.citation_public_url?.[0], path).toMatch(new RegExp(`/${path}$`));
    expect(ld, path).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Chapter',
      name: h1,
      isPartOf: { '@type': 'Book', version: pkg.version },
    });
  }
});

test('every page has citation metadata; the title page is a Book with its chapters', async ({ page, request }) => {
  for (const path of pages) {
    const { meta, ld } = await headOf(page, request, path);
    expect(meta.citation_title?.length, path || '/').toBe(1);
    expect(meta.citation_public_url?.length, path || '/').toBe(1);
    expect(ld['@context'], path || '/').toBe('https://schema.org');
  }
  const { meta, ld } = await headOf(page, request, '');
  expect(ld).toMatchObject({ '@type': 'Book', name: 'Fully Connected', version: pkg.version });
  expect((ld.hasPart as unknown[]).length).toBe(chapterPages.length);
  expect(meta.citation_book_title).toBeUndefined();
});
