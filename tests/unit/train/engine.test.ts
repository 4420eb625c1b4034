import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/train/engine';
import type { Engine } from '../../../src/train/engine';
import type { MainToWorker, WorkerToMain } from '../../../src/train/messages';
import { useNodeBackend } from '../../../src/train/tf-node';
import { digits, tinySettings } from './helpers';

beforeAll(async () => {
  await useNodeBackend('cpu');
});

function harness(onPost?: (m: WorkerToMain, engine: Engine) => void) {
  const posted: WorkerToMain[] = [];
  const transfers: Transferable[][] = [];
  let loads = 0;
  const engine: Engine = createEngine({
    post: (m, t) => {
      posted.push(m);
      transfers.push(t ?? []);
      onPost?.(m, engine);
    },
    loadDigits: async (url) => {
      loads++;
      expect(url).toBe('/data/mnist-10k.bin.gz');
      return digits().all;
    },
    setupBackend: async () => {
      await tf.setBackend('cpu');
      return 'cpu';
    },
  });
  const send = (m: MainToWorker) => engine.handle(m);
  const types = () => posted.map((m) => (m.type === 'state' ? `state:${m.state}` : m.type));
  return { engine, posted, transfers, send, types, loads: () => loads };
}

describe('createEngine', () => {
  it('runs a whole conversation: init, train, predict, with the events in order', async () => {
    const h = harness();
    await h.send({ type: 'train', settings: tinySettings() });
    expect(h.posted).toEqual([{ type: 'error', message: "The worker has not been initialised: send {type:'init', dataUrl} first." }]);
    h.posted.length = 0;

    await h.send({ type: 'init', dataUrl: '/data/mnist-10k.bin.gz' });
    expect(h.posted).toEqual([{ type: 'ready', backend: 'cpu' }]);
    h.posted.length = 0;

    await h.send({ type: 'train', settings: tinySettings({ epochs: 2, trainSize: 32, batchSize: 16 }) });
    expect(h.types()).toEqual([
      'state:loading',
      'state:training',
      'start',
      'step',
      'step',
      'epoch',
      'step',
      'step',
      'epoch',
      'done',
      'state:idle',
    ]);
    expect(h.engine.state).toBe('idle');
    expect(h.engine.split?.train.count).toBe(8000);

    h.posted.length = 0;
    await h.send({ type: 'predict', count: 12 });
    const p = h.posted[0];
    if (p?.type !== 'predictions') throw new Error(`expected predictions, got ${JSON.stringify(p)}`);
    expect(p.images.length).toBe(12 * 784);
    expect(p.size).toBe(28);
    expect(p.labels).toEqual(Array.from(digits().split.test.labels.subarray(0, 12)));
    expect(p.predicted).toHaveLength(12);
    expect(p.confidence).toHaveLength(12);
    expect(h.transfers[h.transfers.length - 1]).toEqual([p.images.buffer]);

    // A second run reuses the loaded digits.
    h.posted.length = 0;
    await h.send({ type: 'train', settings: tinySettings({ trainSize: 16, batchSize: 16 }) });
    expect(h.types()[0]).toBe('state:training');
    expect(h.loads()).toBe(1);
    await h.send({ type: 'reset' });
    await h.send({ type: 'predict', count: 4 });
    expect(h.posted.at(-1)).toEqual({ type: 'error', message: 'There is no trained model yet: train one first.' });
  });

  it('reports invalid settings with their fields, and trains nothing', async () => {
    const h = harness();
    await h.send({ type: 'init', dataUrl: '/data/mnist-10k.bin.gz' });
    h.posted.length = 0;
    await h.send({ type: 'train', settings: tinySettings({ learningRate: 0, epochs: 0 }) });
    expect(h.posted).toHaveLength(1);
    const e = h.posted[0];
    if (e?.type !== 'error') throw new Error('expected an error');
    expect(e.issues?.map((i) => i.field)).toEqual(['learningRate', 'epochs']);
    expect(e.message).toMatch(/learning rate must be greater than 0.*number of epochs must be between 1 and 100/);
    expect(h.loads()).toBe(0);
  });

  it('pauses, resumes and stops through messages; refuses a second run meanwhile', async () => {
    let sent = false;
    const h = harness((m, engine) => {
      if (m.type === 'step' && m.epoch === 1 && m.step === 2 && !sent) {
        sent = true;
        void engine.handle({ type: 'pause' });
      }
    });
    await h.send({ type: 'init', dataUrl: '/data/mnist-10k.bin.gz' });
    const running = h.send({ type: 'train', settings: tinySettings({ epochs: 3, trainSize: 64, batchSize: 8 }) });
    while (h.engine.state !== 'paused') await new Promise((r) => setTimeout(r, 5));
    const count = h.posted.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.posted.length).toBe(count); // paused: nothing happens
    await h.send({ type: 'train', settings: tinySettings() });
    expect(h.posted.at(-1)).toEqual({ type: 'error', message: 'A training run is already in progress: stop or reset it first.' });
    await h.send({ type: 'resume' });
    await new Promise((r) => setTimeout(r, 30));
    await h.send({ type: 'stop' }); // resolves when the run has ended
    await running;
    const t = h.types();
    expect(t.filter((x) => x.startsWith('state:'))).toEqual([
      'state:loading',
      'state:training',
      'state:paused',
      'state:training',
      'state:idle',
    ]);
    expect(t.at(-2)).toBe('stopped');
    expect(t.filter((x) => x === 'step').length).toBeLessThan(24);
  });

  it('frees every tensor after reset (also during a run)', async () => {
    const h = harness((m, engine) => {
      if (m.type === 'step' && m.step === 2) void engine.handle({ type: 'reset' });
    });
    await h.send({ type: 'init', dataUrl: '/data/mnist-10k.bin.gz' });
    const baseline = tf.memory().numTensors;
    await h.send({ type: 'train', settings: tinySettings({ optimizer: 'momentum' }) });
    expect(h.types().includes('stopped')).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('a Train sent right after Reset or Stop waits for the old run to end, then trains', async () => {
    for (const ending of ['reset', 'stop'] as const) {
      let sent = false;
      let second: Promise<void> | null = null;
      const h = harness((m, engine) => {
        // Mid-run, the page sends Reset (or Stop) and at once Train, as a reader's two quick clicks do.
        if (m.type === 'step' && m.step === 2 && !sent) {
          sent = true;
          void engine.handle({ type: ending });
          second = engine.handle({ type: 'train', settings: tinySettings({ trainSize: 16, batchSize: 16 }) });
        }
      });
      await h.send({ type: 'init', dataUrl: '/data/mnist-10k.bin.gz' });
      await h.send({ type: 'train', settings: tinySettings({ epochs: 3, trainSize: 64, batchSize: 8 }) });
      await second;
      const t = h.types();
      expect(
        t.filter((x) => x === 'error'),
        ending,
      ).toEqual([]);
      expect(t.filter((x) => x === 'start').length, ending).toBe(2);
      expect(t.indexOf('stopped'), ending).toBeLessThan(t.lastIndexOf('start'));
      expect(t.at(-2), ending).toBe('done');
    }
  });

  it('answers unknown messages with an error', async () => {
    const h = harness();
    await h.send({ type: 'fly' } as unknown as MainToWorker);
    expect(h.posted).toEqual([{ type: 'error', message: 'Unknown message type "fly".' }]);
  });
});
