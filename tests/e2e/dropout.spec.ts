/**
 * Chapter 5 (dropout): the mask visualiser (static fallback, hydration, slider,
 * Resample, keyboard, modes, refusal and recovery), the filtered heads figure,
 * the two Labs without id collisions, and axe in light and dark themes.
 */
import { axeViolations } from './axe';
import { expect, test, type Page } from '@playwright/test';

const PAGE = 'chapters/dropout/';

async function openWidget(page: Page) {
  const widget = page.locator('[data-widget="dropout-masks"]');
  await widget.scrollIntoViewIfNeeded();
  // Generous: on a loaded 2-core machine the island's chunk can take seconds to arrive.
  await expect(widget).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  return widget;
}

test.describe('dropout mask visualiser', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(PAGE);
  });

  test('has a static fallback in the built HTML, then hydrates', async ({ page, request }) => {
    const html = await (await request.get(PAGE)).text();
    expect(html).toContain('Training mode, p = 0.5, seed 1: the mask keeps');
    expect(html).toContain('class="dm-table"');
    const widget = page.locator('[data-widget="dropout-masks"]');
    // 16 units: a header row of "Unit" and 16 numbered columns; five rows of values.
    await expect(widget.locator('.dm-table thead th')).toHaveCount(17);
    await expect(widget.locator('.dm-table tbody tr')).toHaveCount(5);
    await openWidget(page);
  });

  test('resamples by mouse and keyboard, and follows the slider', async ({ page }) => {
    const widget = await openWidget(page);
    const readout = widget.locator('[data-readout]');
    const seed = widget.getByLabel('Seed', { exact: true });
    const maskRow = widget.locator('.dm-mask');
    const before = await maskRow.textContent();

    await widget.getByRole('button', { name: /Resample/ }).click();
    await expect(seed).toHaveValue('2');
    await expect(readout).toContainText('seed 2');
    // Different seeds give different masks here (checked in the unit tests too).
    expect(await maskRow.textContent()).not.toBe(before);

    // Keyboard: Enter on the focused button, arrows on the slider.
    await widget.getByRole('button', { name: /Resample/ }).focus();
    await page.keyboard.press('Enter');
    await expect(seed).toHaveValue('3');
    const slider = widget.getByLabel('Drop probability p (slider)');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(widget.getByLabel('p (type it)')).toHaveValue('0.55');
    await expect(readout).toContainText('p = 0.55');
    await expect(readout).toContainText('1/(1 − p) = 2.222');
    await page.keyboard.press('Home');
    await expect(readout).toContainText('p = 0,');
    await expect(readout).toContainText('keeps 16 of 16 units');
  });

  test('evaluation mode is the identity; the original scheme scales by 1 − p', async ({ page }) => {
    const widget = await openWidget(page);
    const readout = widget.locator('[data-readout]');
    await widget.getByLabel('Mode', { exact: true }).selectOption('eval');
    await expect(readout).toContainText('inverted dropout is the identity');
    const rows = widget.locator('.dm-table tbody tr');
    await expect(rows.nth(2).locator('td')).toHaveText(await rows.nth(0).locator('td').allTextContents());
    await expect(widget.locator('.dm-mask td.dropped')).toHaveCount(0);

    await widget.getByLabel('Scaling', { exact: true }).selectOption('original');
    await expect(readout).toContainText('multiplies it by the retention probability 1 − p = 0.5');
    await widget.getByLabel('Mode', { exact: true }).selectOption('train');
    await expect(readout).toContainText('kept units pass unscaled');
    await expect(readout).toContainText('the activations times 1 − p = 0.5');
  });

  test('refuses p outside [0, 1) with the reason, and recovers', async ({ page }) => {
    const widget = await openWidget(page);
    const error = widget.getByRole('alert');
    const p = widget.getByLabel('p (type it)');
    await p.fill('1');
    await expect(error).toBeVisible();
    await expect(error).toContainText('p must be below 1');
    await expect(p).toHaveAttribute('aria-invalid', 'true');
    await expect(widget).toHaveClass(/is-stale/);
    await p.fill('-0.1');
    await expect(error).toContainText('cannot be negative');
    // A number field holds nothing when letters are typed: the message asks for a number.
    await p.fill('');
    await expect(error).toContainText('Drop probability p is empty');
    await widget.getByLabel('Seed', { exact: true }).fill('1.5');
    await p.fill('0.3');
    await expect(error).toContainText('Seed must be a whole number');
    await widget.getByLabel('Seed', { exact: true }).fill('4');
    await expect(error).toBeHidden();
    await expect(p).toHaveAttribute('aria-invalid', 'false');
    await expect(widget.locator('[data-readout]')).toContainText('p = 0.3, seed 4');
    await expect(widget.getByLabel('Drop probability p (slider)')).toHaveValue('0.3');
  });
});

test('the heads figure shows only the two FC heads and draws its chart', async ({ page }) => {
  await page.goto(PAGE);
  const figure = page.locator('[data-widget="heads-chart"]');
  await expect(figure).toHaveCount(1);
  await expect(figure).toHaveAttribute('data-heads', 'fc fc-dropout');
  await expect(figure.locator('tbody tr')).toHaveCount(2);
  await expect(figure.locator('tbody th')).toHaveText(['FC head (hidden 64)', 'FC head (hidden 64) + dropout 0.5']);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-hydrated', 'true');
  const drawn = await figure.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    return data.some((v, i) => i % 4 === 3 && v > 0);
  });
  expect(drawn).toBe(true);
});

test('two Labs on the page: different dropout, no duplicate element ids', async ({ page }) => {
  await page.goto(PAGE);
  const labs = page.locator('[data-widget="lab"]');
  await expect(labs).toHaveCount(2);
  await expect(labs.nth(0).locator('[name="dropout"]')).toHaveValue('0');
  await expect(labs.nth(1).locator('[name="dropout"]')).toHaveValue('0.5');
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, c]) => c > 1).map(([id]) => id);
  });
  expect(duplicates).toEqual([]);
  // Neither Lab writes the page's address.
  for (const lab of await labs.all()) await expect(lab).toHaveAttribute('data-owns-url', 'false');
});

// The page in its first state is checked in both themes by pages.spec.ts; here the
// mask visualiser in evaluation mode with an error showing, in light, then in dark.
test('the mask visualiser passes axe in evaluation mode with an error, in both themes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(PAGE);
  const widget = await openWidget(page);
  const include = ['[data-widget="dropout-masks"]'];
  await widget.getByLabel('Mode', { exact: true }).selectOption('eval');
  await widget.getByLabel('p (type it)').fill('2');
  await expect(widget.getByRole('alert')).toBeVisible();
  expect(await axeViolations(page, { include }), 'light theme').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await axeViolations(page, { include, rules: ['color-contrast'] }), 'dark theme: contrast').toEqual([]);
  await widget.getByLabel('p (type it)').fill('0.5');
  await widget.screenshot({ path: 'test-results/screenshots/dropout-masks-dark.png' });
});
