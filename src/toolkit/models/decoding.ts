/**
 * Decoding transforms shared by the toolkit's policies: temperature, nucleus (top-p) truncation and top-k
 * alternatives, applied to one next-token distribution. Kept apart from the models so that the categorical toy, the
 * n-gram LM and any later model decode identically (same seed, same choice).
 */
import { check, fail } from '../util/check.js';
import type { SampleOptions, TokenAlternative } from './policy.js';

/** Defaults for the decoding options of `SampleOptions`. */
export const DECODING_DEFAULTS = { n: 1, temperature: 1, topP: 1, seed: 0, topK: 0 } as const;

/** Decoding options after defaults and validation. */
export interface Decoding {
  n: number;
  temperature: number;
  topP: number;
  seed: number;
  topK: number;
}

/**
 * Reads and validates the decoding part of `SampleOptions` for function `fn`.
 * @example
 *   const d = readDecoding({ temperature: 0.5 }, 'ngram.sample'); // { n: 1, temperature: 0.5, topP: 1, seed: 0, topK: 0 }
 */
export function readDecoding(options: SampleOptions, fn: string): Decoding {
  const n = check.int(options.n ?? DECODING_DEFAULTS.n, 'n', fn, { min: 1 });
  const temperature = check.finite(options.temperature ?? DECODING_DEFAULTS.temperature, 'temperature', fn, { min: 0 });
  const topP = check.finite(options.topP ?? DECODING_DEFAULTS.topP, 'topP', fn, { min: 0, max: 1 });
  if (topP === 0) fail(fn, 'topP must be > 0 (got topP=0)');
  const seed = check.finite(options.seed ?? DECODING_DEFAULTS.seed, 'seed', fn);
  const topK = check.int(options.topK ?? DECODING_DEFAULTS.topK, 'topK', fn, { min: 0 });
  return { n, temperature, topP, seed, topK };
}

/**
 * Turns a probability vector into sampling weights (unnormalized) under temperature and top-p.
 * Temperature 0 is greedy: all weight on the first maximum. Top-p keeps the smallest set of most likely entries whose
 * tempered mass reaches `topP` of the total (Holtzman et al. 2019, arXiv 1904.09751); ties at the cut are kept in
 * index order so the result is deterministic.
 * @example
 *   decodeWeights(Float64Array.of(0.5, 0.3, 0.2), { temperature: 1, topP: 0.7 }); // weights 0.5, 0.3, 0
 */
export function decodeWeights(probs: ArrayLike<number>, decoding: { temperature: number; topP: number }): Float64Array {
  const k = probs.length;
  const out = new Float64Array(k);
  if (decoding.temperature === 0) {
    out[argmax(probs)] = 1;
    return out;
  }
  // p^(1/T) relative to the max keeps small temperatures from underflowing to all zeros.
  const max = probs[argmax(probs)]!;
  const invT = 1 / decoding.temperature;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const p = probs[i]!;
    const w = p > 0 ? Math.exp(invT * Math.log(p / max)) : 0;
    out[i] = w;
    total += w;
  }
  if (decoding.topP < 1) {
    const order = sortedIndices(out);
    const target = decoding.topP * total;
    let mass = 0;
    let kept = 0;
    while (kept < k && mass < target) mass += out[order[kept++]!]!;
    for (let j = kept; j < k; j++) out[order[j]!] = 0;
  }
  return out;
}

/** The seed of prompt `index` within a call seeded `seed` (see `SampleOptions.seed`). */
export function promptSeed(seed: number, index: number): number {
  return seed + index;
}

/** Index of the first maximum. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Indices sorted by value, largest first (stable: ties keep index order). */
export function sortedIndices(values: ArrayLike<number>): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  return idx.sort((a, b) => values[b]! - values[a]! || a - b);
}

/**
 * The `k` most likely entries of a probability vector as `{token, logProb}`, most likely first.
 * @example
 *   topAlternatives(Float64Array.of(0.2, 0.8), ['a', 'b'], 1); // [{ token: 'b', logProb: log(0.8) }]
 */
export function topAlternatives(probs: ArrayLike<number>, tokens: ArrayLike<string>, k: number): TokenAlternative[] {
  if (k === 0) return [];
  return sortedIndices(probs).slice(0, k).map((i) => ({ token: tokens[i]!, logProb: Math.log(probs[i]!) }));
}

/** Draws an index from non-negative weights whose sum is `total`, with one uniform `u` in [0, 1). */
export function drawIndex(weights: ArrayLike<number>, total: number, u: number): number {
  let r = u * total;
  const k = weights.length;
  for (let i = 0; i < k; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  // Rounding can leave r ≥ 0: fall back to the last index with positive weight.
  for (let i = k - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return k - 1;
}
