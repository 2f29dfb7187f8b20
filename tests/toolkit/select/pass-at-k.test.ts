import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { passAtK, passHatK, passAtKCurve } from '../../../src/toolkit/select/index.js';
import { binom, forEachSubset, ratio } from './enumerate.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('passAtK matches 1 − C(n−c,k)/C(n,k) computed with exact integers', () => {
  for (const [n, c, k] of [[200, 13, 10], [200, 13, 20], [10, 3, 1], [10, 3, 8], [10, 0, 5], [10, 10, 1], [1000, 1, 999], [1000, 990, 3], [50, 25, 25]] as const) {
    close(passAtK(n, c, k), 1 - ratio(binom(n - c, k), binom(n, k)));
  }
});

test('passAtK and passHatK match enumeration of every k-subset', () => {
  const correct = [1, 0, 0, 1, 0, 1, 0];
  const n = correct.length, c = 3;
  for (let k = 1; k <= n; k++) {
    let any = 0, all = 0, total = 0;
    forEachSubset(n, k, (s) => {
      const hits = s.filter((i) => correct[i] === 1).length;
      any += hits > 0 ? 1 : 0;
      all += hits === k ? 1 : 0;
      total++;
    });
    close(passAtK(n, c, k), any / total);
    close(passHatK(n, c, k), all / total);
  }
});

test('passAtK accepts arrays of n and c, one value per problem', () => {
  const out = passAtK([10, 20, 5], [1, 0, 5], 3);
  assert.ok(out instanceof Float64Array);
  close(out[0]!, 1 - ratio(binom(9, 3), binom(10, 3)));
  assert.equal(out[1], 0);
  assert.equal(out[2], 1);
  const shared = passHatK(8, [2, 8], 2);
  close(shared[0]!, 1 / 28);
  assert.equal(shared[1], 1);
});

test('passAtK names the culprit on bad input', () => {
  assert.throws(() => passAtK(10, 3, 12), { message: 'passAtK: k must be ≤ n (got k=12, n=10)' });
  assert.throws(() => passAtK(10, 11, 2), { message: 'passAtK: c must be ≤ n (got c=11, n=10)' });
  assert.throws(() => passAtK(10, 3, 0), { message: 'passAtK: k must be ≥ 1 (got k=0)' });
  assert.throws(() => passAtK([10, 4], [3, 2], 5), { message: 'passAtK: k must be ≤ n[1] (got k=5, n[1]=4)' });
  assert.throws(() => passAtK([10, 4], [3], 1), { message: 'passAtK: n and c must have the same length (got 2 and 1)' });
  assert.throws(() => passHatK(10, 2.5, 1), { message: 'passHatK: c must be an integer (got 2.5)' });
  assert.throws(() => passAtK(10, NaN, 1), { message: 'passAtK: c must be an integer (got NaN)' });
});

test('passAtKCurve equals passAtK at every k and averages over problems', () => {
  const c = [0, 1, 7, 16, 3];
  const curve = passAtKCurve(16, c);
  assert.deepEqual(Array.from(curve.ks), Array.from({ length: 16 }, (_, i) => i + 1));
  for (let j = 0; j < 16; j++) {
    let sum = 0;
    for (let p = 0; p < c.length; p++) {
      const v = passAtK(16, c[p]!, j + 1);
      close(curve.values[p * 16 + j]!, v);
      sum += v;
    }
    close(curve.mean[j]!, sum / c.length);
  }
  const some = passAtKCurve([8, 16], [2, 2], { ks: [1, 8] });
  close(some.mean[1]!, (passAtK(8, 2, 8) + passAtK(16, 2, 8)) / 2);
  assert.throws(() => passAtKCurve([8, 16], [2, 2], { ks: [9] }), { message: 'passAtKCurve: ks[0] must be ≤ the smallest n (got ks[0]=9, the smallest n=8)' });
});

test('property: pass@k is in [0, 1], monotone in k, pass@1 = c/n, pass^k ≤ pass@k', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))), ([n, c]) => {
    close(passAtK(n, c, 1), c / n, 1e-12);
    let prev = -1;
    for (let k = 1; k <= n; k++) {
      const v = passAtK(n, c, k);
      assert.ok(v >= 0 && v <= 1 + 1e-15);
      assert.ok(v >= prev - 1e-12, `not monotone at k=${k}`);
      assert.ok(passHatK(n, c, k) <= v + 1e-12);
      prev = v;
    }
  }), { seed: 1, numRuns: 60 });
});
