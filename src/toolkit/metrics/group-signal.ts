/**
 * How much learning signal a GRPO batch carries: a group whose rewards are all equal has zero advantage everywhere,
 * so the loss is 0 even though the batch reward std is not (trl#3857; TRL logs this as frac_reward_zero_std).
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';

/** Result of {@link groupSignal}. */
export interface GroupSignal {
  groups: number;
  /** Groups whose rewards all lie within `tolerance` of each other. */
  zeroStdGroups: number;
  /** zeroStdGroups / groups (TRL's frac_reward_zero_std). */
  fracZeroStd: number;
  /** Samples in groups that carry signal. */
  effectiveBatch: number;
  /** For 0/1 rewards: groups all wrong, mixed, all right (null otherwise). */
  solveHistogram: { allWrong: number; mixed: number; allRight: number } | null;
}

/**
 * Splits consecutive rewards into groups of `groupSize` and counts the groups with no reward variance.
 *
 * @example
 * metrics.groupSignal([1, 1, 1, 1, 0, 1, 0, 0], 4).fracZeroStd; // 0.5
 */
export function groupSignal(rewards: ArrayLike<number>, groupSize: number, options: { tolerance?: number } = {}): GroupSignal & Displayable {
  const fn = 'groupSignal';
  const r = check.numbers(rewards, 'rewards', fn);
  const G = check.int(groupSize, 'groupSize', fn, { min: 1 });
  if (r.length % G !== 0) fail(fn, `rewards length must be a multiple of groupSize (got ${r.length}, groupSize=${G})`);
  const tolerance = check.finite(options.tolerance ?? 0, 'tolerance', fn, { min: 0 });
  const groups = r.length / G;
  const binary = r.every((v) => v === 0 || v === 1);
  const hist = { allWrong: 0, mixed: 0, allRight: 0 };
  let zero = 0;
  for (let g = 0; g < groups; g++) {
    let min = Infinity, max = -Infinity, sum = 0;
    for (let i = g * G; i < (g + 1) * G; i++) { min = Math.min(min, r[i]!); max = Math.max(max, r[i]!); sum += r[i]!; }
    if (max - min <= tolerance) zero++;
    if (binary) {
      if (sum === 0) hist.allWrong++;
      else if (sum === G) hist.allRight++;
      else hist.mixed++;
    }
  }
  const result = { groups, zeroStdGroups: zero, fracZeroStd: zero / groups, effectiveBatch: (groups - zero) * G, solveHistogram: binary ? hist : null };
  return withTable(result, () => [{ groups, zeroStdGroups: zero, fracZeroStd: result.fracZeroStd, effectiveBatch: result.effectiveBatch, ...(binary ? hist : {}) }]);
}
