import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankFrequency, sortedCounts, thinRanks } from '../../src/plot/rank-frequency.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

test('rankFrequency: tokens are counted, sorted by count, normalized to sum 1, on log-log axes', () => {
  const tokens = 'the cat and the dog and the bird'.split(' ');
  const fig = rankFrequency(tokens);
  const t = fig.data[0] as T;
  // Brute force: the = 3, and = 2, cat = dog = bird = 1, total 8.
  assert.deepEqual(t['x'], [1, 2, 3, 4, 5]);
  assert.deepEqual(t['y'], [3 / 8, 2 / 8, 1 / 8, 1 / 8, 1 / 8]);
  assert.equal((fig.layout['xaxis'] as T)['type'], 'log');
  assert.equal((fig.layout['yaxis'] as T)['type'], 'log');
  assert.deepEqual(rankFrequency(tokens, { normalize: false }).data[0]!['y'], [3, 2, 1, 1, 1]);
});

test('sortedCounts: Map, record and count arrays agree; zeros are dropped', () => {
  const expected = [5, 2, 1];
  assert.deepEqual(sortedCounts(new Map([['a', 1], ['b', 5], ['c', 2], ['d', 0]]), 'f', 'c'), expected);
  assert.deepEqual(sortedCounts({ a: 2, b: 1, c: 5 }, 'f', 'c'), expected);
  assert.deepEqual(sortedCounts(new Float64Array([1, 0, 5, 2]), 'f', 'c'), expected);
  assert.throws(() => sortedCounts([1, -1], 'plot.rankFrequency', 'counts'), { message: 'plot.rankFrequency: counts[1] must be a finite count ≥ 0 (got -1)' });
});

test('thinRanks: keeps rank 1 and the last rank, at most max + 2 points, strictly increasing', () => {
  assert.deepEqual(thinRanks(5, 10), [0, 1, 2, 3, 4]);
  const kept = thinRanks(100_000, 500);
  assert.equal(kept[0], 0);
  assert.equal(kept[kept.length - 1], 99_999);
  assert.ok(kept.length <= 502);
  for (let i = 1; i < kept.length; i++) assert.ok(kept[i]! > kept[i - 1]!);
  const fig = rankFrequency(Array.from({ length: 5000 }, (_, i) => 1 / (i + 1)), { maxPoints: 300 });
  assert.ok((fig.data[0]!['x'] as number[]).length <= 302);
});

test('rankFrequency: several series; errors name the series', () => {
  const fig = rankFrequency([{ name: 'gen 0', counts: [4, 2, 1] }, { name: 'gen 5', counts: [6, 1] }]);
  assert.deepEqual(fig.data.map((t) => t['name']), ['gen 0', 'gen 5']);
  assert.equal(fig.layout['showlegend'], true);
  assert.throws(() => rankFrequency([{ name: 'g', counts: [0, 0] }]), { message: 'plot.rankFrequency: series "g" has no positive counts' });
});

test('snapshot: rank-frequency-generations', () => {
  const zipf = (n: number, s: number) => Array.from({ length: n }, (_, i) => Math.round(1000 / (i + 1) ** s));
  matchSnapshot('rank-frequency-generations', rankFrequency([{ name: 'gen 0', counts: zipf(60, 1) }, { name: 'gen 3', counts: zipf(25, 1.6) }],
    { title: 'answer diversity by generation' }).toJSON());
});
