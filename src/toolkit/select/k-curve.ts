/**
 * Selection curves over many problems: pass@k, pass^k, maj@k or BoN@k against k, averaged over problems, with
 * percentile-bootstrap confidence intervals from resampling *problems* (the samples within a problem are already
 * used exactly by the estimators). This is the base-vs-RL comparison plot of toolkit-anchors §7.20.
 */
import { check, fail } from '../util/check.js';
import { withTable } from '../util/display.js';
import { kCurve as plotKCurve, type KCurveOptions as KCurvePlotOptions } from '../../plot/k-curve.js';
import type { Figure } from '../../plot/figure.js';
import { rng, DEFAULT_SEED } from '../util/random.js';
import type { Answers, Correctness } from './answers.js';
import { bonAtK, type SampleValues } from './bon-at-k.js';
import { majAtK } from './maj-at-k.js';
import { passAtK, passHatK } from './pass-at-k.js';

/** Which estimator a curve uses. */
export type CurveEstimator = 'passAtK' | 'passHatK' | 'majAtK' | 'bonAtK';

/**
 * One problem's samples. passAtK/passHatK read `{n, c}` or per-sample `correct` flags; majAtK reads
 * `{answers, correct}` (gold answer or flags); bonAtK reads `{scores, correct}` (flags or values).
 */
export interface CurveProblem {
  n?: number;
  c?: number;
  answers?: Answers;
  scores?: ArrayLike<number>;
  correct?: Correctness | SampleValues;
}

/** Options for {@link kCurve}. */
export interface KCurveOptions {
  /** k values. Default: 1, 2, 4, … up to the smallest n. */
  ks?: readonly number[];
  /** Default: 'passAtK'. */
  estimator?: CurveEstimator;
  /** Bootstrap resamples of the problems; 0 skips the interval (lo = hi = mean). Default: 1000. */
  bootstrap?: number;
  /** Confidence level of the percentile interval. Default: 0.95. */
  level?: number;
  /** Seed of the bootstrap. Default: 0. */
  seed?: number;
}

/** One point of the curve. */
export interface KCurveRow { k: number; mean: number; lo: number; hi: number }

/** A selection curve; `rows` is the data a plot helper draws (k on x, mean with a lo–hi band). */
export interface KCurve {
  estimator: CurveEstimator;
  ks: number[];
  rows: KCurveRow[];
  /** Row-major problems × ks matrix of per-problem estimates. */
  perProblem: Float64Array;
  problems: number;
  level: number;
  /**
   * The curve with its confidence band on a log-k axis.
   * @example select.kCurve(problems, { estimator: 'majAtK' }).plot({ name: 'maj@k' })
   */
  plot(options?: KCurvePlotOptions & { name?: string }): Figure;
}

const DEFAULTS = { estimator: 'passAtK', bootstrap: 1000, level: 0.95 } as const;
const ESTIMATORS: readonly CurveEstimator[] = ['passAtK', 'passHatK', 'majAtK', 'bonAtK'];

/**
 * Mean selection estimate per k over problems, with a bootstrap confidence interval.
 *
 * @example
 * select.kCurve([{ n: 16, c: 3 }, { n: 16, c: 0 }], { ks: [1, 4, 16] })          // table k, mean, lo, hi
 * select.kCurve(problems.map((p) => ({ answers: p.answers, correct: p.gold })), { estimator: 'majAtK' })
 */
export function kCurve(problems: readonly CurveProblem[], options: KCurveOptions = {}): KCurve {
  const fn = 'kCurve';
  if (!Array.isArray(problems) || problems.length === 0) fail(fn, 'problems must be a non-empty array');
  const estimator = check.oneOf(options.estimator ?? DEFAULTS.estimator, ESTIMATORS, 'estimator', fn);
  const B = check.int(options.bootstrap ?? DEFAULTS.bootstrap, 'bootstrap', fn, { min: 0 });
  const level = check.finite(options.level ?? DEFAULTS.level, 'level', fn, { min: 0, max: 1 });
  const sizes = problems.map((p, i) => sampleCount(p, estimator, i));
  const minN = Math.min(...sizes);
  const ks = options.ks ? [...options.ks] : powersOfTwo(minN);
  if (ks.length === 0) fail(fn, 'ks must not be empty');
  ks.forEach((k, j) => check.int(k, `ks[${j}]`, fn, { min: 1, max: minN, maxName: 'the smallest n' }));
  const P = problems.length, K = ks.length;
  const perProblem = new Float64Array(P * K);
  problems.forEach((p, i) => perProblem.set(estimate(p, estimator, ks), i * K));
  const mean = new Float64Array(K);
  for (let i = 0; i < P; i++) for (let j = 0; j < K; j++) mean[j] += perProblem[i * K + j]! / P;
  const lo = Float64Array.from(mean), hi = Float64Array.from(mean);
  if (B > 0) bootstrapInterval(perProblem, P, K, B, level, options.seed ?? DEFAULT_SEED, lo, hi);
  const rows = ks.map((k, j) => ({ k, mean: mean[j]!, lo: lo[j]!, hi: hi[j]! }));
  const plot = (plotOptions: KCurvePlotOptions & { name?: string } = {}): Figure => {
    const { name = estimator, ...rest } = plotOptions;
    return plotKCurve({ name, k: ks, value: rows.map((r) => r.mean), lower: rows.map((r) => r.lo), upper: rows.map((r) => r.hi) }, { yLabel: estimator, ...rest });
  };
  const result = { estimator, ks, rows, perProblem, problems: P, level, plot };
  return withTable(result, () => rows, { caption: `${estimator} over ${P} problems (${Math.round(level * 100)}% bootstrap CI)` });
}

function powersOfTwo(max: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k <= max; k *= 2) ks.push(k);
  return ks;
}

/** Number of samples of a problem, validating that the fields the estimator needs are present. */
function sampleCount(p: CurveProblem, estimator: CurveEstimator, i: number): number {
  const fn = 'kCurve';
  if (p === null || typeof p !== 'object') fail(fn, `problems[${i}] must be an object`);
  if (estimator === 'majAtK') {
    if (!p.answers || p.correct === undefined) fail(fn, `problems[${i}] needs answers and correct for majAtK`);
    return p.answers.length;
  }
  if (estimator === 'bonAtK') {
    if (!p.scores || typeof p.correct !== 'object') fail(fn, `problems[${i}] needs scores and correct flags for bonAtK`);
    return p.scores.length;
  }
  if (p.n !== undefined || p.c !== undefined) {
    const n = check.int(p.n, `problems[${i}].n`, fn, { min: 1 });
    check.int(p.c, `problems[${i}].c`, fn, { min: 0, max: n, maxName: `problems[${i}].n` });
    return n;
  }
  if (p.correct && typeof p.correct === 'object') return p.correct.length;
  return fail(fn, `problems[${i}] needs {n, c} or correct flags for ${estimator}`);
}

function estimate(p: CurveProblem, estimator: CurveEstimator, ks: number[]): Float64Array {
  if (estimator === 'majAtK') return majAtK(p.answers!, p.correct as Correctness, ks);
  if (estimator === 'bonAtK') return bonAtK(p.scores!, p.correct as SampleValues, ks);
  let n = p.n, c = p.c;
  if (n === undefined || c === undefined) {
    const flags = p.correct as ArrayLike<number | boolean>;
    n = flags.length;
    c = 0;
    for (let i = 0; i < flags.length; i++) c += Number(flags[i]) === 1 ? 1 : 0;
  }
  const one = estimator === 'passAtK' ? passAtK : passHatK;
  return Float64Array.from(ks, (k) => one(n!, c!, k));
}

/** Where two selection curves cross. */
export interface KCrossover {
  /** First k (of the shared ks) at which the curve that led at the smallest k no longer leads; null if it never does. */
  k: number | null;
  /** Which curve led at the smallest shared k: 'a', 'b', or 'tie'. */
  leaderAtStart: 'a' | 'b' | 'tie';
}

/**
 * Finds the k at which two curves swap order, e.g. an RL-tuned model that wins at pass@1 but loses to its base model
 * at large k (the base-vs-RL crossover of toolkit-anchors §7.20). Compares means at the ks both curves share.
 *
 * @example
 * select.kCrossover(select.kCurve(rlProblems), select.kCurve(baseProblems))   // { k: 64, leaderAtStart: 'a' }
 */
export function kCrossover(a: KCurve, b: KCurve): KCrossover {
  const fn = 'kCrossover';
  const bByK = new Map(b.rows.map((r) => [r.k, r.mean]));
  const shared = a.rows.filter((r) => bByK.has(r.k));
  if (shared.length === 0) fail(fn, 'a and b must share at least one k');
  const sign = (r: KCurveRow) => Math.sign(r.mean - bByK.get(r.k)!);
  const start = sign(shared[0]!);
  const leaderAtStart = start > 0 ? 'a' : start < 0 ? 'b' : 'tie';
  if (start === 0) return { k: null, leaderAtStart };
  const flip = shared.find((r) => sign(r) !== start);
  return { k: flip ? flip.k : null, leaderAtStart };
}

/** Percentile bootstrap over problems; writes the interval ends into lo and hi. */
function bootstrapInterval(values: Float64Array, P: number, K: number, B: number, level: number, seed: number, lo: Float64Array, hi: Float64Array): void {
  const gen = rng(seed);
  const means = new Float64Array(B * K);
  for (let b = 0; b < B; b++) {
    const row = b * K;
    for (let d = 0; d < P; d++) {
      const src = gen.int(P) * K;
      for (let j = 0; j < K; j++) means[row + j] += values[src + j]!;
    }
    for (let j = 0; j < K; j++) means[row + j] /= P;
  }
  const column = new Float64Array(B);
  for (let j = 0; j < K; j++) {
    for (let b = 0; b < B; b++) column[b] = means[b * K + j]!;
    column.sort();
    lo[j] = quantile(column, (1 - level) / 2);
    hi[j] = quantile(column, 1 - (1 - level) / 2);
  }
}

/** Linear-interpolation quantile of sorted values (NumPy's default method). */
export function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos), f = pos - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}
