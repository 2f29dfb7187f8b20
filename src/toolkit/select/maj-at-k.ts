/**
 * Exact maj@k: the probability that the plurality answer of a uniformly random k-subset (without replacement) of the
 * n samples is correct, ties split uniformly among the tied answers. lm-eval's maj@8 votes over the *first* 8 samples
 * and verl's maj@N bootstraps with replacement (biased, verl PR #7240); this is the quantity both try to estimate.
 *
 * Method (toolkit-anchors §7.17): the class counts of a random k-subset are multivariate hypergeometric. For each
 * correct class and each vote count t it could get, a DP over the other classes accumulates the weight of draws in
 * which every other class has ≤ t votes, tracking how many tie at t (the winner is then uniform among 1 + ties).
 * Classes with fewer than t samples can never reach t, so they are pooled into one Vandermonde term instead of
 * entering the DP; the DP only runs over the ≤ n/t classes that can. Cost per (class, t) is O(n/t · k · t · ties).
 */
import { check, fail, type NumericArray } from '../util/check.js';
import { answerClasses, type Answers, type Correctness } from './answers.js';
import { binomialPmf, binomialPmfRow } from './binomial.js';

/** Reusable buffers, grown on demand, so the hot loop allocates nothing. */
class Workspace {
  a = new Float64Array(64);
  b = new Float64Array(64);
  big = new Int32Array(16);
  ensure(size: number, classes: number): void {
    if (this.a.length < size) { this.a = new Float64Array(size); this.b = new Float64Array(size); }
    if (this.big.length < classes) this.big = new Int32Array(classes);
  }
}

/**
 * maj@k from answer-class counts: `counts[i]` samples gave answer i, `correct[i]` is 1 for correct answers,
 * `abstain` samples gave none (they never vote). Callers validate 1 ≤ k ≤ n.
 */
export function majAtKFromCounts(counts: Int32Array, correct: Uint8Array, abstain: number, k: number, ws: Workspace = new Workspace()): number {
  let n = abstain;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  const p = k / n;
  const rows = new Map<number, Float64Array>();
  const row = (m: number): Float64Array => {
    let r = rows.get(m);
    if (!r) { r = binomialPmfRow(m, p, k, new Float64Array(k + 1)); rows.set(m, r); }
    return r;
  };
  let total = 0;
  for (let c = 0; c < counts.length; c++) {
    if (correct[c]) total += winWeight(c, counts, abstain, k, row, ws);
  }
  return Math.min(1, total / binomialPmf(k, n, p));
}

/** Σ over draws where class c wins (ties split) of ∏ Binomial pmfs; divide by Binomial(k; n, p) for a probability. */
function winWeight(c: number, counts: Int32Array, abstain: number, k: number, row: (m: number) => Float64Array, ws: Workspace): number {
  const mStar = counts[c]!;
  const own = row(mStar);
  let res = 0;
  for (let t = 1; t <= Math.min(mStar, k); t++) {
    if (own[t] === 0) continue; // e.g. k = n: only t = mStar has probability
    const rem = k - t;
    let nBig = 0, pool = abstain;
    ws.ensure(0, counts.length);
    for (let i = 0; i < counts.length; i++) {
      if (i === c) continue;
      if (counts[i]! >= t) ws.big[nBig++] = i;
      else pool += counts[i]!;
    }
    const J = Math.min(nBig, Math.floor(rem / t));
    const W = rem + 1;
    ws.ensure((J + 1) * W, counts.length);
    let dp = ws.a, nx = ws.b;
    dp.fill(0, 0, (J + 1) * W);
    dp[0] = 1;
    let sHi = 0, jHi = 0;
    for (let b = 0; b < nBig; b++) {
      const pr = row(counts[ws.big[b]!]!);
      const jNext = Math.min(J, jHi + 1), sNext = Math.min(rem, sHi + t);
      for (let j = 0; j <= jNext; j++) nx.fill(0, j * W, j * W + sNext + 1);
      for (let j = 0; j <= jHi; j++) {
        const base = j * W;
        for (let s = 0; s <= sHi; s++) {
          const v = dp[base + s]!;
          if (v === 0) continue;
          const xMax = Math.min(t - 1, rem - s);
          for (let x = 0; x <= xMax; x++) nx[base + s + x] += v * pr[x]!;
          if (j < J && s + t <= rem) nx[base + W + s + t] += v * pr[t]!;
        }
      }
      const swap = dp; dp = nx; nx = swap;
      sHi = sNext; jHi = jNext;
    }
    // The pooled classes (and abstentions) supply the remaining rem − s votes with no constraint (Vandermonde).
    const poolRow = row(pool);
    let tot = 0;
    for (let j = 0; j <= jHi; j++) {
      let sum = 0;
      const base = j * W;
      for (let s = 0; s <= sHi; s++) {
        const v = dp[base + s]!;
        if (v !== 0 && rem - s <= pool) sum += v * poolRow[rem - s]!;
      }
      tot += sum / (1 + j);
    }
    res += own[t]! * tot;
  }
  return res;
}

/**
 * Exact maj@k for one problem: the probability that the most common answer among k samples drawn without
 * replacement from `answers` is correct. Ties are split uniformly (a 2-way tie with the right answer counts ½).
 * `null`/`undefined` answers abstain: they fill a slot but never vote, and a subset with no votes is wrong.
 * `correct` is the gold answer, or one flag per sample (flags must agree within an answer; several answers may be
 * correct). Pass an array of k to get a Float64Array.
 *
 * @example
 * select.majAtK(['4', '4', '5', null], '4', 3)                  // 0.75
 * select.majAtK(answers, [true, false, ...], [1, 4, 16])        // Float64Array of 3
 */
export function majAtK(answers: Answers, correct: Correctness, k: number): number;
export function majAtK(answers: Answers, correct: Correctness, k: readonly number[] | NumericArray): Float64Array;
export function majAtK(answers: Answers, correct: Correctness, k: number | readonly number[] | NumericArray): number | Float64Array {
  const fn = 'majAtK';
  if (correct === undefined) fail(fn, 'correct must be the gold answer or one flag per sample (got undefined)');
  const cls = answerClasses(answers, correct, fn);
  const n = answers.length;
  const ws = new Workspace();
  if (typeof k === 'number') {
    check.int(k, 'k', fn, { min: 1, max: n, maxName: 'n' });
    return majAtKFromCounts(cls.counts, cls.correct, cls.abstain, k, ws);
  }
  if (k.length === 0) fail(fn, 'k must not be empty');
  const out = new Float64Array(k.length);
  for (let j = 0; j < k.length; j++) {
    check.int(k[j], `k[${j}]`, fn, { min: 1, max: n, maxName: 'n' });
    out[j] = majAtKFromCounts(cls.counts, cls.correct, cls.abstain, k[j]!, ws);
  }
  return out;
}
