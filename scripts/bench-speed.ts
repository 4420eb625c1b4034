/**
 * `npm run bench:speed`: training speed, the book's engine against ConvNetJS, side by
 * side in the same headless Chromium. Measurements, not assertions. Prints a table
 * and writes bench-results/speed.json.
 *
 * Both train the same network with the same initial weights, the same digits in
 * the same order, plain SGD with momentum (lr 0.01, momentum 0.9) and batch 20:
 *   'linear': conv 8@5×5 pad 2 → ReLU → max-pool 2 → conv 16@5×5 pad 2 → ReLU →
 *             max-pool 3 → dense 10 (ConvNetJS's MNIST demo net)
 *   'fc':     the same trunk → dense 64 → ReLU → dense 10
 *
 * - The book's engine: the Lab's own training worker from the built site
 *   (`npm run build` first; ASTRO_OUT_DIR picks another build folder), spoken to
 *   with src/train/messages.ts from a bench page, forced to one backend
 *   (`--backend=wasm`, the default; 'auto' lets it probe) like the Lab's
 *   `?backend=`. It trains one epoch over the 8,000 training digits; samples/s is
 *   the worker's own figure for the epoch (validation excluded), and the epoch's
 *   seconds include validating 1,000 digits.
 * - ConvNetJS 0.3 (the npm package's build/convnet.js, loaded into the same page):
 *   main thread, one sample at a time as its Trainer expects, over the first
 *   `--convnet-samples` (default 1,000) digits of the same order, long enough for a
 *   stable rate; its first mini-batch losses are compared with the engine's
 *   (same weights and data: they must agree until rounding differences grow).
 * - Every figure is the median of `--runs` (default 3) runs, with min–max.
 * - Peak memory: the largest VmHWM (peak resident set, /proc) of the browser's
 *   renderer processes (the page and its workers share one) at the end of the runs.
 * - Main-thread long tasks: the longest 'longtask' entry while the engine trains.
 * - GFLOP/s: FLOPs per training sample = 3 × 2 × forward MACs (forward pass, input
 *   gradient, weight gradient; MACs from src/lib/layers.ts) × samples/s. One core's
 *   FP32 peak = clock (GHz, /proc/cpuinfo) × FLOPs per cycle from the CPU flags:
 *   2 FMA units × 8 lanes × 2 with AVX2+FMA (32; also AMD's AVX-512, which runs
 *   on the same two 256-bit pipes), ×16 lanes with Intel's AVX-512 (64), 4 otherwise; WebAssembly SIMD is 128 bits wide, so its ceiling is
 *   half the AVX2 figure (16 FLOPs/cycle): both are printed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runSequence } from '../src/lib/sequence';
import { createRng } from '../src/lib/rng';
import { splitDigits, takeDigits } from '../src/train/data';
import { loadDigitsNode } from '../src/train/data-node';
import { buildModel } from '../src/train/models';
import { inputShapeFor, modelLayerSpecs, type ModelConfig } from '../src/train/model-config';
import { makeSettings, type TrainSettings } from '../src/train/settings';
import type { BackendName } from '../src/train/messages';
import { useNodeBackend } from '../src/train/tf-node';
import { parseScriptArgs } from './lib/args';
import { launchChromium } from './lib/browser';
import { speedTable } from './lib/bench-tables';
import { median, summary, type Summary } from './lib/stats';
import { startHost, type ExtraRoute } from './static-host';

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const args = parseScriptArgs('npm run bench:speed -- [options]   (after npm run build)', {
  port: { type: 'string', value: 'N', description: 'the port of the page server', default: '4461' },
  runs: { type: 'string', value: 'N', description: 'runs per engine and network', default: '3' },
  backend: {
    type: 'string',
    value: 'wasm|webgl|cpu|auto',
    description: "the book's TensorFlow.js backend in the browser",
    default: 'wasm',
  },
  'convnet-samples': { type: 'string', value: 'N', description: 'training samples per ConvNetJS run', default: '1000' },
  nets: { type: 'string', value: 'LIST', description: 'the networks, comma-separated (linear, fc)', default: 'linear,fc' },
});
const DIST = process.env.ASTRO_OUT_DIR ?? 'dist';
const PORT = args.integer('port', 4461, 1, 65535);
const RUNS = args.integer('runs', 3, 1, 99);
const BACKEND = args.values.backend as BackendName | 'auto';
if (!['wasm', 'webgl', 'cpu', 'auto'].includes(BACKEND))
  args.fail(`--backend must be wasm, webgl, cpu or auto, not ${JSON.stringify(BACKEND)}`);
const CONVNET_SAMPLES = args.integer('convnet-samples', 1000, 1, 1_000_000);
const ONLY = String(args.values.nets).split(',');
const SEED = 1;
const BATCH = 20;
const LR = 0.01;
const MOMENTUM = 0.9;
const TRAIN = 8000;
const VAL = 1000;
/** Mini-batch losses compared between the two implementations (rounding differences grow later). */
const COMPARED_BATCHES = 10;

const trunk = [
  { filters: 8, kernel: 5, pool: 2 },
  { filters: 16, kernel: 5, pool: 3 },
];
const NETS: Record<string, ModelConfig> = {
  linear: { trunk, head: { kind: 'linear' } },
  fc: { trunk, head: { kind: 'fc', hidden: 64, dropout: 0 } },
};

// ---------------------------------------------------------------------------
// The bench page, served beside the build by scripts/static-host.ts with the build's
// _headers (cross-origin isolated, as the Lab is deployed)
// ---------------------------------------------------------------------------

const BENCH_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench-speed</title>
<script src="/__bench/convnet.js"></script></head><body><p>Training-speed benchmark page (scripts/bench-speed.ts).</p></body></html>`;

const BENCH_ROUTES: Record<string, ExtraRoute> = {
  '/__bench/': { body: BENCH_PAGE, type: 'text/html; charset=utf-8' },
  '/__bench/convnet.js': { file: 'node_modules/convnetjs/build/convnet.js' },
};

/** The URL path of the Lab's worker chunk in the built site. */
function workerPath(): string {
  const dir = join(DIST, '_astro');
  if (!existsSync(dir)) throw new Error(`No built site in ${DIST}: run \`npm run build\` first (or set ASTRO_OUT_DIR).`);
  const found = readdirSync(dir).filter((f) => /^worker.*\.js$/.test(f));
  if (found.length !== 1) throw new Error(`Expected one worker-*.js in ${dir}, found ${found.length}: ${found.join(', ')}.`);
  return `/_astro/${found[0]}`;
}

// ---------------------------------------------------------------------------
// The same start for both: weights, digits, order
// ---------------------------------------------------------------------------

interface Start {
  /** getWeights() of the seeded tfjs model, in order, as plain arrays with shapes. */
  weights: { shape: number[]; values: number[] }[];
  /** The first CONVNET_SAMPLES training digits in the engine's epoch-1 order, 0…255, base64. */
  pixels: string;
  labels: number[];
}

function settingsFor(model: ModelConfig): TrainSettings {
  return makeSettings({
    model,
    optimizer: 'momentum',
    learningRate: LR,
    momentum: MOMENTUM,
    epochs: 1,
    batchSize: BATCH,
    seed: SEED,
    trainSize: TRAIN,
    valSize: VAL,
  });
}

async function startFor(model: ModelConfig): Promise<Start> {
  await useNodeBackend('cpu');
  const net = buildModel(model, { seed: SEED, inputSize: 28 });
  const weights = net.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) }));
  net.dispose();
  const train = takeDigits(splitDigits(loadDigitsNode()).train, TRAIN);
  // The Trainer's epoch-1 order: createRng(seed).shuffle(0…n−1) (src/train/trainer.ts).
  const order = createRng(SEED).shuffle(Array.from({ length: train.count }, (_, i) => i));
  const size = train.rows * train.cols;
  const pixels = new Uint8Array(CONVNET_SAMPLES * size);
  const labels: number[] = [];
  for (let k = 0; k < CONVNET_SAMPLES; k++) {
    const i = order[k] as number;
    pixels.set(train.images.subarray(i * size, (i + 1) * size), k * size);
    labels.push(train.labels[i] as number);
  }
  return { weights, pixels: Buffer.from(pixels).toString('base64'), labels };
}

/** Training FLOPs per sample: 3 × 2 × forward MACs (library counts). */
function flopsPerSample(model: ModelConfig): number {
  const input = inputShapeFor(28);
  return 3 * 2 * runSequence(modelLayerSpecs(model, input), input).totalMacs;
}

// ---------------------------------------------------------------------------
// In the page
// ---------------------------------------------------------------------------

interface ConvnetRun {
  samplesPerSecond: number;
  batchLosses: number[];
  seconds: number;
}

/** The parts of ConvNetJS 0.3's API the benchmark uses. */
interface ConvnetLayer {
  layer_type: string;
  filters: { w: Float64Array }[];
  biases: { w: Float64Array };
}
interface ConvnetJs {
  Net: new () => { makeLayers(defs: unknown[]): void; layers: ConvnetLayer[] };
  Vol: new (sx: number, sy: number, depth: number, fill: number) => { w: Float64Array };
  Trainer: new (net: unknown, options: Record<string, unknown>) => { train(x: unknown, label: number): { cost_loss: number } };
}

/** ConvNetJS on the main thread: builds the net, copies the weights in, trains CONVNET_SAMPLES samples. */
async function runConvnet(page: Page, kind: string, start: Start): Promise<ConvnetRun> {
  return page.evaluate(
    ({ kind, start, batch, lr, momentum }) => {
      const cnn = (globalThis as unknown as { convnetjs: ConvnetJs }).convnetjs;
      const defs: unknown[] = [
        { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
        { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
        { type: 'pool', sx: 2, stride: 2 },
        { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
        { type: 'pool', sx: 3, stride: 3 },
      ];
      if (kind === 'fc') defs.push({ type: 'fc', num_neurons: 64, activation: 'relu' });
      defs.push({ type: 'softmax', num_classes: 10 });
      const net = new cnn.Net();
      net.makeLayers(defs);
      // tfjs layouts: conv kernel [kh, kw, cin, cout], dense kernel [in, out]; ConvNetJS:
      // filter o is a Vol(sx, sy, depth) with w[(sx·y + x)·depth + c], dense filter o has w[i].
      const layers = net.layers.filter((l) => l.layer_type === 'conv' || l.layer_type === 'fc');
      layers.forEach((layer, li) => {
        const k = start.weights[2 * li]!;
        const b = start.weights[2 * li + 1]!;
        if (layer.layer_type === 'conv') {
          const [kh, kw, cin, cout] = k.shape as [number, number, number, number];
          for (let o = 0; o < cout; o++)
            for (let y = 0; y < kh; y++)
              for (let x = 0; x < kw; x++)
                for (let c = 0; c < cin; c++) layer.filters[o]!.w[(kw * y + x) * cin + c] = k.values[((y * kw + x) * cin + c) * cout + o]!;
        } else {
          const [nin, nout] = k.shape as [number, number];
          for (let o = 0; o < nout; o++) for (let i = 0; i < nin; i++) layer.filters[o]!.w[i] = k.values[i * nout + o]!;
        }
        for (let o = 0; o < b.values.length; o++) layer.biases.w[o] = b.values[o]!;
      });
      const trainer = new cnn.Trainer(net, { method: 'sgd', learning_rate: lr, momentum, batch_size: batch, l2_decay: 0, l1_decay: 0 });
      const bytes = Uint8Array.from(atob(start.pixels), (ch) => ch.charCodeAt(0));
      const n = start.labels.length;
      const batchLosses: number[] = [];
      let sum = 0;
      const t0 = performance.now();
      for (let s = 0; s < n; s++) {
        const v = new cnn.Vol(28, 28, 1, 0.0);
        for (let p = 0; p < 784; p++) v.w[p] = bytes[s * 784 + p]! / 255;
        sum += trainer.train(v, start.labels[s]!).cost_loss;
        if ((s + 1) % batch === 0) {
          batchLosses.push(sum / batch);
          sum = 0;
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      return { samplesPerSecond: n / seconds, batchLosses, seconds };
    },
    { kind, start, batch: BATCH, lr: LR, momentum: MOMENTUM },
  );
}

interface EngineRun {
  backend: string;
  detail: string;
  samplesPerSecond: number;
  epochSeconds: number;
  batchLosses: number[];
  endLoss: number;
  valAccuracy: number;
  longestTaskMs: number;
}

/** The Lab's worker: init (forced backend), train one epoch, collect its events. */
async function runEngine(page: Page, worker: string, settings: TrainSettings, backend: string): Promise<EngineRun> {
  return page.evaluate(
    async ({ worker, settings, backend }) => {
      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      observer.observe({ type: 'longtask' });
      const w = new Worker(worker, { type: 'module' });
      const result = await new Promise<EngineRun>((resolve, reject) => {
        const losses: number[] = [];
        let ready = { backend: '', detail: '' };
        let last = { samplesPerSecond: 0, loss: NaN };
        w.onerror = (e) => reject(new Error(`the worker failed: ${e.message || 'no message'} (${e.filename}:${e.lineno})`));
        w.onmessage = ({ data: m }) => {
          if (m.type === 'ready') {
            ready = { backend: m.backend, detail: m.detail ?? '' };
            w.postMessage({ type: 'train', settings });
          } else if (m.type === 'step') {
            losses.push(m.loss);
            last = m;
          } else if (m.type === 'epoch') {
            resolve({
              ...ready,
              samplesPerSecond: last.samplesPerSecond,
              epochSeconds: m.seconds,
              batchLosses: losses,
              endLoss: last.loss,
              valAccuracy: m.valAccuracy,
              longestTaskMs: 0,
            });
          } else if (m.type === 'error' || m.type === 'diverged') reject(new Error(m.message ?? m.reason));
        };
        w.postMessage({ type: 'init', dataUrl: '/data/mnist-10k.bin.gz', backend });
      });
      w.terminate();
      observer.disconnect();
      return { ...result, longestTaskMs: longest };
    },
    { worker, settings, backend },
  );
}

// ---------------------------------------------------------------------------
// Machine facts
// ---------------------------------------------------------------------------

function cpuPeak(): { model: string; ghz: number; flopsPerCycle: number; gflops: number; wasmSimdGflops: number; how: string } {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? 'unknown CPU';
  const mhz = Number(/cpu MHz\s*:\s*([\d.]+)/.exec(info)?.[1] ?? 'NaN');
  const flags = new Set((/flags\s*:\s*(.+)/.exec(info)?.[1] ?? '').split(/\s+/));
  const intel = /GenuineIntel/.test(info);
  // AMD's AVX-512 (Zen 4) runs on two 256-bit FMA pipes: the same 32 FLOP/cycle as AVX2.
  const flopsPerCycle = flags.has('avx512f') && intel ? 64 : flags.has('avx2') && flags.has('fma') ? 32 : 4;
  const ghz = mhz / 1000;
  return {
    model,
    ghz,
    flopsPerCycle,
    gflops: ghz * flopsPerCycle,
    wasmSimdGflops: ghz * 16,
    how: `/proc/cpuinfo: ${mhz} MHz × ${flopsPerCycle} FP32 FLOP/cycle (${flopsPerCycle === 32 ? '2 FMA units × 8 lanes × 2 FLOP, AVX2+FMA' : flopsPerCycle === 64 ? '2 AVX-512 FMA units × 16 lanes × 2 FLOP' : 'no FMA'}); WebAssembly SIMD (128-bit): ${mhz} MHz × 16`,
  };
}

function peakRendererKb(pids: number[]): number {
  let peak = 0;
  for (const pid of pids) {
    try {
      const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      peak = Math.max(peak, Number(hwm ?? 0));
    } catch {
      // the process has gone
    }
  }
  return peak;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const round = (x: number, d = 0): number => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const worker = workerPath();
  const host = await startHost(DIST, PORT, '/', BENCH_ROUTES);
  const { browser } = await launchChromium();
  const results: Record<string, unknown> = {};
  const peak = cpuPeak();
  let peakKb = 0;
  try {
    const cdp = await browser.newBrowserCDPSession();
    const page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') console.log(`[page ${msg.type()}] ${msg.text()}`);
    });
    await page.goto(`${host.origin}/__bench/`);
    const isolated = await page.evaluate(() => self.crossOriginIsolated);
    const rendererPids = async (): Promise<number[]> => {
      const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
      return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    };
    for (const kind of ONLY) {
      const model = NETS[kind];
      if (!model) throw new Error(`Unknown net '${kind}': use linear or fc.`);
      const start = await startFor(model);
      const settings = settingsFor(model);
      const flops = flopsPerSample(model);
      const convnet: ConvnetRun[] = [];
      const engine: EngineRun[] = [];
      for (let r = 0; r < RUNS; r++) {
        process.stdout.write(`${kind}: run ${r + 1} of ${RUNS}…\n`);
        engine.push(await runEngine(page, worker, settings, BACKEND));
        peakKb = Math.max(peakKb, peakRendererKb(await rendererPids()));
        convnet.push(await runConvnet(page, kind, start));
      }
      const ratios = engine.map((e, i) => e.samplesPerSecond / (convnet[i] as ConvnetRun).samplesPerSecond);
      const lossGap = Math.max(
        ...Array.from({ length: COMPARED_BATCHES }, (_, i) =>
          Math.abs((engine[0]!.batchLosses[i] as number) - (convnet[0]!.batchLosses[i] as number)),
        ),
      );
      results[kind] = {
        net:
          kind === 'linear'
            ? 'conv 8@5×5 pad 2 → ReLU → max-pool 2 → conv 16@5×5 pad 2 → ReLU → max-pool 3 → dense 10'
            : 'same trunk → dense 64 → ReLU → dense 10',
        flopsPerSample: flops,
        engine: {
          backend: engine[0]!.backend,
          detail: engine[0]!.detail,
          samplesPerSecond: summary(engine.map((e) => round(e.samplesPerSecond, 1))),
          gflops: round((median(engine.map((e) => e.samplesPerSecond)) * flops) / 1e9, 2),
          epochSeconds: summary(engine.map((e) => round(e.epochSeconds, 2))),
          trainSamples: TRAIN,
          firstLoss: round(engine[0]!.batchLosses[0] as number, 4),
          endLoss: round(median(engine.map((e) => e.endLoss)), 4),
          valAccuracy: round(median(engine.map((e) => e.valAccuracy)), 4),
          longestMainThreadTaskMs: Math.max(...engine.map((e) => e.longestTaskMs)),
        },
        convnetjs: {
          samplesPerSecond: summary(convnet.map((c) => round(c.samplesPerSecond, 1))),
          gflops: round((median(convnet.map((c) => c.samplesPerSecond)) * flops) / 1e9, 3),
          trainSamples: CONVNET_SAMPLES,
          firstLoss: round(convnet[0]!.batchLosses[0] as number, 4),
          endLoss: round(median(convnet.map((c) => c.batchLosses.at(-1) as number)), 4),
          meanLossLast5Batches: round(median(convnet.map((c) => c.batchLosses.slice(-5).reduce((a, b) => a + b, 0) / 5)), 4),
        },
        ratio: summary(ratios.map((x) => round(x, 2))),
        firstBatchesMaxLossDifference: { batches: COMPARED_BATCHES, value: Number(lossGap.toExponential(2)) },
      };
    }
    results['machine'] = {
      cpu: peak.model,
      ghz: round(peak.ghz, 2),
      cores: (await import('node:os')).cpus().length,
      fp32PeakOneCoreGflops: round(peak.gflops, 1),
      wasmSimdPeakOneCoreGflops: round(peak.wasmSimdGflops, 1),
      peakHow: peak.how,
      crossOriginIsolated: isolated,
      chromium: browser.version(),
    };
    results['peakRendererMemoryMB'] = round(peakKb / 1024, 0);
    results['settings'] = {
      optimizer: 'SGD with momentum',
      learningRate: LR,
      momentum: MOMENTUM,
      batchSize: BATCH,
      seed: SEED,
      runs: RUNS,
      backend: BACKEND,
    };
  } finally {
    await browser.close();
    host.server.close();
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/speed.json', `${JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2)}\n`);
  // The table.
  const m = results['machine'] as {
    fp32PeakOneCoreGflops: number;
    wasmSimdPeakOneCoreGflops: number;
    cpu: string;
    crossOriginIsolated: boolean;
  };
  console.log(
    `\n${m.cpu}; one core's FP32 peak ≈ ${m.fp32PeakOneCoreGflops} GFLOP/s (wasm SIMD ceiling ≈ ${m.wasmSimdPeakOneCoreGflops}); cross-origin isolated: ${m.crossOriginIsolated}`,
  );
  console.log(speedTable(results));
  type Details = { engine: { epochSeconds: Summary; longestMainThreadTaskMs: number }; firstBatchesMaxLossDifference: { value: number } };
  for (const kind of ONLY) {
    const r = results[kind] as Details;
    const s = r.engine.epochSeconds;
    console.log(
      `  ${kind}: epoch of ${TRAIN} digits ${s.median} (${s.min}–${s.max}) s; longest main-thread task ${r.engine.longestMainThreadTaskMs} ms; ` +
        `first ${COMPARED_BATCHES} batch losses differ by ≤ ${r.firstBatchesMaxLossDifference.value}`,
    );
  }
  console.log(
    `peak renderer memory: ${results['peakRendererMemoryMB']} MB\nwrote bench-results/speed.json (its table goes into docs/benchmarks.md with npm run bench:docs)`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
