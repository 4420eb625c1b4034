/** Chapter 3's flatten visualiser: static fallback, hydration, mouse, keyboard, bad input and recovery. */
import { expect, test } from '@playwright/test';

const PAGE = 'chapters/flattening/';

test('the flatten visualiser shows its default state, then follows the mouse', async ({ page }) => {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="flatten-visualiser"]');
  const stage = widget.locator('[data-stage]');
  const summary = widget.locator('[data-summary]');
  // Built-time markup: a 2×3×4 block and two vectors of 24, cell (1, 1, 2) selected.
  await expect(stage.locator('[data-part="block"]')).toHaveCount(24);
  await expect(stage.locator('[data-part="nchw"]')).toHaveCount(24);
  await expect(stage.locator('[data-part="nhwc"]')).toHaveCount(24);
  await expect(summary).toContainText('index 18 in PyTorch order and 13 in Keras order');
  await expect(widget.locator('[data-nchw]')).toHaveText('1·3·4 + 1·4 + 2 = 18');

  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');

  // Hover a cell of the block: (0, 2, 1) is 0·12 + 2·4 + 1 = 9 in PyTorch's order, 2·8 + 1·2 + 0 = 18 in Keras's.
  await stage.locator('[data-part="block"][data-c="0"][data-h="2"][data-w="1"]').hover();
  await expect(summary).toContainText('index 9 in PyTorch order and 18 in Keras order');
  await expect(stage.locator('[data-part="nchw"][data-pos="9"]')).toHaveClass(/is-selected/);
  await expect(stage.locator('[data-part="nhwc"][data-pos="18"]')).toHaveClass(/is-selected/);
  await expect(stage.locator('.is-selected')).toHaveCount(3);

  // Hover an element of Keras's vector: position 1 is channel 1 of pixel (0, 0), PyTorch's 12.
  await stage.locator('[data-part="nhwc"][data-pos="1"]').hover();
  await expect(stage.locator('[data-part="block"][data-c="1"][data-h="0"][data-w="0"]')).toHaveClass(/is-selected/);
  await expect(stage.locator('[data-part="nchw"][data-pos="12"]')).toHaveClass(/is-selected/);
  await expect(summary).toContainText('index 12 in PyTorch order and 1 in Keras order');

  // A tap (click) selects as well.
  await stage.locator('[data-part="nchw"][data-pos="5"]').click();
  await expect(widget.locator('[data-nhwc]')).toHaveText('1·4·2 + 1·2 + 0 = 10');
});

test('the flatten visualiser is operable from the keyboard', async ({ page }) => {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="flatten-visualiser"]');
  const stage = widget.locator('[data-stage]');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');

  // Tab from the last size field lands on the block's one tab stop (the selected cell).
  await widget.getByLabel('Width W').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute(
    'aria-label',
    'channel 1, row 1, column 2: index 18 in PyTorch order, 13 in Keras order',
  );

  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^channel 0, row 0, column 0:/);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // across into channel 1
  await expect(page.locator(':focus')).toHaveAttribute(
    'aria-label',
    'channel 1, row 0, column 0: index 12 in PyTorch order, 1 in Keras order',
  );
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute(
    'aria-label',
    /^channel 1, row 1, column 0: index 16 in PyTorch order, 9 in Keras order$/,
  );
  await page.keyboard.press('PageUp');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^channel 0, row 1, column 0:/);

  // Tab into PyTorch's vector: its tab stop is the same element, (0, 1, 0) at 4.
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('data-pos', '4');
  await expect(page.locator(':focus')).toHaveAttribute('data-part', 'nchw');
  await page.keyboard.press('ArrowRight'); // (0, 1, 1): Keras 1·8 + 1·2 + 0 = 10
  await expect(stage.locator('[data-part="nhwc"][data-pos="10"]')).toHaveClass(/is-selected/);
  await expect(stage.locator('[data-part="block"][data-c="0"][data-h="1"][data-w="1"]')).toHaveClass(/is-selected/);

  // Tab into Keras's vector, at position 10; one step left is channel 1 of pixel (1, 0).
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('data-pos', '10');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator(':focus')).toHaveAttribute(
    'aria-label',
    'Keras order, index 9: channel 1, row 1, column 0 (index 16 in PyTorch order)',
  );
  await expect(widget.locator('[data-readout]')).toContainText('index 16 in PyTorch order and 9 in Keras order');
});

test('the flatten visualiser refuses bad sizes and recovers', async ({ page }) => {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="flatten-visualiser"]');
  const stage = widget.locator('[data-stage]');
  const error = widget.getByRole('alert');
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');

  await widget.getByLabel('Channels C').fill('5');
  await expect(error).toHaveText('Channels C must be at most 4, so that every element stays readable; you typed 5.');
  await expect(widget.getByLabel('Channels C')).toHaveAttribute('aria-invalid', 'true');
  await widget.getByLabel('Height H').fill('');
  await expect(error).toContainText('Channels C');

  await widget.getByLabel('Channels C').fill('3');
  await expect(error).toHaveText('Height H is empty: type a whole number from 1 to 4.');
  await widget.getByLabel('Height H').fill('2');
  await expect(error).toBeHidden();
  await expect(widget.getByLabel('Channels C')).toHaveAttribute('aria-invalid', 'false');
  // 3×2×4: 24 cells in 3 grids; the selected cell (1, 1, 2) is kept: 1·8 + 1·4 + 2 = 14 and 1·12 + 2·3 + 1 = 19.
  await expect(stage.locator('[data-part="block"]')).toHaveCount(24);
  await expect(stage.locator('.fv-channel')).toHaveCount(3);
  await expect(widget.locator('[data-summary]')).toContainText('index 14 in PyTorch order and 19 in Keras order');

  // ArrowUp in a number field changes the size too.
  await widget.getByLabel('Width W').focus();
  await page.keyboard.press('ArrowDown');
  await expect(stage.locator('[data-part="nhwc"]')).toHaveCount(18);
});
