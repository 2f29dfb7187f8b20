"""NumPy peer for bench/toolkit-collapse.bench.ts: the same computations, timed the same way, in one run.

Usage: python3 collapse_numpy.py DATA_DIR REPEATS
Reads meta.json, texts.json and vendi_x.f64 from DATA_DIR (written by the TypeScript bench) and prints one JSON
object {case: {"ms": median milliseconds, "value": a scalar result to compare}}.
The loops draw their own random numbers (NumPy's PCG64 + ziggurat), so only their timings compare; Vendi,
distinct-n and self-BLEU see identical inputs and their values must agree.
"""
import json
import math
import sys
import time
from collections import Counter

import numpy as np


def timed(fn, repeats):
    out = fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times)), out


def gaussian_loop(n, generations, seed=0):
    """1-D replace loop: sample n from N(mu, var), refit by MLE, record W2 to N(0, 1)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    mu, var = x.mean(), x.var()
    w2 = np.empty(generations + 1)
    w2[0] = math.sqrt(mu * mu + (math.sqrt(var) - 1.0) ** 2)
    for g in range(1, generations + 1):
        x = mu + math.sqrt(var) * rng.standard_normal(n)
        mu, var = x.mean(), x.var()
        w2[g] = math.sqrt(mu * mu + (math.sqrt(var) - 1.0) ** 2)
    return var


def gauss_logpdf(x, mean, cov):
    d = x.shape[1]
    chol = np.linalg.cholesky(cov)
    z = np.linalg.solve(chol, (x - mean).T)
    return -0.5 * (d * math.log(2 * math.pi) + 2 * np.log(np.diag(chol)).sum() + (z * z).sum(axis=0))


def gauss_density(a, b, cov):
    d = a.shape[0]
    chol = np.linalg.cholesky(cov)
    z = np.linalg.solve(chol, a - b)
    return math.exp(-0.5 * (d * math.log(2 * math.pi) + 2 * np.log(np.diag(chol)).sum() + z @ z))


def mixture_l2_sq(w1, m1, c1, w2, m2, c2):
    def cross(wa, ma, ca, wb, mb, cb):
        return sum(wa[i] * wb[j] * gauss_density(ma[i], mb[j], ca[i] + cb[j]) for i in range(len(wa)) for j in range(len(wb)))
    return cross(w1, m1, c1, w1, m1, c1) - 2 * cross(w1, m1, c1, w2, m2, c2) + cross(w2, m2, c2, w2, m2, c2)


def gmm_loop(n, generations, dim, em_iterations, seed=0):
    """GMM replace loop: sample n, warm-started EM (full covariances, reg 1e-6), closed-form L2 to the truth."""
    rng = np.random.default_rng(seed)
    tw = np.array([0.5, 0.5])
    tm = np.zeros((2, dim)); tm[0, 0] = -2.0; tm[1, 0] = 2.0
    tc = np.stack([np.eye(dim), np.eye(dim)])
    w, m, c = tw.copy(), tm.copy(), tc.copy()
    k = 2
    for g in range(generations + 1):
        sw, sm, sc = (tw, tm, tc) if g == 0 else (w, m, c)
        comp = rng.choice(k, size=n, p=sw / sw.sum())
        x = np.empty((n, dim))
        for j in range(k):
            idx = comp == j
            x[idx] = rng.multivariate_normal(sm[j], sc[j], size=int(idx.sum()), method='cholesky')
        for _ in range(em_iterations):
            logp = np.stack([np.log(w[j]) + gauss_logpdf(x, m[j], c[j]) for j in range(k)], axis=1)
            logp -= logp.max(axis=1, keepdims=True)
            resp = np.exp(logp)
            resp /= resp.sum(axis=1, keepdims=True)
            nk = resp.sum(axis=0)
            w = nk / n
            m = (resp.T @ x) / nk[:, None]
            for j in range(k):
                d = x - m[j]
                c[j] = (resp[:, j, None] * d).T @ d / nk[j] + 1e-6 * np.eye(dim)
        l2 = math.sqrt(max(mixture_l2_sq(w, m, c, tw, tm, tc), 0.0))
    return l2


def vendi_x(x, q):
    """Vendi of samples with the cosine kernel via the d×d dual Gram matrix (same spectrum as K/n)."""
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    lam = np.linalg.eigvalsh(x.T @ x / x.shape[0])
    lam = lam[lam > 1e-12 * lam[lam > 0].sum()]
    p = lam / lam.sum()
    if q == 1:
        return float(math.exp(-(p * np.log(p)).sum()))
    return float(math.exp(math.log((p ** q).sum()) / (1 - q)))


def vendi_k(k, q):
    lam = np.linalg.eigvalsh(k / k.shape[0])
    lam = lam[lam > 1e-12 * lam[lam > 0].sum()]
    p = lam / lam.sum()
    return float(math.exp(-(p * np.log(p)).sum())) if q == 1 else float(math.exp(math.log((p ** q).sum()) / (1 - q)))


def distinct_n(docs, n):
    seen = set()
    total = 0
    for d in docs:
        for s in range(len(d) - n + 1):
            seen.add(tuple(d[s:s + n]))
            total += 1
    return len(seen) / total if total else 0.0


def self_bleu(docs, max_order):
    """Exact self-BLEU (every other document a reference), epsilon smoothing, effective order; same algorithm."""
    D = len(docs)
    log_sum = [0.0] * D
    used = [0] * D
    for order in range(1, max_order + 1):
        per_doc = [Counter(tuple(d[s:s + order]) for s in range(len(d) - order + 1)) for d in docs]
        top1, top1_docs, top2 = {}, {}, {}
        for counts in per_doc:
            for g, cnt in counts.items():
                t1 = top1.get(g, 0)
                if cnt > t1:
                    top2[g] = t1; top1[g] = cnt; top1_docs[g] = 1
                elif cnt == t1:
                    top1_docs[g] += 1
                elif cnt > top2.get(g, 0):
                    top2[g] = cnt
        for i, counts in enumerate(per_doc):
            total = len(docs[i]) - order + 1
            if total <= 0:
                continue
            matched = 0
            for g, cnt in counts.items():
                t1 = top1[g]
                other = top2.get(g, 0) if (cnt == t1 and top1_docs[g] == 1) else t1
                matched += min(cnt, other)
            log_sum[i] += math.log(matched / total if matched > 0 else 0.1 / total)
            used[i] += 1
    lengths = np.array([len(d) for d in docs])
    sorted_lengths = np.sort(lengths)
    out = 0.0
    for i in range(D):
        c = int(lengths[i])
        if c == 0 or used[i] == 0:
            continue
        lo = int(np.searchsorted(sorted_lengths, c, side='left'))
        if lo + 1 < D and sorted_lengths[lo + 1] == c:
            r = c
        else:
            below = int(sorted_lengths[lo - 1]) if lo > 0 else None
            above = int(sorted_lengths[lo + 1]) if lo + 1 < D else None
            r = above if below is None else below if above is None else (below if c - below <= above - c else above)
        bp = 1.0 if c >= r else math.exp(1 - r / c)
        out += bp * math.exp(log_sum[i] / used[i])
    return out / D


def main():
    data_dir, repeats = sys.argv[1], int(sys.argv[2])
    meta = json.load(open(f'{data_dir}/meta.json'))
    texts = json.load(open(f'{data_dir}/texts.json'))
    vx = np.fromfile(f'{data_dir}/vendi_x.f64', dtype=np.float64).reshape(meta['vendiN'], meta['vendiD'])
    vk = np.fromfile(f'{data_dir}/vendi_k.f64', dtype=np.float64).reshape(meta['vendiKN'], meta['vendiKN'])
    result = {}

    def case(name, fn, reps=repeats):
        ms, value = timed(fn, reps)
        result[name] = {'ms': ms, 'value': float(value)}

    case('gaussian', lambda: gaussian_loop(meta['gaussN'], meta['gaussGenerations']))
    case('gmm', lambda: gmm_loop(meta['gmmN'], meta['gmmGenerations'], 2, meta['gmmEm']), max(1, repeats // 2))
    case('vendiX', lambda: vendi_x(vx, 1))
    case('vendiK', lambda: vendi_k(vk, 1))

    def tokenized_distinct():
        return distinct_n([t.split() for t in texts], 2)
    case('distinct', tokenized_distinct)
    case('selfBleu', lambda: self_bleu([t.split() for t in texts], 4))
    result['_numpy'] = np.__version__
    print(json.dumps(result))


if __name__ == '__main__':
    main()
