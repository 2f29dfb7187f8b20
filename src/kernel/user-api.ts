/**
 * Kernel services offered to cells as preloaded globals: `comms` (custom messages with the frontend), and `input()` /
 * `prompt()` (read a line from the frontend). The kernel binds them at start-up; this module only holds the binding.
 */
import type { Comm, CommManager, CommTarget } from './comms.js';

/**
 * What `prompt()` reads through (the kernel's StdinReader). Structural on purpose: these declarations are preloaded
 * into every cell's type checker, and naming the reader's class would pull in the protocol and zeromq types too.
 */
export interface LineReader {
  read(prompt: string, password: boolean): string;
}

let manager: CommManager | undefined;
let reader: LineReader | undefined;

export function bindUserApi(bindings: { comms: CommManager; stdin: LineReader }): void {
  manager = bindings.comms;
  reader = bindings.stdin;
}

function needManager(): CommManager {
  if (!manager) throw new Error('comms need a running Whetstone kernel');
  return manager;
}

/**
 * Comms with the frontend.
 * @example
 *   comms.registerTarget('echo', (comm) => comm.onMsg((m) => comm.send(m.data)));
 *   const c = comms.open('my-widget', {value: 1}); c.send({value: 2});
 */
export const comms = {
  /** Accepts frontend `comm_open`s for `targetName`. */
  registerTarget(targetName: string, target: CommTarget): void {
    needManager().registerTarget(targetName, target);
  },
  unregisterTarget(targetName: string): void {
    needManager().unregisterTarget(targetName);
  },
  /** Opens a comm to the frontend. */
  open(targetName: string, data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Comm {
    return needManager().open(targetName, data, metadata);
  },
};

/**
 * Reads a line from the frontend (Jupyter `input_request`); blocks until the user answers.
 * Throws when the frontend does not support input (allow_stdin false, e.g. headless runs).
 * @example const name = prompt('Your name?');
 */
export function prompt(message = '', options: { password?: boolean } = {}): string {
  if (!reader) throw new Error('prompt() needs a running Whetstone kernel');
  return reader.read(message, options.password ?? false);
}

/** Like `prompt`, as a promise, for `const answer = await input('k?')`. */
export async function input(message = '', options: { password?: boolean } = {}): Promise<string> {
  return prompt(message, options);
}
