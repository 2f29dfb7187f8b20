/**
 * `exportFigures`: writes every figure among notebook outputs (MIME bundles carrying plotly JSON) or Figure objects to
 * a folder, e.g. for `whetstone run NB --figures DIR` (issue 5).
 */
import { join, resolve } from 'node:path';
import { fail } from '../../toolkit/util/check.js';
import { Figure, PLOTLY_MIME } from '../figure.js';
import { saveFigure, SAVE_FORMATS, type SaveFormat } from './save.js';

/** Options of `exportFigures`. */
export interface ExportFiguresOptions {
  /** Formats written for each figure. Default: ['png', 'svg']. */
  formats?: readonly SaveFormat[];
  /** File name stem, e.g. the notebook's name; figure i (from 1, in input order) becomes `<prefix>-<i>.<format>`. Default: 'figure'. */
  prefix?: string;
}

/** One file written by `exportFigures`. */
export interface ExportedFigure {
  /** 1-based number of the figure among the figures found. */
  figure: number;
  /** Index of the input item it came from. */
  item: number;
  format: SaveFormat;
  path: string;
}

const DEFAULTS = { formats: ['png', 'svg'] as readonly SaveFormat[], prefix: 'figure' };

/** The figure carried by an output item, or undefined for non-figure outputs (text, tables, images). */
export function figureOf(item: unknown): Figure | undefined {
  if (item instanceof Figure) return item;
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  if (PLOTLY_MIME in record) return Figure.from(record[PLOTLY_MIME]);
  if (Array.isArray(record['data']) && 'layout' in record) return Figure.from(record);
  return undefined;
}

/**
 * Writes every figure found in `items` (Figures, plotly JSON, or MIME bundles with `application/vnd.plotly.v1+json`;
 * other items are skipped) to `dir`, and resolves to the files written. Figures render one after another in the
 * warm browser; call `closeRenderer()` afterwards to let a short-lived process exit at once.
 * @example
 *   const files = await exportFigures(outputs.map((o) => o.data), 'figures', { formats: ['png', 'svg'] });
 */
export async function exportFigures(items: readonly unknown[], dir: string, options: ExportFiguresOptions = {}): Promise<ExportedFigure[]> {
  const fn = 'exportFigures';
  if (!Array.isArray(items)) fail(fn, `items must be an array of figures or MIME bundles (got ${typeof items})`);
  const formats = options.formats ?? DEFAULTS.formats;
  for (const format of formats) {
    if (!(SAVE_FORMATS as readonly string[]).includes(format)) {
      fail(fn, `formats must contain only 'png', 'svg', 'html', 'json' (got ${JSON.stringify(format)})`);
    }
  }
  const prefix = options.prefix ?? DEFAULTS.prefix;
  // Notebook names become prefixes, so spaces and dots are fine; only what would leave `dir` is refused.
  if (prefix === '' || /[\\/\0]/.test(prefix) || prefix === '.' || prefix === '..') {
    fail(fn, `prefix must be a file name stem without path separators (got ${JSON.stringify(prefix)})`);
  }
  const written: ExportedFigure[] = [];
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    const fig = figureOf(items[i]);
    if (!fig) continue;
    count++;
    for (const format of formats) {
      const path = await saveFigure(fig, join(resolve(dir), `${prefix}-${count}.${format}`), { format });
      written.push({ figure: count, item: i, format, path });
    }
  }
  return written;
}
