/**
 * Completion length statistics with a truncation alarm. When most completions hit the token limit, reward, loss and
 * gradient all vanish (trl#5697: the quickstart truncated 97–99%); TRL logs this as completions/clipped_ratio.
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import type { Sample } from '../models/policy.js';

/** Options for {@link completionStats}. */
export interface CompletionStatsOptions {
  /** Token limit; a completion of this length or more counts as clipped when finish reasons are unknown. */
  maxTokens?: number;
  /** Clipped ratio above which `alarm` is true. Default: 0.5. */
  alarmAbove?: number;
}

/** Result of {@link completionStats}. */
export interface CompletionStats {
  count: number;
  meanLength: number;
  minLength: number;
  maxLength: number;
  /** Mean length of completions that ended on their own (NaN if none). */
  terminatedMeanLength: number;
  /** Share of completions cut by the length limit. */
  clippedRatio: number;
  /** clippedRatio > alarmAbove. */
  alarm: boolean;
}

/**
 * Length statistics from samples (finish reason 'length' means clipped) or from lengths plus `maxTokens`.
 *
 * @example
 * metrics.completionStats([12, 256, 256, 40], { maxTokens: 256 }).clippedRatio; // 0.5
 */
export function completionStats(completions: readonly Sample[] | ArrayLike<number>, options: CompletionStatsOptions = {}): CompletionStats & Displayable {
  const fn = 'completionStats';
  const alarmAbove = check.probability(options.alarmAbove ?? 0.5, 'alarmAbove', fn);
  let lengths: Float64Array;
  let clipped: boolean[];
  if (Array.isArray(completions) && completions.length > 0 && typeof completions[0] === 'object') {
    const samples = completions as readonly Sample[];
    lengths = Float64Array.from(samples, (s) => s.tokenIds.length);
    clipped = samples.map((s) => s.finishReason === 'length');
  } else {
    lengths = check.numbers(completions, 'lengths', fn);
    if (options.maxTokens === undefined) fail(fn, 'maxTokens is required when passing lengths (finish reasons are unknown)');
    const maxTokens = check.int(options.maxTokens, 'maxTokens', fn, { min: 1 });
    clipped = Array.from(lengths, (l) => l >= maxTokens);
  }
  if (lengths.length === 0) fail(fn, 'completions must not be empty');
  let sum = 0, min = Infinity, max = -Infinity, termSum = 0, termCount = 0, clippedCount = 0;
  lengths.forEach((l, i) => {
    sum += l; min = Math.min(min, l); max = Math.max(max, l);
    if (clipped[i]) clippedCount++; else { termSum += l; termCount++; }
  });
  const clippedRatio = clippedCount / lengths.length;
  const result = {
    count: lengths.length,
    meanLength: sum / lengths.length,
    minLength: min,
    maxLength: max,
    terminatedMeanLength: termCount === 0 ? NaN : termSum / termCount,
    clippedRatio,
    alarm: clippedRatio > alarmAbove,
  };
  return withTable(result, () => [{ ...result }]);
}
