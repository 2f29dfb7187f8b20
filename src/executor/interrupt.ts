/**
 * Interrupts reach the main thread as SIGINT (sent by the frontend in signal mode, or by the protocol thread on
 * `interrupt_request`). A synchronous loop is stopped by V8 through the vm option `breakOnSigint`; an `await` that
 * is pending is abandoned by rejecting the race below. Either way the kernel and every global survive.
 */

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

  constructor() {
    // Listening keeps Node from exiting on SIGINT; breakOnSigint disables this listener while a script runs sync.
    process.on('SIGINT', () => this.fire());
  }

  fire(): void {
    if (this.armed && this.pending.size === 0) this.requested = true;
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

  /** Whether an interrupt arrived since arm(); clears it. */
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
