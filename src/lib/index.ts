/** The layer library: pure TypeScript, no DOM, no TensorFlow.js. */
export * from './types';
export { outputShape, paramCount, macs } from './layers';
export * from './shapes';
export * from './specs';
export { runSequence, type SequenceResult } from './sequence';
export { Rng, createRng } from './rng';
export * from './reference/index';
