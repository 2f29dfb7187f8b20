/**
 * PPO clipping diagnostics (Schulman et al., arXiv 1707.06347) with TRL's definitions: ratio = π/π_old per token;
 * a token is low-clipped when ratio < 1 − εlow and A < 0, high-clipped when ratio > 1 + εhigh and A > 0 (those are
 * the tokens whose gradient the clip removes); approx KL = ½·mean((log ratio)²). The Cookbook's rule of thumb: the
 * ratio should hover near 1, and values like 2 or 0.1 mean updates are too large. εhigh > εlow is DAPO's clip-higher
 * (arXiv 2503.14476, εhigh = 0.28).
 */
import { check, fail, type NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';

/** Options for {@link ppoClipStats}. */
export interface PpoClipOptions {
  /** Lower clip range. Default: 0.2. */
  epsLow?: number;
  /** Upper clip range. Default: epsLow. */
  epsHigh?: number;
  /** 1 for tokens to include, 0 for padding. Default: all included. */
  mask?: NumericArray;
}

/** Clip fractions and ratio statistics over the included tokens. */
export interface PpoClipStats {
  lowClipFrac: number;
  highClipFrac: number;
  regionClipFrac: number;
  approxKl: number;
  ratioMean: number;
  ratioVar: number;
  /** Mean clipped surrogate loss −min(ratio·A, clip(ratio)·A). */
  policyLoss: number;
  tokens: number;
}

/**
 * Clip statistics from new and old log-probs of the sampled tokens and their advantages.
 *
 * @example
 * rewards.ppoClipStats(logp, oldLogp, adv, { epsLow: 0.2, epsHigh: 0.28 }).regionClipFrac
 */
export function ppoClipStats(logProbs: NumericArray, oldLogProbs: NumericArray, advantages: NumericArray, options: PpoClipOptions = {}): PpoClipStats {
  const fn = 'ppoClipStats';
  const lp = check.numbers(logProbs, 'logProbs', fn);
  const old = check.numbers(oldLogProbs, 'oldLogProbs', fn);
  const adv = check.numbers(advantages, 'advantages', fn);
  check.sameLength(lp, 'logProbs', old, 'oldLogProbs', fn);
  check.sameLength(lp, 'logProbs', adv, 'advantages', fn);
  const epsLow = check.finite(options.epsLow ?? 0.2, 'epsLow', fn, { min: 0, max: 1 });
  const epsHigh = check.finite(options.epsHigh ?? epsLow, 'epsHigh', fn, { min: 0 });
  const mask = options.mask === undefined ? undefined : check.numbers(options.mask, 'mask', fn);
  if (mask) check.sameLength(lp, 'logProbs', mask, 'mask', fn);
  let tokens = 0, low = 0, high = 0, kl = 0, sr = 0, sr2 = 0, loss = 0;
  for (let i = 0; i < lp.length; i++) {
    const w = mask ? mask[i]! : 1;
    if (w !== 0 && w !== 1) fail(fn, `mask[${i}] must be 0 or 1 (got ${w})`);
    if (!w) continue;
    const d = lp[i]! - old[i]!;
    const ratio = Math.exp(d), a = adv[i]!;
    tokens++;
    if (ratio < 1 - epsLow && a < 0) low++;
    if (ratio > 1 + epsHigh && a > 0) high++;
    kl += 0.5 * d * d;
    sr += ratio; sr2 += ratio * ratio;
    const clipped = Math.min(Math.max(ratio, 1 - epsLow), 1 + epsHigh);
    loss += -Math.min(ratio * a, clipped * a);
  }
  if (tokens === 0) fail(fn, 'mask must include at least one token');
  const ratioMean = sr / tokens;
  const result = {
    lowClipFrac: low / tokens, highClipFrac: high / tokens, regionClipFrac: (low + high) / tokens,
    approxKl: kl / tokens, ratioMean, ratioVar: Math.max(0, sr2 / tokens - ratioMean * ratioMean), policyLoss: loss / tokens, tokens,
  };
  return withTable(result, () => [{ ...result }], { caption: `PPO clip statistics (εlow=${epsLow}, εhigh=${epsHigh})` });
}
