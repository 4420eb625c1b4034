/**
 * The classifier output beyond what reference/softmax.ts provides: the backward
 * pass of a softmax on its own, the naive (unstable) softmax that the log-sum-exp
 * trick avoids, and the loss floor of a softmax applied twice. Pure TypeScript.
 */

import { dims2, tensor, type Tensor } from './reference/tensor';

/**
 * Backward pass of p = softmax(z) (row-wise), given g = ∂L/∂p:
 *
 *   ∂L/∂zⱼ = Σᵢ gᵢ ∂pᵢ/∂zⱼ = Σᵢ gᵢ pᵢ([i = j] − pⱼ) = pⱼ (gⱼ − Σᵢ gᵢ pᵢ)       (Eq. softmax-vjp)
 *
 * using the softmax Jacobian ∂pᵢ/∂zⱼ = pᵢ([i = j] − pⱼ).
 */
export function softmaxBackward(p: Tensor, g: Tensor): Tensor {
  const [n, k] = dims2(p, 'The softmax output p');
  const [gn, gk] = dims2(g, 'The upstream gradient g');
  if (gn !== n || gk !== k) throw new RangeError(`The upstream gradient has shape [${gn}, ${gk}] but p has [${n}, ${k}].`);
  const dz = tensor([n, k]);
  for (let r = 0; r < n; r++) {
    let dot = 0;
    for (let i = 0; i < k; i++) dot += (g.data[r * k + i] ?? 0) * (p.data[r * k + i] ?? 0);
    for (let j = 0; j < k; j++) dz.data[r * k + j] = (p.data[r * k + j] ?? 0) * ((g.data[r * k + j] ?? 0) - dot);
  }
  return dz;
}

/**
 * The textbook softmax pⱼ = exp zⱼ / Σₖ exp zₖ computed as written, in float32
 * (every intermediate rounded with Math.fround), WITHOUT subtracting the maximum.
 * For logits above ln(FLT_MAX) ≈ 88.72 the exponential overflows to ∞ and the
 * quotient ∞/∞ is NaN: this is what the log-sum-exp form (Eq. lse) prevents.
 */
export function naiveSoftmaxF32(z: readonly number[]): number[] {
  const e = z.map((v) => Math.fround(Math.exp(Math.fround(v))));
  const sum = e.reduce((a, b) => Math.fround(a + b), 0);
  return e.map((v) => Math.fround(v / sum));
}

/**
 * The smallest value the cross-entropy can take when its "logits" are already
 * probabilities p ∈ [0, 1]^K (softmax applied twice): reached at p = one-hot(t),
 *
 *   min CE(p, t) = ln(e + K − 1) − 1                                          (Eq. double-softmax-floor)
 *
 * because CE(p, t) = ln Σₖ exp pₖ − p_t and p_t ≤ 1.
 */
export function doubleSoftmaxFloor(classes: number): number {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`The number of classes must be a positive integer, not ${classes}.`);
  return Math.log(Math.E + classes - 1) - 1;
}
