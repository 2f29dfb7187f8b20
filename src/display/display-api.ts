/**
 * The display API cells use: `display(value)`, typed helpers (`display.html`, `display.markdown`, …), displays that
 * update in place (`newDisplay()`, or `display(value, {displayId})` then `.update(value)`), and `clearOutput()`.
 */
import { randomUUID } from 'node:crypto';
import { JUPYTER_DISPLAY, type MimeBundle } from '../toolkit/util/display.js';
import { htmlBundle, imageBundle, latexBundle, markdownBundle, svgBundle } from './formatters/index.js';
import { toMimeBundle } from './bundle.js';
import { outputSink } from './output-sink.js';

export interface DisplayOptions {
  /** Give the output an id so later calls can replace it. Default: a fresh id. */
  displayId?: string;
  /** Replace the existing outputs with this id instead of adding a new one. Default: false. */
  update?: boolean;
  /** Treat `value` as a ready MIME bundle. Default: false. */
  raw?: boolean;
  metadata?: Record<string, unknown>;
}

/** A handle to one display output, for updating it in place. */
export interface DisplayHandle {
  readonly displayId: string;
  /** Replaces the output with `value`. */
  update(value: unknown, options?: { raw?: boolean }): void;
}

function bundleOf(value: unknown, raw: boolean | undefined): MimeBundle {
  return raw ? (value as MimeBundle) : toMimeBundle(value);
}

function show(value: unknown, options: DisplayOptions = {}): DisplayHandle {
  const displayId = options.displayId ?? randomUUID();
  const bundle = bundleOf(value, options.raw);
  if (options.update) outputSink().updateDisplayData(bundle, options.metadata ?? {}, displayId);
  else outputSink().displayData(bundle, options.metadata ?? {}, displayId);
  return {
    displayId,
    update: (next, updateOptions = {}) => outputSink().updateDisplayData(bundleOf(next, updateOptions.raw), {}, displayId),
  };
}

/** Typed helpers shared by `display` and `newDisplay()`: each shows one kind of content. */
export interface ContentMethods {
  html(html: string): void;
  markdown(markdown: string): void;
  latex(latex: string): void;
  svg(svg: string): void;
  png(bytes: Uint8Array | string): void;
  jpeg(bytes: Uint8Array | string): void;
  gif(bytes: Uint8Array | string): void;
  javascript(code: string): void;
  text(text: string): void;
  json(value: unknown): void;
}

function contentMethods(emit: (bundle: MimeBundle) => void): ContentMethods {
  return {
    html: (html) => emit(htmlBundle(html)),
    markdown: (markdown) => emit(markdownBundle(markdown)),
    latex: (latex) => emit(latexBundle(latex)),
    svg: (svg) => emit(svgBundle(svg)),
    png: (bytes) => emit(imageBundle(bytes, 'image/png')),
    jpeg: (bytes) => emit(imageBundle(bytes, 'image/jpeg')),
    gif: (bytes) => emit(imageBundle(bytes, 'image/gif')),
    javascript: (code) => emit({ 'application/javascript': code, 'text/plain': '<javascript>' }),
    text: (text) => emit({ 'text/plain': text }),
    json: (value) => emit({ 'application/json': value as object, 'text/plain': JSON.stringify(value, null, 2) }),
  };
}

/**
 * Shows a value as a rich output below the cell and returns a handle to update it.
 * @example
 *   const h = display(plot.line(ys)); h.update(plot.line(moreYs));
 *   display.markdown('**done**');
 */
export const display: ((value: unknown, options?: DisplayOptions) => DisplayHandle) & ContentMethods =
  Object.assign(show, contentMethods((bundle) => void show(bundle, { raw: true })));

/** A display that replaces itself: the first call shows, later calls update the same output (tslab's newDisplay). */
export interface UpdatableDisplay extends ContentMethods {
  readonly displayId: string;
  /** Shows or replaces with any value. */
  show(value: unknown): void;
  /** Removes the content (shows an empty output). */
  close(): void;
}

export function newDisplay(displayId: string = randomUUID()): UpdatableDisplay {
  let shown = false;
  const emit = (bundle: MimeBundle) => {
    void show(bundle, { raw: true, displayId, update: shown });
    shown = true;
  };
  return {
    displayId,
    ...contentMethods(emit),
    show: (value) => emit(toMimeBundle(value)),
    close: () => emit({ 'text/plain': '' }),
  };
}

/** Clears the cell's output; with `wait`, only when the next output arrives (avoids flicker in loops). */
export function clearOutput(options: { wait?: boolean } = {}): void {
  outputSink().clearOutput(options.wait ?? false);
}

/** Wraps a MIME bundle so that a cell's last expression displays it as is. */
export function mimeBundle(bundle: MimeBundle): { [JUPYTER_DISPLAY](): MimeBundle } {
  return { [JUPYTER_DISPLAY]: () => bundle };
}
