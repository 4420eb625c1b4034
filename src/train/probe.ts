/**
 * Backend choice by measurement: a short training probe of each tfjs backend
 * that starts, so the worker trains on whichever is fastest in this browser
 * (software WebGL can be slower than plain JavaScript; a real GPU can beat wasm).
 *
 * For each candidate the probe selects the backend, builds the Lab's default CNN,
 * runs one warm-up step (kernels compile, buffers are allocated) and then timed
 * SGD steps on a random batch until `budgetMs` has passed (at least one timed
 * step). Its score is samples per second over the timed steps only; a backend
 * whose warm-up alone exceeds the budget scores the warm-up's rate instead (it is
 * too slow to be worth waiting for). Everything it creates is disposed.
 * It has no worker globals: the worker passes `setBackend`, and Node tests pass
 * tfjs's own.
 */
import * as tf from '@tensorflow/tfjs';
import { installFastConvGradient } from './conv-grad';
import { buildModel } from './models';
import type { ModelConfig } from './model-config';
import type { BackendName, ProbeResult } from './messages';
import { defaultSettings } from './settings';
import { disposeOptimizer } from './trainer';

export interface ProbeOptions {
  /** Selects and initialises a backend; resolves false when it cannot start. */
  setBackend: (name: BackendName) => Promise<boolean>;
  /** Time spent per backend, warm-up excluded when it is shorter (default 150 ms). */
  budgetMs?: number;
  /** The network probed (default: the Lab's default model). */
  model?: ModelConfig;
  batchSize?: number;
  now?: () => number;
}

/** Samples per second of SGD training steps on the current backend (see the module comment). */
async function measure(model: ModelConfig, batch: number, budgetMs: number, now: () => number): Promise<number> {
  installFastConvGradient();
  const net = buildModel(model, { seed: 1 });
  const optimizer = tf.train.sgd(0.01);
  const xs = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 1);
  const ys = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Array.from({ length: batch }, (_, i) => i % 10),
        'int32',
      ),
      10,
    ),
  );
  const step = async (): Promise<void> => {
    const loss = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(ys, net.apply(xs, { training: true }) as tf.Tensor2D) as tf.Scalar,
      true,
    );
    await loss?.data(); // waits for the backend (WebGL runs asynchronously)
    loss?.dispose();
  };
  try {
    const t0 = now();
    await step();
    const warm = now() - t0;
    if (warm > budgetMs) return (batch * 1000) / warm;
    const t1 = now();
    let steps = 0;
    do {
      await step();
      steps++;
    } while (now() - t1 < budgetMs - warm);
    return (steps * batch * 1000) / Math.max(now() - t1, 1e-3);
  } finally {
    disposeOptimizer(optimizer);
    tf.dispose([xs, ys]);
    net.dispose();
  }
}

/**
 * Probes `candidates` in order and returns one result per candidate (samples/s,
 * 0 for a backend that did not start or failed) and the fastest backend, which
 * is left selected. Throws when none works.
 */
export async function probeBackends(
  candidates: readonly BackendName[],
  options: ProbeOptions,
): Promise<{ best: BackendName; results: ProbeResult[] }> {
  const budget = options.budgetMs ?? 150;
  const model = options.model ?? defaultSettings.model;
  const batch = options.batchSize ?? 16;
  const now = options.now ?? (() => performance.now());
  const results: ProbeResult[] = [];
  for (const backend of candidates) {
    let samplesPerSecond = 0;
    try {
      if (await options.setBackend(backend)) samplesPerSecond = await measure(model, batch, budget, now);
    } catch {
      samplesPerSecond = 0;
    }
    results.push({ backend, samplesPerSecond: Math.round(samplesPerSecond) });
  }
  const ranked = results.filter((r) => r.samplesPerSecond > 0).sort((a, b) => b.samplesPerSecond - a.samplesPerSecond);
  const best = ranked[0]?.backend;
  if (!best) throw new Error(`No TensorFlow.js backend could train here (tried ${candidates.join(', ')}).`);
  if (!(await options.setBackend(best))) throw new Error(`The ${best} backend stopped working after the probe.`);
  return { best, results };
}
