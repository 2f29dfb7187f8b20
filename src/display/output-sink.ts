/**
 * Where display calls go. The kernel installs a sink that publishes `display_data` / `update_display_data` /
 * `clear_output` for the cell that is running; outside a kernel (scripts, tests) displays print as plain text.
 */
import type { MimeBundle } from '../toolkit/util/display.js';

export interface OutputSink {
  displayData(bundle: MimeBundle, metadata: Record<string, unknown>, displayId?: string): void;
  updateDisplayData(bundle: MimeBundle, metadata: Record<string, unknown>, displayId: string): void;
  clearOutput(wait: boolean): void;
}

/** Prints the text/plain part: what a display looks like in a terminal. */
const consoleSink: OutputSink = {
  displayData: (bundle) => console.log(String(bundle['text/plain'] ?? '')),
  updateDisplayData: (bundle) => console.log(String(bundle['text/plain'] ?? '')),
  clearOutput: () => undefined,
};

let current: OutputSink = consoleSink;

export function setOutputSink(sink: OutputSink | undefined): void {
  current = sink ?? consoleSink;
}

export function outputSink(): OutputSink {
  return current;
}
