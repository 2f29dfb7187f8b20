/**
 * The one channel from toolkit code to a live notebook display, without importing the kernel: the kernel installs
 * an object under `Symbol.for('whetstone.displayHook')` on globalThis; scripts and tests have none, and callers fall
 * back to plain text (e.g. a progress bar prints lines to stderr).
 */
import type { MimeBundle } from './display.js';

/** What the kernel offers toolkit code for displays that update in place. */
export interface DisplayHook {
  /** Shows a bundle as a new display output; `displayId` lets later calls update it. */
  display(bundle: MimeBundle, options?: { displayId?: string }): void;
  /** Replaces every output shown with `displayId` (Jupyter `update_display_data`). */
  update(bundle: MimeBundle, displayId: string): void;
}

const HOOK_KEY = Symbol.for('whetstone.displayHook');

/** The kernel's display hook, or undefined outside a kernel. */
export function displayHook(): DisplayHook | undefined {
  return (globalThis as Record<symbol, unknown>)[HOOK_KEY] as DisplayHook | undefined;
}

/** Installs (or with undefined, removes) the display hook. Called by the kernel at start-up. */
export function setDisplayHook(hook: DisplayHook | undefined): void {
  (globalThis as Record<symbol, unknown>)[HOOK_KEY] = hook;
}
