/**
 * `plot.scatter`: point clouds such as (reward, length) per sample or embedding projections. Above about 10k points
 * the trace switches to WebGL (`scattergl`): 5x faster to render and export (research/compute.md §4).
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { baseLayout, colorAt, type CommonOptions, type Trace } from './style.js';
import { jsonNumbers } from './traces.js';

/** One point cloud. */
export interface ScatterSeries {
  /** Legend name. Default: "series i". */
  name?: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Options of `plot.scatter`. */
export interface ScatterOptions extends CommonOptions {
  /** Total point count above which WebGL traces are used. Default: 10000. */
  webglThreshold?: number;
  /** Marker diameter in pixels. Default: 6, or 3 above 2000 points. */
  markerSize?: number;
  /** Marker opacity. Default: 0.8, or 0.4 above 2000 points. */
  opacity?: number;
}

/** Default WebGL switch-over: plotly's SVG scatter slows down visibly past ~10k points. */
export const WEBGL_THRESHOLD = 10_000;
const DENSE = 2000;

/**
 * Scatter plot of one or more point clouds.
 * @example
 *   plot.scatter({ name: 'samples', x: lengths, y: rewards }, { xLabel: 'tokens', yLabel: 'reward' })
 */
export function scatter(data: ScatterSeries | readonly ScatterSeries[], options: ScatterOptions = {}): Figure {
  const fn = 'plot.scatter';
  const list = (Array.isArray(data) ? data : [data]) as readonly ScatterSeries[];
  if (list.length === 0) fail(fn, 'data must contain at least one series');
  const series = list.map((s, i) => {
    if (s === null || typeof s !== 'object' || !('x' in s) || !('y' in s)) fail(fn, `data[${i}] must be {name?, x, y} (got ${describe(s)})`);
    const name = s.name ?? `series ${i}`;
    const where = `${fn}: series ${JSON.stringify(name)}`;
    const x = check.numbers(s.x, 'x', where, { allowNaN: true, allowEmpty: true });
    const y = check.numbers(s.y, 'y', where, { allowNaN: true, allowEmpty: true });
    check.sameLength(x, 'x', y, 'y', where);
    return { name, x, y };
  });
  const total = series.reduce((n, s) => n + s.x.length, 0);
  const threshold = check.int(options.webglThreshold ?? WEBGL_THRESHOLD, 'webglThreshold', fn, { min: 0 });
  const size = check.finite(options.markerSize ?? (total > DENSE ? 3 : 6), 'markerSize', fn, { min: 0 });
  const opacity = check.probability(options.opacity ?? (total > DENSE ? 0.4 : 0.8), 'opacity', fn);
  const type = total > threshold ? 'scattergl' : 'scatter';
  const traces: Trace[] = series.map((s, i) => ({
    type,
    mode: 'markers',
    name: s.name,
    x: jsonNumbers(s.x),
    y: jsonNumbers(s.y),
    marker: { color: colorAt(i), size, opacity, line: { width: 0 } },
  }));
  const layout = baseLayout(fn, options, { xLabel: 'x', yLabel: 'y', legend: series.length > 1 });
  return new Figure({ data: traces, layout }, 'scatter');
}
