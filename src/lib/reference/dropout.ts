/**
 * Dropout ("inverted" dropout, as in PyTorch), forward and backward.
 *
 * In training each element is kept with probability 1 − p and the kept ones are
 * scaled by 1/(1 − p), so the expected output equals the input and evaluation
 * needs no rescaling. In evaluation dropout is the identity.
 */

import { outputShape } from '../layers';
import type { Rng } from '../rng';
import { tensor, type Tensor } from './tensor';

/** What the backward pass needs from the forward pass. */
export interface DropoutMask {
  /** 1 where the element was kept, 0 where it was dropped. */
  readonly mask: Uint8Array;
  /** The factor applied to kept elements: 1/(1 − p) in training (0 if p = 1), 1 in evaluation. */
  readonly scale: number;
}

/**
 * Dropout forward. With mᵢ ~ Bernoulli(1 − p) drawn from `rng` in element order:
 *
 *   yᵢ = xᵢ · mᵢ / (1 − p)                                                  (Eq. dropout)
 *
 * When p = 1 every mᵢ is 0 and y = 0 (PyTorch's result). With `training = false`
 * y = x and no random numbers are drawn.
 */
export function dropoutForward(x: Tensor, p: number, rng: Rng, training = true): { y: Tensor } & DropoutMask {
  outputShape({ kind: 'Dropout', p }, x.shape); // validates 0 ≤ p ≤ 1
  const n = x.data.length;
  const mask = new Uint8Array(n);
  if (!training) {
    mask.fill(1);
    return { y: tensor(x.shape, x.data), mask, scale: 1 };
  }
  const scale = p < 1 ? 1 / (1 - p) : 0;
  const y = tensor(x.shape);
  for (let i = 0; i < n; i++) {
    const keep = rng.bernoulli(1 - p);
    mask[i] = keep ? 1 : 0;
    y.data[i] = keep ? (x.data[i] ?? 0) * scale : 0;
  }
  return { y, mask, scale };
}

/**
 * Dropout backward: the gradient passes through the kept elements with the same
 * scale and is zero at dropped ones,
 *
 *   ∂L/∂xᵢ = dyᵢ · mᵢ · scale                                               (Eq. dropout-dx)
 */
export function dropoutBackward(dy: Tensor, forward: DropoutMask): Tensor {
  const dx = tensor(dy.shape);
  for (let i = 0; i < dx.data.length; i++) {
    dx.data[i] = forward.mask[i] === 1 ? (dy.data[i] ?? 0) * forward.scale : 0;
  }
  return dx;
}
