/**
 * Measures the first Run of a runnable listing, cold: a fresh browser context (empty
 * HTTP cache), the page loaded, then a click on Run. The time from the click to the
 * listing's "Ran in …" status includes loading the runner, the worker, the transpiler
 * (sucrase) and TensorFlow.js, and running the code; the editor (CodeMirror) loads at
 * the same time, and the time until it is shown is recorded too. Also records the
 * bytes the click made the browser download, as sent (gzip) and unpacked. The site is
 * served by scripts/static-host.ts, which compresses as static hosts do. Prints the
 * results and writes bench-results/listings.json. Target: under 1.5 s for a listing
 * that uses TF.js.
 *
 *   npm run build && npm run bench:listings -- [--runs N]
 *
 * Environment: ASTRO_OUT_DIR (the built site, default dist), CHROMIUM_PATH (see scripts/find-chromium.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Browser } from 'playwright-core';
import { parseScriptArgs } from './lib/args';
import { launchChromium } from './lib/browser';
import { median } from './lib/stats';
import { startHost } from './static-host';

const args = parseScriptArgs('npm run bench:listings -- [--runs N]   (after npm run build)', {
  runs: { type: 'string', value: 'N', description: 'measurements per scenario', default: '3' },
});
const RUNS = args.integer('runs', 3, 1, 99);
const TARGET_MS = 1500;
/**
 * `cold`: no service worker (as for a browser that has not installed the book's), empty
 * caches. `first-visit`: the service worker registers after load, as on a reader's first
 * visit, and its one-time precache of the whole book (about 13 MB) is still running when
 * Run is clicked, 1 s after load.
 */
const SCENARIOS = [
  { scenario: 'cold', serviceWorkers: 'block' },
  { scenario: 'first-visit', serviceWorkers: 'allow' },
] as const;
type Scenario = (typeof SCENARIOS)[number];
const CASES = [
  { page: 'chapters/convolution/', listing: 'lst:conv-by-hand', what: 'TF.js conv2d (runner + worker + sucrase + TF.js)' },
  { page: 'chapters/convolution/', listing: 'lst:conv-shapes', what: 'book library only (runner + worker + sucrase)' },
];

interface Sample {
  clickToOutputMs: number;
  /** From the click until the editor replaced the static code. */
  clickToEditorMs: number;
  /** What the listing itself reported (its code's run, imports loaded included). */
  statusText: string;
  /** Bytes downloaded after the click, unpacked and as sent. */
  downloadedBytes: number;
  transferredBytes: number;
}

/** One cold first run: new context, load the page, click Run, wait for the status. */
async function coldRun(browser: Browser, origin: string, scenario: Scenario, page: string, listing: string): Promise<Sample> {
  const context = await browser.newContext({ serviceWorkers: scenario.serviceWorkers });
  const tab = await context.newPage();
  await tab.goto(`${origin}/${page}`, { waitUntil: 'load' });
  await tab.waitForTimeout(1000);
  let bytes = 0;
  let sent = 0;
  // Context-wide, so the workers' downloads count too.
  context.on('requestfinished', (req) => {
    if (req.serviceWorker()) return; // the precache's own downloads
    void req
      .response()
      .then((res) => res?.body())
      .then(
        (b) => (bytes += b?.length ?? 0),
        () => {},
      );
    void req.sizes().then(
      (size) => (sent += size.responseBodySize),
      () => {},
    );
  });
  const root = tab.locator(`[id="${listing}"]`);
  await root.scrollIntoViewIfNeeded();
  const status = root.locator('[data-status]');
  const start = Date.now();
  await root.getByRole('button', { name: 'Run' }).click();
  const editorShown = root
    .locator('.cm-editor')
    .waitFor({ timeout: 60_000 })
    .then(() => Date.now() - start);
  await status.filter({ hasText: /Ran in|error|Stopped/ }).waitFor({ timeout: 60_000 });
  const clickToOutputMs = Date.now() - start;
  const clickToEditorMs = await editorShown;
  const statusText = (await status.textContent()) ?? '';
  await tab.waitForTimeout(500);
  await context.close();
  return { clickToOutputMs, clickToEditorMs, statusText, downloadedBytes: bytes, transferredBytes: sent };
}

async function main(): Promise<void> {
  const host = await startHost(process.env.ASTRO_OUT_DIR ?? 'dist');
  try {
    const { browser, executablePath } = await launchChromium();
    const results = [];
    for (const [scenario, c] of SCENARIOS.flatMap((sc) => CASES.map((c) => [sc, c] as const))) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await coldRun(browser, host.origin, scenario, c.page, c.listing));
      const ms = samples.map((s) => s.clickToOutputMs);
      const editorMs = samples.map((s) => s.clickToEditorMs);
      const result = {
        scenario: scenario.scenario,
        ...c,
        runs: RUNS,
        medianMs: median(ms),
        samplesMs: ms,
        editorMedianMs: median(editorMs),
        editorSamplesMs: editorMs,
        downloadedBytes: median(samples.map((s) => s.downloadedBytes)),
        transferredBytes: median(samples.map((s) => s.transferredBytes)),
        status: samples.map((s) => s.statusText),
      };
      results.push(result);
      const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
      console.log(
        `${scenario.scenario}: ${c.listing} (${c.what}): click → output ${result.medianMs} ms median of ${RUNS} [${ms.join(', ')}] (editor shown ${result.editorMedianMs} ms [${editorMs.join(', ')}]), ` +
          `${kb(result.transferredBytes)} sent (${kb(result.downloadedBytes)} unpacked); ${result.medianMs <= TARGET_MS ? 'within' : 'OVER'} the ${TARGET_MS} ms target`,
      );
    }
    await browser.close();
    mkdirSync('bench-results', { recursive: true });
    const report = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
      browser: executablePath,
      targetMs: TARGET_MS,
      results,
    };
    writeFileSync('bench-results/listings.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log('written: bench-results/listings.json');
  } finally {
    host.server.close();
  }
}

await main();
