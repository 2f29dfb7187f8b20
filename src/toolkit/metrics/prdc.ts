/**
 * Precision, recall, density and coverage (Naeem et al. 2002.09797; clovaai/generative-evaluation-prdc) from k-NN
 * balls in Euclidean space. Each real point's ball has the radius of its k-th nearest real neighbour (itself
 * excluded); likewise for fakes. Membership is strict (distance < radius), as in the reference.
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { toRows, type RowMatrix } from './matrix.js';

/** Options for {@link prdc}. */
export interface PrdcOptions {
  /** Neighbours defining the ball radius. Default: 5. */
  k?: number;
}

/** The four PRDC numbers. */
export interface Prdc {
  /** Share of fakes inside some real ball (fidelity). */
  precision: number;
  /** Share of reals inside some fake ball (diversity). */
  recall: number;
  /** (1/k)·mean number of real balls containing each fake; can exceed 1. */
  density: number;
  /** Share of reals whose nearest fake lies inside their own ball. */
  coverage: number;
}

/**
 * PRDC of fake samples against real ones (rows of equal dimension).
 *
 * @example
 * metrics.prdc(real, real.map((x) => x.map((v) => v + 0.01)), { k: 3 }); // all four ≈ 1
 */
export function prdc(real: number[][], fake: number[][], options: PrdcOptions = {}): Prdc & Displayable {
  const fn = 'prdc';
  const R = toRows(real, 'real', fn);
  const F = toRows(fake, 'fake', fn);
  if (R.cols !== F.cols) fail(fn, `real and fake must have the same dimension (got ${R.cols} and ${F.cols})`);
  const k = check.int(options.k ?? 5, 'k', fn, { min: 1 });
  if (k >= R.rows || k >= F.rows) fail(fn, `k must be < the number of real and fake samples (got k=${k}, real=${R.rows}, fake=${F.rows})`);
  const realRadius = kthNeighbourDistances(R, k);
  const fakeRadius = kthNeighbourDistances(F, k);
  const d = R.cols;
  let precisionHits = 0, densitySum = 0;
  const realCovered = new Uint8Array(R.rows);
  const nearestFake = new Float64Array(R.rows).fill(Infinity);
  for (let f = 0; f < F.rows; f++) {
    let inAny = false;
    for (let r = 0; r < R.rows; r++) {
      const dist = distance(F.data, f, R.data, r, d);
      if (dist < realRadius[r]!) { inAny = true; densitySum++; }
      if (dist < fakeRadius[f]!) realCovered[r] = 1;
      if (dist < nearestFake[r]!) nearestFake[r] = dist;
    }
    if (inAny) precisionHits++;
  }
  let recallHits = 0, coverageHits = 0;
  for (let r = 0; r < R.rows; r++) {
    recallHits += realCovered[r]!;
    if (nearestFake[r]! < realRadius[r]!) coverageHits++;
  }
  const result = {
    precision: precisionHits / F.rows,
    recall: recallHits / R.rows,
    density: densitySum / (k * F.rows),
    coverage: coverageHits / R.rows,
  };
  return withTable(result, () => [{ k, ...result }]);
}

function distance(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) { const diff = a[i * d + t]! - b[j * d + t]!; s += diff * diff; }
  return Math.sqrt(s);
}

/** Distance from each row to its k-th nearest other row. */
function kthNeighbourDistances(m: RowMatrix, k: number): Float64Array {
  const out = new Float64Array(m.rows);
  const dists = new Float64Array(m.rows - 1);
  for (let i = 0; i < m.rows; i++) {
    let t = 0;
    for (let j = 0; j < m.rows; j++) if (j !== i) dists[t++] = distance(m.data, i, m.data, j, m.cols);
    out[i] = dists.slice().sort()[k - 1]!;
  }
  return out;
}
