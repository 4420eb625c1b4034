/**
 * The custom Conv2D gradient (src/train/conv-grad.ts) against (a) numerical
 * gradients of a float64 convolution written out here as loops (an independent
 * oracle) and (b) stock tfjs's gradient on the cpu backend, over random shapes,
 * strides, dilations and paddings (fast-check, fixed seed from tests/unit/setup.ts).
 * The same checks run on the wasm backend, which has no Conv2DBackpropFilter
 * kernel of its own.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardPadding, installFastConvGradient, uninstallFastConvGradient } from '../../../src/train/conv-grad';
import { useNodeBackend } from '../../../src/train/tf-node';

type Pad = 'same' | 'valid' | number;

interface Case {
  n: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  kh: number;
  kw: number;
  stride: number;
  dilation: number;
  pad: Pad;
  seed: number;
}

/** Random convolutions with stride > 1 or dilation > 1 (not both: tfjs allows one), valid shapes only. */
const cases = fc
  .record({
    n: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 9 }),
    w: fc.integer({ min: 1, max: 9 }),
    cin: fc.integer({ min: 1, max: 3 }),
    cout: fc.integer({ min: 1, max: 3 }),
    kh: fc.integer({ min: 1, max: 4 }),
    kw: fc.integer({ min: 1, max: 4 }),
    stride: fc.integer({ min: 1, max: 3 }),
    dilation: fc.integer({ min: 1, max: 3 }),
    pad: fc.oneof(fc.constant<Pad>('same'), fc.constant<Pad>('valid'), fc.integer({ min: 0, max: 2 })),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map((c): Case => (c.stride > 1 && c.dilation > 1 ? { ...c, dilation: 1 } : c))
  // tfjs 4.22 sizes the output of a numeric padding with the kernel height on both
  // axes (computeOutputShape2D), so non-square kernels get a wrong output width
  // there, in the forward pass already: numeric padding only with square kernels.
  .map((c): Case => (typeof c.pad === 'number' ? { ...c, kw: c.kh } : c))
  .filter((c) => {
    const p = forwardPadding(c.pad, c.h, c.w, c.kh, c.kw, [c.stride, c.stride], [c.dilation, c.dilation]);
    if (!p) return false;
    const effH = (c.kh - 1) * c.dilation + 1;
    const effW = (c.kw - 1) * c.dilation + 1;
    return c.h + p[0] + p[1] >= effH && c.w + p[2] + p[3] >= effW;
  });

/** Float64 forward convolution, NHWC, zero padding (the oracle). */
function conv64(x: Float64Array, wt: Float64Array, c: Case): { y: Float64Array; oh: number; ow: number } {
  const [top, bottom, left, right] = forwardPadding(c.pad, c.h, c.w, c.kh, c.kw, [c.stride, c.stride], [c.dilation, c.dilation])!;
  const oh = Math.floor((c.h + top + bottom - ((c.kh - 1) * c.dilation + 1)) / c.stride) + 1;
  const ow = Math.floor((c.w + left + right - ((c.kw - 1) * c.dilation + 1)) / c.stride) + 1;
  const y = new Float64Array(c.n * oh * ow * c.cout);
  for (let n = 0; n < c.n; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let o = 0; o < c.cout; o++) {
          let s = 0;
          for (let u = 0; u < c.kh; u++)
            for (let v = 0; v < c.kw; v++) {
              const yy = i * c.stride + u * c.dilation - top;
              const xx = j * c.stride + v * c.dilation - left;
              if (yy < 0 || yy >= c.h || xx < 0 || xx >= c.w) continue;
              for (let ci = 0; ci < c.cin; ci++)
                s += x[((n * c.h + yy) * c.w + xx) * c.cin + ci]! * wt[((u * c.kw + v) * c.cin + ci) * c.cout + o]!;
            }
          y[((n * oh + i) * ow + j) * c.cout + o] = s;
        }
  return { y, oh, ow };
}

/** Central differences of L = Σ conv(x, W) · dy (in float64) with respect to every entry of `which`. */
function numerical(x: Float64Array, wt: Float64Array, dy: Float64Array, c: Case, which: 'x' | 'w'): Float64Array {
  const loss = (): number => conv64(x, wt, c).y.reduce((s, v, i) => s + v * dy[i]!, 0);
  const target = which === 'x' ? x : wt;
  const g = new Float64Array(target.length);
  const eps = 1e-3;
  for (let i = 0; i < target.length; i++) {
    const keep = target[i]!;
    target[i] = keep + eps;
    const up = loss();
    target[i] = keep - eps;
    const down = loss();
    target[i] = keep;
    g[i] = (up - down) / (2 * eps);
  }
  return g;
}

function random(len: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = Math.fround(s / 2 ** 32 - 0.5);
  }
  return out;
}

/** tfjs gradients (dx, dW) of Σ conv2d(x, W) · dy on the current backend. */
function tfGrads(x: Float64Array, wt: Float64Array, dy: Float64Array, c: Case, oh: number, ow: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const xt = tf.tensor4d(Float32Array.from(x), [c.n, c.h, c.w, c.cin]);
    const wtt = tf.tensor4d(Float32Array.from(wt), [c.kh, c.kw, c.cin, c.cout]);
    const dyt = tf.tensor4d(Float32Array.from(dy), [c.n, oh, ow, c.cout]);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation), dyt));
    const [gx, gw] = tf.grads(f)([xt, wtt]);
    return [gx!.dataSync() as Float32Array, gw!.dataSync() as Float32Array];
  });
}

/** max |a − b| / max(1, max |b|). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let err = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return err / scale;
}

function setup(c: Case) {
  const x = random(c.n * c.h * c.w * c.cin, c.seed);
  const wt = random(c.kh * c.kw * c.cin * c.cout, c.seed + 1);
  const { oh, ow } = conv64(x, wt, c);
  const dy = random(c.n * oh * ow * c.cout, c.seed + 2);
  return { x, wt, dy, oh, ow };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`the fast Conv2D gradient on the ${backend} backend`, () => {
    beforeAll(async () => {
      await useNodeBackend(backend);
      installFastConvGradient();
    });
    afterAll(async () => {
      await useNodeBackend('cpu');
    });

    it('agrees with numerical gradients (float64) for random strides, dilations and paddings within 1e-4', () => {
      fc.assert(
        fc.property(cases, (c) => {
          const { x, wt, dy, oh, ow } = setup(c);
          const [gx, gw] = tfGrads(x, wt, dy, c, oh, ow);
          expect(relErr(gw, numerical(x, wt, dy, c, 'w'))).toBeLessThan(1e-4);
          expect(relErr(gx, numerical(x, wt, dy, c, 'x'))).toBeLessThan(1e-4);
        }),
        { numRuns: 60 },
      );
    });

    it('agrees with stock tfjs on the cpu backend within 1e-4 (dilation 1: tfjs has no dilated gradient)', async () => {
      const samples = fc.sample(
        cases.filter((c) => c.dilation === 1),
        40,
      );
      const ours = samples.map((c) => {
        const { x, wt, dy, oh, ow } = setup(c);
        return tfGrads(x, wt, dy, c, oh, ow);
      });
      await useNodeBackend('cpu');
      uninstallFastConvGradient();
      try {
        samples.forEach((c, k) => {
          const { x, wt, dy, oh, ow } = setup(c);
          const [rx, rw] = tfGrads(x, wt, dy, c, oh, ow);
          expect(relErr(ours[k]![0], rx), JSON.stringify(c)).toBeLessThan(1e-4);
          expect(relErr(ours[k]![1], rw), JSON.stringify(c)).toBeLessThan(1e-4);
        });
      } finally {
        installFastConvGradient();
        await useNodeBackend(backend);
      }
    });
  });
}

describe('forwardPadding', () => {
  it('follows tfjs’s same rule, with the odd pixel at the bottom/right', () => {
    // 28×28, 5×5, stride 1: 2 on every side; 7 wide, 4 kernel, stride 2: total (4−1)·2+4−7 = 3 → 1 left, 2 right.
    expect(forwardPadding('same', 28, 28, 5, 5, [1, 1], [1, 1])).toEqual([2, 2, 2, 2]);
    expect(forwardPadding('same', 7, 7, 4, 4, [2, 2], [1, 1])).toEqual([1, 2, 1, 2]);
    expect(forwardPadding('same', 9, 9, 3, 3, [1, 1], [2, 2])).toEqual([2, 2, 2, 2]);
    expect(forwardPadding('valid', 9, 9, 3, 3, [1, 1], [1, 1])).toEqual([0, 0, 0, 0]);
  });
});
