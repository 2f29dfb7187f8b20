/**
 * The shape every loop simulator returns: generation indices plus named per-generation series, so `report` can
 * band any metric over seeds and the plot helper can draw any of them with one call. Results display as a table of
 * log-spaced generations (a 2,000-generation run would otherwise show only its first 50 rows).
 */
import type { Cell } from '../util/display.js';
import { withTable, type Displayable } from '../util/display.js';
import { line, type LineOptions } from '../../plot/line.js';
import type { Figure } from '../../plot/figure.js';

/** Per-generation output shared by all collapse loops. */
export interface LoopSeries {
  /** Which simulator produced the run, e.g. `'gaussianLoop'`. */
  readonly kind: string;
  /** Short label for tables and plots, e.g. `'replace'`. */
  readonly label: string;
  /** Generation indices 0..generations (0 is the fit to real data). */
  readonly generation: number[];
  /** Named series, each with one value per generation. */
  readonly metrics: Record<string, number[]>;
  /** One row per generation: `{generation, ...metrics}` (plot-ready). */
  rows(): Record<string, Cell>[];
  /**
   * One metric over generations as a figure. Default metric: the first one the loop records (W2 for Gaussian loops).
   * @example collapse.gaussianLoop({ n: 20, generations: 200 }).plot('variance', { yType: 'log' })
   */
  plot(metric?: string, options?: LineOptions): Figure;
}

/** The metric a loop plots by default: its distance to the truth when it has one. */
function defaultMetric(metrics: Record<string, number[]>): string {
  for (const name of ['w2', 'l2', 'testError', 'kl', 'perplexity']) if (name in metrics) return name;
  return Object.keys(metrics)[0] ?? '';
}

/** Generations shown in a table: 0, then about `count` log-spaced ones, always including the last. */
export function displayedGenerations(last: number, count = 16): number[] {
  const picked = new Set<number>([0, last]);
  for (let i = 0; i <= count; i++) picked.add(Math.round(Math.pow(last, i / count)));
  return [...picked].filter((g) => g >= 0 && g <= last).sort((a, b) => a - b);
}

/** Builds a displayable loop result from its series and any extra fields. */
export function loopResult<E extends object>(kind: string, label: string, metrics: Record<string, number[]>, extra: E, caption?: string): LoopSeries & E & Displayable {
  const first = Object.values(metrics)[0] ?? [];
  const generation = Array.from({ length: first.length }, (_, g) => g);
  const rowAt = (g: number): Record<string, Cell> => {
    const row: Record<string, Cell> = { generation: g };
    for (const [name, series] of Object.entries(metrics)) row[name] = series[g];
    return row;
  };
  const plot = (metric: string = defaultMetric(metrics), options: LineOptions = {}): Figure => {
    if (!(metric in metrics)) throw new Error(`${kind}.plot: unknown metric '${metric}' (one of ${Object.keys(metrics).join(', ')})`);
    return line({ name: label, x: generation, y: metrics[metric]! }, { xLabel: 'generation', yLabel: metric, title: `${kind}: ${metric}`, ...options });
  };
  const base = { kind, label, generation, metrics, rows: () => generation.map(rowAt), plot };
  const result = Object.assign(base, extra);
  return withTable(result, () => displayedGenerations(generation.length - 1).map(rowAt), { caption: caption ?? `${kind} (${label})` });
}
