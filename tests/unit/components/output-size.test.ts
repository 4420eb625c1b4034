/** The output-size widget's arithmetic and input checks (no DOM). */
import { describe, expect, it } from 'vitest';
import { computeOutcome, parseField } from '../../../src/components/output-size/output-size';

describe('output-size widget', () => {
  it('writes the formula with the numbers and the result', () => {
    // ⌊(28 + 2·0 − 1·(5 − 1) − 1) / 1 + 1⌋ = 24
    expect(computeOutcome({ h: 28, k: 5, s: 1, p: 0, d: 1 })).toEqual({
      ok: true,
      size: 24,
      formula: '⌊(28 + 2·0 − 1·(5 − 1) − 1) / 1 + 1⌋ = 24',
    });
    // ⌊(7 + 2·1 − 2·(3 − 1) − 1) / 2 + 1⌋ = ⌊4/2 + 1⌋ = 3
    const dilated = computeOutcome({ h: 7, k: 3, s: 2, p: 1, d: 2 });
    expect(dilated.ok && dilated.size).toBe(3);
  });

  it('explains a kernel larger than the padded input instead of computing', () => {
    const outcome = computeOutcome({ h: 4, k: 7, s: 1, p: 0, d: 1 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/7/);
  });

  it('names the field and the problem for bad input', () => {
    expect(parseField('s', '')).toEqual({ ok: false, message: 'Stride is empty: type a whole number ≥ 1.' });
    expect(parseField('s', '1.5')).toEqual({ ok: false, message: 'Stride must be a whole number; “1.5” is not.' });
    expect(parseField('p', '-1')).toEqual({ ok: false, message: 'Padding must be at least 0; you typed -1.' });
    expect(parseField('h', 'abc')).toEqual({ ok: false, message: 'Input size must be a whole number; “abc” is not.' });
    expect(parseField('k', '20000').ok).toBe(false);
    expect(parseField('d', ' 2 ')).toEqual({ ok: true, value: 2 });
  });
});
