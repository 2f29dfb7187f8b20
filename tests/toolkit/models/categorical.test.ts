import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';
import { chiSquare, chiSquare999 } from './chi-square.js';

const table = { 'q1': { a: 5, b: 3, c: 2 }, 'q2': { x: 1, y: 0 } };

test('categorical normalizes weights and exposes exact probabilities', async () => {
  const pi = categorical(table, { name: 'toy' });
  assert.deepEqual(pi.probs('q1'), { a: 0.5, b: 0.3, c: 0.2 });
  assert.deepEqual(pi.mode('q2'), { answer: 'x', prob: 1 });
  assert.equal(await pi.logProb('q1', 'b'), Math.log(0.3));
  assert.equal(await pi.logProb('q2', 'y'), -Infinity);
  assert.equal(await pi.logProb('q1', 'zzz'), -Infinity);
  assert.deepEqual(pi.vocabulary, ['a', 'b', 'c', 'x', 'y']);
  assert.equal(pi.name, 'toy');
});

test('categorical sample frequencies follow the probabilities (chi-square at 0.999, seed 11)', async () => {
  const pi = categorical(table);
  const [samples] = await pi.sample(['q1'], { n: 30_000, seed: 11 });
  const counts = [0, 0, 0];
  for (const s of samples!) counts[['a', 'b', 'c'].indexOf(s.text)]!++;
  const { stat, df } = chiSquare(counts, [0.5, 0.3, 0.2]);
  assert.ok(stat < chiSquare999(df), `chi-square ${stat}`);
  const s = samples![0]!;
  assert.deepEqual(s.tokenLogProbs, [Math.log(pi.probs('q1')[s.text]!)]);
  assert.equal(s.finishReason, 'stop');
  assert.deepEqual(s.tokenIds, [pi.vocabulary.indexOf(s.text)]);
});

test('categorical temperature and top-p reshape sampling to p^(1/T) and the nucleus', async () => {
  const pi = categorical(table);
  const T = 0.5;
  const w = [0.5, 0.3, 0.2].map((p) => p ** (1 / T));
  const z = w.reduce((a, b) => a + b, 0);
  const [tempered] = await pi.sample(['q1'], { n: 30_000, seed: 5, temperature: T });
  const counts = [0, 0, 0];
  for (const s of tempered!) counts[['a', 'b', 'c'].indexOf(s.text)]!++;
  const { stat, df } = chiSquare(counts, w.map((x) => x / z));
  assert.ok(stat < chiSquare999(df), `chi-square ${stat}`);
  // Log-probs stay at temperature 1.
  assert.equal(tempered![0]!.tokenLogProbs[0], Math.log(pi.probs('q1')[tempered![0]!.text]!));
  // top-p 0.7: nucleus {a, b} (0.5 + 0.3 ≥ 0.7); c is never drawn.
  const [nucleus] = await pi.sample(['q1'], { n: 2000, seed: 5, topP: 0.7 });
  assert.ok(nucleus!.every((s) => s.text !== 'c'));
  // temperature 0 is greedy.
  const [greedy] = await pi.sample(['q1'], { n: 50, seed: 5, temperature: 0 });
  assert.ok(greedy!.every((s) => s.text === 'a'));
});

test('categorical reports top-k alternatives, is seeded, and displays as a table', async () => {
  const pi = categorical(table);
  const s = (await pi.sample(['q1'], { topK: 2, seed: 1 }))[0]![0]!;
  assert.deepEqual(s.topLogProbs[0], [{ token: 'a', logProb: Math.log(0.5) }, { token: 'b', logProb: Math.log(0.3) }]);
  const a = await pi.sample(['q1', 'q2'], { n: 5, seed: 9 });
  const b = await pi.sample(['q1', 'q2'], { n: 5, seed: 9 });
  assert.deepEqual(a, b);
  const bundle = (pi as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]();
  assert.match(bundle['text/html']!, /<table/);
  assert.match(bundle['text/plain']!, /q1/);
});

test('categorical map reweights per prompt and keeps prompts it skips', () => {
  const pi = categorical(table);
  const flat = pi.map((prompt, p) => (prompt === 'q1' ? p.map(() => 1) : undefined));
  assert.deepEqual(Array.from(flat.probVector('q1')), [1 / 3, 1 / 3, 1 / 3]);
  assert.deepEqual(flat.probs('q2'), { x: 1, y: 0 });
});

test('categorical names bad input', async () => {
  assert.throws(() => categorical({}), /categorical: table must have at least one prompt/);
  assert.throws(() => categorical({ q: {} }), /categorical: table\["q"\] must have at least one answer/);
  assert.throws(() => categorical({ q: { a: -1 } }), /categorical: table\["q"\]\[0\] must be a finite non-negative weight \(got -1\)/);
  assert.throws(() => categorical({ q: { a: 0 } }), /categorical: table\["q"\] must have a positive total weight \(got 0\)/);
  const pi = categorical(table);
  await assert.rejects(pi.sample(['nope']), /categorical.sample: unknown prompt "nope" \(the policy knows 2 prompts: "q1", "q2"\)/);
  await assert.rejects(pi.sample(['q1'], { n: 0 }), /categorical.sample: n must be ≥ 1 \(got n=0\)/);
  await assert.rejects(pi.sample(['q1'], { topP: 0 }), /categorical.sample: topP must be > 0/);
  await assert.rejects(pi.sample(['q1'], { temperature: -1 }), /temperature must be ≥ 0/);
});
