/**
 * Self-rewards computed from the policy's own log-probabilities: the sequence log-likelihood of the sharpening
 * mechanism (Huang et al., arXiv 2412.01951: r(x, y) = log π(y|x), or per token) and self-certainty (Kang et al.,
 * arXiv 2502.18581: the mean over positions of KL(U‖p), large when each next-token distribution is peaked).
 */
import { check, fail, type NumericArray } from '../util/check.js';

/** Per-token log-probs of one completion, or anything carrying them (a models.Sample). */
export type TokenLogProbs = NumericArray | { tokenLogProbs: NumericArray };

/** Options for {@link logLikelihood}. */
export interface LogLikelihoodOptions {
  /** 'sum' = log π(y|x); 'mean' = per-token average (length-normalized). Default: 'sum'. */
  reduce?: 'sum' | 'mean';
}

/**
 * Log-likelihood self-reward per completion.
 *
 * @example
 * rewards.logLikelihood([[-0.1, -0.2], [-1]])                          // [−0.3, −1]
 * rewards.logLikelihood(samples[0], { reduce: 'mean' })                // from models.Sample objects
 */
export function logLikelihood(completions: readonly TokenLogProbs[], options: LogLikelihoodOptions = {}): Float64Array {
  const fn = 'logLikelihood';
  if (!Array.isArray(completions)) fail(fn, 'completions must be an array of token log-prob arrays or samples');
  const reduce = check.oneOf(options.reduce ?? 'sum', ['sum', 'mean'] as const, 'reduce', fn);
  return Float64Array.from(completions, (c, i) => {
    const lp = (c && !ArrayBuffer.isView(c) && !Array.isArray(c) ? (c as { tokenLogProbs: NumericArray }).tokenLogProbs : c) as NumericArray;
    const v = check.numbers(lp, `completions[${i}]`, fn, { allowEmpty: reduce === 'sum' });
    let s = 0;
    for (let t = 0; t < v.length; t++) {
      if (v[t]! > 0) fail(fn, `completions[${i}][${t}] must be a log-probability ≤ 0 (got ${v[t]})`);
      s += v[t]!;
    }
    return reduce === 'sum' ? s : s / v.length;
  });
}

/** Options for {@link selfCertainty}. */
export interface SelfCertaintyOptions {
  /** What each distribution row holds. Default: 'logProbs'. */
  input?: 'logProbs' | 'probs' | 'logits';
}

/**
 * Self-certainty per completion: (1/T) Σ_t KL(U‖p_t) = (1/T) Σ_t [−log V − (1/V) Σ_j log p_tj], from the full
 * next-token distribution at each of the T positions (V = vocabulary size). 0 for uniform rows, growing as rows
 * peak; a zero probability (input: 'probs') makes it +∞. Use it to rank best-of-N candidates or as a label-free
 * reward.
 *
 * @example
 * rewards.selfCertainty([[[Math.log(0.5), Math.log(0.5)]]])             // [0] (uniform)
 * rewards.selfCertainty(logitsPerCompletion, { input: 'logits' })
 */
export function selfCertainty(distributions: readonly (readonly NumericArray[])[], options: SelfCertaintyOptions = {}): Float64Array {
  const fn = 'selfCertainty';
  if (!Array.isArray(distributions)) fail(fn, 'distributions must be an array (completions) of arrays (positions) of rows');
  const input = check.oneOf(options.input ?? 'logProbs', ['logProbs', 'probs', 'logits'] as const, 'input', fn);
  return Float64Array.from(distributions, (positions, i) => {
    if (!Array.isArray(positions) || positions.length === 0) fail(fn, `distributions[${i}] must be a non-empty array of rows`);
    let total = 0;
    positions.forEach((row, t) => {
      const r = check.numbers(row, `distributions[${i}][${t}]`, fn);
      const V = r.length;
      let sumLog = 0;
      if (input === 'logits') {
        let max = -Infinity, z = 0, sumLogit = 0;
        for (let j = 0; j < V; j++) max = Math.max(max, r[j]!);
        for (let j = 0; j < V; j++) { z += Math.exp(r[j]! - max); sumLogit += r[j]!; }
        sumLog = sumLogit - V * (max + Math.log(z));
      } else {
        for (let j = 0; j < V; j++) sumLog += input === 'probs' ? Math.log(r[j]!) : r[j]!;
      }
      total += -Math.log(V) - sumLog / V;
    });
    return total / positions.length;
  });
}
