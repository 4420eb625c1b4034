/**
 * The vocabulary of the layer library: layer specifications, shapes, parameter
 * counts and the one error type the library throws.
 *
 * Conventions (used everywhere in `src/lib`):
 * - A `Shape` always includes the batch dimension first, in PyTorch's NCHW order:
 *   `[N, C, H, W]` for images, `[N, F]` for feature vectors, `[N, C, L]` for
 *   sequences. Every entry is a positive safe integer.
 * - A `LayerSpec` is a PyTorch module with its constructor arguments already
 *   normalised (tuples expanded, defaults filled in). Turning source text into a
 *   `LayerSpec` is the inspector's job; computing with it is the library's.
 * - Counts (`ParamCount`, MACs) are for one sample (batch size 1).
 */

export type Shape = readonly number[];

/** A (height, width) pair, as PyTorch's `_pair` expands an int or a tuple. */
export type Pair = readonly [number, number];

export type ActivationName = 'ReLU' | 'ReLU6' | 'LeakyReLU' | 'ELU' | 'GELU' | 'SiLU' | 'Sigmoid' | 'Tanh';

export interface Conv2dSpec {
  kind: 'Conv2d';
  /** `null` for `LazyConv2d`: inferred from the input at first use. */
  inChannels: number | null;
  outChannels: number;
  kernelSize: Pair;
  stride: Pair;
  /** Explicit padding, or PyTorch's string modes. `'same'` requires stride 1. */
  padding: Pair | 'same' | 'valid';
  dilation: Pair;
  groups: number;
  bias: boolean;
}

export interface MaxPool2dSpec {
  kind: 'MaxPool2d';
  kernelSize: Pair;
  /** Already defaulted to `kernelSize` when the source gave none. */
  stride: Pair;
  padding: Pair;
  dilation: Pair;
  ceilMode: boolean;
}

export interface AvgPool2dSpec {
  kind: 'AvgPool2d';
  kernelSize: Pair;
  stride: Pair;
  padding: Pair;
  ceilMode: boolean;
  countIncludePad: boolean;
}

export interface AdaptivePool2dSpec {
  kind: 'AdaptiveAvgPool2d' | 'AdaptiveMaxPool2d';
  /** `null` keeps the input's size along that axis (PyTorch's `None`). */
  outputSize: readonly [number | null, number | null];
}

/** The book's global average pooling: mean over H and W, `[N,C,H,W] → [N,C]`. */
export interface GlobalAvgPoolSpec {
  kind: 'GlobalAvgPool';
}

export interface FlattenSpec {
  kind: 'Flatten';
  /** PyTorch defaults: startDim 1, endDim −1. Negative dims count from the end. */
  startDim: number;
  endDim: number;
}

export interface UnflattenSpec {
  kind: 'Unflatten';
  dim: number;
  /** May contain one −1, inferred as in PyTorch. */
  sizes: readonly number[];
}

export interface LinearSpec {
  kind: 'Linear';
  /** `null` for `LazyLinear`. */
  inFeatures: number | null;
  outFeatures: number;
  bias: boolean;
}

export interface BatchNormSpec {
  kind: 'BatchNorm1d' | 'BatchNorm2d';
  numFeatures: number;
  affine: boolean;
  trackRunningStats: boolean;
}

export interface DropoutSpec {
  kind: 'Dropout' | 'Dropout2d';
  /** PyTorch's p: the probability of *dropping* a unit, 0 ≤ p ≤ 1. */
  p: number;
}

export interface ActivationSpec {
  kind: 'Activation';
  name: ActivationName;
}

export interface SoftmaxSpec {
  kind: 'Softmax' | 'LogSoftmax';
  /** `null` when the source gave none (PyTorch then picks a dim and warns). */
  dim: number | null;
}

export interface IdentitySpec {
  kind: 'Identity';
}

export type LayerSpec =
  | Conv2dSpec
  | MaxPool2dSpec
  | AvgPool2dSpec
  | AdaptivePool2dSpec
  | GlobalAvgPoolSpec
  | FlattenSpec
  | UnflattenSpec
  | LinearSpec
  | BatchNormSpec
  | DropoutSpec
  | ActivationSpec
  | SoftmaxSpec
  | IdentitySpec;

/** Parameters of one layer. `trainable = weight + bias`; buffers are not parameters. */
export interface ParamCount {
  /** Elements of the weight tensor (0 if none). */
  weight: number;
  /** Elements of the bias tensor (0 if none). */
  bias: number;
  /** What PyTorch's `sum(p.numel() for p in m.parameters())` counts. */
  trainable: number;
  /**
   * What `sum(b.numel() for b in m.buffers())` counts: for BatchNorm with running
   * stats, running_mean + running_var + num_batches_tracked = 2·C + 1.
   */
  buffers: number;
}

export type LayerErrorCode =
  /** A spatial size or feature count became 0 or negative. */
  | 'non-positive-size'
  /** A kernel (with dilation) is larger than the padded input. */
  | 'kernel-too-large'
  /** A Conv2d's in_channels differs from the input's channel count. */
  | 'channel-mismatch'
  /** A BatchNorm's num_features differs from the input's channel count. */
  | 'batchnorm-mismatch'
  /** A Linear's in_features differs from the input's last dimension. */
  | 'in-features-mismatch'
  /** The input has the wrong number of dimensions for this layer. */
  | 'rank-mismatch'
  /** A size or count exceeds Number.MAX_SAFE_INTEGER. */
  | 'unsafe-integer'
  /** An argument value PyTorch would reject (e.g. padding='same' with stride 2). */
  | 'invalid-argument';

/**
 * The only error the library throws. `message` is a complete sentence a student
 * can act on; `details` carries the numbers for callers that build richer messages
 * (for 'in-features-mismatch': `expected` = in_features, `actual` = input features).
 */
export class LayerError extends Error {
  readonly code: LayerErrorCode;
  readonly details: Readonly<Record<string, number | string>>;

  constructor(code: LayerErrorCode, message: string, details: Record<string, number | string> = {}) {
    super(message);
    this.name = 'LayerError';
    this.code = code;
    this.details = details;
  }
}
