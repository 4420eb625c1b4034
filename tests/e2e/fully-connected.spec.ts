/**
 * Chapter 4: the dense-layer playground (static fallback, training, keyboard and
 * pointer, bad input and divergence, recovery), the parameter-share figure's table,
 * and axe on the page in light and dark themes.
 */
import { expect, test, type Locator } from '@playwright/test';
import { watchPage } from './helpers';

const PAGE = 'chapters/fully-connected/';

/** The loss in the readout ("Step 12: mean cross-entropy loss 0.1234, …"). */
async function readLoss(readout: Locator): Promise<number> {
  const text = (await readout.textContent()) ?? '';
  const m = /loss (\S+),/.exec(text);
  if (!m) throw new Error(`no loss in "${text}"`);
  return Number(m[1]);
}

async function hydrated(page: import('@playwright/test').Page): Promise<Locator> {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="dense-playground"]');
  await widget.scrollIntoViewIfNeeded();
  // On a busy 2-core machine the island's chunk can take several seconds to arrive.
  await expect(widget).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  return widget;
}

test('the playground has a static fallback and the parameter table is in the HTML', async ({ page, request }) => {
  const html = await (await request.get(PAGE)).text();
  // Build time: 40×40 region rectangles, 45 points, the weight table and the readout.
  expect(html.match(/class="dp-r\d"/g)).toHaveLength(1600);
  expect(html.match(/class="dp-pt /g)).toHaveLength(45);
  expect(html).toMatch(/Step 0: mean cross-entropy loss \d\.\d{4}, accuracy \d+ %/);
  expect(html).toContain('data-param-share-table');
  await page.goto(PAGE);
  const table = page.locator('[data-param-share-table]');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').nth(1)).toContainText('61,100,840');
  await expect(table.locator('tbody tr').nth(1)).toContainText('96.0 %');
  await expect(table.locator('tbody tr').nth(2)).toContainText('138,357,544');
  await expect(table.locator('tbody tr').nth(2)).toContainText('89.4 %');
  const widget = page.locator('[data-widget="dense-playground"]');
  await expect(widget.getByRole('button', { name: 'Train' })).toBeDisabled();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');
  await expect(widget.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(widget.locator('canvas')).toBeVisible();
});

test('Train lowers the loss, Pause stops it, Reset restores the start', async ({ page, baseURL }) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  const widget = await hydrated(page);
  const readout = widget.locator('[data-readout]');
  const start = await readLoss(readout);
  const startText = await readout.textContent();
  await widget.getByRole('button', { name: 'Train' }).click();
  await expect(widget.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => readLoss(readout), { timeout: 15_000 }).toBeLessThan(start / 2);
  await widget.getByRole('button', { name: 'Pause' }).click();
  const paused = await readout.textContent();
  await page.waitForTimeout(300);
  await expect(readout).toHaveText(paused ?? '');
  // The weight table follows the training.
  await expect(widget.getByLabel(/^W\[1, 1\]/)).not.toHaveValue('0.6');
  await widget.getByRole('button', { name: 'One step' }).click();
  await expect(readout).not.toHaveText(paused ?? '');
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(readout).toHaveText(startText ?? '');
  await expect(widget.getByLabel(/^W\[1, 1\]/)).toHaveValue('0.6');
  expect(problems.consoleErrors).toEqual([]);
  // No TensorFlow.js on this widget's account: nothing but the site's own files.
  expect(problems.foreignRequests).toEqual([]);
});

test('points move with the keyboard and the pointer', async ({ page }) => {
  const widget = await hydrated(page);
  const stage = widget.locator('[data-stage]');
  const pointText = widget.locator('[data-point]');
  const coords = async (): Promise<[number, number]> => {
    const m = /at \((-?[\d.]+), (-?[\d.]+)\)/.exec((await pointText.textContent()) ?? '');
    return [Number(m?.[1]), Number(m?.[2])];
  };
  const [x0, y0] = await coords();
  await stage.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowUp');
  const [x1, y1] = await coords();
  expect(x1).toBeCloseTo(x0 + 0.3, 5);
  expect(y1).toBeCloseTo(y0 + 0.5, 5);
  await page.keyboard.press('n');
  await expect(pointText).toHaveText(/^Point 2 of 45/);
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(pointText).toHaveText(/^Point 45 of 45/);
  await expect(stage).toBeFocused();
  await expect(widget.locator('.dp-pt.is-selected')).toHaveAttribute('data-i', '44');

  // Drag point 45 to the centre of the picture, i.e. (0, 0).
  const marker = widget.locator('.dp-pt[data-i="44"]');
  const box = (await marker.boundingBox())!;
  const svgBox = (await widget.locator('[data-svg]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(svgBox.x + svgBox.width / 2, svgBox.y + svgBox.height / 2, { steps: 5 });
  await page.mouse.up();
  const [x2, y2] = await coords();
  expect(Math.abs(x2)).toBeLessThan(0.1);
  expect(Math.abs(y2)).toBeLessThan(0.1);
});

test('a bad weight is refused with its reason, an overflowing one stops training, both recover', async ({ page }) => {
  const widget = await hydrated(page);
  const error = widget.getByRole('alert');
  const w21 = widget.getByLabel(/^W\[2, 1\]/);
  await w21.fill('abc');
  await expect(error).toHaveText(
    'W[2, 1] is "abc", which is not a number: type digits with an optional sign and decimal point, such as 0.5 or -1.2.',
  );
  await expect(w21).toHaveAttribute('aria-invalid', 'true');
  await widget.getByRole('button', { name: 'Train' }).click();
  await expect(widget.getByRole('button', { name: 'Train' })).toBeVisible(); // did not start
  await w21.fill('');
  await expect(error).toHaveText('W[2, 1] is empty: type a number such as 0.5 or -1.2.');
  await w21.fill('-1.5');
  await expect(error).toBeHidden();
  await expect(w21).toHaveAttribute('aria-invalid', 'false');
  await expect(widget.locator('[data-readout]')).toHaveText(/^Step 0: mean cross-entropy loss \d/);

  // A weight near float32's limit overflows the logits: the loss is NaN, training refuses.
  await w21.fill('3e38');
  await expect(error).toHaveText(/the logits overflow float32 and the loss is (NaN|Infinity)/);
  await widget.getByRole('button', { name: 'Train' }).click();
  await expect(error).toHaveText(/^Training stopped at step 0: the loss is (NaN|Infinity) \(not a finite number\)/);
  await expect(widget.getByRole('button', { name: 'Train' })).toBeVisible();

  // A bad learning rate is named too.
  await widget.getByLabel('Learning rate η').fill('0');
  await expect(error).toHaveText('The learning rate is 0: it must be greater than 0 (try 0.5).');
  await widget.getByLabel('Learning rate η').fill('0.1');

  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(error).toBeHidden();
  await expect(w21).toHaveValue('0.5');
  await expect(widget.locator('[data-readout]')).toHaveText(/^Step 0: mean cross-entropy loss 1\.\d{4}/);
});

test('the playground fits a 375 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const widget = await hydrated(page);
  await widget.screenshot({ path: 'test-results/screenshots/fully-connected-playground-mobile.png' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('on a phone every equation number is in view, also while its formula is scrolled sideways', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(PAGE, { waitUntil: 'domcontentloaded' });
  const report = await page.locator('.equation .katex-display').evaluateAll((boxes) =>
    boxes.map((box) => {
      const tag = box.querySelector('.tag');
      const inView = (): boolean => {
        if (!tag) return false;
        const b = box.getBoundingClientRect();
        const t = tag.getBoundingClientRect();
        return t.width > 0 && t.left >= b.left - 1 && t.right <= b.right + 1;
      };
      const overflows = box.scrollWidth > box.clientWidth + 1;
      const atStart = inView();
      box.scrollLeft = box.scrollWidth;
      const atEnd = inView();
      box.scrollLeft = 0;
      return { id: box.closest('.equation')?.id, overflows, atStart, atEnd };
    }),
  );
  // Chapter 4's formulas are wider than a phone's column (the case this is about).
  expect(report.filter((r) => r.overflows).length).toBeGreaterThan(2);
  expect(report.filter((r) => !r.atStart || !r.atEnd)).toEqual([]);
  await context.close();
});
