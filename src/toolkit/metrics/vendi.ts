/**
 * The Vendi score (Friedman & Dieng 2210.02410; Pasarkar & Dieng 2310.12952 for order q): the exponential of the
 * order-q Rényi entropy of the eigenvalues of K/n, read as an effective number of distinct samples. The reference
 * `score_X` silently ignores q; here every q ∈ [0, ∞] is honoured. From samples X with a linear (cosine) kernel,
 * the nonzero spectrum of XXᵀ/n equals that of XᵀX/n, so the d×d side is used when d < n.
 */
import { check, fail } from '../util/check.js';
import { symmetricEigenvalues } from './eigenvalues.js';
import { gram, outerGram, toRows, toSquare } from './matrix.js';

/** Options for {@link vendi}. */
export interface VendiOptions {
  /** Order q ≥ 0 (0.1, 0.5, 1 Shannon, 2, Infinity). Default: 1. */
  q?: number;
  /** For samples: scale rows to unit norm so k(x, x) = 1 (cosine kernel), as the score requires. Default: true. */
  normalize?: boolean;
}

/** A precomputed similarity matrix with unit diagonal. */
export interface KernelInput {
  K: number[][] | ArrayLike<number>;
}

/**
 * Vendi score of samples (rows of X, cosine kernel) or of a kernel matrix `{K}` with k(x, x) = 1.
 *
 * @example
 * metrics.vendi([[1, 0], [1, 0], [0, 1], [0, 1]], { q: 2 }); // 2: two distinct, orthogonal items
 * metrics.vendi({ K: [[1, 0.5], [0.5, 1]] });               // between 1 and 2
 */
export function vendi(input: number[][] | KernelInput, options: VendiOptions = {}): number {
  const fn = 'vendi';
  const q = options.q ?? 1;
  if (typeof q !== 'number' || Number.isNaN(q) || q < 0) fail(fn, `q must be a number ≥ 0 or Infinity (got q=${String(q)})`);
  return vendiFromSpectrum(vendiSpectrum(input, options.normalize ?? true, fn), q);
}

/** Eigenvalues of K/n (nonnegative, summing to 1 up to rounding). */
export function vendiSpectrum(input: number[][] | KernelInput, normalize: boolean, fn = 'vendi'): Float64Array {
  if (input && !Array.isArray(input) && typeof input === 'object' && 'K' in input) {
    const K = input.K;
    const n = Array.isArray(K) ? K.length : Math.round(Math.sqrt((K as ArrayLike<number>).length));
    if (n === 0) fail(fn, 'K must not be empty');
    const a = toSquare(K, n, 'K', fn, { symmetric: true });
    for (let i = 0; i < n; i++) {
      if (Math.abs(a[i * n + i]! - 1) > 1e-6) fail(fn, `K must have a unit diagonal, k(x, x) = 1 (got K[${i}][${i}]=${a[i * n + i]})`);
    }
    for (let i = 0; i < n * n; i++) a[i] /= n;
    return clip(symmetricEigenvalues(a, n));
  }
  const X = toRows(input, 'X', fn);
  const { rows: n, cols: d, data } = X;
  if (normalize) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += data[i * d + j]! ** 2;
      if (s === 0) fail(fn, `X[${i}] is the zero vector, which has no direction for the cosine kernel`);
      const inv = 1 / Math.sqrt(s);
      for (let j = 0; j < d; j++) data[i * d + j] *= inv;
    }
  }
  // Spectrum of XXᵀ/n via the smaller Gram matrix.
  const m = Math.min(n, d);
  const g = d <= n ? gram(data, n, d) : outerGram(data, n, d);
  for (let i = 0; i < m * m; i++) g[i] /= n;
  return clip(symmetricEigenvalues(g, m));
}

/** exp(H_q(λ)) for a probability spectrum λ: Rényi entropy, Shannon at q = 1, −log max λ at q = ∞, log rank at 0. */
export function vendiFromSpectrum(values: Float64Array, q: number): number {
  let total = 0;
  for (const v of values) total += v;
  const p = Float64Array.from(values, (v) => v / total);
  if (q === Infinity) return 1 / Math.max(...p);
  if (q === 1) {
    let h = 0;
    for (const v of p) if (v > 0) h -= v * Math.log(v);
    return Math.exp(h);
  }
  if (q === 0) return p.filter((v) => v > 0).length;
  let s = 0;
  for (const v of p) if (v > 0) s += Math.pow(v, q);
  return Math.exp(Math.log(s) / (1 - q));
}

/** Rounding leaves eigenvalues like −1e-17 or 1e-17 for a zero spectrum; zero out those below 1e-12 of the total. */
function clip(values: Float64Array): Float64Array {
  let total = 0;
  for (const v of values) if (v > 0) total += v;
  return values.map((v) => (v > 1e-12 * total ? v : 0));
}
