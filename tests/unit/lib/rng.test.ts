/** The seeded generator: a bit-exact cross-check and statistical sanity tests. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, Rng } from '../../../src/lib/rng';

/**
 * An independent BigInt transcription of splitmix32 seeding + sfc32
 * (PractRand: t = a + b + counter; a = b ^ (b >> 9); b = c + (c << 3);
 * c = rotl(c, 21) + t), to check the 32-bit bit-twiddling of the implementation.
 */
function referenceStream(seed: number, count: number): number[] {
  const M = (1n << 32n) - 1n;
  let z = BigInt(seed >>> 0);
  const mix = (): bigint => {
    z = (z + 0x9e3779b9n) & M;
    let v = z;
    v = ((v ^ (v >> 16n)) * 0x21f0aaadn) & M;
    v = ((v ^ (v >> 15n)) * 0x735a2d97n) & M;
    return v ^ (v >> 15n);
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): bigint => {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = (((c << 21n) | (c >> 11n)) + t) & M;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return Array.from({ length: count }, () => Number(next()));
}

describe('Rng', () => {
  it('matches a BigInt transcription of splitmix32 + sfc32', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef, -1, 2 ** 31]) {
      const rng = new Rng(seed);
      expect(Array.from({ length: 50 }, () => rng.nextUint32())).toEqual(referenceStream(seed, 50));
    }
  });

  it('is deterministic for a seed, and different seeds differ', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        const c = createRng(seed + 1);
        const xa = Array.from({ length: 20 }, () => a.uniform());
        expect(Array.from({ length: 20 }, () => b.uniform())).toEqual(xa);
        expect(Array.from({ length: 20 }, () => c.uniform())).not.toEqual(xa);
      }),
      { numRuns: 50 },
    );
  });

  it('uniform() lies in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const rng = new Rng(123);
    const n = 100000;
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      sum += u;
      sq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const mean = sum / n;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // sd of the mean ≈ 0.0009
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.003);
    const r = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const v = r.uniform(-3, 2);
      expect(v >= -3 && v < 2).toBe(true);
    }
  });

  it('normal() has mean ≈ 0 and variance ≈ 1, and honours mean/std', () => {
    const rng = new Rng(9);
    const n = 100000;
    let sum = 0;
    let sq = 0;
    let within1 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
      if (Math.abs(z) < 1) within1 += 1;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.01); // Φ(1) − Φ(−1)
    const shifted = new Rng(9);
    const plain = new Rng(9);
    for (let i = 0; i < 10; i++) expect(shifted.normal(5, 2)).toBeCloseTo(5 + 2 * plain.normal(), 12);
  });

  it('bernoulli(p) is true at rate p', () => {
    const rng = new Rng(77);
    const n = 100000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (rng.bernoulli(0.3)) hits += 1;
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(0.01); // sd ≈ 0.0015
    expect(Array.from({ length: 100 }, () => rng.bernoulli(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => rng.bernoulli(1)).every(Boolean)).toBe(true);
    expect(() => rng.bernoulli(1.5)).toThrow(RangeError);
  });

  it('integer(min, max) covers [min, max) evenly', () => {
    const rng = new Rng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60000; i++) {
      const v = rng.integer(-2, 4);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c - 10000)).toBeLessThan(500); // sd ≈ 91
    expect(rng.integer(7, 8)).toBe(7);
    expect(() => rng.integer(3, 3)).toThrow(RangeError);
    expect(() => rng.integer(0, 1.5)).toThrow(RangeError);
    expect(() => rng.integer(0, 2 ** 32 + 1)).toThrow(RangeError);
  });

  it('shuffle is an in-place permutation (Fisher–Yates)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
        const copy = [...items];
        const out = new Rng(seed).shuffle(copy);
        expect(out).toBe(copy);
        expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });

  it('shuffle makes every permutation of 3 items about equally likely', () => {
    const rng = new Rng(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60000; i++) {
      const key = rng.shuffle([0, 1, 2]).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  it('fills arrays', () => {
    const u = new Rng(1).uniformArray(1000, 2, 3);
    expect(u).toBeInstanceOf(Float32Array);
    expect(u.every((v) => v >= 2 && v <= 3)).toBe(true);
    expect(new Rng(1).normalArray(10)).toEqual(new Rng(1).normalArray(10));
  });
});
