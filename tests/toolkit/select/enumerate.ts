/** Brute-force helpers for select tests: every k-subset of 0..n−1, and exact binomials as BigInt. */

/** Calls `visit` with each k-subset of 0..n−1 (as a reused index array). */
export function forEachSubset(n: number, k: number, visit: (subset: readonly number[]) => void): void {
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    visit(idx);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/** Exact C(n, k) as a BigInt. */
export function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** Ratio of two BigInts as a double, exact to double rounding for ratios in [0, 1]. */
export function ratio(a: bigint, b: bigint): number {
  const scale = 10n ** 30n;
  return Number((a * scale) / b) / 1e30;
}
