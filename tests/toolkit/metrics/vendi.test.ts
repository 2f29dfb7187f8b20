import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ngramKernel, vendi } from '../../../src/toolkit/metrics/index.js';
import { rng } from '../../../src/toolkit/util/random.js';

const QS = [0, 0.1, 0.5, 1, 2, Infinity];

test('vendi: identical-or-orthogonal samples score the number of distinct items for every q', () => {
  // Three orthogonal directions, each repeated 4 times with different norms (the cosine kernel ignores norm).
  const X: number[][] = [];
  for (let c = 0; c < 3; c++) for (let rep = 0; rep < 4; rep++) { const v = [0, 0, 0, 0, 0]; v[c] = rep + 1; X.push(v); }
  const K = X.map((a) => X.map((b) => (a.findIndex((v) => v !== 0) === b.findIndex((v) => v !== 0) ? 1 : 0)));
  for (const q of QS) {
    assert.ok(Math.abs(vendi(X, { q }) - 3) < 1e-9, `X q=${q}: ${vendi(X, { q })}`);
    assert.ok(Math.abs(vendi({ K }, { q }) - 3) < 1e-9, `K q=${q}`);
  }
  assert.ok(Math.abs(vendi([[1, 2], [2, 4], [3, 6]]) - 1) < 1e-9);
});

test('vendi: 2×2 kernel closed form with eigenvalues (1 ± s)/2', () => {
  const s = 0.6;
  const l = [(1 + s) / 2, (1 - s) / 2];
  const expected: Record<string, number> = {
    '1': Math.exp(-l[0]! * Math.log(l[0]!) - l[1]! * Math.log(l[1]!)),
    '2': 1 / (l[0]! ** 2 + l[1]! ** 2),
    '0.5': (Math.sqrt(l[0]!) + Math.sqrt(l[1]!)) ** 2,
    'Infinity': 1 / l[0]!,
  };
  for (const [q, v] of Object.entries(expected)) assert.ok(Math.abs(vendi({ K: [[1, s], [s, 1]] }, { q: Number(q) }) - v) < 1e-12, `q=${q}`);
});

test('vendi: the d×d dual form equals the n×n kernel form on random data for every q', () => {
  const r = rng(5);
  const X = Array.from({ length: 30 }, () => Array.from({ length: 4 }, () => r.normal()));
  const unit = X.map((x) => { const n = Math.hypot(...x); return x.map((v) => v / n); });
  const K = unit.map((a) => unit.map((b) => a.reduce((s, v, i) => s + v * b[i]!, 0)));
  for (let i = 0; i < 30; i++) K[i]![i] = 1;
  for (const q of QS) assert.ok(Math.abs(vendi(X, { q }) - vendi({ K }, { q })) < 1e-8, `q=${q}`);
  // q orders the score: Rényi entropies decrease in q.
  const scores = QS.map((q) => vendi(X, { q }));
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i]! <= scores[i - 1]! + 1e-9);
});

test('vendi: bad inputs are named', () => {
  assert.throws(() => vendi({ K: [[2, 0], [0, 1]] }), /vendi: K must have a unit diagonal, k\(x, x\) = 1 \(got K\[0\]\[0\]=2\)/);
  assert.throws(() => vendi([[1, 0]], { q: -1 }), /vendi: q must be a number ≥ 0 or Infinity \(got q=-1\)/);
  assert.throws(() => vendi([[0, 0]]), /vendi: X\[0\] is the zero vector/);
});

test('ngramKernel: cosine of n-gram counts; repeated texts with disjoint vocabularies give Vendi = distinct texts', () => {
  const K = ngramKernel(['a b', 'a c', 'x'], { n: 1 });
  // counts a,b vs a,c: dot 1, norms √2·√2 → 0.5; 'x' shares nothing.
  assert.deepEqual(K, [[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]].map((r) => r.map((v) => v)));
  const texts = ['red fox', 'red fox', 'blue whale', 'blue whale', 'green frog', 'green frog'];
  for (const q of QS) assert.ok(Math.abs(vendi({ K: ngramKernel(texts, { n: 2 }) }, { q }) - 3) < 1e-9, `q=${q}`);
});
