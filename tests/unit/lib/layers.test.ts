/**
 * outputShape / paramCount / macs, layer by layer. Expected values are worked
 * out by hand from PyTorch's documented formulas (arithmetic in the comments).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { macs, outputShape, paramCount } from '../../../src/lib/layers';
import type { LayerSpec } from '../../../src/lib/types';
import { LayerError } from '../../../src/lib/types';
import { adaptiveAvg, avgPool2d, bn1d, bn2d, conv2d, dropout, flatten, linear, maxPool2d, relu } from '../../../src/lib/specs';
import { expectLayerError } from './helpers';

describe('Conv2d', () => {
  it('computes output shapes', () => {
    expect(outputShape(conv2d(3, 16, 3, { padding: 1 }), [2, 3, 32, 32])).toEqual([2, 16, 32, 32]);
    expect(outputShape(conv2d(3, 16, 3, { stride: 2, padding: 1 }), [2, 3, 32, 32])).toEqual([2, 16, 16, 16]); // ⌊31/2⌋ + 1
    expect(outputShape(conv2d(1, 6, 5), [1, 1, 32, 32])).toEqual([1, 6, 28, 28]);
    expect(outputShape(conv2d(1, 2, 3, { padding: 'valid' }), [1, 1, 5, 7])).toEqual([1, 2, 3, 5]);
    expect(outputShape(conv2d(1, 1, [3, 1], { padding: [1, 0] }), [1, 1, 5, 5])).toEqual([1, 1, 5, 5]);
    expect(outputShape(conv2d(1, 1, [1, 3], { stride: [1, 2] }), [1, 1, 5, 9])).toEqual([1, 1, 5, 4]); // ⌊6/2⌋ + 1
  });

  it("'same' keeps H and W, even for an even kernel (asymmetric padding)", () => {
    expect(outputShape(conv2d(1, 2, 4, { padding: 'same' }), [1, 1, 7, 9])).toEqual([1, 2, 7, 9]);
    expect(outputShape(conv2d(1, 2, 3, { padding: 'same', dilation: 2 }), [1, 1, 6, 6])).toEqual([1, 2, 6, 6]);
    expect(outputShape(conv2d(1, 2, [2, 5], { padding: 'same' }), [1, 1, 1, 3])).toEqual([1, 2, 1, 3]);
  });

  it("rejects 'same' with a stride, like PyTorch", () => {
    const e = expectLayerError(() => outputShape(conv2d(1, 2, 3, { padding: 'same', stride: 2 }), [1, 1, 8, 8]), 'invalid-argument');
    expect(e.message).toContain("padding='same' is not supported for strided convolutions");
    expect(e.message).toContain('padding=(1, 1)'); // the suggested fix
  });

  it('applies dilation', () => {
    // k_eff = 2·(3 − 1) + 1 = 5: 7 − 5 + 1 = 3
    expect(outputShape(conv2d(1, 1, 3, { dilation: 2 }), [1, 1, 7, 7])).toEqual([1, 1, 3, 3]);
    // k_eff = 3·2 + 1 = 7 > 6
    expectLayerError(() => outputShape(conv2d(1, 1, 3, { dilation: 3 }), [1, 1, 6, 6]), 'kernel-too-large');
  });

  it('checks channels', () => {
    const e = expectLayerError(() => outputShape(conv2d(16, 8, 3), [1, 32, 8, 8]), 'channel-mismatch');
    expect(e.message).toContain('Conv2d expects 16 input channels but receives 32 (from the previous layer');
    expect(e.details).toMatchObject({ expected: 16, actual: 32 });
  });

  it('checks groups', () => {
    expect(outputShape(conv2d(4, 8, 3, { groups: 2 }), [1, 4, 5, 5])).toEqual([1, 8, 3, 3]);
    expectLayerError(() => outputShape(conv2d(6, 8, 3, { groups: 4 }), [1, 6, 5, 5]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(4, 6, 3, { groups: 4 }), [1, 4, 5, 5]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(null, 6, 3, { groups: 2 }), [1, 5, 5, 5]), 'invalid-argument');
    expectLayerError(() => paramCount(conv2d(null, 6, 3, { groups: 2 }), [1, 5, 5, 5]), 'invalid-argument');
  });

  it('requires a 4-D input', () => {
    const e = expectLayerError(() => outputShape(conv2d(1, 1, 3), [1, 400]), 'rank-mismatch');
    expect(e.message).toContain('[1, 400]');
    expectLayerError(() => outputShape(conv2d(1, 1, 3), [1, 1, 8]), 'rank-mismatch');
  });

  it('rejects a kernel larger than the padded input and names the sizes', () => {
    const e = expectLayerError(() => outputShape(conv2d(1, 1, 5), [1, 1, 4, 4]), 'kernel-too-large');
    expect(e.message).toContain('5×5');
    expect(e.message).toContain('4×4');
    // padding 1 makes the padded input 6×6 ≥ 5: (4 + 2 − 5) + 1 = 2
    expect(outputShape(conv2d(1, 1, 5, { padding: 1 }), [1, 1, 4, 4])).toEqual([1, 1, 2, 2]);
    // Only one axis too small
    expectLayerError(() => outputShape(conv2d(1, 1, [3, 9]), [1, 1, 8, 8]), 'kernel-too-large');
  });

  it('rejects invalid arguments', () => {
    expectLayerError(() => outputShape(conv2d(1, 1, 0), [1, 1, 4, 4]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(1, 1, 3, { stride: 0 }), [1, 1, 4, 4]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(1, 1, 3, { padding: -1 }), [1, 1, 4, 4]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(1, 1, 3, { dilation: 0 }), [1, 1, 4, 4]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(1, 0, 3), [1, 1, 4, 4]), 'invalid-argument');
    expectLayerError(() => outputShape(conv2d(1, 1.5, 3), [1, 1, 4, 4]), 'invalid-argument');
  });

  it('counts parameters: out·(in/groups)·kh·kw + out', () => {
    expect(paramCount(conv2d(3, 16, 3), [1, 3, 8, 8])).toEqual({ weight: 432, bias: 16, trainable: 448, buffers: 0 }); // 16·3·9
    expect(paramCount(conv2d(3, 16, 3, { bias: false }), [1, 3, 8, 8])).toEqual({ weight: 432, bias: 0, trainable: 432, buffers: 0 });
    expect(paramCount(conv2d(4, 8, 3, { groups: 2 }), [1, 4, 8, 8]).trainable).toBe(152); // 8·2·9 + 8
    expect(paramCount(conv2d(4, 4, 3, { groups: 4 }), [1, 4, 8, 8]).trainable).toBe(40); // depthwise: 4·1·9 + 4
    expect(paramCount(conv2d(2, 3, [2, 5]), [1, 2, 8, 8]).weight).toBe(60); // 3·2·2·5
  });

  it('resolves LazyConv2d from the input', () => {
    // LazyConv2d(8, 3) on 5 channels: 8·5·9 + 8 = 368
    expect(paramCount(conv2d(null, 8, 3), [1, 5, 10, 10]).trainable).toBe(368);
    expect(outputShape(conv2d(null, 8, 3), [1, 5, 10, 10])).toEqual([1, 8, 8, 8]);
    expect(macs(conv2d(null, 8, 3), [1, 5, 10, 10], [1, 8, 8, 8])).toBe(8 * 8 * 8 * (9 * 5));
    expectLayerError(() => paramCount(conv2d(null, 8, 3), [1, 5]), 'rank-mismatch');
  });

  it('counts MACs: out_elements · (kh·kw·Cin/groups), per sample', () => {
    // 16·32·32 outputs, each 3·3·3 = 27 MACs
    expect(macs(conv2d(3, 16, 3, { padding: 1 }), [1, 3, 32, 32], [1, 16, 32, 32])).toBe(16 * 32 * 32 * 27);
    // per sample: batch 4 gives the same count
    expect(macs(conv2d(3, 16, 3, { padding: 1 }), [4, 3, 32, 32], [4, 16, 32, 32])).toBe(442368);
    // groups 2: 8·5·5 outputs × 3·3·(4/2)
    expect(macs(conv2d(4, 8, 3, { padding: 1, groups: 2 }), [1, 4, 5, 5], [1, 8, 5, 5])).toBe(3600);
  });
});

describe('MaxPool2d', () => {
  it('computes output shapes', () => {
    expect(outputShape(maxPool2d(2), [1, 3, 32, 32])).toEqual([1, 3, 16, 16]);
    expect(outputShape(maxPool2d(3, { stride: 2 }), [1, 64, 55, 55])).toEqual([1, 64, 27, 27]);
    expect(outputShape(maxPool2d([2, 3], { stride: [2, 1] }), [1, 1, 6, 6])).toEqual([1, 1, 3, 4]); // ⌊4/2⌋+1, ⌊3/1⌋+1
    expect(outputShape(maxPool2d(3, { stride: 1, dilation: 2, padding: 1 }), [1, 1, 10, 10])).toEqual([1, 1, 8, 8]); // 10 + 2 − 5 + 1
  });

  it('ceil_mode: k=2, s=2 on 5 gives 3; k=3, s=2, p=1 on 4 gives 3', () => {
    expect(outputShape(maxPool2d(2, { ceilMode: true }), [1, 1, 5, 5])).toEqual([1, 1, 3, 3]);
    expect(outputShape(maxPool2d(2), [1, 1, 5, 5])).toEqual([1, 1, 2, 2]);
    expect(outputShape(maxPool2d(3, { stride: 2, padding: 1, ceilMode: true }), [1, 1, 4, 4])).toEqual([1, 1, 3, 3]);
    expect(outputShape(maxPool2d(3, { stride: 2, padding: 1 }), [1, 1, 4, 4])).toEqual([1, 1, 2, 2]);
    // last window would start in the padding: 3 → 2
    expect(outputShape(maxPool2d(2, { stride: 2, padding: 1, ceilMode: true }), [1, 1, 3, 3])).toEqual([1, 1, 2, 2]);
  });

  it('padding must be at most half the kernel, whatever the dilation', () => {
    const e = expectLayerError(() => outputShape(maxPool2d(2, { padding: 2 }), [1, 1, 8, 8]), 'invalid-argument');
    expect(e.message).toContain('half');
    expect(e.message).toContain('pad should be at most half of kernel size, but got pad=2 and kernel_size=2');
    expectLayerError(() => outputShape(maxPool2d(3, { padding: 2 }), [1, 1, 8, 8]), 'invalid-argument'); // limit 1
    expect(outputShape(maxPool2d(3, { padding: 1 }), [1, 1, 8, 8])).toEqual([1, 1, 3, 3]); // ⌊(8 + 2 − 3)/3⌋ + 1
    // dilation 2 spreads the window to 5 cells but does not raise the limit (PyTorch refuses it)
    expectLayerError(() => outputShape(maxPool2d(3, { padding: 2, dilation: 2 }), [1, 1, 8, 8]), 'invalid-argument');
    expect(outputShape(maxPool2d(3, { padding: 1, dilation: 2 }), [1, 1, 8, 8])).toEqual([1, 1, 2, 2]); // ⌊(8 + 2 − 5)/3⌋ + 1
  });

  it('output shrinking to 0 is an error, unless ceil_mode keeps a partial window', () => {
    const e = expectLayerError(() => outputShape(maxPool2d(2), [1, 1, 1, 1]), 'kernel-too-large');
    expect(e.message).toContain('0×0');
    expect(outputShape(maxPool2d(2, { ceilMode: true }), [1, 1, 1, 1])).toEqual([1, 1, 1, 1]);
    expectLayerError(() => outputShape(maxPool2d(3, { stride: 2 }), [1, 1, 2, 2]), 'kernel-too-large');
    expect(outputShape(maxPool2d(3, { stride: 2, ceilMode: true }), [1, 1, 2, 2])).toEqual([1, 1, 1, 1]);
  });

  it('has no parameters and no MACs', () => {
    expect(paramCount(maxPool2d(2), [1, 1, 4, 4])).toEqual({ weight: 0, bias: 0, trainable: 0, buffers: 0 });
    expect(macs(maxPool2d(2), [1, 1, 4, 4], [1, 1, 2, 2])).toBe(0);
  });
});

describe('AvgPool2d', () => {
  it('computes output shapes with the same ceil rule', () => {
    expect(outputShape(avgPool2d(2), [1, 3, 8, 8])).toEqual([1, 3, 4, 4]);
    expect(outputShape(avgPool2d(3, { stride: 2, padding: 1 }), [1, 1, 7, 7])).toEqual([1, 1, 4, 4]); // ⌊6/2⌋ + 1
    // 8: floor ⌊7/2⌋ + 1 = 4; ceil ⌊8/2⌋ + 1 = 5, (5 − 1)·2 = 8 < 9 kept
    expect(outputShape(avgPool2d(3, { stride: 2, padding: 1 }), [1, 1, 8, 8])).toEqual([1, 1, 4, 4]);
    expect(outputShape(avgPool2d(3, { stride: 2, padding: 1, ceilMode: true }), [1, 1, 8, 8])).toEqual([1, 1, 5, 5]);
  });

  it('padding must be at most k/2', () => {
    expectLayerError(() => outputShape(avgPool2d(2, { padding: 2 }), [1, 1, 8, 8]), 'invalid-argument');
    expectLayerError(() => outputShape(avgPool2d(3, { padding: 2 }), [1, 1, 8, 8]), 'invalid-argument');
    expect(outputShape(avgPool2d(2, { padding: 1 }), [1, 1, 8, 8])).toEqual([1, 1, 5, 5]); // ⌊8/2⌋ + 1
  });

  it('rejects a window larger than the input', () => {
    expectLayerError(() => outputShape(avgPool2d(5), [1, 1, 4, 4]), 'kernel-too-large');
  });
});

describe('adaptive and global pooling', () => {
  it('adaptive pooling sets the output size; null keeps the input size', () => {
    expect(outputShape(adaptiveAvg(6, 6), [1, 256, 13, 13])).toEqual([1, 256, 6, 6]);
    expect(outputShape(adaptiveAvg(null, 1), [1, 8, 5, 7])).toEqual([1, 8, 5, 1]);
    expect(outputShape({ kind: 'AdaptiveMaxPool2d', outputSize: [7, 7] }, [1, 8, 3, 3])).toEqual([1, 8, 7, 7]); // may grow
    expectLayerError(() => outputShape(adaptiveAvg(0, 1), [1, 8, 5, 7]), 'invalid-argument');
    expectLayerError(() => outputShape(adaptiveAvg(1, 1), [1, 8]), 'rank-mismatch');
  });

  it('global average pooling drops H and W', () => {
    expect(outputShape({ kind: 'GlobalAvgPool' }, [2, 512, 7, 7])).toEqual([2, 512]);
    expectLayerError(() => outputShape({ kind: 'GlobalAvgPool' }, [2, 512]), 'rank-mismatch');
  });
});

describe('Flatten and Unflatten', () => {
  it('flattens start_dim..end_dim, with negative dims', () => {
    expect(outputShape(flatten(), [2, 16, 5, 5])).toEqual([2, 400]);
    expect(outputShape(flatten(0), [2, 16, 5, 5])).toEqual([800]);
    expect(outputShape(flatten(2, 3), [2, 16, 5, 5])).toEqual([2, 16, 25]);
    expect(outputShape(flatten(-3, -2), [2, 16, 5, 5])).toEqual([2, 80, 5]);
    expect(outputShape(flatten(1, 1), [2, 16, 5, 5])).toEqual([2, 16, 5, 5]);
    expect(outputShape(flatten(), [2, 10])).toEqual([2, 10]);
  });

  it('rejects start_dim after end_dim and out-of-range dims', () => {
    expectLayerError(() => outputShape(flatten(2, 1), [2, 16, 5, 5]), 'invalid-argument');
    expectLayerError(() => outputShape(flatten(1, 4), [2, 16, 5, 5]), 'rank-mismatch');
    expectLayerError(() => outputShape(flatten(-5), [2, 16, 5, 5]), 'rank-mismatch');
    expectLayerError(() => outputShape(flatten(), [7]), 'rank-mismatch');
  });

  it('unflattens with one inferred −1', () => {
    expect(outputShape({ kind: 'Unflatten', dim: 1, sizes: [16, 5, 5] }, [2, 400])).toEqual([2, 16, 5, 5]);
    expect(outputShape({ kind: 'Unflatten', dim: 1, sizes: [-1, 5, 5] }, [2, 400])).toEqual([2, 16, 5, 5]);
    expect(outputShape({ kind: 'Unflatten', dim: -1, sizes: [2, -1] }, [3, 4, 6])).toEqual([3, 4, 2, 3]);
    expectLayerError(() => outputShape({ kind: 'Unflatten', dim: 1, sizes: [-1, -1] }, [2, 400]), 'invalid-argument');
    expectLayerError(() => outputShape({ kind: 'Unflatten', dim: 1, sizes: [3, -1] }, [2, 400]), 'invalid-argument');
    expectLayerError(() => outputShape({ kind: 'Unflatten', dim: 1, sizes: [16, 5, 4] }, [2, 400]), 'invalid-argument');
    expectLayerError(() => outputShape({ kind: 'Unflatten', dim: 1, sizes: [0, 5] }, [2, 400]), 'invalid-argument');
    expectLayerError(() => outputShape({ kind: 'Unflatten', dim: 2, sizes: [400] }, [2, 400]), 'rank-mismatch');
  });
});

describe('Linear', () => {
  it('maps the last dimension', () => {
    expect(outputShape(linear(400, 120), [8, 400])).toEqual([8, 120]);
    expect(outputShape(linear(16, 4), [2, 8, 16])).toEqual([2, 8, 4]);
  });

  it('reports in_features mismatches with expected/actual', () => {
    const e = expectLayerError(() => outputShape(linear(9216, 4096), [1, 4096]), 'in-features-mismatch');
    expect(e.details).toEqual({ expected: 9216, actual: 4096 });
    expect(e.message).toContain('Linear expects 9216 input features but receives 4096');
    expect(e.message).toContain('mat1 and mat2 shapes cannot be multiplied (1x4096 and 9216x4096)');
  });

  it('suggests a missing Flatten', () => {
    const e = expectLayerError(() => outputShape(linear(400, 120), [1, 16, 5, 5]), 'in-features-mismatch');
    expect(e.details).toEqual({ expected: 400, actual: 5 });
    expect(e.message).toContain('Flatten');
  });

  it('needs a batch dimension', () => {
    expectLayerError(() => outputShape(linear(10, 2), [10]), 'rank-mismatch');
  });

  it('counts in·out + out parameters and in·out MACs', () => {
    expect(paramCount(linear(400, 120), [1, 400])).toEqual({ weight: 48000, bias: 120, trainable: 48120, buffers: 0 });
    expect(paramCount(linear(400, 120, false), [1, 400]).trainable).toBe(48000);
    expect(macs(linear(400, 120), [5, 400], [5, 120])).toBe(48000);
    // [N, 8, 16] → [N, 8, 4]: 8 positions × 16·4
    expect(macs(linear(16, 4), [2, 8, 16], [2, 8, 4])).toBe(512);
  });

  it('resolves LazyLinear from the last dimension', () => {
    expect(outputShape(linear(null, 10), [3, 50])).toEqual([3, 10]);
    expect(paramCount(linear(null, 10), [3, 50]).trainable).toBe(510);
    expect(macs(linear(null, 10), [3, 50], [3, 10])).toBe(500);
  });
});

describe('BatchNorm', () => {
  it('keeps the shape and checks num_features', () => {
    expect(outputShape(bn2d(64), [2, 64, 8, 8])).toEqual([2, 64, 8, 8]);
    expect(outputShape(bn1d(10), [4, 10])).toEqual([4, 10]);
    expect(outputShape(bn1d(10), [4, 10, 7])).toEqual([4, 10, 7]);
    const e = expectLayerError(() => outputShape(bn2d(64), [1, 32, 8, 8]), 'batchnorm-mismatch');
    expect(e.details).toEqual({ expected: 64, actual: 32 });
    expectLayerError(() => outputShape(bn1d(10), [4, 12]), 'batchnorm-mismatch');
    expectLayerError(() => outputShape(bn1d(10), [4, 10, 7, 7]), 'rank-mismatch');
    expectLayerError(() => outputShape(bn2d(10), [4, 10, 7]), 'rank-mismatch');
  });

  it('counts γ and β as parameters and running stats as 2C + 1 buffers', () => {
    expect(paramCount(bn2d(64), [1, 64, 4, 4])).toEqual({ weight: 64, bias: 64, trainable: 128, buffers: 129 });
    expect(paramCount(bn2d(64, false), [1, 64, 4, 4])).toEqual({ weight: 0, bias: 0, trainable: 0, buffers: 129 });
    expect(paramCount(bn2d(64, true, false), [1, 64, 4, 4])).toEqual({ weight: 64, bias: 64, trainable: 128, buffers: 0 });
    expect(paramCount(bn1d(10), [4, 10]).buffers).toBe(21);
    expect(macs(bn2d(64), [1, 64, 4, 4], [1, 64, 4, 4])).toBe(0);
  });
});

describe('shape-preserving layers', () => {
  const x = [2, 3, 4, 5];
  it.each<[string, LayerSpec]>([
    ['Dropout', dropout(0.5)],
    ['Dropout(p=0)', dropout(0)],
    ['Dropout(p=1)', dropout(1)],
    ['Dropout2d', { kind: 'Dropout2d', p: 0.2 }],
    ['ReLU', relu()],
    ['GELU', relu('GELU')],
    ['Identity', { kind: 'Identity' }],
    ['Softmax(dim=1)', { kind: 'Softmax', dim: 1 }],
    ['LogSoftmax(dim=-1)', { kind: 'LogSoftmax', dim: -1 }],
    ['Softmax()', { kind: 'Softmax', dim: null }],
  ])('%s keeps the shape and has no parameters', (_, spec) => {
    expect(outputShape(spec, x)).toEqual(x);
    expect(paramCount(spec, x).trainable).toBe(0);
    expect(macs(spec, x, x)).toBe(0);
  });

  it('validates dropout p and softmax dim', () => {
    const e = expectLayerError(() => outputShape(dropout(1.5), x), 'invalid-argument');
    expect(e.message).toContain('between 0 and 1');
    expectLayerError(() => outputShape(dropout(-0.1), x), 'invalid-argument');
    expectLayerError(() => outputShape({ kind: 'Softmax', dim: 4 }, x), 'rank-mismatch');
  });
});

describe('input validation and unsafe integers', () => {
  it('rejects malformed input shapes', () => {
    expectLayerError(() => outputShape(relu(), [1, 0, 5, 5]), 'non-positive-size');
    expectLayerError(() => outputShape(relu(), [1, -3]), 'non-positive-size');
    expectLayerError(() => outputShape(relu(), [1, 2.5]), 'invalid-argument');
    expectLayerError(() => outputShape(relu(), []), 'rank-mismatch');
  });

  it('throws unsafe-integer beyond 2^53 − 1', () => {
    expectLayerError(() => outputShape(relu(), [1, 2 ** 60]), 'unsafe-integer');
    expectLayerError(() => outputShape(relu(), [2 ** 20, 2 ** 20, 2 ** 20]), 'unsafe-integer'); // 2^60 elements
    expectLayerError(() => outputShape(linear(4, 2 ** 60), [1, 4]), 'unsafe-integer');
    expectLayerError(() => paramCount(linear(2 ** 30, 2 ** 30), [1, 2 ** 30]), 'unsafe-integer'); // 2^60 weights
    // 2^26 · 2^26 · 9 = 9·2^52 > 2^53
    expectLayerError(() => paramCount(conv2d(2 ** 26, 2 ** 26, 3), [1, 2 ** 26, 3, 3]), 'unsafe-integer');
    // 2^40 weights are still exact
    expect(paramCount(linear(2 ** 20, 2 ** 20, false), [1, 2 ** 20]).trainable).toBe(2 ** 40);
    // MACs: 2^20 outputs · 3·3·2^31 channels = 9·2^51 > 2^53
    expectLayerError(() => macs(conv2d(2 ** 31, 1, 3, { padding: 1 }), [1, 2 ** 31, 1024, 1024], [1, 1, 1024, 1024]), 'unsafe-integer');
  });
});

describe('robustness', () => {
  const dim = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(0.5, Number.NaN, 2 ** 60));
  const pairArb = fc.tuple(dim, dim);
  const specArb: fc.Arbitrary<LayerSpec> = fc.oneof(
    fc.record({
      kind: fc.constant('Conv2d' as const),
      inChannels: fc.option(dim, { nil: null }),
      outChannels: dim,
      kernelSize: pairArb,
      stride: pairArb,
      padding: fc.oneof(pairArb, fc.constantFrom('same' as const, 'valid' as const)),
      dilation: pairArb,
      groups: dim,
      bias: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('MaxPool2d' as const),
      kernelSize: pairArb,
      stride: pairArb,
      padding: pairArb,
      dilation: pairArb,
      ceilMode: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('AvgPool2d' as const),
      kernelSize: pairArb,
      stride: pairArb,
      padding: pairArb,
      ceilMode: fc.boolean(),
      countIncludePad: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('Linear' as const), inFeatures: fc.option(dim, { nil: null }), outFeatures: dim, bias: fc.boolean() }),
    fc.record({ kind: fc.constant('Flatten' as const), startDim: dim, endDim: dim }),
    fc.record({ kind: fc.constant('Unflatten' as const), dim, sizes: fc.array(dim, { maxLength: 3 }) }),
    fc.record({
      kind: fc.constantFrom('BatchNorm1d' as const, 'BatchNorm2d' as const),
      numFeatures: dim,
      affine: fc.boolean(),
      trackRunningStats: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('AdaptiveAvgPool2d' as const),
      outputSize: fc.tuple(fc.option(dim, { nil: null }), fc.option(dim, { nil: null })),
    }),
    fc.record({ kind: fc.constant('Dropout' as const), p: fc.double({ min: -1, max: 2, noNaN: false }) }),
  );

  it('malformed specs from untyped callers still give a LayerError', () => {
    const broken = { kind: 'AdaptiveAvgPool2d' } as unknown as LayerSpec;
    expectLayerError(() => outputShape(broken, [1, 2, 3, 3]), 'invalid-argument');
    expectLayerError(() => outputShape({ kind: 'Conv3d' } as unknown as LayerSpec, [1, 2, 3, 3]), 'invalid-argument');
    expectLayerError(() => paramCount({ kind: 'Conv3d' } as unknown as LayerSpec, [1, 2, 3, 3]), 'invalid-argument');
  });

  it('outputShape returns positive integer shapes or throws only LayerError', () => {
    fc.assert(
      fc.property(specArb, fc.array(dim, { minLength: 0, maxLength: 5 }), (spec, input) => {
        let out: readonly number[];
        try {
          out = outputShape(spec, input);
        } catch (e) {
          expect(e).toBeInstanceOf(LayerError);
          expect((e as LayerError).message.length).toBeGreaterThan(20);
          return;
        }
        for (const d of out) expect(Number.isSafeInteger(d) && d >= 1).toBe(true);
        // A valid layer also has well-defined parameters and MACs.
        expect(Number.isSafeInteger(paramCount(spec, input).trainable)).toBe(true);
        expect(Number.isSafeInteger(macs(spec, input, out))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
