/** The dense-layer playground's logic (no DOM) and the parameter-share figure's numbers. */
import { describe, expect, it } from 'vitest';
import {
  CLASSES,
  LIMIT,
  POINTS,
  cloneState,
  decisionGrid,
  describe as describeState,
  describePoint,
  evaluate,
  formatWeight,
  fromSvg,
  initialState,
  keyMove,
  movePoint,
  parseLearningRate,
  parseWeight,
  pointsSvg,
  regionsSvg,
  toSvg,
  trainStep,
} from '../../../src/components/dense-playground/playground';

describe('dense playground: state', () => {
  it('starts from the same seeded points and weights every time', () => {
    const a = initialState();
    expect(a.points).toHaveLength(POINTS);
    expect(a.w).toHaveLength(2 * CLASSES);
    expect(a.b).toHaveLength(CLASSES);
    expect(a).toEqual(initialState());
    // Every class is present, equally often, inside the plotted square.
    for (let c = 0; c < CLASSES; c++) expect(a.points.filter((p) => p.label === c)).toHaveLength(POINTS / CLASSES);
    for (const p of a.points) expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(LIMIT);
  });

  it('evaluates the loss as the mean cross-entropy, by hand for one point', () => {
    // One point at (1, 0) of class 0, W = [[1, 0], [0, 0], [0, 0]], b = 0: logits (1, 0, 0).
    const s = { points: [{ x: 1, y: 0, label: 0 }], w: [1, 0, 0, 0, 0, 0], b: [0, 0, 0], step: 0 };
    const e = evaluate(s);
    expect(e.loss).toBeCloseTo(Math.log(Math.E + 2) - 1, 6);
    expect(e.accuracy).toBe(1);
    expect(e.finite).toBe(true);
  });

  it('a training step lowers the loss, and many reach full accuracy on the clusters', () => {
    const s = initialState();
    const before = evaluate(s);
    const step = trainStep(s, 0.1);
    expect(step).toEqual({ ok: true, loss: before.loss });
    expect(s.step).toBe(1);
    expect(evaluate(s).loss).toBeLessThan(before.loss);
    for (let i = 0; i < 300; i++) trainStep(s, 0.1);
    expect(evaluate(s).loss).toBeLessThan(before.loss / 5);
    expect(evaluate(s).accuracy).toBe(1);
  });

  it('detects divergence: logits that overflow float32 stop training with the reason, state unchanged', () => {
    const s = initialState();
    s.w[0] = 3e38;
    const e = evaluate(s);
    expect(e.finite).toBe(false);
    const frozen = cloneState(s);
    const r = trainStep(s, 0.1);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(
        /^Training stopped at step 0: the loss is (NaN|Infinity|-Infinity) \(not a finite number\), because the logits overflowed float32/,
      );
    expect(s).toEqual(frozen);
  });

  it('detects a step that would push a weight past float32', () => {
    const s = initialState();
    const r = trainStep(s, 1e39);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(/step 1: a weight became -?Infinity, too large for float32.*learning rate 1e\+39 is far too large/);
    expect(s.step).toBe(0);
    expect(s.w).toEqual(initialState().w);
  });

  it('moves points by the arrow keys, clamped to the square', () => {
    const s = initialState();
    expect(keyMove('ArrowRight', false)).toEqual([0.1, 0]);
    expect(keyMove('ArrowUp', true)).toEqual([0, 0.5]);
    expect(keyMove('ArrowDown', false)).toEqual([0, -0.1]);
    expect(keyMove('Enter', false)).toBeNull();
    const p0 = { ...s.points[0]! };
    movePoint(s, 0, 0.1, -0.5);
    expect(s.points[0]!.x).toBeCloseTo(p0.x + 0.1, 9);
    expect(s.points[0]!.y).toBeCloseTo(p0.y - 0.5, 9);
    movePoint(s, 0, 100, -100);
    expect(s.points[0]).toMatchObject({ x: LIMIT, y: -LIMIT });
    expect(() => movePoint(s, POINTS, 0, 0)).toThrow(/no point/);
  });

  it('draws decision regions that follow the weights', () => {
    // Class 1's logit x₁ wins on the right half, class 2's −x₁ on the left.
    const s = { points: [], w: [0, 0, 1, 0, -1, 0], b: [0, 0, 0], step: 0 };
    const g = decisionGrid(s, 4);
    expect(Array.from(g)).toEqual([2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1]);
    expect(regionsSvg(s, 4).match(/class="dp-r1"/g)).toHaveLength(8);
  });

  it('maps data coordinates to the SVG and back', () => {
    expect(toSvg(-LIMIT, LIMIT)).toEqual([0, 0]);
    expect(toSvg(0, 0)).toEqual([200, 200]);
    const [x, y] = fromSvg(...toSvg(1.25, -2.5));
    expect(x).toBeCloseTo(1.25, 9);
    expect(y).toBeCloseTo(-2.5, 9);
    const svg = pointsSvg(initialState(), 2);
    expect(svg.match(/data-i=/g)).toHaveLength(POINTS);
    expect(svg.match(/is-selected/g)).toHaveLength(1);
  });

  it('describes the state and the selected point in words', () => {
    const s = initialState();
    expect(describeState(s, evaluate(s))).toMatch(/^Step 0: mean cross-entropy loss \d\.\d{4}, accuracy \d+ % \(\d+ of 45 points\)\.$/);
    expect(describePoint(s, 0)).toMatch(/^Point 1 of 45, class A \(circle\), at \(-?\d\.\d\d, -?\d\.\d\d\)\.$/);
  });
});

describe('dense playground: input', () => {
  it('accepts numbers in the usual notations', () => {
    expect(parseWeight('0.5', 'W[1, 1]')).toEqual({ ok: true, value: 0.5 });
    expect(parseWeight(' -1.25 ', 'W[1, 1]')).toEqual({ ok: true, value: -1.25 });
    expect(parseWeight('3e38', 'W[1, 1]')).toEqual({ ok: true, value: 3e38 });
    expect(parseWeight('.5', 'b[2]')).toEqual({ ok: true, value: 0.5 });
    expect(parseWeight('−2', 'b[2]')).toEqual({ ok: true, value: -2 });
  });

  it('names the field and the fix for bad input', () => {
    expect(parseWeight('', 'W[2, 1]')).toEqual({ ok: false, message: 'W[2, 1] is empty: type a number such as 0.5 or -1.2.' });
    const abc = parseWeight('abc', 'W[2, 1]');
    expect(abc.ok).toBe(false);
    if (!abc.ok)
      expect(abc.message).toBe(
        'W[2, 1] is "abc", which is not a number: type digits with an optional sign and decimal point, such as 0.5 or -1.2.',
      );
    for (const bad of ['NaN', 'Infinity', '1,5', '0x10', '1e']) expect(parseWeight(bad, 'b[1]').ok, bad).toBe(false);
    const huge = parseWeight('1e39', 'b[3]');
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.message).toMatch(/^b\[3\] = 1e39 does not fit in float32/);
  });

  it('wants a positive learning rate', () => {
    expect(parseLearningRate('0.1')).toEqual({ ok: true, value: 0.1 });
    const zero = parseLearningRate('0');
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.message).toBe('The learning rate is 0: it must be greater than 0 (try 0.5).');
    expect(parseLearningRate('-1').ok).toBe(false);
    const text = parseLearningRate('fast');
    if (!text.ok) expect(text.message).toMatch(/^The learning rate is "fast", which is not a number/);
  });

  it('formats weights compactly', () => {
    expect(formatWeight(0.123456)).toBe('0.123');
    expect(formatWeight(-2)).toBe('-2');
    expect(formatWeight(0)).toBe('0');
    expect(formatWeight(3e38)).toBe('3.000e+38');
    expect(formatWeight(0.0001234)).toBe('1.234e-4');
    expect(formatWeight(NaN)).toBe('NaN');
  });
});
