import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeSettings, validateSettings } from '../../../src/train/settings';
import type { TrainSettings } from '../../../src/train/settings';
import type { TrainerEvent } from '../../../src/train/messages';
import { SettingsError, Trainer, trainOnce } from '../../../src/train/trainer';
import { useNodeBackend } from '../../../src/train/tf-node';
import { digits, stepLosses, tinyData, tinySettings } from './helpers';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

const run = (s: TrainSettings) => trainOnce(s, tinyData(s));

describe('Trainer', () => {
  it('drives the loss down on one repeated mini-batch (and emits start, steps, epochs, done)', async () => {
    const s = tinySettings({ trainSize: 16, batchSize: 16, valSize: 16, epochs: 12 });
    const { events, end } = await run(s);
    expect(end).toEqual({ type: 'done' });
    expect(events[0]).toMatchObject({
      type: 'start',
      paramCount: 4 * 9 + 4 + 14 * 14 * 4 * 16 + 16 + 16 * 10 + 10,
      stepsPerEpoch: 1,
      epochs: 12,
      backend: 'cpu',
    });
    expect(events.at(-1)).toEqual({ type: 'done' });
    const losses = stepLosses(events);
    expect(losses).toHaveLength(12);
    expect(losses.at(-1)!).toBeLessThan(0.3 * losses[0]!);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const last = epochs.at(-1)!;
    expect(last.trainAccuracy).toBeGreaterThanOrEqual(0.8);
    for (const e of events) if (e.type === 'step') expect(e.samplesPerSecond).toBeGreaterThan(0);
  });

  it('is deterministic for a seed on the cpu backend (dropout included), and the seed matters', async () => {
    const s = tinySettings({
      epochs: 2,
      model: { trunk: [{ filters: 4, kernel: 3, pool: 2 }], head: { kind: 'fc', hidden: 16, dropout: 0.3 } },
    });
    const a = await run(s);
    const b = await run(s);
    expect(stepLosses(a.events)).toEqual(stepLosses(b.events));
    expect(a.events.filter((e) => e.type === 'epoch').map((e) => ({ ...e, seconds: 0 }))).toEqual(
      b.events.filter((e) => e.type === 'epoch').map((e) => ({ ...e, seconds: 0 })),
    );
    const c = await run({ ...s, seed: 8 });
    expect(stepLosses(c.events)).not.toEqual(stepLosses(a.events));
  });

  it('pauses, resumes and stops between mini-batches', async () => {
    const s = tinySettings({ trainSize: 64, batchSize: 8, epochs: 3 }); // 24 steps
    const events: TrainerEvent[] = [];
    let trainer: Trainer | null = null;
    let pausedAt = -1;
    trainer = new Trainer(s, tinyData(s), (e) => {
      events.push(e);
      if (e.type === 'step' && e.epoch === 1 && e.step === 3) {
        trainer?.pause();
        pausedAt = events.length;
      }
      if (e.type === 'step' && e.epoch === 2 && e.step === 2) trainer?.stop();
    });
    const done = trainer.run();
    // Three steps take ~0.1 s on an idle machine, far longer on a loaded one: wait for the pause.
    await vi.waitFor(() => expect(trainer?.state).toBe('paused'), { timeout: 30_000, interval: 20 });
    await new Promise((r) => setTimeout(r, 150));
    expect(trainer.state).toBe('paused');
    expect(events.length).toBe(pausedAt); // nothing happened while paused
    trainer.resume();
    const end = await done;
    expect(end).toEqual({ type: 'stopped' });
    const steps = events.filter((e) => e.type === 'step').map((e) => `${e.epoch}.${e.step}`);
    expect(steps).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '2.1', '2.2']);
    expect(events.at(-1)).toEqual({ type: 'stopped' });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(1);
    trainer.dispose();
  });

  it('stops from a pause', async () => {
    const s = tinySettings();
    let trainer: Trainer | null = null;
    trainer = new Trainer(s, tinyData(s), (e) => {
      if (e.type === 'step' && e.step === 1) trainer?.pause();
    });
    const done = trainer.run();
    await new Promise((r) => setTimeout(r, 50));
    trainer.stop();
    expect(await done).toEqual({ type: 'stopped' });
    trainer.dispose();
  });

  it('stops with "diverged" when the loss becomes NaN (an absurd learning rate)', async () => {
    const s = tinySettings({
      model: {
        trunk: [
          { filters: 8, kernel: 5, pool: 2 },
          { filters: 16, kernel: 5, pool: 2 },
        ],
        head: { kind: 'fc', hidden: 64, dropout: 0 },
      },
      optimizer: 'momentum',
      learningRate: 10,
      epochs: 5,
    });
    const before = tf.memory().numTensors;
    const { events, end } = await run(s);
    expect(end.type).toBe('diverged');
    expect(end.reason).toMatch(/^The loss became (NaN|infinite) at epoch \d+, step \d+ — lower the learning rate\.$/);
    expect(events.at(-1)).toEqual(end);
    expect(events.filter((e) => e.type === 'epoch').length).toBeLessThan(5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns to the same tensor count after 20 runs, stops and resets, with every optimizer and head', async () => {
    const heads = [{ kind: 'fc', hidden: 8, dropout: 0.5 }, { kind: 'gap' }, { kind: 'nin' }] as const;
    const optimizers = ['sgd', 'momentum', 'adam'] as const;
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const s = tinySettings({
        model: { trunk: [{ filters: 2, kernel: 3, pool: 2 }], head: { ...heads[i % 3]! } },
        optimizer: optimizers[Math.floor(i / 3) % 3]!,
        trainSize: 32,
        valSize: 16,
        batchSize: 8,
        epochs: 2,
      });
      let trainer: Trainer | null = null;
      const mode = i % 4; // 0: full run, 1: stop, 2: dispose (reset) during the run, 3: full run + predict
      trainer = new Trainer(s, tinyData(s), (e) => {
        if (e.type === 'step' && e.step === 2 && mode === 1) trainer?.stop();
        if (e.type === 'step' && e.step === 2 && mode === 2) trainer?.dispose();
      });
      const end = await trainer.run();
      expect(end.type).toBe(mode === 1 || mode === 2 ? 'stopped' : 'done');
      if (mode === 3) expect((await trainer.predict(digits().split.test, 5)).predicted).toHaveLength(5);
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    }
  });

  it('predicts labels and confidences for the first n digits', async () => {
    const s = tinySettings({ epochs: 3, trainSize: 128 });
    const trainer = new Trainer(s, tinyData(s));
    await trainer.run();
    const { predicted, confidence } = await trainer.predict(digits().split.test, 300);
    expect(predicted).toHaveLength(300);
    expect(predicted.every((p) => Number.isInteger(p) && p >= 0 && p <= 9)).toBe(true);
    expect(confidence.every((c) => c >= 0.1 && c <= 1)).toBe(true);
    const correct = predicted.filter((p, i) => p === digits().split.test.labels[i]).length;
    expect(correct / 300).toBeGreaterThan(0.3); // far above chance after 3 tiny epochs
    trainer.dispose();
    await expect(trainer.predict(digits().split.test, 1)).rejects.toThrow(/disposed/);
  });

  it('refuses invalid settings before building anything', () => {
    const s = tinySettings({ learningRate: 0 });
    const before = tf.memory().numTensors;
    expect(() => new Trainer(s, tinyData(tinySettings()))).toThrow(SettingsError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('validateSettings', () => {
  const messages = (overrides: Partial<TrainSettings>) => validateSettings(makeSettings(overrides));
  const one = (overrides: Partial<TrainSettings>) => {
    const issues = messages(overrides);
    expect(issues).toHaveLength(1);
    return issues[0]!;
  };

  it('accepts the defaults', () => {
    expect(validateSettings(makeSettings())).toEqual([]);
  });

  it.each<[Partial<TrainSettings>, string, RegExp]>([
    [{ learningRate: 0 }, 'learningRate', /learning rate must be greater than 0, but got 0/],
    [{ learningRate: -0.1 }, 'learningRate', /greater than 0, but got -0.1/],
    [{ learningRate: 11 }, 'learningRate', /at most 10, but got 11/],
    [{ learningRate: Number.NaN }, 'learningRate', /finite number/],
    [{ epochs: 0 }, 'epochs', /number of epochs must be between 1 and 100, but got 0/],
    [{ epochs: 101 }, 'epochs', /between 1 and 100, but got 101/],
    [{ epochs: 2.5 }, 'epochs', /must be a whole number, but got 2.5/],
    [
      { batchSize: 600, trainSize: 500 },
      'batchSize',
      /batch size \(600\) is larger than the training data \(500 digits\): lower it or train on more digits/,
    ],
    [{ batchSize: 0 }, 'batchSize', /batch size must be between 1 and 1024/],
    [{ trainSize: 9000 }, 'trainSize', /between 1 and 8000, but got 9000/],
    [{ momentum: 1 }, 'momentum', /less than 1/],
    [{ optimizer: 'rmsprop' as never }, 'optimizer', /Unknown optimizer "rmsprop": choose one of 'sgd', 'momentum', 'adam'/],
    [{ seed: -1 }, 'seed', /seed must be between 0/],
    [{ canvasSize: 20 }, 'canvasSize', /canvas size must be between 28 and 64/],
    [{ evalShift: 30 }, 'evalShift', /evaluation shift must be between 0 and 27/],
    [{ model: { trunk: [], head: { kind: 'fc', hidden: 0, dropout: 0 } } }, 'model.head.hidden', /at least 1 unit, but has 0/],
    [{ model: { trunk: [], head: { kind: 'fc', hidden: 8.5, dropout: 0 } } }, 'model.head.hidden', /whole number, but got 8.5/],
    [
      { model: { trunk: [], head: { kind: 'fc', hidden: 8, dropout: 1 } } },
      'model.head.dropout',
      /at least 0 and less than 1 .* but got 1/,
    ],
    [{ model: { trunk: [], head: { kind: 'fc', hidden: 8, dropout: -0.1 } } }, 'model.head.dropout', /but got -0.1/],
    [{ model: { trunk: [], head: { kind: 'mlp' } as never } }, 'model.head', /Unknown head "mlp"/],
    [
      { model: { trunk: [{ filters: 4, kernel: 4 }], head: { kind: 'gap' } } },
      'model.trunk.0.kernel',
      /kernel size in block 1 must be odd, but got 4/,
    ],
    [
      { model: { trunk: [{ filters: 0, kernel: 3 }], head: { kind: 'gap' } } },
      'model.trunk.0.filters',
      /filters in block 1 must be between 1 and 64, but got 0/,
    ],
    [
      {
        model: {
          trunk: [
            { filters: 4, kernel: 3, pool: 4 },
            { filters: 4, kernel: 3, pool: 4 },
            { filters: 4, kernel: 3, pool: 4 },
          ],
          head: { kind: 'gap' },
        },
      },
      'model.trunk',
      /does not fit a 28×28 image: .*fewer or smaller pooling layers/,
    ],
  ])('%j → %s', (overrides, field, message) => {
    const issue = one(overrides);
    expect(issue.field).toBe(field);
    expect(issue.message).toMatch(message);
  });

  it('reports every problem at once, and rejects non-objects', () => {
    expect(messages({ learningRate: 0, epochs: 0, batchSize: 0 }).map((i) => i.field)).toEqual(['learningRate', 'epochs', 'batchSize']);
    expect(validateSettings(null)).toEqual([{ field: '', message: 'The settings must be an object.' }]);
    expect(validateSettings({}).length).toBeGreaterThan(5);
  });
});
