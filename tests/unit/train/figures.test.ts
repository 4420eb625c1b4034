/**
 * The recorded figures cannot silently drift from the code: this re-trains the
 * short configuration of `npm run figures -- --smoke` and compares it with the
 * committed content/figures/heads-smoke.json. If this fails after an intended
 * change to the training code, regenerate both files (npm run figures, and
 * npm run figures -- --smoke) and review the differences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../src/train/data-node';
import { checkGapNet, gapNetForward, type GapNet } from '../../../src/lib/cam';
import { CAM_DIGITS, HEADS, HEADS_TRUNK, SMOKE_CONFIG, exportGapNet, runHeadsComparison } from '../../../src/train/experiments';
import type { HeadResult } from '../../../src/train/experiments';
import { libraryParamCount } from '../../../src/train/model-config';
import { useNodeBackend } from '../../../src/train/tf-node';
import { digits } from './helpers';

const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'content', 'figures', name), 'utf8'));

// The re-training and the 1,000-digit forward pass below take ~20 s each on an idle 2-core
// machine, and several times that on a busy one: they get a longer time limit than the default.
const close = (actual: number, expected: number, what: string) => {
  const rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
  if (rel > 1e-5) throw new Error(`${what}: ${actual} differs from the recorded ${expected} (relative ${rel.toExponential(2)} > 1e-5)`);
};

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('content/figures', () => {
  it('heads-smoke.json is what the code produces now (cpu, relative tolerance 1e-5)', async () => {
    const recorded = read('heads-smoke.json');
    expect(recorded.backend).toBe('cpu');
    expect(recorded.config).toEqual(SMOKE_CONFIG);
    let gapNet: GapNet | null = null;
    const results = await runHeadsComparison(digits().split, SMOKE_CONFIG, undefined, (id, model) => {
      if (id === 'gap') gapNet = exportGapNet(model, HEADS_TRUNK);
    });
    // The GAP model's exported weights (gap-model-smoke.json) are what this run trains, weight by weight.
    const smokeNet = read('gap-model-smoke.json').net as GapNet;
    const trained = gapNet as GapNet | null;
    if (!trained) throw new Error('the GAP head was not trained');
    const pairs: Array<[string, number[], number[]]> = [
      ...trained.trunk.flatMap((b, i): Array<[string, number[], number[]]> => [
        [`trunk[${i}].weight`, b.weight, smokeNet.trunk[i]!.weight],
        [`trunk[${i}].bias`, b.bias, smokeNet.trunk[i]!.bias],
      ]),
      ['head.weight', trained.head.weight, smokeNet.head.weight],
      ['head.bias', trained.head.bias, smokeNet.head.bias],
    ];
    for (const [what, now, recorded] of pairs) {
      expect(now.length, what).toBe(recorded.length);
      now.forEach((v, i) => {
        if (Math.abs(v - recorded[i]!) > 1e-6 + 1e-5 * Math.abs(recorded[i]!))
          throw new Error(`${what}[${i}]: ${v} differs from the recorded ${recorded[i]}`);
      });
    }
    expect(results.map((r) => r.id)).toEqual(recorded.models.map((m: HeadResult) => m.id));
    results.forEach((r, i) => {
      const m = recorded.models[i] as HeadResult;
      expect(r.paramCount).toBe(m.paramCount);
      expect(r.epochs).toHaveLength(m.epochs.length);
      r.epochs.forEach((e, k) => {
        const f = m.epochs[k]!;
        for (const key of ['trainLoss', 'trainAccuracy', 'valLoss', 'valAccuracy'] as const)
          close(e[key], f[key], `${r.id} epoch ${e.epoch} ${key}`);
      });
    });
  }, 240_000);

  it('heads-comparison.json records its provenance, all three heads and library-checked parameter counts', () => {
    const full = read('heads-comparison.json');
    for (const key of ['date', 'backend', 'tfjsVersion', 'nodeVersion', 'config', 'data']) expect(full).toHaveProperty(key);
    expect(full.models.map((m: HeadResult) => m.id)).toEqual(HEADS.map((h) => h.id));
    for (const m of full.models as HeadResult[]) {
      expect(m.paramCount).toBe(
        libraryParamCount({
          trunk: [
            { filters: 8, kernel: 5, pool: 2 },
            { filters: 16, kernel: 5, pool: 2 },
          ],
          head: m.head,
        }),
      );
      expect(m.tfjsParamCount).toBe(m.paramCount);
      expect(m.epochs).toHaveLength(full.config.epochs);
      expect(m.test?.accuracy).toBeGreaterThan(0.5);
    }
  });

  it('gap-model.json comes from the same run as heads-comparison.json, and its pure forward pass scores the recorded test accuracy', () => {
    const full = read('heads-comparison.json');
    const gap = read('gap-model.json');
    expect(gap.date).toBe(full.date);
    expect(gap.config).toEqual(full.config);
    expect(checkGapNet(gap.net)).toBeNull();
    const { test } = digits().split;
    // The digits shipped for the CAM viewer are the first test digits of the book's split.
    expect(gap.digits.count).toBe(CAM_DIGITS);
    expect(gap.digits.labels).toEqual(Array.from(test.labels.subarray(0, CAM_DIGITS)));
    const shipped = Uint8Array.from(atob(gap.digits.pixels as string), (ch) => ch.charCodeAt(0));
    expect(shipped).toEqual(test.images.subarray(0, CAM_DIGITS * 784));
    // src/lib/cam.ts's forward pass on all 1,000 test digits gives the accuracy TF.js measured after training.
    let correct = 0;
    for (let n = 0; n < test.count; n++) {
      const pixels = Float32Array.from(test.images.subarray(n * 784, (n + 1) * 784), (b) => b / 255);
      const { logits } = gapNetForward(gap.net as GapNet, pixels);
      if (logits.indexOf(Math.max(...logits)) === test.labels[n]) correct += 1;
    }
    const recorded = (full.models as HeadResult[]).find((m) => m.id === 'gap')?.test?.accuracy;
    expect(correct / test.count).toBe(recorded);
  }, 240_000);
});
