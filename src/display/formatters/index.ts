/**
 * Rich display of values that do not display themselves (issue 5). The kernel first calls a value's own
 * `Symbol.for('Jupyter.display')` method; for everything else it calls `formatValue`, which recognizes, in order:
 * plotly Figures, danfojs DataFrames/Series, tfjs tensors, image bytes (PNG/JPEG/GIF signatures in a Buffer,
 * Uint8Array or ArrayBuffer) and arrays of plain records. Strings are never sniffed (an SVG or Markdown string is
 * shown through the explicit helpers). Every bundle has `text/plain` without ANSI codes.
 */
import { JUPYTER_DISPLAY, type MimeBundle } from '../../toolkit/util/display.js';
import { Figure } from '../../plot/figure.js';
import { frameBundle, isDanfoLike } from './dataframe.js';
import { sniffImage } from './image.js';
import { imageBundle } from './bundles.js';
import { isRecordArray, recordsBundle } from './records.js';
import { isTensorLike, tensorBundle } from './tensor.js';
import { stripAnsi } from './text.js';

export { imageBundle, markdownBundle, latexBundle, htmlBundle, svgBundle } from './bundles.js';
export { sniffImage, imageSize, type ImageMime } from './image.js';
export { tensorBundle, isTensorLike, formatTensorValues, type TensorLike } from './tensor.js';
export { frameBundle, isDanfoLike, FRAME_MAX_ROWS } from './dataframe.js';
export { recordsBundle, isRecordArray, RECORDS_MAX_ROWS } from './records.js';
export { escapeHtml, stripAnsi } from './text.js';

function withPlainText(bundle: MimeBundle): MimeBundle {
  const text = bundle['text/plain'];
  return typeof text === 'string' ? { ...bundle, 'text/plain': stripAnsi(text) } : bundle;
}

/**
 * A rich MIME bundle for `value`, or undefined when plain text (the kernel's own inspection) is best.
 * @example
 *   formatValue([{ step: 0, reward: 0.1 }]) // {'text/html': '<table …', 'text/plain': 'step  reward …'}
 *   formatValue('hello')                    // undefined
 */
export function formatValue(value: unknown): MimeBundle | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (value instanceof Figure) return value[JUPYTER_DISPLAY]();
  const own = (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY];
  if (typeof own === 'function') return withPlainText(own.call(value) as MimeBundle);
  if (isDanfoLike(value)) return frameBundle(value);
  if (isTensorLike(value)) return tensorBundle(value);
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
    const mime = sniffImage(bytes);
    return mime ? imageBundle(bytes, mime) : undefined;
  }
  if (isRecordArray(value)) return recordsBundle(value);
  return undefined;
}
