/**
 * Eigenvalues only of a symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL method
 * with Wilkinson-style shifts (Golub & Van Loan, Matrix Computations §8.3). About 4n³/3 flops against the Jacobi
 * solver's ~30n³, which is what makes Vendi on a few-hundred-sample kernel matrix competitive with LAPACK.
 */

/** Eigenvalues in descending order of a symmetric row-major n×n matrix (overwritten). */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(a, n, d, e);
  tridiagonalQl(d, e, n);
  return d.sort().reverse();
}

/**
 * Eigenvalues (descending) and eigenvectors (columns of a row-major n×n matrix) of a symmetric matrix (overwritten):
 * the Householder reflections are accumulated into Q with A = Q T Qᵀ, and every QL Givens rotation is applied to Q.
 */
export function symmetricEigenpairs(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  tridiagonalize(a, n, d, e, q);
  tridiagonalQl(d, e, n, q);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[j]! - d[i]!);
  const values = Float64Array.from(order, (i) => d[i]!);
  const vectors = new Float64Array(n * n);
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) vectors[row * n + col] = q[row * n + order[col]!]!;
  return { values, vectors };
}

/**
 * Householder steps H = I − βvvᵀ zero column k below the subdiagonal; the trailing block is updated as
 * A ← A − vqᵀ − qvᵀ with p = βAv, K = β(vᵀp)/2, q = p − Kv. Writes the diagonal to d and the subdiagonal to
 * e[0..n−2].
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array, q?: Float64Array): void {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k]! ** 2;
    const x0 = a[(k + 1) * n + k]!;
    const norm = Math.sqrt(norm2);
    if (norm === 0 || norm2 - x0 * x0 <= 1e-300 * norm2) {
      // Column already tridiagonal below the subdiagonal.
      e[k] = x0;
      d[k] = a[k * n + k]!;
      continue;
    }
    const alpha = x0 > 0 ? -norm : norm;
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k]!;
    v[k + 1] = x0 - alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i]! * v[i]!;
    const beta = 2 / vv;
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = k + 1; j < n; j++) s += a[row + j]! * v[j]!;
      p[i] = beta * s;
      vp += v[i]! * p[i]!;
    }
    const K = (beta * vp) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= K * v[i]!;
    if (q) {
      // Q ← Q·H_k = Q − β(Qv)vᵀ, so that A = (H_0 H_1 …) T (… H_1 H_0) = Q T Qᵀ.
      for (let row = 0; row < n; row++) {
        let qv = 0;
        for (let j = k + 1; j < n; j++) qv += q[row * n + j]! * v[j]!;
        if (qv === 0) continue;
        qv *= beta;
        for (let j = k + 1; j < n; j++) q[row * n + j] -= qv * v[j]!;
      }
    }
    for (let i = k + 1; i < n; i++) {
      const vi = v[i]!, qi = p[i]!;
      const row = i * n;
      for (let j = k + 1; j <= i; j++) {
        const val = a[row + j]! - vi * p[j]! - qi * v[j]!;
        a[row + j] = val;
        a[j * n + i] = val;
      }
    }
    e[k] = alpha;
    d[k] = a[k * n + k]!;
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 2] = a[(n - 1) * n + n - 2]!;
  }
  d[n - 1] = a[(n - 1) * n + n - 1]!;
  e[n - 1] = 0;
}

/** Implicit QL on the tridiagonal (d, e), overwriting d with the eigenvalues. */
function tridiagonalQl(d: Float64Array, e: Float64Array, n: number, z?: Float64Array): void {
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 200) throw new Error('symmetricEigenvalues: QL iteration did not converge');
      // Shift from the leading 2×2 block, then chase the bulge from m − 1 up to l with Givens rotations.
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (z) {
          for (let k = 0; k < n; k++) {
            const f = z[k * n + i + 1]!;
            z[k * n + i + 1] = s * z[k * n + i]! + c * f;
            z[k * n + i] = c * z[k * n + i]! - s * f;
          }
        }
      }
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
