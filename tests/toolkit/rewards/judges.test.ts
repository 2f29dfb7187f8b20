import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairwiseJudge, rankJudge, binaryJudge, positionBias } from '../../../src/toolkit/rewards/index.js';

const byLength = pairwiseJudge((_, a, b) => (a.length <= b.length ? 0 : 1));

test('pairwiseJudge: verdicts map back through shuffling; failures are −1', async () => {
  const pairs = [['aa', 'b'], ['c', 'dddd'], ['x', 'yy']] as const;
  assert.deepEqual(Array.from(await byLength.judge(['', '', ''], pairs)), [1, 0, 0]);
  for (const seed of [0, 1, 2]) assert.deepEqual(Array.from(await byLength.judge(['', '', ''], pairs, { shuffle: true, seed })), [1, 0, 0]);
  const flaky = pairwiseJudge((q) => { if (q === 'boom') throw new Error('api down'); return q === 'weird' ? 7 : 0; });
  assert.deepEqual(Array.from(await flaky.judge(['ok', 'boom', 'weird'], [['a', 'b'], ['a', 'b'], ['a', 'b']])), [0, -1, -1]);
});

test('rankJudge returns best-first indices of the original order; invalid rankings give −1 rows', async () => {
  const j = rankJudge((_, cs) => cs.map((_, i) => i).sort((x, y) => cs[x]!.length - cs[y]!.length));
  const [r] = await j.judge(['q'], [['ccc', 'a', 'bb']], { shuffle: true, seed: 3 });
  assert.deepEqual(Array.from(r!), [1, 2, 0]);
  const bad = rankJudge(() => [0, 0]);
  assert.deepEqual((await bad.judge(['q'], [['a', 'b']])).map((x) => Array.from(x)), [[-1, -1]]);
});

test('binaryJudge passes gold and maps booleans', async () => {
  const j = binaryJudge((_, c, gold) => c.includes(gold ?? '?'));
  assert.deepEqual(Array.from(await j.judge(['', '', ''], ['it is 4', 'five', 'x'], { gold: ['4', '4', '4'] })), [1, 0, 0]);
  const broken = binaryJudge(() => 'yes' as never);
  assert.deepEqual(Array.from(await broken.judge([''], ['a'])), [-1]);
});

test('positionBias: 0 for a content judge, 1 for a judge that always picks the first slot', async () => {
  const pairs = [['aa', 'b'], ['c', 'dddd'], ['x', 'yy'], ['pp', 'q']] as const;
  const prompts = ['', '', '', ''];
  const fair = await positionBias(byLength, prompts, pairs);
  assert.equal(fair.flipRate, 0);
  assert.equal(fair.firstPositionRate, 0.5);
  const first = await positionBias(pairwiseJudge(() => 0), prompts, pairs);
  assert.equal(first.flipRate, 1);
  assert.equal(first.firstPositionRate, 1);
  // Half the pairs decided by position, half by content.
  const mixed = await positionBias(pairwiseJudge((_, a, b) => (a.startsWith('p') || b.startsWith('p') || a.startsWith('q') || b.startsWith('q') ? 0 : a.length <= b.length ? 0 : 1)), prompts, pairs);
  assert.equal(mixed.flipRate, 0.25);
});
