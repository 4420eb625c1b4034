/** The convolution chapter's explorer: static fallback, hydration, mouse, keyboard, bad input, recovery. */
import { expect, test } from '@playwright/test';

test('the convolution explorer renders statically, then responds to the mouse and keyboard', async ({ page }) => {
  await page.goto('chapters/convolution/');
  const widget = page.locator('[data-widget="conv-explorer"]');
  const formula = widget.locator('[data-formula]');
  const readout = widget.locator('[data-readout]');
  // The build-time figure: Sobel-x on a 3, 26×26 output, cell (11, 16) explained.
  await expect(formula).toHaveText('⌊(28 + 2·0 − 1·(3 − 1) − 1) / 1 + 1⌋ = 26');
  await expect(readout).toContainText('Output row 11, column 16 of 26×26');
  await expect(widget.locator('[data-output] image')).toHaveAttribute('width', '26');

  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');

  // Keyboard: focus the map and move the highlighted cell.
  const map = widget.getByRole('group', { name: /Output feature map/ });
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('Output row 11, column 17 of 26×26');
  await page.keyboard.press('ArrowDown');
  await expect(readout).toContainText('Output row 12, column 17 of 26×26');
  await expect(widget.locator('.cx-cell')).toHaveAttribute('x', '16');

  // Mouse: click the top-left corner cell of the output.
  const box = await widget.locator('[data-output]').boundingBox();
  if (!box) throw new Error('no output map');
  await page.mouse.click(box.x + 2, box.y + 2);
  await expect(readout).toContainText('Output row 1, column 1 of 26×26: y = 0.');

  // Presets and settings change the output and the formula.
  await widget.getByRole('button', { name: 'Identity' }).click();
  await expect(widget.getByRole('button', { name: 'Identity' })).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByLabel('Kernel weight, row 2, column 2')).toHaveValue('1');
  await widget.getByLabel('Padding', { exact: true }).fill('1');
  await widget.getByLabel('Stride', { exact: true }).fill('2');
  await expect(formula).toHaveText('⌊(28 + 2·1 − 1·(3 − 1) − 1) / 2 + 1⌋ = 14');
  await expect(widget.locator('[data-size]')).toHaveText('14×14');
  await expect(widget.locator('[data-output] image')).toHaveAttribute('width', '14');
  await expect(widget.locator('[data-input] .cx-pad')).toHaveAttribute('width', '30');
});

test('the convolution explorer refuses bad input with a message and recovers', async ({ page }) => {
  await page.goto('chapters/convolution/');
  const widget = page.locator('[data-widget="conv-explorer"]');
  const error = widget.getByRole('alert');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');

  const cell = widget.getByLabel('Kernel weight, row 1, column 3');
  await cell.fill('abc');
  await expect(error).toHaveText('Kernel weight (row 1, column 3) must be a number such as 0, -1, 0.5 or 1/9; “abc” is not.');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.getByRole('button', { name: 'Edge (Sobel x)' })).toHaveAttribute('aria-pressed', 'false');
  await cell.fill('1/9');
  await expect(error).toBeHidden();
  await expect(cell).toHaveAttribute('aria-invalid', 'false');

  await widget.getByLabel('Stride', { exact: true }).fill('0');
  await expect(error).toHaveText('Stride must be at least 1 (a stride of 0 would not move the kernel); you typed 0.');
  await widget.getByLabel('Stride', { exact: true }).fill('1');
  await expect(error).toBeHidden();

  await widget.getByLabel('Dilation', { exact: true }).fill('14');
  await expect(error).toContainText('spans 29 pixels');
  await expect(widget.locator('[data-formula]')).toHaveText('⌊(28 + 2·0 − 14·(3 − 1) − 1) / 1 + 1⌋ = 0');
  await widget.getByLabel('Padding', { exact: true }).fill('1');
  await expect(error).toBeHidden();
  await expect(widget.locator('[data-size]')).toHaveText('2×2');

  // The digit can be changed from the keyboard.
  await widget.getByLabel('Dilation', { exact: true }).fill('1');
  await widget.getByRole('combobox', { name: /^Digit/ }).selectOption('7');
  await expect(widget.locator('[data-readout]')).toContainText('of 28×28');
});
