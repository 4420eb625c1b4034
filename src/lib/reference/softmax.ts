/**
 * Softmax, log-softmax and the softmax cross-entropy loss with its gradient.
 * Softmax acts on the last dimension (the classes). All sums are done in float64
 * with the log-sum-exp trick, so large logits neither overflow nor underflow.
 */

import { formatShape } from '../shapes';
import { LayerError } from '../types';
import { dims2, expectRank, tensor, type Tensor } from './tensor';

/**
 * Numerically stable log-sum-exp of row `row` (length k) of `data`:
 *
 *   lse(z) = m + ln Σⱼ exp(zⱼ − m),  m = maxⱼ zⱼ                              (Eq. lse)
 *
 * Subtracting m makes the largest term exp(0) = 1, so the sum is in [1, k].
 */
function logSumExp(data: Float32Array, row: number, k: number): number {
  let m = -Infinity;
  for (let j = 0; j < k; j++) m = Math.max(m, data[row * k + j] ?? 0);
  if (m === -Infinity) return -Infinity;
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp((data[row * k + j] ?? 0) - m);
  return m + Math.log(sum);
}

/** Applies `f(z, lse)` to every element, rows being the last dimension. */
function mapRows(x: Tensor, f: (z: number, lse: number) => number): Tensor {
  if (x.shape.length === 0) expectRank(x, 1, 'The softmax input');
  const k = x.shape[x.shape.length - 1] ?? 1;
  const rows = x.data.length / k;
  const y = tensor(x.shape);
  for (let r = 0; r < rows; r++) {
    const lse = logSumExp(x.data, r, k);
    for (let j = 0; j < k; j++) y.data[r * k + j] = f(x.data[r * k + j] ?? 0, lse);
  }
  return y;
}

/** Softmax over the last dimension: pⱼ = exp(zⱼ − lse(z))  (= exp zⱼ / Σₖ exp zₖ)   (Eq. softmax) */
export function softmax(x: Tensor): Tensor {
  return mapRows(x, (z, lse) => Math.exp(z - lse));
}

/** Log-softmax over the last dimension: log pⱼ = zⱼ − lse(z)                   (Eq. log-softmax) */
export function logSoftmax(x: Tensor): Tensor {
  return mapRows(x, (z, lse) => z - lse);
}

/**
 * Softmax cross-entropy of logits z [N, K] against class indices tₙ ∈ [0, K),
 * PyTorch's `F.cross_entropy(z, t, reduction)`:
 *
 *   ℓₙ = −log p_{n, tₙ} = lse(zₙ) − z_{n, tₙ}                                  (Eq. ce)
 *   loss = (1/N) Σₙ ℓₙ ('mean')  or  Σₙ ℓₙ ('sum')
 *   ∂loss/∂z_{n, j} = (p_{n, j} − [j = tₙ]) / N  ('mean'; without /N for 'sum')   (Eq. ce-grad)
 *
 * Returns the loss (a float64 number), the probabilities p and the gradient.
 */
export function softmaxCrossEntropy(
  logits: Tensor,
  targets: ArrayLike<number>,
  reduction: 'mean' | 'sum' = 'mean',
): { loss: number; probs: Tensor; dlogits: Tensor } {
  const [n, k] = dims2(logits, 'The logits');
  if (targets.length !== n) {
    throw new LayerError(
      'invalid-argument',
      `cross-entropy needs one target per sample: the logits ${formatShape(logits.shape)} have ${n} rows but ${targets.length} targets were given.`,
      { expected: n, actual: targets.length },
    );
  }
  const probs = tensor([n, k]);
  const dlogits = tensor([n, k]);
  const divisor = reduction === 'mean' ? n : 1;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const t = targets[r] ?? -1;
    if (!Number.isInteger(t) || t < 0 || t >= k) {
      throw new LayerError('invalid-argument', `Target ${t} of sample ${r} is not a class index in [0, ${k}).`, { target: t, classes: k });
    }
    const lse = logSumExp(logits.data, r, k);
    total += lse - (logits.data[r * k + t] ?? 0);
    for (let j = 0; j < k; j++) {
      const p = Math.exp((logits.data[r * k + j] ?? 0) - lse);
      probs.data[r * k + j] = p;
      dlogits.data[r * k + j] = (p - (j === t ? 1 : 0)) / divisor;
    }
  }
  return { loss: total / divisor, probs, dlogits };
}
