/**
 * A small seeded pseudo-random number generator, so every figure, exercise and
 * test in the book is reproducible: the same seed gives the same numbers on
 * every machine and browser.
 *
 * Generator: sfc32 ("Small Fast Counting", Chris Doty-Humphrey, from PractRand),
 * a 128-bit-state generator with 32-bit outputs that passes PractRand and
 * BigCrush, has a minimum period of 2^32 thanks to its counter (expected ≈ 2^127),
 * and needs only 32-bit integer arithmetic, which JavaScript does exactly with
 * `| 0`, `>>>` and `Math.imul`. The 128-bit state is filled from a 32-bit seed
 * with splitmix32, and the first 12 outputs are discarded so that similar seeds
 * give unrelated streams.
 *
 * This is not a cryptographic generator.
 */

/** 2^32, the number of distinct outputs of `nextUint32`. */
const TWO_POW_32 = 4294967296;

/**
 * splitmix32: a 32-bit mixing function used only to spread a seed over the state:
 * z += 0x9e3779b9; z = (z ⊕ z≫16)·0x21f0aaad; z = (z ⊕ z≫15)·0x735a2d97; z ⊕ z≫15.
 */
function splitmix32(state: { z: number }): number {
  state.z = (state.z + 0x9e3779b9) | 0;
  let z = state.z;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A seeded random number generator; see the module comment for the algorithm. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The second Box–Muller variate, kept for the next `normal()` call. */
  private spareNormal: number | null = null;

  /**
   * @param seed any number; it is reduced to a 32-bit unsigned integer
   *   (`seed >>> 0`), so seeds that differ only above bit 31 or in the fraction coincide.
   */
  constructor(seed: number) {
    const mix = { z: seed >>> 0 };
    this.a = splitmix32(mix);
    this.b = splitmix32(mix);
    this.c = splitmix32(mix);
    this.d = splitmix32(mix);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /**
   * The next raw output, an integer in [0, 2^32), by one sfc32 step:
   * t = a + b + d; d = d + 1; a = b ⊕ (b ≫ 9); b = c + (c ≪ 3); c = rotl(c, 21) + t;
   * return t (all mod 2^32).
   */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * A uniform double in [low, high) with 53 random bits:
   * u = (⌊x₁ / 2^5⌋ · 2^26 + ⌊x₂ / 2^6⌋) / 2^53 ∈ [0, 1), result = low + (high − low)·u.
   */
  uniform(low = 0, high = 1): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    const u = (hi * 67108864 + lo) / 9007199254740992;
    return low + (high - low) * u;
  }

  /**
   * A normal variate with the given mean and standard deviation, by the
   * Box–Muller transform of two uniforms u₁ ∈ (0, 1], u₂ ∈ [0, 1):
   *
   *   z₀ = √(−2 ln u₁) · cos(2π u₂),   z₁ = √(−2 ln u₁) · sin(2π u₂)      (Eq. box-muller)
   *
   * z₀ is returned now and z₁ on the next call; result = mean + std · z.
   */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    const u1 = 1 - this.uniform(); // (0, 1], so ln u1 is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return mean + std * r * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A uniformly distributed integer in the half-open range [min, max), like
   * Python's `random.randrange(min, max)`. Unbiased: with n = max − min, raw
   * outputs x ≥ ⌊2^32 / n⌋ · n are rejected and min + (x mod n) is returned.
   * Requires integers with 1 ≤ max − min ≤ 2^32.
   */
  integer(min: number, max: number): number {
    const n = max - min;
    if (!Number.isInteger(min) || !Number.isInteger(max) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`Rng.integer(min, max) needs integers with 1 ≤ max − min ≤ 2^32, but got min=${min}, max=${max}.`);
    }
    const limit = Math.floor(TWO_POW_32 / n) * n;
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return min + (x % n);
  }

  /** true with probability p (0 ≤ p ≤ 1): returns u < p for a uniform u ∈ [0, 1). */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Rng.bernoulli(p) needs 0 ≤ p ≤ 1, but got ${p}.`);
    return this.uniform() < p;
  }

  /**
   * Shuffles `items` in place with the Fisher–Yates (Durstenfeld) algorithm, so
   * every permutation is equally likely: for i = n−1 … 1, swap items[i] with
   * items[j], j uniform in [0, i]. Returns the same array.
   */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(0, i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A Float32Array of n independent uniforms in [low, high). */
  uniformArray(n: number, low = 0, high = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /** A Float32Array of n independent normals N(mean, std²) (Eq. box-muller). */
  normalArray(n: number, mean = 0, std = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal(mean, std);
    return out;
  }
}

/** Creates a generator: `createRng(42)` is `new Rng(42)`. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}
