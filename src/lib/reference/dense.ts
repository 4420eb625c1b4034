/**
 * The fully connected (dense, Linear) layer, forward and backward, on a batch.
 *
 * Shapes follow PyTorch's nn.Linear: input x is [N, in], weight W is [out, in],
 * bias b is [out], output y is [N, out]. For one sample x (a column vector) the
 * layer computes y = W x + b; for the batch, y = X Wᵀ + b with b added to every row.
 */

import { outputShape } from '../layers';
import { LayerError } from '../types';
import { dims2, expectShape, tensor, type Tensor } from './tensor';

/**
 * Forward pass of a dense layer:
 *
 *   y[n, o] = Σᵢ W[o, i] · x[n, i] + b[o]                              (Eq. dense)
 *
 * i.e. y = W x + b for every sample. `b` may be null (bias=False).
 */
export function denseForward(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const [nBatch, inF] = dims2(x, 'The dense input x');
  const [outF, wIn] = dims2(w, 'The dense weight W');
  // Validates the input against the layer exactly as the shape library does.
  outputShape({ kind: 'Linear', inFeatures: wIn, outFeatures: outF, bias: b !== null }, x.shape);
  if (b !== null) expectShape(b, [outF], 'The dense bias b');
  const y = tensor([nBatch, outF]);
  for (let n = 0; n < nBatch; n++) {
    for (let o = 0; o < outF; o++) {
      let sum = b === null ? 0 : (b.data[o] ?? 0);
      for (let i = 0; i < inF; i++) sum += (w.data[o * inF + i] ?? 0) * (x.data[n * inF + i] ?? 0);
      y.data[n * outF + o] = sum;
    }
  }
  return y;
}

/**
 * Backward pass of a dense layer, given the upstream gradient dy = ∂L/∂y [N, out]:
 *
 *   ∂L/∂W = dyᵀ x,   dW[o, i] = Σₙ dy[n, o] · x[n, i]                     (Eq. dense-dW)
 *   ∂L/∂b = Σₙ dy[n, :]                                                    (Eq. dense-db)
 *   ∂L/∂x = dy W,    dx[n, i] = Σₒ dy[n, o] · W[o, i]                      (Eq. dense-dx)
 */
export function denseBackward(x: Tensor, w: Tensor, dy: Tensor): { dx: Tensor; dw: Tensor; db: Tensor } {
  const [nBatch, inF] = dims2(x, 'The dense input x');
  const [outF, wIn] = dims2(w, 'The dense weight W');
  if (wIn !== inF) {
    throw new LayerError('in-features-mismatch', `The dense weight has ${wIn} input features but x has ${inF}.`, {
      expected: wIn,
      actual: inF,
    });
  }
  expectShape(dy, [nBatch, outF], 'The upstream gradient dy');
  const dx = tensor([nBatch, inF]);
  const dw = tensor([outF, inF]);
  const db = tensor([outF]);
  for (let o = 0; o < outF; o++) {
    let sumB = 0;
    for (let n = 0; n < nBatch; n++) sumB += dy.data[n * outF + o] ?? 0;
    db.data[o] = sumB;
    for (let i = 0; i < inF; i++) {
      let sumW = 0;
      for (let n = 0; n < nBatch; n++) sumW += (dy.data[n * outF + o] ?? 0) * (x.data[n * inF + i] ?? 0);
      dw.data[o * inF + i] = sumW;
    }
  }
  for (let n = 0; n < nBatch; n++) {
    for (let i = 0; i < inF; i++) {
      let sumX = 0;
      for (let o = 0; o < outF; o++) sumX += (dy.data[n * outF + o] ?? 0) * (w.data[o * inF + i] ?? 0);
      dx.data[n * inF + i] = sumX;
    }
  }
  return { dx, dw, db };
}
