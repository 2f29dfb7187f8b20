/**
 * `plot.histogram`: distributions of rewards, advantages or scores, overlaid when several. Bins are computed here
 * (not by plotly in the browser) so the figure JSON stays small for large samples and the counts can be tested.
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { autoBins, binCounts, binEdges, present } from './stats.js';
import { baseLayout, colorAt, type CommonOptions, type Trace } from './style.js';

/** One sample to histogram. */
export interface HistogramSeries {
  /** Legend name. Default: "series i". */
  name?: string;
  /** The values; NaN values are dropped. */
  values: ArrayLike<number>;
}

/** Options of `plot.histogram`. */
export interface HistogramOptions extends CommonOptions {
  /** Number of equal-width bins over all series. Default: Freedman–Diaconis on the pooled values, in [5, 100]. */
  bins?: number;
  /** Bar height: 'count', 'probability' (sums to 1 per series) or 'density' (integrates to 1). Default: 'count'. */
  normalize?: 'count' | 'probability' | 'density';
  /** Bar opacity. Default: 0.85 for one series, 0.55 when overlaid. */
  opacity?: number;
}

const DEFAULTS = { normalize: 'count' as const, xLabel: 'value' };
const Y_LABELS = { count: 'count', probability: 'probability', density: 'density' };

function toSeries(data: unknown, fn: string): { name: string; values: number[] }[] {
  if (ArrayBuffer.isView(data) || (Array.isArray(data) && (data.length === 0 || typeof data[0] === 'number'))) {
    return [{ name: 'values', values: present(check.numbers(data, 'values', fn, { allowNaN: true, allowEmpty: true })) }];
  }
  const list = (Array.isArray(data) ? data : [data]) as HistogramSeries[];
  return list.map((s, i) => {
    if (s === null || typeof s !== 'object' || !('values' in s)) fail(fn, `data[${i}] must be {name?, values} (got ${describe(s)})`);
    const name = s.name ?? `series ${i}`;
    return { name, values: present(check.numbers(s.values, 'values', `${fn}: series ${JSON.stringify(name)}`, { allowNaN: true, allowEmpty: true })) };
  });
}

/**
 * Histogram of one or more samples on shared bins.
 * @example
 *   plot.histogram(rewards, { bins: 30, xLabel: 'reward' })
 *   plot.histogram([{ name: 'step 0', values: a }, { name: 'step 100', values: b }], { normalize: 'density' })
 */
export function histogram(data: ArrayLike<number> | HistogramSeries | readonly HistogramSeries[], options: HistogramOptions = {}): Figure {
  const fn = 'plot.histogram';
  const normalize = check.oneOf(options.normalize ?? DEFAULTS.normalize, ['count', 'probability', 'density'], 'normalize', fn);
  const series = toSeries(data, fn);
  const pooled = series.flatMap((s) => s.values);
  if (pooled.length === 0) fail(fn, 'data has no values (all empty or NaN)');
  const bins = options.bins === undefined ? autoBins(pooled) : check.int(options.bins, 'bins', fn, { min: 1, max: 10_000 });
  let min = Infinity;
  let max = -Infinity;
  for (const v of pooled) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const edges = binEdges(min, max, bins);
  const width = edges[1]! - edges[0]!;
  const centers = edges.slice(0, -1).map((e, i) => (e + edges[i + 1]!) / 2);
  const opacity = check.probability(options.opacity ?? (series.length > 1 ? 0.55 : 0.85), 'opacity', fn);
  const traces: Trace[] = series.map((s, i) => {
    const counts = binCounts(s.values, edges);
    const n = s.values.length;
    const scale = normalize === 'count' || n === 0 ? 1 : normalize === 'probability' ? 1 / n : 1 / (n * width);
    return {
      type: 'bar',
      name: s.name,
      x: centers,
      y: counts.map((c) => c * scale),
      width,
      marker: { color: colorAt(i), line: { width: 0 } },
      opacity,
      hovertemplate: `[%{customdata[0]:.4g}, %{customdata[1]:.4g}): %{y}<extra>${s.name}</extra>`,
      customdata: centers.map((_, j) => [edges[j], edges[j + 1]]),
    };
  });
  const layout = baseLayout(fn, options, { xLabel: DEFAULTS.xLabel, yLabel: Y_LABELS[normalize], legend: series.length > 1 });
  Object.assign(layout, { barmode: 'overlay', bargap: 0 });
  return new Figure({ data: traces, layout }, 'histogram');
}
