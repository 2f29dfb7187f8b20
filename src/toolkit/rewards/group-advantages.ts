/**
 * Group-relative advantages (GRPO, Shao et al. arXiv 2402.03300): each prompt's G completions sit contiguously in
 * `rewards`, and A_i = (r_i − mean_group)/(std + eps).
 *
 * Std convention: the *sample* std (ddof = 1, Bessel's correction) by default, because TRL, verl and OpenRLHF all
 * call `torch.std`, which is unbiased by default, so advantages computed here match the ones those trainers log. Pass
 * `ddof: 0` for the population std. `eps` = 1e-4 is TRL's constant. `scale: 'batch'` keeps the group mean but divides
 * by the std of the whole batch (PPO-Lite, arXiv 2508.08221); `scale: 'none'` only subtracts the group mean
 * (Dr. GRPO, arXiv 2503.20783, which argues the division biases updates toward easy and hard prompts).
 * A group of one has no spread: its advantage is 0 (so is a constant group's, even with eps = 0).
 */
import { check, describe, fail, type NumericArray } from '../util/check.js';

/** How advantages are scaled after subtracting the group mean. */
export type AdvantageScale = 'group' | 'batch' | 'none';

/** Options for {@link groupAdvantages}. */
export interface GroupAdvantageOptions {
  /** Default: 'group'. */
  scale?: AdvantageScale;
  /** Added to the std before dividing. Default: 1e-4 (TRL). */
  eps?: number;
  /** Delta degrees of freedom of the std: 1 = sample std (torch default), 0 = population std. Default: 1. */
  ddof?: 0 | 1;
  /**
   * NaN rewards (e.g. rows no reward applied to): 'error' rejects them; 'ignore' leaves them out of the group
   * mean and std and gives them advantage 0, as TRL does for rows where every reward returned None. Default: 'error'.
   */
  nan?: 'error' | 'ignore';
}

const DEFAULTS = { scale: 'group', eps: 1e-4, ddof: 1, nan: 'error' } as const;

/** Validates rewards and group size shared by the advantage functions; returns the rewards as Float64Array. */
export function checkGroups(rewards: NumericArray, groupSize: number, fn: string, allowNaN = false, minGroup = 1): Float64Array {
  const r = check.numbers(rewards, 'rewards', fn, { allowNaN });
  checkGroupSize(r.length, groupSize, fn, minGroup);
  return r;
}

function checkGroupSize(length: number, groupSize: number, fn: string, minGroup: number): void {
  check.int(groupSize, 'groupSize', fn, { min: minGroup });
  if (length % groupSize !== 0) {
    fail(fn, `rewards length must be a multiple of groupSize (got ${length} rewards, groupSize=${groupSize})`);
  }
}

/** Rewards as a Float64Array without a validation pass (groupAdvantages validates inside its first loop). */
function asFloat64(rewards: NumericArray, fn: string): Float64Array {
  if (!Array.isArray(rewards) && !ArrayBuffer.isView(rewards)) fail(fn, `rewards must be an array of numbers (got ${describe(rewards)})`);
  const r = rewards instanceof Float64Array ? rewards : Float64Array.from(rewards);
  if (r.length === 0) fail(fn, 'rewards must not be empty');
  return r;
}

function badReward(r: Float64Array, i: number, fn: string): never {
  return fail(fn, Number.isNaN(r[i]) ? `rewards[${i}] is NaN (pass nan: 'ignore' to give such rows advantage 0)` : `rewards[${i}] must be finite (got ${r[i]})`);
}

/**
 * GRPO advantages for contiguous groups of `groupSize` completions.
 *
 * @example
 * rewards.groupAdvantages([1, 0, 0, 1], 2)                     // [0.7070…, −0.7070…, −0.7070…, 0.7070…]
 * rewards.groupAdvantages(r, 8, { scale: 'none' })             // Dr. GRPO: r − group mean
 */
export function groupAdvantages(rewards: NumericArray, groupSize: number, options: GroupAdvantageOptions = {}): Float64Array {
  const fn = 'groupAdvantages';
  const scale = check.oneOf(options.scale ?? DEFAULTS.scale, ['group', 'batch', 'none'] as const, 'scale', fn);
  const eps = check.finite(options.eps ?? DEFAULTS.eps, 'eps', fn, { min: 0 });
  const ddof = check.int(options.ddof ?? DEFAULTS.ddof, 'ddof', fn, { min: 0, max: 1 });
  const nan = check.oneOf(options.nan ?? DEFAULTS.nan, ['error', 'ignore'] as const, 'nan', fn);
  const r = asFloat64(rewards, fn);
  checkGroupSize(r.length, groupSize, fn, 1);
  const allowNaN = nan === 'ignore';
  const out = new Float64Array(r.length);
  const G = groupSize;
  // Batch std over every non-NaN reward (two-pass for accuracy).
  let batchStd = 0;
  if (scale === 'batch') {
    for (let i = 0; i < r.length; i++) if (!(r[i]! - r[i]! === 0) && (r[i] === r[i] || !allowNaN)) badReward(r, i, fn);
    batchStd = stdOf(r, 0, r.length, ddof);
  }
  for (let g = 0; g < r.length; g += G) {
    const end = g + G;
    let sum = 0, m = 0;
    for (let i = g; i < end; i++) {
      const v = r[i]!;
      // v − v is 0 for finite v and NaN for NaN or ±Infinity: one test validates and skips.
      if (v - v === 0) { sum += v; m++; } else if (v === v || !allowNaN) badReward(r, i, fn);
    }
    const mean = m > 0 ? sum / m : 0;
    let div = 1;
    if (scale === 'group') {
      let ss = 0;
      for (let i = g; i < end; i++) { const d = r[i]! - mean; if (d === d) ss += d * d; }
      div = (m - ddof > 0 ? Math.sqrt(ss / (m - ddof)) : 0) + eps;
    } else if (scale === 'batch') {
      div = batchStd + eps;
    }
    const scaleBy = 1 / div;
    // NaN rows, groups too small to have a std, and (with eps = 0) constant groups carry no signal.
    const signal = m - ddof > 0 && div > 0;
    for (let i = g; i < end; i++) {
      const v = r[i]!;
      out[i] = v !== v || !signal ? 0 : (v - mean) * scaleBy;
    }
  }
  return out;
}

/** Std of the non-NaN values in r[start, end) with the given ddof (two passes, for accuracy). */
function stdOf(r: Float64Array, start: number, end: number, ddof: number): number {
  let m = 0, sum = 0;
  for (let i = start; i < end; i++) { const v = r[i]!; if (v === v) { sum += v; m++; } }
  const mu = m > 0 ? sum / m : 0;
  if (m - ddof <= 0) return 0;
  let ss = 0;
  for (let i = start; i < end; i++) { const v = r[i]!; if (v === v) ss += (v - mu) * (v - mu); }
  return Math.sqrt(ss / (m - ddof));
}
