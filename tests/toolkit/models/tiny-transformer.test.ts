// Issue 6: models.tinyTransformer trains on wasm, samples and scores consistently as a Policy, and matches cpu.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init, use, tf } from '../../../src/toolkit/tensor/index.js';
import { tinyTransformer } from '../../../src/toolkit/models/tiny-transformer.js';

const ADDITION: string[] = [];
for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) ADDITION.push(`${a}+${b}=${a + b}`);

before(async () => {
  await init({ prefer: 'wasm' });
});

test('learns single-digit addition on wasm to ≥ 90% exact greedy answers, leaking no tensors', async () => {
  await use('wasm');
  const before = tf.memory().numTensors;
  const model = tinyTransformer({ corpus: ADDITION, dModel: 32, layers: 2, heads: 2, context: 8, seed: 0 });
  const run = model.fit(ADDITION, { steps: 400, batchSize: 64, lr: 5e-3, seed: 0 });
  assert.equal(run.losses.length, 400);
  // The operands are uniform, so ~2·ln 10 nats per 6–7 tokens cannot be learned: the floor is ≈ 0.7 nats/token.
  assert.ok(run.losses[0]! > 2 && run.losses.at(-1)! < 0.85, `loss ${run.losses[0]} → ${run.losses.at(-1)}`);
  const samples = await model.sample(ADDITION.map((s) => s.slice(0, 4)), { temperature: 0 });
  const correct = samples.filter((s, i) => s[0]!.text === ADDITION[i]!.slice(4) && s[0]!.finishReason === 'stop').length;
  assert.ok(correct >= 90, `accuracy ${correct}/100`);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('probabilities of every continuation sum to 1 (brute force over a 2-letter vocabulary)', async () => {
  const model = tinyTransformer({ vocab: 'ab', dModel: 8, layers: 1, heads: 2, context: 3, seed: 3 });
  // context 3 = start token + 2 characters: a sequence ends with </s> after 0 or 1 letters, or is cut after 2.
  let total = Math.exp(await model.logProb('', ''));
  for (const x of 'ab') {
    total += Math.exp(await model.logProb('', x));
    for (const y of 'ab') {
      const { logProbs } = await model.scoreText(x + y); // [log p(x), log p(y|x), log p(</s>|xy)]
      total += Math.exp(logProbs[0]! + logProbs[1]!);
    }
  }
  assert.ok(Math.abs(total - 1) < 1e-5, `total ${total}`);
  const cut = (await model.sample([''], { n: 20, seed: 1 }))[0]!;
  for (const s of cut) assert.ok(s.finishReason === 'stop' ? s.text.length <= 1 : s.text.length === 2);
  model.dispose();
});

test('a stopped sample has tokenLogProbs summing to logProb, and scoreText agrees with tokenLogProbs', async () => {
  const model = tinyTransformer({ corpus: ADDITION, dModel: 16, layers: 1, heads: 2, context: 8, seed: 1 });
  const [[s]] = (await model.sample(['3+4='], { seed: 5, maxTokens: 3, topK: 2 })) as [[import('../../../src/toolkit/models/policy.js').Sample]];
  if (s.finishReason === 'stop') {
    assert.equal(s.tokenIds.at(-1), 0);
    assert.equal(s.tokens!.at(-1), '');
    const lp = await model.logProb('3+4=', s.text);
    assert.ok(Math.abs(lp - s.tokenLogProbs.reduce((a, b) => a + b, 0)) < 1e-4);
  }
  assert.equal(s.topLogProbs.length, s.tokenIds.length);
  for (const alts of s.topLogProbs) assert.ok(alts.length === 2 && alts[0]!.logProb >= alts[1]!.logProb);
  const scored = await model.scoreText('3+4=7');
  const pieces = await model.tokenLogProbs('3+4=', '7');
  assert.deepEqual(scored.tokens, ['3', '+', '4', '=', '7', '']);
  assert.deepEqual(scored.offsets, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(pieces.tokens, ['7', '']);
  pieces.logProbs.forEach((lp, i) => assert.ok(Math.abs(lp - scored.logProbs[4 + i]!) < 1e-5));
  assert.equal(await model.logProb('3+4=', 'x'), -Infinity);
  model.dispose();
});

test('cached decoding gives the same per-token log-probabilities as scoring the whole sequence', async () => {
  const model = tinyTransformer({ corpus: ADDITION, dModel: 16, layers: 2, heads: 2, context: 10, seed: 4 });
  // Prompts of different lengths form separate decoding groups; maxTokens 4 leaves some samples cut ('length').
  const prompts = ['1+', '7+8=', '', '3'];
  const samples = await model.sample(prompts, { n: 3, seed: 11, maxTokens: 4 });
  let cut = 0;
  for (const [p, group] of samples.entries()) {
    for (const s of group) {
      assert.equal(s.prompt, prompts[p]);
      const scored = await model.scoreText(prompts[p]! + s.text);
      // scoreText ends with the end token; a stopped sample's last token is that end token.
      const expected = scored.logProbs.slice([...prompts[p]!].length, s.finishReason === 'stop' ? undefined : -1);
      assert.equal(expected.length, s.tokenLogProbs.length);
      s.tokenLogProbs.forEach((lp, i) => assert.ok(Math.abs(lp - expected[i]!) < 1e-4, `${prompts[p]}|${s.text} token ${i}: ${lp} vs ${expected[i]}`));
      if (s.finishReason === 'length') cut++;
    }
  }
  assert.ok(cut > 0, 'some samples should hit maxTokens');
  model.dispose();
});

test('sampling: same seed same samples, temperature 0 is greedy, frequencies match probabilities', async () => {
  const model = tinyTransformer({ vocab: 'abc', dModel: 8, layers: 1, heads: 1, context: 6, seed: 2 });
  const a = await model.sample(['ab', 'c'], { n: 3, seed: 9 });
  const b = await model.sample(['ab', 'c'], { n: 3, seed: 9 });
  assert.deepEqual(a, b);
  const top = (await model.sample(['a'], { maxTokens: 1, topK: 4 }))[0]![0]!.topLogProbs[0]!;
  assert.ok(Math.abs(top.reduce((sum, t) => sum + Math.exp(t.logProb), 0) - 1) < 1e-5, 'next-token distribution sums to 1');
  const greedy = (await model.sample(['a'], { maxTokens: 1, temperature: 0 }))[0]![0]!;
  assert.equal(greedy.tokens![0], top[0]!.token);
  const n = 2000;
  const draws = (await model.sample(['a'], { n, maxTokens: 1, seed: 4 }))[0]!;
  for (const t of top) {
    const freq = draws.filter((d) => d.tokens![0] === t.token).length / n;
    const p = Math.exp(t.logProb);
    // 4.5 standard errors of a binomial proportion.
    assert.ok(Math.abs(freq - p) < 4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-9, `${t.token}: ${freq} vs ${p}`);
  }
  model.dispose();
});

test('the same seed gives the same model on cpu and wasm, and training runs on cpu', async () => {
  const build = () => tinyTransformer({ corpus: ADDITION, dModel: 16, layers: 1, heads: 2, context: 8, seed: 7 });
  await use('wasm');
  const w = build();
  const wasmLp = await w.tokenLogProbs('1+2=', '3');
  const wasmFit = w.fit(ADDITION, { steps: 3, batchSize: 4, seed: 1 }).losses;
  w.dispose();
  await use('cpu');
  const c = build();
  const cpuLp = await c.tokenLogProbs('1+2=', '3');
  const cpuFit = c.fit(ADDITION, { steps: 3, batchSize: 4, seed: 1 }).losses;
  c.dispose();
  cpuLp.logProbs.forEach((lp, i) => assert.ok(Math.abs(lp - wasmLp.logProbs[i]!) < 1e-4, `${lp} vs ${wasmLp.logProbs[i]}`));
  cpuFit.forEach((loss, i) => assert.ok(Math.abs(loss - wasmFit[i]!) < 1e-3, `step ${i}: ${loss} vs ${wasmFit[i]}`));
  await use('wasm');
});

test('arguments are validated with the culprit named', async () => {
  assert.throws(() => tinyTransformer({}), { message: 'tinyTransformer: give vocab or corpus (got no characters)' });
  assert.throws(() => tinyTransformer({ vocab: 'ab', dModel: 10, heads: 4 }), { message: 'tinyTransformer: heads must divide dModel (got heads=4, dModel=10)' });
  const model = tinyTransformer({ vocab: 'ab', dModel: 8, heads: 2, context: 4 });
  assert.throws(() => model.fit(['abab']), { message: 'tinyTransformer.fit: texts[0] has 4 characters but context is 4 (a text plus its start token must fit)' });
  await assert.rejects(model.sample(['ax']), { message: 'tinyTransformer.sample: prompts[0] contains "x", which is not in the vocabulary (2 characters)' });
  await assert.rejects(model.sample(['a'], { topP: 0 }), { message: 'tinyTransformer.sample: topP must be > 0 (got topP=0)' });
  model.dispose();
  await assert.rejects(model.logProb('a', 'b'), { message: 'tinyTransformer.tokenLogProbs: the model was disposed' });
});
