/**
 * The training settings as one schema: their types, the allowed range of every
 * numeric setting (`SETTING_RANGES`), the head kinds and optimisers, the defaults,
 * and `validateSettings`, which judges settings by that schema before anything is
 * built or trained. The Lab's form takes its fields' limits and choices from here
 * (src/components/lab/lab-settings.ts), so the form and the engine cannot disagree.
 * Plain data and pure functions: no TensorFlow.js, so a widget can import it.
 */
import { runSequence } from '../lib/sequence';
import { LayerError } from '../lib/types';
import { defaultTrunk, inputShapeFor, modelLayerSpecs, type HeadKind, type ModelConfig } from './model-config';

/** Every head kind the engine builds, and the ones the Lab offers (not 'linear'). */
const HEAD_KINDS: readonly HeadKind[] = ['fc', 'gap', 'nin', 'linear'];
export const LAB_HEAD_KINDS = ['fc', 'gap', 'nin'] as const satisfies readonly HeadKind[];
export type LabHeadKind = (typeof LAB_HEAD_KINDS)[number];

export type OptimizerName = 'sgd' | 'momentum' | 'adam';
const optimizerNames: readonly OptimizerName[] = ['sgd', 'momentum', 'adam'];

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
const MAX_CANVAS = 64;

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
const MAX_TRUNK_BLOCKS = 4;

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
    issues.push({
      field: 'momentum',
      message: `${mRange.label} must be at least ${mRange.min} and less than ${mRange.max}, but got ${String(m)}.`,
    });
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
      issues.push({
        field: 'model.trunk',
        message: `The trunk may have at most ${MAX_TRUNK_BLOCKS} convolution blocks, but has ${trunk.length}.`,
      });
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
      checkRange(
        issues,
        `${field}.filters`,
        ranges['model.trunk.filters'],
        block['filters'],
        `${ranges['model.trunk.filters'].label} in block ${i + 1}`,
      );
      checkRange(
        issues,
        `${field}.kernel`,
        ranges['model.trunk.kernel'],
        block['kernel'],
        `${ranges['model.trunk.kernel'].label} in block ${i + 1}`,
      );
      if (isInt(block['kernel']) && (block['kernel'] as number) % 2 === 0) {
        issues.push({ field: `${field}.kernel`, message: `The kernel size in block ${i + 1} must be odd, but got ${block['kernel']}.` });
      }
      if (block['pool'] !== undefined) {
        checkRange(
          issues,
          `${field}.pool`,
          ranges['model.trunk.pool'],
          block['pool'],
          `${ranges['model.trunk.pool'].label} in block ${i + 1}`,
        );
      }
      if (issues.length > before) trunkOk = false;
    });
  }
  const head = model['head'] as Record<string, unknown> | undefined;
  let headOk = true;
  if (typeof head !== 'object' || head === null || !HEAD_KINDS.includes(head['kind'] as HeadKind)) {
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
