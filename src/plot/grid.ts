/**
 * `plot.grid`: small multiples. Each figure becomes one panel with its own axes (log scales, ranges and labels are
 * kept); a series name appears in the legend once and toggles its traces in every panel.
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { baseLayout, type Layout, type Trace } from './style.js';

/** Options of `plot.grid`. */
export interface GridOptions {
  /** Panels per row. Default: min(number of figures, 3). */
  columns?: number;
  /** Overall title. Default: none. */
  title?: string;
  /** Panel titles. Default: each figure's own title. */
  titles?: readonly string[];
  /** Link x axes (zooming one zooms all). Default: false. */
  shareX?: boolean;
  /** Link y axes. Default: false. */
  shareY?: boolean;
  /** Width in pixels. Default: 340 per column. */
  width?: number;
  /** Height in pixels. Default: 300 per row. */
  height?: number;
}

const DEFAULTS = { maxColumns: 3, panelWidth: 340, panelHeight: 300, gapX: 0.08, gapY: 0.14 };

const suffix = (a: number) => (a === 1 ? '' : String(a));

/**
 * Lays figures out as a grid of panels.
 * @example
 *   plot.grid([plot.line(a, { title: 'reward' }), plot.kCurve(b, { title: 'pass@k' })], { columns: 2 })
 */
export function grid(figures: readonly Figure[], options: GridOptions = {}): Figure {
  const fn = 'plot.grid';
  if (!Array.isArray(figures) || figures.length === 0) fail(fn, `figures must be a non-empty array of figures (got ${describe(figures)})`);
  figures.forEach((f, i) => {
    if (!(f instanceof Figure)) fail(fn, `figures[${i}] must be a Figure, e.g. from plot.line (got ${describe(f)})`);
  });
  const n = figures.length;
  const columns = check.int(options.columns ?? Math.min(n, DEFAULTS.maxColumns), 'columns', fn, { min: 1 });
  const rows = Math.ceil(n / columns);
  if (options.titles !== undefined && options.titles.length !== n) {
    fail(fn, `titles must have one entry per figure (got ${options.titles.length} titles, ${n} figures)`);
  }
  const layout = baseLayout(fn, {
    ...(options.title !== undefined ? { title: options.title } : {}),
    width: options.width ?? columns * DEFAULTS.panelWidth,
    height: options.height ?? rows * DEFAULTS.panelHeight + (options.title ? 40 : 0),
  }, { legend: true });
  delete layout['xaxis'];
  delete layout['yaxis'];
  const data: Trace[] = [];
  const annotations: Layout[] = [];
  const named = new Set<string>();
  figures.forEach((fig, j) => {
    const a = j + 1;
    const r = Math.floor(j / columns);
    const c = j % columns;
    const gx = columns > 1 ? DEFAULTS.gapX : 0;
    const gy = rows > 1 ? DEFAULTS.gapY : 0;
    const xDomain = [c / columns + (c > 0 ? gx / 2 : 0), (c + 1) / columns - (c < columns - 1 ? gx / 2 : 0)];
    const yDomain = [1 - (r + 1) / rows + (r < rows - 1 ? gy / 2 : 0), 1 - r / rows - (r > 0 ? gy / 2 : 0) - 0.06];
    const xa = `x${suffix(a)}`;
    const ya = `y${suffix(a)}`;
    layout[`xaxis${suffix(a)}`] = { ...(fig.layout['xaxis'] as Layout), domain: xDomain, anchor: ya, ...(options.shareX && a > 1 ? { matches: 'x' } : {}) };
    layout[`yaxis${suffix(a)}`] = { ...(fig.layout['yaxis'] as Layout), domain: yDomain, anchor: xa, ...(options.shareY && a > 1 ? { matches: 'y' } : {}) };
    for (const trace of fig.data) {
      const name = typeof trace['name'] === 'string' ? trace['name'] : undefined;
      const legend = trace['showlegend'] !== false && name !== undefined && !named.has(name) && fig.layout['showlegend'] !== false;
      if (legend) named.add(name!);
      data.push({ ...trace, xaxis: xa, yaxis: ya, showlegend: legend, ...(name !== undefined ? { legendgroup: name } : {}), ...(trace['type'] === 'heatmap' ? { showscale: false } : {}) });
    }
    const title = options.titles?.[j] ?? (fig.layout['title'] as { text?: string } | undefined)?.text;
    if (title) {
      annotations.push({ text: `<b>${title}</b>`, xref: 'paper', yref: 'paper', x: (xDomain[0]! + xDomain[1]!) / 2, y: yDomain[1]! + 0.01, xanchor: 'center', yanchor: 'bottom', showarrow: false, font: { size: 13 } });
    }
    for (const note of (fig.layout['annotations'] as Layout[] | undefined) ?? []) {
      annotations.push({ ...note, ...(note['xref'] !== 'paper' ? { xref: xa } : {}), ...(note['yref'] !== 'paper' ? { yref: ya } : {}) });
    }
  });
  layout['annotations'] = annotations;
  layout['showlegend'] = named.size > 0;
  if (figures.some((f) => f.layout['barmode'])) layout['barmode'] = figures.find((f) => f.layout['barmode'])!.layout['barmode'];
  return new Figure({ data, layout }, 'grid');
}
