/**
 * Shape arithmetic: the output-size formulas of PyTorch (NCHW) and of
 * TensorFlow/Keras (NHWC), plus checked integer helpers.
 *
 * These functions only *evaluate* formulas on sizes that are already known to be
 * positive integers; they do not decide whether a layer is valid. A formula may
 * therefore return 0 or a negative number (e.g. a kernel larger than its input).
 * `outputShape` in ./layers.ts validates arguments and turns such results into
 * a `LayerError` with a message a student can act on.
 *
 * The one error thrown here is `LayerError('unsafe-integer')`, when an
 * intermediate value leaves the range where JavaScript numbers are exact
 * integers (|x| ≤ Number.MAX_SAFE_INTEGER = 2^53 − 1).
 *
 * Sources:
 * - PyTorch `torch.nn.Conv2d`, `MaxPool2d`, `AvgPool2d` documentation ("Shape" sections).
 * - PyTorch ATen `aten/src/ATen/native/Pool.h`: `pooling_output_shape_pad_lr`
 *   (ceil_mode) and `pooling_output_shape` / `pool2d_shape_check` (padding limit).
 * - PyTorch `torch/nn/modules/conv.py` (`padding='same'` split) and
 *   `aten/src/ATen/native/AdaptiveAveragePooling.cpp` (`start_index`, `end_index`).
 * - TensorFlow "padding" documentation (tf.nn.convolution) and Keras
 *   `conv_utils.conv_output_length`.
 */

import type { Pair, Shape } from './types';
import { LayerError } from './types';

/** Padding on the four sides of an image: `[top, bottom, left, right]`. */
export type Padding4 = readonly [top: number, bottom: number, left: number, right: number];

// ---------------------------------------------------------------------------
// Checked integer arithmetic
// ---------------------------------------------------------------------------

function unsafe(what: string, value: number): LayerError {
  return new LayerError(
    'unsafe-integer',
    `${what} would be ${value.toExponential(3)}, which is larger than ` +
      `Number.MAX_SAFE_INTEGER (2^53 − 1 ≈ 9.007e15); JavaScript cannot count it exactly. ` +
      `Use smaller layer sizes.`,
    { value: String(value), limit: Number.MAX_SAFE_INTEGER },
  );
}

/**
 * Returns `value` if it is an exact integer (|value| ≤ 2^53 − 1); otherwise
 * throws `LayerError('unsafe-integer')` naming `what`.
 */
export function checkSafe(value: number, what = 'A size'): number {
  if (!Number.isSafeInteger(value)) throw unsafe(what, value);
  return value;
}

/** a + b, throwing `LayerError('unsafe-integer')` if the exact sum is not a safe integer. */
export function checkedAdd(a: number, b: number, what = 'A sum'): number {
  return checkSafe(a + b, what);
}

/**
 * a · b, throwing `LayerError('unsafe-integer')` if the exact product is not a safe
 * integer. (For safe integer inputs the rounded product exceeds 2^53 − 1 exactly
 * when the true product does, because rounding is monotonic.)
 */
export function checkedMul(a: number, b: number, what = 'A product'): number {
  return checkSafe(a * b, what);
}

/** The number of elements of a shape, ∏ᵢ shape[i] (1 for the empty shape), checked. */
export function numel(shape: Shape, what = 'The number of elements'): number {
  let n = 1;
  for (const d of shape) n = checkedMul(n, d, what);
  return n;
}

/**
 * ⌊a / b⌋ for integers, rounding toward −∞ as ATen's `div_rtn` does (C++ `/`
 * alone rounds toward zero, which differs for negative numerators). b > 0.
 */
export function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  // Correct the rare off-by-one of the floating-point quotient for huge values.
  while (q * b > a) q -= 1;
  while ((q + 1) * b <= a) q += 1;
  return q;
}

/** ⌈a / b⌉ for integers, b > 0: ⌈a/b⌉ = −⌊−a/b⌋. */
export function ceilDiv(a: number, b: number): number {
  return 0 - floorDiv(-a, b); // "0 −" avoids returning −0
}

/** Formats a shape as PyTorch prints `tensor.shape`'s list: `[1, 3, 224, 224]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

// ---------------------------------------------------------------------------
// PyTorch (NCHW)
// ---------------------------------------------------------------------------

/**
 * The extent a dilated kernel covers: k_eff = d·(k − 1) + 1 (Eq. effective kernel).
 */
export function effectiveKernelSize(kernel: number, dilation: number): number {
  return checkedAdd(checkedMul(dilation, kernel - 1, 'A dilated kernel extent'), 1, 'A dilated kernel extent');
}

/**
 * Output size of a convolution along one axis (PyTorch Conv2d docs), with padding
 * possibly different before and after:
 *
 *   H_out = ⌊(H_in + p_before + p_after − d·(k − 1) − 1) / s⌋ + 1        (Eq. conv)
 *
 * With symmetric padding p this is the documented
 * ⌊(H_in + 2p − d(k − 1) − 1)/s + 1⌋. May return a value ≤ 0.
 */
export function convOutputSize(
  input: number,
  kernel: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation: number,
): number {
  const padded = checkedAdd(checkedAdd(input, padBefore, 'A padded size'), padAfter, 'A padded size');
  const span = padded - effectiveKernelSize(kernel, dilation);
  return floorDiv(span, stride) + 1;
}

/**
 * PyTorch's `padding='same'` for a stride-1 convolution, per axis: the total
 * padding d·(k − 1) is split as left = ⌊total/2⌋, right = total − left, so an odd
 * total puts the extra row/column at the bottom/right (torch/nn/modules/conv.py,
 * `_reversed_padding_repeated_twice`). Returns `[top, bottom, left, right]`.
 *
 *   total = d·(k − 1),  before = ⌊total / 2⌋,  after = total − before     (Eq. same)
 */
export function conv2dSamePadding(kernel: Pair, dilation: Pair): Padding4 {
  const totalH = checkedMul(dilation[0], kernel[0] - 1, 'A padding');
  const totalW = checkedMul(dilation[1], kernel[1] - 1, 'A padding');
  const top = Math.floor(totalH / 2);
  const left = Math.floor(totalW / 2);
  return [top, totalH - top, left, totalW - left];
}

/**
 * Resolves a Conv2d `padding` argument to `[top, bottom, left, right]`:
 * `'valid'` → zeros, `'same'` → `conv2dSamePadding`, `(ph, pw)` → `[ph, ph, pw, pw]`.
 * Does not check the stride (`'same'` requires stride 1; `outputShape` checks).
 */
export function resolveConv2dPadding(padding: Pair | 'same' | 'valid', kernel: Pair, dilation: Pair): Padding4 {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') return conv2dSamePadding(kernel, dilation);
  return [padding[0], padding[0], padding[1], padding[1]];
}

/**
 * Output size of max/avg pooling along one axis, ATen's
 * `pooling_output_shape_pad_lr` with symmetric padding p:
 *
 *   floor mode:  out = ⌊(H_in + 2p − d·(k − 1) − 1) / s⌋ + 1                (Eq. pool)
 *   ceil mode:   out = ⌊(H_in + 2p − d·(k − 1) − 1 + (s − 1)) / s⌋ + 1,
 *                then out −= 1 if (out − 1)·s ≥ H_in + p                 (Eq. pool-ceil)
 *
 * The correction drops a last window that would start in the right/bottom padding
 * (or beyond it). AvgPool2d uses d = 1. May return a value ≤ 0.
 */
export function poolOutputSize(
  input: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
  ceilMode: boolean,
): number {
  const padded = checkedAdd(input, checkedMul(2, padding, 'A padding'), 'A padded size');
  let span = padded - effectiveKernelSize(kernel, dilation);
  if (ceilMode) span += stride - 1;
  let out = floorDiv(span, stride) + 1;
  if (ceilMode && checkedMul(out - 1, stride, 'A pooling window start') >= input + padding) out -= 1;
  return out;
}

/**
 * The largest padding PyTorch accepts for MaxPool2d/AvgPool2d along one axis: half
 * the kernel size, rounded down, whatever the dilation:
 *
 *   p ≤ ⌊k / 2⌋                                                         (Eq. pool-pad)
 *
 * ATen checks the padding twice. `pool2d_shape_check` requires kW/2 ≥ padW on the
 * undilated kernel (PyTorch 1.13's `pooling_output_shape` says the same: "pad should
 * be at most half of kernel size"); later releases' `pooling_output_shape` checks
 * half the effective kernel, ⌊(d·(k − 1) + 1) / 2⌋, instead. Since d·(k − 1) + 1 ≥ k,
 * that second bound is never the tighter one: `MaxPool2d(3, dilation=2, padding=2)`
 * has a 5-cell window and is still refused (checked against PyTorch in
 * tests/unit/pytorch/pooling.test.ts).
 */
export function poolPaddingLimit(kernel: number): number {
  return Math.floor(kernel / 2);
}

/**
 * First input index of bin i in adaptive pooling (ATen `start_index`):
 * start(i) = ⌊i · In / Out⌋                                               (Eq. adaptive-start)
 */
export function adaptiveBinStart(i: number, inputSize: number, outputSize: number): number {
  return floorDiv(checkedMul(i, inputSize, 'An adaptive pooling index'), outputSize);
}

/**
 * One past the last input index of bin i in adaptive pooling (ATen `end_index`):
 * end(i) = ⌈(i + 1) · In / Out⌉                                           (Eq. adaptive-end)
 */
export function adaptiveBinEnd(i: number, inputSize: number, outputSize: number): number {
  return ceilDiv(checkedMul(i + 1, inputSize, 'An adaptive pooling index'), outputSize);
}

/**
 * All bins of adaptive pooling along one axis as half-open ranges `[start, end)`,
 * using Eq. adaptive-start and Eq. adaptive-end. Bins may overlap, and when
 * Out > In some input positions are used by several bins.
 */
export function adaptivePoolBins(inputSize: number, outputSize: number): Array<readonly [start: number, end: number]> {
  const bins: Array<readonly [number, number]> = [];
  for (let i = 0; i < outputSize; i++) {
    bins.push([adaptiveBinStart(i, inputSize, outputSize), adaptiveBinEnd(i, inputSize, outputSize)]);
  }
  return bins;
}

// ---------------------------------------------------------------------------
// TensorFlow / Keras (NHWC)
// ---------------------------------------------------------------------------

/** TensorFlow's padding modes. Keras layers use the lower-case spelling. */
export type TfPadding = 'valid' | 'same';

/**
 * Output size of a TensorFlow/Keras convolution or pooling along one axis
 * (Keras `conv_output_length`; pooling uses d = 1), with k_eff = d·(k − 1) + 1:
 *
 *   'valid':  out = ⌈(in − k_eff + 1) / s⌉                                (Eq. tf-valid)
 *   'same':   out = ⌈in / s⌉                                               (Eq. tf-same)
 *
 * 'valid' may return a value ≤ 0 (TensorFlow.js then reports a 0 or negative dimension).
 */
export function tfConvOutputSize(input: number, kernel: number, stride: number, padding: TfPadding, dilation = 1): number {
  if (padding === 'same') return ceilDiv(input, stride);
  return ceilDiv(input - effectiveKernelSize(kernel, dilation) + 1, stride);
}

/** Pooling is Eq. tf-valid / Eq. tf-same with d = 1. */
export function tfPoolOutputSize(input: number, pool: number, stride: number, padding: TfPadding): number {
  return tfConvOutputSize(input, pool, stride, padding, 1);
}

/**
 * The implicit padding of TensorFlow's 'same' mode along one axis:
 *
 *   out = ⌈in / s⌉,  padAlong = max(0, (out − 1)·s + k_eff − in),
 *   before = ⌊padAlong / 2⌋,  after = padAlong − before                (Eq. tf-same-pad)
 *
 * Like PyTorch's 'same', an odd total puts the extra row/column at the end; unlike
 * PyTorch, it depends on the input size and is defined for any stride.
 */
export function tfSamePadding(
  input: number,
  kernel: number,
  stride: number,
  dilation = 1,
): { output: number; padAlong: number; before: number; after: number } {
  const output = ceilDiv(input, stride);
  const needed = checkedMul(output - 1, stride, 'A padding') + effectiveKernelSize(kernel, dilation) - input;
  const padAlong = Math.max(0, needed);
  const before = Math.floor(padAlong / 2);
  return { output, padAlong, before, after: padAlong - before };
}
