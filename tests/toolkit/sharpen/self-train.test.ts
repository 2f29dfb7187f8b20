import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { ngram } from '../../../src/toolkit/models/ngram.js';
import { selfTrain } from '../../../src/toolkit/sharpen/self-train.js';
import type { Sample } from '../../../src/toolkit/models/policy.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);

/** Recomputes round statistics by brute force from the same samples (same seeds) and scores. */
function expectedStats(samples: Sample[][], reward: (s: Sample) => number, good: (s: Sample) => boolean) {
  let total = 0, correct = 0, solved = 0, distinct = 0, entropy = 0, bon = 0, wins = 0, pairs = 0;
  for (const row of samples) {
    total += row.length;
    const c = row.filter(good);
    correct += c.length;
    solved += c.length > 0 ? 1 : 0;
    distinct += new Set(c.map((s) => s.text)).size;
    const texts = row.map((s) => s.text);
    for (const t of new Set(texts)) { const f = texts.filter((x) => x === t).length / row.length; entropy -= f * Math.log(f); }
    const r = row.map(reward);
    bon += good(row[r.indexOf(Math.max(...r))]!) ? 1 : 0;
    for (const a of row) for (const b of row) if (good(a) && !good(b)) { pairs++; wins += reward(a) > reward(b) ? 1 : reward(a) === reward(b) ? 0.5 : 0; }
  }
  const m = samples.length;
  return { accuracy: correct / total, passAtN: solved / m, distinctCorrect: distinct / m, answerEntropy: entropy / m, bestOfNAccuracy: bon / m, rewardAUC: pairs ? wins / pairs : null };
}

test('selfTrain logs B-STaR exploration/exploitation statistics that match a brute-force recount', async () => {
  // Two correct answers per prompt (a, b); the reward prefers the wrong answer c over b, so AUC < 1.
  const table = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i}`, { a: 0.2, b: 0.2, c: 0.3, d: 0.3 }]));
  const pi = categorical(table);
  const good = (s: Sample) => s.text === 'a' || s.text === 'b';
  const score: Record<string, number> = { a: 0.9, b: 0.5, c: 0.7, d: 0.1 };
  const reward = (s: Sample) => score[s.text]!;
  const correct = (s: Pick<Sample, 'text'>) => s.text === 'a' || s.text === 'b';
  const result = await selfTrain(pi, pi.prompts, reward, { iterations: 2, N: 6, threshold: 0.8, correct, seed: 9 });
  const round1 = await pi.sample(pi.prompts, { n: 6, seed: 9 });
  const want = expectedStats(round1, reward, good);
  const got = result.history[0]!;
  for (const k of Object.keys(want) as (keyof typeof want)[]) close(got[k] as number, want[k] as number, 1e-12, k);
  assert.ok(got.rewardAUC! < 1 && got.rewardAUC! > 0.5);
  // Threshold 0.8 keeps only 'a': after one ReST-EM round every prompt that drew an 'a' answers 'a' with certainty.
  close(got.keptRate, round1.flat().filter((s) => s.text === 'a').length / 120, 1e-12);
  const round2 = result.history[1]!;
  assert.ok(round2.accuracy > got.accuracy);
  assert.ok(round2.distinctCorrect < got.distinctCorrect, 'exploration decays: b is no longer produced');
  // The final policy is trained from the base on round 2's kept samples; every prompt that drew an 'a' in round 1
  // was certain of 'a' in round 2, so it is certain of 'a' at the end.
  for (const q of pi.prompts) {
    if (round1[pi.prompts.indexOf(q)]!.some((s) => s.text === 'a')) assert.deepEqual(result.policy.probs(q), { a: 1, b: 0, c: 0, d: 0 });
  }
  const html = (result as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]()['text/html']!;
  assert.match(html, /<th>rewardAUC<\/th>/);
});

test('selfTrain on an n-gram LM with a verifier raises accuracy (seeded)', async () => {
  const facts: Record<string, string> = { '1+1=': '2', '1+2=': '3', '2+2=': '4', '2+3=': '5' };
  // A noisy corpus: each fact once correct and once off by one.
  const corpus = Object.entries(facts).flatMap(([q, a]) => [q + a, q + String(Number(a) + 1)]);
  const lm = ngram(corpus, { n: 5, smoothing: 0.01, maxTokens: 4 });
  const verifier = (s: Sample) => (s.text === facts[s.prompt] ? 1 : 0);
  const { history, policy } = await selfTrain(lm, Object.keys(facts), verifier, { iterations: 3, N: 8, seed: 1 });
  assert.equal(history.length, 3);
  assert.ok(history[2]!.accuracy > history[0]!.accuracy, `${history[0]!.accuracy} → ${history[2]!.accuracy}`);
  // Every prompt solved in round 1 is answered correctly by greedy decoding of the final model.
  const greedy = await policy.sample(Object.keys(facts), { temperature: 0 });
  const greedyAcc = greedy.filter((row) => row[0]!.text === facts[row[0]!.prompt]).length / greedy.length;
  assert.ok(greedyAcc >= history[0]!.passAtN, `${greedyAcc} < ${history[0]!.passAtN}`);
});

test('selfTrain names bad input', async () => {
  const pi = categorical({ q: { a: 1 } });
  await assert.rejects(selfTrain(pi, [], () => 1), /selfTrain: prompts must not be empty/);
  await assert.rejects(selfTrain(pi, ['q'], () => 1, { iterations: 0 }), /selfTrain: iterations must be ≥ 1/);
  await assert.rejects(selfTrain(pi, ['q'], () => 1, { from: 'last' as 'base' }), /selfTrain: from must be one of 'base', 'previous'/);
});
