/**
 * npm run figures: trains the book's CNN trunk with three heads in Node and
 * writes content/figures/heads-comparison.json (see src/train/experiments.ts) and
 * content/figures/gap-model.json (the GAP model's weights for the CAM viewer).
 *
 *   npx tsx scripts/figures.ts                 full run (wasm backend, a few minutes)
 *   npx tsx scripts/figures.ts -- --smoke      short run → content/figures/heads-smoke.json + gap-model-smoke.json
 *                                              (cpu backend; a unit test re-runs it)
 *   --backend cpu|wasm                         override the backend
 *
 * The full run uses the wasm backend because it is ~8–10× faster than cpu here
 * (both use the Conv2D filter gradient of src/train/conv-grad.ts); the smoke run
 * uses cpu, plain JavaScript, so its numbers are reproducible bit for bit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitDigits } from '../src/train/data';
import { REPO_ROOT, loadDigitsNode } from '../src/train/data-node';
import {
  FULL_CONFIG,
  HEADS_TRUNK,
  SMOKE_CONFIG,
  exportGapNet,
  gapModelFigure,
  headsFigure,
  runHeadsComparison,
} from '../src/train/experiments';
import type { GapNet } from '../src/lib/cam';
import { useNodeBackend } from '../src/train/tf-node';
import { parseScriptArgs } from './lib/args';

const args = parseScriptArgs('npm run figures -- [--smoke] [--backend cpu|wasm]', {
  smoke: { type: 'boolean', description: 'a short run on the cpu backend, to check the pipeline' },
  backend: { type: 'string', value: 'cpu|wasm', description: 'the TensorFlow.js backend (default wasm; cpu with --smoke)' },
});
const smoke = args.values.smoke === true;
const backendArg = (args.values.backend as string | undefined) ?? (smoke ? 'cpu' : 'wasm');
const backend =
  backendArg === 'cpu' || backendArg === 'wasm'
    ? backendArg
    : args.fail(`--backend must be cpu or wasm, not ${JSON.stringify(backendArg)}`);

await useNodeBackend(backend);
const config = smoke ? SMOKE_CONFIG : FULL_CONFIG;
const t0 = performance.now();
const split = splitDigits(loadDigitsNode());
let gapNet: GapNet | null = null;
const results = await runHeadsComparison(
  split,
  config,
  (line) => console.log(line),
  (id, model) => {
    if (id === 'gap') gapNet = exportGapNet(model, HEADS_TRUNK);
  },
);
if (!gapNet) throw new Error('the GAP head was not trained');
const dir = join(REPO_ROOT, 'content', 'figures');
const out = join(dir, smoke ? 'heads-smoke.json' : 'heads-comparison.json');
const gapOut = join(dir, smoke ? 'gap-model-smoke.json' : 'gap-model.json');
mkdirSync(dir, { recursive: true });
const heads = headsFigure(config, results, smoke);
writeFileSync(out, `${JSON.stringify(heads, null, 2)}\n`);
// The GAP model's weights (PyTorch layouts) and the digits the CAM viewer shows, with the same date as the run.
writeFileSync(gapOut, `${JSON.stringify(gapModelFigure(config, gapNet, split.test, smoke, heads.date))}\n`);
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`Wrote ${out.slice(REPO_ROOT.length + 1)} and ${gapOut.slice(REPO_ROOT.length + 1)} (${backend}) in ${secs} s.`);
