/**
 * Flatten, forward and backward. A contiguous row-major tensor keeps its data
 * order when reshaped, so flattening only changes the shape:
 * [N, C, H, W] → [N, C·H·W], element (c, h, w) landing at feature (c·H + h)·W + w.
 */

import { outputShape } from '../layers';
import { formatShape, numel } from '../shapes';
import { LayerError } from '../types';
import { tensor, type Tensor } from './tensor';

/**
 * Flatten forward (PyTorch `torch.flatten(x, startDim, endDim)`): dims
 * startDim … endDim merge into one of size ∏ of their sizes; data unchanged:
 *
 *   y.data = x.data,  y.shape = outputShape(Flatten(startDim, endDim), x.shape)   (Eq. flatten)
 */
export function flattenForward(x: Tensor, startDim = 1, endDim = -1): Tensor {
  return tensor(outputShape({ kind: 'Flatten', startDim, endDim }, x.shape), x.data);
}

/**
 * Flatten backward: the gradient is reshaped back, ∂L/∂x = reshape(dy, x.shape)   (Eq. flatten-dx)
 */
export function flattenBackward(dy: Tensor, xShape: readonly number[]): Tensor {
  if (numel(dy.shape) !== numel(xShape)) {
    throw new LayerError(
      'invalid-argument',
      `Cannot reshape a gradient of shape ${formatShape(dy.shape)} back to ${formatShape(xShape)}: the element counts differ.`,
    );
  }
  return tensor(xShape, dy.data);
}
