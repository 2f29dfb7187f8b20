import { test } from 'node:test';
import assert from 'node:assert/strict';
import { define, combine, groupAdvantages } from '../../../src/toolkit/rewards/index.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('define scores sync and async functions per completion, with columns and null as NaN', async () => {
  const len = define('len', (s) => s.completion.length);
  const right = define('right', async (s) => (s.answer === undefined ? null : s.completion === s.answer ? 1 : 0), { weight: 2 });
  const batch = { completions: ['4', '5', 'x'], prompts: ['a', 'a', 'b'], answer: ['4', '4', undefined] };
  assert.deepEqual(Array.from((await len.score(batch)).values), [1, 1, 1]);
  const r = await right.score(batch);
  assert.equal(r.weight, 2);
  assert.deepEqual(Array.from(r.values), [1, 0, NaN]);
  const seen: unknown[] = [];
  await define('spy', (s) => { seen.push([s.index, s.prompt, s.answer]); return 0; }).score(batch);
  assert.deepEqual(seen, [[0, 'a', '4'], [1, 'a', '4'], [2, 'b', undefined]]);
});

test('define rejects NaN rewards and ragged columns, naming the reward and the column', async () => {
  await assert.rejects(define('bad', () => NaN).score({ completions: ['a'] }), {
    message: 'reward "bad": returned NaN for completion 0; return a finite number, or null when the reward does not apply',
  });
  await assert.rejects(define('r', () => 1).score({ completions: ['a', 'b'], answer: ['x'] }), {
    message: 'reward "r": batch.answer must have one entry per completion (got 1 entries for 2 completions)',
  });
  assert.throws(() => define('', () => 1), { message: 'define: name must be a non-empty string (got "")' });
});

test('combine sumThenNormalize: weighted nansum, then group advantages; all-null rows get 0', async () => {
  const a = define('a', (s) => [1, 0, null, 2][s.index]!);
  const b = define('b', (s) => [0, 1, null, null][s.index]!, { weight: 0.5 });
  const out = await combine([a, b], { groupSize: 2 }).score({ completions: ['', '', '', ''] });
  assert.deepEqual(Array.from(out.total), [1, 0.5, NaN, 2]);
  const s = Math.sqrt(0.125) + 1e-4; // group [1, 0.5]: sample std √0.125
  close(out.advantages[0]!, 0.25 / s);
  close(out.advantages[1]!, -0.25 / s);
  assert.equal(out.advantages[2], 0);
  assert.equal(out.advantages[3], 0); // alone in its group after the NaN row is dropped
  assert.equal(out.components.length, 2);
});

test('combine normalizeThenSum (GDPO) separates reward combinations that sumThenNormalize merges', async () => {
  // Two rewards, 4 completions in one group: (0,2), (0,1), (1,0), (0,0).
  const r1 = [0, 0, 1, 0], r2 = [2, 1, 0, 0];
  const rewards = [define('r1', (s) => r1[s.index]!), define('r2', (s) => r2[s.index]!)];
  const batch = { completions: ['', '', '', ''] };
  const gdpo = await combine(rewards, { mode: 'normalizeThenSum' }).score(batch);
  const z1 = groupAdvantages(r1, 4), z2 = groupAdvantages(r2, 4);
  const summed = z1.map((v, i) => v + z2[i]!);
  const expected = groupAdvantages(summed, 4);
  expected.forEach((v, i) => close(gdpo.advantages[i]!, v));
  const plain = await combine(rewards).score(batch);
  expected.forEach((_, i) => close(plain.advantages[i]!, groupAdvantages([2, 1, 1, 0], 4)[i]!));
  // Sum-then-normalize gives (0,1) and (1,0) the same advantage; GDPO does not.
  close(plain.advantages[1]!, plain.advantages[2]!);
  assert.ok(Math.abs(gdpo.advantages[1]! - gdpo.advantages[2]!) > 0.1);
});

test('combine errors', async () => {
  const a = define('a', () => 1);
  assert.throws(() => combine([]), { message: 'combine: rewards must be a non-empty array of rewards' });
  assert.throws(() => combine([a, a]), { message: 'combine: reward names must be unique ("a" appears twice); rename one with define' });
  await assert.rejects(combine([a], { groupSize: 2 }).score({ completions: ['x', 'y', 'z'] }), {
    message: 'combine: batch size must be a multiple of groupSize (got 3 completions, groupSize=2)',
  });
});

test('fromSamples lays groups out contiguously and repeats per-prompt columns', async () => {
  const { fromSamples } = await import('../../../src/toolkit/rewards/index.js');
  const mk = (prompt: string, text: string) => ({ prompt, text, tokenIds: [1, 2], tokenLogProbs: [-0.1, -0.2], topLogProbs: [], finishReason: 'stop' as const });
  const batch = fromSamples([[mk('p', 'a'), mk('p', 'b')], [mk('q', 'c'), mk('q', 'd')]], { answer: ['a', 'd'] });
  assert.deepEqual(batch.completions, ['a', 'b', 'c', 'd']);
  assert.deepEqual(batch.prompts, ['p', 'p', 'q', 'q']);
  assert.deepEqual(batch.answer, ['a', 'a', 'd', 'd']);
  assert.deepEqual(batch.length, [2, 2, 2, 2]);
  const right = await define('right', (s) => (s.completion === s.answer ? 1 : 0)).score(batch);
  assert.deepEqual(Array.from(right.values), [1, 0, 0, 1]);
  assert.throws(() => fromSamples([[mk('p', 'a')]], { answer: [] }), { message: 'fromSamples: perPrompt.answer must have one entry per prompt (got 0 for 1 prompts)' });
});

test('batch columns may not shadow the per-sample fields', async () => {
  await assert.rejects(define('r', () => 1).score({ completions: ['a'], prompt: ['p'] }), {
    message: 'reward "r": batch.prompt is reserved for the per-sample field; pass batch.prompts',
  });
});
