/** Test helper: Pearson chi-square goodness of fit against expected probabilities. */

/** The statistic Σ (observed − expected)² / expected over categories with positive expected count. */
export function chiSquare(counts: ArrayLike<number>, probs: ArrayLike<number>): { stat: number; df: number } {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  let stat = 0;
  let df = -1;
  for (let i = 0; i < probs.length; i++) {
    const e = total * probs[i]!;
    if (e > 0) { stat += (counts[i]! - e) ** 2 / e; df++; }
  }
  return { stat, df };
}

/** Upper 0.999 quantile of chi-square with `df` degrees of freedom (Wilson–Hilferty approximation, z = 3.09). */
export function chiSquare999(df: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + 3.09 * Math.sqrt(a)) ** 3;
}
