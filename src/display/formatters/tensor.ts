/**
 * TensorFlow.js tensors (duck-typed, so tfjs is never imported here): a header with dtype and shape, then the values
 * nested like numpy's repr, summarized with "…" beyond `TENSOR_EDGE_ITEMS` per axis when the tensor is large.
 */
import { formatNumber, type MimeBundle } from '../../toolkit/util/display.js';
import { escapeHtml } from './text.js';

/** The tfjs Tensor members read here. */
export interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  dataSync(): ArrayLike<number | string> | Uint8Array[];
  isDisposed?: boolean;
}

/** Above this many elements the values are summarized (numpy's threshold). */
export const TENSOR_SUMMARY_THRESHOLD = 1000;
/** Items shown at each end of a summarized axis. */
export const TENSOR_EDGE_ITEMS = 3;
/** Above this many elements no values are read at all (reading would copy the whole tensor). */
export const TENSOR_READ_LIMIT = 5_000_000;

/** Whether `value` looks like a tfjs Tensor (or Variable). */
export function isTensorLike(value: unknown): value is TensorLike {
  const v = value as Partial<TensorLike> | null;
  return v !== null && typeof v === 'object' && Array.isArray(v.shape) && typeof v.dtype === 'string' &&
    typeof v.size === 'number' && typeof v.dataSync === 'function' && 'dataId' in v;
}

function cell(value: number | string, dtype: string): string {
  if (dtype === 'bool') return value ? 'true' : 'false';
  if (dtype === 'string') return JSON.stringify(value);
  return formatNumber(value as number, 4);
}

/** Nested text of the values of a tensor with the given shape (row-major data). */
export function formatTensorValues(data: ArrayLike<number | string>, shape: readonly number[], dtype: string): string {
  const summarize = data.length > TENSOR_SUMMARY_THRESHOLD;
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const render = (offset: number, axis: number): string => {
    if (axis === shape.length) return cell(data[offset]!, dtype);
    const n = shape[axis]!;
    const indices = summarize && n > 2 * TENSOR_EDGE_ITEMS
      ? [...Array.from({ length: TENSOR_EDGE_ITEMS }, (_, i) => i), -1, ...Array.from({ length: TENSOR_EDGE_ITEMS }, (_, i) => n - TENSOR_EDGE_ITEMS + i)]
      : Array.from({ length: n }, (_, i) => i);
    const parts = indices.map((i) => (i < 0 ? '…' : render(offset + i * strides[axis]!, axis + 1)));
    if (axis === shape.length - 1) return `[${parts.join(', ')}]`;
    const sep = ',' + '\n'.repeat(shape.length - 1 - axis) + ' '.repeat(axis + 1);
    return `[${parts.join(sep)}]`;
  };
  return render(0, 0);
}

/** Bundle for a tensor: header line (dtype, shape, size) and values. */
export function tensorBundle(t: TensorLike): MimeBundle {
  const header = `Tensor ${t.dtype} [${t.shape.join(', ')}]${t.size > TENSOR_SUMMARY_THRESHOLD ? ` (${t.size.toLocaleString('en-US')} elements)` : ''}`;
  let body: string;
  if (t.isDisposed) body = '(disposed)';
  else if (t.dtype === 'complex64') body = '(complex values not shown)';
  else if (t.size > TENSOR_READ_LIMIT) body = `(values not shown: more than ${TENSOR_READ_LIMIT.toLocaleString('en-US')} elements)`;
  else {
    const raw = t.dataSync();
    const data = t.dtype === 'string' && raw.length > 0 && raw[0] instanceof Uint8Array
      ? (raw as Uint8Array[]).map((b) => Buffer.from(b).toString('utf8'))
      : (raw as ArrayLike<number | string>);
    body = formatTensorValues(data, t.shape, t.dtype);
  }
  const html = `<div class="whetstone-tensor"><b>Tensor</b> <code>${escapeHtml(t.dtype)}</code> shape <code>[${t.shape.join(', ')}]</code>` +
    `<pre style="margin:4px 0">${escapeHtml(body)}</pre></div>`;
  return { 'text/html': html, 'text/plain': `${header}\n${body}` };
}
