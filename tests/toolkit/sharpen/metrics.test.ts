import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { klSharpen } from '../../../src/toolkit/sharpen/kl-sharpen.js';
import { bestOfNDistribution } from '../../../src/toolkit/sharpen/best-of-n.js';
import { modeMass, coverage, greedyAccuracy, bestOfNAccuracy } from '../../../src/toolkit/sharpen/metrics.js';
import { selfLogLikelihood } from '../../../src/toolkit/sharpen/reward.js';
import type { Policy } from '../../../src/toolkit/models/policy.js';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);
const pi = categorical({ q1: { a: 0.5, b: 0.3, c: 0.2 }, q2: { x: 0.25, y: 0.75 }, q3: { u: 0.4, v: 0.6 } });
const answers = { q1: 'b', q2: 'y', q3: 'u' };

/** The same policy hidden behind the plain Policy interface, so metrics take their sampling path. */
const opaque: Policy = { name: 'opaque', sample: (p, o) => pi.sample(p, o), logProb: (p, c) => pi.logProb(p, c) };

test('modeMass and coverage match their closed forms', () => {
  close(modeMass(pi), (0.5 + 0.75 + 0.6) / 3, 1e-12);
  close(coverage(pi), (1 / 0.5 + 1 / 0.75 + 1 / 0.6) / 3, 1e-12);
  close(coverage(pi, { targets: answers }), (1 / 0.3 + 1 / 0.75 + 1 / 0.4) / 3, 1e-12);
  close(coverage(pi, { targets: answers, prompts: ['q1'] }), 1 / 0.3, 1e-12);
  const sharp = klSharpen(pi, 0.5);
  const want = ['q1', 'q2', 'q3'].map((q) => Math.max(...sharp.probVector(q))).reduce((a, b) => a + b, 0) / 3;
  close(modeMass(sharp, { base: pi }), want, 1e-12);
  assert.ok(modeMass(sharp, { base: pi }) > modeMass(pi));
  assert.equal(coverage(categorical({ q: { a: 0, b: 1 } }), { targets: { q: 'a' } }), Infinity);
});

test('greedy accuracy: the mode is correct on q2 only', async () => {
  close(await greedyAccuracy(pi, answers), 1 / 3, 1e-12);
  close(await greedyAccuracy(opaque, answers, { prompts: pi.prompts }), 1 / 3, 1e-12);
  close(await greedyAccuracy(pi, (s) => s.text.length === 1), 1, 1e-12);
});

test('best-of-N accuracy is exact for categorical policies and estimated for others (seeded, 4σ)', async () => {
  const N = 3;
  let want = 0;
  for (const q of pi.prompts) want += (await bestOfNDistribution(pi, q, N, selfLogLikelihood))[answers[q as keyof typeof answers]]!;
  want /= 3;
  close(await bestOfNAccuracy(pi, N, selfLogLikelihood, answers), want, 1e-12);
  // By hand: q1 picks b iff no a is drawn but some b is; q2 picks y unless all draws are x; q3 picks u iff all are u.
  close(want, ((0.5 ** 3 - 0.2 ** 3) + (1 - 0.25 ** 3) + 0.4 ** 3) / 3, 1e-12);
  const prompts = Array.from({ length: 3000 }, (_, i) => pi.prompts[i % 3]!);
  const est = await bestOfNAccuracy(opaque, N, selfLogLikelihood, answers, { prompts, seed: 5 });
  close(est, want, 4 * Math.sqrt(0.25 / prompts.length));
});

test('metrics name bad input', async () => {
  assert.throws(() => coverage(pi, { targets: { q1: 'a' } }), /coverage: targets has no answer for prompt "q2"/);
  assert.throws(() => modeMass(pi, { prompts: [] }), /modeMass: prompts must not be empty/);
  await assert.rejects(greedyAccuracy(opaque, answers), /greedyAccuracy: prompts must be given for a policy that is not categorical/);
  await assert.rejects(greedyAccuracy(pi, { q1: 'a' }), /greedyAccuracy: correct has no answer for prompt "q2"/);
  await assert.rejects(bestOfNAccuracy(pi, 0, selfLogLikelihood, answers), /bestOfNAccuracy: N must be ≥ 1/);
});
