/**
 * Arrays of plain records (`[{step: 0, reward: 0.1}, …]`) as tables, through the toolkit's table renderer so that
 * they look like toolkit results. Only the shown rows are converted; a 10,000-row array renders its first
 * `RECORDS_MAX_ROWS` and a footer with the count.
 */
import { tableBundle, type Cell, type MimeBundle } from '../../toolkit/util/display.js';

/** Rows shown for an array of records. */
export const RECORDS_MAX_ROWS = 50;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether `value` is a non-empty array whose every element is a plain object. */
export function isRecordArray(value: unknown): value is readonly Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return `${value}n`;
    case 'function':
      return '[function]';
    case 'symbol':
      return value.toString();
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

/** Table bundle (HTML + text) for an array of records. */
export function recordsBundle(rows: readonly Record<string, unknown>[], maxRows = RECORDS_MAX_ROWS): MimeBundle {
  // Rows past the limit are passed through unconverted: the renderer only reads their keys (for the columns).
  const shown = rows.map((row, i) => (i < maxRows ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toCell(v)])) : row));
  return tableBundle(shown as Record<string, Cell>[], { maxRows });
}
