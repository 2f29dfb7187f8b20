/**
 * Seeded k-means (k-means++ seeding, Arthur & Vassilvitskii 2007; then Lloyd iterations) for MAUVE's quantization.
 * Seeding is the only randomness, which is why MAUVE is averaged over k-means seeds.
 */
import { rng as makeRng } from '../util/random.js';

/** Cluster label per row of `data` (rows × dim, row-major). */
export function kmeans(data: Float64Array, rows: number, dim: number, k: number, seed: number, maxIterations = 300): Int32Array {
  const r = makeRng(seed);
  const centers = new Float64Array(k * dim);
  const nearest = new Float64Array(rows).fill(Infinity);
  const first = r.int(rows);
  centers.set(data.subarray(first * dim, (first + 1) * dim), 0);
  for (let c = 1; c < k; c++) {
    // Next center drawn with probability ∝ squared distance to the nearest chosen center.
    for (let i = 0; i < rows; i++) {
      const d = sqDist(data, i, centers, c - 1, dim);
      if (d < nearest[i]!) nearest[i] = d;
    }
    let total = 0;
    for (let i = 0; i < rows; i++) total += nearest[i]!;
    const pick = total > 0 ? r.categorical(nearest) : r.int(rows);
    centers.set(data.subarray(pick * dim, (pick + 1) * dim), c * dim);
  }
  const labels = new Int32Array(rows).fill(-1);
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  for (let it = 0; it < maxIterations; it++) {
    let changed = false;
    for (let i = 0; i < rows; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = sqDist(data, i, centers, c, dim);
        if (d < bestD) { bestD = d; best = c; }
      }
      if (labels[i] !== best) { labels[i] = best; changed = true; }
    }
    if (!changed) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < rows; i++) {
      const c = labels[i]!;
      counts[c]++;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += data[i * dim + j]!;
    }
    // An empty cluster keeps its previous center.
    for (let c = 0; c < k; c++) if (counts[c]! > 0) for (let j = 0; j < dim; j++) centers[c * dim + j] = sums[c * dim + j]! / counts[c]!;
  }
  return labels;
}

function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, dim: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) { const d = a[i * dim + t]! - b[j * dim + t]!; s += d * d; }
  return s;
}
