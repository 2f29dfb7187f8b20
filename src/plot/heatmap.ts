/**
 * `plot.heatmap`: a matrix as coloured cells, e.g. reward by (step, prompt), confusion of verifiers, or a k × n
 * sweep. Rows are drawn top to bottom as in the matrix (reversed y axis).
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { baseLayout, type CommonOptions, type Layout } from './style.js';
import { jsonNumbers } from './traces.js';

/** Options of `plot.heatmap`. */
export interface HeatmapOptions extends CommonOptions {
  /** Column labels. Default: 0, 1, 2, … */
  x?: readonly (number | string)[];
  /** Row labels. Default: 0, 1, 2, … */
  y?: readonly (number | string)[];
  /** A plotly colorscale name. Default: 'Viridis' (perceptually uniform). */
  colorscale?: string;
  /** Colour range `[min, max]`. Default: the data range. */
  zDomain?: readonly [number, number];
  /** Colour bar title. Default: none. */
  zLabel?: string;
  /** Write each value in its cell. Default: true when the matrix has at most 400 cells. */
  annotate?: boolean;
}

const DEFAULTS = { colorscale: 'Viridis', annotateMaxCells: 400 };

/**
 * Heatmap of a rectangular matrix (NaN cells are left blank).
 * @example
 *   plot.heatmap([[0.1, 0.5], [0.7, 0.9]], { x: ['k=1', 'k=8'], y: ['base', 'RL'], zLabel: 'pass@k' })
 */
export function heatmap(z: readonly ArrayLike<number>[], options: HeatmapOptions = {}): Figure {
  const fn = 'plot.heatmap';
  if (!Array.isArray(z) || z.length === 0) fail(fn, `z must be a non-empty array of rows (got ${describe(z)})`);
  const rows = z.map((row, i) => check.numbers(row, `z[${i}]`, fn, { allowNaN: true }));
  const cols = rows[0]!.length;
  rows.forEach((r, i) => {
    if (r.length !== cols) fail(fn, `z must be rectangular (z[0] has ${cols} columns, z[${i}] has ${r.length})`);
  });
  const x = options.x ?? Array.from({ length: cols }, (_, j) => j);
  const y = options.y ?? Array.from({ length: rows.length }, (_, i) => i);
  if (x.length !== cols) fail(fn, `x must have one label per column (got ${x.length} labels, ${cols} columns)`);
  if (y.length !== rows.length) fail(fn, `y must have one label per row (got ${y.length} labels, ${rows.length} rows)`);
  const annotate = options.annotate ?? rows.length * cols <= DEFAULTS.annotateMaxCells;
  const trace: Record<string, unknown> = {
    type: 'heatmap',
    z: rows.map((r) => jsonNumbers(r)),
    x: [...x],
    y: [...y],
    colorscale: options.colorscale ?? DEFAULTS.colorscale,
    colorbar: options.zLabel ? { title: { text: options.zLabel } } : {},
    hoverongaps: false,
    xgap: 1,
    ygap: 1,
  };
  if (options.zDomain) {
    const [lo, hi] = options.zDomain;
    check.finite(lo, 'zDomain[0]', fn);
    check.finite(hi, 'zDomain[1]', fn, { min: lo });
    Object.assign(trace, { zmin: lo, zmax: hi });
  }
  if (annotate) Object.assign(trace, { texttemplate: '%{z:.3g}', textfont: { size: 11 } });
  const layout = baseLayout(fn, options, { legend: false });
  Object.assign(layout['yaxis'] as Layout, { autorange: 'reversed', showgrid: false, type: typeof y[0] === 'string' ? 'category' : 'linear' });
  Object.assign(layout['xaxis'] as Layout, { showgrid: false, type: typeof x[0] === 'string' ? 'category' : 'linear' });
  return new Figure({ data: [trace], layout }, 'heatmap');
}
