/** runSequence and the LayerSpec factories (src/lib/sequence.ts, src/lib/specs.ts). */
import { describe, expect, it } from 'vitest';
import { runSequence } from '../../../src/lib/sequence';
import { conv2d, flatten, globalAvgPool, linear, maxPool2d, relu } from '../../../src/lib/specs';
import { LayerError } from '../../../src/lib/types';

describe('runSequence', () => {
  it('chains shapes and sums parameters and MACs (the book’s CNN, hand counts in the comments)', () => {
    const trunk = [conv2d(1, 8, 5, { padding: 2 }), relu(), maxPool2d(2), conv2d(8, 16, 5, { padding: 2 }), relu(), maxPool2d(2)];
    const r = runSequence([...trunk, flatten(), linear(784, 10)], [1, 1, 28, 28]);
    // 28 → 14 → 7: 16·7·7 = 784 features.
    expect(r.shapes.map((s) => [...s])).toEqual([
      [1, 1, 28, 28],
      [1, 8, 28, 28],
      [1, 8, 28, 28],
      [1, 8, 14, 14],
      [1, 16, 14, 14],
      [1, 16, 14, 14],
      [1, 16, 7, 7],
      [1, 784],
      [1, 10],
    ]);
    expect(r.output).toEqual([1, 10]);
    // 8·25 + 8 = 208; 16·8·25 + 16 = 3,216; 784·10 + 10 = 7,850.
    expect(r.totalTrainable).toBe(208 + 3_216 + 7_850);
    // Conv MACs: 28·28·8·25 = 156,800 and 14·14·16·8·25 = 627,200; Linear 7,840.
    expect(r.totalMacs).toBe(156_800 + 627_200 + 7_840);
  });

  it('returns the input for no layers, and throws the library’s error for a layer that does not fit', () => {
    expect(runSequence([], [1, 3, 4, 4]).output).toEqual([1, 3, 4, 4]);
    expect(() => runSequence([globalAvgPool(), linear(4, 10)], [1, 3, 4, 4])).toThrow(LayerError);
  });
});

describe('LayerSpec factories', () => {
  it('fill in PyTorch’s defaults', () => {
    expect(conv2d(3, 16, 3)).toEqual({
      kind: 'Conv2d',
      inChannels: 3,
      outChannels: 16,
      kernelSize: [3, 3],
      stride: [1, 1],
      padding: [0, 0],
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    expect(maxPool2d(2)).toEqual({
      kind: 'MaxPool2d',
      kernelSize: [2, 2],
      stride: [2, 2],
      padding: [0, 0],
      dilation: [1, 1],
      ceilMode: false,
    });
    expect(linear(null, 10)).toEqual({ kind: 'Linear', inFeatures: null, outFeatures: 10, bias: true });
  });
});
