/**
 * Reading from the frontend (`input_request` on stdin). The main thread blocks in Atomics.wait while the protocol
 * thread waits for `input_reply`, so `prompt()` can be synchronous like a browser's; an interrupt wakes it.
 */
import { InterruptError } from '../executor/interrupt.js';
import { INPUT_HEADER_BYTES, INPUT_STATE } from './bridge.js';
import type { OutputRouter } from './output-router.js';
import type { ProtocolChannel } from './protocol-channel.js';

/** Thrown when the frontend cannot answer input requests (`allow_stdin` false, e.g. nbclient). */
export class StdinNotAvailableError extends Error {
  override name = 'StdinNotAvailableError';
}

export class StdinReader {
  private readonly state: Int32Array;
  private readonly bytes: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer, private readonly channel: ProtocolChannel, private readonly outputs: OutputRouter) {
    this.state = new Int32Array(buffer, 0, 2);
    this.bytes = new Uint8Array(buffer, INPUT_HEADER_BYTES);
  }

  /** Asks the frontend for a line of text and waits for it. */
  read(prompt: string, password: boolean): string {
    const run = this.outputs.target();
    if (!run || !run.active) throw new StdinNotAvailableError('input() can only be called while a cell runs');
    if (!run.allowStdin) throw new StdinNotAvailableError('this frontend does not support input (allow_stdin is false)');
    this.outputs.flush();
    Atomics.store(this.state, 0, INPUT_STATE.waiting);
    this.channel.post({ kind: 'input-request', parent: run.request, prompt, password });
    Atomics.wait(this.state, 0, INPUT_STATE.waiting);
    const state = Atomics.load(this.state, 0);
    if (state === INPUT_STATE.interrupted) throw new InterruptError();
    if (state === INPUT_STATE.tooLong) throw new Error('input reply too long (limit 1 MB)');
    const length = Atomics.load(this.state, 1);
    return Buffer.from(this.bytes.subarray(0, length)).toString('utf8');
  }
}
