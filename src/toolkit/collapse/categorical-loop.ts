/**
 * A token-frequency model retrained on its own samples: the true distribution is Zipf over V tokens, each generation
 * re-estimates frequencies from n samples drawn with temperature and top-p. Unseen tokens get probability 0 and never
 * return, so the support only shrinks; T < 1 or top-p < 1 cut the tail faster (the LM analogue of Shumailov et al.
 * 2305.17493's tail loss).
 */
import { check } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED, type Rng } from '../util/random.js';
import { loopResult, type LoopSeries } from './loop-result.js';
import type { Displayable } from '../util/display.js';

/** Options for {@link categoricalLoop}. */
export interface CategoricalLoopOptions {
  /** Vocabulary size V. Default: 1000. */
  vocab?: number;
  /** Zipf exponent s: p_i ∝ (i + 1)^(−s). Default: 1.1. */
  zipf?: number;
  /** Samples per generation. Default: 10000. */
  n?: number;
  /** Generations after the estimate from real samples. Default: 50. */
  generations?: number;
  /** Sampling temperature (0 = greedy). Default: 1. */
  temperature?: number;
  /** Nucleus mass in (0, 1]. Default: 1 (off). */
  topP?: number;
  /** 'replace' (estimate from the newest samples) or 'accumulate' (from all counts so far). Default: 'replace'. */
  mode?: 'replace' | 'accumulate';
  /** Seed. Default: 0. */
  seed?: number;
  /** Label for tables and `report`. Default: the mode. */
  label?: string;
}

/** Result of {@link categoricalLoop}. */
export interface CategoricalLoopResult extends LoopSeries {
  /**
   * `support` (tokens with nonzero probability), `tailMassLost` (true mass of tokens the model lost), `entropy`
   * (nats), `klToTruth` (KL(model ‖ truth), finite even after support loss).
   */
  metrics: { support: number[]; tailMassLost: number[]; entropy: number[]; klToTruth: number[] };
  /** The true distribution. */
  truth: Float64Array;
  /** The final model distribution. */
  final: Float64Array;
}

/**
 * Applies temperature then top-p to a distribution (returns a new normalized array). Temperature 0 is greedy.
 *
 * @example
 * collapse.temperTopP([0.5, 0.3, 0.2], { temperature: 1, topP: 0.7 }); // [0.625, 0.375, 0]
 */
export function temperTopP(p: ArrayLike<number>, options: { temperature?: number; topP?: number } = {}): Float64Array {
  const fn = 'temperTopP';
  const probs = check.numbers(p, 'p', fn);
  const temperature = check.finite(options.temperature ?? 1, 'temperature', fn, { min: 0 });
  const topP = check.finite(options.topP ?? 1, 'topP', fn, { min: Number.MIN_VALUE, max: 1 });
  return temper(probs, temperature, topP);
}

function temper(p: Float64Array, temperature: number, topP: number): Float64Array {
  const out = new Float64Array(p.length);
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    out[best] = 1;
    return out;
  }
  // Powers in log space relative to the max, so p^(1/T) does not underflow for small T.
  let max = 0;
  for (const v of p) if (v > max) max = v;
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]! > 0 ? Math.exp((Math.log(p[i]!) - Math.log(max)) / temperature) : 0;
    out[i] = v;
    total += v;
  }
  for (let i = 0; i < p.length; i++) out[i] /= total;
  if (topP < 1) {
    const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => out[b]! - out[a]!);
    let mass = 0;
    let kept = 0;
    for (const i of order) {
      if (mass >= topP) { out[i] = 0; continue; }
      mass += out[i]!;
      kept += out[i]!;
    }
    for (let i = 0; i < p.length; i++) out[i] /= kept;
  }
  return out;
}

/** Counts of n categorical draws from normalized p (cumulative table + binary search). */
function drawCounts(p: Float64Array, n: number, r: Rng, counts: Float64Array): void {
  const cdf = new Float64Array(p.length);
  let acc = 0;
  for (let i = 0; i < p.length; i++) { acc += p[i]!; cdf[i] = acc; }
  for (let t = 0; t < n; t++) {
    const u = r.next() * acc;
    let lo = 0, hi = p.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid; else lo = mid + 1;
    }
    // Skip zero-probability slots that share a cumulative value (u can equal a boundary).
    while (p[lo] === 0 && lo < p.length - 1) lo++;
    counts[lo] += 1;
  }
}

/**
 * Runs the categorical (Zipf) retraining loop.
 *
 * @example
 * const r = collapse.categoricalLoop({ vocab: 1000, n: 5000, generations: 30, topP: 0.9 });
 * r.metrics.support.at(-1); // far below 1000
 */
export function categoricalLoop(options: CategoricalLoopOptions = {}): CategoricalLoopResult & Displayable {
  const fn = 'categoricalLoop';
  const vocab = check.int(options.vocab ?? 1000, 'vocab', fn, { min: 2 });
  const zipf = check.finite(options.zipf ?? 1.1, 'zipf', fn, { min: 0 });
  const n = check.int(options.n ?? 10000, 'n', fn, { min: 1 });
  const generations = check.int(options.generations ?? 50, 'generations', fn, { min: 0 });
  const temperature = check.finite(options.temperature ?? 1, 'temperature', fn, { min: 0 });
  const topP = check.finite(options.topP ?? 1, 'topP', fn, { min: Number.MIN_VALUE, max: 1 });
  const mode = check.oneOf(options.mode ?? 'replace', ['replace', 'accumulate'] as const, 'mode', fn);
  const seed = check.finite(options.seed ?? DEFAULT_SEED, 'seed', fn);
  const label = options.label ?? mode;
  const r = makeRng(seed);

  const truth = new Float64Array(vocab);
  let z = 0;
  for (let i = 0; i < vocab; i++) { truth[i] = Math.pow(i + 1, -zipf); z += truth[i]!; }
  for (let i = 0; i < vocab; i++) truth[i] /= z;

  const metrics = { support: [] as number[], tailMassLost: [] as number[], entropy: [] as number[], klToTruth: [] as number[] };
  const total = new Float64Array(vocab);
  const counts = new Float64Array(vocab);
  let model = new Float64Array(vocab);
  for (let g = 0; g <= generations; g++) {
    const sampling = g === 0 ? truth : temper(model, temperature, topP);
    counts.fill(0);
    drawCounts(sampling, n, r, counts);
    if (mode === 'accumulate') for (let i = 0; i < vocab; i++) total[i] += counts[i]!;
    const source = mode === 'accumulate' ? total : counts;
    let sum = 0;
    for (let i = 0; i < vocab; i++) sum += source[i]!;
    model = Float64Array.from(source, (c) => c / sum);
    let support = 0, lost = 0, entropy = 0, kl = 0;
    for (let i = 0; i < vocab; i++) {
      const q = model[i]!;
      if (q > 0) {
        support++;
        entropy -= q * Math.log(q);
        kl += q * Math.log(q / truth[i]!);
      } else {
        lost += truth[i]!;
      }
    }
    metrics.support.push(support);
    metrics.tailMassLost.push(lost);
    metrics.entropy.push(entropy);
    metrics.klToTruth.push(kl);
  }
  return loopResult('categoricalLoop', label, metrics, { truth, final: model, options: { vocab, zipf, n, generations, temperature, topP, mode, seed, label } }) as unknown as CategoricalLoopResult & Displayable;
}
