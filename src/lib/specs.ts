/**
 * LayerSpec factories with PyTorch's constructor defaults, so that code building a
 * network reads like the PyTorch that defines it: `conv2d(1, 8, 5, { padding: 2 })`
 * is `nn.Conv2d(1, 8, 5, padding=2)`. They only fill in the defaults and expand ints
 * to pairs (what the inspector does when it reads source text); `outputShape` and
 * `paramCount` (./layers.ts) judge the result.
 */
import type {
  ActivationName,
  ActivationSpec,
  AdaptivePool2dSpec,
  AvgPool2dSpec,
  BatchNormSpec,
  Conv2dSpec,
  DropoutSpec,
  FlattenSpec,
  GlobalAvgPoolSpec,
  LinearSpec,
  MaxPool2dSpec,
  Pair,
} from './types';

/** PyTorch's `_pair`: an int stands for the same value along both axes. */
export const pair = (v: number | Pair): Pair => (typeof v === 'number' ? [v, v] : v);

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

/** nn.ReLU() (or another activation by name). */
export const relu = (name: ActivationName = 'ReLU'): ActivationSpec => ({ kind: 'Activation', name });
/** nn.Flatten(start_dim=1, end_dim=-1). */
export const flatten = (startDim = 1, endDim = -1): FlattenSpec => ({ kind: 'Flatten', startDim, endDim });
/** nn.Dropout(p=0.5). */
export const dropout = (p = 0.5): DropoutSpec => ({ kind: 'Dropout', p });
/** nn.BatchNorm2d(c, affine=True, track_running_stats=True). */
export const bn2d = (c: number, affine = true, trackRunningStats = true): BatchNormSpec => ({
  kind: 'BatchNorm2d',
  numFeatures: c,
  affine,
  trackRunningStats,
});
/** nn.BatchNorm1d(c, affine=True, track_running_stats=True). */
export const bn1d = (c: number, affine = true, trackRunningStats = true): BatchNormSpec => ({
  kind: 'BatchNorm1d',
  numFeatures: c,
  affine,
  trackRunningStats,
});
/** nn.AdaptiveAvgPool2d((h, w)); null keeps the input's size along that axis. */
export const adaptiveAvg = (h: number | null, w: number | null): AdaptivePool2dSpec => ({ kind: 'AdaptiveAvgPool2d', outputSize: [h, w] });
/** The book's global average pooling, `[N, C, H, W] → [N, C]`. */
export const globalAvgPool = (): GlobalAvgPoolSpec => ({ kind: 'GlobalAvgPool' });
