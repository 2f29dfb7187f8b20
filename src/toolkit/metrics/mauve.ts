/**
 * MAUVE (Pillutla et al. 2102.01454; krishnap25/mauve): quantize the pooled features of P and Q (L2-normalize,
 * PCA to 90% of the variance, k-means with max(2, n/10) buckets), then trace the divergence curve
 * (e^{−c·KL(Q‖R_w)}, e^{−c·KL(P‖R_w)}) for mixtures R_w = wP + (1−w)Q and take the area under it. k-means seeding
 * moves the score, so it is averaged over seeds. Features are whatever the caller embeds; none are downloaded.
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { symmetricEigenpairs } from './eigenvalues.js';
import { kmeans } from './kmeans.js';
import { gram, outerGram, toRows } from './matrix.js';

/** Options for {@link mauve}. */
export interface MauveOptions {
  /** k-means buckets, or 'auto' = max(2, round(min(|P|, |Q|)/10)). Default: 'auto'. */
  buckets?: number | 'auto';
  /** Share of variance kept by PCA, in (0, 1]. Default: 0.9. */
  pcaVariance?: number;
  /** Scaling constant c. Default: 5. */
  scaling?: number;
  /** Mixture weights on the curve. Default: 25. */
  discretization?: number;
  /** k-means seeds to average over. Default: [0, 1, 2, 3, 4]. */
  seeds?: number[];
  /** Lloyd iterations cap. Default: 300. */
  maxIterations?: number;
}

/** Result of {@link mauve}. */
export interface Mauve {
  /** Mean MAUVE over seeds, in (0, 1]; 1 means indistinguishable. */
  mauve: number;
  /** Standard deviation over seeds. */
  std: number;
  /** MAUVE per seed. */
  perSeed: number[];
  /** Mean frontier integral over seeds (Liu et al. 2106.05767; 0 when P = Q). */
  frontierIntegral: number;
  /** Divergence curve averaged over seeds, sorted by x (plot-ready). */
  curve: { x: number[]; y: number[] };
  /** Bucket histograms of P and Q for the first seed. */
  pHist: number[];
  qHist: number[];
}

/**
 * MAUVE between feature sets P and Q (rows of equal dimension).
 *
 * @example
 * metrics.mauve(realEmbeddings, generatedEmbeddings, { seeds: [0, 1, 2] }).mauve;
 */
export function mauve(P: number[][], Q: number[][], options: MauveOptions = {}): Mauve & Displayable {
  const fn = 'mauve';
  const p = toRows(P, 'P', fn);
  const q = toRows(Q, 'Q', fn);
  if (p.cols !== q.cols) fail(fn, `P and Q must have the same dimension (got ${p.cols} and ${q.cols})`);
  const total = p.rows + q.rows;
  const buckets = options.buckets === undefined || options.buckets === 'auto'
    ? Math.max(2, Math.round(Math.min(p.rows, q.rows) / 10))
    : check.int(options.buckets, 'buckets', fn, { min: 2, max: total, maxName: '|P| + |Q|' });
  const pcaVariance = check.finite(options.pcaVariance ?? 0.9, 'pcaVariance', fn, { min: Number.MIN_VALUE, max: 1 });
  const scaling = check.finite(options.scaling ?? 5, 'scaling', fn, { min: Number.MIN_VALUE });
  const disc = check.int(options.discretization ?? 25, 'discretization', fn, { min: 2 });
  const seeds = Array.from(check.numbers(options.seeds ?? [0, 1, 2, 3, 4], 'seeds', fn));
  const maxIterations = check.int(options.maxIterations ?? 300, 'maxIterations', fn, { min: 1 });

  const { data, dim } = normalizeAndProject(p.data, q.data, p.rows, q.rows, p.cols, pcaVariance, fn);
  const perSeed: number[] = [];
  const fis: number[] = [];
  const xs = new Float64Array(disc), ys = new Float64Array(disc);
  let pHist: number[] = [], qHist: number[] = [];
  seeds.forEach((seed, s) => {
    const labels = kmeans(data, total, dim, buckets, seed, maxIterations);
    const ph = new Float64Array(buckets), qh = new Float64Array(buckets);
    for (let i = 0; i < p.rows; i++) ph[labels[i]!] += 1 / p.rows;
    for (let i = 0; i < q.rows; i++) qh[labels[p.rows + i]!] += 1 / q.rows;
    if (s === 0) { pHist = Array.from(ph); qHist = Array.from(qh); }
    const { x, y, area } = divergenceCurve(ph, qh, scaling, disc);
    perSeed.push(area);
    fis.push(frontierIntegral(ph, qh));
    for (let i = 0; i < disc; i++) { xs[i] += x[i]! / seeds.length; ys[i] += y[i]! / seeds.length; }
  });
  const mean = perSeed.reduce((a, b) => a + b, 0) / perSeed.length;
  const std = Math.sqrt(perSeed.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(perSeed.length - 1, 1));
  const order = Array.from({ length: disc }, (_, i) => i).sort((i, j) => xs[i]! - xs[j]!);
  const result = {
    mauve: mean,
    std,
    perSeed,
    frontierIntegral: fis.reduce((a, b) => a + b, 0) / fis.length,
    curve: { x: order.map((i) => xs[i]!), y: order.map((i) => ys[i]!) },
    pHist,
    qHist,
  };
  return withTable(result, () => [{ mauve: mean, std, seeds: seeds.length, buckets, pcaDims: dim, frontierIntegral: result.frontierIntegral }], { caption: 'MAUVE' });
}

/**
 * Points (e^{−c·KL(q‖r)}, e^{−c·KL(p‖r)}) for r = wp + (1−w)q, w on an even grid in [1e-6, 1 − 1e-6], and the area
 * under the curve closed by (0, 1) and (1, 0) (trapezoid rule), as the reference computes it.
 */
export function divergenceCurve(p: Float64Array, q: Float64Array, scaling: number, disc: number): { x: number[]; y: number[]; area: number } {
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < disc; i++) {
    const w = 1e-6 + ((1 - 2e-6) * i) / (disc - 1);
    let klP = 0, klQ = 0;
    for (let b = 0; b < p.length; b++) {
      const r = w * p[b]! + (1 - w) * q[b]!;
      if (p[b]! > 0) klP += p[b]! * Math.log(p[b]! / r);
      if (q[b]! > 0) klQ += q[b]! * Math.log(q[b]! / r);
    }
    x.push(Math.exp(-scaling * klQ));
    y.push(Math.exp(-scaling * klP));
  }
  const pts = [[0, 1], ...x.map((v, i) => [v, y[i]!]), [1, 0]].sort((a, b) => a[0]! - b[0]!);
  let area = 0;
  for (let i = 1; i < pts.length; i++) area += ((pts[i]![0]! - pts[i - 1]![0]!) * (pts[i]![1]! + pts[i - 1]![1]!)) / 2;
  return { x, y, area };
}

/** Closed-form frontier integral of two histograms (Liu et al. 2106.05767), scaled by 2 as the reference. */
function frontierIntegral(p: Float64Array, q: Float64Array): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!, b = q[i]!;
    if (a === 0 && b === 0) continue;
    if (a === 0) total += b / 4;
    else if (b === 0) total += a / 4;
    else if (Math.abs(a - b) > 1e-8) total += 0.25 * (a + b) - (0.5 * a * b * (Math.log(a) - Math.log(b))) / (a - b);
  }
  return 2 * total;
}

/** L2-normalizes pooled rows, then projects onto the top principal components holding `keep` of the variance. */
function normalizeAndProject(pData: Float64Array, qData: Float64Array, pRows: number, qRows: number, d: number, keep: number, fn: string): { data: Float64Array; dim: number } {
  const n = pRows + qRows;
  const x = new Float64Array(n * d);
  x.set(pData, 0);
  x.set(qData, pRows * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j]! ** 2;
    if (s === 0) fail(fn, `${i < pRows ? `P[${i}]` : `Q[${i - pRows}]`} is the zero vector and cannot be L2-normalized`);
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) x[i * d + j] *= inv;
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] -= mean[j]!;
  if (d === 1) return { data: x, dim: 1 };
  // Principal scores from whichever Gram matrix is smaller: with XᵀX = VΛVᵀ the scores are XV; with XXᵀ = UΛUᵀ
  // they are U·√Λ (the same numbers up to sign).
  const useCovariance = d <= n;
  const m = useCovariance ? d : n;
  const { values, vectors } = symmetricEigenpairs(useCovariance ? gram(x, n, d) : outerGram(x, n, d), m);
  let total = 0;
  for (const v of values) total += Math.max(v, 0);
  let dim = m, acc = 0;
  for (let k = 0; k < m; k++) {
    acc += Math.max(values[k]!, 0);
    if (total === 0 || acc >= keep * total - 1e-12) { dim = k + 1; break; }
  }
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) {
    if (useCovariance) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j]! * vectors[j * d + k]!;
      out[i * dim + k] = s;
    } else {
      out[i * dim + k] = vectors[i * n + k]! * Math.sqrt(Math.max(values[k]!, 0));
    }
  }
  return { data: out, dim };
}
