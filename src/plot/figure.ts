/**
 * A plotly figure (data + layout JSON) that displays itself in Jupyter and saves itself to PNG, SVG, HTML or JSON.
 * Building a figure needs no browser; only PNG/SVG export starts one (see `export/renderer.ts`).
 */
import { JUPYTER_DISPLAY, type MimeBundle } from '../toolkit/util/display.js';
import { notebookHtml, pageHtml } from './html.js';
import type { Layout, Trace } from './style.js';
import type { ImageOptions, SaveOptions } from './export/save.js';

/** The MIME type JupyterLab's plotly renderer reads. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** Plain plotly JSON: what `fig.toJSON()` returns and `Figure.from` accepts. */
export interface FigureSpec {
  data: Trace[];
  layout: Layout;
  config?: Record<string, unknown>;
}

/**
 * A plotly figure. Builders such as `plot.line` return one; a notebook cell that ends with it shows an interactive
 * chart, and `save` writes a file.
 * @example
 *   const fig = plot.line({ name: 'reward', y: [0.1, 0.4, 0.5] });
 *   await fig.save('reward.png');
 */
export class Figure {
  /** The plotly traces. */
  readonly data: Trace[];
  /** The plotly layout. */
  readonly layout: Layout;
  /** The plotly config (interaction options). */
  readonly config: Record<string, unknown>;
  /** Which builder made it, for the text form (e.g. 'line'). */
  readonly kind: string;

  constructor(spec: FigureSpec, kind = 'figure') {
    this.data = spec.data;
    this.layout = spec.layout;
    this.config = spec.config ?? {};
    this.kind = kind;
  }

  /**
   * Wraps plotly JSON (e.g. from a notebook output) as a Figure.
   * @example
   *   const fig = Figure.from(JSON.parse(text));
   */
  static from(spec: unknown): Figure {
    if (spec instanceof Figure) return spec;
    const s = spec as Partial<FigureSpec> | null;
    if (s === null || typeof s !== 'object' || !Array.isArray(s.data)) {
      throw new TypeError('Figure.from: expected plotly JSON with a data array, e.g. {data: [...], layout: {...}}');
    }
    const layout = s.layout !== null && typeof s.layout === 'object' ? s.layout : {};
    return new Figure({ data: s.data, layout, ...(s.config ? { config: s.config } : {}) });
  }

  /** Plain plotly JSON (what `.json` export and the plotly MIME type carry). */
  toJSON(): FigureSpec {
    return Object.keys(this.config).length > 0
      ? { data: this.data, layout: this.layout, config: this.config }
      : { data: this.data, layout: this.layout };
  }

  /** One-line text form, e.g. `Figure(line): 3 traces "reward" 720×420`. */
  toString(): string {
    const title = (this.layout['title'] as { text?: string } | undefined)?.text;
    const size = typeof this.layout['width'] === 'number' ? ` ${this.layout['width']}×${this.layout['height']}` : '';
    const n = this.data.length;
    return `Figure(${this.kind}): ${n} trace${n === 1 ? '' : 's'}${title ? ` "${title}"` : ''}${size}`;
  }

  /** A standalone HTML page with plotly.js embedded (no network needed to view it). */
  toHTML(): string {
    const title = (this.layout['title'] as { text?: string } | undefined)?.text ?? `Whetstone ${this.kind}`;
    return pageHtml(this.toJSON(), title);
  }

  /**
   * Writes the figure; the format comes from the extension: `.png`, `.svg` (rendered by headless Chromium, kept warm
   * so later figures cost tens of ms), `.html` or `.json` (no browser needed). Resolves to the absolute path.
   * Defaults: the figure's own width/height, scale 2 for PNG.
   * @example
   *   await fig.save('figures/k-curve.svg');
   */
  async save(path: string, options: SaveOptions = {}): Promise<string> {
    const { saveFigure } = await import('./export/save.js');
    return saveFigure(this, path, options);
  }

  /**
   * Renders to PNG bytes or an SVG string with headless Chromium.
   * @example
   *   const png = await fig.toImage('png', { scale: 1 });
   */
  async toImage(format: 'png', options?: ImageOptions): Promise<Buffer>;
  async toImage(format: 'svg', options?: ImageOptions): Promise<string>;
  async toImage(format: 'png' | 'svg', options: ImageOptions = {}): Promise<Buffer | string> {
    const { renderImage } = await import('./export/save.js');
    return renderImage(this, format, options);
  }

  /** The notebook display: plotly JSON, self-contained HTML and plain text. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const spec = this.toJSON();
    return { [PLOTLY_MIME]: spec, 'text/html': notebookHtml(spec), 'text/plain': this.toString() };
  }
}
