/** Reference forward/backward implementations on Float32Array tensors. */
export * from './tensor';
export * from './dense';
export * from './conv2d';
export * from './pool';
export * from './reshape';
export * from './dropout';
export * from './activations';
export * from './softmax';
