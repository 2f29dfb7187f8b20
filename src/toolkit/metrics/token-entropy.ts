/**
 * Token-level entropy H_t = −Σ p log p (nats), the quantity whose collapse stalls RL post-training (Cui et al.
 * 2505.22617; trl PR #3700). From full logits it is exact. APIs return only the top-k log-probs, which bracket it
 * (toolkit-anchors §5): with top mass m and tail t = 1 − m spread over the V − k other tokens, each at most p_min
 * (the smallest shown probability),
 *   lower = H_k + t·(−log p_min)   (every tail token has −log p ≥ −log p_min),
 *   upper = H_k + t·log((V − k)/t) (the tail spread uniformly maximizes its entropy),
 * where H_k = −Σ_top p log p.
 */
import { check, fail } from '../util/check.js';
import type { TokenAlternative } from '../models/policy.js';

/** Options for {@link tokenEntropy}. */
export interface TokenEntropyOptions {
  /** 1 to include a position, 0 to skip it (padding). Default: all included. */
  mask?: ArrayLike<number>;
}

/** Per-position entropies and their masked mean. */
export interface TokenEntropy {
  perToken: Float64Array;
  /** Mean over positions with mask 1 (NaN when none). */
  mean: number;
}

/**
 * Exact entropy per position from logits (rows of length V), via a stable log-softmax.
 *
 * @example
 * metrics.tokenEntropy([[0, 0], [10, -10]]).perToken; // [log 2, ≈ 4e-8]
 */
export function tokenEntropy(logits: ArrayLike<number>[], options: TokenEntropyOptions = {}): TokenEntropy {
  const fn = 'tokenEntropy';
  if (!Array.isArray(logits) || logits.length === 0) fail(fn, 'logits must be a non-empty array of rows');
  const perToken = Float64Array.from(logits, (row, i) => {
    const z = check.numbers(row, `logits[${i}]`, fn);
    let max = -Infinity;
    for (const v of z) if (v > max) max = v;
    let total = 0;
    for (const v of z) total += Math.exp(v - max);
    const logZ = Math.log(total);
    let h = 0;
    for (const v of z) {
      const lp = v - max - logZ;
      const p = Math.exp(lp);
      if (p > 0) h -= p * lp;
    }
    return h;
  });
  return { perToken, mean: maskedMean(perToken, options.mask, fn) };
}

/** Lower and upper entropy bounds per position from top-k log-probs. */
export interface EntropyBounds {
  lower: Float64Array;
  upper: Float64Array;
  /** Masked means of the bounds. */
  meanLower: number;
  meanUpper: number;
  /** Tail mass 1 − Σ top p per position. */
  tailMass: Float64Array;
}

/**
 * Brackets the entropy at each position from its top-k log-probs (numbers, or `{token, logProb}` as in
 * `Sample.topLogProbs`) and the vocabulary size V.
 *
 * @example
 * const b = metrics.entropyBounds([[Math.log(0.5), Math.log(0.3)]], 4);
 * // lower = H_2 + 0.2·(−log 0.3), upper = H_2 + 0.2·log(2/0.2)
 */
export function entropyBounds(topLogProbs: (ArrayLike<number> | TokenAlternative[])[], vocabSize: number, options: TokenEntropyOptions = {}): EntropyBounds {
  const fn = 'entropyBounds';
  if (!Array.isArray(topLogProbs) || topLogProbs.length === 0) fail(fn, 'topLogProbs must be a non-empty array of positions');
  const V = check.int(vocabSize, 'vocabSize', fn, { min: 1 });
  const T = topLogProbs.length;
  const lower = new Float64Array(T), upper = new Float64Array(T), tailMass = new Float64Array(T);
  topLogProbs.forEach((row, i) => {
    const lps = Array.isArray(row) && row.length > 0 && typeof row[0] === 'object'
      ? Float64Array.from(row as TokenAlternative[], (a) => a.logProb)
      : check.numbers(row, `topLogProbs[${i}]`, fn);
    const k = lps.length;
    if (k === 0) fail(fn, `topLogProbs[${i}] must not be empty`);
    if (k > V) fail(fn, `topLogProbs[${i}] has more entries than vocabSize (got ${k}, vocabSize=${V})`);
    let mass = 0, hk = 0, pMin = 1;
    lps.forEach((lp, j) => {
      if (!(lp <= 1e-9)) fail(fn, `topLogProbs[${i}][${j}] must be a log-probability ≤ 0 (got ${lp})`);
      const p = Math.exp(lp);
      mass += p;
      if (p > 0) hk -= p * lp;
      if (p < pMin) pMin = p;
    });
    if (mass > 1 + 1e-6) fail(fn, `topLogProbs[${i}] has total probability > 1 (got ${mass})`);
    const tail = Math.max(1 - mass, 0);
    tailMass[i] = tail;
    if (tail === 0 || k === V) {
      lower[i] = hk;
      upper[i] = hk;
      return;
    }
    lower[i] = hk + tail * -Math.log(pMin);
    upper[i] = hk + tail * Math.log((V - k) / tail);
  });
  return { lower, upper, tailMass, meanLower: maskedMean(lower, options.mask, fn), meanUpper: maskedMean(upper, options.mask, fn) };
}

function maskedMean(values: Float64Array, mask: ArrayLike<number> | undefined, fn: string): number {
  if (mask === undefined) {
    let s = 0;
    for (const v of values) s += v;
    return s / values.length;
  }
  const m = check.numbers(mask, 'mask', fn);
  check.sameLength(values, 'positions', m, 'mask', fn);
  let s = 0, c = 0;
  for (let i = 0; i < values.length; i++) if (m[i]) { s += values[i]!; c++; }
  return c === 0 ? NaN : s / c;
}
