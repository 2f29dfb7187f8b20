/**
 * The small statistics the figure builders draw: per-step means with seed bands, histogram bins and kernel density
 * estimates. Exported so tests can check them against brute force.
 */

/** Values with NaN removed (NaN marks a missing seed/step, e.g. runs of different lengths padded with NaN). */
export function present(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out.push(values[i]!);
  return out;
}

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation (n − 1 denominator); 0 for a single value. */
export function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return Math.sqrt(s / (values.length - 1));
}

// Two-sided 95% Student t quantiles t_{0.975, df} for df = 1..30 (standard tables); seeds are few, so the normal 1.96
// would make bands too narrow.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** t_{0.975, df}: table up to 30, then the Cornish–Fisher expansion around z = 1.959964 (error < 1e-3). */
export function t975(df: number): number {
  if (df <= 30) return T975[Math.max(1, Math.round(df)) - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** How a band around a mean is drawn across seeds. */
export type BandKind = 'sd' | 'se' | 'ci95' | 'minmax' | 'none';

/** Mean and band `[lower, upper]` of one step's values across seeds (NaN when no value is present). */
export function summarize(values: readonly number[], band: BandKind): { mean: number; lower: number; upper: number } {
  if (values.length === 0) return { mean: NaN, lower: NaN, upper: NaN };
  const m = mean(values);
  const n = values.length;
  switch (band) {
    case 'none':
      return { mean: m, lower: m, upper: m };
    case 'minmax':
      return { mean: m, lower: Math.min(...values), upper: Math.max(...values) };
    case 'sd': {
      const s = sd(values);
      return { mean: m, lower: m - s, upper: m + s };
    }
    case 'se': {
      const h = sd(values) / Math.sqrt(n);
      return { mean: m, lower: m - h, upper: m + h };
    }
    case 'ci95': {
      const h = n < 2 ? 0 : (t975(n - 1) * sd(values)) / Math.sqrt(n);
      return { mean: m, lower: m - h, upper: m + h };
    }
  }
}

/** Linear-interpolation quantile (type 7) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Number of histogram bins by the Freedman–Diaconis rule (width 2·IQR·n^(−1/3)), Sturges when the IQR is 0,
 * clamped to [5, 100].
 */
export function autoBins(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 1;
  const sorted = [...values].sort((a, b) => a - b);
  const range = sorted[n - 1]! - sorted[0]!;
  if (range === 0) return 1;
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const bins = iqr > 0 ? Math.ceil(range / (2 * iqr * n ** (-1 / 3))) : Math.ceil(Math.log2(n) + 1);
  return Math.min(100, Math.max(5, bins));
}

/** `bins + 1` equal-width edges spanning [min, max] (a unit-wide bin around a constant). */
export function binEdges(min: number, max: number, bins: number): number[] {
  if (min === max) return [min - 0.5, min + 0.5];
  const width = (max - min) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
}

/** Counts per bin: [edge_i, edge_{i+1}) with the last bin closed, so the maximum is counted. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const min = edges[0]!;
  const width = (edges[bins]! - min) / bins;
  for (const v of values) {
    let i = Math.floor((v - min) / width);
    if (i === bins && v <= edges[bins]!) i = bins - 1;
    // Floating-point division can land one bin off near an edge; correct against the stored edges.
    if (i > 0 && v < edges[i]!) i--;
    if (i < bins - 1 && v >= edges[i + 1]!) i++;
    if (i >= 0 && i < bins) counts[i]!++;
  }
  return counts;
}

/** Silverman's rule-of-thumb bandwidth 0.9·min(sd, IQR/1.34)·n^(−1/5) (Silverman 1986, eq. 3.31). */
export function silvermanBandwidth(values: readonly number[]): number {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const s = sd(values);
  const iqr = n > 1 ? quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25) : 0;
  const spread = iqr > 0 ? Math.min(s, iqr / 1.34) : s;
  return spread > 0 ? 0.9 * spread * n ** (-0.2) : 1;
}

/** Gaussian kernel density estimate of `values` at each grid point. */
export function kde(values: readonly number[], grid: readonly number[], bandwidth: number): number[] {
  const norm = 1 / (values.length * bandwidth * Math.sqrt(2 * Math.PI));
  return grid.map((g) => {
    let s = 0;
    for (const v of values) {
      const u = (g - v) / bandwidth;
      s += Math.exp(-0.5 * u * u);
    }
    return s * norm;
  });
}
