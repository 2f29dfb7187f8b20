/**
 * The SIGINT watch thread (see sigint-watch.ts). It waits inside nested `breakOnSigint` runs for the life of the
 * kernel, so that Node's SIGINT watchdog stays started, and passes every SIGINT that reaches it to the main thread.
 */
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { TURN, type SigintThreadData } from './sigint-watch.js';

const port = parentPort!;
const turn = new Int32Array((workerData as SigintThreadData).turn);
/** Never notified: the innermost run sleeps on it until a signal (or the process's exit) stops it. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * How many runs sit inside each other. A signal that arrives while the innermost is being re-entered stops the one
 * around it, which is handled the same way; the watchdog only stops (and starts again) if all of them end at once.
 */
const DEPTH = 3;
const SLEEP = new vm.Script('__sigintWatch.entered(); Atomics.wait(__sigintWatch.sleeper, 0, 0)', { filename: 'sigint-watch' });
const NESTED = Array.from({ length: DEPTH }, (_, depth) => new vm.Script(`__sigintWatch.entered(); __sigintWatch.level(${depth})`, { filename: 'sigint-watch' }));
let ready = false;

function level(depth: number): void {
  for (;;) {
    enter();
    try {
      (depth > 0 ? NESTED[depth - 1]! : SLEEP).runInThisContext({ breakOnSigint: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_INTERRUPTED') throw error;
      entered(); // in case the signal came before the script's first statement
      port.postMessage('sigint');
    }
  }
}

/**
 * Takes the turn before starting a run: a run of ours that began while a cell's run is in progress would be the
 * latest and take the signals meant for the cell. Waits while a cell runs.
 */
function enter(): void {
  while (Atomics.compareExchange(turn, 0, TURN.free, TURN.watch) !== TURN.free) Atomics.wait(turn, 0, TURN.cell, 100);
}

/** Called first inside each run, once Node has registered it: gives the turn back. */
function entered(): void {
  if (Atomics.compareExchange(turn, 0, TURN.watch, TURN.free) === TURN.watch) Atomics.notify(turn, 0);
  if (!ready) {
    ready = true;
    port.postMessage('ready');
  }
}

Object.defineProperty(globalThis, '__sigintWatch', { value: { level, entered, sleeper } });
level(DEPTH);
