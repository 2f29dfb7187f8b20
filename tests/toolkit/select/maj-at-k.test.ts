import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { majAtK, type Answer } from '../../../src/toolkit/select/index.js';
import { forEachSubset } from './enumerate.js';

const close = (a: number, b: number, tol = 1e-10) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** maj@k by enumerating all k-subsets: plurality with uniform tie split, null answers abstain. */
function bruteMaj(answers: readonly Answer[], isCorrect: (a: Answer) => boolean, k: number): number {
  let total = 0, count = 0;
  forEachSubset(answers.length, k, (s) => {
    const votes = new Map<Answer, number>();
    for (const i of s) {
      const a = answers[i];
      if (a !== null && a !== undefined) votes.set(a, (votes.get(a) ?? 0) + 1);
    }
    const top = Math.max(0, ...votes.values());
    const winners = [...votes].filter(([, v]) => v === top).map(([a]) => a);
    total += winners.length === 0 ? 0 : winners.filter(isCorrect).length / winners.length;
    count++;
  });
  return total / count;
}

test('majAtK matches enumeration of all k-subsets, ties split uniformly', () => {
  const answers: Answer[] = ['a', 'b', 'a', 'c', 'b', 'a', null, 'd', 'b', 'c', 'e'];
  for (let k = 1; k <= answers.length; k++) {
    close(majAtK(answers, 'a', k), bruteMaj(answers, (x) => x === 'a', k));
    close(majAtK(answers, 'e', k), bruteMaj(answers, (x) => x === 'e', k));
  }
});

test('majAtK with per-sample flags allows several correct answers', () => {
  const answers = ['1/2', '0.5', '1/3', '1/3', '0.5', '2'];
  const flags = [true, true, false, false, true, false];
  const ks = [1, 2, 3, 4, 5, 6];
  const got = majAtK(answers, flags, ks);
  ks.forEach((k, j) => close(got[j]!, bruteMaj(answers, (a) => a === '1/2' || a === '0.5', k)));
  assert.throws(() => majAtK(['x', 'x'], [true, false], 1), {
    message: 'majAtK: correct must agree within each answer (answer "x" is marked both correct and incorrect, see correct[1])',
  });
});

test('majAtK edge cases: k = n is the full vote, unanimous answers, all abstain, typed-array answers', () => {
  close(majAtK(['a', 'a', 'b', 'b', 'c'], 'a', 5), 0.5);
  assert.equal(majAtK(['a', 'a', 'a'], 'a', 2), 1);
  assert.equal(majAtK([null, null], 'a', 2), 0);
  close(majAtK(Int32Array.from([3, 3, 7, 1]), 3, 2), bruteMaj([3, 3, 7, 1], (a) => a === 3, 2));
});

test('majAtK errors name the argument', () => {
  assert.throws(() => majAtK(['a', 'b'], 'a', 3), { message: 'majAtK: k must be ≤ n (got k=3, n=2)' });
  assert.throws(() => majAtK([], 'a', 1), { message: 'majAtK: answers must not be empty' });
  assert.throws(() => majAtK(['a'], [true, false], 1), { message: 'majAtK: answers and correct must have the same length (got 1 and 2)' });
  assert.throws(() => majAtK(['a'], 'a', [1, 0]), { message: 'majAtK: k[1] must be ≥ 1 (got k[1]=0)' });
});

test('majAtK stays finite and in [0, 1] for n = 2000 (binomial scaling, no overflow)', () => {
  const answers = Array.from({ length: 2000 }, (_, i) => (i % 5 === 0 ? 'right' : `w${i % 7}`));
  for (const k of [1, 10, 999, 2000]) {
    const v = majAtK(answers, 'right', k);
    assert.ok(Number.isFinite(v) && v >= 0 && v <= 1, `k=${k}: ${v}`);
  }
  // k = 1 is the fraction correct exactly.
  close(majAtK(answers, 'right', 1), 400 / 2000, 1e-12);
});

test('property: majAtK(k=1) is the fraction correct; brute force agrees on random small problems', () => {
  const answer = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.constant(null));
  fc.assert(fc.property(fc.array(answer, { minLength: 1, maxLength: 9 }), (answers) => {
    const right = answers.filter((a) => a === 'a').length;
    close(majAtK(answers, 'a', 1), right / answers.length, 1e-12);
    const k = 1 + (answers.length >> 1);
    close(majAtK(answers, 'a', k), bruteMaj(answers, (x) => x === 'a', k));
  }), { seed: 7, numRuns: 150 });
});

test('majAtK is exact at larger n: equal-size classes win with probability 1/classes by symmetry', () => {
  // 600 samples in 20 classes of 30: every class is equally likely to win, so maj@60 = 1/20 exactly.
  const answers = Array.from({ length: 600 }, (_, i) => i % 20);
  close(majAtK(answers, 7, 60), 1 / 20, 1e-12);
  close(majAtK(answers, 7, 600), 1 / 20, 1e-12); // k = n: a 20-way tie split uniformly
});

test('majAtK agrees with seeded Monte Carlo beyond enumeration size (n = 40, k = 15)', async () => {
  const { rng } = await import('../../../src/toolkit/util/random.js');
  const answers: Answer[] = Array.from({ length: 40 }, (_, i) => (i < 11 ? 'r' : i < 21 ? 'w1' : i < 30 ? 'w2' : i < 36 ? 'w3' : null));
  const exact = majAtK(answers, 'r', 15);
  const gen = rng(42);
  const draws = 100_000;
  const idx = Array.from({ length: 40 }, (_, i) => i);
  let total = 0;
  for (let d = 0; d < draws; d++) {
    // Partial Fisher–Yates: the first 15 positions are a uniform 15-subset.
    for (let i = 0; i < 15; i++) { const j = i + gen.int(40 - i); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    const votes = new Map<Answer, number>();
    for (let i = 0; i < 15; i++) { const a = answers[idx[i]!]; if (a !== null) votes.set(a, (votes.get(a) ?? 0) + 1); }
    const top = Math.max(...votes.values());
    const winners = [...votes].filter(([, v]) => v === top);
    total += winners.some(([a]) => a === 'r') ? 1 / winners.length : 0;
  }
  // Tolerance: 5 standard errors of a mean of values in [0, 1] (≤ 0.5/√draws each).
  close(total / draws, exact, 5 * 0.5 / Math.sqrt(draws));
});
