/**
 * Small dense linear algebra for the collapse simulators and diversity metrics: row-major Float64Array matrices,
 * input coercion with named errors, a PSD-tolerant Cholesky and Gaussian log-densities. Dimensions here are small
 * (a handful to a few hundred), so plain loops beat any dependency.
 */
import { check, describe, fail } from '../util/check.js';

/** A data matrix given as rows (`number[][]`) or row-major values with its shape. */
export interface RowMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** Coerces `number[][]` (n rows of equal length d) to a row-major matrix, naming the first bad row or value. */
export function toRows(value: unknown, name: string, fn: string): RowMatrix {
  if (!Array.isArray(value)) fail(fn, `${name} must be an array of rows (got ${describe(value)})`);
  if (value.length === 0) fail(fn, `${name} must not be empty`);
  const first = value[0] as unknown;
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) fail(fn, `${name}[0] must be an array of numbers (got ${describe(first)})`);
  const cols = (first as ArrayLike<number>).length;
  if (cols === 0) fail(fn, `${name}[0] must not be empty`);
  const data = new Float64Array(value.length * cols);
  for (let i = 0; i < value.length; i++) {
    const row = value[i] as ArrayLike<number>;
    if (!row || row.length !== cols) fail(fn, `${name}[${i}] must have length ${cols} like ${name}[0] (got ${describe(row)})`);
    for (let j = 0; j < cols; j++) {
      const x = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(fn, `${name}[${i}][${j}] must be a finite number (got ${describe(x)})`);
      data[i * cols + j] = x;
    }
  }
  return { data, rows: value.length, cols };
}

/** Coerces a dim×dim matrix given as rows or as dim² row-major numbers; checks symmetry when asked. */
export function toSquare(value: unknown, dim: number, name: string, fn: string, options: { symmetric?: boolean } = {}): Float64Array {
  let out: Float64Array;
  if (Array.isArray(value) && value.length > 0 && (Array.isArray(value[0]) || ArrayBuffer.isView(value[0]))) {
    const m = toRows(value, name, fn);
    if (m.rows !== dim || m.cols !== dim) fail(fn, `${name} must be ${dim}×${dim} (got ${m.rows}×${m.cols})`);
    out = m.data;
  } else {
    out = check.numbers(value, name, fn);
    if (out.length !== dim * dim) fail(fn, `${name} must hold ${dim}×${dim} = ${dim * dim} numbers (got ${out.length})`);
    out = Float64Array.from(out);
  }
  if (options.symmetric) {
    for (let i = 0; i < dim; i++) {
      for (let j = i + 1; j < dim; j++) {
        const a = out[i * dim + j]!, b = out[j * dim + i]!;
        if (Math.abs(a - b) > 1e-9 * (1 + Math.abs(a) + Math.abs(b))) {
          fail(fn, `${name} must be symmetric (got ${name}[${i}][${j}]=${a}, ${name}[${j}][${i}]=${b})`);
        }
      }
    }
  }
  return out;
}

/** Identity matrix of size dim, row-major. */
export function identity(dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) out[i * dim + i] = 1;
  return out;
}

/**
 * Lower Cholesky factor L (A = L Lᵀ) of a symmetric positive semi-definite matrix. A pivot at or below
 * `1e-300`-relative zero yields a zero column instead of NaN, because collapsed covariances are exactly what the
 * loops produce and sampling from them must still work.
 */
export function choleskyPsd(a: ArrayLike<number>, dim: number): Float64Array {
  const l = new Float64Array(dim * dim);
  for (let j = 0; j < dim; j++) {
    let d = a[j * dim + j]!;
    for (let k = 0; k < j; k++) d -= l[j * dim + k]! ** 2;
    const scale = Math.abs(a[j * dim + j]!);
    if (!(d > 1e-14 * scale) || d <= 0) continue;
    const ljj = Math.sqrt(d);
    l[j * dim + j] = ljj;
    for (let i = j + 1; i < dim; i++) {
      let s = a[i * dim + j]!;
      for (let k = 0; k < j; k++) s -= l[i * dim + k]! * l[j * dim + k]!;
      l[i * dim + j] = s / ljj;
    }
  }
  return l;
}

/**
 * log N(x; mean, cov) for a positive definite cov (strict Cholesky). Returns -Infinity when cov is singular,
 * which callers treat as "no density".
 */
export function gaussianLogDensity(x: ArrayLike<number>, mean: ArrayLike<number>, cov: ArrayLike<number>, dim: number): number {
  const l = choleskyPsd(cov, dim);
  let logDet = 0;
  for (let i = 0; i < dim; i++) {
    const v = l[i * dim + i]!;
    if (v === 0) return -Infinity;
    logDet += 2 * Math.log(v);
  }
  // Solve L z = x − mean by forward substitution; the quadratic form is ‖z‖².
  let quad = 0;
  const z = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let s = x[i]! - mean[i]!;
    for (let k = 0; k < i; k++) s -= l[i * dim + k]! * z[k]!;
    z[i] = s / l[i * dim + i]!;
    quad += z[i]! ** 2;
  }
  return -0.5 * (dim * Math.log(2 * Math.PI) + logDet + quad);
}

/** Nested rows (`number[][]`) of a dim×dim row-major matrix, for results users read. */
export function toNested(a: ArrayLike<number>, dim: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < dim; i++) out.push(Array.from({ length: dim }, (_, j) => a[i * dim + j]!));
  return out;
}

/**
 * XᵀX (cols × cols, full symmetric) of a row-major matrix X (rows × cols). Four rows per pass, so each Gram entry is
 * loaded and stored once per four products; about twice as fast as the plain triple loop in V8.
 */
export function gram(data: Float64Array, rows: number, cols: number): Float64Array {
  const d = cols;
  const out = new Float64Array(d * d);
  let t = 0;
  for (; t + 4 <= rows; t += 4) {
    const r0 = t * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
    for (let i = 0; i < d; i++) {
      const a0 = data[r0 + i]!, a1 = data[r1 + i]!, a2 = data[r2 + i]!, a3 = data[r3 + i]!;
      const row = i * d;
      for (let j = 0; j <= i; j++) out[row + j] += a0 * data[r0 + j]! + a1 * data[r1 + j]! + a2 * data[r2 + j]! + a3 * data[r3 + j]!;
    }
  }
  for (; t < rows; t++) {
    const r0 = t * d;
    for (let i = 0; i < d; i++) {
      const a0 = data[r0 + i]!;
      for (let j = 0; j <= i; j++) out[i * d + j] += a0 * data[r0 + j]!;
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) out[j * d + i] = out[i * d + j]!;
  return out;
}

/** XXᵀ (rows × rows, full symmetric) of a row-major matrix X. */
export function outerGram(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j <= i; j++) {
    let s = 0;
    for (let k = 0; k < cols; k++) s += data[i * cols + k]! * data[j * cols + k]!;
    out[i * rows + j] = s;
    out[j * rows + i] = s;
  }
  return out;
}
