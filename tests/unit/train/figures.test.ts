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
import { HEADS, SMOKE_CONFIG, runHeadsComparison } from '../../../src/train/experiments';
import type { HeadResult } from '../../../src/train/experiments';
import { libraryParamCount } from '../../../src/train/models';
import { useNodeBackend } from '../../../src/train/tf-node';
import { digits } from './helpers';

const read = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'content', 'figures', name), 'utf8'));

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
    const results = await runHeadsComparison(digits().split, SMOKE_CONFIG);
    expect(results.map((r) => r.id)).toEqual(recorded.models.map((m: HeadResult) => m.id));
    results.forEach((r, i) => {
      const m = recorded.models[i] as HeadResult;
      expect(r.paramCount).toBe(m.paramCount);
      expect(r.epochs).toHaveLength(m.epochs.length);
      r.epochs.forEach((e, k) => {
        const f = m.epochs[k]!;
        for (const key of ['trainLoss', 'trainAccuracy', 'valLoss', 'valAccuracy'] as const) close(e[key], f[key], `${r.id} epoch ${e.epoch} ${key}`);
      });
    });
  });

  it('heads-comparison.json records its provenance, all three heads and library-checked parameter counts', () => {
    const full = read('heads-comparison.json');
    for (const key of ['date', 'backend', 'tfjsVersion', 'nodeVersion', 'config', 'data']) expect(full).toHaveProperty(key);
    expect(full.models.map((m: HeadResult) => m.id)).toEqual(HEADS.map((h) => h.id));
    for (const m of full.models as HeadResult[]) {
      expect(m.paramCount).toBe(libraryParamCount({ trunk: [{ filters: 8, kernel: 5, pool: 2 }, { filters: 16, kernel: 5, pool: 2 }], head: m.head }));
      expect(m.tfjsParamCount).toBe(m.paramCount);
      expect(m.epochs).toHaveLength(full.config.epochs);
      expect(m.test?.accuracy).toBeGreaterThan(0.5);
    }
  });
});
