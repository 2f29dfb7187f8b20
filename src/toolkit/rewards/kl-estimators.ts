/**
 * Monte-Carlo estimators of KL(π‖π_ref) from log-probabilities of tokens sampled from π (Schulman, "Approximating KL
 * divergence", 2020), with Δ = log π − log π_ref per token:
 * k1 = Δ (unbiased, high variance, can be negative), k2 = ½Δ² (biased, low variance),
 * k3 = e^{−Δ} + Δ − 1 (unbiased and always ≥ 0; TRL's GRPO `beta` term and verl's `low_var_kl`, which also clamps it
 * to ±10: pass `clamp: 10` to match).
 */
import { check, fail, type NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';

/** Options for {@link klEstimators}. */
export interface KlEstimatorOptions {
  /** 1 for tokens to include, 0 for padding; summaries average over included tokens. Default: all included. */
  mask?: NumericArray;
  /** Clamp each k3 value to [−clamp, clamp] as verl does. Default: no clamp. */
  clamp?: number;
}

/** Per-token estimates and their masked means. */
export interface KlEstimates {
  k1: Float64Array;
  k2: Float64Array;
  k3: Float64Array;
  mean: { k1: number; k2: number; k3: number };
  tokens: number;
}

/**
 * Per-token KL estimates k1, k2, k3 from policy and reference log-probs of the *sampled* tokens.
 *
 * @example
 * const kl = rewards.klEstimators(logp, refLogp)
 * kl.mean.k3                       // ≈ KL(π‖π_ref) per token
 */
export function klEstimators(logProbs: NumericArray, refLogProbs: NumericArray, options: KlEstimatorOptions = {}): KlEstimates {
  const fn = 'klEstimators';
  const lp = check.numbers(logProbs, 'logProbs', fn);
  const ref = check.numbers(refLogProbs, 'refLogProbs', fn);
  check.sameLength(lp, 'logProbs', ref, 'refLogProbs', fn);
  const mask = options.mask === undefined ? undefined : check.numbers(options.mask, 'mask', fn);
  if (mask) check.sameLength(lp, 'logProbs', mask, 'mask', fn);
  const clamp = options.clamp === undefined ? Infinity : check.finite(options.clamp, 'clamp', fn, { min: 0 });
  const n = lp.length;
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n);
  let s1 = 0, s2 = 0, s3 = 0, tokens = 0;
  for (let i = 0; i < n; i++) {
    const d = lp[i]! - ref[i]!;
    k1[i] = d;
    k2[i] = 0.5 * d * d;
    // expm1 keeps k3 accurate when Δ is tiny: e^{−Δ} − 1 + Δ.
    k3[i] = Math.max(-clamp, Math.min(clamp, Math.expm1(-d) + d));
    const w = mask ? mask[i]! : 1;
    if (w !== 0 && w !== 1) fail(fn, `mask[${i}] must be 0 or 1 (got ${w})`);
    if (w) { s1 += k1[i]!; s2 += k2[i]!; s3 += k3[i]!; tokens++; }
  }
  const mean = tokens > 0 ? { k1: s1 / tokens, k2: s2 / tokens, k3: s3 / tokens } : { k1: NaN, k2: NaN, k3: NaN };
  const result = { k1, k2, k3, mean, tokens };
  return withTable(result, () => [{ estimator: 'k1', mean: mean.k1 }, { estimator: 'k2', mean: mean.k2 }, { estimator: 'k3', mean: mean.k3 }], { caption: `KL estimates over ${tokens} tokens` });
}
