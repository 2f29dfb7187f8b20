import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWeights, drawIndex, readDecoding, sortedIndices, topAlternatives } from '../../../src/toolkit/models/decoding.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('decodeWeights: temperature reshapes to p^(1/T), 0 is greedy, top-p keeps the smallest nucleus', () => {
  const p = [0.1, 0.5, 0.3, 0.1];
  const w = decodeWeights(p, { temperature: 0.5, topP: 1 });
  const want = p.map((x) => x ** 2 / 0.25);
  w.forEach((x, i) => close(x, want[i]!));
  assert.deepEqual(Array.from(decodeWeights(p, { temperature: 0, topP: 1 })), [0, 1, 0, 0]);
  // Nucleus 0.8 = {0.5, 0.3}; 0.81 needs one of the tied 0.1s: the lower index wins.
  assert.deepEqual(Array.from(decodeWeights(p, { temperature: 1, topP: 0.8 })).map((x) => x > 0), [false, true, true, false]);
  assert.deepEqual(Array.from(decodeWeights(p, { temperature: 1, topP: 0.81 })).map((x) => x > 0), [true, true, true, false]);
  // Tiny temperatures do not underflow to all zeros.
  const cold = decodeWeights([0.3, 0.2], { temperature: 1e-3, topP: 1 });
  assert.equal(cold[0], 1);
  assert.ok(Array.from(cold).every(Number.isFinite));
});

test('drawIndex inverts the cumulative weights and never returns a zero-weight index', () => {
  const w = [0, 2, 0, 1, 0];
  assert.equal(drawIndex(w, 3, 0), 1);
  assert.equal(drawIndex(w, 3, 0.666), 1);
  assert.equal(drawIndex(w, 3, 0.667), 3);
  assert.equal(drawIndex(w, 3, 1 - 1e-17), 3);
  assert.equal(drawIndex(w, 3.0000001, 0.9999999999), 3, 'a rounding leftover goes to the last positive weight');
});

test('sortedIndices and topAlternatives order by probability, ties by index', () => {
  assert.deepEqual(sortedIndices([0.2, 0.5, 0.2, 0.1]), [1, 0, 2, 3]);
  assert.deepEqual(topAlternatives([0.2, 0.5, 0.3], ['a', 'b', 'c'], 2), [{ token: 'b', logProb: Math.log(0.5) }, { token: 'c', logProb: Math.log(0.3) }]);
  assert.deepEqual(topAlternatives([1], ['a'], 0), []);
});

test('readDecoding applies defaults and names bad options', () => {
  assert.deepEqual(readDecoding({}, 'f'), { n: 1, temperature: 1, topP: 1, seed: 0, topK: 0 });
  assert.equal(readDecoding({ seed: 0 }, 'f').seed, 0);
  assert.throws(() => readDecoding({ n: 1.5 }, 'f'), /f: n must be an integer \(got 1.5\)/);
  assert.throws(() => readDecoding({ topP: 1.5 }, 'f'), /f: topP must be ≤ 1 \(got topP=1.5\)/);
  assert.throws(() => readDecoding({ topK: -1 }, 'f'), /f: topK must be ≥ 0/);
  assert.throws(() => readDecoding({ seed: NaN }, 'f'), /f: seed must be a finite number \(got NaN\)/);
});
