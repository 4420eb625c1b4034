/** Formatting of listing output. */
import { describe, expect, it } from 'vitest';
import { describePlot, formatNumber, formatValue, toPoints } from '../../../src/listings/format';
import { finishedStatus, seconds, timeoutStatus } from '../../../src/components/listing/protocol';

describe('formatNumber', () => {
  it.each([
    [3, '3'],
    [-0, '0'],
    [0.1 + 0.2, '0.3'],
    [Math.fround(0.3), '0.3'],
    [1 / 3, '0.3333'],
    [-0.00001, '0'],
    [1e21, '1e+21'],
    [Number.NaN, 'NaN'],
    [-Infinity, '-Infinity'],
  ])('%s → %s', (x, text) => expect(formatNumber(x)).toBe(text));
});

describe('formatValue', () => {
  it('formats nested values the way console.log in a listing shows them', () => {
    expect(formatValue('top')).toBe('top');
    expect(formatValue(['a', 1, null, undefined, true])).toBe("['a', 1, null, undefined, true]");
    expect(formatValue({ a: 1, 'b-c': [2], d: { e: 'f' } })).toBe("{ a: 1, 'b-c': [2], d: { e: 'f' } }");
    expect(formatValue(new Float32Array([0.5, 1]))).toBe('[0.5, 1]');
    expect(formatValue(new Map([['k', 1]]))).toBe("Map { 'k' => 1 }");
    expect(formatValue(new TypeError('no'))).toBe('TypeError: no');
    expect(formatValue(function named() {})).toBe('[function named]');
    expect(formatValue({})).toBe('{}');
  });

  it('stops at circular references', () => {
    const a: Record<string, unknown> = { x: 1 };
    a['self'] = a;
    expect(formatValue(a)).toBe('{ x: 1, self: [circular] }');
  });

  it('formats something shaped like a tensor with dtype, shape and values', () => {
    const t = { shape: [2, 1], dtype: 'int32', arraySync: () => [[1], [2]], dispose: () => {} };
    expect(formatValue(t)).toBe('Tensor int32 [2, 1]\n[[1], [2]]');
    expect(formatValue({ ...t, isDisposed: true })).toBe('Tensor int32 [2, 1] (disposed)');
  });
});

describe('plots', () => {
  it('accepts numbers, pairs and points, and rejects anything else by index', () => {
    expect(toPoints([5, 6])).toEqual([
      { x: 0, y: 5 },
      { x: 1, y: 6 },
    ]);
    expect(toPoints([[1, 2]])).toEqual([{ x: 1, y: 2 }]);
    expect(toPoints([{ x: 3, y: 4 }])).toEqual([{ x: 3, y: 4 }]);
    expect(() => toPoints('no')).toThrow('plot(points) needs an array');
    expect(() => toPoints([1, [1, 2, 3]])).toThrow('entry 1 is [1, 2, 3]');
  });
  it('summarises a plot in one line', () => {
    expect(describePlot([])).toBe('[plot: no points]');
    expect(
      describePlot(
        [
          { x: -1, y: 0.5 },
          { x: 1, y: 2 },
        ],
        'loss',
      ),
    ).toBe('[plot "loss": 2 points, x from -1 to 1, y from 0.5 to 2]');
  });
});

describe('status texts', () => {
  it('writes seconds and outcomes', () => {
    expect(seconds(420)).toBe('0.42 s');
    expect(seconds(12_345)).toBe('12 s');
    expect(finishedStatus(1500, false)).toBe('Ran in 1.5 s.');
    expect(finishedStatus(1500, true)).toBe('The code stopped with an error after 1.5 s.');
    expect(timeoutStatus(10)).toMatch(/^Stopped after 10 s: /);
  });
});
