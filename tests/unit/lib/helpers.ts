/**
 * Test helpers: a LayerError matcher. (The LayerSpec factories and `runSequence` the
 * tests use are the library's own: src/lib/specs.ts and src/lib/sequence.ts.)
 */
import { expect } from 'vitest';
import type { LayerErrorCode } from '../../../src/lib/types';
import { LayerError } from '../../../src/lib/types';

/** Runs `fn`, asserts it throws a LayerError with `code`, and returns the error. */
export function expectLayerError(fn: () => unknown, code: LayerErrorCode): LayerError {
  let caught: unknown = undefined;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a LayerError to be thrown').toBeInstanceOf(LayerError);
  const err = caught as LayerError;
  expect(err.code, err.message).toBe(code);
  // Messages are complete sentences.
  expect(err.message).toMatch(/[.)"]$/);
  return err;
}
