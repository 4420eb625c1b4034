/**
 * Every widget's mount can be undone: the `Dispose` it returns removes what it added.
 * Each widget is mounted, disposed and mounted again five times (the `widget:dispose`
 * and `widget:mount` events of src/components/islands/when-needed.ts); the event
 * listeners on the widget's elements, the document and the window are counted through
 * the DevTools protocol after every step. A mount that adds a listener its dispose
 * does not remove grows the count, and fails here.
 */
import { expect, test, type Page } from '@playwright/test';

/** One page for each widget, with the widget on it. */
const WIDGETS: [name: string, page: string][] = [
  ['output-size', 'chapters/how-to-use/'],
  ['conv-explorer', 'chapters/convolution/'],
  ['pool-explorer', 'chapters/pooling/'],
  ['flatten-visualiser', 'chapters/flattening/'],
  ['dense-playground', 'chapters/fully-connected/'],
  ['dropout-masks', 'chapters/dropout/'],
  ['heads-chart', 'chapters/dropout/'],
  ['cam-viewer', 'chapters/global-average-pooling/'],
  ['inspector', 'inspector/'],
  ['lab', 'lab/'],
  ['listing', 'chapters/pooling/'],
];

/** Listeners on the window, the document and every element of the widget's subtree. */
async function listenerCount(page: Page, selector: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  let total = 0;
  for (const expression of ['window', 'document', `document.querySelector('${selector}')`]) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    if (!result.objectId) throw new Error(`no object for ${expression}`);
    // depth -1: the whole subtree; the window's and document's own listeners only.
    const depth = expression.startsWith('document.querySelector') ? -1 : 0;
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth });
    total += listeners.length;
  }
  await cdp.detach();
  return total;
}

for (const [name, path] of WIDGETS) {
  test(`the ${name} widget's dispose removes what its mount added`, async ({ page }) => {
    await page.goto(path);
    const selector = `[data-widget="${name}"]`;
    const root = page.locator(selector).first();
    await root.scrollIntoViewIfNeeded();
    // Light widgets start when visible, heavy ones on the first interaction.
    await root.dispatchEvent('focusin');
    await expect(root).toHaveAttribute('data-hydrated', 'true');

    const mounted: number[] = [];
    const disposed: number[] = [];
    for (let round = 0; round < 5; round++) {
      mounted.push(await listenerCount(page, selector));
      await root.dispatchEvent('widget:dispose');
      await expect(root).not.toHaveAttribute('data-hydrated');
      disposed.push(await listenerCount(page, selector));
      await root.dispatchEvent('widget:mount');
      await expect(root).toHaveAttribute('data-hydrated', 'true');
    }
    expect(disposed[0], 'dispose removes listeners').toBeLessThan(mounted[0] ?? 0);
    expect(new Set(mounted).size, `listeners after each mount: ${mounted.join(', ')}`).toBe(1);
    expect(new Set(disposed).size, `listeners after each dispose: ${disposed.join(', ')}`).toBe(1);
    await expect(root.locator('[data-error]').first()).toBeHidden();
  });
}
