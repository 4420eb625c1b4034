/** The preface's output-size widget: loads when visible, updates, explains bad input. */
import { expect, test } from '@playwright/test';

test('the output-size widget computes, and explains impossible settings', async ({ page }) => {
  await page.goto('chapters/how-to-use/');
  const widget = page.locator('[data-widget="output-size"]');
  const formula = widget.locator('[data-formula]');
  const error = widget.getByRole('alert');
  // The build-time answer is there before any JavaScript runs: 28 − 5 + 1 = 24.
  await expect(formula).toHaveText(/= 24$/);

  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');

  // Padding 2 keeps the size ("same" for k = 5): 28 + 4 − 4 − 1 + 1 = 28.
  await widget.getByLabel('Padding').fill('2');
  await expect(formula).toHaveText(/= 28$/);
  // Stride 2 halves it: ⌊27/2 + 1⌋ = 14.
  await widget.getByLabel('Stride').fill('2');
  await expect(formula).toHaveText(/= 14$/);

  await widget.getByLabel('Stride').fill('0');
  await expect(error).toHaveText('Stride must be at least 1; you typed 0.');
  await expect(widget.getByLabel('Stride')).toHaveAttribute('aria-invalid', 'true');

  await widget.getByLabel('Stride').fill('1');
  await widget.getByLabel('Padding').fill('0');
  await widget.getByLabel('Kernel size').fill('40');
  await expect(error).toBeVisible();
  await expect(error).toContainText('40');

  // Recovers once the input is possible again.
  await widget.getByLabel('Kernel size').fill('3');
  await expect(error).toBeHidden();
  await expect(formula).toHaveText(/= 26$/);
});

test('the output-size widget is operable from the keyboard', async ({ page }) => {
  await page.goto('chapters/how-to-use/');
  const widget = page.locator('[data-widget="output-size"]');
  const input = widget.getByLabel('Input size');
  await input.focus();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(widget.locator('[data-formula]')).toHaveText(/= 25$/);
});
