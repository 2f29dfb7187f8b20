/**
 * Sharpening metrics (arXiv 2412.01951): how much mass sits on the base mode, how hard the mode is to find by
 * sampling (coverage), and the accuracy of greedy decoding and of best-of-N. Exact for categorical policies; greedy
 * and best-of-N accuracy also work on any Policy by sampling.
 */
import { check, fail } from '../util/check.js';
import { CategoricalPolicy } from '../models/categorical.js';
import type { Policy, Sample } from '../models/policy.js';
import { bestOfN, bestOfNDistribution } from './best-of-n.js';
import type { SampleReward } from './reward.js';
import { correctness, type Correctness } from './correctness.js';

export type { Correctness } from './correctness.js';

/** Options naming the prompts to average over. Default: all of the policy's prompts. */
export interface PromptsOption {
  prompts?: readonly string[];
}

/**
 * Mean over prompts of π(y*), where y* is the mode of `base` (default: of π itself, giving the mean max probability).
 * A sharpened policy has mode mass near 1 (arXiv 2412.01951).
 * @example
 *   sharpen.modeMass(sharpen.klSharpen(pi, 0.1), { base: pi }); // → close to 1
 */
export function modeMass(policy: CategoricalPolicy, options: PromptsOption & { base?: CategoricalPolicy } = {}): number {
  const fn = 'modeMass';
  const base = options.base ?? policy;
  const prompts = promptsOf(policy, options, fn);
  let sum = 0;
  for (const prompt of prompts) sum += policy.probs(prompt)[base.mode(prompt).answer] ?? 0;
  return sum / prompts.length;
}

/**
 * Coverage coefficient E_x[1 / π(y*(x) | x)], the expected number of draws to see the target answer once
 * (arXiv 2412.01951). y* is π's own mode unless `targets` gives one per prompt; Infinity if some target has π = 0.
 * @example
 *   sharpen.coverage(models.categorical({ q: { a: 0.25, b: 0.75 } }), { targets: { q: 'a' } }); // 4
 */
export function coverage(policy: CategoricalPolicy, options: PromptsOption & { targets?: Readonly<Record<string, string>> } = {}): number {
  const fn = 'coverage';
  const prompts = promptsOf(policy, options, fn);
  let sum = 0;
  for (const prompt of prompts) {
    const target = options.targets ? options.targets[prompt] : policy.mode(prompt).answer;
    if (target === undefined) fail(fn, `targets has no answer for prompt ${JSON.stringify(prompt)}`);
    sum += 1 / (policy.probs(prompt)[target] ?? 0);
  }
  return sum / prompts.length;
}

/**
 * Share of prompts whose greedy (temperature 0) completion is correct. Exact for categorical policies (the mode);
 * other policies are sampled once at temperature 0.
 * @example
 *   await sharpen.greedyAccuracy(pi, { q: 'a' }); // 1 if a is q's mode
 */
export async function greedyAccuracy(policy: Policy, correct: Correctness, options: PromptsOption = {}): Promise<number> {
  const fn = 'greedyAccuracy';
  const prompts = promptsOf(policy, options, fn);
  const isCorrect = correctness(correct, fn);
  const picks = policy instanceof CategoricalPolicy
    ? prompts.map((prompt) => ({ prompt, text: policy.mode(prompt).answer }))
    : (await policy.sample(prompts, { n: 1, temperature: 0 })).map((row) => row[0]!);
  return picks.filter(isCorrect).length / prompts.length;
}

/**
 * Share of prompts where best-of-N under `reward` returns a correct answer. Exact (an expectation) for categorical
 * policies via `bestOfNDistribution`; for other policies one seeded best-of-N run is averaged.
 * @example
 *   await sharpen.bestOfNAccuracy(pi, 8, (s) => s.tokenLogProbs[0]!, { q: 'a' });
 */
export async function bestOfNAccuracy(policy: Policy, N: number, reward: SampleReward, correct: Correctness, options: PromptsOption & { seed?: number; temperature?: number } = {}): Promise<number> {
  const fn = 'bestOfNAccuracy';
  check.int(N, 'N', fn, { min: 1 });
  const prompts = promptsOf(policy, options, fn);
  const isCorrect = correctness(correct, fn);
  let sum = 0;
  if (policy instanceof CategoricalPolicy) {
    for (const prompt of prompts) {
      const dist = await bestOfNDistribution(policy, prompt, N, reward, options.temperature !== undefined ? { temperature: options.temperature } : {});
      for (const [text, p] of Object.entries(dist)) if (isCorrect({ prompt, text })) sum += p;
    }
  } else {
    const result = await bestOfN(policy, prompts, N, reward, { seed: options.seed ?? 0, ...(options.temperature !== undefined ? { temperature: options.temperature } : {}) });
    sum = result.picks.filter((pk) => isCorrect(pk.chosen)).length;
  }
  return sum / prompts.length;
}

function promptsOf(policy: Policy, options: PromptsOption, fn: string): readonly string[] {
  const prompts = options.prompts ?? (policy instanceof CategoricalPolicy ? policy.prompts : undefined);
  if (prompts === undefined) fail(fn, 'prompts must be given for a policy that is not categorical');
  if (prompts.length === 0) fail(fn, 'prompts must not be empty');
  return prompts;
}
