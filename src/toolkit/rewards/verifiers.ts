/**
 * Rule-based verifiers (RLVR-style outcome rewards, seeds.md a1): each is a reward that reads the gold answer from a
 * batch column (default `answer`), returns 1 or 0, and reports the answer it extracted so tables can show it. As in
 * TRL's accuracy_reward, a row whose gold answer is missing or unparseable gets null (not applicable), not 0.
 */
import { check, describe, fail } from '../util/check.js';
import { define, type Reward, type RewardSample } from './define.js';
import { extractBoxed, extractNumber, normalizeAnswer, parseNumber } from './extract.js';

/** Options shared by verifiers. */
export interface VerifierOptions {
  /** Batch column with the gold answer. Default: 'answer'. */
  column?: string;
  /** Reward name. Default: the verifier's name. */
  name?: string;
  /** Weight in combine. Default: 1. */
  weight?: number;
}

function gold(sample: RewardSample, column: string): string | null {
  const g = sample[column];
  return g === null || g === undefined ? null : String(g);
}

/** Options for {@link exactMatch}. */
export interface ExactMatchOptions extends VerifierOptions {
  /** Compare case-insensitively. Default: false. */
  ignoreCase?: boolean;
}

/**
 * 1 when the completion equals the gold answer after normalizeAnswer (trim, collapse spaces, strip `$…$` and a
 * final period), else 0.
 *
 * @example
 * await rewards.exactMatch().score({ completions: [' Paris. '], answer: ['Paris'] })   // values [1]
 */
export function exactMatch(options: ExactMatchOptions = {}): Reward {
  const column = options.column ?? 'answer';
  const fold = (s: string) => (options.ignoreCase ? normalizeAnswer(s).toLowerCase() : normalizeAnswer(s));
  return define(options.name ?? 'exactMatch', (s) => {
    const g = gold(s, column);
    const extracted = normalizeAnswer(s.completion);
    return { reward: g === null ? null : fold(s.completion) === fold(g) ? 1 : 0, extracted };
  }, { weight: options.weight });
}

/**
 * 1 when the last number in the completion is within `tol` of the gold number: |x − gold| ≤ tol·max(1, |gold|)
 * (relative for large numbers, absolute near 0). Default tol: 1e-6.
 *
 * @example
 * await rewards.numericMatch(1e-3).score({ completions: ['so x = 3.1416'], answer: [Math.PI] })   // values [1]
 */
export function numericMatch(tol = 1e-6, options: VerifierOptions = {}): Reward {
  check.finite(tol, 'tol', 'numericMatch', { min: 0 });
  const column = options.column ?? 'answer';
  return define(options.name ?? 'numericMatch', (s) => {
    const g = gold(s, column);
    const target = g === null ? NaN : parseNumber(g);
    const extracted = extractNumber(s.completion);
    if (Number.isNaN(target)) return { reward: null, extracted };
    const x = extracted === null ? NaN : parseNumber(extracted);
    return { reward: Math.abs(x - target) <= tol * Math.max(1, Math.abs(target)) ? 1 : 0, extracted };
  }, { weight: options.weight });
}

/** Options for {@link regexFormat}. */
export interface RegexFormatOptions {
  /** Default: 'regexFormat'. */
  name?: string;
  /** Default: 1. */
  weight?: number;
}

/**
 * 1 when the completion matches `pattern` (a RegExp, or a string compiled with the `s` flag), else 0. The extracted
 * answer is the first capture group, or the whole match.
 *
 * @example
 * rewards.regexFormat(/^<think>.*<\/think>\s*<answer>(.*)<\/answer>$/s)
 */
export function regexFormat(pattern: RegExp | string, options: RegexFormatOptions = {}): Reward {
  if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) fail('regexFormat', `pattern must be a RegExp or string (got ${describe(pattern)})`);
  const re = typeof pattern === 'string' ? new RegExp(pattern, 's') : new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return define(options.name ?? 'regexFormat', (s) => {
    const m = re.exec(s.completion);
    return { reward: m ? 1 : 0, extracted: m ? (m[1] ?? m[0]) : null };
  }, { weight: options.weight });
}

/**
 * 1 when the last `\boxed{…}` in the completion equals the gold answer (normalized, spaces removed; a boxed gold is
 * unboxed first), else 0; the boxed text is reported as the extracted answer.
 *
 * @example
 * await rewards.boxedAnswer().score({ completions: ['… \\boxed{42}'], answer: ['42'] })   // values [1], extracted ['42']
 */
export function boxedAnswer(options: VerifierOptions = {}): Reward {
  const column = options.column ?? 'answer';
  const key = (s: string) => normalizeAnswer(s).replace(/\s+/g, '');
  return define(options.name ?? 'boxedAnswer', (s) => {
    const g = gold(s, column);
    const extracted = extractBoxed(s.completion);
    if (g === null) return { reward: null, extracted };
    const target = extractBoxed(g) ?? g;
    return { reward: extracted !== null && key(extracted) === key(target) ? 1 : 0, extracted };
  }, { weight: options.weight });
}
