/**
 * RLOO's leave-one-out baseline (Ahmadian et al., arXiv 2402.14740; TRL RLOOTrainer): each completion is compared with
 * the mean reward of the other completions for the same prompt.
 */
import type { NumericArray } from '../util/check.js';
import { checkGroups } from './group-advantages.js';

/**
 * RLOO advantages: A_i = r_i − mean_{j≠i} r_j within each group of `groupSize` (≥ 2), which equals
 * G/(G−1)·(r_i − mean_group), an unbiased baseline because it excludes the sample's own reward.
 *
 * @example
 * rewards.rlooAdvantages([1, 0, 0, 0], 4)   // [1, −1/3, −1/3, −1/3]
 */
export function rlooAdvantages(rewards: NumericArray, groupSize: number): Float64Array {
  const r = checkGroups(rewards, groupSize, 'rlooAdvantages', false, 2);
  const G = groupSize;
  const out = new Float64Array(r.length);
  for (let g = 0; g < r.length; g += G) {
    let sum = 0;
    for (let i = g; i < g + G; i++) sum += r[i]!;
    for (let i = g; i < g + G; i++) out[i] = r[i]! - (sum - r[i]!) / (G - 1);
  }
  return out;
}
