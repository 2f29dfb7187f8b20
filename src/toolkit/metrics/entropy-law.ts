/**
 * The entropy–performance law of Cui et al. 2505.22617 (Eq. 6): R = −a·e^H + b. It is linear in e^H, so ordinary
 * least squares gives a and b exactly; the ceiling is the reward at zero entropy, b − a. Fitting the first few dozen
 * steps predicts the rest of a run (they report ≈1% RMSE).
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';

/** Result of {@link fitEntropyLaw}. */
export interface EntropyLawFit {
  a: number;
  b: number;
  /** Predicted reward when entropy is exhausted (H = 0): b − a. */
  ceiling: number;
  /** Coefficient of determination. */
  r2: number;
  /** Root mean squared residual. */
  rmse: number;
  /** Predicted reward at entropy h. */
  predict(h: number): number;
}

/**
 * Fits R = −a·e^H + b to entropy H and reward R series of equal length (≥ 2 distinct H).
 *
 * @example
 * const fit = metrics.fitEntropyLaw([1, 0.8, 0.5, 0.3], [0.2, 0.32, 0.45, 0.52]);
 * fit.ceiling; // reward at H = 0
 */
export function fitEntropyLaw(H: ArrayLike<number>, R: ArrayLike<number>): EntropyLawFit & Displayable {
  const fn = 'fitEntropyLaw';
  const h = check.numbers(H, 'H', fn);
  const r = check.numbers(R, 'R', fn);
  check.sameLength(h, 'H', r, 'R', fn);
  const n = h.length;
  if (n < 2) fail(fn, `need at least 2 points to fit a and b (got ${n})`);
  let sx = 0, sy = 0;
  const x = Float64Array.from(h, (v) => Math.exp(v));
  for (let i = 0; i < n; i++) { sx += x[i]!; sy += r[i]!; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx, dy = r[i]! - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (sxx === 0) fail(fn, 'H must take at least 2 distinct values to identify a');
  const slope = sxy / sxx;
  const a = -slope;
  const b = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (r[i]! - (b - a * x[i]!)) ** 2;
  const result = {
    a,
    b,
    ceiling: b - a,
    r2: syy === 0 ? 1 : 1 - sse / syy,
    rmse: Math.sqrt(sse / n),
    predict: (v: number) => -a * Math.exp(v) + b,
  };
  return withTable(result, () => [{ a, b, ceiling: result.ceiling, r2: result.r2, rmse: result.rmse }], { caption: 'R = −a·exp(H) + b' });
}
