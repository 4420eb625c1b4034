/**
 * What the book's chapters (content/chapters, content/pages/lab.mdx) read from the
 * engine at build time. Code imports from the engine's own modules: the model
 * (./model-config.ts), the settings (./settings.ts) and the worker's messages
 * (./messages.ts); this file only keeps the chapters' imports working until they
 * name those modules too.
 */
export { defaultTrunk, libraryParamCount, modelLayerSpecs } from './model-config';
export { defaultSettings, MNIST_TEST_SIZE, MNIST_TRAIN_SIZE, MNIST_VAL_SIZE } from './settings';
