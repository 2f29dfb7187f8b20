"""NumPy peer for bench/toolkit-select.bench.ts: the same computations on the same data, timed the same way.

Usage: python3 select_numpy.py DATA_DIR REPEATS
Reads the inputs the TypeScript bench wrote to DATA_DIR, writes each result to DATA_DIR/<case>.peer.f64 so the bench
can check agreement, and prints one JSON object {case: best-of-repeats milliseconds}.
"""
import json
import math
import sys
import time

import numpy as np


def timed(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return float(min(times)), out


def pass_at_k_all(n, c):
    # miss[k] = C(n-c,k)/C(n,k) = prod_{i=1..k} (n-c-i+1)/(n-i+1): a cumulative product of factors in [0, 1].
    k = np.arange(1, n + 1, dtype=np.float64)
    factors = (n - c[:, None].astype(np.float64) - k + 1) / (n - k + 1)
    np.clip(factors, 0.0, None, out=factors)
    return 1.0 - np.cumprod(factors, axis=1)


def log_factorials(n):
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1, dtype=np.float64)))])


def binom_pmf_row(m, p, xmax, lf):
    x = np.arange(xmax + 1)
    out = np.zeros(xmax + 1)
    ok = x <= m
    xs = x[ok]
    if p >= 1.0:
        out[ok] = (xs == m).astype(np.float64)
        return out
    out[ok] = np.exp(lf[m] - lf[xs] - lf[m - xs] + xs * math.log(p) + (m - xs) * math.log1p(-p))
    return out


def maj_at_k_counts(counts, correct, k, lf):
    """Exact maj@k: same hypergeometric DP as the TypeScript code (binomial-scaled weights, pooled small classes)."""
    n = int(counts.sum())
    p = k / n
    rows = {}

    def row(m):
        r = rows.get(m)
        if r is None:
            r = binom_pmf_row(m, p, k, lf)
            rows[m] = r
        return r

    total = 0.0
    for c in np.flatnonzero(correct):
        m_star = int(counts[c])
        others = np.delete(counts, c)
        for t in range(1, min(m_star, k) + 1):
            rem = k - t
            big = others[others >= t]
            pool = int(others[others < t].sum())
            J = min(len(big), rem // t)
            dp = np.zeros((J + 1, rem + 1))
            dp[0, 0] = 1.0
            for m in big:
                pr = row(int(m))
                nx = np.zeros_like(dp)
                for x in range(0, min(t - 1, rem) + 1):
                    nx[:, x:] += dp[:, : rem + 1 - x] * pr[x]
                if rem >= t and J > 0:
                    nx[1:, t:] += dp[:-1, : rem + 1 - t] * pr[t]
                dp = nx
            pool_row = row(pool)
            s = np.arange(rem + 1)
            tail = np.where(rem - s <= pool, pool_row[np.minimum(rem - s, k)], 0.0)
            per_j = dp @ tail
            total += row(m_star)[t] * float(np.sum(per_j / (1.0 + np.arange(J + 1))))
    lf_n = lf
    denom = math.exp(lf_n[n] - lf_n[k] - lf_n[n - k] + (k * math.log(p) if p > 0 else 0) + ((n - k) * math.log1p(-p) if p < 1 else 0))
    return min(1.0, total / denom)


def maj_at_k_all(answers, gold, ks):
    lf = log_factorials(answers.shape[1])
    out = np.zeros((answers.shape[0], len(ks)))
    for i in range(answers.shape[0]):
        labels, counts = np.unique(answers[i], return_counts=True)
        correct = labels == gold[i]
        for j, k in enumerate(ks):
            out[i, j] = maj_at_k_counts(counts, correct, int(k), lf)
    return out


def group_advantages(r, g, eps=1e-4):
    groups = r.reshape(-1, g)
    mean = groups.mean(axis=1, keepdims=True)
    std = groups.std(axis=1, ddof=1, keepdims=True)
    return ((groups - mean) / (std + eps)).reshape(-1)


def main():
    data, repeats = sys.argv[1], int(sys.argv[2])
    meta = json.load(open(f"{data}/meta.json"))
    result = {}

    c = np.fromfile(f"{data}/pass_c.i32", dtype=np.int32)
    ms, out = timed(lambda: pass_at_k_all(meta["passN"], c), repeats)
    result["passAtK"] = ms
    out.astype(np.float64).tofile(f"{data}/passAtK.peer.f64")

    answers = np.fromfile(f"{data}/maj_answers.i32", dtype=np.int32).reshape(meta["majProblems"], meta["majN"])
    gold = np.fromfile(f"{data}/maj_gold.i32", dtype=np.int32)
    ms, out = timed(lambda: maj_at_k_all(answers, gold, meta["majKs"]), max(1, repeats // 5))
    result["majAtK"] = ms
    out.tofile(f"{data}/majAtK.peer.f64")

    r = np.fromfile(f"{data}/adv_rewards.f64", dtype=np.float64)
    ms, out = timed(lambda: group_advantages(r, meta["advGroup"]), repeats)
    result["groupAdvantages"] = ms
    out.tofile(f"{data}/groupAdvantages.peer.f64")

    print(json.dumps(result))


if __name__ == "__main__":
    main()
