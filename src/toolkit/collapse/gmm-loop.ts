/**
 * The Gaussian-mixture refit loop of Shumailov et al. 2305.17493 (Nature 2024; notebook Normals_GMM_experiments):
 * sample N points from the current mixture, refit by EM, repeat. It records the closed-form L2 distance ∫(f − g)² to
 * the true mixture and tail percentiles, which shrink first as the tails vanish.
 */
import { check, fail } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED } from '../util/random.js';
import { toRows, toSquare } from '../metrics/matrix.js';
import { cloneMixture, emFit, mixtureL2Squared, sampleMixture, type Mixture } from './gmm-fit.js';
import { loopResult, type LoopSeries } from './loop-result.js';
import type { Displayable } from '../util/display.js';

/** A Gaussian mixture as users write it. */
export interface MixtureSpec {
  weights: number[];
  /** One mean per component. */
  means: number[][];
  /** One covariance per component (rows). */
  covs: number[][][];
}

/** Options for {@link gmmLoop}. */
export interface GmmLoopOptions {
  /** True mixture. Default: ½N(−2, 1) + ½N(2, 1) in 1-D; in `dim` > 1 the means are ±2 on the first axis, covs I. */
  truth?: MixtureSpec;
  /** Dimension when `truth` is not given. Default: 1. */
  dim?: number;
  /** Points sampled per generation. Default: 1000. */
  n?: number;
  /** Generations after the fit to real data. Default: 100. */
  generations?: number;
  /** 'replace' (fit only the newest samples) or 'accumulate' (fit everything so far; cost grows). Default: 'replace'. */
  mode?: 'replace' | 'accumulate';
  /** EM iterations per generation, warm-started from the previous fit (gen 0 from the truth). Default: 20. */
  emIterations?: number;
  /** Added to covariance diagonals in EM (as sklearn's reg_covar). Default: 1e-6. */
  regCovar?: number;
  /** Percentiles of each generation's samples (first coordinate) to track. Default: [95, 97, 99]. */
  percentiles?: number[];
  /** Seed. Default: 0. */
  seed?: number;
  /** Label for tables and `report`. Default: the mode. */
  label?: string;
}

/** Result of {@link gmmLoop}. */
export interface GmmLoopResult extends LoopSeries {
  /**
   * `l2` (√∫(f−g)²) and `l2Squared` to the truth, `weight0`, `mean0`, `std0` (component 0, first coordinate) and
   * one `p{q}` series per tracked percentile.
   */
  metrics: Record<string, number[]>;
  /** The fitted mixture per generation. */
  fits: MixtureSpec[];
}

/**
 * Runs the GMM fit → sample → refit loop.
 *
 * @example
 * const r = collapse.gmmLoop({ n: 200, generations: 500, seed: 1 });
 * r.metrics.p99.at(-1) < r.metrics.p99[0]; // tails shrink
 */
export function gmmLoop(options: GmmLoopOptions = {}): GmmLoopResult & Displayable {
  const fn = 'gmmLoop';
  const truth = options.truth === undefined ? defaultTruth(check.int(options.dim ?? 1, 'dim', fn, { min: 1, max: 16 })) : parseMixture(options.truth, fn);
  const { dim } = truth;
  const n = check.int(options.n ?? 1000, 'n', fn, { min: 2 });
  const generations = check.int(options.generations ?? 100, 'generations', fn, { min: 0 });
  const mode = check.oneOf(options.mode ?? 'replace', ['replace', 'accumulate'] as const, 'mode', fn);
  const emIterations = check.int(options.emIterations ?? 20, 'emIterations', fn, { min: 1 });
  const regCovar = check.finite(options.regCovar ?? 1e-6, 'regCovar', fn, { min: 0 });
  if (regCovar === 0) fail(fn, 'regCovar must be > 0 so collapsing components stay invertible (got regCovar=0)');
  const percentiles = Array.from(check.numbers(options.percentiles ?? [95, 97, 99], 'percentiles', fn));
  percentiles.forEach((q, i) => check.finite(q, `percentiles[${i}]`, fn, { min: 0, max: 100 }));
  const seed = check.finite(options.seed ?? DEFAULT_SEED, 'seed', fn);
  const label = options.label ?? mode;
  const r = makeRng(seed);

  const capacity = mode === 'accumulate' ? n * (generations + 1) : n;
  const points = new Float64Array(capacity * dim);
  const firstCoord = new Float64Array(n);
  const metrics: Record<string, number[]> = { l2: [], l2Squared: [], weight0: [], mean0: [], std0: [] };
  for (const q of percentiles) metrics[`p${q}`] = [];
  const fits: MixtureSpec[] = [];
  let model = cloneMixture(truth);
  let stored = 0;
  for (let g = 0; g <= generations; g++) {
    const source = g === 0 ? truth : model;
    const offset = mode === 'accumulate' ? stored : 0;
    sampleMixture(source, n, r, points, offset);
    stored = offset + n;
    for (let t = 0; t < n; t++) firstCoord[t] = points[(offset + t) * dim]!;
    emFit(model, points, stored, emIterations, regCovar);
    const l2Squared = Math.max(mixtureL2Squared(model, truth), 0);
    metrics.l2!.push(Math.sqrt(l2Squared));
    metrics.l2Squared!.push(l2Squared);
    metrics.weight0!.push(model.weights[0]!);
    metrics.mean0!.push(model.means[0]!);
    metrics.std0!.push(Math.sqrt(model.covs[0]!));
    firstCoord.sort();
    for (const q of percentiles) metrics[`p${q}`]!.push(percentileSorted(firstCoord, q));
    fits.push(toSpec(model));
    model = cloneMixture(model);
  }
  return loopResult('gmmLoop', label, metrics, { fits, options: { dim, n, generations, mode, emIterations, regCovar, percentiles, seed, label } }) as unknown as GmmLoopResult & Displayable;
}

/** Linear-interpolation percentile of sorted values (NumPy's default method). */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

function defaultTruth(dim: number): Mixture {
  const means = new Float64Array(2 * dim);
  means[0] = -2;
  means[dim] = 2;
  const covs = new Float64Array(2 * dim * dim);
  for (let c = 0; c < 2; c++) for (let i = 0; i < dim; i++) covs[c * dim * dim + i * dim + i] = 1;
  return { dim, weights: Float64Array.of(0.5, 0.5), means, covs };
}

/** Validates a user mixture: weights positive summing to 1, means of one length, covariances positive definite. */
export function parseMixture(spec: MixtureSpec, fn: string, name = 'truth'): Mixture {
  const weights = check.numbers(spec?.weights, `${name}.weights`, fn);
  let total = 0;
  weights.forEach((w, i) => { check.finite(w, `${name}.weights[${i}]`, fn, { min: 0 }); total += w; });
  if (Math.abs(total - 1) > 1e-9) fail(fn, `${name}.weights must sum to 1 (got ${total})`);
  const means = toRows(spec.means, `${name}.means`, fn);
  if (means.rows !== weights.length) fail(fn, `${name}.means must have one row per weight (got ${means.rows} rows, ${weights.length} weights)`);
  const dim = means.cols;
  if (!Array.isArray(spec.covs) || spec.covs.length !== weights.length) fail(fn, `${name}.covs must have one matrix per weight (got ${Array.isArray(spec.covs) ? spec.covs.length : typeof spec.covs})`);
  const covs = new Float64Array(weights.length * dim * dim);
  spec.covs.forEach((c, i) => {
    const m = toSquare(c, dim, `${name}.covs[${i}]`, fn, { symmetric: true });
    for (let j = 0; j < dim; j++) if (!(m[j * dim + j]! > 0)) fail(fn, `${name}.covs[${i}] must be positive definite (got diagonal ${m[j * dim + j]})`);
    covs.set(m, i * dim * dim);
  });
  return { dim, weights: Float64Array.from(weights), means: means.data, covs };
}

function toSpec(m: Mixture): MixtureSpec {
  const { dim } = m;
  const k = m.weights.length;
  return {
    weights: Array.from(m.weights),
    means: Array.from({ length: k }, (_, c) => Array.from(m.means.subarray(c * dim, (c + 1) * dim))),
    covs: Array.from({ length: k }, (_, c) => Array.from({ length: dim }, (_, i) => Array.from(m.covs.subarray(c * dim * dim + i * dim, c * dim * dim + (i + 1) * dim)))),
  };
}
