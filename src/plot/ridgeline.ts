/**
 * `plot.ridgeline`: one density curve per step (or per group), stacked vertically with overlap, to show how a
 * reward or advantage distribution moves and narrows over training (sharpening; collapse shows as ridges shrinking
 * to spikes). Densities are Gaussian KDEs on a shared grid.
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { kde, present, silvermanBandwidth } from './stats.js';
import { baseLayout, colorAt, type CommonOptions, type Layout, type Trace } from './style.js';

/** One ridge. */
export interface RidgelineRow {
  /** Row label, e.g. the step. */
  name: string | number;
  /** The sample; NaN values are dropped. */
  values: ArrayLike<number>;
}

/** Options of `plot.ridgeline`. */
export interface RidgelineOptions extends CommonOptions {
  /** Height of the tallest ridge in row spacings (above 1, ridges overlap). Default: 1.6. */
  overlap?: number;
  /** KDE bandwidth in data units, shared by all rows. Default: Silverman's rule per row. */
  bandwidth?: number;
  /** Grid points per ridge. Default: 200. */
  points?: number;
}

const DEFAULTS = { overlap: 1.6, points: 200, xLabel: 'value' };

/** Mixes a colour with white (opaque, so front ridges hide the ones behind instead of muddying them). */
function tint(hex: string, t: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * t);
  return `rgb(${mix((n >> 16) & 255)},${mix((n >> 8) & 255)},${mix(n & 255)})`;
}

/**
 * Stacked per-row densities; the first row is drawn at the top.
 * @example
 *   plot.ridgeline(steps.map((s) => ({ name: s.step, values: s.rewards })), { xLabel: 'reward' })
 */
export function ridgeline(rows: readonly RidgelineRow[], options: RidgelineOptions = {}): Figure {
  const fn = 'plot.ridgeline';
  if (!Array.isArray(rows) || rows.length === 0) fail(fn, `rows must be a non-empty array of {name, values} (got ${describe(rows)})`);
  const overlap = check.finite(options.overlap ?? DEFAULTS.overlap, 'overlap', fn, { min: 0.1, max: 20 });
  const points = check.int(options.points ?? DEFAULTS.points, 'points', fn, { min: 10, max: 5000 });
  const bandwidth = options.bandwidth === undefined ? undefined : check.finite(options.bandwidth, 'bandwidth', fn, { min: Number.MIN_VALUE });
  const samples = rows.map((r, i) => {
    if (r === null || typeof r !== 'object' || !('values' in r)) fail(fn, `rows[${i}] must be {name, values} (got ${describe(r)})`);
    const values = present(check.numbers(r.values, `rows[${i}].values`, fn, { allowNaN: true }));
    if (values.length === 0) fail(fn, `rows[${i}].values has no non-NaN values`);
    return values;
  });
  const bws = samples.map((v) => bandwidth ?? silvermanBandwidth(v));
  let lo = Infinity;
  let hi = -Infinity;
  samples.forEach((v, i) => {
    for (const x of v) {
      lo = Math.min(lo, x - 3 * bws[i]!);
      hi = Math.max(hi, x + 3 * bws[i]!);
    }
  });
  const grid = Array.from({ length: points }, (_, j) => lo + ((hi - lo) * j) / (points - 1));
  const densities = samples.map((v, i) => kde(v, grid, bws[i]!));
  const peak = Math.max(...densities.map((d) => Math.max(...d)));
  const scale = peak > 0 ? overlap / peak : 1;
  const n = rows.length;
  const color = colorAt(0);
  const traces: Trace[] = densities.map((d, i) => {
    const base = n - 1 - i;
    const name = String(rows[i]!.name);
    return {
      type: 'scatter',
      mode: 'lines',
      name,
      x: [grid[0], ...grid, grid[points - 1]],
      y: [base, ...d.map((v) => base + v * scale), base],
      fill: 'toself',
      fillcolor: tint(color, 0.75),
      line: { color, width: 1.5 },
      hoveron: 'points',
      customdata: [0, ...d, 0],
      hovertemplate: `x=%{x:.4g} density=%{customdata:.4g}<extra>${name}</extra>`,
    };
  });
  const layout = baseLayout(fn, options, { xLabel: DEFAULTS.xLabel, legend: false });
  Object.assign(layout['yaxis'] as Layout, {
    tickmode: 'array',
    tickvals: rows.map((_, i) => n - 1 - i),
    ticktext: rows.map((r) => String(r.name)),
    showgrid: false,
    range: [-0.2, n - 1 + overlap + 0.2],
  });
  return new Figure({ data: traces, layout }, 'ridgeline');
}
