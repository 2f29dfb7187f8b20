/**
 * Value → MIME bundle. A value's own `Symbol.for('Jupyter.display')` method wins; then the rich formatters
 * (figures, data frames, tensors, images, record arrays); then `text/plain` from util.inspect without ANSI codes.
 */
import { inspect } from 'node:util';
import { JUPYTER_DISPLAY, type MimeBundle } from '../toolkit/util/display.js';
import { formatValue } from './formatters/index.js';

/** How values print as `text/plain`: no ANSI colours, bounded depth and array length. */
const INSPECT_OPTIONS = { colors: false, depth: 4, maxArrayLength: 100, breakLength: 100 } as const;

/** The bundle the kernel shows for `value` (as an execute_result or a display). */
export function toMimeBundle(value: unknown): MimeBundle {
  const own = value !== null && (typeof value === 'object' || typeof value === 'function')
    ? (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY]
    : undefined;
  if (typeof own === 'function') {
    const bundle = own.call(value) as MimeBundle;
    return 'text/plain' in bundle ? bundle : { ...bundle, 'text/plain': inspect(value, { colors: false, depth: 1 }) };
  }
  const rich = formatValue(value);
  if (rich) return rich;
  return { 'text/plain': inspect(value, INSPECT_OPTIONS) };
}
