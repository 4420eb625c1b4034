/** Chapter 6: the page renders, and the CAM viewer has a static fallback, follows the keyboard, draws, and passes axe in both themes. */
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { pageName, watchPage } from './helpers';

const PATH = 'chapters/global-average-pooling/';

test.describe('global average pooling chapter', () => {
  test('has the CAM viewer’s static fallback in the built HTML', async ({ request }) => {
    const html = await (await request.get(PATH)).text();
    expect(html).toContain('data-widget="cam-viewer"');
    // The 7×7 map as a coloured table and the ten classes, with the prediction in words.
    expect(html.match(/<td style="background:rgb/g)).toHaveLength(49);
    expect(html).toMatch(/Scores and probabilities of the ten classes/);
    expect(html).toMatch(/Digit 1 of 30 is labelled \d\. The network predicts \d with probability/);
    // The other two figures of the chapter: the recorded comparison and the Lab with the GAP head.
    expect(html).toMatch(/data-widget="heads-chart"[^>]*data-heads="fc gap"/);
    expect(html).toMatch(/data-widget="lab"[^>]*data-owns-url="false"/);
  });

  test('the CAM viewer changes with the digit and the class, chosen by keyboard, and draws both canvases', async ({ page, baseURL }) => {
    const problems = watchPage(page, new URL(baseURL!).origin);
    await page.goto(PATH);
    const widget = page.locator('[data-widget="cam-viewer"]');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
    await expect(widget).toHaveAttribute('data-shown', /^0:\d$/);
    const readout = widget.locator('[data-readout]');
    await expect(readout).toContainText('Digit 1 of 30');
    await expect(widget.getByRole('table', { name: /Class activation map of class \d/ })).toBeVisible();
    await expect(widget.getByRole('table', { name: 'Scores and probabilities of the ten classes' }).locator('tbody tr')).toHaveCount(10);

    // Digit: focus the select and press ArrowDown.
    const digit = widget.getByRole('combobox', { name: 'Test digit' });
    await digit.focus();
    await page.keyboard.press('ArrowDown');
    await expect(digit).toHaveValue('1');
    await expect(readout).toContainText('Digit 2 of 30');
    await expect(widget).toHaveAttribute('data-shown', /^1:\d$/);

    // Class: Tab to the next select and type a digit to pick that class.
    await page.keyboard.press('Tab');
    const cls = widget.getByRole('combobox', { name: 'Map of class' });
    await expect(cls).toBeFocused();
    const predicted = (await widget.getAttribute('data-shown'))!.split(':')[1]!;
    const other = predicted === '3' ? '5' : '3';
    await page.keyboard.type(other);
    await expect(cls).toHaveValue(other);
    await expect(widget).toHaveAttribute('data-shown', `1:${other}`);
    await expect(readout).toContainText(`The class activation map of class ${other} is highest at row`);
    await expect(widget.getByRole('table', { name: new RegExp(`Class activation map of class ${other} `) })).toBeVisible();
    await expect(widget.locator('.cam-probs tr.shown th')).toHaveText(other);

    // Both canvases are drawn: the digit has bright and dark pixels, the overlay is coloured.
    const stats = await widget.locator('canvas').evaluateAll((canvases) =>
      canvases.map((c) => {
        const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 224, 224).data;
        let bright = 0;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i]! > 200) bright++;
          if (Math.abs(d[i]! - d[i + 2]!) > 40) coloured++;
        }
        return { bright, coloured };
      }),
    );
    expect(stats[0]!.bright).toBeGreaterThan(100);
    expect(stats[0]!.coloured).toBe(0);
    expect(stats[1]!.coloured).toBeGreaterThan(1000);
    await expect(widget.locator('[data-error]')).toBeHidden();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
  });

  // The page in its first state is checked in both themes by pages.spec.ts; here the
  // CAM viewer after its table has been redrawn for another class.
  test("the CAM viewer passes axe after showing another class's map", async ({ page }) => {
    await page.goto(PATH);
    const widget = page.locator('[data-widget="cam-viewer"]');
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
    await widget.getByRole('combobox', { name: 'Map of class' }).selectOption('7');
    expect(await axeViolations(page, { include: ['[data-widget="cam-viewer"]'] })).toEqual([]);
    await widget.screenshot({ path: `test-results/screenshots/${pageName(PATH)}-cam.png` });
  });
});
