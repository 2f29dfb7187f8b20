/**
 * Entropy alarm: a two-sided CUSUM (Page 1954) on a per-step entropy series standardized by a warm-up baseline.
 * It fires on collapse (sustained fall: nothing more is learned, trl PR #3700) and on explosion (sustained rise,
 * e.g. entropy_coeff too high, verl PR #781).
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';

/** Options for {@link entropyAlarm}. */
export interface EntropyAlarmOptions {
  /** Steps used to estimate the baseline mean and std. Default: 10. */
  warmup?: number;
  /** CUSUM slack k in baseline standard deviations. Default: 0.5. */
  slack?: number;
  /** CUSUM threshold h in baseline standard deviations. Default: 5. */
  threshold?: number;
}

/** Result of {@link entropyAlarm}. */
export interface EntropyAlarm {
  /** First step where the downward CUSUM exceeded the threshold, or null. */
  collapseAt: number | null;
  /** First step where the upward CUSUM exceeded the threshold, or null. */
  explosionAt: number | null;
  /** Last value over the baseline mean. */
  fractionRemaining: number;
  /** Least-squares slope per step over the whole series. */
  slope: number;
  baselineMean: number;
  baselineStd: number;
  /** Upward and downward CUSUM statistics per step (plot-ready). */
  cusumUp: Float64Array;
  cusumDown: Float64Array;
}

/**
 * Runs the two-sided CUSUM on an entropy series.
 *
 * @example
 * metrics.entropyAlarm([2, 2.1, 1.9, 2, 2.05, 1.95, 2, 2, 1.5, 1, 0.6, 0.3], { warmup: 8 }).collapseAt; // 8
 */
export function entropyAlarm(series: ArrayLike<number>, options: EntropyAlarmOptions = {}): EntropyAlarm & Displayable {
  const fn = 'entropyAlarm';
  const x = check.numbers(series, 'series', fn);
  const warmup = check.int(options.warmup ?? 10, 'warmup', fn, { min: 2 });
  if (warmup > x.length) fail(fn, `warmup must be ≤ the series length (got warmup=${warmup}, length=${x.length})`);
  const slack = check.finite(options.slack ?? 0.5, 'slack', fn, { min: 0 });
  const threshold = check.finite(options.threshold ?? 5, 'threshold', fn, { min: 0 });
  let mean = 0;
  for (let i = 0; i < warmup; i++) mean += x[i]!;
  mean /= warmup;
  let variance = 0;
  for (let i = 0; i < warmup; i++) variance += (x[i]! - mean) ** 2;
  // A flat warm-up would make every change infinitely significant; floor the scale at 1% of the mean level.
  const std = Math.max(Math.sqrt(variance / (warmup - 1)), 0.01 * Math.abs(mean), 1e-12);
  const cusumUp = new Float64Array(x.length), cusumDown = new Float64Array(x.length);
  let up = 0, down = 0;
  let collapseAt: number | null = null, explosionAt: number | null = null;
  for (let t = 0; t < x.length; t++) {
    const z = (x[t]! - mean) / std;
    up = Math.max(0, up + z - slack);
    down = Math.max(0, down - z - slack);
    cusumUp[t] = up;
    cusumDown[t] = down;
    if (explosionAt === null && up > threshold) explosionAt = t;
    if (collapseAt === null && down > threshold) collapseAt = t;
  }
  const n = x.length;
  let st = 0, sx = 0, stt = 0, stx = 0;
  for (let t = 0; t < n; t++) { st += t; sx += x[t]!; stt += t * t; stx += t * x[t]!; }
  const slope = (stx - (st * sx) / n) / (stt - (st * st) / n);
  const result = { collapseAt, explosionAt, fractionRemaining: x[n - 1]! / mean, slope, baselineMean: mean, baselineStd: std, cusumUp, cusumDown };
  return withTable(result, () => [{ collapseAt, explosionAt, fractionRemaining: result.fractionRemaining, slope, baselineMean: mean, baselineStd: std }], { caption: 'entropy alarm (two-sided CUSUM)' });
}
