/** The start-up backend probe (src/train/probe.ts) in Node, on the cpu and wasm backends. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { probeBackends } from '../../../src/train/probe';
import type { BackendName } from '../../../src/train/messages';
import { useNodeBackend } from '../../../src/train/tf-node';

const setBackend = async (name: BackendName): Promise<boolean> => {
  if (name === 'webgl') return false; // no WebGL in Node
  return (await useNodeBackend(name)) === name;
};

describe('probeBackends', () => {
  afterAll(async () => {
    await useNodeBackend('cpu');
  });

  it('scores every candidate, keeps the fastest selected and frees what it built', async () => {
    await useNodeBackend('cpu');
    const before = tf.memory().numTensors;
    const started = performance.now();
    const { best, results } = await probeBackends(['wasm', 'webgl', 'cpu'], { setBackend, budgetMs: 150 });
    const seconds = (performance.now() - started) / 1000;
    expect(results.map((r) => r.backend)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(results.find((r) => r.backend === 'webgl')?.samplesPerSecond).toBe(0);
    const top = Math.max(...results.map((r) => r.samplesPerSecond));
    expect(results.find((r) => r.backend === best)?.samplesPerSecond).toBe(top);
    expect(top).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe(best);
    // Each backend's memory is its own: count on the backend that is left selected.
    await useNodeBackend('cpu');
    expect(tf.memory().numTensors).toBe(before);
    expect(seconds).toBeLessThan(5); // ~0.15 s per backend plus start-up and warm-up steps
  });

  it('throws a specific error when no backend starts', async () => {
    await expect(probeBackends(['webgl'], { setBackend, budgetMs: 10 })).rejects.toThrow(
      'No TensorFlow.js backend could train here (tried webgl).',
    );
  });
});
