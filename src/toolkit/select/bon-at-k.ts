/**
 * Exact best-of-k: the expected correctness (or any per-sample value) of the highest-scoring sample in a uniformly
 * random k-subset of the n samples, drawn without replacement. verl's best@N bootstraps with replacement and is biased
 * low (verl PR #7240: 1 correct in 4 gives best@4 ≈ 0.68 where the truth is 1).
 *
 * With samples sorted by ascending score and no ties, BoN@k = Σ_i value_(i) · C(i−1, k−1)/C(n, k) (order statistics,
 * toolkit-anchors §7.18). Ties: the selector picks uniformly among the tied top-scoring samples in the subset. For a
 * block of g tied scores above a samples, P(the subset's maximum lies in the block) = [C(a+g, k) − C(a, k)]/C(n, k),
 * and by symmetry the pick is then a uniform member of the block, so the block contributes that probability times the
 * block's mean value. Without ties this reduces to the formula above.
 */
import { check, fail, type NumericArray } from '../util/check.js';

/** Per-sample values to average at the pick: correctness flags or numbers (e.g. a gold reward). */
export type SampleValues = readonly boolean[] | NumericArray;

/**
 * Exact BoN@k for one problem: E[value of the top-scoring sample among k drawn without replacement], ties split
 * uniformly. With 0/1 `correct` this is the probability the selected sample is correct; with gold rewards it is the
 * expected gold reward of the pick; with `correct = scores` it is E[max score of k samples] (best-reward@k). Pass an
 * array of k to get a Float64Array.
 *
 * @example
 * select.bonAtK([0.1, 0.9, 0.5], [false, true, false], 2)   // 2/3: the pair includes sample 1 in 2 of 3 draws
 * select.bonAtK(logProbs, flags, [1, 2, 4, 8])              // Float64Array of 4
 */
export function bonAtK(scores: NumericArray, correct: SampleValues, k: number): number;
export function bonAtK(scores: NumericArray, correct: SampleValues, k: readonly number[] | NumericArray): Float64Array;
export function bonAtK(scores: NumericArray, correct: SampleValues, k: number | readonly number[] | NumericArray): number | Float64Array {
  const fn = 'bonAtK';
  const s = check.numbers(scores, 'scores', fn);
  if (!Array.isArray(correct) && !ArrayBuffer.isView(correct)) fail(fn, 'correct must be an array of flags or numbers');
  check.sameLength(s, 'scores', correct, 'correct', fn);
  const values = check.numbers(Array.from(correct as ArrayLike<number | boolean>, Number), 'correct', fn);
  const n = s.length;
  const order = sortedOrder(s);
  const ks = typeof k === 'number' ? [k] : Array.from(k);
  if (ks.length === 0) fail(fn, 'k must not be empty');
  const out = new Float64Array(ks.length);
  const ratio = new Float64Array(n + 1);
  for (let j = 0; j < ks.length; j++) {
    const kj = check.int(ks[j], typeof k === 'number' ? 'k' : `k[${j}]`, fn, { min: 1, max: n, maxName: 'n' });
    out[j] = bonFromSorted(s, values, order, kj, ratio);
  }
  return typeof k === 'number' ? out[0]! : out;
}

/** Indices of `s` sorted by ascending score (stable). */
function sortedOrder(s: Float64Array): Uint32Array {
  const order = new Uint32Array(s.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => s[a]! - s[b]! || a - b);
}

/** BoN@k from a sorted order; `ratio` is scratch of length n + 1 for C(N, k)/C(n, k). */
function bonFromSorted(s: Float64Array, values: Float64Array, order: Uint32Array, k: number, ratio: Float64Array): number {
  const n = s.length;
  // C(N, k)/C(n, k) for N = n..0, each step a factor in [0, 1]: C(N−1, k) = C(N, k)·(N−k)/N.
  ratio[n] = 1;
  for (let N = n; N > 0; N--) ratio[N - 1] = N - 1 < k ? 0 : ratio[N]! * ((N - k) / N);
  let total = 0;
  for (let a = 0; a < n;) {
    let end = a + 1, sum = values[order[a]!]!;
    while (end < n && s[order[end]!] === s[order[a]!]) sum += values[order[end++]!]!;
    const g = end - a;
    total += (ratio[end]! - ratio[a]!) * (sum / g);
    a = end;
  }
  return total;
}
