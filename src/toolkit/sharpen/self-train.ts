/**
 * Iterative self-training (STaR, arXiv 2203.14465; ReST-EM, arXiv 2312.06585): sample N completions per prompt, keep
 * those whose reward clears a threshold, train on them, repeat. Each iteration logs B-STaR's two diagnostics
 * (arXiv 2412.17256): exploration, the model's ability to produce diverse correct answers, and exploitation, the
 * reward's ability to tell correct from incorrect samples. Both tend to decay across iterations; the log shows when.
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import type { Policy, Sample } from '../models/policy.js';
import { scoreSamples, firstBest, type SampleReward } from './reward.js';
import { sft } from './sft.js';
import { correctness, type Correctness } from './correctness.js';

/** Options for `selfTrain`. */
export interface SelfTrainOptions<P extends Policy> {
  /** Rounds of sample → filter → train. Default: 3. */
  iterations?: number;
  /** Samples per prompt per round. Default: 8. */
  N?: number;
  /** Keep samples with reward ≥ threshold (null rewards are dropped). Default: 1 (a binary verifier's "correct"). */
  threshold?: number;
  /** Ground truth for the diagnostics. Default: a sample is correct when its reward ≥ threshold. */
  correct?: Correctness;
  /** Sampling temperature. Default: 1. */
  temperature?: number;
  /** Seed; round t samples with seed + t·1,000,003 (prompt i adds i, as in every policy). Default: 0. */
  seed?: number;
  /** Train each round from the base policy (STaR, ReST-EM) or from the previous round's policy. Default: 'base'. */
  from?: 'base' | 'previous';
  /** The trainer. Default: `sharpen.sft` (categorical refit or n-gram refit). */
  train?: (policy: P, kept: Sample[]) => P | Promise<P>;
}

/** Statistics of one round, measured on the samples drawn from that round's starting policy. */
export interface SelfTrainRound {
  iteration: number;
  /** Share of samples that are correct. */
  accuracy: number;
  /** Share of prompts with at least one correct sample among N (pass@N). */
  passAtN: number;
  /** Share of samples kept for training. */
  keptRate: number;
  /** Exploration: mean number of distinct correct texts per prompt. */
  distinctCorrect: number;
  /** Exploration: mean entropy (nats) of the empirical distribution of sampled texts per prompt. */
  answerEntropy: number;
  /** Exploitation: P(reward of a correct sample > that of an incorrect one), ties ½, over pairs within a prompt. */
  rewardAUC: number | null;
  /** Exploitation: share of prompts whose highest-reward sample is correct (best-of-N by the reward). */
  bestOfNAccuracy: number;
}

/** Result of `selfTrain`; displays the per-round log. */
export interface SelfTrainResult<P extends Policy> {
  policy: P;
  history: SelfTrainRound[];
}

const DEFAULTS = { iterations: 3, N: 8, threshold: 1, temperature: 1, seed: 0, from: 'base' as const };

/**
 * Runs the STaR / ReST-EM loop and returns the final policy with a per-round log.
 * @example
 *   const verifier = (s) => (s.text === answers[s.prompt] ? 1 : 0);
 *   const { policy, history } = await sharpen.selfTrain(pi, pi.prompts, verifier, { iterations: 4, N: 16 });
 */
export async function selfTrain<P extends Policy>(base: P, prompts: readonly string[], reward: SampleReward, options: SelfTrainOptions<P> = {}): Promise<SelfTrainResult<P> & Displayable> {
  const fn = 'selfTrain';
  const iterations = check.int(options.iterations ?? DEFAULTS.iterations, 'iterations', fn, { min: 1 });
  const N = check.int(options.N ?? DEFAULTS.N, 'N', fn, { min: 1 });
  const threshold = check.finite(options.threshold ?? DEFAULTS.threshold, 'threshold', fn);
  const temperature = check.finite(options.temperature ?? DEFAULTS.temperature, 'temperature', fn, { min: 0 });
  const seed = check.finite(options.seed ?? DEFAULTS.seed, 'seed', fn);
  const from = check.oneOf(options.from ?? DEFAULTS.from, ['base', 'previous'] as const, 'from', fn);
  if (prompts.length === 0) fail(fn, 'prompts must not be empty');
  const train = options.train ?? ((p: P, kept: Sample[]) => sft(p, kept));
  const isCorrect = options.correct
    ? correctness(options.correct, fn)
    : undefined;

  let policy = base;
  const history: SelfTrainRound[] = [];
  for (let t = 0; t < iterations; t++) {
    const samples = await policy.sample(prompts, { n: N, temperature, seed: seed + t * 1_000_003 });
    const rewards = await scoreSamples(samples, reward, fn);
    const ok = samples.map((row, p) => row.map((s, i) => (isCorrect ? isCorrect(s) : (rewards[p]![i] ?? -Infinity) >= threshold)));
    const kept = samples.flatMap((row, p) => row.filter((_, i) => rewards[p]![i] !== null && rewards[p]![i]! >= threshold));
    history.push(roundStats(t + 1, samples, rewards, ok, kept.length));
    if (kept.length > 0) policy = await train(from === 'base' ? base : policy, kept);
  }
  return withTable({ policy, history }, () => history.map((h) => ({ ...h })), { caption: `self-training (${from === 'base' ? 'ReST-EM: each round from the base' : 'from the previous round'}, N=${N}, threshold ${threshold})` });
}

function roundStats(iteration: number, samples: Sample[][], rewards: (number | null)[][], ok: boolean[][], kept: number): SelfTrainRound {
  let total = 0, correct = 0, solved = 0, distinct = 0, entropy = 0, bonHits = 0;
  let aucSum = 0, aucPairs = 0;
  samples.forEach((row, p) => {
    total += row.length;
    const good = ok[p]!;
    const c = good.filter(Boolean).length;
    correct += c;
    if (c > 0) solved++;
    distinct += new Set(row.filter((_, i) => good[i]).map((s) => s.text)).size;
    const counts = new Map<string, number>();
    for (const s of row) counts.set(s.text, (counts.get(s.text) ?? 0) + 1);
    for (const k of counts.values()) entropy -= (k / row.length) * Math.log(k / row.length);
    if (good[firstBest(rewards[p]!)]) bonHits++;
    // Mann–Whitney pairs within the prompt; null rewards rank lowest.
    const r = rewards[p]!.map((x) => x ?? -Infinity);
    for (let i = 0; i < row.length; i++) if (good[i]) for (let j = 0; j < row.length; j++) if (!good[j]) {
      aucSum += r[i]! > r[j]! ? 1 : r[i] === r[j] ? 0.5 : 0;
      aucPairs++;
    }
  });
  const m = samples.length;
  return {
    iteration,
    accuracy: correct / total,
    passAtN: solved / m,
    keptRate: kept / total,
    distinctCorrect: distinct / m,
    answerEntropy: entropy / m,
    rewardAUC: aucPairs > 0 ? aucSum / aucPairs : null,
    bestOfNAccuracy: bonHits / m,
  };
}
