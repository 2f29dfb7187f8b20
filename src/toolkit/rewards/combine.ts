/**
 * Combining several rewards into advantages, with TRL's two `multi_objective_aggregation` modes
 * (toolkit-anchors §1.1):
 * - 'sumThenNormalize' (TRL default): r = Σ_k w_k r_k over the rewards that applied (a row where none applied is NaN
 *   and gets advantage 0), then GRPO group advantages of r.
 * - 'normalizeThenSum' (GDPO, arXiv 2601.05242; TRL PR #4785): z-score each reward within its group, weight and sum,
 *   then normalize the sum over the batch. This keeps reward combinations such as (0, 2) and (0, 1) from collapsing
 *   to the same advantage (trl#2832 follow-ups).
 */
import { check, fail } from '../util/check.js';
import { withTable } from '../util/display.js';
import type { Reward, RewardBatch, RewardScores } from './define.js';
import { groupAdvantages, type AdvantageScale } from './group-advantages.js';

/** How rewards are combined. */
export type CombineMode = 'sumThenNormalize' | 'normalizeThenSum';

/** Options for {@link combine}. */
export interface CombineOptions {
  /** Default: 'sumThenNormalize'. */
  mode?: CombineMode;
  /** Completions per prompt, contiguous in the batch. Default: the whole batch is one group. */
  groupSize?: number;
  /** Group scaling for 'sumThenNormalize' (see groupAdvantages). Default: 'group'. */
  scale?: AdvantageScale;
  /** Added to every std. Default: 1e-4. */
  eps?: number;
}

/** Scores of every reward, their weighted sum, and the advantages. */
export interface CombinedScores {
  components: RewardScores[];
  /** Weighted sum of the rewards that applied; NaN where none did. */
  total: Float64Array;
  advantages: Float64Array;
  mode: CombineMode;
}

/** Several rewards scored together. */
export interface CombinedReward {
  readonly rewards: readonly Reward[];
  readonly mode: CombineMode;
  score(batch: RewardBatch): Promise<CombinedScores>;
}

const DEFAULTS = { mode: 'sumThenNormalize', scale: 'group', eps: 1e-4 } as const;

/**
 * Combines rewards; `score(batch)` returns every component, the weighted total and the advantages.
 *
 * @example
 * const all = rewards.combine([rewards.boxedAnswer(), rewards.regexFormat(/<think>.*<\/think>/s)], { groupSize: 8 })
 * const { total, advantages } = await all.score({ completions, prompts, answer })
 */
export function combine(rewards: readonly Reward[], options: CombineOptions = {}): CombinedReward {
  const fn = 'combine';
  if (!Array.isArray(rewards) || rewards.length === 0) fail(fn, 'rewards must be a non-empty array of rewards');
  rewards.forEach((r, i) => {
    if (!r || typeof r.score !== 'function') fail(fn, `rewards[${i}] must be a reward (use rewards.define)`);
  });
  const names = new Set<string>();
  for (const r of rewards) {
    if (names.has(r.name)) fail(fn, `reward names must be unique ("${r.name}" appears twice); rename one with define`);
    names.add(r.name);
  }
  const mode = check.oneOf(options.mode ?? DEFAULTS.mode, ['sumThenNormalize', 'normalizeThenSum'] as const, 'mode', fn);
  const scale = check.oneOf(options.scale ?? DEFAULTS.scale, ['group', 'batch', 'none'] as const, 'scale', fn);
  const eps = check.finite(options.eps ?? DEFAULTS.eps, 'eps', fn, { min: 0 });
  if (options.groupSize !== undefined) check.int(options.groupSize, 'groupSize', fn, { min: 1 });
  return {
    rewards,
    mode,
    score: async (batch) => {
      const components = await Promise.all(rewards.map((r) => r.score(batch)));
      const n = batch.completions.length;
      if (n === 0) fail(fn, 'batch.completions must not be empty');
      const G = options.groupSize ?? n;
      if (n % G !== 0) fail(fn, `batch size must be a multiple of groupSize (got ${n} completions, groupSize=${G})`);
      const total = weightedSum(components, n, (c) => c.values);
      let advantages: Float64Array;
      if (mode === 'sumThenNormalize') {
        advantages = groupAdvantages(total, G, { scale, eps, nan: 'ignore' });
      } else {
        const z = components.map((c) => groupAdvantages(c.values, G, { eps, nan: 'ignore' }));
        const summed = weightedSum(components, n, (_, k) => z[k]!, total);
        advantages = groupAdvantages(summed, n, { eps, nan: 'ignore' });
      }
      const result = { components, total, advantages, mode };
      return withTable(result, () => Array.from(total, (t, i) => {
        const row: Record<string, number | null> = { index: i };
        for (const c of components) row[c.name] = Number.isNaN(c.values[i]!) ? null : c.values[i]!;
        row.total = Number.isNaN(t) ? null : t;
        row.advantage = advantages[i]!;
        return row;
      }), { caption: `${rewards.length} rewards, ${mode}` });
    },
  };
}

/**
 * Σ_k w_k · values_k(i) over rewards that applied to row i (NaN when none did). With `applied` given, rows where
 * `applied` is NaN stay NaN (normalizeThenSum maps null rewards to 0 but keeps fully unscorable rows out).
 */
function weightedSum(components: RewardScores[], n: number, values: (c: RewardScores, k: number) => Float64Array, applied?: Float64Array): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  components.forEach((c, k) => {
    const v = values(c, k);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(c.values[i]!) || (applied && Number.isNaN(applied[i]!))) continue;
      out[i] = (Number.isNaN(out[i]!) ? 0 : out[i]!) + c.weight * v[i]!;
    }
  });
  return out;
}
