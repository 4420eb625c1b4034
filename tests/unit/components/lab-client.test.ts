/** The Lab's progress lines, digit captions and worker client (no DOM: a fake Worker stands in). */
import { afterEach, describe, expect, it } from 'vitest';
import { digitText } from '../../../src/components/lab/lab-predictions';
import { epochCells, quarterReached, stepLine, stepsDone } from '../../../src/components/lab/lab-progress';
import { forcedBackendOf, workerClient } from '../../../src/components/lab/lab-worker-client';
import type { MainToWorker, StepEvent, WorkerToMain } from '../../../src/train/messages';

describe('Lab progress', () => {
  const step: StepEvent = { type: 'step', epoch: 2, step: 10, stepsPerEpoch: 40, loss: 0.5, samplesPerSecond: 200 };

  it('says where the run is, how fast, and how long it has left', () => {
    // Epoch 2, step 10 of 40: 40 + 10 = 50 of 120 steps; 70 left × 10 digits / 200 per s = 3.5 s → "about 4 s".
    expect(stepsDone(step)).toBe(50);
    expect(stepLine(step, { epochs: 3, batchSize: 10 }, 120, 'wasm')).toBe(
      'Epoch 2 of 3, step 10 of 40 · 200 samples/s · about 4 s left · backend: wasm',
    );
    expect(stepLine({ ...step, samplesPerSecond: 0 }, { epochs: 3, batchSize: 10 }, 120, 'cpu')).toContain('estimating time left');
  });

  it('announces each quarter once, and never the end (the outcome says it)', () => {
    expect(quarterReached(29, 120, 0)).toBe(0);
    expect(quarterReached(30, 120, 0)).toBe(1);
    expect(quarterReached(31, 120, 1)).toBe(0);
    expect(quarterReached(90, 120, 1)).toBe(3);
    expect(quarterReached(120, 120, 3)).toBe(0);
  });

  it('fills one table row per epoch', () => {
    expect(
      epochCells({ type: 'epoch', epoch: 1, trainLoss: 0.51234, trainAccuracy: 0.8456, valLoss: 0.4, valAccuracy: 0.9, seconds: 12.34 }),
    ).toEqual(['1', '0.5123', '84.6 %', '0.4000', '90.0 %', '12.3']);
  });
});

describe('Lab predictions', () => {
  it('captions right and wrong digits, and names them for screen readers', () => {
    expect(digitText(7, 7)).toEqual({ ok: true, caption: '7 ✓', name: 'A 7, predicted correctly' });
    expect(digitText(4, 9)).toEqual({ ok: false, caption: '9 ✗ (is 4)', name: 'A 4, predicted as 9' });
  });
});

/** A stand-in for the browser's Worker: records what it is sent, lets a test answer or crash. */
class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  posted: MainToWorker[] = [];
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.made.push(this);
  }
  postMessage(msg: MainToWorker): void {
    this.posted.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(msg: WorkerToMain): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: msg }));
  }
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

describe('Lab worker client', () => {
  const original = (globalThis as { Worker?: unknown }).Worker;
  afterEach(() => {
    (globalThis as { Worker?: unknown }).Worker = original;
    FakeWorker.made = [];
  });

  it('reads a forced backend from the address, and nothing else', () => {
    expect(forcedBackendOf('?head=fc&backend=cpu')).toBe('cpu');
    expect(forcedBackendOf('?backend=webgpu')).toBeNull();
    expect(forcedBackendOf('')).toBeNull();
  });

  it('starts the worker on first use, passes answers on, and replaces a crashed worker', () => {
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
    const got: WorkerToMain[] = [];
    const crashes: string[] = [];
    const client = workerClient({ forcedBackend: null, onMessage: (m) => got.push(m), onCrash: (why) => crashes.push(why) });
    client.tell({ type: 'pause' });
    expect(FakeWorker.made).toHaveLength(0); // nothing runs: nothing to pause

    client.send({ type: 'predict', count: 3 });
    const first = FakeWorker.made[0]!;
    expect(first.posted.map((m) => m.type)).toEqual(['init', 'predict']);
    expect(first.posted[0]).toMatchObject({ type: 'init', backend: 'auto', dataUrl: expect.stringMatching(/data\/mnist-10k\.bin\.gz$/) });
    first.answer({ type: 'state', state: 'idle' });
    expect(got).toEqual([{ type: 'state', state: 'idle' }]);

    first.crash('boom');
    expect(crashes).toEqual(['boom']);
    expect(first.terminated).toBe(true);
    first.answer({ type: 'state', state: 'training' }); // a late message of the dead worker is not heard
    expect(got).toHaveLength(1);

    client.send({ type: 'reset' });
    expect(FakeWorker.made).toHaveLength(2);
    client.terminate();
    expect(FakeWorker.made[1]!.terminated).toBe(true);
  });

  it('forces the backend it is given', () => {
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
    workerClient({ forcedBackend: 'cpu', onMessage: () => {}, onCrash: () => {} }).start();
    expect(FakeWorker.made[0]!.posted[0]).toMatchObject({ type: 'init', backend: 'cpu' });
  });
});
