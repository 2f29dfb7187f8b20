/**
 * The pass@k advantage of verl's `grpo_passk` (Chen et al., arXiv 2503.19595): only the best completion of each group
 * is credited, with what it adds to the group's best-of-G.
 */
import { check } from '../util/check.js';
import type { NumericArray } from '../util/check.js';
import { checkGroups } from './group-advantages.js';

/** Options for {@link passKAdvantages}. */
export interface PassKAdvantageOptions {
  /** Divide by the group's sample std plus eps, like verl's `norm_adv_by_std_in_grpo`. Default: false. */
  normalize?: boolean;
  /** Added to the std when normalizing. Default: 1e-6. */
  eps?: number;
}

/**
 * pass@k advantages: in each group only the best completion gets a signal, r_max − r_second (the gain it brings
 * to the group's best-of-G); the others get 0. Ties at the top give 0 (no single completion made the difference);
 * the first top completion holds the (zero) advantage.
 *
 * @example
 * rewards.passKAdvantages([0.2, 0.9, 0.5, 0.1], 4)   // [0, 0.4, 0, 0]
 */
export function passKAdvantages(rewards: NumericArray, groupSize: number, options: PassKAdvantageOptions = {}): Float64Array {
  const fn = 'passKAdvantages';
  const r = checkGroups(rewards, groupSize, fn, false, 2);
  const eps = check.finite(options.eps ?? 1e-6, 'eps', fn, { min: 0 });
  const G = groupSize;
  const out = new Float64Array(r.length);
  for (let g = 0; g < r.length; g += G) {
    let best = g, second = -Infinity;
    for (let i = g + 1; i < g + G; i++) {
      if (r[i]! > r[best]!) { second = r[best]!; best = i; } else if (r[i]! > second) second = r[i]!;
    }
    let a = r[best]! - second;
    if (options.normalize) {
      let sum = 0, ss = 0;
      for (let i = g; i < g + G; i++) sum += r[i]!;
      const mean = sum / G;
      for (let i = g; i < g + G; i++) ss += (r[i]! - mean) ** 2;
      a /= Math.sqrt(ss / (G - 1)) + eps;
    }
    out[best] = a;
  }
  return out;
}
