/**
 * The `plot` namespace (preloaded in the kernel, and `whetstone/plot`): figure builders that return a `Figure`, which
 * displays itself in a notebook and saves to PNG/SVG/HTML/JSON. Issue 5.
 *
 * For the kernel and runner: a Figure's display bundle embeds plotly.js in the first figure of each process
 * (`setPlotlyEmbedding`); PNG/SVG export keeps one headless Chromium warm while a display hook is installed
 * (`warmRenderer` after installing the hook makes the first save fast); a short-lived process calls `closeRenderer()`
 * after `exportFigures` so that it exits at once.
 */
export { Figure, PLOTLY_MIME, type FigureSpec } from './figure.js';
export { line, type LineOptions, type LineSeries } from './line.js';
export { kCurve, type KCurveOptions, type KCurveSeries } from './k-curve.js';
export { histogram, type HistogramOptions, type HistogramSeries } from './histogram.js';
export { ridgeline, type RidgelineOptions, type RidgelineRow } from './ridgeline.js';
export { heatmap, type HeatmapOptions } from './heatmap.js';
export { scatter, WEBGL_THRESHOLD, type ScatterOptions, type ScatterSeries } from './scatter.js';
export { rankFrequency, type Counts, type RankFrequencyOptions, type RankFrequencySeries } from './rank-frequency.js';
export { grid, type GridOptions } from './grid.js';
export { PALETTE, DEFAULT_WIDTH, DEFAULT_HEIGHT, type CommonOptions, type AxisType } from './style.js';
export { setPlotlyEmbedding, type PlotlyEmbedding } from './html.js';
export { exportFigures, figureOf, type ExportFiguresOptions, type ExportedFigure } from './export/export-figures.js';
export { closeRenderer, warmRenderer, setRendererIdleClose } from './export/renderer.js';
export { findChromium, NoBrowserError } from './export/find-chromium.js';
export type { ImageOptions, SaveOptions, SaveFormat } from './export/save.js';
