import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalLoop, temperTopP } from '../../../src/toolkit/collapse/index.js';

test('temperTopP: temperature powers and renormalizes; top-p keeps the smallest prefix reaching p', () => {
  const t = temperTopP([0.5, 0.3, 0.2], { temperature: 0.5 });
  const z = 0.25 + 0.09 + 0.04;
  [0.25 / z, 0.09 / z, 0.04 / z].forEach((e, i) => assert.ok(Math.abs(t[i]! - e) < 1e-12));
  const p = temperTopP([0.5, 0.3, 0.2], { topP: 0.7 });
  [0.625, 0.375, 0].forEach((e, i) => assert.ok(Math.abs(p[i]! - e) < 1e-12));
  assert.deepEqual(Array.from(temperTopP([0.2, 0.5, 0.3], { temperature: 0 })), [0, 1, 0]);
});

test('categoricalLoop: metrics agree with the model; support never grows; truth is Zipf', () => {
  const run = categoricalLoop({ vocab: 200, zipf: 1.2, n: 500, generations: 20, seed: 5 });
  let z = 0;
  for (let i = 1; i <= 200; i++) z += i ** -1.2;
  assert.ok(Math.abs(run.truth[9]! - 10 ** -1.2 / z) < 1e-12);
  for (let g = 1; g <= 20; g++) assert.ok(run.metrics.support[g]! <= run.metrics.support[g - 1]!);
  let support = 0, lost = 0, h = 0, kl = 0;
  run.final.forEach((q, i) => {
    if (q > 0) { support++; h -= q * Math.log(q); kl += q * Math.log(q / run.truth[i]!); } else lost += run.truth[i]!;
  });
  assert.equal(run.metrics.support[20], support);
  assert.ok(Math.abs(run.metrics.tailMassLost[20]! - lost) < 1e-12);
  assert.ok(Math.abs(run.metrics.entropy[20]! - h) < 1e-12 && Math.abs(run.metrics.klToTruth[20]! - kl) < 1e-12);
});

test('categoricalLoop: top-p collapses the support faster than plain sampling; accumulate keeps it', () => {
  const plain = categoricalLoop({ vocab: 300, n: 2000, generations: 10, seed: 1 });
  const nucleus = categoricalLoop({ vocab: 300, n: 2000, generations: 10, seed: 1, topP: 0.9 });
  const acc = categoricalLoop({ vocab: 300, n: 2000, generations: 10, seed: 1, mode: 'accumulate' });
  assert.ok(nucleus.metrics.support[10]! < plain.metrics.support[10]!);
  assert.equal(acc.metrics.support[10], acc.metrics.support[0]);
  assert.throws(() => categoricalLoop({ topP: 1.5 }), /categoricalLoop: topP must be ≤ 1 \(got topP=1.5\)/);
});
