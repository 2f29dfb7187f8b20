/**
 * Running a cell's synchronous part so that SIGINT stops it, without paying for V8's watchdog on every cell.
 *
 * `breakOnSigint` makes Node start a SIGINT watchdog for the run: it creates a helper thread and installs its own
 * SIGINT handler, and at the end joins the thread and puts the handler back (~0.1 ms on a quiet machine, up to
 * milliseconds on a busy one, for every cell). Runs in progress share one watchdog, so a thread of ours stays inside
 * a run for the life of the kernel (sigint-thread.ts) and a cell's run merely joins it.
 *
 * Node gives a SIGINT to the run that began last: the cell's while its synchronous part runs (V8 stops it, exactly
 * as before), otherwise the watch thread's, which passes it to the main thread; there it reaches the SIGINT
 * listeners (`process.emit`), as a signal would have. For the cell's run to be the latest, the watch thread never
 * starts one of its runs while a cell's is in progress: they take turns through a shared word (`turn`); the watch
 * thread holds it only for the microseconds a run takes to start, right after a signal. (A signal in the
 * microseconds between a cell taking its turn and its run starting reaches the listeners instead, like one during
 * an `await`: an interrupt_request is then completed by the protocol thread's fallback, a Ctrl-C needs repeating.)
 *
 * The watchdog's handler must stay the process's handler:
 * - the main thread always has a SIGINT listener (the Interrupter's, added before the watch thread starts), so a
 *   listener added or removed later (playwright's, while a browser runs) never makes libuv install or reset its own;
 * - a cell's run bypasses `runInThisContext`'s listener juggling (it removes every SIGINT listener for the run, which
 *   would reset the handler to the default action) by calling the method behind it with the arguments that
 *   `runInThisContext({ breakOnSigint: true })` passes, captured once.
 * Until the watch thread is ready, or if it ever stops, cells run through `runInThisContext` as before.
 */
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';

/** Start-up data for the watch thread. */
export interface SigintThreadData {
  /** Int32 word: whose run may start (TURN). */
  turn: SharedArrayBuffer;
}

/** Values of the turn word: nobody's run is starting; a cell's run is in progress; the watch thread's is starting. */
export const TURN = { free: 0, cell: 1, watch: 2 } as const;

/** How long a cell waits at most for the watch thread to give the turn back (it never should take this long). */
const TURN_WAIT_MS = 50;

export class SigintWatch {
  private readonly turn = new Int32Array(new SharedArrayBuffer(4));
  private readonly direct = directRun();
  private ready = false;

  /** @param onSignal called on the main thread for each SIGINT that arrived while no cell was running synchronously. */
  constructor(onSignal: () => void) {
    if (!this.direct) return;
    const worker = new Worker(new URL('./sigint-thread.js', import.meta.url), { workerData: { turn: this.turn.buffer } satisfies SigintThreadData });
    worker.on('message', (message: 'ready' | 'sigint') => {
      if (message === 'ready') this.ready = true;
      else onSignal();
    });
    worker.on('error', () => undefined); // then 'exit': cells run the ordinary way
    worker.on('exit', () => {
      if (this.ready) reinstallSignalHandler();
      this.ready = false;
    });
    worker.unref(); // after adding the listeners, which would otherwise keep the process alive
  }

  /** Runs a cell's synchronous part; a SIGINT meanwhile stops it with ERR_SCRIPT_EXECUTION_INTERRUPTED. */
  run(script: vm.Script): unknown {
    if (!this.ready) return script.runInThisContext({ breakOnSigint: true, displayErrors: false });
    const started = performance.now();
    while (Atomics.compareExchange(this.turn, 0, TURN.free, TURN.cell) !== TURN.free && performance.now() - started < TURN_WAIT_MS) {
      Atomics.wait(this.turn, 0, TURN.watch, 1);
    }
    try {
      return this.direct!(script);
    } finally {
      Atomics.store(this.turn, 0, TURN.free);
      Atomics.notify(this.turn, 0);
    }
  }
}

/**
 * `script.runInThisContext({ breakOnSigint: true, displayErrors: false })` minus the listener juggling: the method it
 * ends in (Node's binding), with the arguments it passes, captured by calling it once with a stand-in in its place.
 */
function directRun(): ((script: vm.Script) => unknown) | undefined {
  const binding = Object.getPrototypeOf(vm.Script.prototype) as { runInContext?: (...args: unknown[]) => unknown };
  const method = binding.runInContext;
  if (binding === Object.prototype || typeof method !== 'function') return undefined;
  let args: unknown[] | undefined;
  binding.runInContext = (...passed: unknown[]) => {
    args = passed;
  };
  try {
    new vm.Script('').runInThisContext({ breakOnSigint: true, displayErrors: false });
  } finally {
    binding.runInContext = method;
  }
  const captured = args;
  return captured && ((script) => Reflect.apply(method, script, captured));
}

/** After the watchdog's handler is gone for good, libuv's must come back: it is installed when a first listener starts. */
function reinstallSignalHandler(): void {
  const listeners = process.rawListeners('SIGINT') as ((signal: NodeJS.Signals) => void)[];
  process.removeAllListeners('SIGINT');
  for (const listener of listeners) process.on('SIGINT', listener);
}
