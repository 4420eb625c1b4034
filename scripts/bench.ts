/**
 * `npm run bench`: measurements, not assertions. Prints a table and writes
 * bench-results/bench.json.
 *
 * 1. Page weight. For every page of the built site (run `npm run build` first), in
 *    headless Chromium: the JavaScript and CSS requested up to the `load` event
 *    ("on load"), and everything requested within 4 s after it while the reader does
 *    nothing ("idle", e.g. the search UI that Starlight prefetches), gzipped sizes.
 * 2. The model inspector: median time to inspect VGG-16's `print(model)` text in Node,
 *    and, in the browser, the longest re-inspection while typing into the widget with
 *    VGG-16 loaded (the main thread is blocked for that long), plus the longest
 *    input-event duration the Event Timing API saw.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from './find-chromium.mjs';
import { builtPages } from '../tests/e2e/helpers';

const PORT = 4397;
const ORIGIN = `http://localhost:${PORT}`;

interface PageWeight {
  page: string;
  onLoad: { jsGzip: number; cssGzip: number; totalGzip: number; requests: number };
  withIdle: { jsGzip: number; cssGzip: number; totalGzip: number; requests: number };
}

/** Gzipped size of a built file, from its URL path. */
function gzipSizeOf(urlPath: string): number {
  const file = join('dist', decodeURIComponent(urlPath.replace(/^\//, '')));
  const path = urlPath.endsWith('/') ? join(file, 'index.html') : file;
  if (!existsSync(path) || !statSync(path).isFile()) return 0;
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

async function waitForServer(url: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start within ${timeoutMs} ms`);
}

interface TypingResult {
  updates: number;
  longestUpdateMs: number;
  medianUpdateMs: number;
  longestInputEventMs: number;
}
let typing: TypingResult | null = null;

/** Types into the inspector with VGG-16 loaded and reads the widget's own performance measures. */
async function measureTyping(browser: import('playwright-core').Browser): Promise<TypingResult> {
  const page = await browser.newPage();
  await page.goto(`${ORIGIN}/inspector/#example=vgg16&input=3,224,224`);
  await page.waitForSelector('[data-widget="inspector"][data-hydrated="true"]');
  await page.evaluate(() => {
    const w = window as unknown as { eventDurations: number[] };
    w.eventDurations = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.eventDurations.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
    performance.clearMeasures('inspector-update');
  });
  const code = page.locator('[data-code]');
  await code.focus();
  await page.keyboard.press('Control+End');
  // Type slowly enough that the debounced update runs between some keystrokes.
  for (const chunk of ['\n# a comment ', 'typed by the benchmark', '\n']) {
    await page.keyboard.type(chunk, { delay: 40 });
    await page.waitForTimeout(300);
  }
  const result = await page.evaluate(() => {
    const updates = performance.getEntriesByName('inspector-update').map((e) => e.duration).sort((a, b) => a - b);
    const events = (window as unknown as { eventDurations: number[] }).eventDurations;
    return {
      updates: updates.length,
      longestUpdateMs: updates.at(-1) ?? Number.NaN,
      medianUpdateMs: updates[Math.floor(updates.length / 2)] ?? Number.NaN,
      longestInputEventMs: events.length === 0 ? 0 : Math.max(...events),
    };
  });
  await page.close();
  return result;
}

async function measurePages(): Promise<PageWeight[]> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const server: ChildProcess = spawn('astro', ['preview', '--port', String(PORT), '--host', 'localhost'], {
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  try {
    await waitForServer(`${ORIGIN}/`);
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const results: PageWeight[] = [];
    for (const path of builtPages()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen: { url: string; type: string; afterLoad: boolean }[] = [];
      let loaded = false;
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (url.origin === ORIGIN) seen.push({ url: url.pathname, type: req.resourceType(), afterLoad: loaded });
      });
      await page.goto(`${ORIGIN}/${path}`, { waitUntil: 'load' });
      loaded = true;
      await page.waitForTimeout(4000);
      const sum = (afterLoadToo: boolean, type?: string): number =>
        seen
          .filter((r) => (afterLoadToo || !r.afterLoad) && (type === undefined || r.type === type))
          .reduce((total, r) => total + gzipSizeOf(r.url), 0);
      const count = (afterLoadToo: boolean): number => seen.filter((r) => afterLoadToo || !r.afterLoad).length;
      results.push({
        page: `/${path}`,
        onLoad: { jsGzip: sum(false, 'script'), cssGzip: sum(false, 'stylesheet'), totalGzip: sum(false), requests: count(false) },
        withIdle: { jsGzip: sum(true, 'script'), cssGzip: sum(true, 'stylesheet'), totalGzip: sum(true), requests: count(true) },
      });
      await context.close();
    }
    typing = await measureTyping(browser);
    await browser.close();
    return results;
  } finally {
    server.kill();
  }
}

async function measureInspector(): Promise<{ vgg16MedianMs: number; runs: number } | null> {
  const fixture = 'content/models/vgg16.txt';
  if (!existsSync(fixture)) return null;
  const { inspect } = await import('../src/lib/inspector/index');
  const text = readFileSync(fixture, 'utf8');
  for (let i = 0; i < 20; i++) inspect(text, '3,224,224'); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    inspect(text, '3,224,224');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { vgg16MedianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runs: times.length };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!existsSync('dist/index.html')) {
    console.error('dist/ is empty: run `npm run build` first.');
    process.exit(2);
  }
  const pages = await measurePages();
  console.log('\nPage weight (gzipped; "idle" adds what loads in the 4 s after the load event):\n');
  console.log('| page | JS on load | JS incl. idle | CSS | total on load |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const p of pages) {
    console.log(`| ${p.page} | ${kb(p.onLoad.jsGzip)} | ${kb(p.withIdle.jsGzip)} | ${kb(p.onLoad.cssGzip)} | ${kb(p.onLoad.totalGzip)} |`);
  }
  const inspector = await measureInspector();
  if (inspector) console.log(`\nInspector (Node): VGG-16 print(model) text, median of ${inspector.runs}: ${inspector.vgg16MedianMs.toFixed(3)} ms`);
  if (typing) {
    console.log(
      `Inspector (Chromium, typing with VGG-16 loaded): ${typing.updates} updates, median ${typing.medianUpdateMs.toFixed(2)} ms, ` +
        `longest ${typing.longestUpdateMs.toFixed(2)} ms; longest input event over 16 ms: ${typing.longestInputEventMs.toFixed(0)} ms (0 = none)`,
    );
  }

  mkdirSync('bench-results', { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    pages,
    inspector,
    inspectorTyping: typing,
  };
  writeFileSync('bench-results/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nwritten: bench-results/bench.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
