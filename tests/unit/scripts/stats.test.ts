/** scripts/lib/stats.ts: the one median of the bench scripts. */
import { describe, expect, it } from 'vitest';
import { median, summary } from '../../../scripts/lib/stats';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5])).toBe(5);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('is NaN for no values, and leaves its input alone', () => {
    expect(median([])).toBeNaN();
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('summary', () => {
  it('gives the median, the extremes and the runs in the order measured', () => {
    expect(summary([1469, 1548, 1521])).toEqual({ median: 1521, min: 1469, max: 1548, runs: [1469, 1548, 1521] });
  });
});
