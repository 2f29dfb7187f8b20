/**
 * Closed-form 2-Wasserstein distance between Gaussians (Dowson & Landau 1982; Givens & Shortt 1984):
 * W2² = ‖m1 − m2‖² + tr(S1 + S2 − 2(S2^½ S1 S2^½)^½). The first term is the mean part, the second the covariance
 * (Bures) part; Gillman et al. 2402.07087 plot them separately to tell drift from variance collapse.
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { psdSqrt } from './eigen.js';
import { symmetricEigenvalues } from './eigenvalues.js';
import { toSquare } from './matrix.js';

/** W2 between two Gaussians, split into its mean and covariance parts. */
export interface GaussianW2 {
  /** W2 distance (square root of `w2Squared`). */
  w2: number;
  /** W2² = meanPart + covPart. */
  w2Squared: number;
  /** ‖m1 − m2‖². */
  meanPart: number;
  /** tr(S1 + S2 − 2(S2^½ S1 S2^½)^½), the squared Bures distance. */
  covPart: number;
}

/** A Gaussian given by its mean and covariance (rows or dim² row-major numbers). */
export interface GaussianParams {
  mean: ArrayLike<number>;
  cov: number[][] | ArrayLike<number>;
}

/**
 * Closed-form W2 between N(a.mean, a.cov) and N(b.mean, b.cov).
 *
 * @example
 * metrics.gaussianW2({ mean: [0], cov: [[1]] }, { mean: [3], cov: [[4]] }); // w2Squared = 9 + (1 − 2)² = 10
 */
export function gaussianW2(a: GaussianParams, b: GaussianParams): GaussianW2 & Displayable {
  const fn = 'gaussianW2';
  const m1 = check.numbers(a?.mean, 'a.mean', fn);
  const m2 = check.numbers(b?.mean, 'b.mean', fn);
  check.sameLength(m1, 'a.mean', m2, 'b.mean', fn);
  const dim = m1.length;
  const s1 = toSquare(a.cov, dim, 'a.cov', fn, { symmetric: true });
  const s2 = toSquare(b.cov, dim, 'b.cov', fn, { symmetric: true });
  for (let i = 0; i < dim; i++) {
    if (s1[i * dim + i]! < 0) fail(fn, `a.cov must be positive semi-definite (got a.cov[${i}][${i}]=${s1[i * dim + i]})`);
    if (s2[i * dim + i]! < 0) fail(fn, `b.cov must be positive semi-definite (got b.cov[${i}][${i}]=${s2[i * dim + i]})`);
  }
  const result = w2Parts(m1, s1, m2, psdSqrt(s2, dim), trace(s2, dim), dim);
  return withTable(result, () => [{ w2: result.w2, w2Squared: result.w2Squared, meanPart: result.meanPart, covPart: result.covPart }]);
}

/**
 * W2 parts with the second Gaussian's square root precomputed (loops compare every generation to one truth).
 * Internal: no validation.
 */
export function w2Parts(m1: ArrayLike<number>, s1: ArrayLike<number>, m2: ArrayLike<number>, sqrtS2: Float64Array, traceS2: number, dim: number): GaussianW2 {
  let meanPart = 0;
  for (let i = 0; i < dim; i++) meanPart += (m1[i]! - m2[i]!) ** 2;
  let cross: number;
  if (dim === 1) {
    cross = Math.sqrt(Math.max(s1[0]!, 0)) * sqrtS2[0]!;
  } else {
    // (S2^½ S1 S2^½)^½ has trace Σ √λ over the eigenvalues of the PSD product.
    const m = sandwich(sqrtS2, s1, dim);
    const values = symmetricEigenvalues(m, dim);
    cross = 0;
    for (const v of values) cross += Math.sqrt(Math.max(v, 0));
  }
  const covPart = Math.max(trace(s1, dim) + traceS2 - 2 * cross, 0);
  const w2Squared = meanPart + covPart;
  return { w2: Math.sqrt(w2Squared), w2Squared, meanPart, covPart };
}

/** S A S for symmetric S, symmetrized to remove rounding asymmetry. */
function sandwich(s: ArrayLike<number>, a: ArrayLike<number>, dim: number): Float64Array {
  const tmp = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) {
    const sik = s[i * dim + k]!;
    for (let j = 0; j < dim; j++) tmp[i * dim + j] += sik * a[k * dim + j]!;
  }
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) {
    const tik = tmp[i * dim + k]!;
    for (let j = 0; j < dim; j++) out[i * dim + j] += tik * s[k * dim + j]!;
  }
  for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) {
    const avg = (out[i * dim + j]! + out[j * dim + i]!) / 2;
    out[i * dim + j] = avg;
    out[j * dim + i] = avg;
  }
  return out;
}

function trace(a: ArrayLike<number>, dim: number): number {
  let t = 0;
  for (let i = 0; i < dim; i++) t += a[i * dim + i]!;
  return t;
}
