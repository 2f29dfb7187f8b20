/**
 * The one Whetstone figure style, shared by every builder so that small multiples and side-by-side figures match.
 * Builders take an options object (Observable-Plot-like: data first, then `{title, xLabel, ...}`) and call
 * `baseLayout` for the common part; defaults live here once.
 */
import { check, fail } from '../toolkit/util/check.js';

/**
 * Okabe–Ito palette: distinguishable under the common colour-vision deficiencies (Okabe & Ito 2008), which matters
 * for figures that end up in papers. Black is moved last because it reads as "reference".
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Default figure size in CSS pixels (a notebook cell's width at 100% zoom). */
export const DEFAULT_WIDTH = 720;
export const DEFAULT_HEIGHT = 420;

/** Opacity of confidence/seed bands: light enough that overlapping bands stay readable. */
export const BAND_OPACITY = 0.2;

const FONT = { family: 'Inter, "Helvetica Neue", Arial, sans-serif', size: 13, color: '#222222' };
const GRID_COLOR = '#e8e8e8';
const AXIS_COLOR = '#888888';

/** Axis scale types a builder accepts. */
export type AxisType = 'linear' | 'log';

/** Options every builder accepts. */
export interface CommonOptions {
  /** Figure title. Default: none. */
  title?: string;
  /** X axis label. Default: builder-specific (e.g. "step"). */
  xLabel?: string;
  /** Y axis label. Default: builder-specific. */
  yLabel?: string;
  /** X axis scale. Default: builder-specific, usually 'linear'. */
  xType?: AxisType;
  /** Y axis scale. Default: builder-specific, usually 'linear'. */
  yType?: AxisType;
  /** Fixed y range `[min, max]` (in data units, also for log axes). Default: automatic. */
  yDomain?: readonly [number, number];
  /** Fixed x range `[min, max]`. Default: automatic. */
  xDomain?: readonly [number, number];
  /** Width in pixels. Default: 720. */
  width?: number;
  /** Height in pixels. Default: 420. */
  height?: number;
  /** Show the legend. Default: when there is more than one named series. */
  legend?: boolean;
}

/** The plotly layout object (kept loose: plotly's schema is large and the figure is plain JSON). */
export type Layout = Record<string, unknown>;
/** One plotly trace. */
export type Trace = Record<string, unknown>;

/** Colour of the i-th series. */
export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** `#rrggbb` → `rgba(r,g,b,alpha)`, for band fills. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function axis(label: string | undefined, type: AxisType, domain: readonly [number, number] | undefined): Layout {
  const out: Layout = {
    type,
    showgrid: true,
    gridcolor: GRID_COLOR,
    zeroline: false,
    linecolor: AXIS_COLOR,
    ticks: 'outside',
    tickcolor: AXIS_COLOR,
    automargin: true,
  };
  if (label) out['title'] = { text: label };
  // plotly takes log-axis ranges as log10 of the data values.
  if (domain) out['range'] = type === 'log' ? domain.map((v) => Math.log10(v)) : [...domain];
  return out;
}

/** Checks the common options and builds the shared layout; `defaults` are the builder's own defaults. */
export function baseLayout(fn: string, options: CommonOptions, defaults: Partial<CommonOptions> & { legend: boolean }): Layout {
  const width = check.int(options.width ?? DEFAULT_WIDTH, 'width', fn, { min: 50 });
  const height = check.int(options.height ?? DEFAULT_HEIGHT, 'height', fn, { min: 50 });
  const xType = check.oneOf(options.xType ?? defaults.xType ?? 'linear', ['linear', 'log'], 'xType', fn);
  const yType = check.oneOf(options.yType ?? defaults.yType ?? 'linear', ['linear', 'log'], 'yType', fn);
  const xDomain = domainOption(fn, 'xDomain', options.xDomain ?? defaults.xDomain, xType);
  const yDomain = domainOption(fn, 'yDomain', options.yDomain ?? defaults.yDomain, yType);
  const title = options.title ?? defaults.title;
  const layout: Layout = {
    width,
    height,
    font: FONT,
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 60, r: 20, t: title ? 50 : 20, b: 50 },
    showlegend: options.legend ?? defaults.legend,
    legend: { orientation: 'v', x: 1.02, y: 1, xanchor: 'left', bgcolor: 'rgba(255,255,255,0)' },
    hovermode: 'closest',
    xaxis: axis(options.xLabel ?? defaults.xLabel, xType, xDomain),
    yaxis: axis(options.yLabel ?? defaults.yLabel, yType, yDomain),
  };
  if (title) layout['title'] = { text: title, x: 0.02, xanchor: 'left' };
  return layout;
}

function domainOption(fn: string, name: string, value: unknown, type: AxisType): readonly [number, number] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== 2) fail(fn, `${name} must be [min, max] (got ${JSON.stringify(value)})`);
  const [lo, hi] = value as [number, number];
  check.finite(lo, `${name}[0]`, fn);
  check.finite(hi, `${name}[1]`, fn);
  if (!(lo < hi)) fail(fn, `${name} must have min < max (got [${lo}, ${hi}])`);
  if (type === 'log' && lo <= 0) fail(fn, `${name} must be positive on a log axis (got [${lo}, ${hi}])`);
  return [lo, hi];
}
