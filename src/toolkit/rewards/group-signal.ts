/**
 * Is there any learning signal in a GRPO batch? A group whose rewards are all equal has zero advantage everywhere, so
 * a batch can show a healthy reward std while the loss is exactly 0 (trl#3857: `frac_reward_zero_std` = 1; trl#3452).
 * This reports the per-group view TRL logs as `frac_reward_zero_std`, plus, for 0/1 rewards, the solve-rate split
 * (all wrong / mixed / all right) that mean ± std hides (prime-rl PR #628).
 */
import { withTable } from '../util/display.js';
import { checkGroups } from './group-advantages.js';
import type { NumericArray } from '../util/check.js';

/** Per-batch summary of group reward spread. */
export interface GroupSignal {
  groups: number;
  /** Share of groups whose rewards are all equal (no GRPO signal). */
  fracZeroStd: number;
  /** Mean within-group sample std. */
  meanGroupStd: number;
  /** Sample std of all rewards together (what a batch-level log shows). */
  batchStd: number;
  /** Groups that still carry signal: groups × (1 − fracZeroStd). */
  effectiveGroups: number;
  /** For rewards in {0, 1} only: shares of groups with no, some, and all completions rewarded; otherwise null. */
  solveRate: { none: number; mixed: number; all: number } | null;
}

/**
 * Summarizes how much signal each group of `groupSize` completions carries.
 *
 * @example
 * rewards.groupSignal([1, 1, 0, 1, 0, 0], 2)   // fracZeroStd 2/3, solveRate { none: 1/3, mixed: 1/3, all: 1/3 }
 */
export function groupSignal(rewards: NumericArray, groupSize: number): GroupSignal {
  const r = checkGroups(rewards, groupSize, 'groupSignal');
  const G = groupSize, groups = r.length / G;
  let zero = 0, stdSum = 0, none = 0, all = 0, binary = true, total = 0;
  for (let i = 0; i < r.length; i++) { total += r[i]!; if (r[i] !== 0 && r[i] !== 1) binary = false; }
  for (let g = 0; g < r.length; g += G) {
    let sum = 0, equal = true;
    for (let i = g; i < g + G; i++) { sum += r[i]!; if (r[i] !== r[g]) equal = false; }
    const mean = sum / G;
    let ss = 0;
    for (let i = g; i < g + G; i++) ss += (r[i]! - mean) ** 2;
    stdSum += G > 1 ? Math.sqrt(ss / (G - 1)) : 0;
    if (equal) { zero++; if (r[g] === 0) none++; else if (r[g] === 1) all++; }
  }
  const mean = total / r.length;
  let ss = 0;
  for (let i = 0; i < r.length; i++) ss += (r[i]! - mean) ** 2;
  const result = {
    groups,
    fracZeroStd: zero / groups,
    meanGroupStd: stdSum / groups,
    batchStd: r.length > 1 ? Math.sqrt(ss / (r.length - 1)) : 0,
    effectiveGroups: groups - zero,
    solveRate: binary ? { none: none / groups, mixed: (groups - none - all) / groups, all: all / groups } : null,
  };
  return withTable(result, () => [{ groups, fracZeroStd: result.fracZeroStd, meanGroupStd: result.meanGroupStd, batchStd: result.batchStd,
    effectiveGroups: result.effectiveGroups, ...(result.solveRate ? { solvedNone: result.solveRate.none, mixed: result.solveRate.mixed, solvedAll: result.solveRate.all } : {}) }],
  { caption: 'group reward signal' });
}
