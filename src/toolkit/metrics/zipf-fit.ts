/**
 * Rank-frequency (Zipf) fit: least squares of log frequency on log rank, f(r) ≈ C·r^(−s). A self-consuming text
 * loop steepens the slope as the tail is lost (Shumailov et al. 2305.17493), so s per generation is a compact
 * collapse readout.
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { tokenizeAll, type Tokenizer } from './tokens.js';

/** Options for {@link zipfFit}. */
export interface ZipfFitOptions {
  /** Tokenizer when texts are given. Default: whitespace. */
  tokenize?: Tokenizer;
  /** Fit only ranks 1..maxRank (the far tail of singletons is flat and biases s). Default: all ranks. */
  maxRank?: number;
}

/** Result of {@link zipfFit}. */
export interface ZipfFit {
  /** Zipf exponent s (positive for a decreasing law). */
  exponent: number;
  /** log C. */
  intercept: number;
  /** Coefficient of determination of the log-log fit. */
  r2: number;
  /** Distinct types. */
  types: number;
  /** Total tokens. */
  tokens: number;
  /** Frequencies sorted in descending order (plot-ready: rank i + 1). */
  frequencies: number[];
}

/**
 * Fits a Zipf law to token counts of texts, or to counts given directly.
 *
 * @example
 * metrics.zipfFit([100, 50, 33, 25, 20]).exponent; // ≈ 1
 */
export function zipfFit(data: readonly string[] | ArrayLike<number>, options: ZipfFitOptions = {}): ZipfFit & Displayable {
  const fn = 'zipfFit';
  let counts: number[];
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'string') {
    const map = new Map<string, number>();
    for (const doc of tokenizeAll(data, fn, options.tokenize)) for (const t of doc) map.set(t, (map.get(t) ?? 0) + 1);
    counts = [...map.values()];
  } else {
    const arr = check.numbers(data, 'counts', fn);
    arr.forEach((c, i) => check.finite(c, `counts[${i}]`, fn, { min: 0 }));
    counts = Array.from(arr).filter((c) => c > 0);
  }
  counts.sort((a, b) => b - a);
  const maxRank = check.int(options.maxRank ?? counts.length, 'maxRank', fn, { min: 2 });
  const m = Math.min(maxRank, counts.length);
  if (m < 2) fail(fn, `need at least 2 distinct types to fit a slope (got ${counts.length})`);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < m; i++) {
    const x = Math.log(i + 1), y = Math.log(counts[i]!);
    sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
  }
  const cov = sxy - (sx * sy) / m, varX = sxx - (sx * sx) / m, varY = syy - (sy * sy) / m;
  const slope = cov / varX;
  const intercept = (sy - slope * sx) / m;
  const r2 = varY === 0 ? 1 : (cov * cov) / (varX * varY);
  const result = { exponent: -slope, intercept, r2, types: counts.length, tokens: counts.reduce((s, c) => s + c, 0), frequencies: counts };
  return withTable(result, () => [{ exponent: result.exponent, intercept, r2, types: result.types, tokens: result.tokens }]);
}
