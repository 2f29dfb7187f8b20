/**
 * How far a ratio of two medians can be trusted. On a small shared machine a kernel's median moves by 20–50 %
 * between runs, so a single ratio of 0.95 or 1.05 does not say which kernel is faster. A block bootstrap tells how
 * much the ratio would move within the run: it redraws each side's samples, takes the ratio of the redrawn
 * medians, many times, and keeps the middle of those ratios. An interval that contains 1 is a tie at this run's noise.
 *
 * Samples are redrawn in whole blocks, not one by one: the benchmark takes a kernel's samples in blocks back to back,
 * and a stretch of background load slows a whole block, so neighbouring samples are not independent. Redrawing them
 * one by one would give an interval narrower than the run's real uncertainty.
 */
import { rng, type Rng } from '../src/toolkit/util/random.js';

/** The median of the measured values (NaN, a sample that failed, is left out); the upper one for an even count. */
export function median(xs: readonly number[]): number {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)]!;
}

export interface RatioInterval {
  /** median(numerator) / median(denominator). */
  ratio: number;
  low: number;
  high: number;
}

export interface BootstrapOptions {
  resamples?: number;
  /** Share of the redrawn ratios inside [low, high]. */
  coverage?: number;
  seed?: number;
}

/** Samples in blocks: the samples taken together in one turn. */
export type Blocks = readonly (readonly number[])[];

/** The ratio of the medians, with the central `coverage` interval of the block-bootstrapped ratios. */
export function medianRatioInterval(numerator: Blocks, denominator: Blocks, options: BootstrapOptions = {}): RatioInterval {
  const { resamples = 2000, coverage = 0.9, seed = 1 } = options;
  const ratio = median(numerator.flat()) / median(denominator.flat());
  const random = rng(seed);
  const top = measured(numerator);
  const bottom = measured(denominator);
  if (top.length === 0 || bottom.length === 0) return { ratio, low: NaN, high: NaN };
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) ratios.push(median(redraw(top, random)) / median(redraw(bottom, random)));
  ratios.sort((a, b) => a - b);
  const tail = (1 - coverage) / 2;
  const at = (q: number) => ratios[Math.min(ratios.length - 1, Math.max(0, Math.round(q * (ratios.length - 1))))]!;
  return { ratio, low: at(tail), high: at(1 - tail) };
}

/** The blocks with their failed samples (NaN) left out, and the blocks left empty by that dropped. */
function measured(blocks: Blocks): number[][] {
  return blocks.map((block) => block.filter((x) => !Number.isNaN(x))).filter((block) => block.length > 0);
}

/** As many blocks as there are, drawn with replacement, run together. */
function redraw(blocks: readonly number[][], random: Rng): number[] {
  const out: number[] = [];
  for (let i = 0; i < blocks.length; i++) out.push(...blocks[random.int(blocks.length)]!);
  return out;
}
