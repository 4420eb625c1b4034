/** The live-training Lab: refuses bad settings, restores a shared link, trains in a worker, pauses and resets. */
import { expect, test, type Page } from '@playwright/test';

async function openLab(page: Page, query = ''): Promise<ReturnType<Page['locator']>> {
  await page.goto(`lab/${query}`);
  const lab = page.locator('[data-widget="lab"]');
  await lab.scrollIntoViewIfNeeded();
  // Without a shared link's settings, the Lab's code loads on first use.
  if (!query) await lab.getByRole('button', { name: 'Train' }).focus();
  await expect(lab).toHaveAttribute('data-hydrated', 'true');
  return lab;
}

test('the Lab loads its code on first use, and a click on Train before then still trains', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('lab/');
  await page.waitForLoadState('networkidle');
  const lab = page.locator('[data-widget="lab"]');
  await lab.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  expect(await lab.getAttribute('data-hydrated')).toBeNull();
  // A small run, set without focusing anything (focus would start the loading).
  await lab.evaluate((root) => {
    root.querySelector<HTMLInputElement>('[name="trainSize"]')!.value = '100';
    root.querySelector<HTMLInputElement>('[name="epochs"]')!.value = '1';
  });
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 100_000 });
  await expect(lab.locator('[data-table-body] tr')).toHaveCount(1);
});

test('bad settings are refused with a specific message before anything trains', async ({ page }) => {
  const lab = await openLab(page);
  await lab.getByLabel('Learning rate').fill('0');
  await expect(lab.getByRole('alert')).toContainText('learning rate must be greater than 0');
  await expect(lab.getByLabel('Learning rate')).toHaveAttribute('aria-invalid', 'true');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'idle');

  await lab.getByLabel('Learning rate').fill('0.001');
  await lab.getByLabel('Dropout rate').fill('1');
  await expect(lab.getByRole('alert')).toContainText('dropout rate must be at least 0 and less than 1');
  await lab.getByLabel('Dropout rate').fill('0');
  await lab.getByLabel('Training digits').fill('10');
  await expect(lab.getByRole('alert')).toContainText('larger than the training data');
  await lab.getByLabel('Training digits').fill('2000');
  await expect(lab.getByRole('alert')).toBeHidden();
});

test('a link with settings restores them, and the parameter count follows the head', async ({ page }) => {
  const lab = await openLab(page, '?head=gap&lr=0.01&epochs=2&seed=7');
  await expect(lab.getByLabel('Head')).toHaveValue('gap');
  await expect(lab.getByLabel('Learning rate')).toHaveValue('0.01');
  await expect(lab.getByLabel('Epochs')).toHaveValue('2');
  await expect(lab.getByLabel('Seed')).toHaveValue('7');
  await expect(lab.getByLabel('Hidden units')).toBeHidden();
  // GAP head: 208 + 3,216 + 170 = 3,594 parameters (see tests/unit/components/lab-settings.test.ts).
  await expect(lab.locator('[data-params]')).toHaveText('3,594');
  await lab.getByLabel('Head').selectOption('fc');
  await expect(lab.locator('[data-params]')).toHaveText('54,314');
  await expect(page).toHaveURL(/head=fc/);

  // "Cite this experiment" carries the experiment's address and settings.
  await lab.getByText('Cite this experiment').click();
  const bibtex = lab.locator('pre[data-cite="bibtex"]');
  await expect(bibtex).toContainText(page.url());
  await expect(bibtex).toContainText('head fc');
  await expect(bibtex).toContainText('seed 7');
  await expect(lab.locator('pre[data-cite="apa"]')).toContainText(page.url());
  expect(JSON.parse((await lab.locator('pre[data-cite="csl"]').textContent()) ?? '')[0].URL).toBe(page.url());
});

test('training plots points, finishes, and shows predictions; the page stays responsive', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await openLab(page, '?head=fc&n=2000&epochs=3&batch=20');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'training', { timeout: 60_000 });

  // While the worker trains, the page still handles other input (how fast is measured
  // by `npm run bench`: the main thread's longest task while training).
  const details = lab.locator('details.lab-table');
  await details.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
  await expect(lab).toHaveAttribute('data-phase', 'training');

  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(lab.locator('[data-table-body] tr')).toHaveCount(3);
  await expect(lab.locator('[data-status]')).toContainText(/predicted correctly|Validation accuracy/);
  await expect(lab.locator('[data-predictions]')).toBeVisible({ timeout: 30_000 });
  await expect(lab.locator('[data-digits] li')).toHaveCount(24);
  await expect(lab.getByRole('button', { name: 'Download CSV' })).toBeEnabled();
  await expect(lab.locator('[data-progress-text]')).toContainText('backend:');
});

test('pause, resume and reset', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await openLab(page, '?head=gap&n=2000&epochs=5&batch=10');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'training', { timeout: 60_000 });
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'paused');
  await page.waitForTimeout(500); // a mini-batch already in flight may still report
  const text = await lab.locator('[data-progress-text]').textContent();
  await page.waitForTimeout(1500);
  expect(await lab.locator('[data-progress-text]').textContent(), 'no progress while paused').toBe(text);
  await lab.getByRole('button', { name: 'Resume' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'training');
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'idle');
  await expect(lab.locator('[data-table-body]')).toHaveText('No run yet.');
  await expect(lab.getByRole('button', { name: 'Train' })).toBeEnabled();
});

test('the three-heads figure draws its chart and keeps its data table', async ({ page }) => {
  await page.goto('lab/');
  const figure = page.locator('[data-widget="heads-chart"]');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-hydrated', 'true');
  await expect(figure.locator('tbody tr')).toHaveCount(3);
  await expect(figure.locator('figcaption')).toContainText('npm run figures');
  // Chart.js has drawn: the canvas is no longer blank.
  const drawn = await figure.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    return data.some((v, i) => i % 4 === 3 && v > 0);
  });
  expect(drawn).toBe(true);
});

test('the worker picks its backend by a short probe, remembers it for the session, and ?backend= still forces one', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = await openLab(page, '?head=gap&n=100&epochs=1&batch=20');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', /training|finished/, { timeout: 90_000 });
  // Every candidate was scored; the one training is the fastest of them.
  const probe = (await lab.getAttribute('data-probe')) ?? '';
  expect(probe).toMatch(/^wasm \d+, webgl \d+, cpu \d+$/);
  const scores: Record<string, number> = {};
  for (const [b = '', v] of probe.split(', ').map((p) => p.split(' '))) scores[b] = Number(v);
  const chosen = (await lab.getAttribute('data-backend')) ?? '';
  expect(scores[chosen]).toBe(Math.max(...Object.values(scores)));
  expect(Number(await lab.getAttribute('data-probe-ms'))).toBeGreaterThan(0);
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(lab.locator('[data-progress-text]')).toContainText(`backend: ${chosen}`);
  await expect(lab.locator('[data-progress-text]')).toContainText('samples/s');
  expect(await page.evaluate(() => sessionStorage.getItem('fully-connected:lab-backend'))).toBe(chosen);

  // A new worker in the same session (a reload) trains on the remembered backend without probing.
  const again = await openLab(page, '?head=gap&n=100&epochs=1&batch=20');
  await again.getByRole('button', { name: 'Train' }).click();
  await expect(again).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(again).toHaveAttribute('data-backend', chosen);
  expect(await again.getAttribute('data-probe')).toBeNull();

  // ?backend=cpu forces the cpu backend (the benchmark relies on it).
  const forced = await openLab(page, '?head=gap&n=40&epochs=1&batch=20&backend=cpu');
  await forced.getByRole('button', { name: 'Train' }).click();
  await expect(forced).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(forced).toHaveAttribute('data-backend', 'cpu');
  expect(await forced.getAttribute('data-probe')).toBeNull();
});

test('the Lab says which wasm build trains (SIMD, threads) on a cross-origin-isolated page', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await openLab(page, '?head=gap&n=40&epochs=1&batch=20&backend=wasm');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(lab.locator('[data-progress-text]')).toContainText(/backend: wasm \(SIMD, \d+ threads?\)/);
});
