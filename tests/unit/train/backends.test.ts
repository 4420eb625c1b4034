/**
 * A short training run with the fast kernels (src/train/conv-grad.ts) gives the
 * same per-batch losses, within 1e-3, on every backend Node has (cpu, wasm) as the
 * reference path: stock tfjs gradients on the cpu backend. The net is the speed
 * benchmark's (conv 8@5×5 → pool 2 → conv 16@5×5 → pool 3 → dense 10) plus the
 * Lab's default FC head, trained with SGD + momentum.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { installFastConvGradient, uninstallFastConvGradient } from '../../../src/train/conv-grad';
import type { ModelConfig } from '../../../src/train/model-config';
import { useNodeBackend } from '../../../src/train/tf-node';
import { Trainer } from '../../../src/train/trainer';
import { stepLosses, tinyData, tinySettings } from './helpers';
import type { TrainerEvent } from '../../../src/train/messages';

const trunk = [
  { filters: 8, kernel: 5, pool: 2 },
  { filters: 16, kernel: 5, pool: 3 },
];
const nets: Record<string, ModelConfig> = {
  linear: { trunk, head: { kind: 'linear' } },
  fc: { trunk, head: { kind: 'fc', hidden: 64, dropout: 0 } },
};

async function losses(model: ModelConfig, backend: 'cpu' | 'wasm', stock: boolean): Promise<number[]> {
  await useNodeBackend(backend);
  const s = tinySettings({
    model,
    optimizer: 'momentum',
    learningRate: 0.01,
    momentum: 0.9,
    batchSize: 20,
    trainSize: 100,
    valSize: 20,
    seed: 3,
  });
  const events: TrainerEvent[] = [];
  const trainer = new Trainer(s, tinyData(s), (e) => events.push(e));
  if (stock) uninstallFastConvGradient(); // the constructor installed it; gradients are looked up during backprop
  try {
    await trainer.run();
  } finally {
    installFastConvGradient();
    trainer.dispose();
  }
  return stepLosses(events);
}

describe('per-batch losses with the fast kernels match stock tfjs on cpu', () => {
  afterAll(async () => {
    await useNodeBackend('cpu');
  });

  for (const [name, model] of Object.entries(nets)) {
    it(`${name} head: cpu and wasm within 1e-3 of the reference`, async () => {
      const reference = await losses(model, 'cpu', true);
      expect(reference).toHaveLength(5);
      expect(reference.every(Number.isFinite)).toBe(true);
      for (const backend of ['cpu', 'wasm'] as const) {
        const fast = await losses(model, backend, false);
        expect(fast).toHaveLength(reference.length);
        fast.forEach((l, i) => expect(Math.abs(l - reference[i]!), `${backend}, batch ${i + 1}`).toBeLessThan(1e-3));
      }
    }, 300_000); // stock tfjs's cpu filter gradient is slow: ~35 samples/s
  }
});
