/**
 * Early-stopping self-consistency (ESC, Li et al., arXiv 2401.10480): draw samples in windows and stop as soon as one
 * window agrees (ESC stops on a unanimous window, i.e. zero answer entropy); the answer is the majority over every
 * sample drawn so far. ESC reports 34–84% fewer samples at matched accuracy (seeds.md b1).
 */
import { check, fail } from '../util/check.js';
import { withTable } from '../util/display.js';
import type { Answer, Answers } from './answers.js';
import { majorityVote } from './vote.js';

/** Options for early-stopping self-consistency. */
export interface EarlyStopOptions {
  /** Samples per window. Default: 8 (a common ESC setting; the paper sweeps 4–16). */
  window?: number;
  /** Sample budget; the last window may be short. Default: all given answers (offline) or 64 (with a sampler). */
  maxSamples?: number;
  /**
   * Stop when the window's most common answer has at least this share of the window (null answers count as
   * disagreeing). Default: 1 (unanimous, as in ESC).
   */
  threshold?: number;
}

/** Outcome of an early-stopped vote. */
export interface EarlyStopResult {
  /** Majority answer over all samples used (ties: first seen). */
  answer: Answer;
  /** Its share of the votes. */
  share: number;
  samplesUsed: number;
  windows: number;
  /** True when a window met the threshold before the budget ran out. */
  stoppedEarly: boolean;
}

const DEFAULTS = { window: 8, threshold: 1, maxSamplesWithSampler: 64 } as const;

/**
 * Replays ESC over answers already sampled (in sampling order), e.g. to measure the savings on a logged run.
 *
 * @example
 * select.earlyStopVote(['7', '7', '7', '7', '3'], { window: 4 })   // answer '7', samplesUsed 4, stoppedEarly true
 * select.earlyStopVote(answers, { window: 5, threshold: 0.8 })
 */
export function earlyStopVote(answers: Answers, options: EarlyStopOptions = {}): EarlyStopResult {
  const fn = 'earlyStopVote';
  if (!Array.isArray(answers) && !ArrayBuffer.isView(answers)) fail(fn, 'answers must be an array');
  if (answers.length === 0) fail(fn, 'answers must not be empty');
  const { window, threshold } = readOptions(options, fn);
  const budget = check.int(options.maxSamples ?? answers.length, 'maxSamples', fn, { min: 1, max: answers.length, maxName: 'answers.length' });
  const all = Array.from(answers as ArrayLike<Answer>);
  let used = 0, windows = 0, stopped = false;
  while (used < budget && !stopped) {
    const end = Math.min(budget, used + window);
    stopped = windowAgrees(all, used, end, threshold) && end - used === window;
    used = end;
    windows++;
  }
  return finish(all.slice(0, used), windows, stopped);
}

/**
 * Runs ESC live: `draw(count)` returns `count` new answers (e.g. sample a policy and extract answers); stops on an
 * agreeing window or when `maxSamples` is spent.
 *
 * @example
 * await select.earlyStopSample(async (m) => extract(await policy.sample([q], { n: m, seed: s++ }))), { window: 8 })
 */
export async function earlyStopSample(draw: (count: number) => Answer[] | Promise<Answer[]>, options: EarlyStopOptions = {}): Promise<EarlyStopResult> {
  const fn = 'earlyStopSample';
  if (typeof draw !== 'function') fail(fn, 'draw must be a function (count) => answers');
  const { window, threshold } = readOptions(options, fn);
  const budget = check.int(options.maxSamples ?? DEFAULTS.maxSamplesWithSampler, 'maxSamples', fn, { min: 1 });
  const all: Answer[] = [];
  let windows = 0, stopped = false;
  while (all.length < budget && !stopped) {
    const count = Math.min(window, budget - all.length);
    const got = await draw(count);
    if (!Array.isArray(got) || got.length !== count) {
      fail(fn, `draw(${count}) must return ${count} answers (got ${Array.isArray(got) ? got.length : typeof got})`);
    }
    const start = all.length;
    all.push(...got);
    windows++;
    stopped = count === window && windowAgrees(all, start, all.length, threshold);
  }
  return finish(all, windows, stopped);
}

function readOptions(options: EarlyStopOptions, fn: string): { window: number; threshold: number } {
  const window = check.int(options.window ?? DEFAULTS.window, 'window', fn, { min: 1 });
  const threshold = check.finite(options.threshold ?? DEFAULTS.threshold, 'threshold', fn, { min: Number.MIN_VALUE, max: 1 });
  return { window, threshold };
}

/** True when the top answer of answers[start, end) holds ≥ threshold of the window (nulls never agree). */
function windowAgrees(answers: Answer[], start: number, end: number, threshold: number): boolean {
  const counts = new Map<Answer, number>();
  let top = 0;
  for (let i = start; i < end; i++) {
    const a = answers[i];
    if (a === null || a === undefined) continue;
    const c = (counts.get(a) ?? 0) + 1;
    counts.set(a, c);
    if (c > top) top = c;
  }
  // Small tolerance so that e.g. threshold 0.8 with 4 of 5 is not lost to rounding.
  return top / (end - start) >= threshold - 1e-12;
}

function finish(used: Answer[], windows: number, stoppedEarly: boolean): EarlyStopResult {
  const vote = majorityVote(used);
  const result = { answer: vote.answer, share: vote.share, samplesUsed: used.length, windows, stoppedEarly };
  return withTable(result, () => [{ ...result, answer: String(result.answer) }]);
}
