/**
 * Interrupts reach the main thread as SIGINT (sent by the frontend in signal mode, or by the protocol thread on
 * `interrupt_request`). A synchronous loop is stopped by V8 through the vm option `breakOnSigint` (run by the
 * SigintWatch); an `await` that is pending is abandoned by rejecting the race below. Either way the kernel and every
 * global survive.
 */
import type vm from 'node:vm';
import { SigintWatch } from './sigint-watch.js';

/** Thrown into a cell when it is interrupted. */
export class InterruptError extends Error {
  override name = 'KeyboardInterrupt';
  constructor() {
    super('execution interrupted');
  }
}

export class Interrupter {
  private pending = new Set<(error: InterruptError) => void>();
  /** While a cell is being prepared (type-checked, compiled) an interrupt is remembered and stops it before it runs. */
  private armed = false;
  private requested = false;
  private readonly watch: SigintWatch;

  constructor() {
    // Listening keeps Node from exiting on SIGINT. It must come before the watch (see sigint-watch.ts), which hands
    // over the signals that arrive while no cell runs synchronously.
    process.on('SIGINT', () => this.fire());
    this.watch = new SigintWatch(() => process.emit('SIGINT', 'SIGINT'));
  }

  /** Runs a cell's synchronous part; a SIGINT meanwhile stops it (see isSigintTermination). */
  runSync(script: vm.Script): unknown {
    return this.watch.run(script);
  }

  fire(): void {
    if (this.armed) this.requested = true;
    const waiting = [...this.pending];
    this.pending.clear();
    for (const reject of waiting) reject(new InterruptError());
  }

  /** Starts remembering interrupts for the cell about to run (stale ones from idle time are forgotten). */
  arm(): void {
    this.armed = true;
    this.requested = false;
  }

  disarm(): void {
    this.armed = false;
    this.requested = false;
  }

  /** Whether an interrupt arrived since arm() (or the last call); clears it. */
  takeRequest(): boolean {
    const requested = this.requested;
    this.requested = false;
    return requested;
  }

  /** Resolves with `promise`, or rejects with InterruptError when an interrupt arrives first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      promise.then(
        (value) => { this.pending.delete(reject); resolve(value); },
        (error: unknown) => { this.pending.delete(reject); reject(error); },
      );
    });
  }
}

/** Node's message when breakOnSigint stops a script. */
export function isSigintTermination(error: unknown): boolean {
  return error instanceof Error && /Script execution was interrupted by `SIGINT`/.test(error.message);
}
