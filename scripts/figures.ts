/**
 * npm run figures: trains the book's CNN trunk with three heads in Node and
 * writes content/figures/heads-comparison.json (see src/train/experiments.ts).
 *
 *   npx tsx scripts/figures.ts                 full run (wasm backend, a few minutes)
 *   npx tsx scripts/figures.ts -- --smoke      short run → content/figures/heads-smoke.json
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
import { FULL_CONFIG, SMOKE_CONFIG, headsFigure, runHeadsComparison } from '../src/train/experiments';
import { useNodeBackend } from '../src/train/tf-node';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const backendArg = args[args.indexOf('--backend') + 1];
const backend = args.includes('--backend') ? backendArg : smoke ? 'cpu' : 'wasm';
if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`--backend must be cpu or wasm, not ${backend}`);

await useNodeBackend(backend);
const config = smoke ? SMOKE_CONFIG : FULL_CONFIG;
const t0 = performance.now();
const split = splitDigits(loadDigitsNode());
const results = await runHeadsComparison(split, config, (line) => console.log(line));
const out = join(REPO_ROOT, 'content', 'figures', smoke ? 'heads-smoke.json' : 'heads-comparison.json');
mkdirSync(join(REPO_ROOT, 'content', 'figures'), { recursive: true });
writeFileSync(out, `${JSON.stringify(headsFigure(config, results, smoke), null, 2)}\n`);
console.log(`Wrote ${out.slice(REPO_ROOT.length + 1)} (${backend}) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
