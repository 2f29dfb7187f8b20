/**
 * Sub-millisecond wall-clock time that both threads agree on (each thread's performance.timeOrigin differs, their
 * sums do not). Date.now()'s millisecond ties once aborted a request sent right after an error's idle.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
