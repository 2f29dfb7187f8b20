/** Shared by the toolkit benchmarks: timing with warm-up, and finding the Python peer scripts. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs `fn` once to warm up, then `repeats` times; reports the fastest run (`min`, for quiet-machine figures) or the
 * median (`median`, robust to a loaded machine), with the last output.
 */
export function timed<T>(fn: () => T, repeats: number, stat: 'min' | 'median' = 'min'): { ms: number; out: T } {
  let out = fn();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: stat === 'min' ? times[0]! : times[times.length >> 1]!, out };
}

/** Path of `bench/peers/<file>`, whether the bench runs from dist/bench or from bench/ through tsx. */
export function peerScript(file: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'peers', file), resolve(here, '../../bench/peers', file)]) if (existsSync(p)) return p;
  throw new Error(`bench/peers/${file} not found; run the benchmark from the repository checkout`);
}
