/**
 * A faster gradient for tfjs's Conv2D kernel, installed globally with
 * `tf.registerGradient` (it replaces tfjs's own gradient config for 'Conv2D').
 *
 * Why: tfjs's cpu `Conv2DBackpropFilter` kernel is very slow (most of a training
 * step), and the wasm backend has no such kernel at all (tfjs #8474). But for
 * stride 1 and dilation 1 the filter gradient is itself a convolution, with the
 * batch axis playing the role of the channel axis:
 *
 *   dW[i, j, c, o] = Σ_n Σ_y Σ_x  x_pad[n, y + i, x + j, c] · dy[n, y, x, o]
 *                  = conv2d(xᵀ, dyᵀ)[c, i, j, o]
 *
 * with xᵀ = transpose(x, [3, 1, 2, 0]) : [C_in, H, W, N] (a "batch" of C_in
 * one-image inputs whose channels are the N samples), dyᵀ = transpose(dy, [1, 2, 0, 3])
 * : [H_out, W_out, N, C_out] (a filter), and the forward padding. The result
 * [C_in, k_h, k_w, C_out] is transposed back to [k_h, k_w, C_in, C_out].
 * The input gradient stays tfjs's own `conv2DBackpropInput` (wasm has it).
 *
 * Anything else (strides or dilations > 1, NCHW, explicit or dimRoundingMode
 * padding) falls back to tfjs's original gradient, so the override is always
 * correct; unit tests compare it with the original on random inputs.
 */
import * as tf from '@tensorflow/tfjs';

type Pad = 'same' | 'valid' | number | unknown;

interface Conv2DAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: number | [number, number];
  dimRoundingMode?: string;
}

const isOne = (v: number | [number, number]): boolean => (Array.isArray(v) ? v.every((x) => x === 1) : v === 1);

/** [top, bottom, left, right] padding of the forward convolution for stride 1 (TF's 'same' rule). */
function forwardPadding(pad: Pad, inH: number, inW: number, kH: number, kW: number): [number, number, number, number] | null {
  if (pad === 'valid') return [0, 0, 0, 0];
  if (pad === 'same') {
    // TF: out = in (stride 1); total = max(k − 1, 0); top = ⌊total / 2⌋, bottom = rest.
    const th = Math.max(kH - 1, 0);
    const tw = Math.max(kW - 1, 0);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  if (typeof pad === 'number' && Number.isInteger(pad) && pad >= 0) return [pad, pad, pad, pad];
  void inH;
  void inW;
  return null;
}

/** dW by a forward convolution, or null when this shortcut does not apply. */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: readonly number[], attrs: Conv2DAttrs): tf.Tensor4D | null {
  if (!isOne(attrs.strides) || !isOne(attrs.dilations) || attrs.dataFormat !== 'NHWC' || attrs.dimRoundingMode != null) return null;
  const [kH, kW] = filterShape as [number, number, number, number];
  const padding = forwardPadding(attrs.pad, x.shape[1], x.shape[2], kH, kW);
  if (padding === null) return null;
  const [top, bottom, left, right] = padding;
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]); // [C_in, H, W, N]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [H_out, W_out, N, C_out]
    const explicit: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ];
    const g = tf.conv2d(xT, dyT, 1, explicit); // [C_in, kH, kW, C_out]
    return tf.transpose(g, [1, 2, 0, 3]);
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
      if (!isOne(a.dilations)) {
        throw new Error(`Error in gradient of conv2D: dilation rates greater than 1 are not yet supported in gradients. Got dilations '${String(a.dilations)}'`);
      }
      const fast = isOne(a.strides) && a.dataFormat === 'NHWC' && forwardPadding(a.pad, 0, 0, 1, 1) !== null && a.dimRoundingMode == null;
      if (!fast && fallback) return fallback.gradFunc(dy, saved, attrs);
      return {
        x: () => tf.conv2dTranspose(d, filter, x.shape, a.strides, a.pad as 'same' | 'valid' | number),
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
