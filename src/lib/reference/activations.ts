/** The ReLU activation, forward and backward (elementwise, any shape). */

import { expectShape, tensor, type Tensor } from './tensor';

/** ReLU forward: yᵢ = max(0, xᵢ)                                            (Eq. relu) */
export function reluForward(x: Tensor): Tensor {
  const y = tensor(x.shape);
  for (let i = 0; i < y.data.length; i++) y.data[i] = Math.max(0, x.data[i] ?? 0);
  return y;
}

/**
 * ReLU backward: ∂L/∂xᵢ = dyᵢ · [xᵢ > 0] (the subgradient 0 is used at xᵢ = 0,
 * as PyTorch does)                                                          (Eq. relu-dx)
 */
export function reluBackward(x: Tensor, dy: Tensor): Tensor {
  expectShape(dy, x.shape, 'The upstream gradient dy');
  const dx = tensor(x.shape);
  for (let i = 0; i < dx.data.length; i++) dx.data[i] = (x.data[i] ?? 0) > 0 ? (dy.data[i] ?? 0) : 0;
  return dx;
}
