/**
 * The dropout mask visualiser's logic (no DOM): mask rate, convergence of the
 * mean, evaluation mode, the two scaling schemes, and the messages for bad input.
 * Statistical checks use bounds computed from the binomial distribution, not
 * numbers copied from a run.
 */
import { describe, expect, it } from 'vitest';
import {
  computeMasks,
  defaultActivations,
  defaultSettings,
  describe as describeResult,
  parseP,
  parseSamples,
  parseSeed,
  renderConvergence,
  renderTable,
  UNITS,
  type MaskSettings,
} from '../../../src/components/dropout-masks/dropout-masks';

const settings = (over: Partial<MaskSettings>): MaskSettings => ({ ...defaultSettings, ...over });

describe('dropout-masks: the layer', () => {
  it('has 16 fixed, non-negative (post-ReLU) activations, the same every time', () => {
    const x = defaultActivations();
    expect(x).toHaveLength(UNITS);
    expect(x).toEqual(defaultActivations());
    expect(x.every((v) => v >= 0)).toBe(true);
    expect(x.some((v) => v > 0)).toBe(true);
  });
});

describe('dropout-masks: training mode', () => {
  for (const p of [0.1, 0.3, 0.5, 0.8]) {
    it(`keeps a fraction 1 − p of units within 5 binomial standard deviations (p = ${p})`, () => {
      const r = computeMasks(settings({ p, samples: 10000, seed: 3 }));
      const n = r.draws;
      expect(n).toBe(UNITS * 10000);
      const mean = n * (1 - p);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(r.keptTotal - mean)).toBeLessThan(5 * sd);
    });
  }

  it('draws a 0/1 mask and scales the kept units by 1/(1 − p) (inverted dropout)', () => {
    const p = 0.25;
    const r = computeMasks(settings({ p }));
    expect(r.scale).toBeCloseTo(1 / (1 - p), 6);
    r.mask.forEach((m, i) => {
      expect([0, 1]).toContain(m);
      expect(r.y[i]).toBeCloseTo(m === 1 ? (r.x[i] ?? 0) / (1 - p) : 0, 5);
    });
    expect(r.kept).toBe(r.mask.filter((m) => m === 1).length);
  });

  it('keeps the same mask unscaled in the original scheme', () => {
    const inv = computeMasks(settings({ p: 0.4, seed: 9 }));
    const orig = computeMasks(settings({ p: 0.4, seed: 9, style: 'original' }));
    expect(orig.mask).toEqual(inv.mask);
    orig.mask.forEach((m, i) => expect(orig.y[i]).toBeCloseTo(m === 1 ? (orig.x[i] ?? 0) : 0, 6));
    orig.target.forEach((t, i) => expect(t).toBeCloseTo(0.6 * (orig.x[i] ?? 0), 6));
  });

  it('is reproducible for a seed and differs for another', () => {
    expect(computeMasks(settings({ seed: 5 })).mask).toEqual(computeMasks(settings({ seed: 5 })).mask);
    expect(computeMasks(settings({ seed: 5 })).mask).not.toEqual(computeMasks(settings({ seed: 6 })).mask);
  });

  for (const style of ['inverted', 'original'] as const) {
    it(`has a mean that converges to the evaluation output (${style}): within 5 standard errors per unit after 10,000 masks`, () => {
      const p = 0.5;
      const r = computeMasks(settings({ p, samples: 10000, style }));
      const evalOut = computeMasks(settings({ p, style, mode: 'eval' })).y;
      expect(r.target).toEqual(evalOut);
      r.mean.forEach((m, i) => {
        const x = r.x[i] ?? 0;
        // Var of one output: x²·p/(1 − p) (inverted), (1 − p)²·x²·p/(1 − p) (original).
        const sdOne = (style === 'inverted' ? 1 : 1 - p) * x * Math.sqrt(p / (1 - p));
        expect(Math.abs(m - (evalOut[i] ?? 0))).toBeLessThanOrEqual(5 * (sdOne / Math.sqrt(10000)) + 1e-6);
      });
      // The distance to the target shrinks as masks accumulate.
      const devs = r.checkpoints.map((c) => c.maxDeviation);
      expect(r.checkpoints.map((c) => c.n)).toEqual([1, 10, 100, 1000, 10000]);
      expect(devs[4]).toBeLessThan(devs[0] ?? 0);
      expect(devs[4]).toBeLessThan(devs[2] ?? 0);
    });
  }

  it('has the variance x²·p/(1 − p) per unit (Eq. dropout-var), within sampling error', () => {
    const p = 0.3;
    const n = 10000;
    const r = computeMasks(settings({ p, samples: n, seed: 11 }));
    r.variance.forEach((v, i) => {
      const x = r.x[i] ?? 0;
      const expected = (x * x * p) / (1 - p);
      // y/x is a scaled Bernoulli; the relative standard error of its sample variance is about 0.9 %
      // here (fourth central moment of a two-point distribution), so allow 5 % (about 5.7 standard errors at p = 0.3).
      expect(Math.abs(v - expected)).toBeLessThanOrEqual(0.05 * expected + 1e-9);
    });
  });

  it('keeps nothing dropped at p = 0 and matches the input', () => {
    const r = computeMasks(settings({ p: 0 }));
    expect(r.kept).toBe(UNITS);
    r.y.forEach((v, i) => expect(v).toBeCloseTo(r.x[i] ?? 0, 6));
  });
});

describe('dropout-masks: evaluation mode', () => {
  it('is the identity for inverted dropout, whatever the seed', () => {
    const a = computeMasks(settings({ mode: 'eval', seed: 1 }));
    const b = computeMasks(settings({ mode: 'eval', seed: 2 }));
    expect(a.y).toEqual(defaultActivations().map((v) => Math.fround(v)));
    expect(a.x).toEqual(a.y);
    expect(b.y).toEqual(a.y);
    expect(a.mask.every((m) => m === 1)).toBe(true);
    expect(a.checkpoints.every((c) => c.maxDeviation === 0 && c.expectedSd === 0)).toBe(true);
    expect(describeResult(a)).toContain('identity');
  });

  it('multiplies by the retention probability 1 − p in the original scheme', () => {
    const r = computeMasks(settings({ mode: 'eval', style: 'original', p: 0.2 }));
    r.y.forEach((v, i) => expect(v).toBeCloseTo(0.8 * (r.x[i] ?? 0), 6));
    expect(describeResult(r)).toContain('1 − p = 0.8');
  });
});

describe('dropout-masks: bad input', () => {
  it('refuses p outside [0, 1) with a specific message', () => {
    expect(parseP('0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseP('0')).toEqual({ ok: true, value: 0 });
    const one = parseP('1');
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.message).toMatch(/p must be below 1.*1\/\(1 − p\) is infinite/);
    const neg = parseP('-0.2');
    if (neg.ok) throw new Error('accepted a negative p');
    expect(neg.message).toMatch(/cannot be negative \(you typed -0.2\)/);
    const text = parseP('half');
    if (text.ok) throw new Error('accepted text');
    expect(text.message).toContain('“half” is not');
    const empty = parseP('  ');
    if (empty.ok) throw new Error('accepted nothing');
    expect(empty.message).toMatch(/empty/);
  });

  it('refuses bad seeds and sample counts', () => {
    expect(parseSeed('42')).toEqual({ ok: true, value: 42 });
    expect(parseSeed('1.5').ok).toBe(false);
    expect(parseSeed('-1').ok).toBe(false);
    expect(parseSeed('4294967296').ok).toBe(false);
    expect(parseSamples('100')).toEqual({ ok: true, value: 100 });
    expect(parseSamples('7').ok).toBe(false);
  });
});

describe('dropout-masks: markup', () => {
  it('labels every unit and marks dropped ones in words', () => {
    const r = computeMasks(defaultSettings);
    const html = renderTable(r, 'dm');
    expect(html.match(/<th scope="col">/g)).toHaveLength(UNITS + 1);
    expect(html.match(/ dropped<\/span>/g)?.length).toBe(UNITS - r.kept);
    expect(html.match(/ kept<\/span>/g)?.length).toBe(r.kept);
    expect(renderConvergence(r, 'dm').match(/<tr>/g)).toHaveLength(1 + r.checkpoints.length);
  });
});
