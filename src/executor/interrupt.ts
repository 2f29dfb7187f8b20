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

  constructor() {
    // Listening keeps Node from exiting on SIGINT; breakOnSigint disables this listener while a script runs sync.
    process.on('SIGINT', () => this.fire());
  }

  fire(): void {
    const waiting = [...this.pending];
    this.pending.clear();
    for (const reject of waiting) reject(new InterruptError());
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
