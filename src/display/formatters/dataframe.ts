/**
 * danfojs DataFrame and Series, duck-typed (importing danfojs-node costs about a second, research/compute.md §5, so
 * it is never imported here). danfojs-node has no HTML output of its own; the table is built from `columns`,
 * `index` and `values`, showing the first and last rows when there are more than the limit.
 */
import { formatNumber, type MimeBundle } from '../../toolkit/util/display.js';
import { escapeHtml } from './text.js';

/** Rows shown for a frame before eliding the middle. */
export const FRAME_MAX_ROWS = 30;

interface FrameLike {
  $isSeries: boolean;
  columns: string[];
  index: (string | number)[];
  values: unknown[];
  shape: number[];
  dtypes: string[];
}

/** Whether `value` looks like a danfojs DataFrame or Series. */
export function isDanfoLike(value: unknown): value is FrameLike {
  const v = value as Partial<FrameLike> | null;
  return v !== null && typeof v === 'object' && typeof v.$isSeries === 'boolean' && Array.isArray(v.columns) &&
    Array.isArray(v.index) && Array.isArray(v.values) && Array.isArray(v.shape);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : formatNumber(value, 4);
  return String(value);
}

/** Row positions shown: all, or the first and last halves of `max` with a gap (-1) between. */
function shownRows(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil(max / 2);
  const tail = max - head;
  return [...Array.from({ length: head }, (_, i) => i), -1, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
}

/** Bundle for a danfojs DataFrame or Series: HTML table plus aligned text, with the index as first column. */
export function frameBundle(frame: FrameLike, maxRows = FRAME_MAX_ROWS): MimeBundle {
  const isSeries = frame.$isSeries;
  const columns = isSeries ? [String(frame.columns[0] ?? '0')] : frame.columns.map(String);
  const rowOf = (i: number): unknown[] => (isSeries ? [frame.values[i]] : (frame.values[i] as unknown[]));
  const n = frame.index.length;
  const rows = shownRows(n, maxRows);
  const kind = isSeries ? 'Series' : 'DataFrame';
  const shape = isSeries ? `${n}` : `${n} rows × ${columns.length} columns`;
  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows.map((i) => {
    if (i < 0) return `<tr><th>…</th>${columns.map(() => '<td>…</td>').join('')}</tr>`;
    const cells = rowOf(i).map((v) => `<td${typeof v === 'number' ? ' style="text-align:right"' : ''}>${escapeHtml(cell(v))}</td>`);
    return `<tr><th>${escapeHtml(String(frame.index[i]))}</th>${cells.join('')}</tr>`;
  });
  const html = `<table class="whetstone-table whetstone-frame"><thead>${head}</thead><tbody>${body.join('')}</tbody></table><p>${kind}: ${shape}</p>`;
  const textRows = [['', ...columns], ...rows.map((i) => (i < 0 ? ['…', ...columns.map(() => '…')] : [String(frame.index[i]), ...rowOf(i).map(cell)]))];
  const widths = textRows[0]!.map((_, j) => Math.max(...textRows.map((r) => r[j]!.length)));
  const text = textRows.map((r) => r.map((c, j) => c.padStart(widths[j]!)).join('  ')).join('\n') + `\n${kind}: ${shape}`;
  return { 'text/html': html, 'text/plain': text };
}
