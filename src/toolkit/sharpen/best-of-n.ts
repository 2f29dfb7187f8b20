/**
 * Best-of-N: inference-time sharpening. Draw N completions per prompt and keep the one the (self-)reward ranks
 * highest (arXiv 2412.01951 §inference-time sharpening). For categorical policies the selection probability is also
 * computed exactly, so a table can put the sampled pick next to P(best-of-N returns the mode), which for the
 * log-likelihood reward and a unique mode p* equals 1 − (1 − p*)^N.
 */
import { check } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { CategoricalPolicy } from '../models/categorical.js';
import type { Policy, Sample, SampleOptions } from '../models/policy.js';
import { decodeWeights } from '../models/decoding.js';
import { firstBest, scoreSamples, type SampleReward } from './reward.js';
import { correctness, type Correctness } from './correctness.js';

/** Options for `bestOfN`: sampling options other than `n` (seed default 0, temperature default 1), plus ground truth. */
export interface BestOfNOptions extends Omit<SampleOptions, 'n'> {
  /** Ground truth; when given, each pick is marked correct or not and the result has `accuracy`. Default: none. */
  correct?: Correctness;
}

/** The best-of-N pick for one prompt. */
export interface BestOfNPick {
  prompt: string;
  /** The chosen sample: the first of the N with the highest non-null reward (the first sample if all are null). */
  chosen: Sample;
  /** Its reward (null if every reward was null). */
  reward: number | null;
  samples: Sample[];
  rewards: (number | null)[];
  /** Categorical policies only: the policy's mode and its probability p*. */
  mode?: { answer: string; prob: number };
  /** Categorical policies only: exact probability that best-of-N returns the mode (with this reward). */
  modeSelectionProb?: number;
  /** Whether the pick is correct (only with the `correct` option). */
  correct?: boolean;
}

/** Result of `bestOfN`; displays as a table with one row per prompt. */
export interface BestOfNResult {
  N: number;
  picks: BestOfNPick[];
  /** Share of prompts whose pick is the policy's mode (categorical policies only). */
  modeRate?: number;
  /** Share of prompts whose pick is correct (only with the `correct` option). */
  accuracy?: number;
}

/**
 * Samples N completions per prompt and keeps the best under `reward` (ties go to the earliest sample).
 * @example
 *   const pi = models.categorical({ q: { a: 0.4, b: 0.35, c: 0.25 } });
 *   await sharpen.bestOfN(pi, ['q'], 8, (s) => s.tokenLogProbs[0]!, { seed: 1 }); // table: answer, reward, π(mode), P(BoN→mode)
 */
export async function bestOfN(policy: Policy, prompts: readonly string[], N: number, reward: SampleReward, options: BestOfNOptions = {}): Promise<BestOfNResult & Displayable> {
  const fn = 'bestOfN';
  check.int(N, 'N', fn, { min: 1 });
  const { correct, ...sampling } = options;
  const isCorrect = correct === undefined ? undefined : correctness(correct, fn);
  const samples = await policy.sample(prompts, { ...sampling, n: N });
  const rewards = await scoreSamples(samples, reward, fn);
  const exact = policy instanceof CategoricalPolicy;
  // One exact computation per distinct prompt (a prompt may repeat to estimate rates).
  const exactByPrompt = new Map<string, Promise<Record<string, number>>>();
  const picks: BestOfNPick[] = await Promise.all(prompts.map(async (prompt, p) => {
    const i = firstBest(rewards[p]!);
    const pick: BestOfNPick = { prompt, chosen: samples[p]![i]!, reward: rewards[p]![i]!, samples: samples[p]!, rewards: rewards[p]! };
    if (isCorrect) pick.correct = isCorrect(pick.chosen);
    if (exact) {
      const mode = policy.mode(prompt);
      pick.mode = mode;
      if (!exactByPrompt.has(prompt)) exactByPrompt.set(prompt, bestOfNDistribution(policy, prompt, N, reward, sampling));
      pick.modeSelectionProb = (await exactByPrompt.get(prompt)!)[mode.answer] ?? 0;
    }
    return pick;
  }));
  const result: BestOfNResult = { N, picks };
  if (exact) result.modeRate = picks.filter((pk) => pk.chosen.text === pk.mode!.answer).length / Math.max(1, picks.length);
  if (isCorrect) result.accuracy = picks.filter((pk) => pk.correct).length / Math.max(1, picks.length);
  return withTable(result, () => picks.map((pk) => ({
    prompt: pk.prompt,
    answer: pk.chosen.text,
    reward: pk.reward,
    ...(pk.correct !== undefined ? { correct: pk.correct } : {}),
    ...(pk.mode ? { mode: pk.mode.answer, 'π(mode)': pk.mode.prob, 'P(BoN→mode)': pk.modeSelectionProb } : {}),
  })), { caption: caption(policy.name, result) });
}

function caption(name: string, r: BestOfNResult): string {
  const parts = [
    r.modeRate !== undefined ? `picked the mode on ${(100 * r.modeRate).toFixed(1)}% of prompts` : undefined,
    r.accuracy !== undefined ? `accuracy ${(100 * r.accuracy).toFixed(1)}%` : undefined,
  ].filter((x) => x !== undefined);
  return `best-of-${r.N} on ${name}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * The exact distribution of the best-of-N pick for one prompt of a categorical policy, as answer → probability,
 * when the N draws use `temperature` and `topP` (defaults 1 and 1). The reward is evaluated once per answer on a one-token sample carrying its exact log-prob
 * (so it must depend only on the prompt, text and log-probs; `topLogProbs` is empty).
 *
 * Derivation: group answers by reward level L (null lowest). With q> the mass above L and q= the mass at L, the best
 * level among N i.i.d. draws is L with probability (1 − q>)^N − (1 − q> − q=)^N; the first draw at that level is
 * answer a with probability p_a / q=, because draws restricted to a level are i.i.d. ∝ p.
 * @example
 *   await sharpen.bestOfNDistribution(pi, 'q', 4, (s) => s.tokenLogProbs[0]!); // { a: 1 − 0.6^4, ... }
 */
export async function bestOfNDistribution(
  policy: CategoricalPolicy,
  prompt: string,
  N: number,
  reward: SampleReward,
  options: { temperature?: number; topP?: number } = {},
): Promise<Record<string, number>> {
  const fn = 'bestOfNDistribution';
  check.int(N, 'N', fn, { min: 1 });
  const answers = policy.answers(prompt);
  const base = policy.probVector(prompt);
  const weights = decodeWeights(base, {
    temperature: check.finite(options.temperature ?? 1, 'temperature', fn, { min: 0 }),
    topP: check.finite(options.topP ?? 1, 'topP', fn, { min: 0, max: 1 }),
  });
  const wSum = weights.reduce((a, b) => a + b, 0);
  const probs = weights.map((w) => w / wSum);
  const ids = answers.map((a) => policy.vocabulary.indexOf(a));
  const synthetic: Sample[] = answers.map((text, i) => ({
    prompt, text, tokenIds: [ids[i]!], tokenLogProbs: [Math.log(base[i]!)], topLogProbs: [[]], finishReason: 'stop', tokens: [text],
  }));
  const [rewards] = await scoreSamples([synthetic], reward, fn);
  const level = (i: number) => rewards![i] ?? -Infinity;
  const out: Record<string, number> = {};
  // Levels in descending order; answers with probability 0 never appear and get 0.
  const support = answers.map((_, i) => i).filter((i) => probs[i]! > 0);
  const levels = [...new Set(support.map(level))].sort((a, b) => b - a);
  let above = 0;
  for (const L of levels) {
    const members = support.filter((i) => level(i) === L);
    let at = 0;
    for (const i of members) at += probs[i]!;
    const pLevel = (1 - above) ** N - Math.max(0, 1 - above - at) ** N;
    for (const i of members) out[answers[i]!] = (out[answers[i]!] ?? 0) + pLevel * (probs[i]! / at);
    above += at;
  }
  for (const a of answers) out[a] ??= 0;
  return out;
}
