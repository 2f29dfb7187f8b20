import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { bestOfN, bestOfNDistribution } from '../../../src/toolkit/sharpen/best-of-n.js';
import { selfLogLikelihood } from '../../../src/toolkit/sharpen/reward.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';
import type { Sample } from '../../../src/toolkit/models/policy.js';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

/** Brute force: enumerate all K^N draw sequences, pick the first highest reward (null lowest), add up probabilities. */
function bruteForce(answers: string[], probs: number[], N: number, reward: (a: string) => number | null): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(answers.map((a) => [a, 0]));
  const K = answers.length;
  const seq = new Array<number>(N).fill(0);
  for (let code = 0; code < K ** N; code++) {
    let c = code, p = 1;
    for (let j = 0; j < N; j++) { seq[j] = c % K; c = Math.floor(c / K); p *= probs[seq[j]!]!; }
    let best = 0;
    for (let j = 1; j < N; j++) if ((reward(answers[seq[j]!]!) ?? -Infinity) > (reward(answers[seq[best]!]!) ?? -Infinity)) best = j;
    out[answers[seq[best]!]!]! += p;
  }
  return out;
}

test('exact best-of-N with the log-likelihood self-reward returns the mode with probability 1 − (1 − p*)^N', async () => {
  const pi = categorical({ q: { a: 0.4, b: 0.35, c: 0.2, d: 0.05 } });
  for (let N = 1; N <= 12; N++) {
    const dist = await bestOfNDistribution(pi, 'q', N, selfLogLikelihood);
    close(dist.a!, 1 - (1 - 0.4) ** N, 1e-12, `N=${N}`);
    close(Object.values(dist).reduce((x, y) => x + y, 0), 1, 1e-12);
  }
});

test('exact best-of-N distribution matches enumeration of all draw sequences, ties and nulls included', async () => {
  const answers = ['a', 'bb', 'cc', 'd', 'e'];
  const probs = [0.1, 0.3, 0.2, 0.25, 0.15];
  const pi = categorical({ q: Object.fromEntries(answers.map((a, i) => [a, probs[i]!])) });
  // Reward = length, so 'bb' and 'cc' tie at the top; 'e' is not applicable (null).
  const byText = (a: string) => (a === 'e' ? null : a.length);
  for (const N of [1, 2, 3, 5]) {
    const want = bruteForce(answers, probs, N, byText);
    const got = await bestOfNDistribution(pi, 'q', N, (s: Sample) => byText(s.text));
    for (const a of answers) close(got[a]!, want[a]!, 1e-12, `N=${N} ${a}`);
  }
  // Tempered sampling: enumerate with p^(1/T) normalized.
  const T = 0.5;
  const tempered = probs.map((p) => p ** (1 / T));
  const z = tempered.reduce((x, y) => x + y, 0);
  const want = bruteForce(answers, tempered.map((w) => w / z), 4, byText);
  const got = await bestOfNDistribution(pi, 'q', 4, (s: Sample) => byText(s.text), { temperature: T });
  for (const a of answers) close(got[a]!, want[a]!, 1e-12, `T=${T} ${a}`);
});

test('sampled best-of-N picks the mode at rate 1 − (1 − p*)^N (seed 4, 4σ tolerance)', async () => {
  const pStar = 0.3;
  const pi = categorical({ q: { a: pStar, b: 0.25, c: 0.25, d: 0.2 } });
  const M = 4000;
  for (const N of [1, 4]) {
    const result = await bestOfN(pi, new Array<string>(M).fill('q'), N, selfLogLikelihood, { seed: 4 });
    const want = 1 - (1 - pStar) ** N;
    close(result.modeRate!, want, 4 * Math.sqrt((want * (1 - want)) / M), `N=${N}`);
    close(result.picks[0]!.modeSelectionProb!, want, 1e-12);
    for (const pick of result.picks) {
      assert.equal(pick.samples.length, N);
      assert.equal(pick.reward, Math.max(...pick.rewards.map((r) => r!)));
      assert.equal(pick.chosen, pick.samples[pick.rewards.indexOf(pick.reward)]);
    }
  }
});

test('bestOfN displays a per-prompt table and handles null and bad rewards', async () => {
  const pi = categorical({ q1: { a: 0.6, b: 0.4 }, q2: { x: 0.1, y: 0.9 } });
  const result = await bestOfN(pi, ['q1', 'q2'], 3, selfLogLikelihood, { seed: 1 });
  const html = (result as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]()['text/html']!;
  for (const col of ['prompt', 'answer', 'reward', 'π(mode)', 'P(BoN→mode)']) assert.ok(html.includes(`<th>${col}</th>`), col);
  const allNull = await bestOfN(pi, ['q1'], 4, () => null, { seed: 1 });
  assert.equal(allNull.picks[0]!.reward, null);
  assert.equal(allNull.picks[0]!.chosen, allNull.picks[0]!.samples[0]);
  await assert.rejects(bestOfN(pi, ['q1'], 2, () => NaN), /bestOfN: reward returned NaN for prompt 0, sample 0/);
  await assert.rejects(bestOfN(pi, ['q1'], 0, selfLogLikelihood), /bestOfN: N must be ≥ 1 \(got N=0\)/);
  // Async rewards are awaited.
  const asyncResult = await bestOfN(pi, ['q2'], 2, async (s) => (s.text === 'x' ? 1 : 0), { seed: 2 });
  assert.equal(typeof asyncResult.picks[0]!.reward, 'number');
});

test('bestOfN marks picks correct and reports accuracy when given ground truth', async () => {
  const pi = categorical({ q1: { a: 0.6, b: 0.4 }, q2: { x: 0.1, y: 0.9 } });
  const result = await bestOfN(pi, ['q1', 'q2', 'q1'], 3, selfLogLikelihood, { seed: 1, correct: { q1: 'b', q2: 'y' } });
  for (const pick of result.picks) assert.equal(pick.correct, pick.chosen.text === { q1: 'b', q2: 'y' }[pick.prompt]);
  assert.equal(result.accuracy, result.picks.filter((p) => p.correct).length / 3);
  const html = (result as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]()['text/html']!;
  assert.match(html, /<th>correct<\/th>/);
  assert.match(html, /accuracy \d+\.\d%/);
  await assert.rejects(bestOfN(pi, ['q1'], 2, selfLogLikelihood, { correct: { q2: 'y' } }), /bestOfN: correct has no answer for prompt "q1"/);
});
