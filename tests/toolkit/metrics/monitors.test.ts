import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupSignal, completionStats, rewardHacking } from '../../../src/toolkit/metrics/index.js';
import type { Sample } from '../../../src/toolkit/models/policy.js';

test('groupSignal: zero-variance groups, effective batch, solve histogram', () => {
  const s = groupSignal([1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0], 4);
  assert.equal(s.fracZeroStd, 2 / 3);
  assert.equal(s.effectiveBatch, 4);
  assert.deepEqual(s.solveHistogram, { allWrong: 1, mixed: 1, allRight: 1 });
  assert.equal(groupSignal([0.5, 0.5, 0.2, 0.3], 2).solveHistogram, null);
  assert.throws(() => groupSignal([1, 0, 1], 2), /groupSignal: rewards length must be a multiple of groupSize \(got 3, groupSize=2\)/);
});

test('completionStats: from lengths and from samples', () => {
  const s = completionStats([12, 256, 256, 40], { maxTokens: 256 });
  assert.equal(s.clippedRatio, 0.5);
  assert.equal(s.terminatedMeanLength, 26);
  assert.equal(s.alarm, false);
  const sample = (n: number, finishReason: 'stop' | 'length'): Sample => ({ prompt: '', text: '', tokenIds: new Array(n).fill(0), tokenLogProbs: [], topLogProbs: [], finishReason });
  const t = completionStats([sample(5, 'length'), sample(5, 'length'), sample(3, 'stop')]);
  assert.ok(Math.abs(t.clippedRatio - 2 / 3) < 1e-12 && t.alarm && t.meanLength === 13 / 3);
  assert.throws(() => completionStats([1, 2]), /completionStats: maxTokens is required when passing lengths/);
});

test('rewardHacking: proxy rising while gold is flat fires the gap; matched gains do not', () => {
  const steps = 40;
  const wiggle = (t: number) => 0.01 * Math.sin(t * 1.7);
  const proxy = Array.from({ length: steps }, (_, t) => 0.2 + 0.02 * t + wiggle(t));
  const flatGold = Array.from({ length: steps }, (_, t) => 0.2 + wiggle(t + 3));
  const report = rewardHacking({ reward: proxy, gold: flatGold, length: proxy.map(() => 100), components: { format: proxy.map(() => 0.9), correct: proxy.map(() => 0.1) } });
  assert.deepEqual(report.fired.sort(), ['componentDominance', 'proxyGoldGap']);
  const healthy = rewardHacking({ reward: proxy, gold: proxy.map((v, t) => v + wiggle(t + 5)) });
  assert.deepEqual(healthy.fired, []);
  assert.throws(() => rewardHacking({ reward: [1, 2, 3] }), /rewardHacking: the log needs at least 2·window steps \(got 3 steps, window=10\)/);
});
