import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightedVote, majorityVote, answerEntropy } from '../../../src/toolkit/select/index.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('majorityVote: plurality of non-null answers, ties to the first seen', () => {
  const v = majorityVote(['4', '5', '4', null]);
  assert.equal(v.answer, '4');
  close(v.share, 2 / 3);
  assert.deepEqual(v.tally.map((t) => [t.answer, t.votes]), [['4', 2], ['5', 1]]);
  assert.equal(majorityVote(['b', 'a', 'a', 'b']).answer, 'b');
  assert.equal(majorityVote([null, undefined]).answer, null);
});

test('weightedVote sums weights per answer', () => {
  const v = weightedVote(['a', 'b', 'b'], [0.9, 0.2, 0.3]);
  assert.equal(v.answer, 'a');
  close(v.share, 0.9 / 1.4);
  close(v.tally[1]!.weight, 0.5);
  const bundle = (v as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]();
  assert.match(bundle['text/html']!, /<table/);
  assert.throws(() => weightedVote(['a'], [-1]), { message: 'weightedVote: weights[0] must be ≥ 0 (got -1)' });
  assert.throws(() => weightedVote(['a', 'b'], [1]), { message: 'weightedVote: answers and weights must have the same length (got 2 and 1)' });
});

test('answerEntropy is the Shannon entropy of answer shares', () => {
  close(answerEntropy(['a', 'a', 'b', 'b']), Math.log(2));
  close(answerEntropy(['a', 'b'], { base: 2 }), 1);
  const q = [3 / 6, 2 / 6, 1 / 6];
  close(answerEntropy(['x', 'y', 'x', 'z', 'y', 'x', null]), -q.reduce((h, p) => h + p * Math.log(p), 0));
  assert.equal(answerEntropy(['a', 'a']), 0);
  assert.equal(answerEntropy([null]), 0);
  assert.throws(() => answerEntropy(['a'], { base: 1 }), { message: 'answerEntropy: base must not be 1 (got base=1)' });
});

test('bordaVote weights ranks by (N − r + 1)^p', async () => {
  const { bordaVote } = await import('../../../src/toolkit/select/index.js');
  // Scores rank: idx0 (9) r=1 → 4^p, idx3 (7) r=2 → 3^p, idx1 (5) r=3 → 2^p, idx2 (1) r=4 → 1.
  const answers = ['a', 'b', 'b', 'b'];
  const v = bordaVote(answers, [9, 5, 1, 7], { power: 2 });
  close(v.tally[0]!.weight, 16);
  close(v.tally[1]!.weight, 4 + 1 + 9);
  assert.equal(v.answer, 'a');
  assert.equal(bordaVote(answers, [9, 5, 1, 7], { power: 0 }).answer, 'b'); // p = 0: plain majority
  // Ties share the better rank.
  close(bordaVote(['x', 'y'], [1, 1], { power: 1 }).tally[1]!.weight, 2);
});
