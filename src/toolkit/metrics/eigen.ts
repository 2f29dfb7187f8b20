/**
 * Symmetric eigen-decomposition. The default is Householder tridiagonalization + implicit QL (eigenvalues.ts); the
 * cyclic Jacobi method here (plane rotations zeroing one off-diagonal entry at a time) is slower but computes tiny
 * eigenvalues to high relative accuracy, which the matrix square roots of collapsed covariances rely on (psdSqrt).
 */
import { check, fail } from '../util/check.js';
import { toSquare } from './matrix.js';
import { symmetricEigenpairs, symmetricEigenvalues } from './eigenvalues.js';

/** Options for {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /** Also return eigenvectors. Default: true. */
  vectors?: boolean;
  /**
   * 'ql' (Householder + implicit QL, ~4n³/3 flops, the fast default) or 'jacobi' (cyclic Jacobi, ~10× slower but
   * with high relative accuracy for tiny eigenvalues). Default: 'ql'.
   */
  method?: 'ql' | 'jacobi';
}

/** Eigenvalues in descending order and, when asked, eigenvectors as the columns of a row-major matrix. */
export interface SymmetricEigen {
  values: Float64Array;
  /** Row-major n×n; column i is the unit eigenvector of values[i]. Absent when `vectors: false`. */
  vectors?: Float64Array;
}

/**
 * Eigenvalues (descending) and eigenvectors of a symmetric matrix, given as rows or n² row-major numbers.
 *
 * @example
 * metrics.symmetricEigen([[2, 1], [1, 2]]).values; // Float64Array [3, 1]
 */
export function symmetricEigen(matrix: number[][] | ArrayLike<number>, options: SymmetricEigenOptions = {}): SymmetricEigen {
  const fn = 'symmetricEigen';
  const n = Array.isArray(matrix) && Array.isArray(matrix[0]) ? matrix.length : Math.round(Math.sqrt((matrix as ArrayLike<number>).length));
  if (n === 0) fail(fn, 'matrix must not be empty');
  const a = toSquare(matrix, n, 'matrix', fn, { symmetric: true });
  const method = check.oneOf(options.method ?? 'ql', ['ql', 'jacobi'] as const, 'method', fn);
  const vectors = options.vectors ?? true;
  if (method === 'jacobi') return jacobiEigen(a, n, vectors);
  return vectors ? symmetricEigenpairs(a, n) : { values: symmetricEigenvalues(a, n) };
}

/**
 * Jacobi eigen-solver on a row-major symmetric matrix (overwritten). Internal entry point without validation, for
 * hot loops that already hold a Float64Array.
 */
export function jacobiEigen(a: Float64Array, n: number, wantVectors = true, maxSweeps = 100): SymmetricEigen {
  const v = wantVectors ? new Float64Array(n * n) : undefined;
  if (v) for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += a[i]! ** 2;
  const threshold = (Number.EPSILON ** 2) * norm;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off <= threshold || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q]: t = tan φ is the smaller root of t² + 2θt − 1 = 0.
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        if (v) {
          for (let k = 0; k < n; k++) {
            const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  if (!v) return { values };
  const vectors = new Float64Array(n * n);
  for (let col = 0; col < n; col++) {
    const src = order[col]!;
    for (let k = 0; k < n; k++) vectors[k * n + col] = v[k * n + src]!;
  }
  return { values, vectors };
}

/**
 * Principal square root of a symmetric PSD matrix (row-major), via V·diag(√max(λ, 0))·Vᵀ. Tiny negative
 * eigenvalues from rounding are clipped to 0.
 */
export function psdSqrt(a: ArrayLike<number>, n: number): Float64Array {
  const { values, vectors } = jacobiEigen(Float64Array.from(a), n, true);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const s = Math.sqrt(Math.max(values[k]!, 0));
    if (s === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = vectors![i * n + k]! * s;
      for (let j = 0; j < n; j++) out[i * n + j] += vik * vectors![j * n + k]!;
    }
  }
  return out;
}
