/**
 * `progress`: a progress bar for long loops (issue 5). In a kernel it is one display output updated in place
 * (`display` once, then `update_display_data` by display id through `displayHook()`), throttled to about 10 updates a
 * second plus a final one; headless (scripts, `whetstone run`) it prints plain lines to stderr about once a second
 * plus a final line, so logs stay short.
 */
import { check, describe, fail } from './check.js';
import { displayHook, type DisplayHook } from './display-hook.js';
import type { MimeBundle } from './display.js';

/** Where headless progress lines go. */
export interface LineSink {
  write(text: string): unknown;
}

/** Options of `progress`. */
export interface ProgressOptions {
  /** Text before the bar. Default: 'progress'. */
  label?: string;
  /** Number of items, for iterables whose length is unknown (generators). Default: length or size if it has one. */
  total?: number;
  /** Least time between live updates in a notebook, ms. Default: 100 (at most 10 updates/s). */
  minIntervalMs?: number;
  /** Least time between headless lines, ms. Default: 1000. */
  headlessIntervalMs?: number;
  /** Display hook; null forces the headless form. Default: the kernel's `displayHook()`. */
  hook?: DisplayHook | null;
  /** Stream for headless lines. Default: process.stderr. */
  stream?: LineSink;
  /** Clock in ms (tests pass a fake one). Default: performance.now. */
  clock?: () => number;
  /** Bar width in characters for the text form. Default: 24. */
  width?: number;
}

const DEFAULTS = { label: 'progress', minIntervalMs: 100, headlessIntervalMs: 1000, width: 24 };
let displayCounter = 0;

/** `mm:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function formatRate(perSecond: number): string {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) return '? it/s';
  return perSecond >= 1 ? `${perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1)} it/s` : `${(1 / perSecond).toFixed(2)} s/it`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * A progress bar; iterate it (sync or `for await`) or drive it by hand with `update(n)` and `done()`.
 * @example
 *   for (const prompt of progress(prompts, { label: 'sampling' })) { ... }
 *   const bar = progress(1000); bar.update(10); bar.done();
 */
export class Progress<T = number> implements Iterable<T>, AsyncIterable<T> {
  /** Items expected, if known. */
  readonly total: number | undefined;
  /** Items completed so far. */
  count = 0;
  private readonly label: string;
  private readonly hook: DisplayHook | undefined;
  private readonly stream: LineSink;
  private readonly clock: () => number;
  private readonly interval: number;
  private readonly width: number;
  private readonly started: number;
  private readonly displayId: string;
  private lastShown = -Infinity;
  private shownCount = -1;
  private finished = false;

  constructor(private readonly source: Iterable<T> | AsyncIterable<T>, total: number | undefined, options: ProgressOptions) {
    const fn = 'progress';
    this.total = total === undefined ? undefined : check.int(total, 'total', fn, { min: 0 });
    this.label = options.label ?? DEFAULTS.label;
    this.hook = options.hook === null ? undefined : (options.hook ?? displayHook());
    this.stream = options.stream ?? process.stderr;
    this.clock = options.clock ?? (() => performance.now());
    this.interval = this.hook
      ? check.finite(options.minIntervalMs ?? DEFAULTS.minIntervalMs, 'minIntervalMs', fn, { min: 0 })
      : check.finite(options.headlessIntervalMs ?? DEFAULTS.headlessIntervalMs, 'headlessIntervalMs', fn, { min: 0 });
    this.width = check.int(options.width ?? DEFAULTS.width, 'width', fn, { min: 1 });
    this.started = this.clock();
    this.displayId = `whetstone-progress-${process.pid}-${Date.now().toString(36)}-${++displayCounter}`;
    if (this.hook) {
      this.hook.display(this.bundle(), { displayId: this.displayId });
      this.lastShown = this.started;
      this.shownCount = 0;
    } else {
      // Headless: the first line comes after one interval, so short loops print only their final line.
      this.lastShown = this.started;
    }
  }

  /** Marks `n` more items done (default 1); redraws if the throttle allows or the total is reached. */
  update(n = 1): void {
    check.finite(n, 'n', 'progress.update', { min: 0 });
    this.count += n;
    if (this.finished) return; // the final state is drawn; a source longer than its total only counts on
    const now = this.clock();
    if (this.total !== undefined && this.count >= this.total) this.done();
    else if (now - this.lastShown >= this.interval) this.show(now);
  }

  /** Draws the final state (100% when the total was reached); later calls do nothing. */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.shownCount !== this.count || !this.hook) this.show(this.clock());
  }

  /** Text form, e.g. `sampling  45% |██████░░░░| 450/1000 [00:05<00:06, 90.1 it/s]`. */
  text(now: number = this.clock()): string {
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? this.count / elapsed : NaN;
    if (this.total === undefined) return `${this.label} ${this.count} it [${formatDuration(elapsed)}, ${formatRate(rate)}]`;
    const fraction = this.total === 0 ? 1 : Math.min(1, this.count / this.total);
    const filled = Math.round(fraction * this.width);
    const bar = '█'.repeat(filled) + '░'.repeat(this.width - filled);
    const eta = this.count >= this.total ? 0 : rate > 0 ? (this.total - this.count) / rate : NaN;
    const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `${this.label} ${pct} |${bar}| ${this.count}/${this.total} [${formatDuration(elapsed)}<${formatDuration(eta)}, ${formatRate(rate)}]`;
  }

  /** The display bundle: an HTML `<progress>` bar (with `data-percent` for tests) and the text form. */
  bundle(now: number = this.clock()): MimeBundle {
    const text = this.text(now);
    const pct = this.total === undefined ? undefined : this.total === 0 ? 100 : Math.floor(Math.min(1, this.count / this.total) * 100);
    const bar = this.total === undefined ? '' : `<progress value="${Math.min(this.count, this.total)}" max="${this.total}" style="width:240px;vertical-align:middle"></progress> `;
    const detail = escapeHtml(text.slice(this.label.length + 1).replace(/\|[█░]*\| /, ''));
    const html = `<div class="whetstone-progress"${pct === undefined ? '' : ` data-percent="${pct}"`} style="font-family:monospace">` +
      `<span>${escapeHtml(this.label)}</span> ${bar}${detail}</div>`;
    return { 'text/html': html, 'text/plain': text };
  }

  private show(now: number): void {
    this.lastShown = now;
    this.shownCount = this.count;
    if (this.hook) this.hook.update(this.bundle(now), this.displayId);
    else this.stream.write(this.text(now) + '\n');
  }

  *[Symbol.iterator](): Iterator<T> {
    const source = this.source as Iterable<T>;
    if (typeof source[Symbol.iterator] !== 'function') fail('progress', 'this source is async: iterate it with for await');
    try {
      for (const item of source) {
        yield item;
        this.update(1);
      }
    } finally {
      this.done();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for await (const item of this.source) {
        yield item;
        this.update(1);
      }
    } finally {
      this.done();
    }
  }
}

function* range(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

function sizeOf(source: object): number | undefined {
  const s = source as { length?: unknown; size?: unknown };
  if (typeof s.length === 'number') return s.length;
  if (typeof s.size === 'number') return s.size;
  return undefined;
}

/**
 * A progress bar over an iterable (sync or async) or a count. Iterating `progress(n)` yields 0 … n−1.
 * @example
 *   for (const x of progress(items)) train(x);
 *   for await (const batch of progress(stream, { total: 100, label: 'eval' })) score(batch);
 */
export function progress<T>(source: Iterable<T> | AsyncIterable<T>, options?: ProgressOptions): Progress<T>;
export function progress(total: number, options?: ProgressOptions): Progress<number>;
export function progress<T>(source: Iterable<T> | AsyncIterable<T> | number, options: ProgressOptions = {}): Progress<T> | Progress<number> {
  if (typeof source === 'number') {
    const total = check.int(source, 'total', 'progress', { min: 0 });
    return new Progress(range(total), options.total ?? total, options);
  }
  const iterable = source !== null && (typeof source === 'object' || typeof source === 'string') &&
    (typeof (source as Iterable<T>)[Symbol.iterator] === 'function' || typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function');
  if (!iterable) fail('progress', `expected an iterable, an async iterable or a total count (got ${describe(source)})`);
  return new Progress(source, options.total ?? sizeOf(source as object), options);
}
