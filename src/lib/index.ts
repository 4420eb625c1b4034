/** The layer library: pure TypeScript, no DOM, no TensorFlow.js. */
export * from './types';
export { outputShape, paramCount, macs } from './layers';
export * from './shapes';
export { Rng, createRng } from './rng';
export * from './reference/index';
