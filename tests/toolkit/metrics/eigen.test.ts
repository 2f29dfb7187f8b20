import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from '../../../src/toolkit/metrics/eigen.js';
import { gaussianW2 } from '../../../src/toolkit/metrics/gaussian-w2.js';
import { rng } from '../../../src/toolkit/util/random.js';

test('symmetricEigen: 2×2 closed form', () => {
  const { values } = symmetricEigen([[2, 1], [1, 2]]);
  assert.ok(Math.abs(values[0]! - 3) < 1e-12 && Math.abs(values[1]! - 1) < 1e-12);
});

for (const method of ['ql', 'jacobi'] as const) test(`symmetricEigen (${method}): random 12×12 reconstructs A = VΛVᵀ with orthonormal V`, () => {
  const n = 12;
  const r = rng(7);
  const a: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = r.normal(); a[i]![j] = v; a[j]![i] = v; }
  const { values, vectors } = symmetricEigen(a, { method });
  for (let i = 1; i < n; i++) assert.ok(values[i - 1]! >= values[i]!, 'descending');
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let rec = 0, dot = 0;
    for (let k = 0; k < n; k++) {
      rec += vectors![i * n + k]! * values[k]! * vectors![j * n + k]!;
      dot += vectors![k * n + i]! * vectors![k * n + j]!;
    }
    assert.ok(Math.abs(rec - a[i]![j]!) < 1e-10, `A[${i}][${j}]`);
    assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-10, `VᵀV[${i}][${j}]`);
  }
});

test('symmetricEigen: rejects asymmetric input naming the entry', () => {
  assert.throws(() => symmetricEigen([[1, 2], [3, 1]]), /symmetricEigen: matrix must be symmetric \(got matrix\[0\]\[1\]=2, matrix\[1\]\[0\]=3\)/);
});

/** Principal square root of a 2×2 PSD matrix: (M + √det·I)/√(tr + 2√det). */
function sqrt2(m: number[][]): number[][] {
  const s = Math.sqrt(m[0]![0]! * m[1]![1]! - m[0]![1]! * m[1]![0]!);
  const t = Math.sqrt(m[0]![0]! + m[1]![1]! + 2 * s);
  return [[(m[0]![0]! + s) / t, m[0]![1]! / t], [m[1]![0]! / t, (m[1]![1]! + s) / t]];
}
function mul2(a: number[][], b: number[][]): number[][] {
  return [0, 1].map((i) => [0, 1].map((j) => a[i]![0]! * b[0]![j]! + a[i]![1]! * b[1]![j]!));
}

test('gaussianW2: 1-D closed form (Δμ)² + (σ1 − σ2)²', () => {
  const w = gaussianW2({ mean: [0], cov: [[1]] }, { mean: [3], cov: [[4]] });
  assert.ok(Math.abs(w.meanPart - 9) < 1e-12 && Math.abs(w.covPart - 1) < 1e-12 && Math.abs(w.w2 - Math.sqrt(10)) < 1e-12);
});

test('gaussianW2: general 2×2 covariances against a direct closed-form square root, and symmetry', () => {
  const s1 = [[2, 0.7], [0.7, 1]];
  const s2 = [[1.5, -0.4], [-0.4, 0.5]];
  const r2 = sqrt2(s2);
  const inner = sqrt2(mul2(mul2(r2, s1), r2));
  const direct = 2 + 1 + 1.5 + 0.5 - 2 * (inner[0]![0]! + inner[1]![1]!);
  const w = gaussianW2({ mean: [1, 2], cov: s1 }, { mean: [0, 0], cov: s2 });
  assert.ok(Math.abs(w.covPart - direct) < 1e-10, `${w.covPart} vs ${direct}`);
  assert.ok(Math.abs(w.meanPart - 5) < 1e-12);
  const back = gaussianW2({ mean: [0, 0], cov: s2 }, { mean: [1, 2], cov: s1 });
  assert.ok(Math.abs(back.w2Squared - w.w2Squared) < 1e-10);
});

test('gaussianW2: diagonal covariances give Σ(√a − √b)²; mismatched means throw', () => {
  const w = gaussianW2({ mean: [0, 0, 0], cov: [4, 0, 0, 0, 9, 0, 0, 0, 1] }, { mean: [0, 0, 0], cov: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
  assert.ok(Math.abs(w.covPart - (1 + 4 + 0)) < 1e-10);
  assert.throws(() => gaussianW2({ mean: [0], cov: [[1]] }, { mean: [0, 1], cov: [[1, 0], [0, 1]] }), /gaussianW2: a.mean and b.mean must have the same length \(got 1 and 2\)/);
});

test('symmetricEigen: Householder + QL (values, and values with vectors) agrees with Jacobi on random, low-rank and repeated spectra', () => {
  const r = rng(21);
  for (const n of [1, 2, 3, 7, 30]) {
    const cases: number[][][] = [];
    const rand: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = r.normal(); rand[i]![j] = v; rand[j]![i] = v; }
    cases.push(rand);
    const u = Array.from({ length: n }, () => r.normal());
    cases.push(u.map((a) => u.map((b) => a * b)));
    cases.push(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : 0))));
    for (const a of cases) {
      const fast = symmetricEigen(a, { vectors: false }).values;
      const pairs = symmetricEigen(a).values;
      const slow = symmetricEigen(a, { method: 'jacobi' }).values;
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(fast[i]! - slow[i]!) < 1e-11, `n=${n} λ${i}: ${fast[i]} vs ${slow[i]}`);
        assert.ok(Math.abs(pairs[i]! - slow[i]!) < 1e-11, `n=${n} λ${i} with vectors`);
      }
    }
  }
});
