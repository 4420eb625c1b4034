/**
 * Chapter 7 (Designing the head): the page and its tables render, the embedded model
 * inspector starts with the book's small CNN and no error, follows edits to the head
 * and the input size from the keyboard, every cross-reference of the checklist and of
 * the book summary lands on an existing page and anchor, and axe is clean in both themes.
 */
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';

const PAGE = 'chapters/designing-the-head/';

// Hand counts (weights + biases): conv 5·5·1·8 + 8 = 208, conv 5·5·8·16 + 16 = 3,216,
// Linear 784·64 + 64 = 50,240, Linear 64·10 + 10 = 650; GAP head Linear 16·10 + 10 = 170.
const FC_TOTAL = (208 + 3216 + 50240 + 650).toLocaleString('en-US');
const GAP_TOTAL = (208 + 3216 + 170).toLocaleString('en-US');

test('the chapter renders its tables with the library’s numbers', async ({ page, baseURL }) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(PAGE);
  await expect(page.locator('h1')).toHaveText('Designing the head');
  const walk = page.locator('#tab\\:head-walk');
  await expect(walk).toContainText('Table 7.');
  await expect(walk.locator('tbody tr')).toHaveCount(13); // input, 11 layers, softmax
  await expect(walk.locator('tfoot')).toContainText(FC_TOTAL);
  await expect(page.locator('#tab\\:head-families')).toContainText('50,890'); // 50,240 + 650
  await expect(page.locator('#tab\\:head-results tbody tr')).toHaveCount(3);
  await expect(page.locator('#tab\\:head-results')).toContainText(FC_TOTAL);
  await expect(page.locator('#tab\\:head-results')).toContainText(GAP_TOTAL);
  expect(await page.locator('.katex-error').count()).toBe(0);
  await expect(page.locator('.book-exercise, [id^="ex:head-"]')).not.toHaveCount(0);
  expect(await page.locator('[id^="ex:head-"]').count()).toBeGreaterThanOrEqual(6);
  expect(problems.consoleErrors).toEqual([]);
});

test('the embedded inspector loads the small CNN, reports no error, and follows the head and the input', async ({ page }) => {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="inspector"]');
  await expect(widget).toHaveAttribute('data-start', 'small-cnn');
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('[data-code]').focus(); // the inspector's code loads on first use
  await expect(widget).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
  await expect(widget.locator('[data-status]')).toContainText('No errors.');
  await expect(widget.getByRole('region', { name: 'Errors' })).toBeEmpty();
  await expect(widget.locator('tfoot')).toContainText(FC_TOTAL);

  // A 32×32 input: 16·8·8 = 1,024 features reach the first Linear, which expects 784.
  const shape = widget.getByLabel('Input shape (C, H, W)');
  await shape.fill('1,32,32');
  const errors = widget.getByRole('region', { name: 'Errors' });
  await expect(errors).toContainText('mat1 and mat2 shapes cannot be multiplied (1x1024 and 784x64)');
  await expect(errors).toContainText('nn.Linear(1024, 64)');

  // The GAP head, chosen and loaded with the keyboard: the same trunk, 170 head parameters.
  const select = widget.getByLabel('Example');
  await select.focus();
  await select.selectOption('small-cnn-gap');
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Load example' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shape).toHaveValue('1,28,28');
  await expect(widget.locator('tfoot')).toContainText(GAP_TOTAL);
  await expect(widget.locator('[data-status]')).toContainText('No errors.');
  // …and it takes a larger digit as it is.
  await shape.fill('1,64,64');
  await expect(widget.locator('[data-status]')).toContainText('No errors.');
  await expect(widget.locator('tfoot')).toContainText(GAP_TOTAL);
});

test('every cross-reference of the checklist and the book summary resolves', async ({ page, request }) => {
  await page.goto(PAGE);
  const sections = ['#a-checklist-of-head-bugs', '#the-book-in-one-page'];
  const links: { text: string; href: string }[] = [];
  for (const id of sections) {
    // The links between this heading and the next heading of the same level.
    const found = await page.evaluate((sel) => {
      const heading = document.querySelector(sel)?.closest('.sl-heading-wrapper') ?? document.querySelector(sel);
      const out: { text: string; href: string }[] = [];
      let node = heading?.nextElementSibling ?? null;
      while (node && !node.matches('.level-h2, h2')) {
        node.querySelectorAll('a[href]').forEach((a) => {
          if (!a.closest('.cite, [data-cite]') && !a.classList.contains('sl-anchor-link'))
            out.push({ text: a.textContent?.trim() ?? '', href: (a as HTMLAnchorElement).href });
        });
        node = node.nextElementSibling;
      }
      return out;
    }, id);
    expect(found.length, `links under ${id}`).toBeGreaterThan(3);
    links.push(...found);
  }
  const chapters = links.filter((l) => /^Chapter \d$/.test(l.text)).map((l) => l.text);
  for (const n of [1, 2, 3, 4, 5, 6]) expect(chapters).toContain(`Chapter ${n}`);

  for (const link of links) {
    const url = new URL(link.href);
    if (url.pathname.includes('/chapters/')) {
      const response = await request.get(url.pathname);
      expect(response.status(), link.href).toBe(200);
      if (url.hash) {
        const html = await response.text();
        expect(html, `${link.text}: ${link.href}`).toContain(`id="${decodeURIComponent(url.hash.slice(1))}"`);
      }
    } else {
      expect(url.pathname, `${link.text}`).toMatch(/\/(inspector|lab)\/$/);
      expect((await request.get(url.pathname)).status()).toBe(200);
    }
  }
});

test('the preface lists chapters 1–7 as cross-references', async ({ page }) => {
  await page.goto('chapters/how-to-use/');
  // The list under "What the book covers": the first list of the page that links to chapter 7.
  const list = page
    .locator('.sl-markdown-content ul')
    .filter({ has: page.locator('a[href$="chapters/designing-the-head/"]') })
    .first();
  await expect(list.locator('a')).toHaveText(['Chapter 1', 'Chapter 2', 'Chapter 3', 'Chapter 4', 'Chapter 5', 'Chapter 6', 'Chapter 7']);
  await list.locator('a').last().click();
  await expect(page).toHaveURL(/chapters\/designing-the-head\/$/);
});
