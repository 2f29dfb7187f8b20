/**
 * The Gaussian self-consuming loop: fit a Gaussian, sample from the fit, refit, repeat. One API covers the published
 * setups: Shumailov et al. 2305.17493 (replace; σ² → 0 a.s.), Alemohammad et al. 2307.01850 (MAD: fully synthetic,
 * synthetic augmentation with a fixed real set, fresh real data; sampling bias λ), Gerstgrasser et al. 2404.01413
 * (accumulate keeps every earlier dataset), Gillman et al. 2402.07087 (idealized correction γ) and Ferbach et al.
 * 2407.09499 (reward-curated retraining).
 */
import { check, fail } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED } from '../util/random.js';
import { choleskyPsd, identity, toNested, toSquare } from '../metrics/matrix.js';
import { psdSqrt } from '../metrics/eigen.js';
import { w2Parts } from '../metrics/gaussian-w2.js';
import { loopResult, type LoopSeries } from './loop-result.js';
import { zigguratNormal, type NormalSource } from './ziggurat.js';
import type { Displayable } from '../util/display.js';

/** How each generation's training set is built. */
export type LoopMode = 'replace' | 'accumulate' | 'augment' | 'fresh';
const MODES: readonly LoopMode[] = ['replace', 'accumulate', 'augment', 'fresh'];

/** Reward-curated sampling (Ferbach et al. 2407.09499): each kept synthetic point is the best of `k` draws. */
export interface Curation {
  /** Reward of one point (a Float64Array of length dim, valid only during the call). */
  reward: (x: Float64Array) => number;
  /** Candidates per kept point. Default: 2. */
  k?: number;
}

/** Options for {@link gaussianLoop}. */
export interface GaussianLoopOptions {
  /** Dimension. Default: 1. */
  dim?: number;
  /** Points per generation. Default: 100. */
  n?: number;
  /** Generations after the initial fit to real data. Default: 100. */
  generations?: number;
  /**
   * `'replace'`: train on n fresh synthetic points (fully synthetic loop). `'accumulate'`: add them to all earlier
   * data. `'augment'`: a fixed real set of n·realFraction points plus synthetic. `'fresh'`: new real points
   * (n·realFraction) each generation plus synthetic. Default: 'replace'.
   */
  mode?: LoopMode;
  /** Real share of each training set in 'augment' and 'fresh' modes. Default: 0.5. */
  realFraction?: number;
  /** λ: synthetic points come from N(μ̂, λΣ̂); λ < 1 trades diversity for quality (MAD). Default: 1. */
  samplingBias?: number;
  /**
   * γ ≥ 0: idealized correction, sampling from (model + γ·truth)/(1 + γ), i.e. each synthetic point is replaced by
   * a true draw with probability γ/(1+γ) (Gillman et al.). Default: 0 (off).
   */
  correction?: number;
  /** Reward curation of synthetic points. Default: none. */
  curation?: Curation;
  /** Covariance estimator: 'mle' (divide by N; E σ̂² = σ²(1 − 1/N)) or 'unbiased' (N − 1). Default: 'mle'. */
  estimator?: 'mle' | 'unbiased';
  /** True mean. Default: zeros. */
  trueMean?: ArrayLike<number>;
  /** True covariance (rows or dim² numbers). Default: identity. */
  trueCov?: number[][] | ArrayLike<number>;
  /** Seed. Default: 0. */
  seed?: number;
  /** Label for tables and `report`. Default: the mode. */
  label?: string;
}

/** Result of {@link gaussianLoop}: per-generation fits and W2 to the truth. */
export interface GaussianLoopResult extends LoopSeries {
  /** Fitted mean per generation. */
  means: number[][];
  /** Fitted covariance per generation. */
  covariances: number[][][];
  /**
   * Series per generation: `variance` (tr Σ̂ / dim), `w2`, `w2Squared`, `w2Mean` (‖μ̂ − μ‖²), `w2Cov` (Bures²),
   * `mean0` (first coordinate of μ̂).
   */
  metrics: { variance: number[]; w2: number[]; w2Squared: number[]; w2Mean: number[]; w2Cov: number[]; mean0: number[] };
  /** The resolved options. */
  options: Required<Omit<GaussianLoopOptions, 'curation' | 'trueMean' | 'trueCov'>> & { curation?: Curation };
}

/**
 * Runs a Gaussian fit → sample → refit loop and records the fit and its W2 distance to the truth per generation.
 *
 * @example
 * const r = collapse.gaussianLoop({ n: 20, generations: 200, mode: 'replace', seed: 1 });
 * r.metrics.variance.at(-1); // ≪ 1: the variance collapses; with mode 'accumulate' it stays near 1
 */
export function gaussianLoop(options: GaussianLoopOptions = {}): GaussianLoopResult & Displayable {
  const fn = 'gaussianLoop';
  const dim = check.int(options.dim ?? 1, 'dim', fn, { min: 1, max: 64 });
  const n = check.int(options.n ?? 100, 'n', fn, { min: 2 });
  const generations = check.int(options.generations ?? 100, 'generations', fn, { min: 0 });
  const mode = check.oneOf(options.mode ?? 'replace', MODES, 'mode', fn);
  const realFraction = check.probability(options.realFraction ?? 0.5, 'realFraction', fn);
  const samplingBias = check.finite(options.samplingBias ?? 1, 'samplingBias', fn, { min: 0 });
  const correction = check.finite(options.correction ?? 0, 'correction', fn, { min: 0 });
  const estimator = check.oneOf(options.estimator ?? 'mle', ['mle', 'unbiased'] as const, 'estimator', fn);
  const seed = check.finite(options.seed ?? DEFAULT_SEED, 'seed', fn);
  const curation = options.curation;
  if (curation !== undefined && typeof curation.reward !== 'function') fail(fn, 'curation.reward must be a function (x) => number');
  const curateK = check.int(curation?.k ?? 2, 'curation.k', fn, { min: 1 });
  const trueMean = options.trueMean === undefined ? new Float64Array(dim) : check.numbers(options.trueMean, 'trueMean', fn);
  if (trueMean.length !== dim) fail(fn, `trueMean must have length dim (got ${trueMean.length}, dim=${dim})`);
  const trueCov = options.trueCov === undefined ? identity(dim) : toSquare(options.trueCov, dim, 'trueCov', fn, { symmetric: true });
  const label = options.label ?? mode;

  const r = makeRng(seed);
  const normal = zigguratNormal(r);
  const trueL = choleskyPsd(trueCov, dim);
  const sqrtTrue = psdSqrt(trueCov, dim);
  let traceTrue = 0;
  for (let i = 0; i < dim; i++) traceTrue += trueCov[i * dim + i]!;
  const nReal = mode === 'augment' || mode === 'fresh' ? Math.round(n * realFraction) : 0;

  // Per-batch statistics (count, mean, M2 = Σ(x−x̄)(x−x̄)ᵀ) computed in two passes and merged with Chan et al.'s
  // pairwise update: a raw Σxxᵀ − N·x̄x̄ᵀ would cancel catastrophically once the variance has collapsed to 1e-30.
  const z = new Float64Array(dim);
  const candidate = new Float64Array(dim);
  const draw = (mean: Float64Array, l: Float64Array, out: Float64Array, offset: number): void => {
    for (let i = 0; i < dim; i++) z[i] = normal();
    for (let i = 0; i < dim; i++) {
      let s = mean[i]!;
      for (let k = 0; k <= i; k++) s += l[i * dim + k]! * z[k]!;
      out[offset + i] = s;
    }
  };
  interface Stats { count: number; mean: Float64Array; m2: Float64Array }
  const batchStats = (points: Float64Array, count: number): Stats => {
    const mean = new Float64Array(dim);
    const m2 = new Float64Array(dim * dim);
    for (let t = 0; t < count; t++) for (let i = 0; i < dim; i++) mean[i] += points[t * dim + i]!;
    for (let i = 0; i < dim; i++) mean[i] /= Math.max(count, 1);
    for (let t = 0; t < count; t++) {
      for (let i = 0; i < dim; i++) {
        const di = points[t * dim + i]! - mean[i]!;
        for (let j = 0; j <= i; j++) m2[i * dim + j] += di * (points[t * dim + j]! - mean[j]!);
      }
    }
    return { count, mean, m2 };
  };
  const merge = (a: Stats, b: Stats): Stats => {
    if (a.count === 0) return b;
    if (b.count === 0) return a;
    const count = a.count + b.count;
    const w = (a.count * b.count) / count;
    const delta = Float64Array.from(b.mean, (v, i) => v - a.mean[i]!);
    const mean = Float64Array.from(a.mean, (v, i) => v + (delta[i]! * b.count) / count);
    const m2 = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) for (let j = 0; j <= i; j++) {
      m2[i * dim + j] = a.m2[i * dim + j]! + b.m2[i * dim + j]! + delta[i]! * delta[j]! * w;
    }
    return { count, mean, m2 };
  };
  const fit = (s: Stats): { mean: Float64Array; cov: Float64Array } => {
    const cov = new Float64Array(dim * dim);
    const denom = estimator === 'mle' ? s.count : Math.max(s.count - 1, 1);
    for (let i = 0; i < dim; i++) for (let j = 0; j <= i; j++) {
      const c = s.m2[i * dim + j]! / denom;
      cov[i * dim + j] = c;
      cov[j * dim + i] = c;
    }
    return { mean: s.mean, cov };
  };

  // Generation 0: n real points. 'augment' keeps the first nReal of them as its fixed real set.
  const buffer = new Float64Array(n * dim);
  for (let t = 0; t < n; t++) draw(trueMean, trueL, buffer, t * dim);
  const realFixed = batchStats(buffer, nReal);
  let total = batchStats(buffer, n);
  let current = fit(total);

  const means: number[][] = [];
  const covariances: number[][][] = [];
  const metrics = { variance: [] as number[], w2: [] as number[], w2Squared: [] as number[], w2Mean: [] as number[], w2Cov: [] as number[], mean0: [] as number[] };
  const record = (): void => {
    means.push(Array.from(current.mean));
    covariances.push(toNested(current.cov, dim));
    const parts = w2Parts(current.mean, current.cov, trueMean, sqrtTrue, traceTrue, dim);
    let tr = 0;
    for (let i = 0; i < dim; i++) tr += current.cov[i * dim + i]!;
    metrics.variance.push(tr / dim);
    metrics.w2.push(parts.w2);
    metrics.w2Squared.push(parts.w2Squared);
    metrics.w2Mean.push(parts.meanPart);
    metrics.w2Cov.push(parts.covPart);
    metrics.mean0.push(current.mean[0]!);
  };
  record();

  const correctProb = correction / (1 + correction);
  const nSynth = n - nReal;
  // Fills buffer[0..nSynth) with synthetic points from the current fit (with correction and curation).
  const sampleSynthetic = (biased: Float64Array): Stats => {
    const modelL = choleskyPsd(biased, dim);
    for (let t = 0; t < nSynth; t++) {
      const at = t * dim;
      if (correctProb > 0 && r.next() < correctProb) {
        draw(trueMean, trueL, buffer, at);
      } else if (curation) {
        let best = -Infinity;
        for (let c = 0; c < curateK; c++) {
          draw(current.mean, modelL, candidate, 0);
          const score = curation.reward(candidate);
          if (c === 0 || score > best) { best = score; buffer.set(candidate, at); }
        }
      } else {
        draw(current.mean, modelL, buffer, at);
      }
    }
    return batchStats(buffer, nSynth);
  };
  for (let g = 1; g <= generations; g++) {
    const biased = current.cov.map((v) => v * samplingBias);
    let synth: Stats;
    if (dim === 1 && correctProb === 0 && !curation) {
      // The common 1-D loop (Shumailov's toy, the benchmark): one tight pass to sample and sum, one for M2.
      synth = sample1d(normal, buffer, nSynth, current.mean[0]!, Math.sqrt(Math.max(biased[0]!, 0)));
    } else {
      synth = sampleSynthetic(biased);
    }
    if (mode === 'replace') {
      total = synth;
    } else if (mode === 'accumulate') {
      total = merge(total, synth);
    } else if (mode === 'augment') {
      total = merge(realFixed, synth);
    } else {
      for (let t = 0; t < nReal; t++) draw(trueMean, trueL, buffer, t * dim);
      total = merge(batchStats(buffer, nReal), synth);
    }
    current = fit(total);
    record();
  }
  const resolved = { dim, n, generations, mode, realFraction, samplingBias, correction, estimator, seed, label, ...(curation ? { curation } : {}) };
  return loopResult('gaussianLoop', label, metrics, { means, covariances, options: resolved }) as unknown as GaussianLoopResult & Displayable;
}

/**
 * Samples `count` points of N(mu, sd²) into `buffer` with the ziggurat's bulk fill and returns their batch
 * statistics (the 1-D replace loop spends nearly all its time here).
 */
function sample1d(normal: NormalSource, buffer: Float64Array, count: number, mu: number, sd: number): { count: number; mean: Float64Array; m2: Float64Array } {
  const sum = normal.fill(buffer, 0, count, mu, sd);
  const m = count > 0 ? sum / count : 0;
  let m2 = 0;
  for (let t = 0; t < count; t++) { const dv = buffer[t]! - m; m2 += dv * dv; }
  return { count, mean: Float64Array.of(m), m2: Float64Array.of(m2) };
}
