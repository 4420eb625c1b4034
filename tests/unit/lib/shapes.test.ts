/**
 * The raw formulas of src/lib/shapes.ts, each value worked out by hand from the
 * formula in the PyTorch / TensorFlow documentation (the arithmetic is in the
 * comment next to each case).
 */
import { describe, expect, it } from 'vitest';
import {
  adaptiveBinEnd,
  adaptiveBinStart,
  adaptivePoolBins,
  ceilDiv,
  checkedAdd,
  checkedMul,
  conv2dSamePadding,
  convOutputSize,
  effectiveKernelSize,
  floorDiv,
  formatShape,
  poolPaddingLimit,
  numel,
  poolOutputSize,
  resolveConv2dPadding,
  tfConvOutputSize,
  tfPoolOutputSize,
  tfSamePadding,
} from '../../../src/lib/shapes';
import { expectLayerError } from './helpers';

describe('integer helpers', () => {
  it('floorDiv rounds toward −∞ and ceilDiv toward +∞', () => {
    expect(floorDiv(7, 2)).toBe(3);
    expect(floorDiv(-1, 2)).toBe(-1); // C++ '/' would give 0
    expect(floorDiv(-3, 2)).toBe(-2);
    expect(floorDiv(-4, 2)).toBe(-2);
    expect(ceilDiv(7, 2)).toBe(4);
    expect(ceilDiv(6, 2)).toBe(3);
    expect(ceilDiv(-1, 2)).toBe(0);
    // 2^53 − 1 = 9007199254740991 = 3 · 3002399751580330 + 1
    expect(floorDiv(Number.MAX_SAFE_INTEGER, 3)).toBe(3002399751580330);
  });

  it('checked arithmetic throws unsafe-integer beyond 2^53 − 1', () => {
    expect(checkedMul(2 ** 26, 2 ** 26)).toBe(2 ** 52);
    expectLayerError(() => checkedMul(2 ** 30, 2 ** 30), 'unsafe-integer');
    expect(checkedAdd(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expectLayerError(() => checkedAdd(Number.MAX_SAFE_INTEGER, 1), 'unsafe-integer');
    expect(numel([2, 3, 4])).toBe(24);
    expect(numel([])).toBe(1);
    expectLayerError(() => numel([2 ** 20, 2 ** 20, 2 ** 20]), 'unsafe-integer');
  });

  it('formats shapes like PyTorch lists', () => {
    expect(formatShape([1, 3, 224, 224])).toBe('[1, 3, 224, 224]');
  });
});

describe('PyTorch convolution size (Eq. conv)', () => {
  it('matches hand-computed sizes', () => {
    expect(convOutputSize(32, 5, 1, 0, 0, 1)).toBe(28); // (32 − 4 − 1)/1 + 1
    expect(convOutputSize(224, 11, 4, 2, 2, 1)).toBe(55); // ⌊(224 + 4 − 10 − 1)/4⌋ + 1 = ⌊217/4⌋ + 1 = 54 + 1
    expect(convOutputSize(27, 5, 1, 2, 2, 1)).toBe(27); // 27 + 4 − 4 − 1 + 1
    expect(convOutputSize(7, 3, 2, 0, 0, 1)).toBe(3); // ⌊4/2⌋ + 1
    expect(convOutputSize(8, 3, 2, 0, 0, 1)).toBe(3); // ⌊5/2⌋ + 1
    expect(convOutputSize(8, 3, 2, 1, 1, 1)).toBe(4); // ⌊7/2⌋ + 1
    expect(convOutputSize(10, 3, 1, 0, 0, 2)).toBe(6); // k_eff = 5 → 10 − 5 + 1
    expect(convOutputSize(7, 4, 1, 1, 2, 1)).toBe(7); // asymmetric 'same' padding for k = 4
  });

  it('goes to zero or below when the kernel is larger than the padded input', () => {
    expect(convOutputSize(3, 5, 1, 0, 0, 1)).toBe(-1); // ⌊−2/1⌋ + 1
    expect(convOutputSize(3, 5, 2, 0, 0, 1)).toBe(0); // ⌊−2/2⌋ + 1
    expect(convOutputSize(3, 6, 2, 0, 0, 1)).toBe(-1); // ⌊−3/2⌋ + 1 = −2 + 1
  });

  it('effective kernel size is d·(k − 1) + 1', () => {
    expect(effectiveKernelSize(3, 1)).toBe(3);
    expect(effectiveKernelSize(3, 2)).toBe(5);
    expect(effectiveKernelSize(5, 3)).toBe(13);
    expect(effectiveKernelSize(1, 7)).toBe(1);
  });
});

describe("PyTorch padding='same'", () => {
  it('puts the odd extra row/column at the bottom/right', () => {
    expect(conv2dSamePadding([3, 3], [1, 1])).toEqual([1, 1, 1, 1]);
    expect(conv2dSamePadding([4, 3], [1, 1])).toEqual([1, 2, 1, 1]); // total 3 = 1 + 2
    expect(conv2dSamePadding([2, 2], [3, 1])).toEqual([1, 2, 0, 1]); // totals 3 and 1
    expect(conv2dSamePadding([3, 5], [2, 1])).toEqual([2, 2, 2, 2]); // totals 4 and 4
    expect(conv2dSamePadding([1, 1], [1, 1])).toEqual([0, 0, 0, 0]);
  });

  it('resolves every padding form', () => {
    expect(resolveConv2dPadding('valid', [3, 3], [1, 1])).toEqual([0, 0, 0, 0]);
    expect(resolveConv2dPadding([2, 1], [5, 3], [1, 1])).toEqual([2, 2, 1, 1]);
    expect(resolveConv2dPadding('same', [6, 6], [1, 1])).toEqual([2, 3, 2, 3]);
  });
});

describe('PyTorch pooling size (Eq. pool, Eq. pool-ceil)', () => {
  it('floor mode is Eq. conv with symmetric padding', () => {
    expect(poolOutputSize(32, 2, 2, 0, 1, false)).toBe(16);
    expect(poolOutputSize(55, 3, 2, 0, 1, false)).toBe(27); // ⌊52/2⌋ + 1
    expect(poolOutputSize(13, 3, 2, 0, 1, false)).toBe(6); // ⌊10/2⌋ + 1
    expect(poolOutputSize(112, 3, 2, 1, 1, false)).toBe(56); // ⌊111/2⌋ + 1
    expect(poolOutputSize(10, 3, 1, 0, 2, false)).toBe(6); // k_eff 5
  });

  it('ceil mode rounds up: MaxPool2d(2, 2, ceil_mode=True) on 5 gives 3', () => {
    // ⌊(5 − 1 − 1 + 1)/2⌋ + 1 = 2 + 1 = 3; last start (3 − 1)·2 = 4 < 5 + 0, kept.
    expect(poolOutputSize(5, 2, 2, 0, 1, true)).toBe(3);
    expect(poolOutputSize(5, 2, 2, 0, 1, false)).toBe(2); // ⌊3/2⌋ + 1
  });

  it('ceil mode on 4 with k=3, s=2, p=1', () => {
    // ⌊(4 + 2 − 2 − 1 + 1)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3; last start (3 − 1)·2 = 4 < 4 + 1 = 5, kept.
    expect(poolOutputSize(4, 3, 2, 1, 1, true)).toBe(3);
    // floor: ⌊3/2⌋ + 1 = 2
    expect(poolOutputSize(4, 3, 2, 1, 1, false)).toBe(2);
  });

  it('ceil mode drops a last window that would start in the padding', () => {
    // H=3, k=2, s=2, p=1: ⌊(3 + 2 − 1 − 1 + 1)/2⌋ + 1 = 3, but (3 − 1)·2 = 4 ≥ 3 + 1 → 2.
    expect(poolOutputSize(3, 2, 2, 1, 1, true)).toBe(2);
    // H=5, k=2, s=2, p=1: ⌊(5 + 2 − 1 − 1 + 1)/2⌋ + 1 = 4, but (4 − 1)·2 = 6 ≥ 5 + 1 → 3.
    expect(poolOutputSize(5, 2, 2, 1, 1, true)).toBe(3);
    // H=6, k=3, s=3, p=1: ⌊(6 + 2 − 2 − 1 + 2)/3⌋ + 1 = 3; (3 − 1)·3 = 6 < 7, kept. Floor: ⌊5/3⌋ + 1 = 2.
    expect(poolOutputSize(6, 3, 3, 1, 1, true)).toBe(3);
    expect(poolOutputSize(6, 3, 3, 1, 1, false)).toBe(2);
  });

  it('ceil mode admits a partial window larger than the input', () => {
    // H=2, k=3, s=2: floor ⌊−1/2⌋ + 1 = 0, ceil ⌊(−1 + 1)/2⌋ + 1 = 1 (0 < 2, kept).
    expect(poolOutputSize(2, 3, 2, 0, 1, false)).toBe(0);
    expect(poolOutputSize(2, 3, 2, 0, 1, true)).toBe(1);
    // H=1, k=2, s=2: floor ⌊−1/2⌋ + 1 = 0, ceil 1.
    expect(poolOutputSize(1, 2, 2, 0, 1, false)).toBe(0);
    expect(poolOutputSize(1, 2, 2, 0, 1, true)).toBe(1);
  });

  it('padding limit is ⌊k/2⌋', () => {
    expect(poolPaddingLimit(1)).toBe(0);
    expect(poolPaddingLimit(2)).toBe(1);
    expect(poolPaddingLimit(3)).toBe(1);
    expect(poolPaddingLimit(4)).toBe(2);
    expect(poolPaddingLimit(5)).toBe(2);
  });
});

describe('adaptive pooling bins', () => {
  it('start = ⌊i·In/Out⌋, end = ⌈(i+1)·In/Out⌉', () => {
    // In 5, Out 3: [0, ⌈5/3⌉=2), [⌊5/3⌋=1, ⌈10/3⌉=4), [⌊10/3⌋=3, 5)
    expect(adaptivePoolBins(5, 3)).toEqual([
      [0, 2],
      [1, 4],
      [3, 5],
    ]);
    // In 6, Out 4: [0,2), [1,3), [3,5), [4,6)
    expect(adaptivePoolBins(6, 4)).toEqual([
      [0, 2],
      [1, 3],
      [3, 5],
      [4, 6],
    ]);
    // Out > In (2 → 3): [0,1), [0,2), [1,2)
    expect(adaptivePoolBins(2, 3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    // Divisible: 12 → 6 gives disjoint pairs.
    expect(adaptivePoolBins(12, 6).map(([s, e]) => e - s)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(adaptiveBinStart(2, 7, 7)).toBe(2);
    expect(adaptiveBinEnd(2, 7, 7)).toBe(3);
  });
});

describe('TensorFlow / Keras sizes (Eq. tf-valid, Eq. tf-same)', () => {
  it("'valid' is ⌈(in − k_eff + 1)/s⌉", () => {
    expect(tfConvOutputSize(32, 5, 1, 'valid')).toBe(28);
    expect(tfConvOutputSize(7, 3, 2, 'valid')).toBe(3); // ⌈5/2⌉
    expect(tfConvOutputSize(8, 3, 2, 'valid')).toBe(3); // ⌈6/2⌉
    expect(tfConvOutputSize(224, 11, 4, 'valid')).toBe(54); // ⌈214/4⌉
    expect(tfConvOutputSize(10, 3, 1, 'valid', 2)).toBe(6); // k_eff 5
    expect(tfConvOutputSize(3, 5, 1, 'valid')).toBe(-1); // ⌈−1/1⌉
    expect(tfPoolOutputSize(5, 2, 2, 'valid')).toBe(2); // ⌈4/2⌉
  });

  it("'same' is ⌈in/s⌉ with padAlong = max(0, (out − 1)·s + k_eff − in)", () => {
    expect(tfConvOutputSize(7, 3, 2, 'same')).toBe(4);
    expect(tfPoolOutputSize(5, 2, 2, 'same')).toBe(3);
    expect(tfSamePadding(7, 3, 2)).toEqual({ output: 4, padAlong: 2, before: 1, after: 1 }); // 3·2 + 3 − 7
    expect(tfSamePadding(8, 3, 2)).toEqual({ output: 4, padAlong: 1, before: 0, after: 1 }); // 3·2 + 3 − 8
    expect(tfSamePadding(5, 4, 1)).toEqual({ output: 5, padAlong: 3, before: 1, after: 2 }); // 4 + 4 − 5
    expect(tfSamePadding(10, 1, 3)).toEqual({ output: 4, padAlong: 0, before: 0, after: 0 }); // 9 + 1 − 10
    expect(tfSamePadding(9, 2, 3)).toEqual({ output: 3, padAlong: 0, before: 0, after: 0 }); // max(0, 6 + 2 − 9)
    expect(tfSamePadding(6, 3, 1, 2)).toEqual({ output: 6, padAlong: 4, before: 2, after: 2 }); // k_eff 5
  });

  it('stride 1 and odd kernel: TF same padding equals PyTorch (k − 1)/2 on each side', () => {
    for (const k of [1, 3, 5, 7]) {
      const tf = tfSamePadding(11, k, 1);
      expect([tf.before, tf.after]).toEqual([(k - 1) / 2, (k - 1) / 2]);
      expect(convOutputSize(11, k, 1, (k - 1) / 2, (k - 1) / 2, 1)).toBe(tf.output);
    }
  });
});
