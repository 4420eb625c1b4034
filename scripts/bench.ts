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
 * 3. The Lab (live training): for each backend the browser has and each head, the
 *    training throughput (samples/s over one epoch), the time from the click on
 *    Train to the first plotted point with a cold cache (TensorFlow.js and the
 *    digits downloaded), and the main thread's longest task while training; and the
 *    same throughput in Node (wasm and cpu backends).
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

interface LabResult {
  backend: string;
  head: string;
  trainDigits: number;
  samplesPerSecond: number | null;
  firstPointMs: number | null;
  /** Longest main-thread task while training (after the first plotted point). */
  longestTaskMs: number;
  /** Longest main-thread task between the click and the first plotted point. */
  startupLongestTaskMs?: number;
  error?: string;
}
let lab: LabResult[] = [];

/** Trains one epoch in the Lab for each backend × head, each in a fresh (cold) browser context. */
async function measureLab(browser: import('playwright-core').Browser): Promise<LabResult[]> {
  const out: LabResult[] = [];
  for (const backend of ['wasm', 'webgl', 'cpu']) {
    for (const head of ['fc', 'gap']) {
      const trainDigits = backend === 'wasm' ? 1280 : 320;
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { tasks: [number, number][] };
        w.tasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.tasks.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask', buffered: true });
      });
      try {
        await page.goto(`${ORIGIN}/lab/?head=${head}&n=${trainDigits}&epochs=1&batch=32&backend=${backend}`);
        const root = page.locator('[data-widget="lab"]');
        await root.scrollIntoViewIfNeeded();
        await page.waitForSelector('[data-widget="lab"][data-hydrated="true"]');
        await root.getByRole('button', { name: 'Train' }).click();
        await page.waitForSelector('[data-widget="lab"][data-phase="finished"]', { timeout: 240_000 });
        const r = await page.evaluate(() => {
          const first = performance.getEntriesByName('lab-first-point')[0];
          const firstAt = first ? first.startTime + first.duration : Number.POSITIVE_INFINITY;
          const tasks = (window as unknown as { tasks: [number, number][] }).tasks;
          return {
            firstPoint: first?.duration ?? null,
            // Long tasks while training: after the first plotted point (starting the
            // Lab — parsing Chart.js, creating the charts — is reported separately).
            longest: Math.max(0, ...tasks.filter(([t]) => t >= firstAt).map(([, d]) => d)),
            startupLongest: Math.max(0, ...tasks.filter(([t]) => t < firstAt).map(([, d]) => d)),
            sps: Number(document.querySelector<HTMLElement>('[data-widget="lab"]')?.dataset['samplesPerSecond'] ?? 'NaN'),
            backend: document.querySelector<HTMLElement>('[data-widget="lab"]')?.dataset['backend'] ?? '?',
          };
        });
        out.push({
          backend: r.backend,
          head,
          trainDigits,
          samplesPerSecond: r.sps,
          firstPointMs: r.firstPoint,
          longestTaskMs: r.longest,
          startupLongestTaskMs: r.startupLongest,
        });
      } catch (error) {
        out.push({
          backend,
          head,
          trainDigits,
          samplesPerSecond: null,
          firstPointMs: null,
          longestTaskMs: 0,
          error: String(error).slice(0, 200),
        });
      }
      await context.close();
    }
  }
  return out;
}

/** The same training in Node: one epoch on 1,280 digits per backend × head. */
async function measureNodeTraining(): Promise<{ backend: string; head: string; samplesPerSecond: number }[]> {
  const { useNodeBackend } = await import('../src/train/tf-node');
  const { loadDigitsNode } = await import('../src/train/data-node');
  const { splitDigits } = await import('../src/train/data');
  const { prepareRunData } = await import('../src/train/engine');
  const { Trainer } = await import('../src/train/trainer');
  const { makeSettings } = await import('../src/train/protocol');
  const split = splitDigits(loadDigitsNode());
  const out: { backend: string; head: string; samplesPerSecond: number }[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await useNodeBackend(backend);
    for (const head of ['fc', 'gap'] as const) {
      const settings = makeSettings({ trainSize: backend === 'wasm' ? 1280 : 320, epochs: 1, batchSize: 32 });
      settings.model.head = head === 'fc' ? { kind: 'fc', hidden: 64, dropout: 0 } : { kind: 'gap' };
      const data = prepareRunData(split, settings);
      let sps = Number.NaN;
      const trainer = new Trainer(settings, { train: data.train, val: data.val }, (e) => {
        if (e.type === 'step') sps = e.samplesPerSecond;
      });
      await trainer.run();
      trainer.dispose();
      out.push({ backend, head, samplesPerSecond: Math.round(sps) });
    }
  }
  return out;
}

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
    const updates = performance
      .getEntriesByName('inspector-update')
      .map((e) => e.duration)
      .sort((a, b) => a - b);
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
    lab = await measureLab(browser);
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
  if (inspector)
    console.log(`\nInspector (Node): VGG-16 print(model) text, median of ${inspector.runs}: ${inspector.vgg16MedianMs.toFixed(3)} ms`);
  if (typing) {
    console.log(
      `Inspector (Chromium, typing with VGG-16 loaded): ${typing.updates} updates, median ${typing.medianUpdateMs.toFixed(2)} ms, ` +
        `longest ${typing.longestUpdateMs.toFixed(2)} ms; longest input event over 16 ms: ${typing.longestInputEventMs.toFixed(0)} ms (0 = none)`,
    );
  }

  if (lab.length > 0) {
    console.log('\nLab in Chromium (one epoch, batch 32; cold cache for the first point):\n');
    console.log('| backend | head | digits | samples/s | click → first point | longest task while training | longest task starting |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of lab) {
      const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)} ms`);
      console.log(
        `| ${r.backend} | ${r.head} | ${r.trainDigits} | ${r.samplesPerSecond ?? '—'} | ${ms(r.firstPointMs)} | ${ms(r.longestTaskMs)} | ${ms(r.startupLongestTaskMs ?? null)} |${r.error ? ` ${r.error}` : ''}`,
      );
    }
  }
  const nodeTraining = await measureNodeTraining();
  console.log('\nTraining in Node (one epoch, batch 32):');
  for (const r of nodeTraining) console.log(`  ${r.backend} ${r.head}: ${r.samplesPerSecond} samples/s`);

  mkdirSync('bench-results', { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    pages,
    inspector,
    inspectorTyping: typing,
    lab,
    nodeTraining,
  };
  writeFileSync('bench-results/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nwritten: bench-results/bench.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
