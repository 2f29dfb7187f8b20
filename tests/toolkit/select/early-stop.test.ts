import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earlyStopVote, earlyStopSample, type Answer } from '../../../src/toolkit/select/index.js';

test('earlyStopVote stops at the first unanimous window', () => {
  const r = earlyStopVote(['7', '3', '7', '7', '7', '7', '7', '7', '1'], { window: 3 });
  // Window 1 (7,3,7) disagrees, window 2 (7,7,7) agrees: 6 samples used, majority over them is '7'.
  assert.deepEqual({ ...r }, { answer: '7', share: 5 / 6, samplesUsed: 6, windows: 2, stoppedEarly: true });
});

test('earlyStopVote uses the whole budget when no window agrees, and honors threshold', () => {
  const answers = ['a', 'b', 'a', 'b', 'a', 'a', null, 'a'];
  const r = earlyStopVote(answers, { window: 4 });
  assert.equal(r.samplesUsed, 8);
  assert.equal(r.stoppedEarly, false);
  assert.equal(r.answer, 'a');
  const loose = earlyStopVote(answers, { window: 4, threshold: 0.5 });
  assert.equal(loose.samplesUsed, 4);
  const capped = earlyStopVote(answers, { window: 4, maxSamples: 6 });
  assert.equal(capped.samplesUsed, 6);
  assert.equal(capped.windows, 2);
  assert.throws(() => earlyStopVote(answers, { maxSamples: 9 }), { message: 'earlyStopVote: maxSamples must be ≤ answers.length (got maxSamples=9, answers.length=8)' });
});

test('earlyStopSample draws windows until agreement', async () => {
  const stream: Answer[] = ['x', 'y', 'x', 'x', 'x', 'x'];
  const asked: number[] = [];
  let at = 0;
  const r = await earlyStopSample((m) => { asked.push(m); const out = stream.slice(at, at + m); at += m; return out; }, { window: 2, maxSamples: 6 });
  assert.deepEqual(asked, [2, 2]);
  assert.equal(r.answer, 'x');
  assert.equal(r.stoppedEarly, true);
  await assert.rejects(earlyStopSample(() => ['a'], { window: 2 }), { message: 'earlyStopSample: draw(2) must return 2 answers (got 1)' });
});
