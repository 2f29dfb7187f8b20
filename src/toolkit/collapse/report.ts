/**
 * Compares loop runs — replace vs accumulate vs correction — with bands over seeds, the comparison every collapse
 * paper plots (Gerstgrasser et al. 2404.01413 Fig. 1; Gillman et al. 2402.07087). Output is plot-ready: one band
 * (mean, lower and upper quantile) per run name and generation.
 */
import { line, type LineOptions } from '../../plot/line.js';
import type { Figure } from '../../plot/figure.js';
import { check, fail } from '../util/check.js';
import { withTable, type Cell, type Displayable } from '../util/display.js';
import { displayedGenerations, type LoopSeries } from './loop-result.js';

/** Options for {@link report}. */
export interface ReportOptions {
  /** Which metric to compare. Default: the first metric of the first run (e.g. `variance` for gaussianLoop). */
  metric?: string;
  /** Central quantile interval of the band, in (0, 1]. Default: 0.8 (10th to 90th percentile over seeds). */
  interval?: number;
}

/** One run name's band over seeds. */
export interface ReportBand {
  name: string;
  generation: number[];
  mean: number[];
  median: number[];
  lo: number[];
  hi: number[];
  /** Number of runs (seeds) in the band. */
  seeds: number;
}

/** Result of {@link report}. */
export interface LoopReport {
  metric: string;
  interval: number;
  bands: ReportBand[];
  /** Long-format rows: one per (name, generation) with mean, median, lo, hi. */
  rows(): Record<string, Cell>[];
  /**
   * Every run's raw series, grouped by name: `{name, x: generations, y: one array per run}`, the series form of
   * `plot.line`, so `plot.line(rep.series(), {yType: 'log'})` draws the seed bands in one call.
   */
  series(): { name: string; x: number[]; y: number[][] }[];
  /**
   * The banded metric over generations, one line per group.
   * @example collapse.report({ replace, accumulate }, { metric: 'variance' }).plot({ yType: 'log' })
   */
  plot(options?: LineOptions): Figure;
}

/**
 * Bands a metric over seeds for each named group of runs. Runs in a group must have the same number of generations.
 *
 * @example
 * const seeds = [1, 2, 3, 4, 5];
 * collapse.report({
 *   replace: seeds.map((seed) => collapse.gaussianLoop({ n: 20, generations: 100, seed })),
 *   accumulate: seeds.map((seed) => collapse.gaussianLoop({ n: 20, generations: 100, mode: 'accumulate', seed })),
 * }, { metric: 'variance' });
 */
export function report(runs: Record<string, LoopSeries | LoopSeries[]> | LoopSeries[], options: ReportOptions = {}): LoopReport & Displayable {
  const fn = 'report';
  const groups = groupRuns(runs, fn);
  const firstRun = groups[0]![1][0]!;
  const metric = options.metric ?? Object.keys(firstRun.metrics)[0]!;
  const interval = check.finite(options.interval ?? 0.8, 'interval', fn, { min: Number.MIN_VALUE, max: 1 });
  const bands: ReportBand[] = groups.map(([name, list]) => {
    const length = list[0]!.generation.length;
    list.forEach((run, i) => {
      const series = run.metrics[metric];
      if (!series) fail(fn, `run '${name}'[${i}] has no metric '${metric}' (it has ${Object.keys(run.metrics).map((m) => `'${m}'`).join(', ')})`);
      if (series.length !== length) fail(fn, `runs in '${name}' must have the same number of generations (got ${length} and ${series.length})`);
    });
    const band: ReportBand = { name, generation: list[0]!.generation.slice(), mean: [], median: [], lo: [], hi: [], seeds: list.length };
    const values = new Float64Array(list.length);
    for (let g = 0; g < length; g++) {
      let sum = 0;
      list.forEach((run, i) => { values[i] = run.metrics[metric]![g]!; sum += values[i]!; });
      values.sort();
      band.mean.push(sum / list.length);
      band.median.push(quantileSorted(values, 0.5));
      band.lo.push(quantileSorted(values, (1 - interval) / 2));
      band.hi.push(quantileSorted(values, 1 - (1 - interval) / 2));
    }
    return band;
  });
  const rows = (): Record<string, Cell>[] => bands.flatMap((b) => b.generation.map((g, i) => ({ name: b.name, generation: g, mean: b.mean[i], median: b.median[i], lo: b.lo[i], hi: b.hi[i] })));
  const wide = (): Record<string, Cell>[] => {
    const last = Math.max(...bands.map((b) => b.generation.length - 1));
    return displayedGenerations(last).map((g) => {
      const row: Record<string, Cell> = { generation: g };
      for (const b of bands) {
        row[`${b.name} mean`] = b.mean[g];
        row[`${b.name} band`] = b.lo[g] === undefined ? undefined : `[${fmt(b.lo[g]!)}, ${fmt(b.hi[g]!)}]`;
      }
      return row;
    });
  };
  const caption = `${metric}: mean and ${Math.round(interval * 100)}% band over seeds (${bands.map((b) => `${b.name}: ${b.seeds}`).join(', ')})`;
  const series = () => groups.map(([name, list]) => ({ name, x: list[0]!.generation.slice(), y: list.map((run) => run.metrics[metric]!.slice()) }));
  // On a log axis a mean ± interval band dips below zero and tears; the seeds' range stays positive.
  const plot = (plotOptions: LineOptions = {}): Figure =>
    line(series(), { xLabel: 'generation', yLabel: metric, band: plotOptions.yType === 'log' ? 'minmax' : 'ci95', title: `${metric} over generations`, ...plotOptions });
  return withTable({ metric, interval, bands, rows, series, plot }, wide, { caption });
}

function groupRuns(runs: Record<string, LoopSeries | LoopSeries[]> | LoopSeries[], fn: string): [string, LoopSeries[]][] {
  let groups: [string, LoopSeries[]][];
  if (Array.isArray(runs)) {
    const byLabel = new Map<string, LoopSeries[]>();
    runs.forEach((run, i) => {
      if (!run || typeof run !== 'object' || !run.metrics) fail(fn, `runs[${i}] must be a loop result (got ${typeof run})`);
      const list = byLabel.get(run.label) ?? [];
      list.push(run);
      byLabel.set(run.label, list);
    });
    groups = [...byLabel.entries()];
  } else if (runs && typeof runs === 'object') {
    groups = Object.entries(runs).map(([name, v]) => [name, Array.isArray(v) ? v : [v]]);
  } else {
    fail(fn, `runs must be an array of loop results or an object of named runs (got ${typeof runs})`);
  }
  if (groups.length === 0 || groups.some(([, list]) => list.length === 0)) fail(fn, 'runs must hold at least one run per name');
  for (const [name, list] of groups) list.forEach((run, i) => {
    if (!run || typeof run !== 'object' || !run.metrics) fail(fn, `runs['${name}'][${i}] must be a loop result (got ${typeof run})`);
  });
  return groups;
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(3)));
}
