/**
 * The gradient check (src/lib/gradcheck.ts), the classifier helpers
 * (src/lib/classifier.ts) and the FC/convolution equivalences (src/lib/fc-as-conv.ts).
 */
import { describe, expect, it } from 'vitest';
import { centralDifference, denseGradCheck, relativeError } from '../../../src/lib/gradcheck';
import { doubleSoftmaxFloor, naiveSoftmaxF32, softmaxBackward } from '../../../src/lib/classifier';
import { conv1x1AsDense, fcAsConv } from '../../../src/lib/fc-as-conv';
import { createRng } from '../../../src/lib/rng';
import { denseBackward, denseForward, softmax, softmaxCrossEntropy, tensor } from '../../../src/lib/reference';

describe('centralDifference and relativeError', () => {
  it('differentiates a known function: L = Σ cᵢ θᵢ² has gradient 2 cᵢ θᵢ', () => {
    const theta = tensor([4], [0.5, -1, 2, 0.25]);
    const c = [1, 3, -0.5, 2];
    const loss = (): number => c.reduce((s, ci, i) => s + ci * (theta.data[i] ?? 0) ** 2, 0);
    const g = centralDifference(loss, theta, 1 / 64);
    // A quadratic has no third derivative: the central difference is exact up to rounding.
    expect(Array.from(g)).toEqual([1, -6, -2, 1].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(theta.data)).toEqual([0.5, -1, 2, 0.25]); // restored
  });

  it('measures the relative error of whole vectors', () => {
    expect(relativeError([3, 4], [3, 4])).toBe(0);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    // ‖(3,4) − (0,4)‖ / max(5, 4) = 3/5
    expect(relativeError([3, 4], [0, 4])).toBeCloseTo(0.6, 12);
    expect(() => relativeError([1], [1, 2])).toThrow(/1 and 2 elements/);
  });
});

describe('denseGradCheck', () => {
  it('finds the dense layer and softmax cross-entropy gradients right to float32 precision', () => {
    const r = denseGradCheck();
    expect(r.checked).toBe(3 * 5 + 3 + 4 * 5);
    for (const e of [r.relError.w, r.relError.b, r.relError.x]) expect(e).toBeLessThan(1e-4);
    expect(r.maxRelError).toBe(Math.max(r.relError.w, r.relError.b, r.relError.x));
    expect(r.loss).toBeGreaterThan(0);
  });

  it('holds for other seeds and shapes', () => {
    for (const seed of [1, 2, 3]) {
      const r = denseGradCheck({ seed, batch: 3, inFeatures: 7, outFeatures: 4 });
      expect(r.maxRelError, `seed ${seed}`).toBeLessThan(1e-4);
    }
  });

  it('would catch a wrong gradient: the same check on a gradient without the 1/N of the mean fails', () => {
    // Rebuild the check's problem and scale the analytic weight gradient by N (a classic mistake).
    const n = 4;
    const rng = createRng(11);
    const x = tensor([n, 5], rng.normalArray(n * 5));
    const w = tensor([3, 5], rng.normalArray(15, 0, 0.5));
    const b = tensor([3], rng.normalArray(3, 0, 0.5));
    const t = [0, 1, 2, 1];
    const loss = (): number => softmaxCrossEntropy(denseForward(x, w, b), t).loss;
    const { dw } = denseBackward(x, w, softmaxCrossEntropy(denseForward(x, w, b), t).dlogits);
    const numeric = centralDifference(loss, w, 1e-2);
    expect(relativeError(dw.data, numeric)).toBeLessThan(1e-4);
    const wrong = Array.from(dw.data, (v) => v * n);
    expect(relativeError(wrong, numeric)).toBeCloseTo((n - 1) / n, 3);
  });

  it('shows the step-size trade-off: h = 0.1 is worse than h = 0.01 (truncation)', () => {
    expect(denseGradCheck({ h: 0.1 }).relError.w).toBeGreaterThan(10 * denseGradCheck({ h: 0.01 }).relError.w);
  });
});

describe('classifier helpers', () => {
  it('softmaxBackward is the softmax Jacobian: checked against the central difference', () => {
    const z = tensor([1, 4], [0.5, -1, 2, 0.25]);
    const g = [0.3, -1.2, 0.7, 2]; // L = Σ gⱼ softmax(z)ⱼ
    const loss = (): number => Array.from(softmax(z).data).reduce((s, p, j) => s + p * (g[j] ?? 0), 0);
    const analytic = softmaxBackward(softmax(z), tensor([1, 4], g));
    expect(relativeError(analytic.data, centralDifference(loss, z, 1e-2))).toBeLessThan(1e-4);
  });

  it('softmax then cross-entropy through softmaxBackward equals p − y (Eq. ce-grad)', () => {
    const z = tensor([1, 3], [4, 1, -2]);
    const p = softmax(z);
    // ∂(−ln p_t)/∂p = −1/p_t at t, 0 elsewhere.
    const g = tensor([1, 3], [-1 / (p.data[0] ?? 1), 0, 0]);
    const dz = softmaxBackward(p, g);
    const expected = softmaxCrossEntropy(z, [0]).dlogits;
    for (let j = 0; j < 3; j++) expect(dz.data[j]).toBeCloseTo(expected.data[j] ?? NaN, 6);
  });

  it('naive float32 softmax overflows above ln(FLT_MAX) ≈ 88.72, the stable one does not', () => {
    expect(naiveSoftmaxF32([1, 0])[0]).toBeCloseTo(Math.E / (Math.E + 1), 6);
    expect(naiveSoftmaxF32([88, 0]).every(Number.isFinite)).toBe(true);
    const big = naiveSoftmaxF32([89, 0]);
    expect(big[0]).toBeNaN();
    expect(big[1]).toBe(0);
    const stable = softmaxCrossEntropy(tensor([1, 2], [1000, 0]), [1]);
    expect(stable.loss).toBe(1000);
  });

  it('the double-softmax floor is ln(e + K − 1) − 1 and is what the library gives for one-hot inputs', () => {
    expect(doubleSoftmaxFloor(1)).toBeCloseTo(0, 12);
    expect(doubleSoftmaxFloor(10)).toBeCloseTo(Math.log(Math.E + 9) - 1, 12);
    const oneHot = tensor([1, 10], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(softmaxCrossEntropy(oneHot, [0]).loss).toBeCloseTo(doubleSoftmaxFloor(10), 6);
    // Any other probability vector does worse.
    const rng = createRng(5);
    for (let i = 0; i < 20; i++) {
      const p = softmax(tensor([1, 10], rng.normalArray(10, 0, 3)));
      expect(softmaxCrossEntropy(p, [0]).loss).toBeGreaterThanOrEqual(doubleSoftmaxFloor(10) - 1e-6);
    }
    expect(() => doubleSoftmaxFloor(0)).toThrow(/positive integer/);
  });
});

describe('FC as convolution', () => {
  it('a Linear on a flattened map equals a Conv2d whose kernel covers the map', () => {
    for (const [c, h, w, o] of [
      [4, 3, 3, 5],
      [2, 5, 4, 3],
    ] as const) {
      const r = fcAsConv(c, h, w, o);
      expect(r.compared).toBe(o);
      expect(r.maxAbs).toBeGreaterThan(0.1);
      expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-5 * r.maxAbs);
    }
  });

  it('a 1×1 convolution equals a Linear at every position', () => {
    const r = conv1x1AsDense(6, 4, 4, 3);
    expect(r.compared).toBe(3 * 4 * 4);
    expect(r.maxAbs).toBeGreaterThan(0.1);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-5 * r.maxAbs);
  });
});
