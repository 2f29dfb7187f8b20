/**
 * SFT-sharpening: train the policy on its own best-of-N picks (arXiv 2412.01951, "SFT-Sharpening"; minimax optimal
 * given coverage). For the toolkit's trainable toys, "train" is exact: a categorical policy is refit to the empirical
 * distribution of the picks (the maximum-likelihood fit), an n-gram LM is refit on prompt + pick documents.
 */
import { check, fail } from '../util/check.js';
import { CategoricalPolicy } from '../models/categorical.js';
import { NgramModel } from '../models/ngram.js';
import type { Policy, Sample } from '../models/policy.js';
import type { BestOfNResult } from './best-of-n.js';

/** Options for `sft`. */
export interface SftOptions {
  /**
   * Categorical only: weight λ of the old distribution in the refit, (1 − λ)·empirical + λ·old, which keeps answers
   * the picks missed alive. Default: 0 (pure refit).
   */
  mix?: number;
  /** N-gram only: add the picks' counts to the current counts instead of refitting from scratch. Default: false. */
  accumulate?: boolean;
  /** Name of the trained policy. Default: the old name + ' sft'. */
  name?: string;
}

/**
 * Trains `policy` on `picks` (a best-of-N result, or any samples) and returns the new policy; the input is unchanged.
 * Categorical prompts with no pick keep their distribution.
 * @example
 *   const bon = await sharpen.bestOfN(pi, pi.prompts, 8, (s) => s.tokenLogProbs[0]!);
 *   const pi1 = sharpen.sft(pi, bon);            // each prompt refit to its (single) pick
 */
export function sft<P extends Policy>(policy: P, picks: BestOfNResult | readonly Sample[], options: SftOptions = {}): P {
  const fn = 'sft';
  const samples: readonly Sample[] = Array.isArray(picks) ? picks : (picks as BestOfNResult).picks?.map((p) => p.chosen);
  if (!Array.isArray(samples)) fail(fn, 'picks must be a best-of-N result or an array of samples');
  const mix = check.probability(options.mix ?? 0, 'mix', fn);
  if (policy instanceof CategoricalPolicy) {
    const byPrompt = new Map<string, Map<string, number>>();
    for (const s of samples) {
      const counts = byPrompt.get(s.prompt) ?? new Map<string, number>();
      counts.set(s.text, (counts.get(s.text) ?? 0) + 1);
      byPrompt.set(s.prompt, counts);
    }
    for (const [prompt, counts] of byPrompt) {
      const answers = policy.answers(prompt);
      for (const a of counts.keys()) if (!answers.includes(a)) fail(fn, `pick ${JSON.stringify(a)} is not an answer of prompt ${JSON.stringify(prompt)}; a categorical policy can only be refit on its own answers`);
    }
    return policy.map((prompt, old) => {
      const counts = byPrompt.get(prompt);
      if (!counts) return undefined;
      let total = 0;
      for (const c of counts.values()) total += c;
      return policy.answers(prompt).map((a, i) => (1 - mix) * (counts.get(a) ?? 0) / total + mix * old[i]!);
    }, { name: options.name ?? `${policy.name} sft` }) as unknown as P;
  }
  if (policy instanceof NgramModel) {
    if (samples.length === 0) fail(fn, 'picks must not be empty for an n-gram model (refitting on nothing would erase it)');
    return policy.fit(samples.map((s) => policy.document(s.prompt, s.text)), { accumulate: options.accumulate ?? false }) as unknown as P;
  }
  fail(fn, `policy ${JSON.stringify(policy.name)} cannot be trained here: sft supports categorical and ngram models; train other models with their own fit and the picks' texts`);
}
