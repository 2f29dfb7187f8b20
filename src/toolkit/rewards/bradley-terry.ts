/**
 * Bradley–Terry preference models. `bradleyTerry` fits item strengths from (winner, loser) pairs by Hunter's MM
 * algorithm (Ann. Statist. 32(1), 2004), which increases the likelihood every step and needs no learning rate.
 * `preferenceAccuracy` scores a reward model on (chosen, rejected) pairs with the metrics TRL's RewardTrainer logs
 * (accuracy, margin, BT loss −log σ(r+ − r−)).
 */
import { check, describe, fail, type NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';
import { softplus } from './dpo-stats.js';

/** An item identifier. */
export type ItemId = string | number;

/** Options for {@link bradleyTerry}. */
export interface BradleyTerryOptions {
  /**
   * Pseudo-count: each item gets this many virtual wins and losses against a virtual item of score 0, which keeps
   * scores finite for items that never lose or never win. 0 = plain maximum likelihood. Default: 0.
   */
  prior?: number;
  /** Maximum MM iterations. Default: 10000. */
  maxIter?: number;
  /** Stop when no log-strength moves more than this. Default: 1e-10. */
  tol?: number;
}

/** A fitted Bradley–Terry model: P(i beats j) = σ(s_i − s_j). */
export interface BradleyTerryFit {
  /** Log-strength per item, centered to mean 0. */
  scores: Map<ItemId, number>;
  /** Share of the given pairs the fit orders correctly (ties count ½). */
  accuracy: number;
  /** Mean of s_winner − s_loser over the pairs. */
  margin: number;
  /** Mean log-likelihood per pair. */
  logLikelihood: number;
  iterations: number;
  rows: { item: ItemId; score: number; wins: number; losses: number }[];
}

/**
 * Fits Bradley–Terry strengths to pairwise outcomes.
 *
 * @example
 * const bt = rewards.bradleyTerry([['a', 'b'], ['a', 'b'], ['b', 'a']])
 * bt.scores.get('a')! - bt.scores.get('b')!   // log 2
 */
export function bradleyTerry(pairs: readonly (readonly [ItemId, ItemId])[], options: BradleyTerryOptions = {}): BradleyTerryFit {
  const fn = 'bradleyTerry';
  if (!Array.isArray(pairs) || pairs.length === 0) fail(fn, 'pairs must be a non-empty array of [winner, loser]');
  const prior = check.finite(options.prior ?? 0, 'prior', fn, { min: 0 });
  const maxIter = check.int(options.maxIter ?? 10_000, 'maxIter', fn, { min: 1 });
  const tol = check.finite(options.tol ?? 1e-10, 'tol', fn, { min: 0 });
  const index = new Map<ItemId, number>();
  const items: ItemId[] = [];
  const id = (x: ItemId, i: number): number => {
    if (typeof x !== 'string' && typeof x !== 'number') fail(fn, `pairs[${i}] must hold item ids (got ${describe(x)})`);
    let k = index.get(x);
    if (k === undefined) { k = items.length; index.set(x, k); items.push(x); }
    return k;
  };
  const w = new Int32Array(pairs.length), l = new Int32Array(pairs.length);
  pairs.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) fail(fn, `pairs[${i}] must be [winner, loser]`);
    w[i] = id(p[0], i); l[i] = id(p[1], i);
    if (w[i] === l[i]) fail(fn, `pairs[${i}] compares ${JSON.stringify(p[0])} with itself`);
  });
  const m = items.length;
  const wins = new Float64Array(m), losses = new Float64Array(m);
  for (let i = 0; i < pairs.length; i++) { wins[w[i]!]++; losses[l[i]!]++; }
  if (prior === 0) {
    for (let k = 0; k < m; k++) {
      if (wins[k] === 0 || losses[k] === 0) {
        fail(fn, `item ${JSON.stringify(items[k])} ${wins[k] === 0 ? 'never wins' : 'never loses'}, so its maximum-likelihood score is infinite; pass prior > 0 (e.g. 0.5)`);
      }
    }
  }
  let p = new Float64Array(m).fill(1);
  const denom = new Float64Array(m);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    // MM step: p_k ← (W_k + α) / (Σ_{pairs with k} 1/(p_k + p_other) + 2α/(p_k + 1)).
    for (let k = 0; k < m; k++) denom[k] = prior > 0 ? (2 * prior) / (p[k]! + 1) : 0;
    for (let i = 0; i < pairs.length; i++) {
      const s = 1 / (p[w[i]!]! + p[l[i]!]!);
      denom[w[i]!] += s; denom[l[i]!] += s;
    }
    const next = new Float64Array(m);
    let logMean = 0;
    for (let k = 0; k < m; k++) { next[k] = (wins[k]! + prior) / denom[k]!; logMean += Math.log(next[k]!) / m; }
    // Without a prior only differences are identified: renormalize to geometric mean 1 each step.
    if (prior === 0) for (let k = 0; k < m; k++) next[k] = next[k]! / Math.exp(logMean);
    let move = 0;
    for (let k = 0; k < m; k++) move = Math.max(move, Math.abs(Math.log(next[k]!) - Math.log(p[k]!)));
    p = next;
    if (move <= tol) { iterations++; break; }
  }
  const s = Array.from(p, Math.log);
  const center = s.reduce((a, b) => a + b, 0) / m;
  for (let k = 0; k < m; k++) s[k]! -= center;
  let correct = 0, margin = 0, ll = 0;
  for (let i = 0; i < pairs.length; i++) {
    const d = s[w[i]!]! - s[l[i]!]!;
    correct += d > 0 ? 1 : d === 0 ? 0.5 : 0;
    margin += d;
    ll -= softplus(-d);
  }
  const scores = new Map(items.map((it, k) => [it, s[k]!] as const));
  const rows = items.map((item, k) => ({ item, score: s[k]!, wins: wins[k]!, losses: losses[k]! })).sort((a, b) => b.score - a.score);
  const result = { scores, accuracy: correct / pairs.length, margin: margin / pairs.length, logLikelihood: ll / pairs.length, iterations, rows };
  return withTable(result, () => rows.map((r) => ({ ...r, item: String(r.item) })), { caption: `Bradley–Terry fit: accuracy ${result.accuracy.toFixed(3)}, margin ${result.margin.toFixed(3)}` });
}

/** Reward-model metrics on preference pairs. */
export interface PreferenceAccuracy {
  /** Share of pairs with r(chosen) > r(rejected) (ties ½). */
  accuracy: number;
  /** Mean r(chosen) − r(rejected). */
  margin: number;
  /** Mean Bradley–Terry loss −log σ(r(chosen) − r(rejected)). */
  loss: number;
  pairs: number;
}

/**
 * Accuracy, margin and BT loss of reward-model scores on (chosen, rejected) pairs.
 *
 * @example
 * rewards.preferenceAccuracy([2, 0.5], [1, 1])   // accuracy 0.5, margin 0.25
 */
export function preferenceAccuracy(chosen: NumericArray, rejected: NumericArray): PreferenceAccuracy {
  const fn = 'preferenceAccuracy';
  const c = check.numbers(chosen, 'chosen', fn), r = check.numbers(rejected, 'rejected', fn);
  check.sameLength(c, 'chosen', r, 'rejected', fn);
  let acc = 0, margin = 0, loss = 0;
  for (let i = 0; i < c.length; i++) {
    const d = c[i]! - r[i]!;
    acc += d > 0 ? 1 : d === 0 ? 0.5 : 0;
    margin += d;
    loss += softplus(-d);
  }
  const n = c.length;
  const result = { accuracy: acc / n, margin: margin / n, loss: loss / n, pairs: n };
  return withTable(result, () => [{ ...result }], { caption: 'reward model on preference pairs' });
}
