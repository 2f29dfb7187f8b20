/**
 * Binomial probabilities without overflow, for the exact selection estimators. Hypergeometric weights
 * ∏ C(m_i, x_i)/C(n, k) overflow doubles once n passes ~1000, but multiplying every C(m_i, x_i) by p^x_i (1−p)^(m_i−x_i)
 * with p = k/n multiplies the numerator and C(n, k) by the same constant p^k (1−p)^(n−k), so the ratio of binomial
 * pmfs equals the hypergeometric weight and every factor stays in [0, 1].
 */

let logFact = new Float64Array([0, 0]);

/** log(m!) for m ≤ n, from a table grown on demand (deterministic; a cache, not state that changes results). */
export function logFactorials(n: number): Float64Array {
  if (n >= logFact.length) {
    const next = new Float64Array(Math.max(n + 1, logFact.length * 2));
    next.set(logFact);
    for (let i = logFact.length; i < next.length; i++) next[i] = next[i - 1]! + Math.log(i);
    logFact = next;
  }
  return logFact;
}

/** Writes Binomial(m, p) pmf values for x = 0..xMax (x > m gives 0) into `out`. */
export function binomialPmfRow(m: number, p: number, xMax: number, out: Float64Array): Float64Array {
  const lf = logFactorials(m);
  if (p >= 1 || p <= 0) {
    const at = p >= 1 ? m : 0;
    for (let x = 0; x <= xMax; x++) out[x] = x === at ? 1 : 0;
    return out;
  }
  const lp = Math.log(p), lq = Math.log1p(-p);
  for (let x = 0; x <= xMax; x++) {
    out[x] = x > m ? 0 : Math.exp(lf[m]! - lf[x]! - lf[m - x]! + x * lp + (m - x) * lq);
  }
  return out;
}

/** One Binomial(m, p) pmf value. */
export function binomialPmf(x: number, m: number, p: number): number {
  if (x < 0 || x > m) return 0;
  if (p >= 1) return x === m ? 1 : 0;
  if (p <= 0) return x === 0 ? 1 : 0;
  const lf = logFactorials(m);
  return Math.exp(lf[m]! - lf[x]! - lf[m - x]! + x * Math.log(p) + (m - x) * Math.log1p(-p));
}
