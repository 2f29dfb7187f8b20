/**
 * Input validation shared by every toolkit function. Each check names the function, the argument, what was
 * expected and what was found, e.g. `passAtK: k must be ≤ n (got k=12, n=10)`, so a researcher can fix the call
 * without reading our source (STYLE.md §7).
 */

/** Error thrown for invalid arguments to toolkit functions. */
export class ToolkitArgumentError extends Error {
  override name = 'ToolkitArgumentError';
}

/** Throws a ToolkitArgumentError with the `fn: message` form used everywhere in the toolkit. */
export function fail(fn: string, message: string): never {
  throw new ToolkitArgumentError(`${fn}: ${message}`);
}

export interface IntBounds {
  min?: number;
  max?: number;
  /** Name of the bound used in messages, e.g. `max: n` reads "must be ≤ n". */
  maxName?: string;
  minName?: string;
}

/** Checks that `value` is a finite integer within bounds and returns it. */
function int(value: unknown, name: string, fn: string, bounds: IntBounds = {}): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(fn, `${name} must be an integer (got ${describe(value)})`);
  }
  checkBounds(value, name, fn, bounds);
  return value;
}

/** Checks that `value` is a finite number within bounds and returns it. */
function finite(value: unknown, name: string, fn: string, bounds: IntBounds = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(fn, `${name} must be a finite number (got ${describe(value)})`);
  }
  checkBounds(value, name, fn, bounds);
  return value;
}

/** Checks a probability in [0, 1]. */
function probability(value: unknown, name: string, fn: string): number {
  return finite(value, name, fn, { min: 0, max: 1 });
}

function checkBounds(value: number, name: string, fn: string, bounds: IntBounds): void {
  const { min, max } = bounds;
  if (min !== undefined && value < min) {
    const label = bounds.minName ? `${bounds.minName}` : String(min);
    const extra = bounds.minName ? `, ${bounds.minName}=${min}` : '';
    fail(fn, `${name} must be ≥ ${label} (got ${name}=${value}${extra})`);
  }
  if (max !== undefined && value > max) {
    const label = bounds.maxName ? `${bounds.maxName}` : String(max);
    const extra = bounds.maxName ? `, ${bounds.maxName}=${max}` : '';
    fail(fn, `${name} must be ≤ ${label} (got ${name}=${value}${extra})`);
  }
}

/** A numeric sequence accepted by the toolkit: plain arrays or typed arrays. */
export type NumericArray = ArrayLike<number>;

/**
 * Checks that `value` is a non-empty array-like of finite numbers (NaN is named with its index) and returns it as a
 * Float64Array view or copy.
 */
function numbers(value: unknown, name: string, fn: string, options: { allowEmpty?: boolean; allowNaN?: boolean } = {}): Float64Array {
  if (!isArrayLike(value)) fail(fn, `${name} must be an array of numbers (got ${describe(value)})`);
  const out = value instanceof Float64Array ? value : Float64Array.from(value as ArrayLike<number>);
  if (!options.allowEmpty && out.length === 0) fail(fn, `${name} must not be empty`);
  for (let i = 0; i < out.length; i++) {
    const x = out[i]!;
    if (Number.isNaN(x)) {
      if (!options.allowNaN) fail(fn, `${name}[${i}] is NaN`);
    } else if (!Number.isFinite(x)) {
      fail(fn, `${name}[${i}] must be finite (got ${x})`);
    }
  }
  return out;
}

/** Checks that two sequences have the same length. */
function sameLength(a: { length: number }, aName: string, b: { length: number }, bName: string, fn: string): void {
  if (a.length !== b.length) {
    fail(fn, `${aName} and ${bName} must have the same length (got ${a.length} and ${b.length})`);
  }
}

/** Checks that `value` is one of `allowed`. */
function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, fn: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    fail(fn, `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${describe(value)})`);
  }
  return value as T;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/** Short description of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}`;
  return typeof value;
}

/** The validation helpers, used as `check.int(k, 'k', 'passAtK', {min: 1, max: n, maxName: 'n'})`. */
export const check = { int, finite, probability, numbers, sameLength, oneOf };
