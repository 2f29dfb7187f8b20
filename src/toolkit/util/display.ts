/**
 * How toolkit results show themselves in a notebook without importing the kernel: the kernel looks for a method
 * under `Symbol.for('Jupyter.display')` that returns a MIME bundle (the convention Deno's kernel uses too).
 */

/** The well-known symbol a value implements to display itself. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/** A MIME bundle: MIME type → data. */
export type MimeBundle = Record<string, unknown>;

/** A value that knows how to display itself in Jupyter. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** A table column value. */
export type Cell = string | number | boolean | null | undefined;

export interface TableOptions {
  /** Table caption shown above the rows. Default: none. */
  caption?: string;
  /** Maximum rows rendered; the rest are summarized in a footer. Default: 50. */
  maxRows?: number;
  /** Significant digits for non-integer numbers. Default: 4. */
  digits?: number;
}

const TABLE_DEFAULTS = { maxRows: 50, digits: 4 } as const;

/** Formats a number compactly with `digits` significant digits; integers print exactly. */
export function formatNumber(x: number, digits: number = TABLE_DEFAULTS.digits): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

function formatCell(value: Cell, digits: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, digits);
  return String(value);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Renders rows of records as an HTML table (numbers right-aligned). */
export function toHtmlTable(rows: readonly Record<string, Cell>[], options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? TABLE_DEFAULTS.maxRows;
  const digits = options.digits ?? TABLE_DEFAULTS.digits;
  const columns = columnsOf(rows);
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.slice(0, maxRows).map((row) => {
    const cells = columns.map((c) => {
      const v = row[c];
      const align = typeof v === 'number' ? ' style="text-align:right"' : '';
      return `<td${align}>${escapeHtml(formatCell(v, digits))}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const more = rows.length > maxRows ? `<p>… ${rows.length - maxRows} more rows (${rows.length} in all)</p>` : '';
  return `<table class="whetstone-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>${more}`;
}

/** Renders rows as aligned plain text (no ANSI codes). */
export function toTextTable(rows: readonly Record<string, Cell>[], options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? TABLE_DEFAULTS.maxRows;
  const digits = options.digits ?? TABLE_DEFAULTS.digits;
  const columns = columnsOf(rows);
  const shown = rows.slice(0, maxRows).map((row) => columns.map((c) => formatCell(row[c], digits)));
  const widths = columns.map((c, j) => Math.max(c.length, ...shown.map((r) => r[j]!.length)));
  const line = (cells: string[]) => cells.map((cell, j) => cell.padStart(widths[j]!)).join('  ');
  const lines = [line(columns), ...shown.map(line)];
  if (options.caption) lines.unshift(options.caption);
  if (rows.length > maxRows) lines.push(`… ${rows.length - maxRows} more rows (${rows.length} in all)`);
  return lines.join('\n');
}

function columnsOf(rows: readonly Record<string, Cell>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** MIME bundle for a table: HTML plus plain text. */
export function tableBundle(rows: readonly Record<string, Cell>[], options: TableOptions = {}): MimeBundle {
  return { 'text/html': toHtmlTable(rows, options), 'text/plain': toTextTable(rows, options) };
}

/**
 * Attaches a table display to a result object (non-enumerable, so JSON and spreading ignore it) and returns the
 * same object, typed as displayable.
 */
export function withTable<T extends object>(result: T, rows: () => readonly Record<string, Cell>[], options: TableOptions = {}): T & Displayable {
  Object.defineProperty(result, JUPYTER_DISPLAY, {
    value: () => tableBundle(rows(), options),
    enumerable: false,
  });
  return result as T & Displayable;
}
