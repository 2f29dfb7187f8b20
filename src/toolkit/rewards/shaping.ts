/**
 * Length and repetition shaping terms, vectorized over completions (toolkit-anchors §1.1, TRL `trl/rewards/`):
 * DAPO's soft overlong punishment (arXiv 2503.14476, Eq. 13), the cosine length-scaled correctness reward of
 * "Demystifying Long Chain-of-Thought Reasoning" (arXiv 2502.03373), and an n-gram repetition penalty (ibid.).
 */
import { check, fail, type NumericArray } from '../util/check.js';

/** Options for {@link softOverlong}. */
export interface SoftOverlongOptions {
  /** Maximum generation length L_max. Required. */
  maxLength: number;
  /** Soft buffer L_cache before L_max where the penalty ramps from 0 to −1. Required, ≤ maxLength. */
  cacheLength: number;
}

/**
 * DAPO soft overlong punishment: 0 for |y| ≤ L_max − L_cache, (L_max − L_cache − |y|)/L_cache inside the buffer,
 * −1 beyond L_max.
 *
 * @example
 * rewards.softOverlong([100, 3500, 5000], { maxLength: 4096, cacheLength: 1024 })   // [0, −0.4180, −1]
 */
export function softOverlong(lengths: NumericArray, options: SoftOverlongOptions): Float64Array {
  const fn = 'softOverlong';
  const len = check.numbers(lengths, 'lengths', fn);
  const maxLength = check.finite(options?.maxLength, 'maxLength', fn, { min: 1 });
  const cache = check.finite(options.cacheLength, 'cacheLength', fn, { min: 1, max: maxLength, maxName: 'maxLength' });
  const start = maxLength - cache;
  return len.map((l) => (l <= start ? 0 : l <= maxLength ? (start - l) / cache : -1));
}

/** Options for {@link cosineScaled}. */
export interface CosineScaledOptions {
  /** Length at which the cosine reaches its end value; longer completions are clamped to it. Required. */
  maxLength: number;
  /** Reward of a correct answer at length maxLength. Default: 0.5. */
  minCorrect?: number;
  /** Reward of a correct answer at length 0. Default: 1. */
  maxCorrect?: number;
  /** Reward of a wrong answer at length 0 (short wrong answers are penalized most). Default: −1. */
  minWrong?: number;
  /** Reward of a wrong answer at length maxLength. Default: −0.5. */
  maxWrong?: number;
}

/**
 * Cosine length-scaled correctness: v(0) + ½(v(L) − v(0))(1 − cos(π·|y|/L)), moving from the length-0 value to the
 * length-L value: correct answers go from maxCorrect down to minCorrect (prefer short correct answers); wrong ones
 * go from minWrong up to maxWrong (prefer thinking longer when wrong), as in TRL's get_cosine_scaled_reward.
 *
 * @example
 * rewards.cosineScaled([0, 1000], [true, false], { maxLength: 1000 })   // [1, −0.5]
 */
export function cosineScaled(lengths: NumericArray, correct: readonly boolean[] | NumericArray, options: CosineScaledOptions): Float64Array {
  const fn = 'cosineScaled';
  const len = check.numbers(lengths, 'lengths', fn);
  check.sameLength(len, 'lengths', correct, 'correct', fn);
  const L = check.finite(options?.maxLength, 'maxLength', fn, { min: Number.MIN_VALUE });
  const minC = check.finite(options.minCorrect ?? 0.5, 'minCorrect', fn);
  const maxC = check.finite(options.maxCorrect ?? 1, 'maxCorrect', fn);
  const minW = check.finite(options.minWrong ?? -1, 'minWrong', fn);
  const maxW = check.finite(options.maxWrong ?? -0.5, 'maxWrong', fn);
  return len.map((l, i) => {
    if (l < 0) fail(fn, `lengths[${i}] must be ≥ 0 (got ${l})`);
    const progress = 0.5 * (1 - Math.cos((Math.PI * Math.min(l, L)) / L));
    const [atZero, atL] = Number(correct[i]) === 1 ? [maxC, minC] : [minW, maxW];
    return atZero + (atL - atZero) * progress;
  });
}

/** Options for {@link repetitionPenalty}. */
export interface RepetitionPenaltyOptions {
  /** n-gram size. Default: 3. */
  n?: number;
  /** Penalty for a completion made of one repeated n-gram (≤ 0). Default: −1. */
  penalty?: number;
}

/**
 * penalty·(1 − unique n-grams/total n-grams) per completion; 0 when a completion has fewer than n tokens. Strings
 * are split on whitespace (lower-cased); arrays are taken as tokens (e.g. token ids).
 *
 * @example
 * rewards.repetitionPenalty(['a b c a b c', 'a b c d'], { n: 2 })   // [−0.4, 0]
 */
export function repetitionPenalty(completions: readonly (string | readonly (string | number)[])[], options: RepetitionPenaltyOptions = {}): Float64Array {
  const fn = 'repetitionPenalty';
  if (!Array.isArray(completions)) fail(fn, 'completions must be an array of strings or token arrays');
  const n = check.int(options.n ?? 3, 'n', fn, { min: 1 });
  const penalty = check.finite(options.penalty ?? -1, 'penalty', fn, { max: 0 });
  return Float64Array.from(completions, (c) => {
    const tokens = typeof c === 'string' ? c.toLowerCase().split(/\s+/).filter(Boolean) : c;
    const total = tokens.length - n + 1;
    if (total <= 0) return 0;
    const seen = new Set<string>();
    for (let i = 0; i < total; i++) seen.add(tokens.slice(i, i + n).join('\u0000'));
    return penalty * (1 - seen.size / total) + 0; // + 0 turns −0 into 0 for unrepeated text
  });
}
