/** Chapter 2's pooling explorer: static fallback, hydration, mouse and keyboard, refusal and recovery. */
import { expect, test } from '@playwright/test';

test.describe('pooling explorer', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('chapters/pooling/');
  });

  test('has a static fallback in the built HTML, then hydrates', async ({ page, request }) => {
    // Without JavaScript: the HTML as built already holds the five grids and the readout.
    const html = await (await request.get('chapters/pooling/')).text();
    expect(html.match(/<table class="pe-grid/g)).toHaveLength(5);
    expect(html).toContain('Output cell row 0, column 0 (counting from 0, as PyTorch does)');
    const widget = page.locator('[data-widget="pool-explorer"]');
    // Build-time fallback: five grids, 3×3 outputs, the readout for cell (0, 0).
    await expect(widget.locator('table')).toHaveCount(5);
    await expect(widget.getByRole('grid', { name: /Max pool .*3×3/ }).locator('td')).toHaveCount(9);
    await expect(widget.locator('[data-readout]')).toContainText('Output cell row 0, column 0');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-hydrated', 'true');
  });

  test('follows the selected output cell with the mouse and the keyboard', async ({ page }) => {
    const widget = page.locator('[data-widget="pool-explorer"]');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-hydrated', 'true');
    const readout = widget.locator('[data-readout]');
    const maxGrid = widget.getByRole('grid', { name: /Max pool/ });

    await maxGrid.locator('td[data-i="1"][data-j="2"]').click();
    await expect(readout).toContainText('Output cell row 1, column 2');
    await expect(readout).toContainText('input rows 2 to 3 and columns 4 to 5');
    await expect(widget.locator('.pe-input td.in-window')).toHaveCount(4);
    await expect(widget.locator('.pe-input td.argmax')).toHaveCount(1);
    // Max sends the gradient to one cell; average to the four cells of the window.
    await expect(widget.locator('.pe-grad').first().locator('td.hot')).toHaveCount(1);
    await expect(widget.locator('.pe-grad').nth(1).locator('td.hot')).toHaveText(['1/4', '1/4', '1/4', '1/4']);

    await expect(maxGrid.locator('td[data-i="1"][data-j="2"]')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(readout).toContainText('Output cell row 2, column 2');
    await expect(maxGrid.locator('td[data-i="2"][data-j="2"]')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(readout).toContainText('Output cell row 2, column 1');

    // Tab reaches the average grid's selected cell, which follows the same selection.
    await page.keyboard.press('Tab');
    const avgGrid = widget.getByRole('grid', { name: /Average pool/ });
    await expect(avgGrid.locator('td[data-i="2"][data-j="1"]')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(readout).toContainText('Output cell row 1, column 1');
  });

  test('changes with the controls, refuses bad settings with their reason, and recovers', async ({ page }) => {
    const widget = page.locator('[data-widget="pool-explorer"]');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-hydrated', 'true');
    const error = widget.getByRole('alert');
    const maxGrid = widget.getByRole('grid', { name: /Max pool/ });

    await widget.getByLabel('ceil_mode', { exact: true }).check();
    await expect(maxGrid.locator('td')).toHaveCount(16);

    await widget.getByLabel('Padding', { exact: true }).fill('2');
    await expect(error).toHaveText(/padding=\(2, 2\) is more than half the kernel size/);
    await expect(widget.getByLabel('Padding', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await widget.getByLabel('Padding', { exact: true }).fill('1');
    await widget.getByLabel('Kernel size', { exact: true }).fill('3');
    await expect(error).toBeHidden();
    await expect(widget.locator('.pe-input td.pad')).toHaveCount(81 - 49);
    await expect(widget.locator('[data-readout]')).toContainText('The divisor is 9, not 4');

    await widget.getByLabel('Padding', { exact: true }).fill('0');
    await widget.getByLabel('Kernel size', { exact: true }).fill('9');
    await expect(error).toHaveText(/9×9 window does not fit in its 7×7 input/);
    await expect(widget.getByLabel('Kernel size', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await widget.getByLabel('Kernel size', { exact: true }).fill('');
    await expect(error).toHaveText('Kernel size is empty: type a whole number from 1 to 9.');

    await widget.getByLabel('Kernel size', { exact: true }).fill('2');
    await widget.getByLabel('ceil_mode', { exact: true }).uncheck();
    await expect(error).toBeHidden();
    await expect(maxGrid.locator('td')).toHaveCount(9);
  });
});
