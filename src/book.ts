/** Facts about the book as a whole, from one place: package.json. */
import pkg from '../package.json';

export const book = {
  title: 'Fully Connected',
  subtitle: 'An interactive textbook on the dense layers of convolutional neural networks',
  version: pkg.version,
  authors: [{ family: 'Fully Connected contributors', given: '' }],
  year: 2026,
  license: 'CC BY-SA 4.0',
} as const;
