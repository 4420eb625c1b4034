/**
 * The tensor type of the reference implementations: a shape and a flat
 * Float32Array in row-major (C) order, batch first, NCHW for images — the layout
 * of a contiguous PyTorch tensor. Element [n, c, h, w] of an [N, C, H, W] tensor
 * sits at offset ((n·C + c)·H + h)·W + w.
 *
 * The reference code favours clarity over speed: plain loops, no views, no
 * broadcasting. Values are stored as float32 (like the networks in the book) but
 * every sum is accumulated in a JavaScript number (float64) before storing.
 */

import { formatShape, numel } from '../shapes';
import { LayerError } from '../types';
import type { Rng } from '../rng';

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * A tensor of the given shape. `values` (copied, converted to float32) must have
 * ∏ shape elements; without it the tensor is all zeros.
 */
export function tensor(shape: readonly number[], values?: ArrayLike<number>): Tensor {
  const n = numel(shape);
  if (values !== undefined && values.length !== n) {
    throw new LayerError(
      'invalid-argument',
      `A tensor of shape ${formatShape(shape)} needs ${n} values, but ${values.length} were given.`,
      { expected: n, actual: values.length },
    );
  }
  const data = new Float32Array(n);
  if (values !== undefined) data.set(values);
  return { shape: [...shape], data };
}

/** An all-zero tensor of the given shape. */
export function zeros(shape: readonly number[]): Tensor {
  return tensor(shape);
}

/** A tensor of independent N(mean, std²) values drawn from `rng`. */
export function randomNormal(shape: readonly number[], rng: Rng, mean = 0, std = 1): Tensor {
  return { shape: [...shape], data: rng.normalArray(numel(shape), mean, std) };
}

/** The flat offset of a multi-index: Σᵢ idx[i] · ∏_{j>i} shape[j] (row-major). */
export function offset(shape: readonly number[], idx: readonly number[]): number {
  let o = 0;
  for (let i = 0; i < shape.length; i++) o = o * (shape[i] ?? 1) + (idx[i] ?? 0);
  return o;
}

/** Throws `LayerError('invalid-argument')` unless `t` has exactly `shape`. */
export function expectShape(t: Tensor, shape: readonly number[], what: string): void {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new LayerError('invalid-argument', `${what} must have shape ${formatShape(shape)}, but has ${formatShape(t.shape)}.`, {
      expected: formatShape(shape),
      actual: formatShape(t.shape),
    });
  }
}

/** Throws `LayerError('rank-mismatch')` unless `t` has the given rank. */
export function expectRank(t: Tensor, rank: number, what: string): void {
  if (t.shape.length !== rank) {
    throw new LayerError('rank-mismatch', `${what} must be ${rank}-D, but has shape ${formatShape(t.shape)}.`, {
      expectedRank: rank,
      actualRank: t.shape.length,
    });
  }
}

/** The dimensions of a rank-checked tensor as numbers (for destructuring). */
export function dims4(t: Tensor, what: string): [number, number, number, number] {
  expectRank(t, 4, what);
  return [t.shape[0] ?? 0, t.shape[1] ?? 0, t.shape[2] ?? 0, t.shape[3] ?? 0];
}

/** The dimensions of a rank-2 tensor. */
export function dims2(t: Tensor, what: string): [number, number] {
  expectRank(t, 2, what);
  return [t.shape[0] ?? 0, t.shape[1] ?? 0];
}
