/**
 * Differential tests: the reference forward/backward passes against
 * TensorFlow.js (cpu backend) on random shapes. TF works in NHWC with HWIO
 * filters, so each TF function transposes from and back to NCHW; tf.grads then
 * returns gradients already in NCHW.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  avgPool2dBackward,
  avgPool2dForward,
  conv2dBackward,
  conv2dForward,
  denseBackward,
  denseForward,
  flattenForward,
  globalAvgPoolBackward,
  globalAvgPoolForward,
  logSoftmax,
  maxPool2dBackward,
  maxPool2dForward,
  reluBackward,
  reluForward,
  softmax,
  softmaxCrossEntropy,
  type Tensor,
} from '../../../src/lib/reference/index';
import { Rng } from '../../../src/lib/rng';
import { conv2dSamePadding } from '../../../src/lib/shapes';
import type { Pair } from '../../../src/lib/types';
import { expectClose } from './numeric';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const RUNS = { numRuns: 25 };
const toTf = (t: Tensor): tf.Tensor => tf.tensor(t.data, [...t.shape]);
const nchwToNhwc = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x as tf.Tensor4D, [0, 2, 3, 1]);
const nhwcToNchw = (x: tf.Tensor): tf.Tensor4D => tf.transpose(x as tf.Tensor4D, [0, 3, 1, 2]);
/** tfjs wants mutable tuples. */
const mut = (p: Pair): [number, number] => [p[0], p[1]];
const normal = (shape: number[], rng: Rng): Tensor => ({ shape, data: rng.normalArray(shape.reduce((a, b) => a * b, 1)) });

/** Runs `body` inside tf.tidy and returns plain arrays. */
function tidyData(body: () => tf.Tensor[]): Float32Array[] {
  return tf
    .tidy(() => body())
    .map((t) => {
      const d = t.dataSync() as Float32Array;
      t.dispose();
      return d;
    });
}

describe('reference vs TensorFlow.js', () => {
  it('dense: y = xWᵀ + b and its gradients', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (n, inF, outF, seed) => {
          const rng = new Rng(seed);
          const x = normal([n, inF], rng);
          const w = normal([outF, inF], rng);
          const b = normal([outF], rng);
          const dy = normal([n, outF], rng);
          const f = (xt: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor) =>
            tf.add(tf.matMul(xt as tf.Tensor2D, wt as tf.Tensor2D, false, true), bt);
          const [y, dx, dw, db] = tidyData(() => {
            const args = [toTf(x), toTf(w), toTf(b)];
            return [f(args[0]!, args[1]!, args[2]!), ...tf.grads(f)(args, toTf(dy))];
          });
          const ours = denseBackward(x, w, dy);
          expectClose(denseForward(x, w, b).data, y!, 'y');
          expectClose(ours.dx.data, dx!, 'dx');
          expectClose(ours.dw.data, dw!, 'dW');
          expectClose(ours.db.data, db!, 'db');
        },
      ),
      RUNS,
    );
  });

  const convCase = fc
    .record({
      n: fc.integer({ min: 1, max: 2 }),
      groups: fc.integer({ min: 1, max: 3 }),
      cg: fc.integer({ min: 1, max: 3 }),
      fg: fc.integer({ min: 1, max: 3 }),
      k: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      padMode: fc.constantFrom('explicit' as const, 'same' as const),
      pad: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
      extra: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
      seed: fc.integer(),
    })
    // TensorFlow.js supports dilation only with stride 1; PyTorch's 'same' needs stride 1.
    .map((c) => {
      const dilated = c.dilation[0] > 1 || c.dilation[1] > 1;
      return { ...c, stride: (dilated || c.padMode === 'same' ? [1, 1] : c.stride) as Pair, dilated };
    });

  it('conv2d forward and gradients (stride, padding incl. asymmetric same, dilation, groups)', () => {
    fc.assert(
      fc.property(convCase, (c) => {
        const rng = new Rng(c.seed);
        const [kh, kw] = c.k;
        const h = c.dilation[0] * (kh - 1) + 1 + c.extra[0];
        const w = c.dilation[1] * (kw - 1) + 1 + c.extra[1];
        const cIn = c.groups * c.cg;
        const cOut = c.groups * c.fg;
        const x = normal([c.n, cIn, h, w], rng);
        const k = normal([cOut, c.cg, kh, kw], rng);
        const b = normal([cOut], rng);
        const padding: Pair | 'same' = c.padMode === 'same' ? 'same' : (c.pad as Pair);
        // PyTorch's 'same' split, written out for TF as explicit padding
        const [pt, pb, pl, pr] =
          c.padMode === 'same' ? conv2dSamePadding(c.k as Pair, c.dilation as Pair) : [c.pad[0], c.pad[0], c.pad[1], c.pad[1]];
        const explicit: [[number, number], [number, number], [number, number], [number, number]] = [
          [0, 0],
          [pt, pb],
          [pl, pr],
          [0, 0],
        ];
        /** NCHW in, NCHW out; groups as separate convolutions concatenated over channels. */
        const f = (xt: tf.Tensor, kt: tf.Tensor, bt: tf.Tensor) => {
          // (tfjs 4.22 cannot differentiate a split into a single piece, hence the guard.)
          const xs = c.groups === 1 ? [xt] : tf.split(xt, c.groups, 1);
          const ks = c.groups === 1 ? [kt] : tf.split(kt, c.groups, 0);
          const outs = xs.map((xg, g) =>
            tf.conv2d(
              nchwToNhwc(xg),
              tf.transpose(ks[g]!, [2, 3, 1, 0]) as tf.Tensor4D,
              mut(c.stride),
              explicit,
              'NHWC',
              mut(c.dilation as Pair),
            ),
          );
          return tf.add(nhwcToNchw(outs.length === 1 ? outs[0]! : tf.concat(outs, 3)), tf.reshape(bt, [1, cOut, 1, 1]));
        };
        const options = { stride: c.stride, padding, dilation: c.dilation as Pair, groups: c.groups };
        const y = conv2dForward(x, k, b, options);
        const dy = normal([...y.shape], rng);
        const [ty] = tidyData(() => [f(toTf(x), toTf(k), toTf(b))]);
        expectClose(y.data, ty!, 'y');
        if (c.dilated) return; // tfjs has no conv2d gradient for dilation > 1 (checked numerically elsewhere)
        const [dx, dk, db] = tidyData(() => tf.grads(f)([toTf(x), toTf(k), toTf(b)], toTf(dy)));
        const ours = conv2dBackward(x, k, dy, options);
        expectClose(ours.dx.data, dx!, 'dx');
        expectClose(ours.dw.data, dk!, 'dw');
        expectClose(ours.db.data, db!, 'db');
      }),
      RUNS,
    );
  });

  const poolCase = fc
    .record({
      n: fc.integer({ min: 1, max: 2 }),
      c: fc.integer({ min: 1, max: 3 }),
      k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      padded: fc.boolean(),
      extra: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
      seed: fc.integer(),
    })
    // tfjs 4.22 computes the output of a pool with a numeric pad from the window
    // height and stride height alone, so padded cases use square windows and strides.
    .map((c) => (c.padded ? { ...c, k: [c.k[0], c.k[0]] as Pair, stride: [c.stride[0], c.stride[0]] as Pair } : c));

  it('max pooling forward and gradient (floor mode, symmetric padding)', () => {
    fc.assert(
      fc.property(poolCase, (c) => {
        const rng = new Rng(c.seed);
        const pad = c.padded ? Math.floor(c.k[0] / 2) : 0;
        const x = normal([c.n, c.c, c.k[0] + c.extra[0], c.k[1] + c.extra[1]], rng);
        const options = { kernelSize: c.k as Pair, stride: c.stride as Pair, padding: [pad, pad] as Pair };
        const { y, argmax } = maxPool2dForward(x, options);
        const dy = normal([...y.shape], rng);
        const f = (xt: tf.Tensor) =>
          nhwcToNchw(tf.maxPool(nchwToNhwc(xt), mut(c.k as Pair), mut(c.stride as Pair), pad === 0 ? 'valid' : pad));
        const [ty, dx] = tidyData(() => [f(toTf(x)), tf.grad(f)(toTf(x), toTf(dy))]);
        expectClose(y.data, ty!, 'y');
        expectClose(maxPool2dBackward(dy, argmax, x.shape).data, dx!, 'dx');
      }),
      RUNS,
    );
  });

  it('average pooling forward and gradient (TF excludes padding: count_include_pad=False)', () => {
    fc.assert(
      fc.property(poolCase, (c) => {
        const rng = new Rng(c.seed);
        const pad = c.padded ? Math.floor(c.k[0] / 2) : 0;
        const x = normal([c.n, c.c, c.k[0] + c.extra[0], c.k[1] + c.extra[1]], rng);
        const options = { kernelSize: c.k as Pair, stride: c.stride as Pair, padding: [pad, pad] as Pair, countIncludePad: false };
        const y = avgPool2dForward(x, options);
        const dy = normal([...y.shape], rng);
        const f = (xt: tf.Tensor) =>
          nhwcToNchw(tf.avgPool(nchwToNhwc(xt), mut(c.k as Pair), mut(c.stride as Pair), pad === 0 ? 'valid' : pad));
        const [ty, dx] = tidyData(() => [f(toTf(x)), tf.grad(f)(toTf(x), toTf(dy))]);
        expectClose(y.data, ty!, 'y');
        // tfjs 4.22's cpu avgPoolGrad divides by the full window size even where its
        // forward pass divided by the smaller in-image count, so with padding its
        // gradient is not the derivative of its own forward pass; ours is (see the
        // central-difference tests), and is compared with TF only without padding.
        if (pad === 0) expectClose(avgPool2dBackward(dy, x.shape, options).data, dx!, 'dx');
      }),
      RUNS,
    );
  });

  it('global average pooling, flatten and ReLU', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (n, c, hw, seed) => {
          const rng = new Rng(seed);
          const x = normal([n, c, hw, hw + 2], rng);
          const dGap = normal([n, c], rng);
          const dRelu = normal([n, c, hw, hw + 2], rng);
          const gap = (xt: tf.Tensor) => tf.mean(xt, [2, 3]);
          const [ty, dx, flat, relu, dxRelu] = tidyData(() => [
            gap(toTf(x)),
            tf.grad(gap)(toTf(x), toTf(dGap)),
            tf.reshape(toTf(x), [n, -1]),
            tf.relu(toTf(x)),
            tf.grad((xt: tf.Tensor) => tf.relu(xt))(toTf(x), toTf(dRelu)),
          ]);
          expectClose(globalAvgPoolForward(x).data, ty!, 'gap y');
          expectClose(globalAvgPoolBackward(dGap, x.shape).data, dx!, 'gap dx');
          expectClose(flattenForward(x).data, flat!, 'flatten');
          expectClose(reluForward(x).data, relu!, 'relu');
          expectClose(reluBackward(x, dRelu).data, dxRelu!, 'relu dx');
        },
      ),
      RUNS,
    );
  });

  it('softmax, log-softmax and mean cross-entropy with its gradient', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 8 }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        fc.integer(),
        (n, k, scale, seed) => {
          const rng = new Rng(seed);
          const z: Tensor = { shape: [n, k], data: rng.normalArray(n * k, 0, scale) };
          const t = Array.from({ length: n }, () => rng.integer(0, k));
          const oneHot = () => tf.oneHot(tf.tensor1d(t, 'int32'), k);
          const ce = (zt: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(oneHot(), tf.logSoftmax(zt as tf.Tensor2D)), 1)));
          const [p, logp, loss, dz] = tidyData(() => [
            tf.softmax(toTf(z)),
            tf.logSoftmax(toTf(z) as tf.Tensor2D),
            ce(toTf(z)),
            tf.grad(ce)(toTf(z)),
          ]);
          const ours = softmaxCrossEntropy(z, t);
          expectClose(softmax(z).data, p!, 'softmax');
          expectClose(logSoftmax(z).data, logp!, 'log-softmax');
          expectClose(ours.probs.data, p!, 'probs');
          expectClose([ours.loss], loss!, 'loss');
          expectClose(ours.dlogits.data, dz!, 'dlogits');
        },
      ),
      RUNS,
    );
  });

  it('a whole small CNN: conv → ReLU → max-pool → flatten → dense → cross-entropy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (n, cIn, filters, seed) => {
          const rng = new Rng(seed);
          const classes = 3;
          const x = normal([n, cIn, 6, 6], rng);
          const k = normal([filters, cIn, 3, 3], rng);
          const kb = normal([filters], rng);
          const w = normal([classes, filters * 4], rng);
          const wb = normal([classes], rng);
          const t = Array.from({ length: n }, () => rng.integer(0, classes));
          // Ours, by the chain rule. Shapes: conv 6 − 3 + 1 = 4, pool 2 → 2, flatten → filters·2·2.
          const conv = { padding: [0, 0] as Pair };
          const a1 = conv2dForward(x, k, kb, conv);
          const r1 = reluForward(a1);
          const { y: p1, argmax } = maxPool2dForward(r1, { kernelSize: [2, 2] });
          const f1 = flattenForward(p1);
          const logits = denseForward(f1, w, wb);
          const { loss, dlogits } = softmaxCrossEntropy(logits, t);
          const dDense = denseBackward(f1, w, dlogits);
          const dP1: Tensor = { shape: p1.shape, data: dDense.dx.data };
          const dR1 = maxPool2dBackward(dP1, argmax, r1.shape);
          const dA1 = reluBackward(a1, dR1);
          const dConv = conv2dBackward(x, k, dA1, conv);

          const net = (xt: tf.Tensor, kt: tf.Tensor, kbt: tf.Tensor, wt: tf.Tensor, wbt: tf.Tensor) => {
            const a = tf.add(
              nhwcToNchw(tf.conv2d(nchwToNhwc(xt), tf.transpose(kt, [2, 3, 1, 0]) as tf.Tensor4D, 1, 'valid')),
              tf.reshape(kbt, [1, filters, 1, 1]),
            );
            const p = nhwcToNchw(tf.maxPool(nchwToNhwc(tf.relu(a)), 2, 2, 'valid'));
            const z = tf.add(tf.matMul(tf.reshape(p, [n, -1]) as tf.Tensor2D, wt as tf.Tensor2D, false, true), wbt);
            return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(t, 'int32'), classes), tf.logSoftmax(z as tf.Tensor2D)), 1)));
          };
          const [tfLoss, gx, gk, gkb, gw, gwb] = tidyData(() => {
            const args = [toTf(x), toTf(k), toTf(kb), toTf(w), toTf(wb)];
            return [net(args[0]!, args[1]!, args[2]!, args[3]!, args[4]!), ...tf.grads(net)(args)];
          });
          expectClose([loss], tfLoss!, 'loss');
          expectClose(dConv.dx.data, gx!, 'dx');
          expectClose(dConv.dw.data, gk!, 'dK');
          expectClose(dConv.db.data, gkb!, 'dKb');
          expectClose(dDense.dw.data, gw!, 'dW');
          expectClose(dDense.db.data, gwb!, 'db');
          expect(tf.memory().numTensors).toBeLessThan(1000);
        },
      ),
      { numRuns: 15 },
    );
  });
});
