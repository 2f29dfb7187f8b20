/**
 * The entropy mechanism of Cui et al. 2505.22617: under policy gradient, ΔH ≈ −η·Cov(log π, A), so a positive
 * covariance between token log-probs and advantages predicts falling entropy. Per token,
 * cov_i = (A_i − Ā)(log π_i − mean log π) over the masked tokens of the batch (verl compute_policy_loss_clip_cov).
 * Clip-Cov and KL-Cov pick the few high-covariance tokens to detach or to penalize with β·|log π − log π_old|.
 */
import { check, fail } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED } from '../util/random.js';

/** Per-token covariance terms. */
export interface LogpAdvantageCovariance {
  /** cov_i for every token (0 where masked out). */
  perToken: Float64Array;
  /** Mean of cov_i over active tokens: the batch covariance; its sign predicts −ΔH. */
  mean: number;
  /** Number of active tokens. */
  active: number;
}

/**
 * Token-level covariance between log-probabilities and advantages (flattened tokens; advantages broadcast per token).
 *
 * @example
 * metrics.logpAdvantageCovariance([-0.1, -2, -0.2, -3], [1, -1, 1, -1]).mean; // > 0: entropy will fall
 */
export function logpAdvantageCovariance(logp: ArrayLike<number>, advantages: ArrayLike<number>, options: { mask?: ArrayLike<number> } = {}): LogpAdvantageCovariance {
  const fn = 'logpAdvantageCovariance';
  const lp = check.numbers(logp, 'logp', fn);
  const adv = check.numbers(advantages, 'advantages', fn);
  check.sameLength(lp, 'logp', adv, 'advantages', fn);
  const mask = options.mask === undefined ? undefined : check.numbers(options.mask, 'mask', fn);
  if (mask) check.sameLength(lp, 'logp', mask, 'mask', fn);
  let active = 0, sumLp = 0, sumA = 0;
  for (let i = 0; i < lp.length; i++) if (!mask || mask[i]) { active++; sumLp += lp[i]!; sumA += adv[i]!; }
  if (active === 0) fail(fn, 'mask selects no tokens');
  const mLp = sumLp / active, mA = sumA / active;
  const perToken = new Float64Array(lp.length);
  let total = 0;
  for (let i = 0; i < lp.length; i++) {
    if (mask && !mask[i]) continue;
    perToken[i] = (adv[i]! - mA) * (lp[i]! - mLp);
    total += perToken[i]!;
  }
  return { perToken, mean: total / active, active };
}

/** Options for {@link clipCovSelect}. */
export interface ClipCovOptions {
  /** Share r of active tokens to detach: max(1, ⌊r·N⌋). Default: 2e-4. */
  ratio?: number;
  /** Candidates satisfy lower < cov_i < upper. Defaults: 1 and 5 (the paper's bounds). */
  lower?: number;
  upper?: number;
  /** 1 for active tokens. Default: all. */
  mask?: ArrayLike<number>;
  /** Seed for the random pick. Default: 0. */
  seed?: number;
}

/**
 * Clip-Cov: random tokens among those with cov_i in (lower, upper), whose gradient is then set to 0. Returns
 * sorted token indices (fewer when there are fewer candidates).
 *
 * @example
 * metrics.clipCovSelect(cov.perToken, { ratio: 0.01, seed: 1 });
 */
export function clipCovSelect(cov: ArrayLike<number>, options: ClipCovOptions = {}): number[] {
  const fn = 'clipCovSelect';
  const c = check.numbers(cov, 'cov', fn);
  const ratio = check.probability(options.ratio ?? 2e-4, 'ratio', fn);
  const lower = check.finite(options.lower ?? 1, 'lower', fn);
  const upper = check.finite(options.upper ?? 5, 'upper', fn, { min: lower, minName: 'lower' });
  const mask = options.mask === undefined ? undefined : check.numbers(options.mask, 'mask', fn);
  if (mask) check.sameLength(c, 'cov', mask, 'mask', fn);
  let active = 0;
  const candidates: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (mask && !mask[i]) continue;
    active++;
    if (c[i]! > lower && c[i]! < upper) candidates.push(i);
  }
  const count = Math.min(Math.max(1, Math.floor(ratio * active)), candidates.length);
  // Partial Fisher–Yates shuffle: the first `count` entries are a uniform random subset.
  const r = makeRng(options.seed ?? DEFAULT_SEED);
  for (let i = 0; i < count; i++) {
    const j = i + r.int(candidates.length - i);
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  return candidates.slice(0, count).sort((a, b) => a - b);
}

/**
 * KL-Cov: the top max(1, ⌊k·N⌋) active tokens by cov_i, which get the penalty β·|log π − log π_old|. Note k is a
 * fraction (2e-3 for 7B, 2e-4 for 32B); the reference repo's `k_percent` stores it in percent.
 *
 * @example
 * metrics.klCovSelect(cov.perToken, { k: 0.01 });
 */
export function klCovSelect(cov: ArrayLike<number>, options: { k?: number; mask?: ArrayLike<number> } = {}): number[] {
  const fn = 'klCovSelect';
  const c = check.numbers(cov, 'cov', fn);
  const k = check.probability(options.k ?? 2e-3, 'k', fn);
  const mask = options.mask === undefined ? undefined : check.numbers(options.mask, 'mask', fn);
  if (mask) check.sameLength(c, 'cov', mask, 'mask', fn);
  const activeIdx: number[] = [];
  for (let i = 0; i < c.length; i++) if (!mask || mask[i]) activeIdx.push(i);
  const count = Math.min(Math.max(1, Math.floor(k * activeIdx.length)), activeIdx.length);
  return activeIdx.sort((a, b) => c[b]! - c[a]! || a - b).slice(0, count).sort((a, b) => a - b);
}
