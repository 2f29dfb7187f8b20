// Reads each thread's nice value from /proc (Linux), for tests of the kernel's thread priorities.
import { readdirSync, readFileSync } from 'node:fs';

/** Each thread's nice value, by thread id (field 19 of /proc/PID/task/TID/stat; the name in field 2 may hold spaces). */
export function niceByThread(pid: number | 'self'): Map<number, number> {
  const nice = new Map<number, number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    nice.set(Number(task), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}
