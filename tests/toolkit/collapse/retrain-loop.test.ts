import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grammarCorpus, retrainLoop } from '../../../src/toolkit/collapse/index.js';
import { ngram } from '../../../src/toolkit/models/ngram.js';
import type { Policy } from '../../../src/toolkit/models/policy.js';

test('grammarCorpus: seeded sentences ending in a period, with Zipf-ordered word choice', () => {
  const a = grammarCorpus({ sentences: 3000, seed: 4 });
  assert.deepEqual(a, grammarCorpus({ sentences: 3000, seed: 4 }));
  assert.notDeepEqual(a.slice(0, 20), grammarCorpus({ sentences: 20, seed: 5 }));
  assert.ok(a.every((s) => s.endsWith(' .')));
  const count = (w: string) => a.reduce((n, s) => n + s.split(' ').filter((t) => t === w).length, 0);
  // Determiners have weights 1, 1/2, …: 'the' ≈ 2 × 'a'.
  const ratio = count('the') / count('a');
  assert.ok(ratio > 1.8 && ratio < 2.2, `the/a = ${ratio}`);
});

test('retrainLoop: generation-0 perplexity is the real-trained model’s held-out perplexity', async () => {
  const corpus = grammarCorpus({ sentences: 400, seed: 1 });
  const heldOut = grammarCorpus({ sentences: 50, seed: 99 });
  const base = ngram(corpus, { level: 'token', n: 2, smoothing: 0.01 });
  const run = await retrainLoop((texts) => base.fit(texts), corpus, { generations: 0, heldOut });
  assert.ok(Math.abs(run.metrics.perplexity[0]! - base.fit(corpus).perplexity(heldOut)) < 1e-9);
});

test('retrainLoop: replace degrades held-out perplexity and diversity, accumulate barely moves (n-gram LM)', async () => {
  const corpus = grammarCorpus({ sentences: 600, seed: 2 });
  const base = ngram(corpus, { level: 'token', n: 2, smoothing: 0.001 });
  const train = (texts: string[]) => base.fit(texts);
  const replace = await retrainLoop(train, corpus, { generations: 6, synthRatio: 0.2, seed: 3 });
  const accumulate = await retrainLoop(train, corpus, { generations: 6, synthRatio: 0.2, seed: 3, mode: 'accumulate' });
  const growth = (r: typeof replace) => r.metrics.perplexity[6]! / r.metrics.perplexity[0]!;
  assert.ok(growth(replace) > 2, `replace ×${growth(replace)}`);
  assert.ok(growth(accumulate) < 1.3, `accumulate ×${growth(accumulate)}`);
  assert.ok(replace.metrics.distinct2[6]! < replace.metrics.distinct2[0]!);
  assert.equal(replace.samples.length, 7);
});

/** A unigram policy over whitespace tokens (ML estimate plus add-0.5), to test the Policy contract without scoreText. */
function unigram(texts: string[]): Policy {
  const counts = new Map<string, number>();
  let total = 0;
  for (const t of texts) for (const w of [...t.split(' '), '</s>']) { counts.set(w, (counts.get(w) ?? 0) + 1); total++; }
  const vocab = [...counts.keys()];
  const p = (w: string) => ((counts.get(w) ?? 0) + 0.5) / (total + 0.5 * (vocab.length + 1));
  return {
    name: 'unigram',
    async logProb(_prompt, completion) { return [...completion.split(' '), '</s>'].reduce((s, w) => s + Math.log(p(w)), 0); },
    async sample(prompts, options = {}) {
      let state = (options.seed ?? 0) + 1;
      const next = () => { state = (state * 16807) % 2147483647; return state / 2147483647; };
      return prompts.map((prompt) => Array.from({ length: options.n ?? 1 }, () => {
        const words: string[] = [];
        while (words.length < (options.maxTokens ?? 20)) {
          let u = next() * vocab.reduce((s, w) => s + p(w), 0);
          let w = vocab[vocab.length - 1]!;
          for (const v of vocab) { u -= p(v); if (u < 0) { w = v; break; } }
          if (w === '</s>') break;
          words.push(w);
        }
        return { prompt, text: words.join(' '), tokenIds: [], tokenLogProbs: [], topLogProbs: [], finishReason: 'stop' as const };
      }));
    },
  };
}

test('retrainLoop: perplexity through logProb counts whitespace tokens plus end of sequence', async () => {
  const corpus = ['a b', 'a c', 'b b', 'a a', 'c a'];
  const heldOut = ['a b c'];
  const run = await retrainLoop(unigram, corpus, { generations: 0, heldOut });
  const lp = await unigram(corpus).logProb('', 'a b c');
  assert.ok(Math.abs(run.metrics.perplexity[0]! - Math.exp(-lp / 4)) < 1e-12);
});

test('retrainLoop: filter acceptance is recorded; rejecting everything names the generation', async () => {
  const corpus = grammarCorpus({ sentences: 100, seed: 6 });
  const run = await retrainLoop(unigram, corpus, { generations: 2, filter: (t) => t.length > 0 && t.length % 2 === 0, extraMetrics: { count: (s) => s.length, chars: async (s) => s.join('').length } });
  assert.deepEqual(run.metrics.count, run.samples.map((s) => s.length));
  assert.deepEqual(run.metrics.chars, run.samples.map((s) => s.join('').length));
  const drawn = run.samples[1]!;
  assert.equal(run.metrics.accepted[1], drawn.filter((t) => t.length > 0 && t.length % 2 === 0).length / drawn.length);
  await assert.rejects(retrainLoop(unigram, corpus, { generations: 2, filter: () => false }), /retrainLoop: filter rejected every sample at generation 0/);
});
