/**
 * Fast categorical sampling for many rows at once: `rows` independent distributions stored row-major in one typed
 * array (e.g. 4096 prompts × 8192 answers), one or more draws per row. The speed target is NumPy's time for
 * the same computation (bench/toolkit-sampling.bench.ts).
 */
import { check, fail } from '../util/check.js';
import { rng } from '../util/random.js';

/** Options for `sampleCategorical`. */
export interface SampleCategoricalOptions {
  /** Draws per row. Default: 1. */
  samples?: number;
  /** Seed; same seed, same draws. Default: 0. */
  seed?: number;
}

const DEFAULTS = { samples: 1, seed: 0 } as const;

/**
 * Draws category indices from each row of a row-major `rows × cols` matrix of non-negative weights (rows need not be
 * normalized). Returns an Int32Array of `rows × samples` indices, row-major.
 *
 * With one draw per row, one pass computes the row total and a second pass walks the row subtracting weights until a
 * uniform `u·total` is used up: no cumulative array, so memory traffic is about 1.5 reads of the matrix (NumPy's
 * cumsum + compare needs a write and two reads). With several draws per row the row's cumulative sums are built once
 * in a scratch buffer and each draw is a binary search, O(cols + samples·log cols) per row.
 * @example
 *   const probs = Float32Array.of(0.9, 0.1, 0.5, 0.5); // 2 rows × 2 cols
 *   sampleCategorical(probs, 2, 2, { seed: 1, samples: 3 }); // Int32Array(6) of indices in {0, 1}
 */
export function sampleCategorical(
  probs: Float32Array | Float64Array | readonly number[],
  rows: number,
  cols: number,
  options: SampleCategoricalOptions = {},
): Int32Array {
  const fn = 'sampleCategorical';
  check.int(rows, 'rows', fn, { min: 1 });
  check.int(cols, 'cols', fn, { min: 1 });
  const samples = check.int(options.samples ?? DEFAULTS.samples, 'samples', fn, { min: 1 });
  if (probs.length !== rows * cols) {
    fail(fn, `probs must have rows × cols entries (got ${probs.length}, rows=${rows}, cols=${cols})`);
  }
  const gen = rng(options.seed ?? DEFAULTS.seed);
  const out = new Int32Array(rows * samples);
  const cum = samples > 1 ? new Float64Array(cols) : undefined;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (cum === undefined) {
      const total = rowTotal(probs, base, cols, r);
      out[r] = walk(probs, base, cols, gen.next() * total);
    } else {
      let acc = 0;
      for (let c = 0; c < cols; c++) {
        const w = probs[base + c]!;
        if (!(w >= 0) || w === Infinity) badWeight(w, r, c);
        acc += w;
        cum[c] = acc;
      }
      if (!(acc > 0)) fail(fn, `row ${r} has no positive weight`);
      for (let s = 0; s < samples; s++) out[r * samples + s] = search(cum, cols, gen.next() * acc);
    }
  }
  return out;
}

function rowTotal(probs: ArrayLike<number>, base: number, cols: number, r: number): number {
  let total = 0;
  for (let c = 0; c < cols; c++) {
    const w = probs[base + c]!;
    // One comparison catches negatives and NaN; Infinity is caught after the loop through the total.
    if (!(w >= 0)) badWeight(w, r, c);
    total += w;
  }
  if (!(total > 0) || total === Infinity) {
    if (total === Infinity) for (let c = 0; c < cols; c++) if (probs[base + c] === Infinity) badWeight(Infinity, r, c);
    fail('sampleCategorical', `row ${r} has no positive weight`);
  }
  return total;
}

function badWeight(w: number, r: number, c: number): never {
  fail('sampleCategorical', `probs[${r}][${c}] must be a finite non-negative weight (got ${w})`);
}

/** Subtracts weights from `target` until it goes negative; rounding leftovers go to the last positive weight. */
function walk(probs: ArrayLike<number>, base: number, cols: number, target: number): number {
  let t = target;
  for (let c = 0; c < cols; c++) {
    t -= probs[base + c]!;
    if (t < 0) return c;
  }
  for (let c = cols - 1; c >= 0; c--) if (probs[base + c]! > 0) return c;
  return cols - 1;
}

/** First index whose cumulative sum exceeds `target` (strictly, so zero-weight entries are never drawn). */
function search(cum: Float64Array, cols: number, target: number): number {
  let lo = 0;
  let hi = cols - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
