/**
 * `fig.save(path)` and `fig.toImage(format)`: the format comes from the file extension; PNG and SVG go through the
 * warm headless browser, HTML and JSON are written directly (no browser).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { check, fail } from '../../toolkit/util/check.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../style.js';
import type { Figure } from '../figure.js';
import { renderInBrowser } from './renderer.js';

/** File formats `save` writes. */
export const SAVE_FORMATS = ['png', 'svg', 'html', 'json'] as const;
export type SaveFormat = (typeof SAVE_FORMATS)[number];

/** Image size options. */
export interface ImageOptions {
  /** Width in CSS pixels. Default: the figure's layout width, else 720. */
  width?: number;
  /** Height in CSS pixels. Default: the figure's layout height, else 420. */
  height?: number;
  /** Pixel ratio for PNG (2 gives sharp figures in papers). Default: 2 for PNG, 1 for SVG. */
  scale?: number;
}

/** Options of `fig.save`. */
export interface SaveOptions extends ImageOptions {
  /** Format, when the extension does not say. Default: from the extension. */
  format?: SaveFormat;
}

/** The format of `path` (from `options.format` or the extension), or a named error listing the choices. */
export function formatOf(path: string, format: string | undefined, fn: string): SaveFormat {
  const ext = format ?? extname(path).slice(1).toLowerCase();
  if (!(SAVE_FORMATS as readonly string[]).includes(ext)) {
    fail(fn, `cannot tell the format of ${JSON.stringify(path)}: use an extension .png, .svg, .html or .json, or the format option (got ${ext ? `'${ext}'` : 'no extension'})`);
  }
  return ext as SaveFormat;
}

/** PNG bytes or SVG text of a figure, rendered by headless Chromium. */
export async function renderImage(fig: Figure, format: 'png' | 'svg', options: ImageOptions = {}, what = `fig.toImage('${format}')`): Promise<Buffer | string> {
  const fn = what;
  const layoutWidth = typeof fig.layout['width'] === 'number' ? fig.layout['width'] : DEFAULT_WIDTH;
  const layoutHeight = typeof fig.layout['height'] === 'number' ? fig.layout['height'] : DEFAULT_HEIGHT;
  const width = check.int(options.width ?? layoutWidth, 'width', fn, { min: 1 });
  const height = check.int(options.height ?? layoutHeight, 'height', fn, { min: 1 });
  const scale = check.finite(options.scale ?? (format === 'png' ? 2 : 1), 'scale', fn, { min: 0.1, max: 10 });
  return renderInBrowser({ spec: fig.toJSON(), format, width, height, scale }, what);
}

/** Writes `fig` to `path` in the format its extension names; resolves to the absolute path. */
export async function saveFigure(fig: Figure, path: string, options: SaveOptions = {}): Promise<string> {
  const what = `fig.save(${JSON.stringify(path)})`;
  const format = formatOf(path, options.format, what);
  const target = resolve(path);
  let content: string | Buffer;
  if (format === 'json') content = JSON.stringify(fig.toJSON()) + '\n';
  else if (format === 'html') content = fig.toHTML();
  else content = await renderImage(fig, format, options, what);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
}
