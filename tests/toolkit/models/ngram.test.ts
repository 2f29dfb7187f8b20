import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ngram } from '../../../src/toolkit/models/ngram.js';
import { chiSquare, chiSquare999 } from './chi-square.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

// Hand counts for the bigram model of ['ab', 'abb'] (start symbol ^, end $):
//   after ^: a×2 (total 2);  after a: b×2 (total 2);  after b: $×2, b×1 (total 3).   Vocabulary {$, a, b}: V = 3.
const corpus = ['ab', 'abb'];
const addK = (count: number, total: number, k: number) => (count + k) / (total + 3 * k);

test('ngram probabilities equal add-k hand counts', async () => {
  for (const k of [1, 0.5, 0]) {
    const lm = ngram(corpus, { n: 2, smoothing: k });
    assert.deepEqual(lm.vocabulary, ['</s>', 'a', 'b']);
    close(await lm.logProb('', 'ab'), Math.log(addK(2, 2, k) * addK(2, 2, k) * addK(2, 3, k)));
    close(await lm.logProb('a', 'b'), Math.log(addK(2, 2, k) * addK(2, 3, k)));
    close(await lm.logProb('', 'abb'), Math.log(addK(2, 2, k) * addK(2, 2, k) * addK(1, 3, k) * addK(2, 3, k)));
    assert.deepEqual(Array.from(lm.nextTokenProbs('ab')), [addK(2, 3, k), addK(0, 3, k), addK(1, 3, k)]);
    const { tokens, logProbs } = lm.tokenLogProbs('a', 'b');
    assert.deepEqual(tokens, ['b', '']);
    close(logProbs[1]!, Math.log(addK(2, 3, k)));
  }
  const mle = ngram(corpus, { n: 2, smoothing: 0 });
  assert.equal(await mle.logProb('', 'ba'), -Infinity);
  assert.equal(await mle.logProb('', 'z'), -Infinity, 'token outside the vocabulary');
  // Unseen context with k = 0 falls back to uniform.
  assert.deepEqual(Array.from(mle.nextTokenProbs('z')), [1 / 3, 1 / 3, 1 / 3]);
});

test('ngram trigram and word level match hand counts', async () => {
  // Trigram of ['aab']: contexts (^,^)→a, (^,a)→a, (a,a)→b, (a,b)→$; V = 3.
  const tri = ngram(['aab'], { n: 3, smoothing: 1 });
  close(await tri.logProb('', 'aab'), Math.log((2 / 4) ** 4));
  close(await tri.logProb('a', 'ab'), Math.log((2 / 4) ** 3));
  // Word bigram of two sentences, k = 0: P(cat|the) = P(dog|the) = 1/2, all else certain.
  const words = ngram(['the cat sat', 'the dog sat'], { n: 2, level: 'token', smoothing: 0 });
  close(await words.logProb('the', 'cat sat'), Math.log(0.5));
  assert.equal(words.document('the', 'cat sat'), 'the cat sat');
  const s = (await words.sample(['the'], { seed: 1 }))[0]![0]!;
  assert.ok(['cat sat', 'dog sat'].includes(s.text), s.text);
  assert.equal(s.tokens!.join(''), s.text);
});

test('ngram next-token distributions sum to 1 and perplexity matches its definition', async () => {
  const lm = ngram(['hello world', 'help', 'yellow'], { n: 3, smoothing: 0.1 });
  for (const prefix of ['', 'h', 'hel', 'xyz', 'yellow']) close(lm.nextTokenProbs(prefix).reduce((a, b) => a + b, 0), 1, 1e-12);
  const texts = ['help', 'hello'];
  let sum = 0;
  let count = 0;
  for (const t of texts) { sum += await lm.logProb('', t); count += [...t].length + 1; }
  close(lm.perplexity(texts), Math.exp(-sum / count), 1e-9);
  assert.equal(lm.perplexity(['q']), Infinity);
  assert.throws(() => lm.perplexity([]), /ngram.perplexity: texts must not be empty/);
});

test('ngram first-token sampling frequencies follow P(· | prompt) (chi-square at 0.999, seed 3)', async () => {
  const lm = ngram(corpus, { n: 2, smoothing: 1 });
  const [samples] = await lm.sample(['a'], { n: 20_000, seed: 3, maxTokens: 1 });
  const counts = [0, 0, 0];
  for (const s of samples!) counts[s.tokenIds[0]!]!++;
  const { stat, df } = chiSquare(counts, lm.nextTokenProbs('a'));
  assert.ok(stat < chiSquare999(df), `chi-square ${stat}`);
  for (const s of samples!) assert.equal(s.finishReason, s.tokenIds[0] === 0 ? 'stop' : 'length');
});

test('ngram samples are self-consistent: tokens spell the text and log-probs sum to logProb', async () => {
  const lm = ngram(['2+2=4', '2+3=5', '3+3=6'], { n: 4, smoothing: 0.01 });
  const [samples] = await lm.sample(['2+'], { n: 50, seed: 8, topK: 2 });
  for (const s of samples!) {
    assert.equal(s.tokens!.join(''), s.text);
    assert.equal(s.topLogProbs.length, s.tokenIds.length);
    assert.equal(s.topLogProbs[0]!.length, 2);
    if (s.finishReason === 'stop') close(s.tokenLogProbs.reduce((a, b) => a + b, 0), await lm.logProb('2+', s.text), 1e-9);
  }
  assert.deepEqual(await lm.sample(['2+'], { n: 5, seed: 2 }), await lm.sample(['2+'], { n: 5, seed: 2 }));
  const greedy = await lm.sample(['2+2'], { n: 3, temperature: 0 });
  assert.ok(greedy[0]!.every((s) => s.text === '=4'));
  const top = lm.topLogProbs('2+2=', 1);
  assert.deepEqual(top.map((t) => t.token), ['4']);
});

test('ngram scoreText concatenates to the text and sums to logProb', async () => {
  const lm = ngram(['abc', 'abd'], { n: 2 });
  const s = await lm.scoreText('abd');
  assert.equal(s.tokens.join(''), 'abd');
  assert.deepEqual(s.offsets, [0, 1, 2, 3]);
  close(s.logProbs.reduce((a, b) => a + b, 0), await lm.logProb('', 'abd'));
});

test('ngram fit replaces or accumulates counts and keeps the vocabulary', async () => {
  const lm = ngram(corpus, { n: 2, smoothing: 1 });
  const replaced = lm.fit(['ba']);
  assert.equal(replaced.trainedTokens, 3);
  assert.deepEqual(replaced.vocabulary, ['</s>', 'a', 'b']);
  close(await replaced.logProb('', 'ba'), Math.log((2 / 4) * (2 / 4) * (2 / 4)));
  const acc = lm.fit(['ba', 'c'], { accumulate: true });
  assert.equal(acc.trainedTokens, 7 + 3 + 2);
  assert.deepEqual(acc.vocabulary, ['</s>', 'a', 'b', 'c']);
  // After ^ : a×2, b×1, c×1 (total 4), V = 4.
  close(Math.exp(await acc.logProb('', 'c')), ((1 + 1) / (4 + 4)) * ((1 + 1) / (1 + 4)));
  close(await lm.logProb('', 'ab'), Math.log(0.6 * 0.6 * 0.5), 1e-12); // the original model is unchanged
});

test('ngram names bad input', async () => {
  assert.throws(() => ngram(['a'], { n: 0 }), /ngram: n must be ≥ 1 \(got n=0\)/);
  assert.throws(() => ngram(['a'], { level: 'word' as 'char' }), /ngram: level must be one of 'char', 'token' \(got "word"\)/);
  assert.throws(() => ngram(['a'], { smoothing: -1 }), /ngram: smoothing must be ≥ 0/);
  assert.throws(() => ngram(['a', 3 as unknown as string]), /ngram: corpus\[1\] must be a string \(got 3\)/);
  await assert.rejects(ngram(['a']).sample(['a'], { maxTokens: 0 }), /ngram.sample: maxTokens must be ≥ 1/);
});
