/**
 * Linear regression trained on its own labels (Dohmatob et al. 2402.07712 "Model collapse demystified";
 * Gerstgrasser et al. 2404.01413 "Is model collapse inevitable?"). A fixed Gaussian design X (T×d) is relabelled
 * each generation by the previous fit plus noise σ². Replacing the data makes the excess error grow linearly;
 * accumulating it bounds the error by a π²/6 factor.
 */
import { check, fail } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED } from '../util/random.js';
import { choleskyPsd } from '../metrics/matrix.js';
import { loopResult, type LoopSeries } from './loop-result.js';
import type { Displayable } from '../util/display.js';

/** Options for {@link linearRegressionLoop}. */
export interface LinearRegressionLoopOptions {
  /** Feature dimension d. Default: 10. */
  d?: number;
  /** Samples per generation T; must exceed d + 1 for the closed form. Default: 50. */
  T?: number;
  /** Label noise standard deviation σ. Default: 1. */
  sigma?: number;
  /** Generations after the first fit to real labels. Default: 20. */
  generations?: number;
  /** 'replace' (fit only the newest labels) or 'accumulate' (fit all labels so far). Default: 'replace'. */
  mode?: 'replace' | 'accumulate';
  /** Independent runs averaged per generation (each with its own design and w*). Default: 200. */
  trials?: number;
  /** Seed. Default: 0. */
  seed?: number;
  /** Label for tables and `report`. Default: the mode. */
  label?: string;
}

/** Result of {@link linearRegressionLoop}. */
export interface LinearRegressionLoopResult extends LoopSeries {
  /**
   * `error`: mean over trials of ‖ŵ_g − w*‖² (the excess test risk for isotropic test features); `stdError`: its
   * standard error; `theory`: the closed form for the mode; `replaceTheory` and `accumulateTheory`: both published
   * curves, so one table shows the gap.
   */
  metrics: { error: number[]; stdError: number[]; theory: number[]; replaceTheory: number[]; accumulateTheory: number[] };
  options: Required<Omit<LinearRegressionLoopOptions, 'label'>> & { label: string };
}

/**
 * Closed-form expected excess error after generation g (g = 0 is the fit to real labels, so g + 1 fits), using
 * E tr((XᵀX)⁻¹) = d/(T − d − 1) for Gaussian X: replace σ²d/(T−d−1)·(g+1); accumulate σ²d/(T−d−1)·Σ_{k≤g+1} 1/k².
 *
 * @example
 * collapse.linearRegressionTheory({ d: 10, T: 50, sigma: 1, mode: 'replace' }, 4); // 10/39 · 5 ≈ 1.282
 */
export function linearRegressionTheory(options: { d: number; T: number; sigma: number; mode: 'replace' | 'accumulate' }, generation: number): number {
  const base = (options.sigma ** 2 * options.d) / (options.T - options.d - 1);
  if (options.mode === 'replace') return base * (generation + 1);
  let s = 0;
  for (let k = 1; k <= generation + 1; k++) s += 1 / (k * k);
  return base * s;
}

/**
 * Simulates the linear-regression self-consuming loop and lays the published curves beside the simulation.
 *
 * @example
 * const r = collapse.linearRegressionLoop({ d: 10, T: 50, generations: 20, mode: 'accumulate' });
 * r.metrics.error.at(-1); // ≈ r.metrics.theory.at(-1) ≤ 10/39 · π²/6
 */
export function linearRegressionLoop(options: LinearRegressionLoopOptions = {}): LinearRegressionLoopResult & Displayable {
  const fn = 'linearRegressionLoop';
  const d = check.int(options.d ?? 10, 'd', fn, { min: 1, max: 512 });
  const T = check.int(options.T ?? 50, 'T', fn, { min: 1 });
  if (T <= d + 1) fail(fn, `T must be > d + 1 for a well-posed fit and the closed form (got T=${T}, d=${d})`);
  const sigma = check.finite(options.sigma ?? 1, 'sigma', fn, { min: 0 });
  const generations = check.int(options.generations ?? 20, 'generations', fn, { min: 0 });
  const mode = check.oneOf(options.mode ?? 'replace', ['replace', 'accumulate'] as const, 'mode', fn);
  const trials = check.int(options.trials ?? 200, 'trials', fn, { min: 1 });
  const seed = check.finite(options.seed ?? DEFAULT_SEED, 'seed', fn);
  const label = options.label ?? mode;
  const r = makeRng(seed);

  const sum = new Float64Array(generations + 1);
  const sumSq = new Float64Array(generations + 1);
  const X = new Float64Array(T * d);
  const gram = new Float64Array(d * d);
  const w = new Float64Array(d);
  const wStar = new Float64Array(d);
  const b = new Float64Array(d);
  const bTotal = new Float64Array(d);
  const y = new Float64Array(T);
  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < T * d; i++) X[i] = r.normal();
    for (let j = 0; j < d; j++) wStar[j] = r.normal();
    gram.fill(0);
    for (let t = 0; t < T; t++) for (let i = 0; i < d; i++) {
      const xi = X[t * d + i]!;
      for (let j = 0; j <= i; j++) gram[i * d + j] += xi * X[t * d + j]!;
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) gram[j * d + i] = gram[i * d + j]!;
    const l = choleskyPsd(gram, d);
    w.set(wStar);
    bTotal.fill(0);
    for (let g = 0; g <= generations; g++) {
      // Labels from the previous fit (w* at g = 0) plus fresh noise; OLS through the normal equations.
      for (let t = 0; t < T; t++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += X[t * d + j]! * w[j]!;
        y[t] = s + sigma * r.normal();
      }
      b.fill(0);
      for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) b[j] += X[t * d + j]! * y[t]!;
      if (mode === 'accumulate') {
        // Stacking g + 1 copies of X gives Gram (g+1)·XᵀX and right-hand side Σ Xᵀy_i.
        for (let j = 0; j < d; j++) bTotal[j] += b[j]!;
        for (let j = 0; j < d; j++) b[j] = bTotal[j]! / (g + 1);
      }
      solveCholesky(l, b, w, d);
      let err = 0;
      for (let j = 0; j < d; j++) err += (w[j]! - wStar[j]!) ** 2;
      sum[g] += err;
      sumSq[g] += err * err;
    }
  }
  const metrics = { error: [] as number[], stdError: [] as number[], theory: [] as number[], replaceTheory: [] as number[], accumulateTheory: [] as number[] };
  for (let g = 0; g <= generations; g++) {
    const mean = sum[g]! / trials;
    const variance = trials > 1 ? Math.max(sumSq[g]! / trials - mean * mean, 0) * (trials / (trials - 1)) : 0;
    metrics.error.push(mean);
    metrics.stdError.push(Math.sqrt(variance / trials));
    metrics.theory.push(linearRegressionTheory({ d, T, sigma, mode }, g));
    metrics.replaceTheory.push(linearRegressionTheory({ d, T, sigma, mode: 'replace' }, g));
    metrics.accumulateTheory.push(linearRegressionTheory({ d, T, sigma, mode: 'accumulate' }, g));
  }
  return loopResult('linearRegressionLoop', label, metrics, { options: { d, T, sigma, generations, mode, trials, seed, label } }) as unknown as LinearRegressionLoopResult & Displayable;
}

/** Solves L Lᵀ x = b in place into `out`. */
function solveCholesky(l: Float64Array, b: Float64Array, out: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * out[k]!;
    out[i] = s / l[i * d + i]!;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * out[k]!;
    out[i] = s / l[i * d + i]!;
  }
}
