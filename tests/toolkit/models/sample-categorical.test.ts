import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleCategorical } from '../../../src/toolkit/models/sample-categorical.js';
import { chiSquare, chiSquare999 } from './chi-square.js';

const rowsProbs = [
  [0.5, 0.25, 0.125, 0.125],
  [0, 0.9, 0, 0.1],
  [1, 1, 1, 1], // unnormalized weights
];

function counts(draws: Int32Array, rows: number, per: number, cols: number): number[][] {
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let r = 0; r < rows; r++) for (let s = 0; s < per; s++) out[r]![draws[r * per + s]!]!++;
  return out;
}

test('sampleCategorical frequencies match row probabilities (chi-square at 0.999, fixed seed)', () => {
  const cols = 4;
  const flat = Float64Array.from(rowsProbs.flat());
  for (const per of [1, 20_000]) {
    // One draw per row uses the subtract-walk path; many draws use cumulative sums + binary search: test both.
    const reps = per === 1 ? 20_000 : 1;
    const tallies = rowsProbs.map(() => new Array<number>(cols).fill(0));
    for (let rep = 0; rep < reps; rep++) {
      const c = counts(sampleCategorical(flat, 3, cols, { samples: per, seed: 7 + rep }), 3, per, cols);
      c.forEach((row, r) => row.forEach((x, j) => (tallies[r]![j]! += x)));
    }
    rowsProbs.forEach((w, r) => {
      const total = w.reduce((a, b) => a + b, 0);
      const probs = w.map((x) => x / total);
      w.forEach((x, j) => { if (x === 0) assert.equal(tallies[r]![j], 0, `zero-weight column ${j} drawn in row ${r}`); });
      const { stat, df } = chiSquare(tallies[r]!, probs);
      assert.ok(stat < chiSquare999(df), `row ${r}, ${per} per call: chi-square ${stat} ≥ ${chiSquare999(df)}`);
    });
  }
});

test('sampleCategorical is deterministic per seed and accepts Float32Array and plain arrays', () => {
  const probs = Float32Array.from({ length: 64 * 16 }, (_, i) => (i % 7) + 1);
  const a = sampleCategorical(probs, 64, 16, { seed: 3 });
  const b = sampleCategorical(Array.from(probs), 64, 16, { seed: 3 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, sampleCategorical(probs, 64, 16, { seed: 4 }));
  assert.equal(a.length, 64);
});

test('sampleCategorical names bad input', () => {
  assert.throws(() => sampleCategorical([0.5, 0.5, 1], 2, 2), /sampleCategorical: probs must have rows × cols entries \(got 3, rows=2, cols=2\)/);
  assert.throws(() => sampleCategorical([0.5, -1], 1, 2), /sampleCategorical: probs\[0\]\[1\] must be a finite non-negative weight \(got -1\)/);
  assert.throws(() => sampleCategorical([1, 1, NaN, 1], 2, 2, { samples: 2 }), /probs\[1\]\[0\] must be a finite non-negative weight \(got NaN\)/);
  assert.throws(() => sampleCategorical([1, Infinity], 1, 2), /probs\[0\]\[1\] must be a finite non-negative weight \(got Infinity\)/);
  assert.throws(() => sampleCategorical([1, 1, 0, 0], 2, 2), /sampleCategorical: row 1 has no positive weight/);
  assert.throws(() => sampleCategorical([1], 1, 1, { samples: 0 }), /samples must be ≥ 1/);
});
