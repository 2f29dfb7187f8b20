/**
 * Gaussian mixtures for the GMM collapse loop: sampling, warm-started EM with full covariances, and the closed-form
 * L2 distance ∫(f − g)² between mixtures, using ∫N(x; a, A)N(x; b, B)dx = N(a; b, A + B).
 */
import type { Rng } from '../util/random.js';
import { choleskyPsd, gaussianLogDensity } from '../metrics/matrix.js';
import { zigguratNormal } from './ziggurat.js';

/** A Gaussian mixture with row-major covariances (internal representation). */
export interface Mixture {
  dim: number;
  weights: Float64Array;
  /** components × dim. */
  means: Float64Array;
  /** components × dim × dim. */
  covs: Float64Array;
}

/** Deep copy of a mixture. */
export function cloneMixture(m: Mixture): Mixture {
  return { dim: m.dim, weights: Float64Array.from(m.weights), means: Float64Array.from(m.means), covs: Float64Array.from(m.covs) };
}

/** Writes `count` draws from `m` into `out` (row-major count × dim) starting at row `offset`. */
export function sampleMixture(m: Mixture, count: number, r: Rng, out: Float64Array, offset = 0): void {
  const { dim } = m;
  const k = m.weights.length;
  const chol: Float64Array[] = [];
  for (let c = 0; c < k; c++) chol.push(choleskyPsd(m.covs.subarray(c * dim * dim, (c + 1) * dim * dim), dim));
  const z = new Float64Array(dim);
  const normal = zigguratNormal(r);
  for (let t = 0; t < count; t++) {
    const c = r.categorical(m.weights);
    const l = chol[c]!;
    for (let i = 0; i < dim; i++) z[i] = normal();
    const row = (offset + t) * dim;
    for (let i = 0; i < dim; i++) {
      let s = m.means[c * dim + i]!;
      for (let j = 0; j <= i; j++) s += l[i * dim + j]! * z[j]!;
      out[row + i] = s;
    }
  }
}

/**
 * Runs `iterations` EM steps on `points` (count × dim) starting from `m` (updated in place). `regCovar` is added to
 * each covariance diagonal (sklearn's reg_covar default 1e-6) so a collapsing component stays invertible.
 */
export function emFit(m: Mixture, points: Float64Array, count: number, iterations: number, regCovar: number): void {
  const { dim } = m;
  const k = m.weights.length;
  const resp = new Float64Array(count * k);
  const logNorm = new Float64Array(k);
  const diff = new Float64Array(dim);
  const zbuf = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    // E step: responsibilities via log-sum-exp, with each component's Cholesky factor precomputed once.
    const chols: Float64Array[] = [];
    for (let c = 0; c < k; c++) {
      const l = choleskyPsd(m.covs.subarray(c * dim * dim, (c + 1) * dim * dim), dim);
      chols.push(l);
      let logDet = 0;
      for (let i = 0; i < dim; i++) logDet += 2 * Math.log(l[i * dim + i]!);
      logNorm[c] = Math.log(m.weights[c]!) - 0.5 * (dim * Math.log(2 * Math.PI) + logDet);
    }
    for (let t = 0; t < count; t++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const l = chols[c]!;
        let quad = 0;
        for (let i = 0; i < dim; i++) {
          let s = points[t * dim + i]! - m.means[c * dim + i]!;
          for (let j = 0; j < i; j++) s -= l[i * dim + j]! * zbuf[j]!;
          zbuf[i] = s / l[i * dim + i]!;
          quad += zbuf[i]! ** 2;
        }
        const v = logNorm[c]! - 0.5 * quad;
        resp[t * k + c] = v;
        if (v > max) max = v;
      }
      let total = 0;
      for (let c = 0; c < k; c++) { const e = Math.exp(resp[t * k + c]! - max); resp[t * k + c] = e; total += e; }
      for (let c = 0; c < k; c++) resp[t * k + c] /= total;
    }
    // M step. A component with (numerically) no responsibility keeps its previous parameters.
    for (let c = 0; c < k; c++) {
      let nk = 0;
      for (let t = 0; t < count; t++) nk += resp[t * k + c]!;
      if (!(nk > 1e-10)) { m.weights[c] = 1e-300; continue; }
      m.weights[c] = nk / count;
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let t = 0; t < count; t++) s += resp[t * k + c]! * points[t * dim + i]!;
        m.means[c * dim + i] = s / nk;
      }
      const cov = m.covs.subarray(c * dim * dim, (c + 1) * dim * dim);
      cov.fill(0);
      for (let t = 0; t < count; t++) {
        const w = resp[t * k + c]!;
        for (let i = 0; i < dim; i++) diff[i] = points[t * dim + i]! - m.means[c * dim + i]!;
        for (let i = 0; i < dim; i++) for (let j = 0; j <= i; j++) cov[i * dim + j] += w * diff[i]! * diff[j]!;
      }
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j <= i; j++) { cov[i * dim + j] /= nk; cov[j * dim + i] = cov[i * dim + j]!; }
        cov[i * dim + i] += regCovar;
      }
    }
  }
}

/** Closed-form ∫(f − g)² dx between mixtures f and g of the same dimension. */
export function mixtureL2Squared(f: Mixture, g: Mixture): number {
  return crossTerm(f, f) - 2 * crossTerm(f, g) + crossTerm(g, g);
}

/** Σ_ij a_i b_j N(μ_i; ν_j, Σ_i + Λ_j) = ∫ f·g. */
export function crossTerm(f: Mixture, g: Mixture): number {
  const { dim } = f;
  const d2 = dim * dim;
  const sum = new Float64Array(d2);
  let total = 0;
  for (let i = 0; i < f.weights.length; i++) {
    for (let j = 0; j < g.weights.length; j++) {
      for (let e = 0; e < d2; e++) sum[e] = f.covs[i * d2 + e]! + g.covs[j * d2 + e]!;
      const logp = gaussianLogDensity(f.means.subarray(i * dim, (i + 1) * dim), g.means.subarray(j * dim, (j + 1) * dim), sum, dim);
      total += f.weights[i]! * g.weights[j]! * Math.exp(logp);
    }
  }
  return total;
}
