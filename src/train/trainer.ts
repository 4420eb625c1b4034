/**
 * Mini-batch training of the book's CNNs with tfjs, in Node or in a Web Worker.
 *
 *   const trainer = new Trainer(settings, { train, val }, (event) => …);
 *   const end = await trainer.run();      // 'done' | 'stopped' | 'diverged'
 *   await trainer.predict(test, 16);      // the trained model's guesses
 *   trainer.dispose();                    // frees the model (the optimizer is freed by run)
 *
 * - Optimizers: 'sgd', 'momentum' (classical momentum), 'adam'.
 * - Loss: mean softmax cross-entropy over the mini-batch; the model outputs logits.
 * - Reproducible for a seed on a given backend: seeded initial weights (models.ts),
 *   a seeded shuffle of the training digits every epoch (src/lib/rng) and seeded
 *   dropout masks. (Different backends round differently, so they drift apart.)
 * - Between mini-batches the loop yields to the event loop (a macrotask), so a
 *   worker can receive 'pause' / 'stop'; pause(), resume() and stop() take effect there.
 * - Every tensor it creates is disposed: tf.memory().numTensors returns to its
 *   value before `new Trainer` once run() has ended and dispose() was called.
 * - A NaN or infinite loss ends the run with {type:'diverged', reason}.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../lib/rng';
import type { Rng } from '../lib/rng';
import { installFastConvGradient } from './conv-grad';
import type { Digits } from './data';
import { buildModel } from './models';
import { libraryParamCount } from './model-config';
import { validateSettings } from './settings';
import type { TrainSettings } from './settings';
import type { EndEvent, TrainerEvent } from './messages';

export interface TrainData {
  /** Training digits (all of them are used: trim to settings.trainSize beforehand). */
  train: Digits;
  /** Validation digits, evaluated after each epoch. */
  val: Digits;
}

export interface TrainerOptions {
  /** Yields between mini-batches; default: one macrotask (setImmediate / MessageChannel / setTimeout). */
  yieldFn?: () => Promise<void>;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
  /** Mini-batch size used for validation and prediction (default 250). */
  evalBatchSize?: number;
}

export interface Prediction {
  predicted: number[];
  /** Softmax probability of the predicted class. */
  confidence: number[];
}

/** Thrown by `new Trainer` when the settings are invalid (validateSettings' messages joined). */
export class SettingsError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => i.message).join(' '));
    this.name = 'SettingsError';
  }
}

// ---------------------------------------------------------------------------
// Yielding to the event loop
// ---------------------------------------------------------------------------

let channel: MessageChannel | null = null;
const pending: Array<() => void> = [];

/**
 * Resolves after one macrotask, so queued messages (a worker's onmessage) run.
 * setImmediate in Node; a MessageChannel in browsers and workers (setTimeout is
 * clamped to ≥ 4 ms when nested); setTimeout as a last resort.
 */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return new Promise((r) => g.setImmediate?.(r));
  if (typeof MessageChannel === 'function') {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => pending.shift()?.();
    }
    return new Promise((r) => {
      pending.push(r);
      channel?.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** Pixels of digits[indices] as an NHWC float tensor in [0, 1]. */
function batchTensor(set: Digits, indices: ArrayLike<number>): tf.Tensor4D {
  const size = set.rows * set.cols;
  const values = new Float32Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) {
    const src = (indices[k] as number) * size;
    for (let p = 0; p < size; p++) values[k * size + p] = (set.images[src + p] as number) / 255;
  }
  return tf.tensor4d(values, [indices.length, set.rows, set.cols, 1]);
}

function labelsOf(set: Digits, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = set.labels[indices[k] as number] as number;
  return out;
}

function makeOptimizer(s: TrainSettings): tf.Optimizer {
  switch (s.optimizer) {
    case 'sgd':
      return tf.train.sgd(s.learningRate);
    case 'momentum':
      return tf.train.momentum(s.learningRate, s.momentum);
    case 'adam':
      return tf.train.adam(s.learningRate);
  }
}

/**
 * Frees an optimizer completely. tfjs 4.22's MomentumOptimizer.dispose() frees its
 * momentum scalar and accumulators but forgets its parent SGDOptimizer's
 * learning-rate scalar `c`, one tensor per run; we free it here.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}

const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

// ---------------------------------------------------------------------------
// Trainer
// ---------------------------------------------------------------------------

export type TrainerState = 'ready' | 'training' | 'paused' | 'ended' | 'disposed';

export class Trainer {
  readonly settings: TrainSettings;
  /** Trainable parameters, from the layer library (equals model.countParams()). */
  readonly paramCount: number;
  private model: tf.LayersModel | null;
  private optimizer: tf.Optimizer | null = null;
  private readonly data: TrainData;
  private readonly emit: (event: TrainerEvent) => void;
  private readonly yieldFn: () => Promise<void>;
  private readonly now: () => number;
  private readonly evalBatch: number;
  private readonly shuffleRng: Rng;
  private stateValue: TrainerState = 'ready';
  private stopRequested = false;
  private pauseRequested = false;
  private wake: (() => void) | null = null;
  private disposeAfterRun = false;

  constructor(settings: TrainSettings, data: TrainData, onEvent: (event: TrainerEvent) => void = () => {}, options: TrainerOptions = {}) {
    const issues = validateSettings(settings);
    if (issues.length > 0) throw new SettingsError(issues);
    if (data.train.count < settings.batchSize) {
      throw new SettingsError([
        {
          field: 'batchSize',
          message: `The batch size (${settings.batchSize}) is larger than the training data (${data.train.count} digits).`,
        },
      ]);
    }
    if (data.train.rows !== settings.canvasSize || data.val.rows !== settings.canvasSize) {
      throw new Error(
        `Trainer: the digits are ${data.train.rows}×${data.train.cols} but the settings expect a ${settings.canvasSize}×${settings.canvasSize} canvas.`,
      );
    }
    this.settings = structuredClone(settings);
    this.data = data;
    this.emit = onEvent;
    this.yieldFn = options.yieldFn ?? yieldToEventLoop;
    this.now = options.now ?? (() => performance.now());
    this.evalBatch = options.evalBatchSize ?? 250;
    this.shuffleRng = createRng(settings.seed);
    installFastConvGradient();
    this.model = buildModel(settings.model, { seed: settings.seed, inputSize: settings.canvasSize });
    this.paramCount = libraryParamCount(settings.model, settings.canvasSize);
  }

  get state(): TrainerState {
    return this.stateValue;
  }

  /** The tfjs model (null after dispose). */
  get tfModel(): tf.LayersModel | null {
    return this.model;
  }

  /** Pauses before the next mini-batch. */
  pause(): void {
    if (this.stateValue === 'training' || this.stateValue === 'ready') this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
    this.wake?.();
  }

  /** Ends the run before the next mini-batch with {type:'stopped'} (also from a pause). */
  stop(): void {
    this.stopRequested = true;
    this.wake?.();
  }

  /** Trains for settings.epochs epochs; resolves with the final event (also emitted). */
  async run(): Promise<EndEvent> {
    if (this.stateValue !== 'ready' || !this.model) throw new Error(`Trainer.run: a trainer runs once (it is ${this.stateValue}).`);
    const s = this.settings;
    const model = this.model;
    const { train } = this.data;
    const stepsPerEpoch = Math.ceil(train.count / s.batchSize);
    this.stateValue = 'training';
    this.optimizer = makeOptimizer(s);
    const optimizer = this.optimizer;
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    let end: EndEvent | null = null;
    this.emit({
      type: 'start',
      paramCount: this.paramCount,
      stepsPerEpoch,
      epochs: s.epochs,
      trainSize: train.count,
      valSize: this.data.val.count,
      backend: tf.getBackend(),
    });
    try {
      for (let epoch = 1; epoch <= s.epochs && !end; epoch++) {
        const epochStart = this.now();
        let pausedMs = 0;
        const order = this.shuffleRng.shuffle(range(train.count));
        let lossSum = 0;
        let correct = 0;
        let seen = 0;
        for (let step = 1; step <= stepsPerEpoch; step++) {
          // Messages (pause/stop) arrive while we yield.
          await this.yieldFn();
          if (this.pauseRequested && !this.stopRequested) {
            const pausedAt = this.now();
            this.stateValue = 'paused';
            await new Promise<void>((resolve) => {
              this.wake = resolve;
              if (!this.pauseRequested || this.stopRequested) resolve();
            });
            this.wake = null;
            this.stateValue = 'training';
            pausedMs += this.now() - pausedAt;
          }
          if (this.stopRequested) {
            end = { type: 'stopped' };
            break;
          }
          const idx = order.slice((step - 1) * s.batchSize, step * s.batchSize);
          const xs = batchTensor(train, idx);
          const ys = tf.tensor1d(labelsOf(train, idx), 'int32');
          let correctT: tf.Scalar | null = null;
          const lossT = optimizer.minimize(
            () => {
              const logits = model.apply(xs, { training: true }) as tf.Tensor2D;
              correctT = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), ys), 'int32')));
              return tf.losses.softmaxCrossEntropy(tf.oneHot(ys, 10), logits) as tf.Scalar;
            },
            true,
            vars,
          );
          xs.dispose();
          ys.dispose();
          const c = correctT as tf.Scalar | null;
          const [lossArr, correctArr] = await Promise.all([
            lossT ? lossT.data() : Promise.resolve(new Float32Array([NaN])),
            c ? c.data() : Promise.resolve(new Int32Array([0])),
          ]);
          lossT?.dispose();
          c?.dispose();
          const loss = lossArr[0] as number;
          if (!Number.isFinite(loss)) {
            const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
            end = { type: 'diverged', reason: `The loss became ${what} at epoch ${epoch}, step ${step} — lower the learning rate.` };
            break;
          }
          lossSum += loss * idx.length;
          correct += correctArr[0] as number;
          seen += idx.length;
          const elapsed = (this.now() - epochStart - pausedMs) / 1000;
          this.emit({ type: 'step', epoch, step, stepsPerEpoch, loss, samplesPerSecond: elapsed > 0 ? seen / elapsed : 0 });
        }
        if (end) break;
        const val = await this.evaluate(this.data.val);
        this.emit({
          type: 'epoch',
          epoch,
          trainLoss: lossSum / seen,
          trainAccuracy: correct / seen,
          valLoss: val.loss,
          valAccuracy: val.accuracy,
          seconds: (this.now() - epochStart - pausedMs) / 1000,
        });
        if (!Number.isFinite(val.loss)) {
          end = {
            type: 'diverged',
            reason: `The validation loss became ${Number.isNaN(val.loss) ? 'NaN' : 'infinite'} after epoch ${epoch} — lower the learning rate.`,
          };
        }
      }
      end ??= { type: 'done' };
    } finally {
      disposeOptimizer(optimizer); // Adam's and momentum's slot variables leak otherwise
      this.optimizer = null;
      this.stateValue = 'ended';
      if (this.disposeAfterRun) this.dispose();
    }
    this.emit(end);
    return end;
  }

  /** Mean loss and accuracy of the current model on `set` (no dropout). */
  async evaluate(set: Digits, count: number = set.count): Promise<{ loss: number; accuracy: number }> {
    const model = this.requireModel();
    const n = Math.min(count, set.count);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += this.evalBatch) {
      const idx = range(Math.min(this.evalBatch, n - start), start);
      const [lossT, correctT] = tf.tidy(() => {
        const xs = batchTensor(set, idx);
        const ys = tf.tensor1d(labelsOf(set, idx), 'int32');
        const logits = model.apply(xs, { training: false }) as tf.Tensor2D;
        return [
          tf.mul(tf.losses.softmaxCrossEntropy(tf.oneHot(ys, 10), logits), idx.length),
          tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), ys), 'int32')),
        ] as const;
      });
      const [l, c] = await Promise.all([lossT.data(), correctT.data()]);
      lossT.dispose();
      correctT.dispose();
      lossSum += l[0] as number;
      correct += c[0] as number;
    }
    return { loss: lossSum / n, accuracy: correct / n };
  }

  /** Predicted labels (and their softmax probability) for the first `count` digits of `set`. */
  async predict(set: Digits, count: number = set.count): Promise<Prediction> {
    const model = this.requireModel();
    const n = Math.min(count, set.count);
    const predicted: number[] = [];
    const confidence: number[] = [];
    for (let start = 0; start < n; start += this.evalBatch) {
      const idx = range(Math.min(this.evalBatch, n - start), start);
      const [labelT, probT] = tf.tidy(() => {
        const probs = tf.softmax(model.apply(batchTensor(set, idx), { training: false }) as tf.Tensor2D);
        return [tf.argMax(probs, 1), tf.max(probs, 1)] as const;
      });
      const [l, p] = (await Promise.all([labelT.data(), probT.data()])) as [Int32Array, Float32Array];
      labelT.dispose();
      probT.dispose();
      predicted.push(...Array.from(l));
      confidence.push(...Array.from(p));
    }
    return { predicted, confidence };
  }

  /**
   * Frees the model. During a run it stops the run, and the model is freed when
   * the run ends (await run() to be sure). Idempotent.
   */
  dispose(): void {
    if (this.stateValue === 'training' || this.stateValue === 'paused') {
      this.disposeAfterRun = true;
      this.stop();
      return;
    }
    this.model?.dispose();
    this.model = null;
    this.stateValue = 'disposed';
  }

  private requireModel(): tf.LayersModel {
    if (!this.model) throw new Error('The model has been disposed: train again first.');
    return this.model;
  }
}

/** Convenience: train once and return the events and the final event. */
export async function trainOnce(settings: TrainSettings, data: TrainData, onEvent?: (e: TrainerEvent) => void, options?: TrainerOptions) {
  const events: TrainerEvent[] = [];
  const trainer = new Trainer(
    settings,
    data,
    (e) => {
      events.push(e);
      onEvent?.(e);
    },
    options,
  );
  try {
    const end = await trainer.run();
    return { events, end, paramCount: trainer.paramCount };
  } finally {
    trainer.dispose();
  }
}
