/**
 * Accessibility beyond axe's static rules:
 *   - every widget is reached and left with Tab alone, and each focused control shows a
 *     visible focus indicator (an outline or a box-shadow);
 *   - charts (canvases) have a text alternative and a data table beside them;
 *   - training progress is announced sparingly by the Lab's live region;
 *   - `prefers-reduced-motion: reduce` stops CSS animations and transitions;
 *   - colour contrast (axe `color-contrast`) holds in widgets' error states, light and dark;
 *   - every KaTeX formula carries MathML for screen readers.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './axe';
import { builtPages } from './helpers';

/** The book's widgets, the page each lives on, and how many Tab stops it has at least. */
const WIDGETS = [
  { page: 'chapters/how-to-use/', selector: '[data-widget="output-size"]', minStops: 4 },
  { page: 'chapters/convolution/', selector: '[data-widget="conv-explorer"]', minStops: 6 },
  { page: 'chapters/pooling/', selector: '[data-widget="pool-explorer"]', minStops: 4 },
  { page: 'chapters/flattening/', selector: '[data-widget="flatten-visualiser"]', minStops: 4 },
  { page: 'inspector/', selector: '[data-widget="inspector"]', minStops: 4 },
  { page: 'lab/', selector: '[data-widget="lab"]', minStops: 6 },
] as const;

/** A description of the focused element and whether its focus indicator is visible. */
async function focusedInfo(page: Page): Promise<{ inside: boolean; name: string; visible: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      inside: el.closest('[data-tab-walk]') !== null,
      name: `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}${el.id ? `#${el.id}` : ''}`,
      visible: outline || shadow,
    };
  });
}

/** Puts the keyboard focus just before `widget` (as if the reader had tabbed up to it). */
async function focusBefore(widget: Locator): Promise<void> {
  await widget.evaluate((el) => {
    el.setAttribute('data-tab-walk', '');
    const marker = document.createElement('span');
    marker.tabIndex = -1;
    el.before(marker);
    marker.focus();
  });
}

for (const w of WIDGETS) {
  test(`${w.selector} is operable with Tab alone, with a visible focus on every stop`, async ({ page }) => {
    await page.goto(w.page);
    const widget = page.locator(w.selector).first();
    await widget.scrollIntoViewIfNeeded();
    await focusBefore(widget);
    const stops: string[] = [];
    const invisible: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const info = await focusedInfo(page);
      if (!info?.inside) break;
      stops.push(info.name);
      if (!info.visible) invisible.push(info.name);
    }
    expect(stops.length, `Tab stops inside the widget: ${stops.join(', ')}`).toBeGreaterThanOrEqual(w.minStops);
    expect(stops.length, 'Tab leaves the widget (no keyboard trap)').toBeLessThan(80);
    expect(invisible, 'focused elements without a visible outline or box-shadow').toEqual([]);
    // Shift+Tab goes back into it.
    await page.keyboard.press('Shift+Tab');
    expect((await focusedInfo(page))?.inside).toBe(true);
  });
}

test('every chart canvas has a text alternative and a data table in its figure', async ({ page }) => {
  for (const path of ['lab/']) {
    await page.goto(path);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const canvases = page.locator('canvas[role="img"], figure canvas, .widget canvas');
    const count = await canvases.count();
    expect(count).toBeGreaterThan(0);
    const report = await canvases.evaluateAll((list) =>
      list
        .filter((c) => !c.closest('[data-digits]')) // the digits are pictures with their own labels
        .map((c) => ({
          label: c.getAttribute('aria-label') ?? '',
          role: c.getAttribute('role'),
          table: (c.closest('figure, [data-widget]')?.querySelectorAll('table').length ?? 0) > 0,
        })),
    );
    for (const r of report) {
      expect(r.role).toBe('img');
      expect(r.label.length).toBeGreaterThan(20);
      expect(r.table, `a data table beside the chart "${r.label}"`).toBe(true);
    }
  }
});

test('the Lab announces training progress sparingly', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('lab/?head=gap&n=400&epochs=2&batch=10');
  const lab = page.locator('[data-widget="lab"]');
  await lab.scrollIntoViewIfNeeded();
  await lab.getByRole('button', { name: 'Train' }).focus();
  await expect(lab).toHaveAttribute('data-hydrated', 'true');
  // Only a few elements are live regions; the chart, the table and the progress bar are not.
  const live = await lab.locator('[aria-live], [role="status"], [role="alert"], [role="log"]').count();
  expect(live).toBeGreaterThan(0);
  expect(live).toBeLessThanOrEqual(3);
  // Count what the live regions say while a run of 2 × 40 mini-batches trains.
  await lab.evaluate((root) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const observer = new MutationObserver(() => {
      for (const region of root.querySelectorAll('[aria-live], [role="status"], [role="alert"]')) {
        const text = region.textContent?.trim() ?? '';
        if (text && said.at(-1) !== text && !(region as HTMLElement).hidden) said.push(text);
      }
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press('Enter');
  await expect(lab).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await page.waitForTimeout(1000);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  // 80 mini-batches and 2 epochs: at most a start, three quarter-marks, one line per
  // epoch, the end and the predictions — never one announcement per mini-batch.
  expect(said.length, said.join('\n')).toBeGreaterThanOrEqual(2);
  expect(said.length, said.join('\n')).toBeLessThanOrEqual(10);
});

test('prefers-reduced-motion: no CSS animation or transition runs', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const path of ['', 'chapters/pooling/', 'lab/']) {
    await page.goto(path);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .map((el) => ({ el, style: getComputedStyle(el) }))
        .filter(({ style }) => {
          const seconds = (list: string): number =>
            Math.max(...list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1)));
          const animated =
            style.animationName !== 'none' && seconds(style.animationDuration) > 0.01 && style.animationIterationCount !== '0';
          const transition = style.transitionProperty !== 'none' && seconds(style.transitionDuration) > 0.01;
          return animated || transition;
        })
        .map(({ el }) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
    );
    expect(moving, `${path || '/'}: elements that still animate`).toEqual([]);
  }
});

test('colour contrast holds in the widgets’ error states, light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('chapters/convolution/');
    const conv = page.locator('[data-widget="conv-explorer"]');
    await conv.scrollIntoViewIfNeeded();
    await expect(conv).toHaveAttribute('data-hydrated', 'true');
    await conv.getByLabel('Stride', { exact: true }).fill('0');
    await expect(conv.getByRole('alert')).toBeVisible();
    expect(
      await axeViolations(page, { include: ['[data-widget="conv-explorer"]'], rules: ['color-contrast'] }),
      `${theme}: conv explorer`,
    ).toEqual([]);

    await page.goto('lab/');
    const lab = page.locator('[data-widget="lab"]');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Learning rate').fill('0');
    await expect(lab.getByRole('alert')).toBeVisible();
    expect(await axeViolations(page, { include: ['[data-widget="lab"]'], rules: ['color-contrast'] }), `${theme}: lab`).toEqual([]);
  }
});

test('every formula of the book carries MathML', async ({ request }) => {
  let formulas = 0;
  for (const path of builtPages(process.env.ASTRO_OUT_DIR ?? 'dist')) {
    const html = await (await request.get(path)).text();
    const katex = html.match(/<span class="katex">/g)?.length ?? 0;
    const mathml =
      html.match(/<span class="katex"><span class="katex-mathml"><math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/g)?.length ?? 0;
    expect(mathml, `${path || '/'}: formulas with MathML`).toBe(katex);
    formulas += katex;
  }
  expect(formulas).toBeGreaterThan(100);
});
