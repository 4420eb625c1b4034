/**
 * A faster gradient for tfjs's Conv2D kernel, installed globally with
 * `tf.registerGradient` (it replaces tfjs's own gradient config for 'Conv2D').
 *
 * Why: tfjs's cpu `Conv2DBackpropFilter` kernel is very slow (most of a training
 * step), and the wasm backend has no such kernel at all (tfjs #8474). But the
 * filter gradient is itself a convolution, with the batch axis playing the role
 * of the channel axis. For a forward convolution with stride s, dilation d and
 * padding (top, left), y[n, h', w', o] = Σ x_pad[n, h'·s + i·d, w'·s + j·d, c] · W[i, j, c, o], so
 *
 *   dW[i, j, c, o] = Σ_n Σ_h' Σ_w'  x_pad[n, h'·s + i·d, w'·s + j·d, c] · dy[n, h', w', o]
 *                  = conv2d(xᵀ, dyᵀ; stride d, dilation s)[c, i, j, o]        (eq. 1)
 *
 * with xᵀ = transpose(x, [3, 1, 2, 0]) : [C_in, H, W, N] (a "batch" of C_in
 * one-image inputs whose channels are the N samples), dyᵀ = transpose(dy, [1, 2, 0, 3])
 * : [H_out, W_out, N, C_out] used as the filter, and the forward padding: the roles
 * of stride and dilation swap. The result [C_in, ≥k_h, ≥k_w, C_out] is cropped to
 * the kernel (a stride that does not divide the input leaves extra rows) and
 * transposed back to [k_h, k_w, C_in, C_out]. tfjs allows stride > 1 or dilation
 * > 1, not both, in one convolution, and so does eq. 1.
 *
 * The input gradient:
 *  - stride 1 (any dilation d; tfjs's own gradient has none for d > 1): a "full"
 *    correlation of dy with the kernel rotated by 180° (and in/out channels swapped),
 *    dilated by d, padded (k−1)·d − top above and (k−1)·d − bottom below        (eq. 2):
 *      dx[n, h, w, c] = Σ_i Σ_j Σ_o dy_pad[n, h + i·d, w + j·d, o] · W[k_h−1−i, k_w−1−j, c, o]
 *    again a forward convolution: on wasm, XNNPACK's SIMD kernel instead of the
 *    backend's plain-loop Conv2DBackpropInput (a profile of the book's CNN put 37 %
 *    of a training step there).
 *  - stride > 1 (dilation 1): tfjs's own `conv2dTranspose` (= Conv2DBackpropInput).
 *
 * Anything else (NCHW; padding that eq. 2 cannot express) falls back to tfjs's
 * original gradient, so the override is always as correct as tfjs; unit tests
 * (tests/unit/train/conv-grad.test.ts) compare it with tfjs's gradient and with
 * numerical gradients on random shapes.
 */
import * as tf from '@tensorflow/tfjs';
import { tfSamePadding } from '../lib/shapes';

type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];
type Pad = 'same' | 'valid' | number | ExplicitPad;

export interface Conv2DAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const pair = (v: number | [number, number]): [number, number] => (Array.isArray(v) ? v : [v, v]);

/**
 * [top, bottom, left, right] padding of the forward convolution, as tfjs computes
 * it (computeConv2DInfo): 'same' is TensorFlow's implicit padding (Eq. tf-same-pad,
 * `tfSamePadding` in the layer library: the smaller half on top). Null for a padding
 * we do not know.
 */
export function forwardPadding(
  pad: Pad,
  inH: number,
  inW: number,
  kH: number,
  kW: number,
  strides: [number, number],
  dilations: [number, number],
): [number, number, number, number] | null {
  if (pad === 'valid') return [0, 0, 0, 0];
  if (pad === 'same') {
    const h = tfSamePadding(inH, kH, strides[0], dilations[0]);
    const w = tfSamePadding(inW, kW, strides[1], dilations[1]);
    return [h.before, h.after, w.before, w.after];
  }
  if (typeof pad === 'number' && Number.isInteger(pad) && pad >= 0) return [pad, pad, pad, pad];
  if (Array.isArray(pad) && pad.length === 4) {
    const [, [t, b], [l, r]] = pad;
    return [t, b, l, r];
  }
  return null;
}

/** Whether this module computes the gradient of a Conv2D with these attributes itself. */
function handles(attrs: Conv2DAttrs): boolean {
  const [sh, sw] = pair(attrs.strides);
  const [dh, dw] = pair(attrs.dilations);
  const strided = sh > 1 || sw > 1;
  const dilated = dh > 1 || dw > 1;
  return attrs.dataFormat === 'NHWC' && !(strided && dilated);
}

/**
 * dW of y = conv2d(x, W) for upstream gradient dy, by one forward convolution
 * (eq. 1), or null when this shortcut does not apply (NCHW, or stride and dilation
 * both > 1, which tfjs's forward convolution rejects anyway).
 */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: readonly number[],
  attrs: Conv2DAttrs,
): tf.Tensor4D | null {
  if (!handles(attrs)) return null;
  const [kH, kW] = filterShape as [number, number, number, number];
  const strides = pair(attrs.strides);
  const dilations = pair(attrs.dilations);
  const padding = forwardPadding(attrs.pad, x.shape[1], x.shape[2], kH, kW, strides, dilations);
  if (padding === null) return null;
  const [top, bottom, left, right] = padding;
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]); // [C_in, H, W, N]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [H_out, W_out, N, C_out]
    const explicit: ExplicitPad = [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ];
    // Stride and dilation swap roles (eq. 1).
    let g = tf.conv2d(xT, dyT, dilations, explicit, 'NHWC', strides); // [C_in, ≥kH, ≥kW, C_out]
    if (g.shape[1] !== kH || g.shape[2] !== kW) g = tf.slice(g, [0, 0, 0, 0], [-1, kH, kW, -1]);
    return tf.transpose(g, [1, 2, 0, 3]);
  });
}

/**
 * dx of y = conv2d(x, W) with stride 1 and any dilation d (eq. 2), or null when
 * the padding is larger than the dilated kernel (eq. 2 would need negative padding).
 */
function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, xShape: readonly number[], attrs: Conv2DAttrs): tf.Tensor4D | null {
  const [kH, kW] = filter.shape;
  const dilations = pair(attrs.dilations);
  const padding = forwardPadding(attrs.pad, xShape[1] as number, xShape[2] as number, kH, kW, [1, 1], dilations);
  if (padding === null) return null;
  const [top, bottom, left, right] = padding;
  const ph = (kH - 1) * dilations[0];
  const pw = (kW - 1) * dilations[1];
  const full: ExplicitPad = [
    [0, 0],
    [ph - top, ph - bottom],
    [pw - left, pw - right],
    [0, 0],
  ];
  if (full.some(([a, b]) => a < 0 || b < 0)) return null;
  return tf.tidy(() => {
    const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kH, kW, C_out, C_in]
    return tf.conv2d(dy, rotated as tf.Tensor4D, 1, full, 'NHWC', dilations);
  });
}

let installed = false;
let original: tf.GradConfig | null = null;

/** Replaces the Conv2D gradient (idempotent). Call before building models that train. */
export function installFastConvGradient(): void {
  if (installed) return;
  original = tf.getGradient('Conv2D') ?? null;
  const fallback = original;
  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const a = attrs as unknown as Conv2DAttrs;
      const d = dy as tf.Tensor4D;
      const dilated = pair(a.dilations).some((v) => v > 1);
      const xPad = forwardPadding(a.pad, x.shape[1], x.shape[2], filter.shape[0], filter.shape[1], pair(a.strides), pair(a.dilations));
      // Cases this module does not compute: tfjs's own gradient (which throws for dilations).
      const own = handles(a) && xPad !== null && (a.dimRoundingMode == null || !dilated);
      if (!own) {
        if (!fallback) throw new Error('Conv2D gradient: no fallback gradient is registered.');
        return fallback.gradFunc(dy, saved, attrs);
      }
      const strided = pair(a.strides).some((v) => v > 1);
      return {
        x: () => {
          const dx = strided ? null : conv2dInputGradient(d, filter, x.shape, a);
          if (dx !== null) return dx;
          if (!dilated) return tf.conv2dTranspose(d, filter, x.shape, a.strides, a.pad as 'same' | 'valid' | number);
          throw new Error(`Conv2D gradient: the padding ${JSON.stringify(a.pad)} is larger than the dilated kernel; use smaller padding.`);
        },
        filter: () => conv2dFilterGradient(x, d, filter.shape, a) as tf.Tensor4D,
      };
    },
  });
  installed = true;
}

/** Restores tfjs's own Conv2D gradient (for tests that compare the two). */
export function uninstallFastConvGradient(): void {
  if (!installed) return;
  if (original) tf.registerGradient(original);
  installed = false;
}
