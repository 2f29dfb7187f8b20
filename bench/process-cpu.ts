import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every Linux build that matters here). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far, all its threads, in ms (fields 14 and 15 of /proc/PID/stat, counted after the
 * name in field 2, which may hold spaces); undefined once the process is gone or off Linux.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
