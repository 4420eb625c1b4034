/**
 * Max pooling, average pooling and global average pooling, forward and
 * backward, NCHW. Output sizes come from Eq. pool / Eq. pool-ceil via
 * `outputShape`, so the reference and the shape library cannot disagree.
 *
 * Window of output position i along an axis (stride s, padding p, dilation d,
 * kernel k): input positions i·s − p + t·d for t = 0 … k−1. Positions outside
 * [0, H) are padding: −∞ for max pooling, 0 (and maybe not counted) for average
 * pooling. In ceil mode the last window may also run past the right edge.
 */

import { outputShape } from '../layers';
import { numel } from '../shapes';
import { LayerError, type Pair } from '../types';
import { dims4, expectShape, tensor, type Tensor } from './tensor';

export interface MaxPool2dOptions {
  kernelSize: Pair;
  /** Defaults to kernelSize, as in PyTorch. */
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  kernelSize: Pair;
  /** Defaults to kernelSize, as in PyTorch. */
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
  /** PyTorch's count_include_pad, default true: padded zeros count in the divisor. */
  countIncludePad?: boolean;
}

/**
 * Max pooling forward:
 *
 *   y[n, c, i, j] = max_{u, v} x[n, c, i·s_h − p_h + u·d_h, j·s_w − p_w + v·d_w]   (Eq. maxpool)
 *
 * over the positions inside the image. Also returns, for every output, the flat
 * offset into x.data of the maximum (the first one on ties and the last NaN if
 * any, as PyTorch's CPU kernel), or −1 if the window holds no input.
 */
export function maxPool2dForward(x: Tensor, options: MaxPool2dOptions): { y: Tensor; argmax: Int32Array } {
  const stride = options.stride ?? options.kernelSize;
  const padding = options.padding ?? [0, 0];
  const dilation = options.dilation ?? [1, 1];
  const [nb, c, h, w] = dims4(x, 'The max-pool input x');
  const [, , oh = 0, ow = 0] = outputShape(
    { kind: 'MaxPool2d', kernelSize: options.kernelSize, stride, padding, dilation, ceilMode: options.ceilMode ?? false },
    x.shape,
  );
  const y = tensor([nb, c, oh, ow]);
  const argmax = new Int32Array(y.data.length);
  for (let plane = 0; plane < nb * c; plane++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        let best = -Infinity;
        let bestAt = -1;
        for (let u = 0; u < options.kernelSize[0]; u++) {
          const r = i * stride[0] - padding[0] + u * dilation[0];
          if (r < 0 || r >= h) continue;
          for (let v = 0; v < options.kernelSize[1]; v++) {
            const s = j * stride[1] - padding[1] + v * dilation[1];
            if (s < 0 || s >= w) continue;
            const at = (plane * h + r) * w + s;
            const val = x.data[at] ?? 0;
            if (val > best || Number.isNaN(val) || bestAt === -1) {
              best = val;
              bestAt = at;
            }
          }
        }
        const o = (plane * oh + i) * ow + j;
        y.data[o] = best;
        argmax[o] = bestAt;
      }
    }
  }
  return { y, argmax };
}

/**
 * Max pooling backward: the gradient flows only to each window's maximum,
 *
 *   ∂L/∂x[k] = Σ_{o : argmax[o] = k} dy[o]                                 (Eq. maxpool-dx)
 *
 * (a position that is the maximum of several overlapping windows collects all of them).
 */
export function maxPool2dBackward(dy: Tensor, argmax: Int32Array, xShape: readonly number[]): Tensor {
  if (argmax.length !== dy.data.length) {
    throw new LayerError(
      'invalid-argument',
      `The upstream gradient dy has ${dy.data.length} values but the forward pass recorded ${argmax.length} maxima.`,
      { expected: argmax.length, actual: dy.data.length },
    );
  }
  const dx = new Float64Array(numel(xShape));
  for (let o = 0; o < argmax.length; o++) {
    const k = argmax[o] ?? -1;
    if (k >= 0) dx[k] = (dx[k] ?? 0) + (dy.data[o] ?? 0);
  }
  return tensor(xShape, dx);
}

interface AvgWindow {
  r0: number;
  r1: number;
  s0: number;
  s1: number;
  divisor: number;
}

/**
 * The clipped window and divisor of average-pooling output (i, j), exactly as
 * PyTorch's CPU kernel: the window is first clipped to the padded input
 * [−p, H + p), whose size is the count_include_pad divisor, then to the image
 * [0, H), whose size is the divisor otherwise.
 */
function avgWindow(i: number, j: number, h: number, w: number, k: Pair, s: Pair, p: Pair, countIncludePad: boolean): AvgWindow {
  let r0 = i * s[0] - p[0];
  let s0 = j * s[1] - p[1];
  let r1 = Math.min(r0 + k[0], h + p[0]);
  let s1 = Math.min(s0 + k[1], w + p[1]);
  const padded = (r1 - r0) * (s1 - s0);
  r0 = Math.max(r0, 0);
  s0 = Math.max(s0, 0);
  r1 = Math.min(r1, h);
  s1 = Math.min(s1, w);
  return { r0, r1, s0, s1, divisor: countIncludePad ? padded : (r1 - r0) * (s1 - s0) };
}

function avgGeometry(x: readonly number[], options: AvgPool2dOptions) {
  const stride = options.stride ?? options.kernelSize;
  const padding = options.padding ?? [0, 0];
  const out = outputShape(
    {
      kind: 'AvgPool2d',
      kernelSize: options.kernelSize,
      stride,
      padding,
      ceilMode: options.ceilMode ?? false,
      countIncludePad: options.countIncludePad ?? true,
    },
    x,
  );
  return { stride, padding, out, countIncludePad: options.countIncludePad ?? true };
}

/**
 * Average pooling forward:
 *
 *   y[n, c, i, j] = (1 / D) · Σ_{(r, s) ∈ window ∩ image} x[n, c, r, s]       (Eq. avgpool)
 *
 * where D is the window size clipped to the padded input when count_include_pad
 * (padded zeros count), else the number of image positions in the window.
 */
export function avgPool2dForward(x: Tensor, options: AvgPool2dOptions): Tensor {
  const [nb, c, h, w] = dims4(x, 'The average-pool input x');
  const { stride, padding, out, countIncludePad } = avgGeometry(x.shape, options);
  const oh = out[2] ?? 0;
  const ow = out[3] ?? 0;
  const y = tensor([nb, c, oh, ow]);
  for (let plane = 0; plane < nb * c; plane++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const win = avgWindow(i, j, h, w, options.kernelSize, stride, padding, countIncludePad);
        let sum = 0;
        for (let r = win.r0; r < win.r1; r++) {
          for (let s = win.s0; s < win.s1; s++) sum += x.data[(plane * h + r) * w + s] ?? 0;
        }
        y.data[(plane * oh + i) * ow + j] = sum / win.divisor;
      }
    }
  }
  return y;
}

/**
 * Average pooling backward: each output spreads its gradient evenly over the
 * image positions of its window,
 *
 *   ∂L/∂x[n, c, r, s] = Σ_{(i, j) : (r, s) ∈ window(i, j)} dy[n, c, i, j] / D(i, j)   (Eq. avgpool-dx)
 */
export function avgPool2dBackward(dy: Tensor, xShape: readonly number[], options: AvgPool2dOptions): Tensor {
  const { stride, padding, out, countIncludePad } = avgGeometry(xShape, options);
  expectShape(dy, out, 'The upstream gradient dy');
  const [nb = 0, c = 0, h = 0, w = 0] = xShape;
  const oh = out[2] ?? 0;
  const ow = out[3] ?? 0;
  const dx = new Float64Array(nb * c * h * w);
  for (let plane = 0; plane < nb * c; plane++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const win = avgWindow(i, j, h, w, options.kernelSize, stride, padding, countIncludePad);
        const share = (dy.data[(plane * oh + i) * ow + j] ?? 0) / win.divisor;
        for (let r = win.r0; r < win.r1; r++) {
          for (let s = win.s0; s < win.s1; s++) {
            const k = (plane * h + r) * w + s;
            dx[k] = (dx[k] ?? 0) + share;
          }
        }
      }
    }
  }
  return tensor(xShape, dx);
}

/**
 * Global average pooling forward, [N, C, H, W] → [N, C]:
 *
 *   y[n, c] = (1 / (H·W)) · Σ_{r, s} x[n, c, r, s]                          (Eq. gap)
 */
export function globalAvgPoolForward(x: Tensor): Tensor {
  const [nb, c, h, w] = dims4(x, 'The global-average-pool input x');
  const y = tensor([nb, c]);
  const area = h * w;
  for (let plane = 0; plane < nb * c; plane++) {
    let sum = 0;
    for (let k = 0; k < area; k++) sum += x.data[plane * area + k] ?? 0;
    y.data[plane] = sum / area;
  }
  return y;
}

/**
 * Global average pooling backward: every position of a channel receives an
 * equal share, ∂L/∂x[n, c, r, s] = dy[n, c] / (H·W)                       (Eq. gap-dx)
 */
export function globalAvgPoolBackward(dy: Tensor, xShape: readonly number[]): Tensor {
  const [nb = 0, c = 0, h = 0, w = 0] = xShape;
  expectShape(dy, [nb, c], 'The upstream gradient dy');
  const area = h * w;
  const dx = tensor(xShape);
  for (let plane = 0; plane < nb * c; plane++) {
    const share = (dy.data[plane] ?? 0) / area;
    dx.data.fill(share, plane * area, (plane + 1) * area);
  }
  return dx;
}
