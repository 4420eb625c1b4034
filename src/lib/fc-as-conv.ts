/**
 * A fully connected layer is a convolution, and a 1×1 convolution is a dense layer
 * at every position: both statements checked numerically with the reference
 * layers (pure TypeScript, no DOM).
 */

import { createRng } from './rng';
import { conv2dForward } from './reference/conv2d';
import { denseForward } from './reference/dense';
import { tensor } from './reference/tensor';

/** Largest |a − b| over two equally long arrays. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`Cannot compare ${a.length} with ${b.length} values.`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

export interface Equivalence {
  /** Largest |difference| between the two outputs. */
  maxAbsDiff: number;
  /** Largest |output|, for scale. */
  maxAbs: number;
  /** Output elements compared. */
  compared: number;
}

/**
 * A Linear(C·H·W → O) on a flattened C×H×W map against a Conv2d(C → O,
 * kernel H×W, no padding) on the map itself, with the SAME numbers: the conv
 * kernel is the weight matrix [O, C·H·W] read as [O, C, H, W] (row-major, the
 * order nn.Flatten uses). Both compute
 *
 *   y_o = b_o + Σ_{c, u, v} W[o, c, u, v] · x[c, u, v]                        (Eq. fc-as-conv)
 *
 * and the convolution's output is O×1×1.
 */
export function fcAsConv(c: number, h: number, w: number, out: number, seed = 1): Equivalence {
  const rng = createRng(seed);
  const n = c * h * w;
  const x = tensor([1, c, h, w], rng.normalArray(n));
  const weights = rng.normalArray(out * n);
  const bias = tensor([out], rng.normalArray(out));
  const dense = denseForward(tensor([1, n], x.data), tensor([out, n], weights), bias);
  const conv = conv2dForward(x, tensor([out, c, h, w], weights), bias);
  return { maxAbsDiff: maxAbsDiff(dense.data, conv.data), maxAbs: Math.max(...Array.from(dense.data, Math.abs)), compared: out };
}

/**
 * A Conv2d(C → O, kernel 1×1) on a C×H×W map against a Linear(C → O) applied to
 * the C-vector of every position (h, w):
 *
 *   y[o, h, w] = b_o + Σ_c W[o, c] · x[c, h, w]                               (Eq. conv1x1)
 */
export function conv1x1AsDense(c: number, h: number, w: number, out: number, seed = 2): Equivalence {
  const rng = createRng(seed);
  const x = tensor([1, c, h, w], rng.normalArray(c * h * w));
  const weights = rng.normalArray(out * c);
  const bias = tensor([out], rng.normalArray(out));
  const conv = conv2dForward(x, tensor([out, c, 1, 1], weights), bias);
  const wMat = tensor([out, c], weights);
  let worst = 0;
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const pixel = tensor(
        [1, c],
        Array.from({ length: c }, (_, ch) => x.data[(ch * h + i) * w + j] ?? 0),
      );
      const y = denseForward(pixel, wMat, bias);
      const fromConv = Array.from({ length: out }, (_, o) => conv.data[(o * h + i) * w + j] ?? 0);
      worst = Math.max(worst, maxAbsDiff(y.data, fromConv));
    }
  }
  return { maxAbsDiff: worst, maxAbs: Math.max(...Array.from(conv.data, Math.abs)), compared: out * h * w };
}
