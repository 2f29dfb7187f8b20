import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bonAtK } from '../../../src/toolkit/select/index.js';
import { forEachSubset } from './enumerate.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** BoN@k by enumeration: in each subset, average the value over the samples tied at the top score. */
function bruteBon(scores: number[], values: number[], k: number): number {
  let total = 0, count = 0;
  forEachSubset(scores.length, k, (s) => {
    const top = Math.max(...s.map((i) => scores[i]!));
    const tied = s.filter((i) => scores[i] === top);
    total += tied.reduce((acc, i) => acc + values[i]!, 0) / tied.length;
    count++;
  });
  return total / count;
}

test('bonAtK matches enumeration with distinct scores and with ties', () => {
  const scores = [0.3, 0.9, 0.1, 0.9, 0.5, 0.3, 0.7, 0.3];
  const correct = [1, 0, 1, 1, 0, 1, 0, 0];
  for (let k = 1; k <= scores.length; k++) close(bonAtK(scores, correct, k), bruteBon(scores, correct, k));
  const distinct = [5, 1, 4, 2, 3];
  const values = [0.2, 1, 0.5, 0, 0.7];
  const got = bonAtK(distinct, values, [1, 2, 3, 4, 5]);
  for (let k = 1; k <= 5; k++) close(got[k - 1]!, bruteBon(distinct, values, k));
});

test('bonAtK fixes the with-replacement bias: one correct top sample in 4 gives best@4 = 1', () => {
  assert.equal(bonAtK([0, 0, 0, 1], [false, false, false, true], 4), 1);
  close(bonAtK([0, 0, 0, 1], [false, false, false, true], 1), 0.25);
});

test('bonAtK errors name the argument', () => {
  assert.throws(() => bonAtK([1, 2], [1, 0], 3), { message: 'bonAtK: k must be ≤ n (got k=3, n=2)' });
  assert.throws(() => bonAtK([1, NaN], [1, 0], 1), { message: 'bonAtK: scores[1] is NaN' });
  assert.throws(() => bonAtK([1, 2], [1], 1), { message: 'bonAtK: scores and correct must have the same length (got 2 and 1)' });
});

test('property: bonAtK(k=1) is the mean value, matches brute force at every k', () => {
  const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean()), { minLength: 1, maxLength: 9 });
  fc.assert(fc.property(arb, (rows) => {
    const scores = rows.map((r) => r[0]);
    const values: number[] = rows.map((r) => (r[1] ? 1 : 0));
    const n = rows.length;
    close(bonAtK(scores, values, 1), values.reduce((a, b) => a + b, 0) / n);
    for (let k = 1; k <= n; k++) close(bonAtK(scores, values, k), bruteBon(scores, values, k), 1e-10);
  }), { seed: 3, numRuns: 100 });
});
