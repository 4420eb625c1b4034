/**
 * `npm run bench`: measurements, not assertions. Prints a table and writes
 * bench-results/bench.json.
 *
 * 1. Page weight (budgets). For every page of the built site (run `npm run build`
 *    first; every `index.html` of the build), in headless Chromium: the JavaScript
 *    and CSS requested up to the `load` event ("on load"), and everything requested
 *    after it while the reader does nothing ("idle": at least 4 s, an idle period
 *    and 2 s without a new request; e.g. the service-worker registration and the search
 *    button's loader),
 *    gzipped sizes; the total transfer before any
 *    interaction (everything up to the end of the idle time). And, unless
 *    `--no-lighthouse`, Lighthouse runs per page (mobile: its default emulated phone
 *    and simulated slow 4G / 4× CPU throttling; `--lighthouse-runs N`, default 3, the
 *    median run reported with every run's score): performance and accessibility
 *    scores and the cumulative layout shift. Written to bench-results/pages.json;
 *    `npm run bench:check` compares it with the budgets (scripts/check-budgets.ts).
 * 2. The model inspector: median time to inspect VGG-16's `print(model)` text in Node,
 *    and, in the browser, the longest re-inspection while typing into the widget with
 *    VGG-16 loaded (the main thread is blocked for that long), plus the longest
 *    input-event duration the Event Timing API saw.
 * 3. The Lab (live training): for each backend the browser has and each head, the
 *    training throughput (samples/s over one epoch), the time from the click on
 *    Train to the first plotted point with a cold cache (TensorFlow.js and the
 *    digits downloaded), and the main thread's longest task while training; and the
 *    same throughput in Node (wasm and cpu backends).
 *
 * Options: `--no-lighthouse` (page weights without Lighthouse: minutes faster),
 * `--pages-only` (only part 1). Environment: ASTRO_OUT_DIR (the build, default dist),
 * BENCH_PORT (the preview server's port, default 4397).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Result as LhrResult } from 'lighthouse';
import { builtPages } from '../tests/e2e/helpers';
import { parseScriptArgs } from './lib/args';
import { kb, labTable, pageWeightTable, type LabResult } from './lib/bench-tables';
import { launchChromium, launchForLighthouse } from './lib/browser';
import { median } from './lib/stats';
import { startHost } from './static-host';

const args = parseScriptArgs('npm run bench -- [options]   (after npm run build; writes bench-results/)', {
  'no-lighthouse': { type: 'boolean', description: 'page weights without Lighthouse (minutes faster)' },
  'lighthouse-runs': { type: 'string', value: 'N', description: 'Lighthouse runs per page; the median run is reported', default: '3' },
  'pages-only': { type: 'boolean', description: 'only part 1, the pages' },
});
const PORT = Number(process.env.BENCH_PORT ?? 4397);
const OUT_DIR = process.env.ASTRO_OUT_DIR ?? 'dist';
const LIGHTHOUSE = args.values['no-lighthouse'] !== true;
/** Lighthouse runs per page; the median run is reported. */
const LIGHTHOUSE_RUNS = args.integer('lighthouse-runs', 3, 1, 99);
const PAGES_ONLY = args.values['pages-only'] === true;
const ORIGIN = `http://localhost:${PORT}`;

interface PageWeight {
  page: string;
  onLoad: { jsGzip: number; cssGzip: number; totalGzip: number; requests: number };
  withIdle: { jsGzip: number; cssGzip: number; totalGzip: number; requests: number };
  /** Every script requested before interaction: path, gzipped bytes, whether after the load event. */
  scripts: { url: string; gzip: number; afterLoad: boolean }[];
  /** Lighthouse (mobile), or null when run with --no-lighthouse or when it failed. */
  lighthouse: LighthouseResult | null;
}

interface LighthouseResult {
  /** Scores 0–100, of the median run. */
  performance: number;
  /** The performance score of every run, in order. */
  performanceRuns: number[];
  accessibility: number;
  /** Cumulative layout shift. */
  cls: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  /** The audits that failed in the accessibility category (empty when it scores 100). */
  accessibilityFailures: string[];
  error?: string;
}

/**
 * One Lighthouse run (mobile: Lighthouse's default form factor, emulated phone screen,
 * simulated slow 4G and 4× CPU slowdown) in its own headless Chromium: the report.
 */
async function lighthouseReport(url: string): Promise<LhrResult> {
  const { default: lighthouse } = await import('lighthouse');
  const chrome = await launchForLighthouse();
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

/**
 * `LIGHTHOUSE_RUNS` Lighthouse runs of `url`, summarised by the median run as Lighthouse
 * itself chooses it (`computeMedianRun`: the run nearest the medians of first contentful
 * paint and time to interactive; Lighthouse's docs on variability recommend the median
 * of several runs), with every run's performance score beside it.
 */
async function runLighthouse(url: string): Promise<LighthouseResult> {
  const { computeMedianRun, filterToValidRuns } = await import('lighthouse/core/lib/median-run.js');
  const reports: LhrResult[] = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) reports.push(await lighthouseReport(url));
  const valid = filterToValidRuns(reports);
  const lhr = valid.length > 0 ? computeMedianRun(valid) : reports[0];
  if (!lhr) throw new Error('Lighthouse returned no result');
  const { categories, audits } = lhr as LhrResult;
  const score = (id: string, r: LhrResult = lhr): number => Math.round((r.categories[id]?.score ?? Number.NaN) * 100);
  const failures = (categories['accessibility']?.auditRefs ?? [])
    .filter((ref: { id: string; weight: number }) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
    .map((ref: { id: string }) => ref.id);
  return {
    performance: score('performance'),
    performanceRuns: reports.map((r) => score('performance', r)),
    accessibility: score('accessibility'),
    cls: audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
    largestContentfulPaintMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? Number.NaN),
    totalBlockingTimeMs: Math.round(audits['total-blocking-time']?.numericValue ?? Number.NaN),
    accessibilityFailures: failures,
  };
}

/** Gzipped size of a built file, from its URL path. */
function gzipSizeOf(urlPath: string): number {
  const file = join(OUT_DIR, decodeURIComponent(urlPath.replace(/^\//, '')));
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

/**
 * The reader does nothing after the load event: waits at least 4 s, until the browser
 * has had an idle period (Starlight's search script loads its UI module in
 * requestIdleCallback, which a busy machine can delay past 4 s), and until no new
 * request has started for 2 s; at most 30 s.
 */
async function waitForIdle(page: import('playwright-core').Page, requestCount: () => number): Promise<void> {
  const start = Date.now();
  await page.evaluate(() => new Promise((resolve) => window.requestIdleCallback(() => resolve(null), { timeout: 25_000 })));
  let count = requestCount();
  let quietSince = Date.now();
  while (Date.now() - start < 30_000) {
    await page.waitForTimeout(250);
    if (requestCount() !== count) {
      count = requestCount();
      quietSince = Date.now();
    }
    if (Date.now() - start >= 4000 && Date.now() - quietSince >= 2000) return;
  }
}

interface TypingResult {
  updates: number;
  longestUpdateMs: number;
  medianUpdateMs: number;
  longestInputEventMs: number;
}
let typing: TypingResult | null = null;

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
  const { makeSettings } = await import('../src/train/settings');
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
  const { updates, events } = await page.evaluate(() => ({
    updates: performance.getEntriesByName('inspector-update').map((e) => e.duration),
    events: (window as unknown as { eventDurations: number[] }).eventDurations,
  }));
  await page.close();
  return {
    updates: updates.length,
    longestUpdateMs: updates.length === 0 ? Number.NaN : Math.max(...updates),
    medianUpdateMs: median(updates),
    longestInputEventMs: events.length === 0 ? 0 : Math.max(...events),
  };
}

async function measurePages(onPage: (sofar: PageWeight[]) => void): Promise<PageWeight[]> {
  // The build served as a static host serves it, with the headers of its `_headers`
  // file (cross-origin isolation, Content-Security-Policy): scripts/static-host.ts.
  const host = await startHost(OUT_DIR, PORT);
  try {
    await waitForServer(`${ORIGIN}/`);
    const { browser } = await launchChromium();
    const results: PageWeight[] = [];
    for (const path of builtPages(OUT_DIR)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen: { url: string; type: string; afterLoad: boolean }[] = [];
      let loaded = false;
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (url.origin === ORIGIN) seen.push({ url: url.pathname, type: req.resourceType(), afterLoad: loaded });
      });
      // The whole-book print page takes long to load on a busy 2-core machine.
      await page.goto(`${ORIGIN}/${path}`, { waitUntil: 'load', timeout: 180_000 });
      loaded = true;
      await waitForIdle(page, () => seen.length);
      const sum = (afterLoadToo: boolean, type?: string): number =>
        seen
          .filter((r) => (afterLoadToo || !r.afterLoad) && (type === undefined || r.type === type))
          .reduce((total, r) => total + gzipSizeOf(r.url), 0);
      const count = (afterLoadToo: boolean): number => seen.filter((r) => afterLoadToo || !r.afterLoad).length;
      await context.close();
      let lighthouseResult: LighthouseResult | null = null;
      if (LIGHTHOUSE) {
        try {
          lighthouseResult = await runLighthouse(`${ORIGIN}/${path}`);
        } catch (error) {
          console.error(`Lighthouse failed on /${path}: ${String(error).slice(0, 300)}`);
        }
      }
      results.push({
        page: `/${path}`,
        onLoad: { jsGzip: sum(false, 'script'), cssGzip: sum(false, 'stylesheet'), totalGzip: sum(false), requests: count(false) },
        withIdle: { jsGzip: sum(true, 'script'), cssGzip: sum(true, 'stylesheet'), totalGzip: sum(true), requests: count(true) },
        scripts: seen.filter((r) => r.type === 'script').map((r) => ({ url: r.url, gzip: gzipSizeOf(r.url), afterLoad: r.afterLoad })),
        lighthouse: lighthouseResult,
      });
      onPage(results);
      const lh = lighthouseResult;
      console.log(
        `  /${path}: JS ${kb(sum(false, 'script'))} on load, ${kb(sum(true, 'script'))} incl. idle` +
          (lh
            ? `; Lighthouse performance ${lh.performance} (runs ${lh.performanceRuns.join(', ')}), accessibility ${lh.accessibility}, CLS ${lh.cls.toFixed(3)}`
            : ''),
      );
    }
    if (!PAGES_ONLY) {
      typing = await measureTyping(browser);
      lab = await measureLab(browser);
    }
    await browser.close();
    return results;
  } finally {
    await new Promise((resolve) => host.server.close(resolve));
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
  return { vgg16MedianMs: median(times), runs: times.length };
}

/**
 * Microseconds to touch a fresh 4 KiB page of memory for the first time (a minor page
 * fault: the kernel maps and zeroes it), the median of three 256 MiB passes. A freshly
 * started browser renderer touches tens of thousands of such pages while it parses and
 * lays out a long chapter, so on a machine where this is slow (virtual machines that
 * return freed memory to their host) Lighthouse's blocking time grows with it, however
 * fast the processor is on warm memory. Ordinary Linux hardware takes about 1 µs or less.
 */
function firstTouchMicrosPerPage(): number {
  const bytes = 256 * 1024 * 1024;
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const memory = new Uint8Array(bytes);
    const t0 = performance.now();
    for (let i = 0; i < bytes; i += 4096) memory[i] = 1;
    runs.push(((performance.now() - t0) * 1000) / (bytes / 4096));
  }
  return Number(median(runs).toFixed(2));
}

/** bench-results/pages.json: the budgets' measurements (rewritten after each page, so a long run keeps what it measured). */
function writePagesReport(pages: PageWeight[], startedAt: number, loadBefore: number[], complete: boolean, pageFaultMicros: number): void {
  mkdirSync('bench-results', { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    // Lighthouse's performance score depends on how busy the machine is: record it.
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
      firstTouchMicrosPerPage: pageFaultMicros,
    },
    lighthouse: LIGHTHOUSE,
    complete,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    idle: 'at least 4 s after load, an idle callback, then 2 s without a new request (at most 30 s)',
    pages: pages.map((p) => ({
      page: p.page,
      jsOnLoadGzip: p.onLoad.jsGzip,
      jsWithIdleGzip: p.withIdle.jsGzip,
      cssGzip: p.onLoad.cssGzip,
      transferBeforeInteractionGzip: p.withIdle.totalGzip,
      requestsBeforeInteraction: p.withIdle.requests,
      scripts: p.scripts,
      lighthouse: p.lighthouse,
    })),
  };
  writeFileSync('bench-results/pages.json', `${JSON.stringify(report, null, 2)}\n`);
}

async function main(): Promise<void> {
  if (!existsSync(join(OUT_DIR, 'index.html'))) {
    console.error(`${OUT_DIR}/ is empty: run \`npm run build\` first.`);
    process.exit(2);
  }
  const loadBefore = loadavg();
  const pageFaultMicros = firstTouchMicrosPerPage();
  const startedAt = Date.now();
  const pages = await measurePages((sofar) => writePagesReport(sofar, startedAt, loadBefore, false, pageFaultMicros));
  writePagesReport(pages, startedAt, loadBefore, true, pageFaultMicros);
  console.log('\nPage weight (gzipped; "idle" adds what loads after the load event while the reader does nothing):\n');
  console.log(pageWeightTable(pages));
  console.log('\nwritten: bench-results/pages.json (compare with the budgets: npm run bench:check)');
  if (PAGES_ONLY) return;
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
    console.log(labTable(lab));
  }
  const nodeTraining = await measureNodeTraining();
  console.log('\nTraining in Node (one epoch, batch 32):');
  for (const r of nodeTraining) console.log(`  ${r.backend} ${r.head}: ${r.samplesPerSecond} samples/s`);

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
  console.log('\nwritten: bench-results/bench.json (its tables go into docs/benchmarks.md with npm run bench:docs)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
