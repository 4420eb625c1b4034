/**
 * 2-D convolution (PyTorch's Conv2d, which computes a cross-correlation),
 * forward and backward, NCHW.
 *
 * Shapes: x [N, C_in, H, W], weight w [C_out, C_in/groups, k_h, k_w], bias b
 * [C_out] or null, output y [N, C_out, H_out, W_out] with H_out, W_out from
 * Eq. conv (../shapes.ts). Zero padding; `padding` may be explicit, 'valid' or
 * 'same' (stride 1, extra padding at the bottom/right, as in PyTorch).
 */

import { outputShape } from '../layers';
import { resolveConv2dPadding, type Padding4 } from '../shapes';
import type { Conv2dSpec } from '../types';
import { dims4, expectShape, tensor, type Tensor } from './tensor';

/** Convolution hyper-parameters, with PyTorch's defaults when omitted. */
export type Conv2dOptions = Partial<Pick<Conv2dSpec, 'stride' | 'padding' | 'dilation' | 'groups'>>;

interface Geometry {
  n: number;
  c: number;
  h: number;
  w: number;
  f: number;
  cg: number; // input channels per group
  fg: number; // output channels per group
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  pad: Padding4;
}

/** Validates the operands through `outputShape` and collects the loop bounds. */
function geometry(x: Tensor, w: Tensor, hasBias: boolean, options: Conv2dOptions): Geometry {
  const stride = options.stride ?? [1, 1];
  const padding = options.padding ?? [0, 0];
  const dilation = options.dilation ?? [1, 1];
  const groups = options.groups ?? 1;
  const [n, c, h, wd] = dims4(x, 'The conv2d input x');
  const [f, cg, kh, kw] = dims4(w, 'The conv2d weight w');
  const spec: Conv2dSpec = {
    kind: 'Conv2d',
    inChannels: cg * groups,
    outChannels: f,
    kernelSize: [kh, kw],
    stride,
    padding,
    dilation,
    groups,
    bias: hasBias,
  };
  const [, , oh = 0, ow = 0] = outputShape(spec, x.shape);
  return {
    n,
    c,
    h,
    w: wd,
    f,
    cg,
    fg: f / groups,
    kh,
    kw,
    oh,
    ow,
    sh: stride[0],
    sw: stride[1],
    dh: dilation[0],
    dw: dilation[1],
    pad: resolveConv2dPadding(padding, [kh, kw], dilation),
  };
}

/**
 * Forward pass. For output channel f in group g = ⌊f / (C_out/groups)⌋:
 *
 *   y[n, f, i, j] = b[f] + Σ_{c, u, v} w[f, c, u, v] · x[n, g·C_in/groups + c,
 *                                            i·s_h − p_top + u·d_h, j·s_w − p_left + v·d_w]   (Eq. conv2d)
 *
 * where x is 0 outside the image (zero padding).
 */
export function conv2dForward(x: Tensor, w: Tensor, b: Tensor | null, options: Conv2dOptions = {}): Tensor {
  const g = geometry(x, w, b !== null, options);
  if (b !== null) expectShape(b, [g.f], 'The conv2d bias b');
  const y = tensor([g.n, g.f, g.oh, g.ow]);
  for (let n = 0; n < g.n; n++) {
    for (let f = 0; f < g.f; f++) {
      const c0 = Math.floor(f / g.fg) * g.cg;
      for (let i = 0; i < g.oh; i++) {
        for (let j = 0; j < g.ow; j++) {
          let sum = b === null ? 0 : (b.data[f] ?? 0);
          for (let c = 0; c < g.cg; c++) {
            for (let u = 0; u < g.kh; u++) {
              const r = i * g.sh - g.pad[0] + u * g.dh;
              if (r < 0 || r >= g.h) continue;
              for (let v = 0; v < g.kw; v++) {
                const s = j * g.sw - g.pad[2] + v * g.dw;
                if (s < 0 || s >= g.w) continue;
                sum += (w.data[((f * g.cg + c) * g.kh + u) * g.kw + v] ?? 0) * (x.data[((n * g.c + c0 + c) * g.h + r) * g.w + s] ?? 0);
              }
            }
          }
          y.data[((n * g.f + f) * g.oh + i) * g.ow + j] = sum;
        }
      }
    }
  }
  return y;
}

/**
 * Backward pass, given dy = ∂L/∂y. Each product in Eq. conv2d sends its
 * gradient to both factors:
 *
 *   ∂L/∂w[f, c, u, v] = Σ_{n, i, j} dy[n, f, i, j] · x[n, c', i·s_h − p_top + u·d_h, j·s_w − p_left + v·d_w]   (Eq. conv2d-dw)
 *   ∂L/∂x[n, c', r, s] = Σ over the (f, u, v, i, j) that read x[n, c', r, s] of dy[n, f, i, j] · w[f, c, u, v]    (Eq. conv2d-dx)
 *   ∂L/∂b[f] = Σ_{n, i, j} dy[n, f, i, j]                                                                        (Eq. conv2d-db)
 *
 * with c' = g·C_in/groups + c. `db` is returned even when the layer has no bias.
 */
export function conv2dBackward(x: Tensor, w: Tensor, dy: Tensor, options: Conv2dOptions = {}): { dx: Tensor; dw: Tensor; db: Tensor } {
  const g = geometry(x, w, false, options);
  expectShape(dy, [g.n, g.f, g.oh, g.ow], 'The upstream gradient dy');
  // Accumulate in float64, store as float32 at the end.
  const dx = new Float64Array(x.data.length);
  const dw = new Float64Array(w.data.length);
  const db = new Float64Array(g.f);
  for (let n = 0; n < g.n; n++) {
    for (let f = 0; f < g.f; f++) {
      const c0 = Math.floor(f / g.fg) * g.cg;
      for (let i = 0; i < g.oh; i++) {
        for (let j = 0; j < g.ow; j++) {
          const grad = dy.data[((n * g.f + f) * g.oh + i) * g.ow + j] ?? 0;
          db[f] = (db[f] ?? 0) + grad;
          for (let c = 0; c < g.cg; c++) {
            for (let u = 0; u < g.kh; u++) {
              const r = i * g.sh - g.pad[0] + u * g.dh;
              if (r < 0 || r >= g.h) continue;
              for (let v = 0; v < g.kw; v++) {
                const s = j * g.sw - g.pad[2] + v * g.dw;
                if (s < 0 || s >= g.w) continue;
                const wi = ((f * g.cg + c) * g.kh + u) * g.kw + v;
                const xi = ((n * g.c + c0 + c) * g.h + r) * g.w + s;
                dw[wi] = (dw[wi] ?? 0) + grad * (x.data[xi] ?? 0);
                dx[xi] = (dx[xi] ?? 0) + grad * (w.data[wi] ?? 0);
              }
            }
          }
        }
      }
    }
  }
  return { dx: tensor(x.shape, dx), dw: tensor(w.shape, dw), db: tensor([g.f], db) };
}
