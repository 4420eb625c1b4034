/**
 * Numerical helpers for the gradient tests.
 *
 * Inputs are dyadic rationals (multiples of a power of two) so that x ± eps is
 * exact in float32 for the eps used; losses are formed as L = Σ yᵢ·gᵢ in float64,
 * whose gradient with respect to y is the upstream gradient g.
 */
import { expect } from 'vitest';
import type { Tensor } from '../../../src/lib/reference/tensor';
import { Rng } from '../../../src/lib/rng';

/** A tensor of values k / 2^bits, k an integer in [−range, range]. */
export function dyadicTensor(shape: readonly number[], rng: Rng, range = 64, bits = 5): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.integer(-range, range + 1) / 2 ** bits;
  return { shape: [...shape], data };
}

/**
 * Pairwise distinct values spaced by 1/8 in random order, so that a max never
 * ties and a perturbation smaller than 1/16 cannot change which element wins.
 */
export function distinctTensor(shape: readonly number[], rng: Rng): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = rng.shuffle(Array.from({ length: n }, (_, i) => (i - n / 2) / 8));
  return { shape: [...shape], data: Float32Array.from(values) };
}

/** Σᵢ aᵢ·bᵢ accumulated in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/**
 * Central differences ∂f/∂xᵢ ≈ (f(x + eps·eᵢ) − f(x − eps·eᵢ)) / (2·eps), computed
 * by perturbing `x.data` in place (and restoring it).
 */
export function numericGradient(f: () => number, x: Tensor, eps: number): Float64Array {
  const g = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const saved = x.data[i] ?? 0;
    x.data[i] = saved + eps;
    const plus = f();
    x.data[i] = saved - eps;
    const minus = f();
    x.data[i] = saved;
    g[i] = (plus - minus) / (2 * eps);
  }
  return g;
}

/** Asserts |actualᵢ − expectedᵢ| ≤ tol · max(1, |expectedᵢ|) for every i. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, tol = 1e-4): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] ?? 0;
    const a = actual[i] ?? 0;
    const err = Math.abs(a - e) / Math.max(1, Math.abs(e));
    if (!(err <= worstErr)) {
      worstErr = err;
      worst = i;
    }
  }
  if (worst >= 0 && !(worstErr <= tol)) {
    expect.fail(`${label}: element ${worst} is ${actual[worst]} but should be ${expected[worst]} (relative error ${worstErr})`);
  }
}
