import { test } from 'node:test';
import assert from 'node:assert/strict';
import { klEstimators, dpoStats, ppoClipStats } from '../../../src/toolkit/rewards/index.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('k1 and k3 are unbiased: their exact expectation under π equals KL(π‖π_ref); k2 matches ½E[Δ²]', () => {
  const p = [0.5, 0.3, 0.15, 0.05], q = [0.25, 0.25, 0.25, 0.25];
  const kl = p.reduce((s, pi, i) => s + pi * Math.log(pi / q[i]!), 0);
  const est = klEstimators(p.map(Math.log), q.map(Math.log));
  const expect = (v: Float64Array) => p.reduce((s, pi, i) => s + pi * v[i]!, 0);
  close(expect(est.k1), kl);
  close(expect(est.k3), kl);
  close(expect(est.k2), p.reduce((s, pi, i) => s + pi * 0.5 * Math.log(pi / q[i]!) ** 2, 0));
  for (const v of est.k3) assert.ok(v >= 0);
});

test('klEstimators: mask, clamp and errors', () => {
  const est = klEstimators([0, -1, -30], [-1, 0, 0], { mask: [1, 1, 0], clamp: 10 });
  close(est.mean.k1, 0);
  close(est.mean.k3, ((Math.exp(-1) + 1 - 1) + (Math.exp(1) - 1 - 1)) / 2);
  assert.equal(est.tokens, 2);
  assert.equal(est.k3[2], 10);
  close(klEstimators([1e-9], [0]).k3[0]!, 0.5e-18, 1e-24);
  assert.throws(() => klEstimators([0, 1], [0]), { message: 'klEstimators: logProbs and refLogProbs must have the same length (got 2 and 1)' });
  assert.throws(() => klEstimators([0], [0], { mask: [0.5] }), { message: 'klEstimators: mask[0] must be 0 or 1 (got 0.5)' });
});

test('dpoStats: implicit rewards, margins, accuracy and the three losses by hand', () => {
  const s = dpoStats({ chosen: [-10, -12], rejected: [-11, -9], refChosen: [-10.5, -12], refRejected: [-10.5, -10] }, { beta: 0.5 });
  // Pair 0: Δc = 0.5, Δr = −0.5, h = 1. Pair 1: Δc = 0, Δr = 1, h = −1.
  assert.deepEqual(Array.from(s.rewardsChosen), [0.25, 0]);
  assert.deepEqual(Array.from(s.rewardsRejected), [-0.25, 0.5]);
  close(s.summary.margin, (0.5 - 0.5) / 2);
  close(s.summary.accuracy, 0.5);
  const nls = (z: number) => Math.log(1 + Math.exp(-z));
  close(s.summary.sigmoidLoss, (nls(0.5) + nls(-0.5)) / 2);
  close(s.summary.ipoLoss, ((1 - 1) ** 2 + (-1 - 1) ** 2) / 2);
  close(s.summary.hingeLoss, (0.5 + 1.5) / 2);
  assert.throws(() => dpoStats({ chosen: [0], rejected: [0, 1], refChosen: [0], refRejected: [0] }), { message: 'dpoStats: chosen and rejected must have the same length (got 1 and 2)' });
});

test('ppoClipStats: clip fractions follow TRL definitions', () => {
  const ratios = [0.5, 0.5, 1.5, 1.5, 1.0];
  const adv = [-1, 1, 1, -1, 1];
  const s = ppoClipStats(ratios.map(Math.log), [0, 0, 0, 0, 0], adv, { epsLow: 0.2, epsHigh: 0.28 });
  close(s.lowClipFrac, 1 / 5);
  close(s.highClipFrac, 1 / 5);
  close(s.regionClipFrac, 2 / 5);
  close(s.approxKl, ratios.reduce((a, r) => a + 0.5 * Math.log(r) ** 2, 0) / 5);
  close(s.ratioMean, 1);
  close(s.ratioVar, ratios.reduce((a, r) => a + (r - 1) ** 2, 0) / 5);
  // Losses: −min(rA, clip(r)A): 0.8·(−1)→ −min(−0.5, −0.8)=0.8; −min(0.5,0.8)=−0.5; −min(1.5,1.28)=−1.28; −min(−1.5,−1.28)=1.5; −1.
  close(s.policyLoss, (0.8 - 0.5 - 1.28 + 1.5 - 1) / 5);
  assert.throws(() => ppoClipStats([0], [0], [1], { mask: [0] }), { message: 'ppoClipStats: mask must include at least one token' });
});
