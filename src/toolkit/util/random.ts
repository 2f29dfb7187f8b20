/**
 * Seeded randomness. Every toolkit call that needs randomness takes a `seed` option and builds its own generator:
 * no module-level random state (STYLE.md §6). Read seeds with `??`, never `||`, so seed 0 is a seed.
 */

/** A seeded generator of uniform doubles in [0, 1), with helpers built on it. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number;
  /** Index drawn from unnormalized non-negative weights. */
  categorical(weights: ArrayLike<number>): number;
  /** A new generator whose stream is independent of this one (for parallel sub-experiments). */
  fork(): Rng;
}

/** Default seed used when a caller passes none; documented on every function that has a `seed` option. */
export const DEFAULT_SEED = 0;

/**
 * Creates a generator. The core is xoshiro128** seeded through splitmix32, which is fast in JavaScript's 32-bit
 * integer arithmetic and has no short cycles for the sample sizes used here.
 */
export function rng(seed: number = DEFAULT_SEED): Rng {
  let s = (Math.floor(seed) >>> 0) ^ Math.floor(seed / 2 ** 32);
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t;
    d = rotl(d, 11);
    return result;
  };
  let spare: number | undefined;
  const self: Rng = {
    next: () => {
      // 53 random bits from two outputs, so doubles are uniform on the full mantissa.
      const hi = nextU32() >>> 5, lo = nextU32() >>> 6;
      return (hi * 67108864 + lo) / 9007199254740992;
    },
    int: (n) => Math.floor(self.next() * n),
    normal: () => {
      if (spare !== undefined) { const v = spare; spare = undefined; return v; }
      let u = 0;
      while (u === 0) u = self.next();
      const v = self.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    categorical: (weights) => {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i]!;
      let u = self.next() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i]!;
        if (u < 0) return i;
      }
      // Rounding can leave u ≥ 0 after the loop: return the last index with positive weight.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
      return weights.length - 1;
    },
    fork: () => rng(nextU32() * 4096 + (nextU32() & 4095)),
  };
  return self;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
