/**
 * The reward callback contract used by sharpening: a plain function of one sample, sync or async, returning a number
 * or null for "not applicable" (TRL's reward contract, see research/toolkit-anchors.md §1.1). The `rewards` namespace
 * builds such functions; sharpening only calls them.
 */
import { describe, fail } from '../util/check.js';
import type { Sample } from '../models/policy.js';

/** A reward of one sample: a number, or null when it does not apply. May be async. */
export type SampleReward = (sample: Sample) => number | null | Promise<number | null>;

/**
 * Scores every sample of every prompt (all calls run concurrently) and checks the results: a NaN or non-number is
 * reported with its prompt and sample index, since a silent NaN would poison every max and mean downstream.
 */
export async function scoreSamples(samples: readonly (readonly Sample[])[], reward: SampleReward, fn: string): Promise<(number | null)[][]> {
  if (typeof reward !== 'function') fail(fn, `reward must be a function (sample) => number | null (got ${describe(reward)})`);
  return Promise.all(samples.map((row, p) => Promise.all(row.map(async (s, i) => {
    const r = await reward(s);
    if (r === null) return null;
    if (typeof r !== 'number' || Number.isNaN(r)) fail(fn, `reward returned ${describe(r)} for prompt ${p}, sample ${i}; return a number, or null when the reward does not apply`);
    return r;
  }))));
}

/** Index of the first highest non-null reward, or 0 when every reward is null. */
export function firstBest(rewards: readonly (number | null)[]): number {
  let best = -1;
  for (let i = 0; i < rewards.length; i++) {
    const r = rewards[i];
    if (r !== null && r !== undefined && (best < 0 || r > rewards[best]!)) best = i;
  }
  return best < 0 ? 0 : best;
}

/**
 * The log-likelihood self-reward log π(y | x) = Σ token log-probs of the sample (arXiv 2412.01951's
 * maximum-likelihood sharpening), usable directly as a `SampleReward`.
 * @example
 *   await sharpen.bestOfN(pi, pi.prompts, 8, sharpen.selfLogLikelihood);
 */
export function selfLogLikelihood(sample: Sample): number {
  let sum = 0;
  for (const lp of sample.tokenLogProbs) sum += lp;
  return sum;
}
