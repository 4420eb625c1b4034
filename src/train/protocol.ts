/**
 * The message protocol between the page (main thread) and the training worker
 * (src/train/worker.ts), plus the training settings, their defaults and their
 * validation. This module is plain data and pure functions: it imports no
 * TensorFlow.js, so a widget can import it without pulling tfjs into its chunk.
 *
 * Conversation (every message is structured-cloneable plain data):
 *
 *   main → worker  {type:'init', dataUrl}          once, first (dataUrl: the URL of
 *                                                  public/data/mnist-10k.bin.gz, with
 *                                                  the site's base, e.g.
 *                                                  `${import.meta.env.BASE_URL}data/mnist-10k.bin.gz`)
 *   worker → main  {type:'ready', backend, …}      the tfjs backend the worker picked
 *                                                  ('auto': the fastest in a < 1 s probe,
 *                                                  see ./probe.ts; init's optional
 *                                                  `backend` forces one)
 *   main → worker  {type:'train', settings}        validated first: invalid settings give
 *                                                  {type:'error', message, issues} and
 *                                                  nothing trains
 *   worker → main  {type:'state', state:'loading'} while the digits are fetched (first time)
 *                  {type:'start', …}               model built: parameter count, step counts
 *                  {type:'step', …}                after every mini-batch
 *                  {type:'epoch', …}               after every epoch (validation included)
 *                  {type:'done'|'stopped'|'diverged', reason?}   exactly one, at the end
 *   main → worker  'pause' / 'resume' / 'stop'     honoured between mini-batches
 *                  'reset'                         stops any run and frees the model
 *                  {type:'predict', count}         after (or during a pause of) a run:
 *   worker → main  {type:'predictions', …}         the first `count` test digits, their
 *                                                  labels and the model's predictions
 *
 * Every state change is also reported as {type:'state', state}. Messages that
 * make no sense in the current state (e.g. 'resume' when not paused) are ignored;
 * a 'train' while a run is active, or a 'predict' with no trained model, answers
 * {type:'error', message}.
 */

import { runSequence } from '../lib/sequence';
import { conv2d, dropout, flatten, globalAvgPool, linear, maxPool2d, relu } from '../lib/specs';
import { LayerError } from '../lib/types';
import type { LayerSpec, Shape } from '../lib/types';

// ---------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------

/** One block of the convolutional trunk: Conv2D(filters, kernel×kernel, 'same', ReLU) → [MaxPool(pool)]. */
export interface ConvBlock {
  filters: number;
  /** Odd kernel size: Keras 'same' with stride 1 = PyTorch padding (kernel − 1) / 2. */
  kernel: number;
  /** Max-pooling window and stride; omitted or 1 = no pooling. */
  pool?: number;
}

/**
 * The classifier head on top of the trunk. All heads output 10 logits.
 * - 'fc':  Flatten → Dense(hidden, ReLU) → [Dropout(dropout) if dropout > 0] → Dense(10)
 * - 'gap': GlobalAveragePooling → Dense(10)
 * - 'nin': Conv 1×1 to 10 channels → GlobalAveragePooling (Network in Network)
 * - 'linear': Flatten → Dense(10) (no hidden layer; ConvNetJS's MNIST demo net,
 *   used by the speed benchmark scripts/bench-speed.ts; the Lab does not offer it)
 */
export type HeadConfig = { kind: 'fc'; hidden: number; dropout: number } | { kind: 'gap' } | { kind: 'nin' } | { kind: 'linear' };

/** Every head kind the engine builds, and the ones the Lab offers (not 'linear'). */
export const HEAD_KINDS: readonly HeadConfig['kind'][] = ['fc', 'gap', 'nin', 'linear'];
export const LAB_HEAD_KINDS: readonly HeadConfig['kind'][] = ['fc', 'gap', 'nin'];

export interface ModelConfig {
  trunk: ConvBlock[];
  head: HeadConfig;
}

/** The book's default CNN trunk: conv 8@5×5 → maxpool 2 → conv 16@5×5 → maxpool 2. */
export const defaultTrunk: readonly ConvBlock[] = Object.freeze([
  Object.freeze({ filters: 8, kernel: 5, pool: 2 }),
  Object.freeze({ filters: 16, kernel: 5, pool: 2 }),
]);

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export const optimizerNames: readonly OptimizerName[] = ['sgd', 'momentum', 'adam'];

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface TrainSettings {
  model: ModelConfig;
  optimizer: OptimizerName;
  learningRate: number;
  /** Used by 'momentum' only (classical momentum, 0 ≤ m < 1). */
  momentum: number;
  epochs: number;
  batchSize: number;
  /** Seeds the weight initialisation, the shuffling of every epoch and dropout. */
  seed: number;
  /** How many of the 8,000 training digits to train on (the first n of the split). */
  trainSize: number;
  /** How many of the 1,000 validation digits to evaluate after each epoch. */
  valSize: number;
  /**
   * Side of the square input canvas, 28…64. With 28 the digits are MNIST's own
   * images; larger canvases place the 28×28 digit inside a bigger black image.
   */
  canvasSize: number;
  /** Training digits are moved by up to ±trainShift pixels on each axis (0 = centred). */
  trainShift: number;
  /** Validation and test digits are moved by up to ±evalShift pixels on each axis. */
  evalShift: number;
}

export const MNIST_TRAIN_SIZE = 8000;
export const MNIST_VAL_SIZE = 1000;
export const MNIST_TEST_SIZE = 1000;
export const MAX_CANVAS = 64;

/**
 * The allowed range of a numeric setting: the one source of truth for both
 * `validateSettings` and the Lab's form fields (src/components/lab/lab-settings.ts).
 * Bounds are inclusive unless marked exclusive; `integer` settings take whole numbers.
 */
export interface SettingRange {
  /** The setting's name in messages ("The learning rate must be …"). */
  label: string;
  min: number;
  max: number;
  integer: boolean;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** The ranges of the numeric settings, keyed by their path in TrainSettings. */
export const SETTING_RANGES = {
  learningRate: { label: 'The learning rate', min: 0, minExclusive: true, max: 10, integer: false },
  momentum: { label: 'The momentum', min: 0, max: 1, maxExclusive: true, integer: false },
  epochs: { label: 'The number of epochs', min: 1, max: 100, integer: true },
  trainSize: { label: 'The number of training digits', min: 1, max: MNIST_TRAIN_SIZE, integer: true },
  valSize: { label: 'The number of validation digits', min: 1, max: MNIST_VAL_SIZE, integer: true },
  batchSize: { label: 'The batch size', min: 1, max: 1024, integer: true },
  seed: { label: 'The seed', min: 0, max: 2 ** 32 - 1, integer: true },
  canvasSize: { label: 'The canvas size', min: 28, max: MAX_CANVAS, integer: true },
  'model.head.hidden': { label: 'The number of hidden units', min: 1, max: 1024, integer: true },
  'model.head.dropout': { label: 'The dropout rate', min: 0, max: 1, maxExclusive: true, integer: false },
  'model.trunk.filters': { label: 'The number of filters', min: 1, max: 64, integer: true },
  'model.trunk.kernel': { label: 'The kernel size', min: 1, max: 9, integer: true },
  'model.trunk.pool': { label: 'The pooling size', min: 1, max: 4, integer: true },
} as const satisfies Record<string, SettingRange>;

/** The most convolution blocks a trunk may have. */
export const MAX_TRUNK_BLOCKS = 4;

export const defaultSettings: Readonly<TrainSettings> = Object.freeze({
  model: { trunk: defaultTrunk.map((b) => ({ ...b })), head: { kind: 'fc', hidden: 64, dropout: 0 } },
  optimizer: 'adam',
  learningRate: 0.003,
  momentum: 0.9,
  epochs: 3,
  batchSize: 32,
  seed: 1,
  trainSize: 5000,
  valSize: 500,
  canvasSize: 28,
  trainShift: 0,
  evalShift: 0,
}) as Readonly<TrainSettings>;

/** A fresh, mutable copy of the defaults with `overrides` applied (model replaced whole). */
export function makeSettings(overrides: Partial<TrainSettings> = {}): TrainSettings {
  const base: TrainSettings = {
    ...defaultSettings,
    model: {
      trunk: defaultSettings.model.trunk.map((b) => ({ ...b })),
      head: { ...defaultSettings.model.head },
    },
  };
  return { ...base, ...overrides };
}

/** One problem with the settings: the field (a dotted path) and a sentence a reader can act on. */
export interface SettingsIssue {
  field: string;
  message: string;
}

/**
 * The model as src/lib LayerSpecs (PyTorch NCHW), so shapes and parameter counts
 * come from the layer library. `inputShape` is [N, 1, H, W]; it fixes the first
 * Linear's in_features of an 'fc' or 'linear' head (the trunk walked by the library's
 * runSequence, which throws a LayerError when the trunk does not fit the input).
 */
export function modelLayerSpecs(config: ModelConfig, inputShape: Shape = inputShapeFor(28)): LayerSpec[] {
  const specs: LayerSpec[] = [];
  let channels = 1;
  for (const block of config.trunk) {
    specs.push(conv2d(channels, block.filters, block.kernel, { padding: (block.kernel - 1) / 2 }), relu());
    channels = block.filters;
    const pool = block.pool ?? 1;
    if (pool > 1) specs.push(maxPool2d(pool));
  }
  const head = config.head;
  /** The features a Flatten after the trunk hands to the first Linear. */
  const flattened = (): number | null => runSequence([...specs, flatten()], inputShape).output[1] ?? null;
  if (head.kind === 'fc') {
    specs.push(flatten(), linear(flattened(), head.hidden), relu());
    if (head.dropout > 0) specs.push(dropout(head.dropout));
    specs.push(linear(head.hidden, 10));
  } else if (head.kind === 'linear') {
    specs.push(flatten(), linear(flattened(), 10));
  } else if (head.kind === 'gap') {
    specs.push(globalAvgPool(), linear(channels, 10));
  } else {
    specs.push(conv2d(channels, 10, 1), globalAvgPool());
  }
  return specs;
}

/** The input shape [1, 1, canvas, canvas] of one sample, batch first (NCHW). */
export function inputShapeFor(canvasSize: number): Shape {
  return [1, 1, canvasSize, canvasSize];
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks a whole-number setting against its range (`label` overrides the range's, e.g. "… in block 2"). */
function checkRange(issues: SettingsIssue[], field: string, range: SettingRange, v: unknown, label = range.label): void {
  checkInt(issues, field, label, v, range.min, range.max);
}

function checkInt(issues: SettingsIssue[], field: string, label: string, v: unknown, min: number, max: number, hint = ''): void {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    issues.push({ field, message: `${label} must be a number, but got ${JSON.stringify(v) ?? String(v)}.` });
  } else if (!isInt(v)) {
    issues.push({ field, message: `${label} must be a whole number, but got ${v}.` });
  } else if (v < min || v > max) {
    issues.push({ field, message: `${label} must be between ${min} and ${max}, but got ${v}.${hint ? ` ${hint}` : ''}` });
  }
}

/**
 * Checks settings before anything is built or trained. Returns every problem found
 * (an empty array means the settings are valid). Accepts `unknown` so that data
 * arriving in a message is checked too.
 */
export function validateSettings(s: unknown): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (typeof s !== 'object' || s === null) return [{ field: '', message: 'The settings must be an object.' }];
  const t = s as Record<string, unknown>;

  // Optimiser.
  if (!optimizerNames.includes(t['optimizer'] as OptimizerName)) {
    issues.push({
      field: 'optimizer',
      message: `Unknown optimizer ${JSON.stringify(t['optimizer'])}: choose one of ${optimizerNames.map((o) => `'${o}'`).join(', ')}.`,
    });
  }
  const lrRange = SETTING_RANGES.learningRate;
  const lr = t['learningRate'];
  if (!isNum(lr)) {
    issues.push({ field: 'learningRate', message: `${lrRange.label} must be a finite number, but got ${String(lr)}.` });
  } else if (lr <= lrRange.min) {
    issues.push({ field: 'learningRate', message: `${lrRange.label} must be greater than ${lrRange.min}, but got ${lr}.` });
  } else if (lr > lrRange.max) {
    issues.push({ field: 'learningRate', message: `${lrRange.label} must be at most ${lrRange.max}, but got ${lr}.` });
  }
  const mRange = SETTING_RANGES.momentum;
  const m = t['momentum'];
  if (!isNum(m) || m < mRange.min || m >= mRange.max) {
    issues.push({ field: 'momentum', message: `${mRange.label} must be at least ${mRange.min} and less than ${mRange.max}, but got ${String(m)}.` });
  }

  // Schedule and data.
  checkRange(issues, 'epochs', SETTING_RANGES.epochs, t['epochs']);
  checkRange(issues, 'trainSize', SETTING_RANGES.trainSize, t['trainSize']);
  checkRange(issues, 'valSize', SETTING_RANGES.valSize, t['valSize']);
  checkRange(issues, 'batchSize', SETTING_RANGES.batchSize, t['batchSize']);
  if (isInt(t['batchSize']) && isInt(t['trainSize']) && (t['batchSize'] as number) > (t['trainSize'] as number)) {
    issues.push({
      field: 'batchSize',
      message: `The batch size (${t['batchSize']}) is larger than the training data (${t['trainSize']} digits): lower it or train on more digits.`,
    });
  }
  checkRange(issues, 'seed', SETTING_RANGES.seed, t['seed']);
  checkRange(issues, 'canvasSize', SETTING_RANGES.canvasSize, t['canvasSize']);
  const canvas = isInt(t['canvasSize']) ? (t['canvasSize'] as number) : 28;
  for (const f of ['trainShift', 'evalShift'] as const) {
    const label = f === 'trainShift' ? 'The training shift' : 'The evaluation shift';
    checkInt(issues, f, label, t[f], 0, Math.max(canvas, 28) - 1);
  }

  // Model.
  const model = t['model'] as Record<string, unknown> | undefined;
  if (typeof model !== 'object' || model === null) {
    issues.push({ field: 'model', message: 'The model must be an object with a trunk and a head.' });
    return issues;
  }
  const trunk = model['trunk'];
  let trunkOk = Array.isArray(trunk);
  if (!Array.isArray(trunk)) {
    issues.push({ field: 'model.trunk', message: 'The trunk must be a list of convolution blocks.' });
  } else {
    if (trunk.length > MAX_TRUNK_BLOCKS) {
      issues.push({ field: 'model.trunk', message: `The trunk may have at most ${MAX_TRUNK_BLOCKS} convolution blocks, but has ${trunk.length}.` });
      trunkOk = false;
    }
    trunk.forEach((b: unknown, i) => {
      const field = `model.trunk.${i}`;
      if (typeof b !== 'object' || b === null) {
        issues.push({ field, message: `Block ${i + 1} of the trunk must be an object.` });
        trunkOk = false;
        return;
      }
      const block = b as Record<string, unknown>;
      const before = issues.length;
      const ranges = SETTING_RANGES;
      checkRange(issues, `${field}.filters`, ranges['model.trunk.filters'], block['filters'], `${ranges['model.trunk.filters'].label} in block ${i + 1}`);
      checkRange(issues, `${field}.kernel`, ranges['model.trunk.kernel'], block['kernel'], `${ranges['model.trunk.kernel'].label} in block ${i + 1}`);
      if (isInt(block['kernel']) && (block['kernel'] as number) % 2 === 0) {
        issues.push({ field: `${field}.kernel`, message: `The kernel size in block ${i + 1} must be odd, but got ${block['kernel']}.` });
      }
      if (block['pool'] !== undefined) {
        checkRange(issues, `${field}.pool`, ranges['model.trunk.pool'], block['pool'], `${ranges['model.trunk.pool'].label} in block ${i + 1}`);
      }
      if (issues.length > before) trunkOk = false;
    });
  }
  const head = model['head'] as Record<string, unknown> | undefined;
  let headOk = true;
  if (typeof head !== 'object' || head === null || !HEAD_KINDS.includes(head['kind'] as HeadConfig['kind'])) {
    const choices = HEAD_KINDS.map((k) => `'${k}'`);
    issues.push({
      field: 'model.head',
      message: `Unknown head ${JSON.stringify(head?.['kind'])}: choose ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}.`,
    });
    headOk = false;
  } else if (head['kind'] === 'fc') {
    const before = issues.length;
    const hidden = head['hidden'];
    if (hidden === 0) {
      issues.push({ field: 'model.head.hidden', message: 'The hidden layer needs at least 1 unit, but has 0.' });
    } else {
      checkRange(issues, 'model.head.hidden', SETTING_RANGES['model.head.hidden'], hidden);
    }
    const pRange = SETTING_RANGES['model.head.dropout'];
    const p = head['dropout'];
    if (!isNum(p) || p < pRange.min || p >= pRange.max) {
      issues.push({
        field: 'model.head.dropout',
        message: `${pRange.label} must be at least ${pRange.min} and less than ${pRange.max} (it is the probability of dropping a unit), but got ${String(p)}.`,
      });
    }
    headOk = issues.length === before;
  }

  // Shapes: the input must survive the trunk's pooling (checked by the layer library).
  if (trunkOk && headOk && issues.every((i) => i.field !== 'canvasSize')) {
    try {
      const input = inputShapeFor(canvas);
      runSequence(modelLayerSpecs(model as unknown as ModelConfig, input), input);
    } catch (err) {
      if (!(err instanceof LayerError)) throw err;
      issues.push({
        field: 'model.trunk',
        message: `This trunk does not fit a ${canvas}×${canvas} image: ${err.message} Use fewer or smaller pooling layers.`,
      });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------
// Events (trainer → listener; also worker → main)
// ---------------------------------------------------------------------------

export interface StartEvent {
  type: 'start';
  /** Trainable parameters (from the layer library; equals tfjs's countParams()). */
  paramCount: number;
  stepsPerEpoch: number;
  epochs: number;
  trainSize: number;
  valSize: number;
  backend: string;
}

export interface StepEvent {
  type: 'step';
  /** 1-based. */
  epoch: number;
  /** 1-based within the epoch. */
  step: number;
  stepsPerEpoch: number;
  /** Mean cross-entropy of this mini-batch. */
  loss: number;
  /** Training throughput of the current epoch so far. */
  samplesPerSecond: number;
}

export interface EpochEvent {
  type: 'epoch';
  /** 1-based. */
  epoch: number;
  /** Mean of the epoch's mini-batch losses (dropout active). */
  trainLoss: number;
  /** Accuracy on the epoch's mini-batches, measured during training (dropout active). */
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Seconds the epoch took, validation included. */
  seconds: number;
}

export interface EndEvent {
  type: 'done' | 'stopped' | 'diverged';
  /** For 'diverged': e.g. "The loss became NaN at epoch 1, step 12 — lower the learning rate." */
  reason?: string;
}

export type TrainerEvent = StartEvent | StepEvent | EpochEvent | EndEvent;

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/** One backend's score in the start-up probe (./probe.ts); 0 = it did not start. */
export interface ProbeResult {
  backend: BackendName;
  samplesPerSecond: number;
}

export type MainToWorker =
  /**
   * `backend` (default 'auto': the fastest in a short probe) forces a backend, e.g.
   * in tests and the benchmark; `remembered` is the backend an earlier probe in this
   * session chose (the page keeps it in sessionStorage): 'auto' uses it without
   * probing again when it still starts.
   */
  | { type: 'init'; dataUrl: string; backend?: BackendName | 'auto'; remembered?: BackendName }
  | { type: 'train'; settings: TrainSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'predict'; count: number };

export type EngineState = 'idle' | 'loading' | 'training' | 'paused';

export interface PredictionsMessage {
  type: 'predictions';
  /** `count` images of size×size pixels, row-major, 0…255, as the model saw them. */
  images: Uint8Array;
  size: number;
  labels: number[];
  predicted: number[];
  /** Softmax probability of the predicted class, 0…1. */
  confidence: number[];
}

export type WorkerToMain =
  /**
   * `detail`: e.g. 'SIMD, 2 threads' for wasm; `probe`: the probe's scores when
   * this worker measured them (absent when the backend was forced or remembered),
   * and `probeMs` how long the probe took, backend start-ups included.
   */
  | { type: 'ready'; backend: BackendName; detail?: string; probe?: ProbeResult[]; probeMs?: number }
  | { type: 'state'; state: EngineState }
  | TrainerEvent
  | PredictionsMessage
  | { type: 'error'; message: string; issues?: SettingsIssue[] };

/** Trainable parameters of the model, as the layer library counts them. */
export function libraryParamCount(config: ModelConfig, inputSize = 28): number {
  const input = inputShapeFor(inputSize);
  return runSequence(modelLayerSpecs(config, input), input).totalTrainable;
}
