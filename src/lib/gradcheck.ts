/**
 * Numerical gradient checks for the reference layers (pure TypeScript, no DOM).
 *
 * A gradient derived by hand (the backward pass) is compared with the central
 * difference of the loss itself:
 *
 *   ∂L/∂θᵢ ≈ (L(θ + hᵢ eᵢ) − L(θ − hᵢ eᵢ)) / (2 hᵢ)                         (Eq. central-difference)
 *
 * whose error is O(h²) for a smooth L, against O(h) for a one-sided difference.
 * The reference tensors store float32, so θᵢ ± h is rounded to float32 before the
 * loss is evaluated; the step actually taken, θᵢ⁺ − θᵢ⁻, is used as the divisor.
 */

import { createRng } from './rng';
import { denseBackward, denseForward } from './reference/dense';
import { softmaxCrossEntropy } from './reference/softmax';
import { tensor, type Tensor } from './reference/tensor';

/**
 * The numerical gradient of `loss()` with respect to every element of `param`, by
 * the central difference (Eq. central-difference). `param` is perturbed in place
 * and restored; `loss` must read it.
 */
export function centralDifference(loss: () => number, param: Tensor, h: number): Float64Array {
  const grad = new Float64Array(param.data.length);
  for (let i = 0; i < param.data.length; i++) {
    const saved = param.data[i] ?? 0;
    param.data[i] = saved + h;
    const plus = param.data[i] ?? 0; // rounded to float32
    const lPlus = loss();
    param.data[i] = saved - h;
    const minus = param.data[i] ?? 0;
    const lMinus = loss();
    param.data[i] = saved;
    grad[i] = (lPlus - lMinus) / (plus - minus);
  }
  return grad;
}

/**
 * The relative error between an analytic gradient a and a numerical one n, as
 * vectors:
 *
 *   err(a, n) = ‖a − n‖₂ / max(‖a‖₂, ‖n‖₂)                                    (Eq. rel-error)
 *
 * (0 when both are zero). Measured on the whole vector, so a partial derivative
 * that is nearly zero does not turn float32 rounding noise into a large ratio.
 */
export function relativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  if (analytic.length !== numeric.length) {
    throw new RangeError(`The gradients have ${analytic.length} and ${numeric.length} elements: they must match.`);
  }
  let diff = 0;
  let na = 0;
  let nn = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i] ?? 0;
    const n = numeric[i] ?? 0;
    diff += (a - n) ** 2;
    na += a * a;
    nn += n * n;
  }
  const scale = Math.sqrt(Math.max(na, nn));
  return scale === 0 ? 0 : Math.sqrt(diff) / scale;
}

export interface DenseGradCheckOptions {
  /** Seed of the random inputs, weights and targets. */
  seed?: number;
  /** Batch size N. */
  batch?: number;
  inFeatures?: number;
  /** out_features = the number of classes K of the softmax cross-entropy. */
  outFeatures?: number;
  /** The central-difference step h. */
  h?: number;
}

export interface DenseGradCheck {
  /** The options actually used (defaults filled in). */
  options: Required<DenseGradCheckOptions>;
  /** The loss at the checked point. */
  loss: number;
  /** Relative error (Eq. rel-error) of ∂L/∂W, ∂L/∂b and ∂L/∂x. */
  relError: { w: number; b: number; x: number };
  /** The largest of the three. */
  maxRelError: number;
  /** How many partial derivatives were compared. */
  checked: number;
}

/**
 * Checks the dense layer's backward pass (Eqs. dense-dW, dense-db, dense-dx of
 * reference/dense.ts) together with the softmax cross-entropy gradient p − y
 * (Eq. ce-grad) on a seeded random problem:
 *
 *   L(W, b, x) = (1/N) Σₙ CE(W xₙ + b, tₙ)
 *
 * The analytic gradients come from `denseBackward(x, W, softmaxCrossEntropy(…).dlogits)`;
 * the numerical ones from `centralDifference` on the same loss.
 */
export function denseGradCheck(opts: DenseGradCheckOptions = {}): DenseGradCheck {
  const options: Required<DenseGradCheckOptions> = {
    seed: opts.seed ?? 4,
    batch: opts.batch ?? 4,
    inFeatures: opts.inFeatures ?? 5,
    outFeatures: opts.outFeatures ?? 3,
    h: opts.h ?? 1e-2,
  };
  const { batch, inFeatures, outFeatures, h } = options;
  const rng = createRng(options.seed);
  const x = tensor([batch, inFeatures], rng.normalArray(batch * inFeatures));
  const w = tensor([outFeatures, inFeatures], rng.normalArray(outFeatures * inFeatures, 0, 0.5));
  const b = tensor([outFeatures], rng.normalArray(outFeatures, 0, 0.5));
  const targets = Array.from({ length: batch }, () => rng.integer(0, outFeatures));
  const loss = (): number => softmaxCrossEntropy(denseForward(x, w, b), targets).loss;

  const ce = softmaxCrossEntropy(denseForward(x, w, b), targets);
  const { dw, db, dx } = denseBackward(x, w, ce.dlogits);
  const relError = {
    w: relativeError(dw.data, centralDifference(loss, w, h)),
    b: relativeError(db.data, centralDifference(loss, b, h)),
    x: relativeError(dx.data, centralDifference(loss, x, h)),
  };
  return {
    options,
    loss: ce.loss,
    relError,
    maxRelError: Math.max(relError.w, relError.b, relError.x),
    checked: w.data.length + b.data.length + x.data.length,
  };
}
