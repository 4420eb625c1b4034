/**
 * Measures the first Run of a runnable listing, cold: a fresh browser context (empty
 * HTTP cache), the page loaded, then a click on Run. The time from the click to the
 * listing's "Ran in …" status includes loading the editor (CodeMirror), the worker,
 * the transpiler (sucrase) and TensorFlow.js, and running the code. Also records the
 * bytes the click made the browser download. Prints the results and writes
 * bench-results/listings.json. Target: under 1.5 s for a listing that uses TF.js.
 *
 *   npm run build && npx tsx scripts/bench-listings.ts [--runs N]
 *
 * Environment: ASTRO_OUT_DIR (the built site, default dist), BENCH_PORT (default 4398),
 * CHROMIUM_PATH (see scripts/find-chromium.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from './find-chromium.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4398);
const ORIGIN = `http://localhost:${PORT}`;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const TARGET_MS = 1500;
const CASES = [
  { page: 'chapters/convolution/', listing: 'lst:conv-by-hand', what: 'TF.js conv2d (editor + worker + sucrase + TF.js)' },
  { page: 'chapters/convolution/', listing: 'lst:conv-shapes', what: "book library only (editor + worker + sucrase)" },
];

async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start within ${timeoutMs} ms`);
}

interface Sample {
  clickToOutputMs: number;
  /** What the listing itself reported (its code's run, imports loaded included). */
  statusText: string;
  downloadedBytes: number;
}

/** One cold first run: new context, load the page, click Run, wait for the status. */
async function coldRun(browser: Browser, page: string, listing: string): Promise<Sample> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${ORIGIN}/${page}`, { waitUntil: 'load' });
  await tab.waitForTimeout(1000);
  let bytes = 0;
  tab.on('response', (res) => {
    void res.body().then(
      (b) => (bytes += b.length),
      () => {},
    );
  });
  const root = tab.locator(`[id="${listing}"]`);
  await root.scrollIntoViewIfNeeded();
  const status = root.locator('[data-status]');
  const start = Date.now();
  await root.getByRole('button', { name: 'Run' }).click();
  await status.filter({ hasText: /Ran in|error|Stopped/ }).waitFor({ timeout: 60_000 });
  const clickToOutputMs = Date.now() - start;
  const statusText = (await status.textContent()) ?? '';
  await tab.waitForTimeout(300);
  await context.close();
  return { clickToOutputMs, statusText, downloadedBytes: bytes };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const server: ChildProcess = spawn('astro', ['preview', '--port', String(PORT), '--host', 'localhost'], {
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  try {
    await waitForServer(`${ORIGIN}/`);
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const results = [];
    for (const c of CASES) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await coldRun(browser, c.page, c.listing));
      const ms = samples.map((s) => s.clickToOutputMs);
      const result = { ...c, runs: RUNS, medianMs: median(ms), samplesMs: ms, downloadedBytes: median(samples.map((s) => s.downloadedBytes)), status: samples.map((s) => s.statusText) };
      results.push(result);
      console.log(`${c.listing} (${c.what}): click → output ${result.medianMs} ms median of ${RUNS} [${ms.join(', ')}], ${(result.downloadedBytes / 1024).toFixed(0)} KB downloaded; ${result.medianMs <= TARGET_MS ? 'within' : 'OVER'} the ${TARGET_MS} ms target`);
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
    server.kill();
  }
}

await main();
