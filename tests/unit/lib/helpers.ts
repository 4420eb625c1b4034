/**
 * Test helpers: LayerSpec builders with PyTorch's constructor defaults (so the
 * tests read like PyTorch code), a `runSequence` that threads a shape through a
 * list of layers, and a LayerError matcher.
 */
import { expect } from 'vitest';
import { macs, outputShape, paramCount } from '../../../src/lib/layers';
import type {
  ActivationName,
  AvgPool2dSpec,
  Conv2dSpec,
  LayerErrorCode,
  LayerSpec,
  LinearSpec,
  MaxPool2dSpec,
  Pair,
  Shape,
} from '../../../src/lib/types';
import { LayerError } from '../../../src/lib/types';

const pair = (v: number | Pair): Pair => (typeof v === 'number' ? [v, v] : v);

/** nn.Conv2d(inC, outC, k, stride=1, padding=0, dilation=1, groups=1, bias=True); inC null = LazyConv2d. */
export function conv2d(
  inC: number | null,
  outC: number,
  k: number | Pair,
  o: { stride?: number | Pair; padding?: number | Pair | 'same' | 'valid'; dilation?: number | Pair; groups?: number; bias?: boolean } = {},
): Conv2dSpec {
  const padding = o.padding ?? 0;
  return {
    kind: 'Conv2d',
    inChannels: inC,
    outChannels: outC,
    kernelSize: pair(k),
    stride: pair(o.stride ?? 1),
    padding: padding === 'same' || padding === 'valid' ? padding : pair(padding),
    dilation: pair(o.dilation ?? 1),
    groups: o.groups ?? 1,
    bias: o.bias ?? true,
  };
}

/** nn.MaxPool2d(k, stride=k, padding=0, dilation=1, ceil_mode=False). */
export function maxPool2d(
  k: number | Pair,
  o: { stride?: number | Pair; padding?: number | Pair; dilation?: number | Pair; ceilMode?: boolean } = {},
): MaxPool2dSpec {
  return {
    kind: 'MaxPool2d',
    kernelSize: pair(k),
    stride: pair(o.stride ?? k),
    padding: pair(o.padding ?? 0),
    dilation: pair(o.dilation ?? 1),
    ceilMode: o.ceilMode ?? false,
  };
}

/** nn.AvgPool2d(k, stride=k, padding=0, ceil_mode=False, count_include_pad=True). */
export function avgPool2d(
  k: number | Pair,
  o: { stride?: number | Pair; padding?: number | Pair; ceilMode?: boolean; countIncludePad?: boolean } = {},
): AvgPool2dSpec {
  return {
    kind: 'AvgPool2d',
    kernelSize: pair(k),
    stride: pair(o.stride ?? k),
    padding: pair(o.padding ?? 0),
    ceilMode: o.ceilMode ?? false,
    countIncludePad: o.countIncludePad ?? true,
  };
}

/** nn.Linear(in, out, bias=True); in null = LazyLinear. */
export function linear(inF: number | null, outF: number, bias = true): LinearSpec {
  return { kind: 'Linear', inFeatures: inF, outFeatures: outF, bias };
}

export const relu = (name: ActivationName = 'ReLU'): LayerSpec => ({ kind: 'Activation', name });
export const flatten = (startDim = 1, endDim = -1): LayerSpec => ({ kind: 'Flatten', startDim, endDim });
export const dropout = (p = 0.5): LayerSpec => ({ kind: 'Dropout', p });
export const bn2d = (c: number, affine = true, trackRunningStats = true): LayerSpec => ({
  kind: 'BatchNorm2d',
  numFeatures: c,
  affine,
  trackRunningStats,
});
export const bn1d = (c: number, affine = true, trackRunningStats = true): LayerSpec => ({
  kind: 'BatchNorm1d',
  numFeatures: c,
  affine,
  trackRunningStats,
});
export const adaptiveAvg = (h: number | null, w: number | null): LayerSpec => ({ kind: 'AdaptiveAvgPool2d', outputSize: [h, w] });

export interface SequenceResult {
  /** shapes[0] is the input; shapes[i + 1] the output of layer i. */
  shapes: Shape[];
  trainable: number[];
  buffers: number[];
  macs: number[];
  totalTrainable: number;
  totalMacs: number;
}

/** Threads `input` through `layers` with the library, collecting shapes, parameters and MACs. */
export function runSequence(layers: readonly LayerSpec[], input: Shape): SequenceResult {
  const shapes: Shape[] = [input];
  const trainable: number[] = [];
  const buffers: number[] = [];
  const mac: number[] = [];
  let x = input;
  for (const layer of layers) {
    const y = outputShape(layer, x);
    const p = paramCount(layer, x);
    trainable.push(p.trainable);
    buffers.push(p.buffers);
    mac.push(macs(layer, x, y));
    shapes.push(y);
    x = y;
  }
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  return { shapes, trainable, buffers, macs: mac, totalTrainable: sum(trainable), totalMacs: sum(mac) };
}

/** Runs `fn`, asserts it throws a LayerError with `code`, and returns the error. */
export function expectLayerError(fn: () => unknown, code: LayerErrorCode): LayerError {
  let caught: unknown = undefined;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a LayerError to be thrown').toBeInstanceOf(LayerError);
  const err = caught as LayerError;
  expect(err.code, err.message).toBe(code);
  // Messages are complete sentences.
  expect(err.message).toMatch(/[.)"]$/);
  return err;
}
