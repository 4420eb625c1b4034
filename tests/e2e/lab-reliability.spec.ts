/**
 * Reliability: bad input that the widgets' own specs do not try yet (each answered by a
 * specific message, then recovery); the Lab over 50 start/pause/reset cycles with the
 * worker's TensorFlow.js tensors and the page's JS heap back near their baseline; and a
 * crashed training worker reported, then replaced by the next run.
 *
 * The worker's tensor count is read from TensorFlow.js's engine, which tfjs keeps on the
 * worker's global scope (`self._tfengine`, tfjs-core's GLOBAL_ENGINE_KEY).
 *
 * (Named lab-reliability so that its 50-cycle test, the longest of the suite, starts in
 * the middle of a run, not at its end with the other worker idle.)
 */
import { expect, test, type Page, type Worker } from '@playwright/test';

async function openLab(page: Page, query = ''): Promise<ReturnType<Page['locator']>> {
  await page.goto(`lab/${query}`);
  const lab = page.locator('[data-widget="lab"]');
  await lab.scrollIntoViewIfNeeded();
  await lab.getByRole('button', { name: 'Train' }).focus();
  await expect(lab).toHaveAttribute('data-hydrated', 'true');
  return lab;
}

/**
 * The training worker: the one worker whose global scope holds TensorFlow.js's engine
 * (multi-threaded wasm adds helper workers of its own, which do not).
 */
async function trainers(page: Page): Promise<Worker[]> {
  const found: Worker[] = [];
  for (const w of page.workers()) {
    const hasEngine = await w.evaluate(() => '_tfengine' in self).catch(() => false);
    if (hasEngine) found.push(w);
  }
  return found;
}

async function trainer(page: Page): Promise<Worker> {
  await expect.poll(async () => (await trainers(page)).length, { timeout: 120_000 }).toBeGreaterThan(0);
  return (await trainers(page))[0]!;
}

/** Live tensors in the worker's TensorFlow.js engine. */
function tensorsIn(worker: Worker): Promise<number> {
  return worker.evaluate(() => (self as unknown as { _tfengine: { memory(): { numTensors: number } } })._tfengine.memory().numTensors);
}

/** The page's used JS heap after a full garbage collection, in bytes (Chrome DevTools Protocol). */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}

test.describe('bad input the widget specs do not cover yet', () => {
  test('output-size: an empty field and a letter are named, and the answer comes back', async ({ page }) => {
    await page.goto('chapters/how-to-use/');
    const widget = page.locator('[data-widget="output-size"]');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-hydrated', 'true');
    const error = widget.getByRole('alert');
    await widget.getByLabel('Kernel size').fill('');
    await expect(error).toBeVisible();
    await expect(error).toContainText(/kernel size/i);
    await expect(widget.getByLabel('Kernel size')).toHaveAttribute('aria-invalid', 'true');
    await widget.getByLabel('Kernel size').fill('5');
    await expect(error).toBeHidden();
    // The build-time default: 28 − 5 + 1 = 24.
    await expect(widget.locator('[data-formula]')).toHaveText(/= 24$/);
  });

  test('inspector: an empty model and an impossible shape get messages, then a model works again', async ({ page }) => {
    await page.goto('inspector/');
    const widget = page.locator('[data-widget="inspector"]');
    await widget.locator('[data-code]').focus(); // its code loads on first use
    await expect(widget).toHaveAttribute('data-hydrated', 'true');
    const errors = widget.getByRole('region', { name: 'Errors' });
    const code = widget.locator('[data-code]');
    await code.fill('');
    await expect(widget.locator('[data-status]')).not.toContainText('No errors');
    await expect(errors).not.toBeEmpty();

    await code.fill('nn.Sequential(nn.Flatten(), nn.Linear(784, 10))');
    const input = widget.getByLabel('Input shape (C, H, W)');
    await input.fill('1,0,28');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(errors).toContainText('0');
    await input.fill('1,28,-3');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await input.fill('1,28,28');
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    // 784·10 + 10 = 7,850 parameters.
    await expect(widget.locator('tfoot')).toContainText('7,850');
    await expect(widget.locator('[data-status]')).toContainText('No errors');
  });

  test('Lab: a shared link with bad values is refused field by field, then fixed', async ({ page }) => {
    // A number field cannot hold "abc": the link's learning rate arrives empty.
    const lab = await openLab(page, '?head=gap&lr=abc&epochs=-2');
    const alert = lab.getByRole('alert');
    await expect(alert).toContainText('Learning rate is empty: type a number.');
    await expect(lab.getByLabel('Learning rate')).toHaveAttribute('aria-invalid', 'true');
    await lab.getByRole('button', { name: 'Train' }).click();
    await expect(lab).toHaveAttribute('data-phase', 'idle');

    await lab.getByLabel('Learning rate').fill('0.003');
    await expect(lab.getByLabel('Learning rate')).toHaveAttribute('aria-invalid', 'false');
    await expect(alert).toContainText('number of epochs must be between 1 and 100, but got -2');
    await expect(lab.getByLabel('Epochs')).toHaveAttribute('aria-invalid', 'true');
    await lab.getByLabel('Epochs').fill('2');
    await lab.getByLabel('Batch size').fill('0');
    await expect(alert).toContainText('batch size must be between 1 and 1024, but got 0');
    await expect(lab.getByLabel('Batch size')).toHaveAttribute('aria-invalid', 'true');
    await lab.getByLabel('Batch size').fill('32');
    await expect(alert).toBeHidden();
    await expect(lab.getByRole('button', { name: 'Train' })).toBeEnabled();
  });
});

test('the Lab survives 50 train/pause/reset cycles; worker tensors and page heap return to baseline', async ({ page }) => {
  test.setTimeout(600_000);
  const lab = await openLab(page, '?head=fc&n=400&epochs=3&batch=10');
  const train = lab.getByRole('button', { name: 'Train' });
  const pause = lab.getByRole('button', { name: 'Pause' });
  const reset = lab.getByRole('button', { name: 'Reset' });

  const cycle = async (): Promise<void> => {
    await train.click();
    // The first run loads TensorFlow.js and the digits: slow on a busy 2-core machine.
    await expect(lab).toHaveAttribute('data-phase', 'training', { timeout: 180_000 });
    await pause.click();
    await expect(lab).toHaveAttribute('data-phase', 'paused');
    await reset.click();
    await expect(lab).toHaveAttribute('data-phase', 'idle');
  };

  // Warm-up: the first cycle loads TensorFlow.js, the digits and Chart.js.
  await cycle();
  const worker = await trainer(page);
  await page.waitForTimeout(500); // a mini-batch in flight finishes and is disposed
  const tensorsBefore = await tensorsIn(worker);
  const heapBefore = await heapAfterGc(page);

  for (let i = 1; i < 50; i++) await cycle();
  await page.waitForTimeout(500);
  const tensorsAfter = await tensorsIn(worker);
  const heapAfter = await heapAfterGc(page);
  console.log(
    `50 cycles: worker tensors ${tensorsBefore} → ${tensorsAfter}; page heap ${(heapBefore / 1e6).toFixed(1)} MB → ${(heapAfter / 1e6).toFixed(1)} MB`,
  );
  expect(await trainers(page), 'one training worker, not one per run').toHaveLength(1);
  expect(tensorsAfter, 'TensorFlow.js tensors left in the worker').toBeLessThanOrEqual(tensorsBefore);
  // Near baseline: at most 25 % (and 4 MB) more after 49 further runs.
  expect(heapAfter, 'page JS heap (bytes)').toBeLessThanOrEqual(Math.max(heapBefore * 1.25, heapBefore + 4e6));

  // And it still trains to the end.
  await train.click();
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
});

test('a crashed training worker is reported, and the next run starts a fresh one', async ({ page }) => {
  test.setTimeout(420_000);
  const lab = await openLab(page, '?head=gap&n=400&epochs=3&batch=10');
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'training', { timeout: 180_000 });
  const first = await trainer(page);
  const closed = new Promise<void>((resolve) => first.once('close', () => resolve()));

  // An uncaught exception inside the worker, as a bug in TensorFlow.js or the engine would throw.
  await first.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
  const alert = lab.getByRole('alert');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText(/worker/i);
  await expect(alert).toContainText('simulated crash');
  await expect(lab).not.toHaveAttribute('data-phase', 'training');
  await closed; // the broken worker is gone

  // The next run gets a fresh worker and trains to the end.
  await lab.getByRole('button', { name: 'Train' }).click();
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(alert).toBeHidden();
  const now = await trainers(page);
  expect(now, 'one training worker').toHaveLength(1);
  expect(now[0], 'a fresh worker, not the crashed one').not.toBe(first);
});
