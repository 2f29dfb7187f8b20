import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { ngram } from '../../../src/toolkit/models/ngram.js';
import { bestOfN } from '../../../src/toolkit/sharpen/best-of-n.js';
import { sft } from '../../../src/toolkit/sharpen/sft.js';
import { selfLogLikelihood } from '../../../src/toolkit/sharpen/reward.js';
import type { Policy, Sample } from '../../../src/toolkit/models/policy.js';

const pick = (prompt: string, text: string): Sample => ({ prompt, text, tokenIds: [], tokenLogProbs: [], topLogProbs: [], finishReason: 'stop' });

test('sft refits a categorical policy to the empirical distribution of the picks (optionally mixed)', () => {
  const pi = categorical({ q1: { a: 0.5, b: 0.3, c: 0.2 }, q2: { x: 0.5, y: 0.5 } });
  const picks = [pick('q1', 'a'), pick('q1', 'b'), pick('q1', 'a'), pick('q1', 'a')];
  const refit = sft(pi, picks);
  assert.deepEqual(refit.probs('q1'), { a: 0.75, b: 0.25, c: 0 });
  assert.deepEqual(refit.probs('q2'), { x: 0.5, y: 0.5 }, 'prompts without picks keep their distribution');
  const mixed = sft(pi, picks, { mix: 0.2 });
  const want = [0.8 * 0.75 + 0.2 * 0.5, 0.8 * 0.25 + 0.2 * 0.3, 0.2 * 0.2];
  Array.from(mixed.probVector('q1')).forEach((p, i) => assert.ok(Math.abs(p - want[i]!) < 1e-12));
  assert.deepEqual(pi.probs('q1'), { a: 0.5, b: 0.3, c: 0.2 }, 'input unchanged');
});

test('sft on a best-of-N result puts each prompt on its pick', async () => {
  const pi = categorical({ q1: { a: 0.5, b: 0.3, c: 0.2 }, q2: { x: 0.1, y: 0.9 } });
  const bon = await bestOfN(pi, pi.prompts, 4, selfLogLikelihood, { seed: 3 });
  const refit = sft(pi, bon);
  for (const p of bon.picks) assert.equal(refit.probs(p.prompt)[p.chosen.text], 1);
});

test('sft refits an n-gram model on prompt + pick documents, replacing or accumulating counts', async () => {
  const lm = ngram(['2+2=4', '2+2=5', '2+2=5'], { n: 3, smoothing: 0.1 });
  const picks = [pick('2+2=', '4'), pick('2+2=', '4')];
  const refit = sft(lm, picks);
  const direct = lm.fit(['2+2=4', '2+2=4']);
  assert.equal(await refit.logProb('2+2=', '4'), await direct.logProb('2+2=', '4'));
  assert.ok((await refit.logProb('2+2=', '4')) > (await lm.logProb('2+2=', '4')));
  const acc = sft(lm, picks, { accumulate: true });
  assert.equal(acc.trainedTokens, lm.trainedTokens + 12);
});

test('sft names bad input', () => {
  const pi = categorical({ q: { a: 1, b: 1 } });
  assert.throws(() => sft(pi, [pick('q', 'zzz')]), /sft: pick "zzz" is not an answer of prompt "q"/);
  assert.throws(() => sft(pi, [pick('nope', 'a')]), /categorical.answers: unknown prompt "nope"/);
  assert.throws(() => sft(pi, [], { mix: 2 }), /sft: mix must be ≤ 1/);
  assert.throws(() => sft(ngram(['a']), []), /sft: picks must not be empty for an n-gram model/);
  const other: Policy = { name: 'remote', sample: async () => [], logProb: async () => 0 };
  assert.throws(() => sft(other, [pick('q', 'a')]), /sft: policy "remote" cannot be trained here: sft supports categorical and ngram models/);
});
