import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logLikelihood, selfCertainty, majorityAgreement, coReward } from '../../../src/toolkit/rewards/index.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('logLikelihood sums or averages token log-probs, from arrays or samples', () => {
  const ll = logLikelihood([[-0.1, -0.2], [-1], { tokenLogProbs: [-0.5, -0.5, -0.5] }]);
  close(ll[0]!, -0.3); close(ll[1]!, -1); close(ll[2]!, -1.5);
  close(logLikelihood([[-0.1, -0.2]], { reduce: 'mean' })[0]!, -0.15);
  assert.throws(() => logLikelihood([[0.5]]), { message: 'logLikelihood: completions[0][0] must be a log-probability ≤ 0 (got 0.5)' });
});

test('selfCertainty is the mean over positions of KL(U‖p), computed directly', () => {
  const rows = [[0.7, 0.2, 0.1], [1 / 3, 1 / 3, 1 / 3]];
  const kl = (p: number[]) => p.reduce((s, pj) => s + (1 / p.length) * Math.log((1 / p.length) / pj), 0);
  const expected = (kl(rows[0]!) + kl(rows[1]!)) / 2;
  close(selfCertainty([rows], { input: 'probs' })[0]!, expected);
  close(selfCertainty([rows.map((r) => r.map(Math.log))])[0]!, expected);
  // Logits shifted by a constant give the same distribution.
  close(selfCertainty([rows.map((r) => r.map((p) => Math.log(p) + 5))], { input: 'logits' })[0]!, expected);
  close(selfCertainty([[[Math.log(0.5), Math.log(0.5)]]])[0]!, 0);
});

test('majorityAgreement and coReward', () => {
  assert.deepEqual(Array.from(majorityAgreement(['4', '4', '5', null, 'a', 'b', 'b', 'a'], 4)), [1, 1, 0, 0, 1, 0, 0, 1]);
  assert.deepEqual(Array.from(majorityAgreement(Int32Array.from([2, 3, 3, 1]), 2)), [1, 0, 1, 0]);
  const co = coReward(['3', '3', '4', 'x', 'y', 'y'], ['3', '5', '3', 'y', 'x', 'x'], 3);
  assert.deepEqual(Array.from(co.rewardsA), [1, 1, 0, 1, 0, 0]);
  assert.deepEqual(Array.from(co.rewardsB), [1, 0, 1, 1, 0, 0]);
  assert.throws(() => majorityAgreement(['a', 'b', 'c'], 2), { message: 'majorityAgreement: answers length must be a multiple of groupSize (got 3 answers, groupSize=2)' });
});
