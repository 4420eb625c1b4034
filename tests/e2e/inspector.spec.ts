/** The model inspector page: examples, live updates, the in_features fix, syntax errors, shared links. */
import { expect, test, type Page } from '@playwright/test';

/** Opens the inspector page; its code loads when the reader first uses it (here: focuses the example list) or at once for a shared link. */
async function openInspector(page: Page, hash = ''): Promise<ReturnType<Page['locator']>> {
  await page.goto(`inspector/${hash}`);
  const widget = page.locator('[data-widget="inspector"]');
  if (!hash) await widget.getByLabel('Example').focus();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');
  return widget;
}

test('the inspector loads its code only when the reader first uses it, and keeps that first click', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
  });
  await page.goto('inspector/');
  await page.waitForLoadState('networkidle');
  const widget = page.locator('[data-widget="inspector"]');
  // The build-time rendering is complete: the default example's error is shown.
  await expect(widget.getByRole('region', { name: 'Errors' })).toContainText('nn.Linear(1600, 128)');
  expect(await widget.getAttribute('data-hydrated')).toBeNull();
  expect(scripts.filter((s) => s.includes('inspector.client'))).toEqual([]);

  // Choosing an example and clicking "Load example" before the code is there: the click is done after mount.
  await widget.getByLabel('Example').selectOption('vgg16');
  await widget.getByRole('button', { name: 'Load example' }).click();
  await expect(widget).toHaveAttribute('data-hydrated', 'true');
  await expect(widget.locator('tfoot')).toContainText('138,357,544');
  await expect(widget.locator('[data-description]')).toContainText('torchvision.models.vgg16()');
});

test('the default example shows the wrong in_features, its cause and its fix', async ({ page }) => {
  const widget = await openInspector(page);
  const errors = widget.getByRole('region', { name: 'Errors' });
  // 1×28×28 → conv3 26 → pool 13 → conv3 11 → pool 5: 64·5·5 = 1600, but the code says 64*7*7 = 3136.
  await expect(errors).toContainText('mat1 and mat2 shapes cannot be multiplied (1x1600 and 3136x128)');
  await expect(errors).toContainText('nn.Linear(1600, 128)');
  await expect(widget.locator('[data-gutter] .bad')).toHaveText(['✗12']);

  await widget.getByRole('button', { name: 'Apply the fix' }).click();
  await expect(widget.locator('[data-code]')).toHaveValue(/nn\.Linear\(1600, 128\)/);
  await expect(errors).toBeEmpty();
  await expect(widget.locator('[data-status]')).toContainText('No errors');
});

test('loading an example fills the table (VGG-16: 138,357,544 parameters)', async ({ page }) => {
  const widget = await openInspector(page);
  await widget.getByLabel('Example').selectOption('vgg16');
  await widget.getByRole('button', { name: 'Load example' }).click();
  await expect(widget.getByLabel('Input shape (C, H, W)')).toHaveValue('3,224,224');
  await expect(widget.locator('tfoot')).toContainText('138,357,544');
  await expect(page).toHaveURL(/#example=vgg16&input=3%2C224%2C224$/);
});

test('an edit updates the table as you type', async ({ page }) => {
  const widget = await openInspector(page);
  const code = widget.locator('[data-code]');
  await code.fill('nn.Sequential(nn.Flatten(), nn.Linear(784, 10))');
  await widget.getByLabel('Input shape (C, H, W)').fill('1,28,28');
  // 784·10 + 10 = 7,850 parameters.
  await expect(widget.locator('tfoot')).toContainText('7,850');
  await code.fill('nn.Sequential(nn.Flatten(), nn.Linear(784, 20))');
  await expect(widget.locator('tfoot')).toContainText('15,700');
});

test('garbage text shows a syntax error at the right line, and the cursor can go there', async ({ page }) => {
  const widget = await openInspector(page);
  const code = widget.locator('[data-code]');
  await code.fill('nn.Sequential(\n  nn.Conv2d(1, 8, 3),\n  nn.ReLU(\n  nn.Flatten(),\n');
  const errors = widget.getByRole('region', { name: 'Errors' });
  const goto = errors.getByRole('button', { name: /^Line \d+, column \d+$/ }).first();
  await expect(goto).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await goto.click();
  await expect(code).toBeFocused();
});

test('a bad input shape gets a specific message', async ({ page }) => {
  const widget = await openInspector(page);
  const input = widget.getByLabel('Input shape (C, H, W)');
  await input.fill('28,28');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(widget.getByRole('region', { name: 'Errors' })).not.toBeEmpty();
  await input.fill('1,28,28');
  await expect(input).toHaveAttribute('aria-invalid', 'false');
});

test('a shared link restores the model and the input shape', async ({ page }) => {
  const widget = await openInspector(page);
  await widget.locator('[data-code]').fill('nn.Sequential(nn.Flatten(), nn.Linear(12, 3))');
  await widget.getByLabel('Input shape (C, H, W)').fill('3,2,2');
  // 3·2·2 = 12 features reach Linear(12, 3): no error, 12·3 + 3 = 39 parameters.
  await expect(widget.locator('[data-status]')).toContainText('No errors');
  await expect(page).toHaveURL(/#code=.*&input=3%2C2%2C2$/);
  const link = page.url();

  const other = await page.context().newPage();
  await other.goto(link);
  const restored = other.locator('[data-widget="inspector"]');
  await expect(restored).toHaveAttribute('data-hydrated', 'true');
  await expect(restored.locator('[data-code]')).toHaveValue('nn.Sequential(nn.Flatten(), nn.Linear(12, 3))');
  await expect(restored.getByLabel('Input shape (C, H, W)')).toHaveValue('3,2,2');
  // 12·3 + 3 = 39 parameters.
  await expect(restored.locator('tfoot')).toContainText('39');
});

test('the inspector is usable from the keyboard', async ({ page }) => {
  const widget = await openInspector(page);
  await widget.getByLabel('Example').focus();
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Load example' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(widget.locator('[data-code]')).toBeFocused();
});
