/**
 * The typed messages between the protocol thread (control, stdin, heartbeat) and the main thread (shell, iopub,
 * handlers and user code). User code runs on the main thread so that V8's breakOnSigint can stop a synchronous loop
 * while the protocol thread keeps answering heartbeats, control and stdin.
 */
import type { ConnectionInfo } from './connection.js';
import type { Message } from './message.js';

/** Protocol thread → main thread. */
export type ToMain =
  /** A message for iopub (the status around a control request), which only the main thread's socket can send. */
  | { kind: 'publish'; message: Message<unknown> }
  | { kind: 'shutdown'; restart: boolean }
  | { kind: 'log'; line: string };

/** Main thread → protocol thread. */
export type ToProtocol =
  | { kind: 'kernel-info'; content: Record<string, unknown> }
  | { kind: 'input-request'; parent: Message; prompt: string; password: boolean }
  | { kind: 'close' };

/** Start-up data for the protocol thread. */
export interface ProtocolThreadData {
  connection: ConnectionInfo;
  session: string;
  username: string;
  /** Shared with the main thread to hand back stdin replies while it blocks in Atomics.wait. */
  inputBuffer: SharedArrayBuffer;
  /** Int32 words the main thread keeps current for interrupts: see RUN_STATE. */
  runState: SharedArrayBuffer;
}

/**
 * Words of `runState`: the id of the executing cell (0 when none), and whether the main thread's SIGINT listener
 * has run since the last interrupt (it cannot while user code blocks the event loop outside the vm's breakOnSigint
 * window).
 */
export const RUN_STATE = { cellRunning: 0, interruptSeen: 1 } as const;

/**
 * Layout of the stdin SharedArrayBuffer: Int32 state word, Int32 byte length, then UTF-8 bytes.
 * State: 0 waiting, 1 reply ready, 2 interrupted, 3 too long.
 */
export const INPUT_STATE = { waiting: 0, ready: 1, interrupted: 2, tooLong: 3 } as const;
export const INPUT_HEADER_BYTES = 8;
export const INPUT_BUFFER_BYTES = 1 << 20;

/** Converts structured-clone output (Uint8Array) back into Buffers after crossing threads (views, not copies). */
export function reviveBuffers(message: Message<unknown>): Message<unknown> {
  const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return {
    ...message,
    identities: message.identities.map(asBuffer),
    buffers: message.buffers.map(asBuffer),
  };
}
