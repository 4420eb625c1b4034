/**
 * Reference forward/backward implementations: hand-computed cases, and
 * gradients checked against central differences over random shapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  avgPool2dBackward,
  avgPool2dForward,
  conv2dBackward,
  conv2dForward,
  denseBackward,
  denseForward,
  dropoutBackward,
  dropoutForward,
  flattenBackward,
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
  tensor,
  type Conv2dOptions,
} from '../../../src/lib/reference/index';
import { Rng } from '../../../src/lib/rng';
import type { Pair } from '../../../src/lib/types';
import { LayerError } from '../../../src/lib/types';
import { expectLayerError } from './helpers';
import { distinctTensor, dot, dyadicTensor, expectClose, numericGradient } from './numeric';

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const RUNS = { numRuns: 25 };

describe('dense', () => {
  it('computes y = W x + b and its gradients by hand', () => {
    const x = tensor([1, 2], [1, 2]);
    const w = tensor([3, 2], [1, 0, 0, 1, 1, 1]);
    const b = tensor([3], [0.5, -1, 0]);
    expect(Array.from(denseForward(x, w, b).data)).toEqual([1.5, 1, 3]);
    expect(Array.from(denseForward(x, w, null).data)).toEqual([1, 2, 3]);
    const { dx, dw, db } = denseBackward(x, w, tensor([1, 3], [1, 1, 1]));
    expect(Array.from(dw.data)).toEqual([1, 2, 1, 2, 1, 2]); // dyᵀ x
    expect(Array.from(db.data)).toEqual([1, 1, 1]);
    expect(Array.from(dx.data)).toEqual([2, 2]); // dy W = [1+0+1, 0+1+1]
  });

  it('rejects a mismatched input', () => {
    expectLayerError(() => denseForward(tensor([1, 3]), tensor([2, 4]), null), 'in-features-mismatch');
  });

  it('gradients match central differences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (n, inF, outF, seed) => {
          const rng = new Rng(seed);
          const x = dyadicTensor([n, inF], rng);
          const w = dyadicTensor([outF, inF], rng);
          const b = dyadicTensor([outF], rng);
          const g = dyadicTensor([n, outF], rng);
          const loss = () => dot(denseForward(x, w, b).data, g.data);
          const { dx, dw, db } = denseBackward(x, w, g);
          expectClose(dx.data, numericGradient(loss, x, 0.25), 'dx');
          expectClose(dw.data, numericGradient(loss, w, 0.25), 'dW');
          expectClose(db.data, numericGradient(loss, b, 0.25), 'db');
        },
      ),
      RUNS,
    );
  });
});

describe('conv2d', () => {
  it('computes a 2×2 diagonal kernel on 1…9 by hand', () => {
    const x = tensor([1, 1, 3, 3], range(9));
    const w = tensor([1, 1, 2, 2], [1, 0, 0, 1]);
    // y[i, j] = x[i, j] + x[i+1, j+1]
    expect(Array.from(conv2dForward(x, w, null).data)).toEqual([1 + 5, 2 + 6, 4 + 8, 5 + 9]);
    expect(Array.from(conv2dForward(x, w, tensor([1], [10])).data)).toEqual([16, 18, 22, 24]);
    const { dx, dw, db } = conv2dBackward(x, w, tensor([1, 1, 2, 2], [1, 1, 1, 1]));
    // dw[u, v] = Σ of the 2×2 windows' element (u, v)
    expect(Array.from(dw.data)).toEqual([1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9]);
    expect(Array.from(db.data)).toEqual([4]);
    // each output adds w[0,0] = 1 at (i, j) and w[1,1] = 1 at (i+1, j+1)
    expect(Array.from(dx.data)).toEqual([1, 1, 0, 1, 2, 1, 0, 1, 1]);
  });

  it('pads with zeros and strides', () => {
    const x = tensor([1, 1, 3, 3], range(9));
    const w = tensor([1, 1, 3, 3], Array(9).fill(1));
    // padding 1, stride 2: windows centred on (0,0), (0,2), (2,0), (2,2)
    expect(Array.from(conv2dForward(x, w, null, { padding: [1, 1], stride: [2, 2] }).data)).toEqual([
      1 + 2 + 4 + 5,
      2 + 3 + 5 + 6,
      4 + 5 + 7 + 8,
      5 + 6 + 8 + 9,
    ]);
  });

  it("'same' with an even kernel pads one extra at the bottom/right", () => {
    const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
    const w = tensor([1, 1, 2, 2], [1, 1, 1, 1]);
    // total padding 1 → 0 before, 1 after: y[i, j] = sum of x over [i, i+1] × [j, j+1]
    expect(Array.from(conv2dForward(x, w, null, { padding: 'same' }).data)).toEqual([10, 6, 7, 4]);
  });

  it('dilates the kernel', () => {
    const x = tensor([1, 1, 3, 3], range(9));
    const w = tensor([1, 1, 2, 2], [1, 1, 1, 1]);
    // dilation 2 reads the four corners
    expect(Array.from(conv2dForward(x, w, null, { dilation: [2, 2] }).data)).toEqual([1 + 3 + 7 + 9]);
  });

  it('groups see only their own channels', () => {
    const x = tensor([1, 2, 1, 1], [3, 5]);
    const w = tensor([2, 1, 1, 1], [2, 7]);
    expect(Array.from(conv2dForward(x, w, null, { groups: 2 }).data)).toEqual([6, 35]);
  });

  it('validates operands through the shape library', () => {
    expectLayerError(() => conv2dForward(tensor([1, 3, 4, 4]), tensor([2, 2, 3, 3]), null), 'channel-mismatch');
    expectLayerError(() => conv2dForward(tensor([1, 1, 2, 2]), tensor([1, 1, 3, 3]), null), 'kernel-too-large');
    expectLayerError(() => conv2dForward(tensor([1, 1, 4, 4]), tensor([2, 1, 3, 3]), tensor([3])), 'invalid-argument');
  });

  const convCase = fc
    .record({
      n: fc.integer({ min: 1, max: 2 }),
      groups: fc.integer({ min: 1, max: 2 }),
      cg: fc.integer({ min: 1, max: 2 }),
      fg: fc.integer({ min: 1, max: 2 }),
      kh: fc.integer({ min: 1, max: 3 }),
      kw: fc.integer({ min: 1, max: 3 }),
      stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      pad: fc.oneof(fc.constant('same' as const), fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))),
      extra: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
      bias: fc.boolean(),
      seed: fc.integer(),
    })
    .map((c) => ({ ...c, stride: (c.pad === 'same' ? [1, 1] : c.stride) as Pair }));

  it('gradients match central differences (stride, padding, dilation, groups)', () => {
    fc.assert(
      fc.property(convCase, (c) => {
        const rng = new Rng(c.seed);
        const h = c.dilation[0] * (c.kh - 1) + 1 + c.extra[0];
        const w = c.dilation[1] * (c.kw - 1) + 1 + c.extra[1];
        const x = dyadicTensor([c.n, c.groups * c.cg, h, w], rng);
        const k = dyadicTensor([c.groups * c.fg, c.cg, c.kh, c.kw], rng);
        const b = c.bias ? dyadicTensor([c.groups * c.fg], rng) : null;
        const options: Conv2dOptions = { stride: c.stride, padding: c.pad, dilation: c.dilation as Pair, groups: c.groups };
        const y = conv2dForward(x, k, b, options);
        const g = dyadicTensor(y.shape, rng);
        const loss = () => dot(conv2dForward(x, k, b, options).data, g.data);
        const grads = conv2dBackward(x, k, g, options);
        expectClose(grads.dx.data, numericGradient(loss, x, 0.25), 'dx');
        expectClose(grads.dw.data, numericGradient(loss, k, 0.25), 'dw');
        if (b !== null) expectClose(grads.db.data, numericGradient(loss, b, 0.25), 'db');
      }),
      RUNS,
    );
  });
});

describe('max pooling', () => {
  it('takes window maxima and routes the gradient to them', () => {
    const x = tensor([1, 1, 4, 4], range(16));
    const { y, argmax } = maxPool2dForward(x, { kernelSize: [2, 2] });
    expect(Array.from(y.data)).toEqual([6, 8, 14, 16]);
    expect(Array.from(argmax)).toEqual([5, 7, 13, 15]);
    const dx = maxPool2dBackward(tensor([1, 1, 2, 2], [1, 2, 3, 4]), argmax, x.shape);
    expect(Array.from(dx.data)).toEqual([0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4]);
  });

  it('ceil mode keeps the partial windows at the edge', () => {
    // x[r, c] = 5r + c + 1; windows rows {0,1},{2,3},{4} × cols {0,1},{2,3},{4}
    const { y } = maxPool2dForward(tensor([1, 1, 5, 5], range(25)), { kernelSize: [2, 2], ceilMode: true });
    expect(Array.from(y.data)).toEqual([7, 9, 10, 17, 19, 20, 22, 24, 25]);
  });

  it('treats padding as −∞, not 0', () => {
    const x = tensor(
      [1, 1, 3, 3],
      range(9).map((v) => -v),
    );
    const { y } = maxPool2dForward(x, { kernelSize: [3, 3], stride: [1, 1], padding: [1, 1] });
    expect(Array.from(y.data)).toEqual([-1, -1, -2, -1, -1, -2, -4, -4, -5]);
  });

  it('overlapping windows accumulate gradient at a shared maximum', () => {
    const x = tensor([1, 1, 1, 3], [0, 9, 0]);
    const { argmax } = maxPool2dForward(x, { kernelSize: [1, 2], stride: [1, 1] });
    expect(Array.from(maxPool2dBackward(tensor([1, 1, 1, 2], [1, 10]), argmax, x.shape).data)).toEqual([0, 11, 0]);
  });

  it('gradients match central differences (padding, dilation, ceil mode)', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 2 }),
          c: fc.integer({ min: 1, max: 2 }),
          k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
          stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
          dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
          padFraction: fc.tuple(fc.boolean(), fc.boolean()),
          ceilMode: fc.boolean(),
          extra: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
          seed: fc.integer(),
        }),
        (c) => {
          const rng = new Rng(c.seed);
          const eff = [c.dilation[0] * (c.k[0] - 1) + 1, c.dilation[1] * (c.k[1] - 1) + 1];
          // The largest padding PyTorch allows is ⌊k/2⌋, whatever the dilation (Eq. pool-pad).
          const padding: Pair = [c.padFraction[0] ? Math.floor(c.k[0] / 2) : 0, c.padFraction[1] ? Math.floor(c.k[1] / 2) : 0];
          const x = distinctTensor([c.n, c.c, (eff[0] ?? 1) + c.extra[0], (eff[1] ?? 1) + c.extra[1]], rng);
          const options = {
            kernelSize: c.k as Pair,
            stride: c.stride as Pair,
            dilation: c.dilation as Pair,
            padding,
            ceilMode: c.ceilMode,
          };
          const { y, argmax } = maxPool2dForward(x, options);
          const g = dyadicTensor(y.shape, rng);
          const loss = () => dot(maxPool2dForward(x, options).y.data, g.data);
          expectClose(maxPool2dBackward(g, argmax, x.shape).data, numericGradient(loss, x, 1 / 64), 'dx');
        },
      ),
      RUNS,
    );
  });
});

describe('average pooling', () => {
  it('count_include_pad decides whether padded zeros count', () => {
    const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
    const opts = { kernelSize: [2, 2] as Pair, stride: [1, 1] as Pair, padding: [1, 1] as Pair };
    // corners see one element, edges two, the centre four
    expect(Array.from(avgPool2dForward(x, opts).data)).toEqual([1 / 4, 3 / 4, 2 / 4, 4 / 4, 10 / 4, 6 / 4, 3 / 4, 7 / 4, 4 / 4]);
    expect(Array.from(avgPool2dForward(x, { ...opts, countIncludePad: false }).data)).toEqual([1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4]);
  });

  it('ceil-mode windows are clipped to the padded input before counting', () => {
    // 3×3 of 1…9, k=2, s=2, ceil: windows {0,1}×{0,1}, {0,1}×{2}, {2}×{0,1}, {2}×{2}
    const y = avgPool2dForward(tensor([1, 1, 3, 3], range(9)), { kernelSize: [2, 2], ceilMode: true });
    expect(Array.from(y.data)).toEqual([(1 + 2 + 4 + 5) / 4, (3 + 6) / 2, (7 + 8) / 2, 9]);
    // 4×4 of 1…16, k=3, s=2, p=1, ceil → 3×3. Output (2,2): rows/cols 3..5 clipped to the
    // padded input [−1, 5) give 2×2 = 4 (count_include_pad); the image part is x[3,3] = 16.
    const opts = { kernelSize: [3, 3] as Pair, stride: [2, 2] as Pair, padding: [1, 1] as Pair, ceilMode: true };
    const z = avgPool2dForward(tensor([1, 1, 4, 4], range(16)), opts);
    expect(z.shape).toEqual([1, 1, 3, 3]);
    expect(z.data[8]).toBe(16 / 4);
    expect(z.data[0]).toBeCloseTo((1 + 2 + 5 + 6) / 9, 6); // window [−1, 2)², 3×3 counted
    const e = avgPool2dForward(tensor([1, 1, 4, 4], range(16)), { ...opts, countIncludePad: false });
    expect(e.data[8]).toBe(16);
    expect(e.data[0]).toBe((1 + 2 + 5 + 6) / 4);
  });

  it('spreads the gradient evenly', () => {
    const dx = avgPool2dBackward(tensor([1, 1, 1, 1], [8]), [1, 1, 2, 2], { kernelSize: [2, 2] });
    expect(Array.from(dx.data)).toEqual([2, 2, 2, 2]);
  });

  it('gradients match central differences', () => {
    fc.assert(
      fc.property(
        fc.record({
          k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
          stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
          pad: fc.tuple(fc.boolean(), fc.boolean()),
          ceilMode: fc.boolean(),
          countIncludePad: fc.boolean(),
          extra: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
          seed: fc.integer(),
        }),
        (c) => {
          const rng = new Rng(c.seed);
          const options = {
            kernelSize: c.k as Pair,
            stride: c.stride as Pair,
            padding: [c.pad[0] ? Math.floor(c.k[0] / 2) : 0, c.pad[1] ? Math.floor(c.k[1] / 2) : 0] as Pair,
            ceilMode: c.ceilMode,
            countIncludePad: c.countIncludePad,
          };
          const x = dyadicTensor([2, 2, c.k[0] + c.extra[0], c.k[1] + c.extra[1]], rng);
          const y = avgPool2dForward(x, options);
          const g = dyadicTensor(y.shape, rng);
          const loss = () => dot(avgPool2dForward(x, options).data, g.data);
          expectClose(avgPool2dBackward(g, x.shape, options).data, numericGradient(loss, x, 0.25), 'dx');
        },
      ),
      RUNS,
    );
  });
});

describe('global average pooling, flatten, ReLU', () => {
  it('global average pooling averages each channel', () => {
    const x = tensor([1, 2, 2, 2], [1, 2, 3, 4, 10, 20, 30, 40]);
    expect(Array.from(globalAvgPoolForward(x).data)).toEqual([2.5, 25]);
    expect(Array.from(globalAvgPoolBackward(tensor([1, 2], [4, 8]), x.shape).data)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('flatten keeps the data order (c, h, w) → (c·H + h)·W + w', () => {
    const x = tensor([2, 2, 1, 3], range(12));
    const y = flattenForward(x);
    expect(y.shape).toEqual([2, 6]);
    expect(Array.from(y.data)).toEqual(range(12));
    const back = flattenBackward(y, x.shape);
    expect(back.shape).toEqual([2, 2, 1, 3]);
    expect(flattenForward(x, 2).shape).toEqual([2, 2, 3]);
    expectLayerError(() => flattenBackward(tensor([2, 5]), x.shape), 'invalid-argument');
  });

  it('ReLU zeroes negatives and their gradients', () => {
    const x = tensor([1, 4], [-2, -0.5, 0, 3]);
    expect(Array.from(reluForward(x).data)).toEqual([0, 0, 0, 3]);
    expect(Array.from(reluBackward(x, tensor([1, 4], [1, 1, 1, 1])).data)).toEqual([0, 0, 0, 1]);
  });

  it('gradients match central differences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (n, c, hw, seed) => {
          const rng = new Rng(seed);
          const x = dyadicTensor([n, c, hw, hw + 1], rng);
          const gGap = dyadicTensor([n, c], rng);
          const gapLoss = () => dot(globalAvgPoolForward(x).data, gGap.data);
          expectClose(globalAvgPoolBackward(gGap, x.shape).data, numericGradient(gapLoss, x, 0.25), 'gap dx');
          const gFlat = dyadicTensor([n, c * hw * (hw + 1)], rng);
          const flatLoss = () => dot(flattenForward(x).data, gFlat.data);
          expectClose(flattenBackward(gFlat, x.shape).data, numericGradient(flatLoss, x, 0.25), 'flatten dx');
          // ReLU: odd multiples of 1/64 stay at least 1/64 away from the kink at 0.
          const xr = tensor(
            x.shape,
            Array.from(x.data, (v) => v + 1 / 64),
          );
          const gRelu = dyadicTensor(x.shape, rng);
          const reluLoss = () => dot(reluForward(xr).data, gRelu.data);
          expectClose(reluBackward(xr, gRelu).data, numericGradient(reluLoss, xr, 1 / 256), 'relu dx');
        },
      ),
      RUNS,
    );
  });
});

describe('dropout', () => {
  const ones = (n: number) => tensor([1, n], Array(n).fill(1));

  it('keeps each unit with probability 1 − p and scales kept units by 1/(1 − p)', () => {
    const p = 0.25;
    const { y, mask, scale } = dropoutForward(ones(100000), p, new Rng(7));
    expect(scale).toBeCloseTo(4 / 3, 12);
    let kept = 0;
    let sum = 0;
    let wrong = 0;
    for (let i = 0; i < mask.length; i++) {
      kept += mask[i] ?? 0;
      sum += y.data[i] ?? 0;
      if (y.data[i] !== (mask[i] === 1 ? Math.fround(4 / 3) : 0)) wrong += 1;
    }
    expect(wrong).toBe(0);
    // Binomial(1e5, 0.75): sd ≈ 137, so ±1000 is > 7 sd
    expect(Math.abs(kept - 75000)).toBeLessThan(1000);
    // E[y] = x = 1
    expect(Math.abs(sum / 100000 - 1)).toBeLessThan(0.02);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = dropoutForward(ones(256), 0.5, new Rng(1)).mask;
    const b = dropoutForward(ones(256), 0.5, new Rng(1)).mask;
    const c = dropoutForward(ones(256), 0.5, new Rng(2)).mask;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('handles p = 0, p = 1 and evaluation mode', () => {
    const x = tensor([1, 3], [1, -2, 3]);
    expect(Array.from(dropoutForward(x, 0, new Rng(3)).y.data)).toEqual([1, -2, 3]);
    expect(Array.from(dropoutForward(x, 1, new Rng(3)).y.data)).toEqual([0, 0, 0]);
    const evalMode = dropoutForward(x, 0.9, new Rng(3), false);
    expect(Array.from(evalMode.y.data)).toEqual([1, -2, 3]);
    expect(Array.from(dropoutBackward(tensor([1, 3], [5, 6, 7]), evalMode).data)).toEqual([5, 6, 7]);
    expectLayerError(() => dropoutForward(x, 1.5, new Rng(3)), 'invalid-argument');
  });

  it('backward uses the forward mask; gradients match central differences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom(0.2, 0.5, 0.75), fc.integer(), (n, p, seed) => {
        const rng = new Rng(seed ^ 0x5eed);
        const x = dyadicTensor([2, n], rng);
        const g = dyadicTensor([2, n], rng);
        // Re-seeding gives the same mask on every evaluation of the loss.
        const loss = () => dot(dropoutForward(x, p, new Rng(seed)).y.data, g.data);
        const forward = dropoutForward(x, p, new Rng(seed));
        const dx = dropoutBackward(g, forward);
        for (let i = 0; i < dx.data.length; i++) if (forward.mask[i] === 0) expect(dx.data[i]).toBe(0);
        expectClose(dx.data, numericGradient(loss, x, 0.25), 'dx');
      }),
      RUNS,
    );
  });
});

describe('softmax and cross-entropy', () => {
  it('computes softmax, log-softmax and the loss by hand', () => {
    const z = tensor([1, 2], [0, Math.log(3)]);
    expectClose(softmax(z).data, [1 / 4, 3 / 4], 'softmax', 1e-6);
    expectClose(logSoftmax(z).data, [Math.log(1 / 4), Math.log(3 / 4)], 'log-softmax', 1e-6);
    const r = softmaxCrossEntropy(z, [1]);
    expect(r.loss).toBeCloseTo(-Math.log(3 / 4), 6);
    expectClose(r.dlogits.data, [1 / 4, 3 / 4 - 1], 'dlogits', 1e-6);
  });

  it('averages over the batch for the mean and sums for the sum', () => {
    const z = tensor([2, 2], [0, 0, 0, 0]);
    const mean = softmaxCrossEntropy(z, [0, 1]);
    expect(mean.loss).toBeCloseTo(Math.log(2), 12);
    expectClose(mean.dlogits.data, [-0.25, 0.25, 0.25, -0.25], 'mean grad', 1e-7); // (p − y)/N
    const sum = softmaxCrossEntropy(z, [0, 1], 'sum');
    expect(sum.loss).toBeCloseTo(2 * Math.log(2), 12);
    expectClose(sum.dlogits.data, [-0.5, 0.5, 0.5, -0.5], 'sum grad', 1e-7);
  });

  it('is stable for huge logits (log-sum-exp)', () => {
    const big = softmaxCrossEntropy(tensor([1, 2], [1000, 1000 + Math.log(3)]), [1]);
    expect(big.loss).toBeCloseTo(-Math.log(3 / 4), 3);
    const small = softmaxCrossEntropy(tensor([1, 2], [-1000, -1000 + Math.log(3)]), [0]);
    expect(small.loss).toBeCloseTo(-Math.log(1 / 4), 3);
    const extreme = softmaxCrossEntropy(tensor([1, 3], [3e38, -3e38, 0]), [1]);
    expect(Number.isFinite(extreme.loss)).toBe(true);
    expect(Array.from(extreme.probs.data).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad targets', () => {
    expect(() => softmaxCrossEntropy(tensor([1, 2]), [2])).toThrow(LayerError);
    expect(() => softmaxCrossEntropy(tensor([2, 2]), [0])).toThrow(LayerError);
  });

  it('gradients match central differences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 6 }), fc.boolean(), fc.integer(), (n, k, mean, seed) => {
        const rng = new Rng(seed);
        const z = dyadicTensor([n, k], rng, 128, 5); // logits in [−4, 4]
        const t = Array.from({ length: n }, () => rng.integer(0, k));
        const reduction = mean ? 'mean' : 'sum';
        const loss = () => softmaxCrossEntropy(z, t, reduction).loss;
        expectClose(softmaxCrossEntropy(z, t, reduction).dlogits.data, numericGradient(loss, z, 2 ** -10), 'dlogits');
      }),
      RUNS,
    );
  });
});
