"""NumPy peer for bench/toolkit-sampling.bench.ts: categorical sampling from every row of a rows x cols weight matrix.

Usage: python3 sampling_numpy.py DATA_DIR REPEATS
Reads meta.json and probs.f32 written by the TypeScript bench, times the fastest of the usual vectorized NumPy
formulations of each case, writes the draws to DATA_DIR/<case>.peer.i32, and prints one JSON object
{case: best-of-repeats milliseconds, case + "_method": formulation used}.
"""
import json
import sys
import time

import numpy as np


def timed(fn, repeats):
    fn()  # warm-up
    times = []
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return float(min(times)), out


def one_draw_compare(p, rng):
    # Inverse CDF: count the cumulative sums below u * row total.
    cum = np.cumsum(p, axis=1, dtype=np.float32)
    u = rng.random(p.shape[0], dtype=np.float32)[:, None] * cum[:, -1:]
    return (cum <= u).sum(axis=1).astype(np.int32)


def one_draw_argmax(p, rng):
    # Same inverse CDF, first index whose cumulative sum exceeds u * total (argmax on a boolean stops at the first True).
    cum = np.cumsum(p, axis=1, dtype=np.float32)
    u = rng.random(p.shape[0], dtype=np.float32)[:, None] * cum[:, -1:]
    return np.argmax(cum > u, axis=1).astype(np.int32)


def many_draws(p, samples, rng):
    # Normalized cumulative sums shifted by the row index make one sorted array; one searchsorted answers every draw.
    rows, cols = p.shape
    cum = np.cumsum(p, axis=1, dtype=np.float64)
    cum /= cum[:, -1:]
    cum += np.arange(rows, dtype=np.float64)[:, None]
    u = rng.random((rows, samples)) + np.arange(rows, dtype=np.float64)[:, None]
    idx = np.searchsorted(cum.ravel(), u.ravel(), side='right')
    return (idx.reshape(rows, samples) - np.arange(rows)[:, None] * cols).clip(0, cols - 1).astype(np.int32)


def main():
    data_dir, repeats = sys.argv[1], int(sys.argv[2])
    meta = json.load(open(f'{data_dir}/meta.json'))
    rows, cols, samples = meta['rows'], meta['cols'], meta['samples']
    p = np.fromfile(f'{data_dir}/probs.f32', dtype=np.float32).reshape(rows, cols)
    rng = np.random.default_rng(0)
    out = {}
    best = None
    for name, fn in (('cumsum+compare', one_draw_compare), ('cumsum+argmax', one_draw_argmax)):
        ms, draws = timed(lambda: fn(p, rng), repeats)
        if best is None or ms < best[0]:
            best = (ms, draws, name)
    out['oneDraw'], out['oneDraw_method'] = best[0], best[2]
    best[1].tofile(f'{data_dir}/oneDraw.peer.i32')
    ms, draws = timed(lambda: many_draws(p, samples, rng), repeats)
    out['manyDraws'], out['manyDraws_method'] = ms, 'cumsum+searchsorted'
    draws.tofile(f'{data_dir}/manyDraws.peer.i32')
    out['_numpy'] = np.__version__
    print(json.dumps(out))


main()
