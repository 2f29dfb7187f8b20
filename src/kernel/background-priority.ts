/**
 * Gives the threads Node starts before the kernel's own the lowest scheduling priority, so that background work
 * never takes a core from the cell a person is waiting on.
 *
 * Those threads are V8's platform workers (TurboFan compiles the type checker on them for thousands of cells: in a
 * kernel after 700 cells, 37 functions were still being optimized over the next 200, 1-40 ms of compiling each),
 * its delayed-task thread, libuv's pool (history writes) and the inspector's signal thread. None of them is on a
 * cell's path: the cell runs on the main thread, its messages go through zeromq's I/O thread and the protocol
 * thread, and all of those start later, from the main thread, so they keep its priority (Linux threads take their
 * creator's nice value). When every core is busy, which on a small machine is most of a cell, the kernel's main
 * thread then runs first; on an idle machine nothing changes. Measured on 2 vCPUs, function cells back to back in
 * kernels with and without it, interleaved (three runs of 240-400 cells each): medians 1.32 against 1.17 ms, 1.43
 * against 1.40 and 1.39 against 1.39; the slow cells gain most (90th percentile 3.15 against 3.00 ms, 2.95 against
 * 2.73). So it trims the tail more than the middle.
 *
 * Raising a thread's own nice value needs no privilege. Linux only (elsewhere there is no per-thread nice through
 * `os.setPriority`); `WHETSTONE_BACKGROUND_NICE=0` leaves every thread as it is.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value background threads get: the lowest priority there is. */
export const BACKGROUND_NICE = 19;

/** The nice value from `WHETSTONE_BACKGROUND_NICE` (0–19), else `BACKGROUND_NICE`. */
export function backgroundNice(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['WHETSTONE_BACKGROUND_NICE'];
  const value = text === undefined || text.trim() === '' ? BACKGROUND_NICE : Number(text);
  return Number.isInteger(value) ? Math.min(19, Math.max(0, value)) : BACKGROUND_NICE;
}

/**
 * Lowers every thread of this process but the main one to `nice` (never raises one that is lower already). Call it
 * before the process starts threads of its own that must keep the main thread's priority. Returns how many threads
 * it lowered.
 */
export function lowerBackgroundThreads(nice = backgroundNice()): number {
  if (process.platform !== 'linux' || nice <= 0) return 0;
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return 0; // no /proc (a sandbox): nothing to do
  }
  let lowered = 0;
  for (const task of tasks) {
    const tid = Number(task);
    if (tid === process.pid) continue;
    try {
      // On Linux `setPriority(pid)` is setpriority(PRIO_PROCESS, tid), which changes that one thread.
      if (getPriority(tid) < nice) {
        setPriority(tid, nice);
        lowered++;
      }
    } catch {
      // The thread ended meanwhile.
    }
  }
  return lowered;
}
