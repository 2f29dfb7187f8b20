/**
 * `plot.kCurve`: pass@k / maj@k / best-of-k against k on a log-x axis, with confidence bands. Sharpening and RL
 * papers compare these curves across k (e.g. arXiv:2504.13837 reads base-vs-RL crossover at large k), so k values
 * are marked as ticks and the y range defaults to [0, 1] for rates.
 */
import { check, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { baseLayout, colorAt, type CommonOptions, type Layout, type Trace } from './style.js';
import { bandTraces, jsonNumbers } from './traces.js';

/** One curve: the metric at each k, with an optional band. */
export interface KCurveSeries {
  /** Legend name. Default: "curve i". */
  name?: string;
  /** The k values (positive). */
  k: ArrayLike<number>;
  /** The metric at each k. */
  value: ArrayLike<number>;
  /** Lower band edge at each k (e.g. a 95% CI). Default: no band. */
  lower?: ArrayLike<number>;
  /** Upper band edge at each k. Default: no band. */
  upper?: ArrayLike<number>;
}

/** Options of `plot.kCurve`. */
export interface KCurveOptions extends CommonOptions {
  /** Metric name, used as the y label. Default: 'pass@k'. */
  metric?: string;
  /** Draw point markers at each k. Default: true. */
  markers?: boolean;
}

const DEFAULTS = { metric: 'pass@k', markers: true, xLabel: 'k' };
/** Above this many distinct k values, plotly's own log ticks read better than one tick per k. */
const MAX_K_TICKS = 12;

/**
 * k-curves with optional confidence bands, log-x.
 * @example
 *   plot.kCurve([{ name: 'base', k: [1, 4, 16], value: [0.2, 0.45, 0.7], lower: [0.17, 0.41, 0.66], upper: [0.23, 0.49, 0.74] }])
 *   plot.kCurve(curves, { metric: 'maj@k' })
 */
export function kCurve(data: KCurveSeries | readonly KCurveSeries[], options: KCurveOptions = {}): Figure {
  const fn = 'plot.kCurve';
  const list = (Array.isArray(data) ? data : [data]) as readonly KCurveSeries[];
  if (list.length === 0) fail(fn, 'data must contain at least one curve');
  const markers = options.markers ?? DEFAULTS.markers;
  const traces: Trace[] = [];
  const allK = new Set<number>();
  let rates = true;
  list.forEach((curve, i) => {
    const name = curve.name ?? `curve ${i}`;
    const where = `${fn}: curve ${JSON.stringify(name)}`;
    const k = check.numbers(curve.k, 'k', where);
    const value = check.numbers(curve.value, 'value', where, { allowNaN: true });
    check.sameLength(k, 'k', value, 'value', where);
    k.forEach((kk, j) => {
      if (!(kk > 0)) fail(where, `k[${j}] must be > 0 on the log axis (got ${kk})`);
      allK.add(kk);
    });
    const color = colorAt(i);
    if ((curve.lower === undefined) !== (curve.upper === undefined)) fail(where, 'give both lower and upper for a band, or neither');
    const edges = [value];
    if (curve.lower !== undefined && curve.upper !== undefined) {
      const lower = check.numbers(curve.lower, 'lower', where, { allowNaN: true });
      const upper = check.numbers(curve.upper, 'upper', where, { allowNaN: true });
      check.sameLength(k, 'k', lower, 'lower', where);
      check.sameLength(k, 'k', upper, 'upper', where);
      traces.push(...bandTraces(k, lower, upper, color, name, name));
      edges.push(lower, upper);
    }
    for (const e of edges) for (const v of e) if (v < 0 || v > 1) rates = false;
    traces.push({
      type: 'scatter',
      mode: markers ? 'lines+markers' : 'lines',
      name,
      legendgroup: name,
      x: jsonNumbers(k),
      y: jsonNumbers(value),
      line: { color, width: 2 },
      marker: { color, size: 6 },
      cliponaxis: false,
    });
  });
  const layout = baseLayout(fn, options, {
    xLabel: DEFAULTS.xLabel,
    yLabel: options.metric ?? DEFAULTS.metric,
    xType: 'log',
    ...(rates ? { yDomain: [0, 1] as const } : {}),
    legend: list.length > 1,
  });
  const ks = [...allK].sort((a, b) => a - b);
  if (ks.length <= MAX_K_TICKS && (options.xType ?? 'log') === 'log') {
    Object.assign(layout['xaxis'] as Layout, { tickmode: 'array', tickvals: ks, ticktext: ks.map(String) });
  }
  return new Figure({ data: traces, layout }, 'kCurve');
}
